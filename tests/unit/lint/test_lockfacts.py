"""The shared lock-facts types: one set of classes, each dialect's facts a table of data."""

from __future__ import annotations

import enum

import pytest

from midair.checks import lockfacts
from midair.checks.lockfacts import Cost, EstimateRates, LockFacts, StatementFacts, TableSize, facts_table
from midair.dialects.postgres import locks as pg
from midair.dialects.sqlite import locks as sqlite


@pytest.mark.parametrize("dialect", [pg, sqlite], ids=["postgresql", "sqlite"])
def test_each_dialect_fills_in_the_shared_types(dialect) -> None:  # type: ignore[no-untyped-def]
    assert all(type(f) is LockFacts and f.kind == k for k, f in dialect.FACTS.items())
    assert all(isinstance(f.lock, dialect.LockMode) for f in dialect.FACTS.values())
    (st,) = dialect.analyze_sql('CREATE INDEX "i" ON "t" ("a");')
    assert isinstance(st, StatementFacts) and isinstance(st.effects[0], lockfacts.Effect)
    assert st.effects[0].facts is dialect.FACTS["create_index"]
    with pytest.raises(TypeError):
        dialect.FACTS["other"] = dialect.FACTS["create_table"]  # one reviewed table, read-only


def test_the_derived_rules_are_the_same_for_every_dialect() -> None:
    # A scan is any work on the rows (a rewrite and an index build read them all too); risky is
    # that work under a lock that blocks writes.
    for table in (pg.FACTS, sqlite.FACTS):
        for f in table.values():
            assert f.scan == (f.cost is not Cost.CATALOG)
            assert f.rewrite == (f.cost is Cost.REWRITE)
            assert f.risky == (f.scan and f.lock.blocks_writes)
    assert pg.FACTS["create_index_concurrently"].risky is False  # SHARE UPDATE EXCLUSIVE: writes continue
    assert sqlite.FACTS["drop_column"].risky is True  # the database write lock, for a rewrite


def test_estimates_are_described_in_each_dialects_words() -> None:
    big = TableSize("t", 2_000_000, 131_072, 8192)  # 1 GB on PostgreSQL
    assert pg.estimate(big, pg.FACTS["alter_column_type"]).describe() == "~2,000,000 rows, 1024.0 MB: ~22.00 s"
    assert pg.estimate(big, pg.FACTS["create_index_concurrently"]).seconds == pytest.approx(17.5 * 1.26)
    assert pg.estimate(big, pg.FACTS["add_column"]).describe() == "~2,000,000 rows, 1024.0 MB: instant (catalog only)"
    assert pg.estimate(TableSize("t", 105, 0), pg.FACTS["set_not_null"]).describe() == "~105 rows, 0.0 MB: < 0.01 s"
    rows = TableSize("t", 2_000_000, 0, 4096)
    assert sqlite.estimate(rows, sqlite.FACTS["drop_column"]).describe() == "2,000,000 rows: ~3.50 s holding the write lock"
    assert sqlite.estimate(rows, sqlite.FACTS["rename"]).describe() == "2,000,000 rows: instant (schema text only)"
    assert sqlite.estimate(None, sqlite.FACTS["rename"]).describe() == "table not found (new table: instant)"


def test_a_new_dialect_is_a_new_table() -> None:
    class Mode(enum.IntEnum):
        SHARED = 1
        EXCLUSIVE = 2

        @property
        def label(self) -> str:
            return self.name.lower()

        @property
        def blocks_reads(self) -> bool:
            return self is Mode.EXCLUSIVE

        @property
        def blocks_writes(self) -> bool:
            return self is Mode.EXCLUSIVE

    facts = facts_table(
        LockFacts("add_column_instant", "ADD COLUMN, ALGORITHM=INSTANT", Mode.SHARED, Cost.CATALOG),
        LockFacts("add_column_copy", "ADD COLUMN, ALGORITHM=COPY", Mode.EXCLUSIVE, Cost.REWRITE, safe_alternative="INSTANT"),
    )

    class Effect(lockfacts.Effect):
        __slots__ = ()
        facts_by_kind = facts

    rates = EstimateRates(per="million rows", seconds={Cost.CATALOG: 0.0, Cost.REWRITE: 4.0})
    st = StatementFacts("ALTER TABLE t ADD c INT", None, (Effect("add_column_copy", "t"), Effect("add_column_instant", "t")), 1, 1)
    assert st.lock is Mode.EXCLUSIVE and st.tables == ("t",)
    assert st.effects[0].facts.to_json()["blocksReads"] is True and st.effects[0].facts.risky
    assert lockfacts.estimate(TableSize("t", 500_000, 0), st.effects[0].facts, rates).seconds == pytest.approx(2.0)
    with pytest.raises(ValueError, match="twice"):
        facts_table(facts["add_column_copy"], facts["add_column_copy"])
