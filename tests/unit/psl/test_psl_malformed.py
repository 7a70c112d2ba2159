"""Golden diagnostics for broken schemas: each `tests/fixtures/malformed/<case>.prisma` has a
`<case>.expected` listing every diagnostic as `file:line:col: severity: message`.

`MIDAIR_UPDATE_GOLDEN=1` rewrites the expectations from a real run (review the diff)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from psl_helpers import MALFORMED

from midair.errors import SchemaError
from midair.psl import load_schema, validate

CASES = sorted(MALFORMED.glob("*.prisma"))


def diagnostics_for(path: Path) -> list[str]:
    try:
        doc = load_schema(path)
    except SchemaError as e:
        found = list(e.diagnostics)
    else:
        found = validate(doc)
    # The path as given is absolute: keep only the file name so the golden files are portable.
    return [f"{Path(d.file).name}:{d.line}:{d.column}: {d.severity}: {d.message}" for d in found]


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_malformed_schema_diagnostics(path: Path) -> None:
    lines = diagnostics_for(path)
    expected_file = path.with_suffix(".expected")
    if os.environ.get("MIDAIR_UPDATE_GOLDEN") == "1":
        expected_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert lines, "a malformed schema must produce diagnostics"
    # Compared as text: a message may span lines (Prisma lists unconsidered criteria below it).
    assert "\n".join(lines) + "\n" == expected_file.read_text(encoding="utf-8")


def test_every_case_has_its_expectation() -> None:
    assert len(CASES) >= 15
    for path in CASES:
        assert path.with_suffix(".expected").exists(), path
