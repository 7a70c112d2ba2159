"""`pure_warnings` over real diffs: the schema histories that Prisma migrated, lowered and diffed by
midair, must give exactly the warnings blocks Prisma wrote into their migration.sql files.

- the tennis app's history (`corpus/tennis-score-app/steps` → `migrations`, PostgreSQL);
- the oracle's tutorial sequence, run through Prisma's own `migrate dev` for PostgreSQL and SQLite
  (`tools/prisma-oracle/examples/migrate-dev/<provider>`; SQLite rebuilds the table).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from midair.checks import pure_warnings
from midair.diff import diff
from midair.schema.lower import schema_from_file
from midair.schema.model import EMPTY_SCHEMA
from tests.conftest import SHARED, TENNIS_CORPUS

ORACLE = SHARED / "tools" / "prisma-oracle" / "examples"


def warnings_block(sql: str) -> list[str]:
    """The `  - ` lines of a migration's `/* Warnings: */` block (none: no block)."""
    m = re.match(r"/\*\n  Warnings:\n\n(.*?)\n\n\*/\n", sql, re.S)
    return [line.removeprefix("  - ") for line in m.group(1).split("\n")] if m else []


def history(schemas: list[Path], provider: str) -> list[list[str]]:
    out, previous = [], EMPTY_SCHEMA
    for path in schemas:
        nxt = schema_from_file(path, provider)
        out.append(pure_warnings(diff(previous, nxt, provider).steps, provider))
        previous = nxt
    return out


def test_tennis_history() -> None:
    steps = sorted((TENNIS_CORPUS / "steps").glob("*.prisma"))[:6]
    migrations = sorted((TENNIS_CORPUS / "migrations").iterdir())
    expected = [warnings_block((m / "migration.sql").read_text()) for m in migrations]
    assert [bool(b) for b in expected] == [False, False, False, False, True, True]  # steps 5 and 6
    assert history(steps, "postgresql") == expected


@pytest.mark.parametrize("provider", ["postgresql", "sqlite"])
def test_oracle_tutorial_sequence(provider: str) -> None:
    schemas = sorted((ORACLE / "schemas").glob("*.prisma"))
    files = sorted((ORACLE / "migrate-dev" / provider).glob("*.migration.sql"))
    assert len(schemas) == len(files) == 5
    expected = [warnings_block(f.read_text()) for f in files]
    assert sum(map(len, expected)) == 5  # one "made required", four dropped columns
    assert history(schemas, provider) == expected
