"""The SQL readers behind `sql_checks`: effects and lines, without a database.

PostgreSQL SQL is read by pglast (PostgreSQL's parser); SQLite SQL by SQLite's own parser (a
scratch in-memory database). Bad SQL gives an `Unreadable` effect with its line, never a crash."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from midair.checks import CheckKind, sql_checks
from midair.checks.sqlcheck import (
    AddedColumn,
    AddedForeignKey,
    AddedUnique,
    ChangedType,
    CopiedRows,
    CreatedEnum,
    CreatedTable,
    Deleted,
    DroppedColumn,
    DroppedConstraint,
    DroppedTable,
    RenamedTable,
    SetNotNull,
    Truncated,
    Unreadable,
    Wrote,
    read_effects,
)
from midair.schema.model import Column, ColumnType, Enum, IndexColumn, PrimaryKey, Schema, Table

PG = """\
-- é: a comment with a non-ASCII letter before the first statement
ALTER TABLE "Match" DROP COLUMN "a",
DROP COLUMN "b";
/* block */ CREATE UNIQUE INDEX "User_email_key" ON "User"("email");
CREATE UNIQUE INDEX "lower_email" ON "User"(lower("email"));
ALTER TABLE "Match" ADD CONSTRAINT "fk" FOREIGN KEY ("createdById") REFERENCES "User"("id") NOT VALID;
ALTER TABLE "Match" ALTER COLUMN "q" SET DATA TYPE INTEGER USING ("q"::INTEGER),
  ALTER COLUMN "s" SET NOT NULL,
  ADD COLUMN "z" VARCHAR(3)[] NOT NULL DEFAULT '{}',
  ADD COLUMN "n" BIGSERIAL,
  DROP CONSTRAINT "Match_pkey";
DELETE FROM "Match" AS m WHERE m."a" = 1;
TRUNCATE "A", "B";
CREATE TYPE "S_new" AS ENUM ('A', 'B');
UPDATE "Match" SET "x" = 1;
DO $$ BEGIN PERFORM 1; END $$;
"""


def test_postgres_effects_and_lines() -> None:
    got = read_effects(PG, "postgresql")
    assert got == [
        DroppedColumn("Match", "a", 2),
        DroppedColumn("Match", "b", 2),
        AddedUnique("User", "User_email_key", ("email",), False, 4),
        AddedUnique("User", "lower_email", (), False, 5),
        AddedForeignKey("Match", "fk", ("createdById",), "User", ("id",), validated=False, line=6),
        ChangedType("Match", "q", ColumnType("INTEGER"), True, 7),
        SetNotNull("Match", "s", 7),
        AddedColumn("Match", Column("z", ColumnType("VARCHAR(3)", array=True), default="'{}'"), 7),
        AddedColumn("Match", Column("n", ColumnType("BIGINT"), nullable=True, autoincrement=True), 7),
        DroppedConstraint("Match", "Match_pkey", 7),
        Deleted("Match", "m.a = 1", "m", 12),
        Truncated("A", 13),
        Truncated("B", 13),
        CreatedEnum("S_new", ("A", "B"), 14),
        Wrote("Match", 15),
    ]


def test_postgres_bad_statement_names_its_line_and_the_rest_is_read() -> None:
    sql = 'DROP TABLE "A";\n\n  ALTER TABLE "B" FROBNICATE;\nSELECT \';\' ;\nDROP TABLE "C";\n'
    got = read_effects(sql, "postgresql")
    assert got == [
        DroppedTable("A", 1),
        Unreadable('syntax error at or near "FROBNICATE"', 3),
        DroppedTable("C", 5),
    ]


def test_postgres_unterminated_quote() -> None:
    (e,) = read_effects("DROP TABLE \"A\";\nSELECT 'oops", "postgresql")
    assert isinstance(e, Unreadable) and e.line == 2


SQLITE_REBUILD = """\
-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Match" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "n" INTEGER NOT NULL DEFAULT 0,
    "score" JSONB NOT NULL,
    "added" TEXT NOT NULL
);
INSERT INTO "new_Match" ("id", "n", "score") SELECT "id", "n", "score" FROM "Match";
DROP TABLE "Match";
ALTER TABLE "new_Match" RENAME TO "Match";
PRAGMA foreign_keys=ON;
"""


def test_sqlite_effects_come_from_sqlites_own_parser() -> None:
    got = read_effects(SQLITE_REBUILD, "sqlite")
    assert got == [
        CreatedTable(
            "new_Match",
            (
                Column("id", ColumnType("TEXT")),
                Column("n", ColumnType("INTEGER"), default="0"),
                Column("score", ColumnType("JSONB")),
                Column("added", ColumnType("TEXT")),
            ),
            4,
        ),
        CopiedRows("new_Match", "Match", ("id", "n", "score"), ("id", "n", "score"), 10),
        DroppedTable("Match", 11),
        RenamedTable("new_Match", "Match", 12),
    ]


def test_sqlite_rebuild_is_compared_with_the_old_table() -> None:
    before = Schema(
        (
            Table(
                "Match",
                (
                    Column("id", ColumnType("TEXT")),
                    Column("n", ColumnType("TEXT"), nullable=True),
                    Column("score", ColumnType("JSONB"), nullable=True),
                    Column("old", ColumnType("TEXT"), nullable=True),
                ),
                PrimaryKey(None, (IndexColumn("id"),)),
            ),
        )
    )
    checks = sql_checks(SQLITE_REBUILD, before, "sqlite")
    assert [(c.kind, c.columns, c.line) for c in checks] == [
        (CheckKind.MADE_REQUIRED, ("n",), 10),
        (CheckKind.RISKY_CAST, ("n",), 10),
        (CheckKind.MADE_REQUIRED, ("score",), 10),
        (CheckKind.ADDED_REQUIRED_COLUMN, ("added",), 10),
        (CheckKind.DROP_COLUMN, ("old",), 10),
    ]


def test_sqlite_syntax_error_is_unreadable() -> None:
    got = read_effects('DROP TABLE "A";\nALTER TABLE "B" ALTER COLUMN "x" SET NOT NULL;\n', "sqlite")
    assert got[0] == DroppedTable("A", 1)
    assert isinstance(got[1], Unreadable) and got[1].line == 2 and "syntax error" in got[1].detail


def test_enum_recreated_without_a_value_postgres() -> None:
    """Prisma's way to drop an enum value: a new type, the columns cast to it, the old one dropped."""
    sql = """\
BEGIN;
CREATE TYPE "Status_new" AS ENUM ('DRAFT', 'LIVE');
ALTER TABLE "Doc" ALTER COLUMN "status" TYPE "Status_new" USING ("status"::text::"Status_new");
ALTER TYPE "Status" RENAME TO "Status_old";
ALTER TYPE "Status_new" RENAME TO "Status";
DROP TYPE "Status_old";
COMMIT;
"""
    status = ColumnType("Status", enum="Status")
    before = Schema(
        (Table("Doc", (Column("id", ColumnType("INTEGER")), Column("status", status, nullable=True))),),
        (Enum("Status", ("DRAFT", "LIVE", "ARCHIVED")),),
    )
    (check,) = sql_checks(sql, before, "postgresql")
    assert check.kind is CheckKind.ENUM_VALUES_REMOVED
    assert (check.name, check.values, check.used_by, check.line) == ("Status", ("ARCHIVED",), (("Doc", "status"),), 3)


@pytest.mark.parametrize("provider", ["postgresql", "sqlite"])
def test_objects_created_by_the_script_are_not_checked(provider: str) -> None:
    sql = 'CREATE TABLE "T" ("id" INTEGER NOT NULL, "x" TEXT);\nCREATE UNIQUE INDEX "T_x_key" ON "T"("x");\nDROP TABLE "T";\n'
    assert sql_checks(sql, Schema(), provider) == []


_FRAGMENTS = [
    'ALTER TABLE "A" ', "DROP ", "COLUMN ", '"x"', ";", "'", "$$", "--", "/*", "*/", "\n",
    'CREATE UNIQUE INDEX "i" ON "A"(', ")", 'INSERT INTO "new_A" ("a") SELECT "a" FROM "A"',
    'DELETE FROM "A" WHERE ', "1=1", "SET NOT NULL", 'ALTER COLUMN "x" TYPE int', 'TRUNCATE "A"',
    "é", "(", ",", "PRAGMA x=1", 'ADD COLUMN "y" TEXT NOT NULL', 'RENAME TO "A"', 'CREATE TABLE "new_A" (',
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_FRAGMENTS), max_size=25).map("".join), st.sampled_from(["postgresql", "sqlite"]))
def test_any_text_gives_checks_never_an_exception(sql: str, provider: str) -> None:
    before = Schema((Table("A", (Column("a", ColumnType("TEXT")), Column("x", ColumnType("TEXT"), nullable=True))),))
    for check in sql_checks(sql, before, provider):
        assert check.line is None or 1 <= check.line <= sql.count("\n") + 1
