"""Every corpus schema is valid in Prisma, so it must validate with zero diagnostics; and the
1,000-model benchmark schema parses and validates quickly."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from big_schema import big_schema
from psl_helpers import CORPUS_IDS, CORPUS_SCHEMAS

from midair.psl import load_schema, load_valid_schema, parse_schema, provider, validate


@pytest.mark.parametrize("path", CORPUS_SCHEMAS, ids=CORPUS_IDS)
def test_corpus_schema_validates_clean(path: Path) -> None:
    doc = load_schema(path)
    assert [str(d) for d in validate(doc)] == []
    assert load_valid_schema(path) == doc
    assert provider(doc) in {"postgresql", "sqlite", "mysql", "sqlserver", "mongodb", "cockroachdb"}


def test_thousand_models_parse_and_validate_quickly() -> None:
    text = big_schema(1000)
    start = time.process_time()  # CPU time: other processes on a busy machine do not count
    doc = parse_schema(text)
    diagnostics = validate(doc)
    best = time.process_time() - start
    assert diagnostics == []
    assert len(doc.models) == 1000
    # About 0.6 s on an idle 2-core machine; the bound leaves room for a busy CI box and still
    # catches anything quadratic.
    assert best < 3.0, f"parse + validate of 1,000 models took {best:.2f}s"
