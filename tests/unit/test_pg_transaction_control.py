"""Which migration scripts carry their own transaction control (they run as written, in one
message, as Prisma sends them): only a statement that *starts* with BEGIN/COMMIT/… counts."""

from __future__ import annotations

import pytest

from midair.dialects.postgres.migrations import _pg_has_transaction_control


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        ('BEGIN;\nCREATE TABLE "a" ("id" INTEGER);\nCOMMIT;\n', True),
        ("-- comment\n/* block */ begin;\n", True),
        ('CREATE TABLE "a" ("id" INTEGER);\nSTART TRANSACTION;\n', True),
        ("SAVEPOINT s;\n", True),
        ("END;\n", True),
        ('CREATE TABLE "a" ("id" INTEGER);\n', False),
        ("DO $$ BEGIN PERFORM 1; END $$;\n", False),
        ("CREATE FUNCTION f() RETURNS int AS $$ BEGIN RETURN 1; END $$ LANGUAGE plpgsql;\n", False),
        ("SELECT 'BEGIN;';\n", False),
        ('ALTER TABLE "t" ADD COLUMN "end" INTEGER;\n', False),
        ("-- BEGIN;\n", False),
        ("", False),
    ],
)
def test_transaction_control_is_the_first_keyword_of_a_statement(sql: str, expected: bool) -> None:
    assert _pg_has_transaction_control(sql) is expected
