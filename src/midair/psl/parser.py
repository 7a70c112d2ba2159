"""Text → `Document`: parse a schema file (or folder) of the Prisma Schema Language.

Two parsers build the same tree. Valid text (the common case) is read by `fast_parser.py`, a
hand-written twin of the grammar, several times faster than lark and without importing it; the
first thing it does not accept sends the text to `lark_parser.py` (lark's LALR parser on
`grammar.lark`), whose errors make the diagnostics, several per run. Syntax errors are raised
together as one `SchemaError`. `tests/unit/psl/test_psl_fuzz.py` checks that both parsers accept
the same texts and build the same trees.
"""

from __future__ import annotations

from pathlib import Path

from midair._gc import paused as paused_gc
from midair.errors import ConfigError, Diagnostic, SchemaError
from midair.psl import ast
from midair.psl.fast_parser import FastParseFailed, fast_parse
from midair.psl.fast_parser import unescape as _unescape  # noqa: F401 - the old home of unescape


def parse_file(text: str, path: str = "schema.prisma") -> tuple[ast.SchemaFile, list[Diagnostic]]:
    """Parse one file; returns what could be parsed and the syntax diagnostics (empty if none)."""
    with paused_gc():
        try:
            return ast.SchemaFile(path, text, fast_parse(text, path)), []
        except FastParseFailed:
            pass  # not valid: parse again with lark, whose errors make the diagnostics
        from midair.psl.lark_parser import lark_parse_file

        return lark_parse_file(text, path)


def _lark_parse_file(text: str, path: str) -> tuple[ast.SchemaFile, list[Diagnostic]]:
    """The lark parser's tree and diagnostics for `text` (the fuzz test compares both parsers)."""
    from midair.psl.lark_parser import lark_parse_file

    return lark_parse_file(text, path)


def parse_schema(text: str, path: str = "schema.prisma") -> ast.Document:
    """Parse a schema's text (syntax only). Raises `SchemaError` with every syntax diagnostic."""
    file, diagnostics = parse_file(text, path)
    if diagnostics:
        raise SchemaError(diagnostics)
    return ast.Document((file,))


def read_schema_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as e:
        raise ConfigError(f"Could not read the schema file {path}: {e.strerror or e}") from None
    # Decoding errors become U+FFFD, which the parser then reports at its line and column.
    return data.decode("utf-8", errors="replace")


def load_schema(path: Path | str) -> ast.Document:
    """Parse a schema file, or every `*.prisma` file of a folder (a multi-file schema).

    Raises `ConfigError` when the path does not exist (or the folder has no `.prisma` file) and
    `SchemaError` with the syntax diagnostics of every file."""
    path = Path(path)
    if path.is_dir():
        paths = sorted(p for p in path.rglob("*.prisma") if p.is_file())
        if not paths:
            raise ConfigError(f"The schema folder {path} contains no .prisma file.", hint="Create schema.prisma there, or pass --schema.")
    elif path.is_file():
        paths = [path]
    else:
        raise ConfigError(
            f"Could not find a Prisma schema at {path}.",
            hint="Pass --schema <file>, or create prisma/schema.prisma.",
        )
    files: list[ast.SchemaFile] = []
    diagnostics: list[Diagnostic] = []
    for p in paths:
        file, found = parse_file(read_schema_text(p), str(p))
        files.append(file)
        diagnostics.extend(found)
    if diagnostics:
        raise SchemaError(diagnostics)
    return ast.Document(tuple(files))
