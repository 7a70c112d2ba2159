"""Mutated corpus schemas: the front end returns or raises `SchemaError`, never anything else,
and the fast parser and the lark parser agree on every input (same tree, or both reject)."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from psl_helpers import CORPUS_SCHEMAS

from midair.errors import SchemaError
from midair.psl import format_schema, parse_schema, validate
from midair.psl.parser import _lark_parse_file
from midair.psl.fast_parser import FastParseFailed, fast_parse

# Small schemas keep each example fast (lark re-parses mutated text for its diagnostics).
SOURCES = [p.read_text(encoding="utf-8") for p in CORPUS_SCHEMAS if p.is_file() and p.stat().st_size < 6000]
PIECES = ["{", "}", "(", ")", "[", "]", '"', "@", "@@", ",", ":", "=", "?", ".", "\n", "\r\n", " ", "//", "///",
          "model", "enum", "type", "view", "datasource", "@id", "@@id([a, b])", "@relation(", "Int", "String?",
          "-1", "1.5e3", "é", "\x00", "\ufeff", "\\", "\t", "x" * 3]


@st.composite
def mutated(draw: st.DrawFn) -> str:
    text = draw(st.sampled_from(SOURCES))
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["delete", "insert", "swap", "swap_tokens", "truncate"]))
        n = len(text)
        if n == 0:
            break
        i = draw(st.integers(0, n - 1))
        if kind == "delete":
            text = text[:i] + text[i + draw(st.integers(1, 8)) :]
        elif kind == "insert":
            piece = draw(st.one_of(st.sampled_from(PIECES), st.text(max_size=3)))
            text = text[:i] + piece + text[i:]
        elif kind == "swap":
            j = draw(st.integers(0, n - 1))
            i, j = min(i, j), max(i, j)
            if i != j:
                text = text[:i] + text[j] + text[i + 1 : j] + text[i] + text[j + 1 :]
        elif kind == "swap_tokens":
            tokens = list(re.finditer(r"[^\s]+", text))
            if len(tokens) >= 2:
                a, b = sorted(draw(st.lists(st.integers(0, len(tokens) - 1), min_size=2, max_size=2, unique=True)))
                ta, tb = tokens[a], tokens[b]
                text = text[: ta.start()] + tb.group() + text[ta.end() : tb.start()] + ta.group() + text[tb.end() :]
        else:
            text = text[:i]
    return text


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_front_end_never_raises_anything_but_schema_error(text: str) -> None:
    try:
        doc = parse_schema(text, "fuzz.prisma")
    except SchemaError as e:
        assert e.diagnostics and all(d.file == "fuzz.prisma" and d.line >= 1 and d.column >= 1 for d in e.diagnostics)
        return
    for d in validate(doc):
        assert d.file == "fuzz.prisma" and d.line >= 1 and d.column >= 1
    # Whatever parses can be formatted, formatting is idempotent and keeps every declaration.
    once = format_schema(text)
    assert format_schema(once) == once
    again = parse_schema(once)
    assert [b.name for b in again.blocks] == [b.name for b in doc.blocks]
    assert [len(getattr(b, "fields", getattr(b, "values", ()))) for b in again.blocks] == [
        len(getattr(b, "fields", getattr(b, "values", ()))) for b in doc.blocks
    ]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_fast_parser_agrees_with_lark(text: str) -> None:
    file, diagnostics = _lark_parse_file(text, "fuzz.prisma")
    try:
        blocks = fast_parse(text, "fuzz.prisma")
    except FastParseFailed:
        assert diagnostics, "the fast parser rejected text that lark accepts"
        return
    assert not diagnostics, "the fast parser accepted text that lark rejects"
    assert blocks == file.blocks


def test_agreement_on_corpus() -> None:
    for path in CORPUS_SCHEMAS:
        for p in [path] if path.is_file() else sorted(Path(path).glob("*.prisma")):
            text = p.read_text(encoding="utf-8")
            file, diagnostics = _lark_parse_file(text, str(p))
            assert not diagnostics
            assert fast_parse(text, str(p)) == file.blocks, p
