"""A hand-written recursive-descent twin of `grammar.lark`, for the common case of valid input.

Why two parsers: lark's LALR parser in pure Python handles roughly 50–100k tokens a second, and a
1,000-model schema has over 100k tokens; this parser is about five times faster. It accepts
exactly the language of `grammar.lark` and builds the very same `Document` (spans and docs
included); on the first thing it does not like it gives up (`FastParseFailed`) and `parser.py`
parses the text again with lark, whose errors make the diagnostics. A property test
(`tests/unit/psl/test_fuzz.py`) checks that both parsers agree on thousands of mutated schemas.
"""

from __future__ import annotations

import re

from midair.psl import ast

# One alternative per terminal of grammar.lark, in the same precedence, each preceded by the
# whitespace before it (one match per token: half as many iterations); ERR catches the rest and
# the empty alternative at the end takes trailing whitespace.
_TOKEN = re.compile(
    r"""[ \t\r\f\ufeff]*(?:(?P<NL>\n)
      |(?P<COMMENT>//[^\n]*)
      |(?P<BLOCK_ATTR>@@[A-Za-z_][A-Za-z0-9_\-]*(?:\.[A-Za-z_][A-Za-z0-9_\-]*)*)
      |(?P<FIELD_ATTR>@[A-Za-z_][A-Za-z0-9_\-]*(?:\.[A-Za-z_][A-Za-z0-9_\-]*)*)
      |(?P<NAME>[A-Za-z_][A-Za-z0-9_\-]*)
      |(?P<STRING>"(?:\\[^\n]|[^"\\\r\n])*")
      |(?P<NUMBER>-?[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)
      |(?P<P>[{}()\[\]?=:,.])
      |(?P<ERR>.)
      |$)""",
    re.X | re.S,
)
_KEYWORDS = {"model", "view", "type", "enum", "datasource", "generator"}


def unescape(raw: str) -> str:
    """The value of a PSL string literal (quotes included in `raw`); escapes as in JSON."""
    body = raw[1:-1]
    if "\\" not in body:
        return body
    out: list[str] = []
    i = 0
    simple = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "0": "\0"}
    while i < len(body):
        c = body[i]
        if c == "\\" and i + 1 < len(body):
            n = body[i + 1]
            if n in simple:
                out.append(simple[n])
                i += 2
                continue
            if n == "u" and re.fullmatch(r"[0-9a-fA-F]{4}", body[i + 2 : i + 6]):
                out.append(chr(int(body[i + 2 : i + 6], 16)))
                i += 6
                continue
            out.append(n)  # unknown escape: keep the character, as Prisma's lexer does
            i += 2
            continue
        out.append(c)
        i += 1
    return "".join(out)


class FastParseFailed(Exception):
    """The fast parser met something it does not accept; lark will explain what."""


# A token: (kind, text, start offset, line, column, end offset). Punctuation's kind is its text.
Tok = tuple[str, str, int, int, int, int]


def tokenize(text: str) -> tuple[list[Tok], dict[int, tuple[str, bool]]]:
    """The tokens of `text` and its `///` doc comments (line -> (text, alone on its line))."""
    tokens: list[Tok] = []
    docs: dict[int, tuple[str, bool]] = {}
    line = 1
    line_start = 0
    last_token_line = 0
    append = tokens.append
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup
        if kind is None:  # trailing whitespace
            continue
        if kind == "NL":
            line += 1
            line_start = m.end()
            continue
        start = m.start(kind)
        value = m.group(kind)
        if kind == "COMMENT":
            if value.startswith("///"):
                docs[line] = (value[3:].strip(), last_token_line != line)
            continue
        if kind == "ERR":
            raise FastParseFailed
        if kind == "P":
            kind = value
        append((kind, value, start, line, start - line_start + 1, m.end()))  # type: ignore[arg-type]
        last_token_line = line
    return tokens, docs


class FastParser:
    """Parses one file's tokens into blocks, mirroring `parser._Builder`'s spans and docs."""

    def __init__(self, text: str, file: str) -> None:
        self.text = text
        self.file = file
        self.tokens, self.docs = tokenize(text)
        # Token kinds with two end sentinels: lookahead is a plain list index.
        self.kinds = [t[0] for t in self.tokens] + ["$END", "$END"]
        self.i = 0

    # --- helpers --------------------------------------------------------------------------------

    def _peek(self, offset: int = 0) -> str:
        return self.kinds[self.i + offset]

    def _take(self, kind: str) -> Tok:
        i = self.i
        if self.kinds[i] != kind:
            raise FastParseFailed
        self.i = i + 1
        return self.tokens[i]

    def _span(self, first: Tok, end: int) -> ast.Span:
        return ast.Span(self.file, first[3], first[4], first[2], end)

    def _doc(self, first_line: int, last_line: int) -> str | None:
        docs = self.docs
        if not docs:
            return None
        lines: list[str] = []
        line = first_line - 1
        while line in docs and docs[line][1]:
            lines.append(docs[line][0])
            line -= 1
        lines.reverse()
        trailing = docs.get(last_line)
        if trailing is not None and not trailing[1]:
            lines.append(trailing[0])
        return "\n".join(lines) if lines else None

    def _last_line(self, span: ast.Span) -> int:
        return span.line + self.text.count("\n", span.start, span.end)

    # --- expressions ----------------------------------------------------------------------------

    def _expression(self) -> ast.Expression:
        kind = self.kinds[self.i]
        if kind == "STRING":
            tok = self._take("STRING")
            return ast.StringValue(unescape(tok[1]), self._span(tok, tok[5]))
        if kind == "NUMBER":
            tok = self._take("NUMBER")
            return ast.NumberValue(tok[1], self._span(tok, tok[5]))
        if kind == "[":
            return self._array()
        if kind == "{":
            return self._object()
        if kind == "NAME":
            first = self._take("NAME")
            nxt = self.kinds[self.i]
            if nxt != "(" and nxt != ".":
                return ast.ConstantValue(first[1], self._span(first, first[5]))
            parts = [first[1]]
            while self.kinds[self.i] == ".":
                self._take(".")
                parts.append(".")
                parts.append(self._take("NAME")[1])
            args, end = self._arguments()
            return ast.FunctionCall("".join(parts), args, self._span(first, end))
        raise FastParseFailed

    def _array(self) -> ast.ArrayValue:
        open_ = self._take("[")
        items: list[ast.Expression] = []
        if self.kinds[self.i] != "]":
            items.append(self._expression())
            while self.kinds[self.i] == ",":
                self._take(",")
                if self.kinds[self.i] == "]":
                    break
                items.append(self._expression())
        close = self._take("]")
        return ast.ArrayValue(tuple(items), self._span(open_, close[5]))

    def _object(self) -> ast.ObjectValue:
        open_ = self._take("{")
        fields: list[ast.Argument] = []
        while self.kinds[self.i] == "NAME" and self.kinds[self.i + 1] == ":":
            fields.append(self._argument())
            if self.kinds[self.i] != ",":
                break
            self._take(",")
        close = self._take("}")
        return ast.ObjectValue(tuple(fields), self._span(open_, close[5]))

    def _argument(self) -> ast.Argument:
        if self.kinds[self.i] == "NAME" and self.kinds[self.i + 1] == ":":
            name = self._take("NAME")
            self._take(":")
            value = self._expression()
            return ast.Argument(name[1], value, self._span(name, value.span.end))
        value = self._expression()
        return ast.Argument(None, value, value.span)

    def _arguments(self) -> tuple[tuple[ast.Argument, ...], int]:
        self._take("(")
        args: list[ast.Argument] = []
        if self.kinds[self.i] != ")":
            args.append(self._argument())
            while self.kinds[self.i] == ",":
                self._take(",")
                if self.kinds[self.i] == ")":
                    break
                args.append(self._argument())
        close = self._take(")")
        return tuple(args), close[5]

    def _attribute(self, kind: str) -> ast.Attribute:
        tok = self._take(kind)
        block = kind == "BLOCK_ATTR"
        name = tok[1][2:] if block else tok[1][1:]
        if self.kinds[self.i] == "(":
            args, end = self._arguments()
            return ast.Attribute(name, args, self._span(tok, end), block)
        return ast.Attribute(name, (), self._span(tok, tok[5]), block)

    # --- declarations ---------------------------------------------------------------------------

    def _field_type(self) -> ast.FieldType:
        name = self._take("NAME")
        nxt = self.kinds[self.i]
        optional = is_list = False
        unsupported = None
        end = name[5]
        if nxt == "?":
            end = self._take("?")[5]
            optional = True
        elif nxt == "[":
            self._take("[")
            end = self._take("]")[5]
            is_list = True
            if self.kinds[self.i] == "?":
                end = self._take("?")[5]
                optional = True
        elif nxt == "(":
            self._take("(")
            unsupported = unescape(self._take("STRING")[1])
            end = self._take(")")[5]
            if self.kinds[self.i] == "?":
                end = self._take("?")[5]
                optional = True
            elif self.kinds[self.i] == "[":
                self._take("[")
                end = self._take("]")[5]
                is_list = True
        return ast.FieldType(name[1], optional, is_list, self._span(name, end), unsupported)

    def _field(self) -> ast.Field:
        name = self._take("NAME")
        type_ = self._field_type()
        attributes: list[ast.Attribute] = []
        while self.kinds[self.i] == "FIELD_ATTR":
            attributes.append(self._attribute("FIELD_ATTR"))
        end = attributes[-1].span.end if attributes else type_.span.end
        span = self._span(name, end)
        return ast.Field(name[1], type_, tuple(attributes), span, self._doc(span.line, self._last_line(span)))

    def _enum_value(self) -> ast.EnumValue:
        name = self._take("NAME")
        attributes: list[ast.Attribute] = []
        while self.kinds[self.i] == "FIELD_ATTR":
            attributes.append(self._attribute("FIELD_ATTR"))
        end = attributes[-1].span.end if attributes else name[5]
        span = self._span(name, end)
        return ast.EnumValue(name[1], tuple(attributes), span, self._doc(span.line, self._last_line(span)))

    def _block(self) -> ast.Block:
        keyword = self._take("NAME")
        kw = keyword[1]
        if kw not in _KEYWORDS:
            raise FastParseFailed
        name = self._take("NAME")
        brace = self._take("{")
        if kw in ("model", "view", "type"):
            fields: list[ast.Field] = []
            attributes: list[ast.Attribute] = []
            while True:
                kind = self.kinds[self.i]
                if kind == "NAME":
                    fields.append(self._field())
                elif kind == "BLOCK_ATTR":
                    attributes.append(self._attribute("BLOCK_ATTR"))
                else:
                    break
            close = self._take("}")
            span = self._span(keyword, close[5])
            return ast.Model(kw, name[1], tuple(fields), tuple(attributes), span, self._doc(span.line, brace[3]))  # type: ignore[arg-type]
        if kw == "enum":
            values: list[ast.EnumValue] = []
            attributes = []
            while True:
                kind = self.kinds[self.i]
                if kind == "NAME":
                    values.append(self._enum_value())
                elif kind == "BLOCK_ATTR":
                    attributes.append(self._attribute("BLOCK_ATTR"))
                else:
                    break
            close = self._take("}")
            span = self._span(keyword, close[5])
            return ast.EnumDecl(name[1], tuple(values), tuple(attributes), span, self._doc(span.line, brace[3]))
        properties: list[ast.Property] = []
        while self.kinds[self.i] == "NAME":
            key = self._take("NAME")
            self._take("=")
            value = self._expression()
            properties.append(ast.Property(key[1], value, self._span(key, value.span.end)))
        close = self._take("}")
        return ast.ConfigBlock(kw, name[1], tuple(properties), self._span(keyword, close[5]))  # type: ignore[arg-type]

    def parse(self) -> tuple[ast.Block, ...]:
        blocks: list[ast.Block] = []
        n = len(self.tokens)
        while self.i < n:
            blocks.append(self._block())
        return tuple(blocks)


def fast_parse(text: str, file: str) -> tuple[ast.Block, ...]:
    """The blocks of `text`, or `FastParseFailed` if it is not in the grammar's language."""
    try:
        return FastParser(text, file).parse()
    except RecursionError:  # absurdly nested arrays: let lark produce the diagnostic
        raise FastParseFailed from None
