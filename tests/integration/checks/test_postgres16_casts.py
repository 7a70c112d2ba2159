"""On PostgreSQL 16 and later, values that do not cast are counted with `pg_input_is_valid`, which
asks the type's own input function: exact for every target type, including those that the
predicates for older servers do not cover (a probe there can only say "at least one").

The local server may be older; the embedded server of the `pgserver` package (PostgreSQL 16) is
started for this module."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator

import psycopg
import pytest

from midair.checks import evaluate, plan_checks
from midair.connection import connect
from midair.diff.changes import AlterColumn, AlterTable, CastKind, ColumnChange
from midair.schema.model import Column, ColumnType, Table
from midair.schema.pair import Pair

pytestmark = [pytest.mark.postgres, pytest.mark.slow]


@pytest.fixture(scope="module")
def pg16_url() -> Iterator[str]:
    import pgserver

    server = pgserver.get_server(tempfile.mkdtemp(prefix="midair-checks-pg16-"), cleanup_mode="delete")
    try:
        url = server.get_uri()
        with psycopg.connect(url, autocommit=True) as c:
            (version,) = c.execute("SHOW server_version_num").fetchone()
        assert int(version) >= 160000
        yield url
    finally:
        server.cleanup()


@pytest.mark.parametrize(
    ("to", "values", "bad"),
    [
        (ColumnType("INTEGER"), ["1", " 7 ", "x", "3.5", "99999999999"], 3),
        (ColumnType("DATE"), ["2024-01-02", "yesterday-ish", "2024-02-30", "tomorrow"], 2),
        (ColumnType("UUID"), ["0b5cbbe4-5b5c-4a8e-9f53-6a1f0c0c5b1a", "not-a-uuid"], 1),
        (ColumnType("VARCHAR(3)"), ["abc", "abcd"], 1),
    ],
)
def test_exact_counts_with_pg_input_is_valid(pg16_url: str, to: ColumnType, values: list[str], bad: int) -> None:
    with psycopg.connect(pg16_url, autocommit=True) as c:
        c.execute('DROP TABLE IF EXISTS "Item"')
        c.execute('CREATE TABLE "Item" ("id" SERIAL PRIMARY KEY, "v" TEXT)')
        for v in values:
            c.execute('INSERT INTO "Item" ("v") VALUES (%s)', (v,))
    before = Table("Item", (Column("id", ColumnType("INTEGER"), autoincrement=True), Column("v", ColumnType("TEXT"), nullable=True)))
    after = Column("v", to, nullable=True)
    step = AlterTable(
        Pair(before, Table("Item", (before.columns[0], after))),
        (AlterColumn(Pair(before.columns[1], after), ColumnChange.TYPE, CastKind.RISKY),),
    )
    with connect(pg16_url) as conn:
        r = evaluate(plan_checks([step], "postgresql"), conn)
    (f,) = r.unexecutable
    assert (f.count, f.at_least) == (bad, False)
