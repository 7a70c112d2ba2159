"""The lark LALR parser for the Prisma Schema Language: the slow path, for diagnostics.

Valid text (the common case) never comes here: `fast_parser.py` reads it and builds the identical
tree several times faster, without importing lark. The first thing the fast parser does not accept
sends the text here (through `parser.parse_file`), and lark's errors make the diagnostics.
`tests/unit/psl/test_psl_fuzz.py` checks that both accept the same texts and build the same trees.

1. `grammar.lark` (an LALR(1) grammar, loaded once with `importlib.resources`) is parsed with an
   inline transformer (`_Builder`), so no intermediate parse tree is built: every grammar rule
   becomes a `midair.psl.ast` node directly, with a `Span` taken from its first and last tokens.
2. `///` doc comments are ignored by the grammar but collected by a lexer callback; a field, enum
   value or block takes the doc lines directly above it (and a trailing `///` on its own line).
3. On a syntax error, lark's exception becomes a `Diagnostic`; the broken block (from the block
   header before the error to the next block header) is blanked out, keeping line and column
   positions, and the text is parsed again, so that one run reports the errors of several blocks.
   All of them are raised together as one `SchemaError`; lark exceptions never escape.
"""

from __future__ import annotations

import re
import threading
from importlib import resources
from typing import Any

from lark import Lark, Token, Transformer
from lark.exceptions import LarkError, UnexpectedCharacters, UnexpectedInput, UnexpectedToken, VisitError

from midair.errors import Diagnostic
from midair.psl import ast
from midair.psl.diagnostics import excerpt
from midair.psl.fast_parser import unescape as _unescape

_MAX_ERRORS = 20
_BLANK = re.compile(r"[ \t\r\f\ufeff]*")

# A line that opens a top-level block; used to find where a broken block ends for error recovery.
_BLOCK_HEADER = re.compile(r"^[ \t]*(?:model|view|type|enum|datasource|generator)[ \t]+[A-Za-z_][\w\-]*[ \t]*\{", re.M)

# Human names for the grammar's terminals, used in "expected …" messages.
_TERMINAL_NAMES = {
    "NAME": "a name",
    "STRING": "a string",
    "NUMBER": "a number",
    "FIELD_ATTR": "an attribute (`@…`)",
    "BLOCK_ATTR": "a block attribute (`@@…`)",
    "MODEL_KW": "`model`, `view` or `type`",
    "ENUM_KW": "`enum`",
    "CONFIG_KW": "`datasource` or `generator`",
    "LBRACE": "`{`",
    "RBRACE": "`}`",
    "LPAR": "`(`",
    "RPAR": "`)`",
    "LSQB": "`[`",
    "RSQB": "`]`",
    "QMARK": "`?`",
    "EQUAL": "`=`",
    "COLON": "`:`",
    "COMMA": "`,`",
    "DOT": "`.`",
    "$END": "the end of the file",
}


def _span(file: str, first: Any, last: Any) -> ast.Span:
    """The span from the start of `first` to the end of `last` (tokens or nodes with a span)."""
    if isinstance(first, Token):
        line, column, start = first.line, first.column, first.start_pos
    else:
        s = first.span
        line, column, start = s.line, s.column, s.start
    end = last.end_pos if isinstance(last, Token) else last.span.end
    return ast.Span(file, line or 1, column or 1, start or 0, end or 0)


class _Builder(Transformer):
    """Builds `midair.psl.ast` nodes while lark parses (inline transformer, all tokens kept)."""

    def __init__(self) -> None:
        super().__init__(visit_tokens=False)
        self.file = "schema.prisma"
        self.docs: dict[int, tuple[str, bool]] = {}  # line -> (doc text, alone on its line)
        self.text = ""

    # --- comments ------------------------------------------------------------------------------

    def on_comment(self, token: Token) -> Token:
        value = str(token)
        if value.startswith("///"):
            line_start = self.text.rfind("\n", 0, token.start_pos) + 1
            alone = _BLANK.fullmatch(self.text, line_start, token.start_pos) is not None
            self.docs[token.line] = (value[3:].strip(), alone)
        return token

    def _doc(self, first_line: int, last_line: int) -> str | None:
        lines: list[str] = []
        line = first_line - 1
        while line in self.docs and self.docs[line][1]:
            lines.append(self.docs[line][0])
            line -= 1
        lines.reverse()
        trailing = self.docs.get(last_line)
        if trailing is not None and not trailing[1]:
            lines.append(trailing[0])
        return "\n".join(lines) if lines else None

    # --- expressions ---------------------------------------------------------------------------

    def string(self, c: list[Any]) -> ast.StringValue:
        t = c[0]
        return ast.StringValue(_unescape(str(t)), _span(self.file, t, t))

    def number(self, c: list[Any]) -> ast.NumberValue:
        t = c[0]
        return ast.NumberValue(str(t), _span(self.file, t, t))

    def constant(self, c: list[Any]) -> ast.ConstantValue:
        t = c[0]
        return ast.ConstantValue(str(t), _span(self.file, t, t))

    def path(self, c: list[Any]) -> tuple[str, Token, Token]:
        return ("".join(str(t) for t in c), c[0], c[-1])

    def function_call(self, c: list[Any]) -> ast.FunctionCall:
        name, first, _ = c[0]
        args, close = c[1]
        return ast.FunctionCall(name, args, _span(self.file, first, close))

    def array(self, c: list[Any]) -> ast.ArrayValue:
        items = tuple(x for x in c if x is not None and not isinstance(x, Token))
        return ast.ArrayValue(items, _span(self.file, c[0], c[-1]))

    def object_field(self, c: list[Any]) -> ast.Argument:
        return ast.Argument(str(c[0]), c[2], _span(self.file, c[0], c[2]))

    def object(self, c: list[Any]) -> ast.ObjectValue:
        fields = tuple(x for x in c if isinstance(x, ast.Argument))
        return ast.ObjectValue(fields, _span(self.file, c[0], c[-1]))

    def arguments(self, c: list[Any]) -> tuple[tuple[ast.Argument, ...], Token]:
        return tuple(x for x in c if isinstance(x, ast.Argument)), c[-1]

    def positional_argument(self, c: list[Any]) -> ast.Argument:
        return ast.Argument(None, c[0], c[0].span)

    def named_argument(self, c: list[Any]) -> ast.Argument:
        return ast.Argument(str(c[0]), c[2], _span(self.file, c[0], c[2]))

    # --- attributes ----------------------------------------------------------------------------

    def _attribute(self, c: list[Any], block: bool) -> ast.Attribute:
        token = c[0]
        name = str(token)[2:] if block else str(token)[1:]
        if len(c) > 1 and c[1] is not None:
            args, close = c[1]
            return ast.Attribute(name, args, _span(self.file, token, close), block)
        return ast.Attribute(name, (), _span(self.file, token, token), block)

    def field_attribute(self, c: list[Any]) -> ast.Attribute:
        return self._attribute(c, False)

    def block_attribute(self, c: list[Any]) -> ast.Attribute:
        return self._attribute(c, True)

    # --- fields and blocks ---------------------------------------------------------------------

    def _type(self, c: list[Any], optional: bool, is_list: bool, unsupported: bool = False) -> ast.FieldType:
        return ast.FieldType(
            str(c[0]),
            optional,
            is_list,
            _span(self.file, c[0], c[-1]),
            _unescape(str(c[2])) if unsupported else None,
        )

    def required_type(self, c: list[Any]) -> ast.FieldType:
        return self._type(c, False, False)

    def optional_type(self, c: list[Any]) -> ast.FieldType:
        return self._type(c, True, False)

    def list_type(self, c: list[Any]) -> ast.FieldType:
        return self._type(c, False, True)

    def list_optional_type(self, c: list[Any]) -> ast.FieldType:
        # `T[]?` is not valid Prisma; the validator reports it (kept as a list, marked optional).
        return self._type(c, True, True)

    def unsupported_type(self, c: list[Any]) -> ast.FieldType:
        return self._type(c, False, False, True)

    def unsupported_optional_type(self, c: list[Any]) -> ast.FieldType:
        return self._type(c, True, False, True)

    def unsupported_list_type(self, c: list[Any]) -> ast.FieldType:
        return self._type(c, False, True, True)

    def field(self, c: list[Any]) -> ast.Field:
        span = _span(self.file, c[0], c[-1])
        last_line = span.line + self.text.count("\n", span.start, span.end)
        return ast.Field(str(c[0]), c[1], tuple(c[2:]), span, self._doc(span.line, last_line))

    def enum_value(self, c: list[Any]) -> ast.EnumValue:
        span = _span(self.file, c[0], c[-1])
        last_line = span.line + self.text.count("\n", span.start, span.end)
        return ast.EnumValue(str(c[0]), tuple(c[1:]), span, self._doc(span.line, last_line))

    def model(self, c: list[Any]) -> ast.Model:
        kind, name = str(c[0]), str(c[1])
        members = c[3:-1]
        fields = tuple(m for m in members if isinstance(m, ast.Field))
        attributes = tuple(m for m in members if isinstance(m, ast.Attribute))
        span = _span(self.file, c[0], c[-1])
        return ast.Model(kind, name, fields, attributes, span, self._doc(span.line, c[2].line))  # type: ignore[arg-type]

    def enum(self, c: list[Any]) -> ast.EnumDecl:
        members = c[3:-1]
        values = tuple(m for m in members if isinstance(m, ast.EnumValue))
        attributes = tuple(m for m in members if isinstance(m, ast.Attribute))
        span = _span(self.file, c[0], c[-1])
        return ast.EnumDecl(str(c[1]), values, attributes, span, self._doc(span.line, c[2].line))

    def property(self, c: list[Any]) -> ast.Property:
        return ast.Property(str(c[0]), c[2], _span(self.file, c[0], c[2]))

    def config(self, c: list[Any]) -> ast.ConfigBlock:
        props = tuple(m for m in c[3:-1] if isinstance(m, ast.Property))
        return ast.ConfigBlock(str(c[0]), str(c[1]), props, _span(self.file, c[0], c[-1]))  # type: ignore[arg-type]

    def start(self, c: list[Any]) -> tuple[ast.Block, ...]:
        return tuple(c)


_lock = threading.Lock()
_builder = _Builder()
_parser: Lark | None = None


def _get_parser() -> Lark:
    global _parser
    if _parser is None:
        grammar = resources.files("midair.psl").joinpath("grammar.lark").read_text(encoding="utf-8")
        _parser = Lark(
            grammar,
            parser="lalr",
            lexer="contextual",
            transformer=_builder,
            keep_all_tokens=True,
            maybe_placeholders=True,
            lexer_callbacks={"COMMENT": _builder.on_comment},
        )
    return _parser


def _describe_expected(expected: set[str] | frozenset[str]) -> str:
    names = sorted({_TERMINAL_NAMES.get(t, f"`{t}`") for t in expected})
    if not names:
        return "nothing"
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " or " + names[-1]


def _token_text(token: Token) -> str:
    if token.type == "$END":
        return "end of file"
    value = str(token)
    return f"`{value if len(value) <= 40 else value[:37] + '...'}`"


def _header_name(match: re.Match[str]) -> str:
    return match.group(0).strip().rstrip("{").strip()


def _line_of(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


def _diagnostic(text: str, path: str, error: UnexpectedInput) -> tuple[Diagnostic, int, bool]:
    """The diagnostic for one lark error, the character offset where it happened, and whether
    the error is an unclosed block running into the next block's header."""
    headers = list(_BLOCK_HEADER.finditer(text))
    if isinstance(error, UnexpectedCharacters):
        pos = error.pos_in_stream
        char = text[pos] if pos < len(text) else ""
        if char == '"':
            message = "This string is never closed: a string literal must end with `\"` on the same line."
        elif char == "\ufffd":
            message = "This is not UTF-8 text: the schema file must be encoded in UTF-8."
        elif char.isprintable() and not char.isspace():
            message = f"Unexpected character `{char}`."
        else:
            message = f"Unexpected character {char!r}."
        return Diagnostic(message, path, error.line, error.column), pos, False
    if isinstance(error, UnexpectedToken) and error.token.type != "$END":
        token = error.token
        pos = token.start_pos or 0
        line, column = token.line or 1, token.column or 1
        # A block header inside a block: the previous block is missing its closing brace.
        inside = [h for h in headers if h.start() < pos]
        here = next((h for h in headers if h.start() <= pos < h.end()), None)
        if here is not None and len(inside) >= 2 and inside[-1] is here:
            previous = inside[-2]
            message = (
                f"The block `{_header_name(previous)}` (line {_line_of(text, previous.start())}) is never closed: "
                f"expected `}}` before `{_header_name(here)}`."
            )
            start = here.start() + (len(here.group(0)) - len(here.group(0).lstrip()))
            line = _line_of(text, start)
            column = start - (text.rfind("\n", 0, start) + 1) + 1
            return Diagnostic(message, path, line, column), here.start(), True
        if set(error.expected) <= {"MODEL_KW", "ENUM_KW", "CONFIG_KW", "$END"}:
            message = (
                f"Unexpected {_token_text(token)}: this line does not start with a Prisma schema keyword "
                "(`model`, `enum`, `view`, `type`, `datasource` or `generator`)."
            )
        else:
            message = f"Unexpected {_token_text(token)}: expected {_describe_expected(error.expected)}."
        return Diagnostic(message, path, line, column), pos, False
    # End of file (UnexpectedEOF, or an UnexpectedToken on $END).
    pos = len(text)
    open_block = [h for h in headers if h.start() < pos]
    if open_block:
        h = open_block[-1]
        message = f"Unexpected end of file: the block `{_header_name(h)}` (line {_line_of(text, h.start())}) is never closed."
    else:
        message = "Unexpected end of file."
    line = text.count("\n") + 1
    column = len(text) - (text.rfind("\n") + 1) + 1
    return Diagnostic(message, path, line, column), pos, False


def _blank(text: str, start: int, end: int) -> str:
    """`text` with [start, end) replaced by spaces, newlines kept (positions stay valid)."""
    middle = re.sub(r"[^\n]", " ", text[start:end])
    return text[:start] + middle + text[end:]


def _recovery_region(text: str, pos: int) -> tuple[int, int]:
    """The broken block around offset `pos`: from the block header before it to the next one."""
    headers = [m.start() for m in _BLOCK_HEADER.finditer(text)]
    start = max((h for h in headers if h < pos), default=0)
    end = min((h for h in headers if h >= pos and h > start), default=len(text))
    if end <= start:
        end = len(text)
    return start, end


def _broken_line(text: str, pos: int, block_start: int) -> tuple[int, int] | None:
    """The (start, end) of the line holding the error at `pos` when that line can be dropped on
    its own: inside a block (not its header), with a valid start (the error is not its first
    token, which would hint at a problem on an earlier line) and no brace in it."""
    if pos >= len(text):
        return None
    line_start = text.rfind("\n", 0, pos) + 1
    line_end = text.find("\n", pos)
    line_end = len(text) if line_end == -1 else line_end
    header = _BLOCK_HEADER.match(text, block_start)
    if header is None or line_start <= header.start() <= line_end or line_start < header.end():
        return None
    if text[line_start:pos].strip() == "" or "{" in text[line_start:line_end] or "}" in text[line_start:line_end]:
        return None
    return line_start, line_end

def lark_parse_file(text: str, path: str) -> tuple[ast.SchemaFile, list[Diagnostic]]:
    diagnostics: list[Diagnostic] = []
    current = text
    with _lock:
        parser = _get_parser()
        while True:
            _builder.file = path
            _builder.text = current
            _builder.docs = {}
            try:
                blocks = parser.parse(current)
                break
            except UnexpectedInput as e:
                diagnostic, pos, unclosed = _diagnostic(current, path, e)
                # The excerpt must show the original text, not the blanked copy.
                diagnostic = Diagnostic(
                    diagnostic.message,
                    path,
                    diagnostic.line,
                    diagnostic.column,
                    excerpt=excerpt(text, diagnostic.line, diagnostic.column, 1),
                )
                diagnostics.append(diagnostic)
                if len(diagnostics) >= _MAX_ERRORS:
                    blocks = ()
                    break
                if unclosed:  # drop the unclosed block; the next one parses on its own
                    start = max(h.start() for h in _BLOCK_HEADER.finditer(current) if h.start() < pos)
                    end = pos
                else:
                    start, end = _recovery_region(current, pos)
                line = _broken_line(current, pos, start) if not unclosed else None
                if line is not None:
                    # The line went wrong after a good start: drop just that line and go on with
                    # the block, so that each bad line of a block gets its diagnostic (as Prisma's
                    # line-based parser reports them).
                    current = _blank(_blank(current, 0, start), *line)
                    continue
                if start == 0 and end >= len(current):
                    blocks = ()
                    break
                # Blocks are independent: everything before the broken one parsed fine already, so
                # blank it too and lark only reads the rest (a file with many errors stays linear).
                current = _blank(current, 0, end)
            except (VisitError, LarkError, RecursionError) as e:  # pragma: no cover - defensive
                diagnostics.append(Diagnostic(f"Could not parse the schema: {e}", path, 1, 1))
                blocks = ()
                break
    return ast.SchemaFile(path, text, tuple(blocks)), diagnostics
