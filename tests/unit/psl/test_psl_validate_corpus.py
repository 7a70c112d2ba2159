"""Every corpus schema is valid in Prisma, so it must validate with zero diagnostics; and the
1,000-model benchmark schema parses and validates."""

from __future__ import annotations

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


def test_thousand_models_parse_and_validate() -> None:
    # Correctness only: the speed of this is measured by bench/engine_speed.py, not asserted here.
    text = big_schema(1000)
    doc = parse_schema(text)
    assert validate(doc) == []
    assert len(doc.models) == 1000
