"""Lock facts per statement (PostgreSQL 12+) and the safe-form transformation; no database."""

from __future__ import annotations

import pytest

from midair.dialects.postgres.locks import FACTS, LockMode, analyze_sql
from midair.dialects.postgres.safe import safe_steps


@pytest.mark.parametrize(
    "sql,kind,lock,rewrite,scan,transactional",
    [
        ('ALTER TABLE "Match" ADD COLUMN "score" JSONB', "add_column", "ACCESS_EXCLUSIVE", False, False, True),
        ('ALTER TABLE t ADD COLUMN c INT NOT NULL DEFAULT 0', "add_column", "ACCESS_EXCLUSIVE", False, False, True),
        ("ALTER TABLE t ADD COLUMN c TIMESTAMP DEFAULT now()", "add_column", "ACCESS_EXCLUSIVE", False, False, True),
        ("ALTER TABLE t ADD COLUMN c UUID DEFAULT gen_random_uuid()", "add_column_volatile_default", "ACCESS_EXCLUSIVE", True, True, True),
        ("ALTER TABLE t ALTER COLUMN c TYPE BIGINT", "alter_column_type", "ACCESS_EXCLUSIVE", True, True, True),
        ("ALTER TABLE t ALTER COLUMN c TYPE TEXT", "alter_column_type_coercible", "ACCESS_EXCLUSIVE", False, False, True),
        ("ALTER TABLE t ALTER COLUMN c SET NOT NULL", "set_not_null", "ACCESS_EXCLUSIVE", False, True, True),
        ("ALTER TABLE t ADD CONSTRAINT f FOREIGN KEY (a) REFERENCES u(id)", "add_foreign_key", "SHARE_ROW_EXCLUSIVE", False, True, True),
        ("ALTER TABLE t ADD CONSTRAINT f FOREIGN KEY (a) REFERENCES u(id) NOT VALID", "add_foreign_key_not_valid", "SHARE_ROW_EXCLUSIVE", False, False, True),
        ("ALTER TABLE t VALIDATE CONSTRAINT f", "validate_constraint", "SHARE_UPDATE_EXCLUSIVE", False, True, True),
        ("CREATE INDEX i ON t (a)", "create_index", "SHARE", False, True, True),
        ("CREATE INDEX CONCURRENTLY i ON t (a)", "create_index_concurrently", "SHARE_UPDATE_EXCLUSIVE", False, True, False),
        ("DROP INDEX CONCURRENTLY i", "drop_index_concurrently", "SHARE_UPDATE_EXCLUSIVE", False, False, False),
        ("CREATE TRIGGER x BEFORE UPDATE ON t FOR EACH ROW EXECUTE FUNCTION f()", "create_trigger", "SHARE_ROW_EXCLUSIVE", False, False, True),
    ],
)
def test_facts(sql: str, kind: str, lock: str, rewrite: bool, scan: bool, transactional: bool) -> None:
    (st,) = analyze_sql(sql)
    (effect,) = st.effects
    f = effect.facts
    assert (effect.kind, f.lock, f.rewrite, f.scan, f.transactional) == (kind, LockMode[lock], rewrite, scan, transactional)
    assert f.blocks_reads == (f.lock is LockMode.ACCESS_EXCLUSIVE)
    assert f.blocks_writes == (f.lock >= LockMode.SHARE)


def test_foreign_key_also_locks_the_parent() -> None:
    (st,) = analyze_sql('ALTER TABLE "Match" ADD CONSTRAINT "fk" FOREIGN KEY ("userId") REFERENCES "User"("id")')
    assert st.effects[0].referenced_table == "User"
    assert FACTS["add_foreign_key"].referenced_lock is LockMode.SHARE_ROW_EXCLUSIVE


def test_every_risky_kind_names_a_safe_alternative() -> None:
    for f in FACTS.values():
        if f.risky and f.kind not in ("create_index_concurrently", "reindex_concurrently", "validate_constraint", "delete"):
            assert f.safe_alternative, f.kind


def test_safe_steps() -> None:
    sql = (
        'CREATE TABLE "New" ("id" INT PRIMARY KEY);\n'
        'CREATE INDEX "New_id_idx" ON "New"("id");\n'
        'CREATE UNIQUE INDEX "User_email_key" ON "User"("email");\n'
        'ALTER TABLE "Match" ADD CONSTRAINT "Match_u_fkey" FOREIGN KEY ("u") REFERENCES "User"("id") ON DELETE CASCADE;\n'
        'ALTER TABLE "Match" ALTER COLUMN "score" SET NOT NULL, DROP COLUMN "old";\n'
        'ALTER TABLE "Match" DROP COLUMN "a", DROP COLUMN "b";\n'
    )
    steps = safe_steps(sql)
    texts = [" ".join(s.sql.split()) for s in steps]
    assert texts == [
        'CREATE TABLE "New" ("id" INT PRIMARY KEY)',
        'CREATE INDEX "New_id_idx" ON "New"("id")',  # new table: empty, kept as written
        'CREATE UNIQUE INDEX CONCURRENTLY "User_email_key" ON "User" (email)',
        'ALTER TABLE "Match" ADD CONSTRAINT "Match_u_fkey" FOREIGN KEY (u) REFERENCES "User" (id) ON DELETE CASCADE NOT VALID',
        'ALTER TABLE "Match" VALIDATE CONSTRAINT "Match_u_fkey"',
        'ALTER TABLE "Match" DROP CONSTRAINT IF EXISTS "Match_score_not_null", ADD CONSTRAINT "Match_score_not_null" CHECK ("score" IS NOT NULL) NOT VALID',
        'ALTER TABLE "Match" VALIDATE CONSTRAINT "Match_score_not_null"',
        'ALTER TABLE "Match" ALTER COLUMN "score" SET NOT NULL',
        'ALTER TABLE "Match" DROP CONSTRAINT "Match_score_not_null"',
        'ALTER TABLE "Match" DROP COLUMN old',
        'ALTER TABLE "Match" DROP COLUMN "a", DROP COLUMN "b"',  # nothing to make safe: one statement
    ]
    cic = steps[2]
    assert not cic.transactional and cic.cleanup_index == "User_email_key"
    assert all(s.transactional for i, s in enumerate(steps) if i != 2)


def test_safe_plan_keeps_each_steps_change() -> None:
    from midair.diff.changes import AlterColumn, AlterTable, ColumnChange, CreateIndex
    from midair.expand_contract.safe import safe_plan
    from midair.render import render
    from midair.schema.model import Column, ColumnType, Index, IndexColumn, PrimaryKey, Table
    from midair.schema.pair import Pair

    pk = PrimaryKey("Match_pkey", (IndexColumn("id"),))
    before = Table("Match", (Column("id", ColumnType("TEXT")), Column("score", ColumnType("JSONB"), nullable=True)), pk)
    after = Table("Match", (Column("id", ColumnType("TEXT")), Column("score", ColumnType("JSONB"))), pk,
                  (Index("Match_score_idx", (IndexColumn("score"),)),))
    made_required = AlterTable(Pair(before, after), (AlterColumn(Pair(before.columns[1], after.columns[1]), ColumnChange.NULLABILITY),))
    index = CreateIndex(after, after.indexes[0])
    steps = safe_plan(render([made_required, index], "postgresql"), "postgresql")
    assert [(s.change, s.transactional) for s in steps] == [(made_required, True)] * 4 + [(index, False)]
    assert steps[2].sql == 'ALTER TABLE "Match" ALTER COLUMN "score" SET NOT NULL'
    assert steps[2].effects[0].facts.scan is False  # the validated CHECK spares the scan
    assert steps[4].sql.startswith('CREATE INDEX CONCURRENTLY "Match_score_idx"')
