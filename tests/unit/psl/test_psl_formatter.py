"""`format_schema`: byte-identical to `prisma format` on golden cases, idempotent, and it keeps
the parse tree (up to the attribute order `prisma format` imposes) on every corpus schema."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest
from psl_helpers import CORPUS_IDS, CORPUS_SCHEMAS

from midair.errors import SchemaError
from midair.psl import ast, parse_schema
from midair.psl.formatter import attribute_sort_key, format_schema

CASES_DIR = Path(__file__).parent / "format_cases"
# `<case>.prisma` is the input; `<case>.formatted.prisma` is what Prisma 7.10.1's `prisma format`
# made of it (run through shared/tools/prisma-oracle's CLI).
CASES = sorted(p for p in CASES_DIR.glob("*.prisma") if not p.name.endswith(".formatted.prisma"))


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_same_output_as_prisma_format(path: Path) -> None:
    text = path.read_bytes().decode("utf-8")
    expected = path.with_name(path.stem + ".formatted.prisma").read_bytes().decode("utf-8")
    assert format_schema(text) == expected.replace("\r\n", "\n")


def shape(node: Any) -> Any:
    """A node without spans, field attributes in `prisma format`'s order (what formatting keeps)."""
    if isinstance(node, ast.Field):
        node = dataclasses.replace(node, attributes=tuple(sorted(node.attributes, key=attribute_sort_key)))
    if dataclasses.is_dataclass(node):
        return (type(node).__name__,) + tuple(
            shape(getattr(node, f.name)) for f in dataclasses.fields(node) if f.name not in ("span", "path", "text")
        )
    if isinstance(node, tuple):
        return tuple(shape(n) for n in node)
    return node


@pytest.mark.parametrize("path", CORPUS_SCHEMAS, ids=CORPUS_IDS)
def test_format_is_idempotent_and_keeps_the_tree(path: Path) -> None:
    files = [path] if path.is_file() else sorted(path.glob("*.prisma"))
    for file in files:
        text = file.read_text(encoding="utf-8")
        once = format_schema(text)
        assert format_schema(once) == once
        assert shape(parse_schema(once).files[0].blocks) == shape(parse_schema(text).files[0].blocks)


def test_comments_are_kept() -> None:
    text = "// top\nmodel A { // header\n  // inside\n  id Int @id // trailing\n  /// doc\n  b Int\n} // after\n// bottom\n"
    out = format_schema(text)
    for comment in ("// top", "// header", "// inside", "// trailing", "/// doc", "// after", "// bottom"):
        assert comment in out
    assert out == (
        "// top\nmodel A { // header\n  // inside\n  id Int @id // trailing\n  /// doc\n  b  Int\n} // after\n\n// bottom\n"
    )


def test_invalid_syntax_is_refused() -> None:
    with pytest.raises(SchemaError):
        format_schema("model A {")
