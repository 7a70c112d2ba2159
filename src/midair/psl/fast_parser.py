"""A hand-written recursive-descent twin of `grammar.lark`, for the common case of valid input.

Why two parsers: lark's LALR parser in pure Python handles roughly 50–100k tokens a second, and a
1,000-model schema has over 150k tokens; this parser is about ten times faster. It accepts
exactly the language of `grammar.lark` and builds the very same `Document` (spans and docs
included); on the first thing it does not like it gives up (`FastParseFailed`) and `parser.py`
parses the text again with lark, whose errors make the diagnostics. A property test
(`tests/unit/psl/test_psl_fuzz.py`) checks that both parsers agree on thousands of mutated schemas.

How it is fast: the text is cut into tokens by one `re.split`, and the tokens' kinds, offsets,
lines and columns are computed with `map`/`accumulate`/`bisect` over whole lists (C loops, no
Python code per token); the parser is a set of closures over those lists and one index.
"""

from __future__ import annotations

import re
from itertools import accumulate, repeat
from operator import itemgetter, sub

from midair.psl import ast

# The formatter's tokenizer (it keeps comments and newlines): one alternative per terminal of
# grammar.lark, in the same precedence, each preceded by the whitespace before it; ERR catches
# the rest and the empty alternative at the end takes trailing whitespace.
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


# The parser's tokenizer: the same terminals in the same precedence, as one capturing group for
# `re.split` (whitespace and newlines are what lies between); the last alternative is ERR.
_SPLIT = re.compile(
    r"""(//[^\n]*
      |@@?[A-Za-z_][A-Za-z0-9_\-]*(?:\.[A-Za-z_][A-Za-z0-9_\-]*)*
      |[A-Za-z_][A-Za-z0-9_\-]*
      |"(?:\\[^\n]|[^"\\\r\n])*"
      |-?[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?
      |[{}()\[\]?=:,.]
      |[^ \t\r\f\ufeff\n])""",
    re.X,
)
# A token's kind from its first character (punctuation's kind is itself). `@` is resolved to
# FIELD_ATTR or BLOCK_ATTR afterwards; a character with no kind, or one of `_LONE` standing alone
# (the only way those four make a one-character token), is ERR.
_KIND_OF_FIRST = {
    **{c: "NAME" for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_"},
    **{c: "NUMBER" for c in "-0123456789"},
    **{c: c for c in "{}()[]?=:,."},
    '"': "STRING",
    "/": "COMMENT",
    "@": "@",
}
_LONE = frozenset({"@", '"', "-", "/"})
_first = itemgetter(0)


def _next_line(start: int, length: int) -> int:
    return start + length + 1


class FastParseFailed(Exception):
    """The fast parser met something it does not accept; lark will explain what."""


class _Tokens:
    """The tokens of one text as parallel lists: kind, text, start and end offsets, 1-based line
    and column; `kinds` has two `$END` sentinels so that lookahead is a plain index. `docs` maps
    a line to its `///` comment: (text, alone on its line)."""

    __slots__ = ("kinds", "texts", "starts", "ends", "lines", "columns", "docs")

    def __init__(self, text: str) -> None:
        parts = _SPLIT.split(text)  # [gap, token, gap, token, ..., gap]
        texts = parts[1::2]
        kinds = list(map(_KIND_OF_FIRST.get, map(_first, texts)))
        if None in kinds or not _LONE.isdisjoint(texts):
            raise FastParseFailed
        offsets = list(accumulate(map(len, parts)))
        starts = offsets[0:-1:2]
        ends = offsets[1::2]
        # No token holds a newline: a token's line is 1 + the newlines in the gaps before it.
        lines = list(accumulate(map(str.count, parts[0:-1:2], repeat("\n")), initial=1))[1:]
        line_starts = accumulate(map(len, text.split("\n")[:-1]), _next_line, initial=0)
        before = [0, *map(sub, line_starts, repeat(1))]  # before[n]: the offset just before line n
        columns = list(map(sub, starts, map(before.__getitem__, lines)))
        if "@" in kinds:
            i = kinds.index("@")
            while True:
                kinds[i] = "BLOCK_ATTR" if texts[i][1] == "@" else "FIELD_ATTR"
                try:
                    i = kinds.index("@", i + 1)
                except ValueError:
                    break
        docs: dict[int, tuple[str, bool]] = {}
        if "COMMENT" in kinds:  # comments leave the token lists; `///` ones become docs
            keep: list[int] = []
            last_token_line = 0
            for k, kind in enumerate(kinds):
                if kind != "COMMENT":
                    keep.append(k)
                    last_token_line = lines[k]
                elif texts[k].startswith("///"):
                    docs[lines[k]] = (texts[k][3:].strip(), last_token_line != lines[k])
            kinds, texts, starts, ends, lines, columns = (
                [xs[k] for k in keep] for xs in (kinds, texts, starts, ends, lines, columns)
            )
        kinds += ["$END", "$END"]
        self.kinds, self.texts, self.starts, self.ends = kinds, texts, starts, ends
        self.lines, self.columns, self.docs = lines, columns, docs


def fast_parse(text: str, file: str) -> tuple[ast.Block, ...]:
    """The blocks of `text`, or `FastParseFailed` if it is not in the grammar's language."""
    try:
        return _parse(_Tokens(text), text, file)
    except RecursionError:  # absurdly nested arrays: let lark produce the diagnostic
        raise FastParseFailed from None


def _parse(tokens: _Tokens, text: str, file: str) -> tuple[ast.Block, ...]:
    """Recursive descent over `tokens`, mirroring `lark_parser._Builder`'s nodes, spans and docs.

    The rules are closures over the token lists and the index `i` (the next token): a rule reads
    `kinds[i]`, consumes by advancing `i`, and raises `FastParseFailed` where the grammar would
    not go on."""
    kinds, texts, starts, ends = tokens.kinds, tokens.texts, tokens.starts, tokens.ends
    lines, columns, docs = tokens.lines, tokens.columns, tokens.docs
    Span = ast.Span  # a node's span: from its first token (index) to an end offset, inlined
    i = 0

    def expect(kind: str) -> int:
        """Consume a token of `kind`; returns its index."""
        nonlocal i
        k = i
        if kinds[k] != kind:
            raise FastParseFailed
        i = k + 1
        return k

    def doc(first_line: int, last_line: int) -> str | None:
        found: list[str] = []
        line = first_line - 1
        while line in docs and docs[line][1]:
            found.append(docs[line][0])
            line -= 1
        found.reverse()
        trailing = docs.get(last_line)
        if trailing is not None and not trailing[1]:
            found.append(trailing[0])
        return "\n".join(found) if found else None

    def node_doc(s: ast.Span) -> str | None:
        if not docs:
            return None
        return doc(s.line, s.line + text.count("\n", s.start, s.end))

    def expression() -> ast.Expression:
        nonlocal i
        k = i
        kind = kinds[k]
        if kind == "STRING":
            i = k + 1
            return ast.StringValue(unescape(texts[k]), Span(file, lines[k], columns[k], starts[k], ends[k]))
        if kind == "NUMBER":
            i = k + 1
            return ast.NumberValue(texts[k], Span(file, lines[k], columns[k], starts[k], ends[k]))
        if kind == "[":
            return array()
        if kind == "{":
            return object_()
        if kind == "NAME":
            i = k + 1
            nxt = kinds[i]
            if nxt != "(" and nxt != ".":
                return ast.ConstantValue(texts[k], Span(file, lines[k], columns[k], starts[k], ends[k]))
            parts = [texts[k]]
            while kinds[i] == ".":
                i += 1
                parts.append(".")
                parts.append(texts[expect("NAME")])
            args, end = arguments()
            return ast.FunctionCall("".join(parts), args, Span(file, lines[k], columns[k], starts[k], end))
        raise FastParseFailed

    def array() -> ast.ArrayValue:
        nonlocal i
        open_ = expect("[")
        items: list[ast.Expression] = []
        if kinds[i] != "]":
            items.append(expression())
            while kinds[i] == ",":
                i += 1
                if kinds[i] == "]":
                    break
                items.append(expression())
        close = expect("]")
        return ast.ArrayValue(tuple(items), Span(file, lines[open_], columns[open_], starts[open_], ends[close]))

    def object_() -> ast.ObjectValue:
        nonlocal i
        open_ = expect("{")
        fields: list[ast.Argument] = []
        while kinds[i] == "NAME" and kinds[i + 1] == ":":
            fields.append(argument())
            if kinds[i] != ",":
                break
            i += 1
        close = expect("}")
        return ast.ObjectValue(tuple(fields), Span(file, lines[open_], columns[open_], starts[open_], ends[close]))

    def argument() -> ast.Argument:
        nonlocal i
        k = i
        if kinds[k] == "NAME" and kinds[k + 1] == ":":
            i = k + 2
            value = expression()
            return ast.Argument(texts[k], value, Span(file, lines[k], columns[k], starts[k], value.span.end))
        value = expression()
        return ast.Argument(None, value, value.span)

    def arguments() -> tuple[tuple[ast.Argument, ...], int]:
        nonlocal i
        expect("(")
        args: list[ast.Argument] = []
        if kinds[i] != ")":
            args.append(argument())
            while kinds[i] == ",":
                i += 1
                if kinds[i] == ")":
                    break
                args.append(argument())
        close = expect(")")
        return tuple(args), ends[close]

    def attribute(block: bool) -> ast.Attribute:
        nonlocal i
        k = i
        i = k + 1
        name = texts[k][2:] if block else texts[k][1:]
        if kinds[i] == "(":
            args, end = arguments()
            return ast.Attribute(name, args, Span(file, lines[k], columns[k], starts[k], end), block)
        return ast.Attribute(name, (), Span(file, lines[k], columns[k], starts[k], ends[k]), block)

    def field_type() -> ast.FieldType:
        nonlocal i
        name = expect("NAME")
        nxt = kinds[i]
        optional = is_list = False
        unsupported = None
        end = ends[name]
        if nxt == "?":
            end = ends[i]
            i += 1
            optional = True
        elif nxt == "[":
            i += 1
            end = ends[expect("]")]
            is_list = True
            if kinds[i] == "?":
                end = ends[i]
                i += 1
                optional = True
        elif nxt == "(":
            i += 1
            unsupported = unescape(texts[expect("STRING")])
            end = ends[expect(")")]
            if kinds[i] == "?":
                end = ends[i]
                i += 1
                optional = True
            elif kinds[i] == "[":
                i += 1
                end = ends[expect("]")]
                is_list = True
        return ast.FieldType(texts[name], optional, is_list, Span(file, lines[name], columns[name], starts[name], end), unsupported)

    def field() -> ast.Field:
        nonlocal i
        name = i  # the caller saw a NAME
        i += 1
        type_ = field_type()
        attributes: list[ast.Attribute] = []
        while kinds[i] == "FIELD_ATTR":
            attributes.append(attribute(False))
        end = attributes[-1].span.end if attributes else type_.span.end
        s = Span(file, lines[name], columns[name], starts[name], end)
        return ast.Field(texts[name], type_, tuple(attributes), s, node_doc(s))

    def enum_value() -> ast.EnumValue:
        nonlocal i
        name = i  # the caller saw a NAME
        i += 1
        attributes: list[ast.Attribute] = []
        while kinds[i] == "FIELD_ATTR":
            attributes.append(attribute(False))
        end = attributes[-1].span.end if attributes else ends[name]
        s = Span(file, lines[name], columns[name], starts[name], end)
        return ast.EnumValue(texts[name], tuple(attributes), s, node_doc(s))

    def block() -> ast.Block:
        nonlocal i
        keyword = expect("NAME")
        kw = texts[keyword]
        if kw not in _KEYWORDS:
            raise FastParseFailed
        name = texts[expect("NAME")]
        brace = expect("{")
        if kw in ("model", "view", "type"):
            fields: list[ast.Field] = []
            attributes: list[ast.Attribute] = []
            while True:
                kind = kinds[i]
                if kind == "NAME":
                    fields.append(field())
                elif kind == "BLOCK_ATTR":
                    attributes.append(attribute(True))
                else:
                    break
            s = Span(file, lines[keyword], columns[keyword], starts[keyword], ends[expect("}")])
            doc_ = doc(s.line, lines[brace]) if docs else None
            return ast.Model(kw, name, tuple(fields), tuple(attributes), s, doc_)  # type: ignore[arg-type]
        if kw == "enum":
            values: list[ast.EnumValue] = []
            attributes = []
            while True:
                kind = kinds[i]
                if kind == "NAME":
                    values.append(enum_value())
                elif kind == "BLOCK_ATTR":
                    attributes.append(attribute(True))
                else:
                    break
            s = Span(file, lines[keyword], columns[keyword], starts[keyword], ends[expect("}")])
            doc_ = doc(s.line, lines[brace]) if docs else None
            return ast.EnumDecl(name, tuple(values), tuple(attributes), s, doc_)
        properties: list[ast.Property] = []
        while kinds[i] == "NAME":
            key = i
            i += 1
            expect("=")
            value = expression()
            properties.append(ast.Property(texts[key], value, Span(file, lines[key], columns[key], starts[key], value.span.end)))
        close = expect("}")
        return ast.ConfigBlock(kw, name, tuple(properties), Span(file, lines[keyword], columns[keyword], starts[keyword], ends[close]))  # type: ignore[arg-type]

    blocks: list[ast.Block] = []
    n = len(texts)
    while i < n:
        blocks.append(block())
    return tuple(blocks)
