"""`pure_warnings`: the warnings block of a generated migration.sql, without a database.

The tennis app's history (written by Prisma) is the reference for the two kinds it shows; the
expected lines are read from its migration files, not typed here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from check_tables import INTEGER, JSONB, TEXT, col, match_table, user_table

from midair.checks import plan_checks, pure_warnings
from midair.diff.changes import (
    AddColumn,
    AlterColumn,
    AlterTable,
    CastKind,
    ColumnChange,
    CreateIndex,
    DropColumn,
    DropTable,
)
from midair.schema.pair import Pair
from tests.conftest import TENNIS_CORPUS


def warnings_block(migration: Path) -> list[str]:
    """The `  - ` lines of a Prisma migration.sql's `/* Warnings: */` block."""
    text = (migration / "migration.sql").read_text()
    m = re.match(r"/\*\n  Warnings:\n\n(.*?)\n\n\*/\n", text, re.S)
    assert m, f"{migration} has no warnings block"
    return [line.removeprefix("  - ") for line in m.group(1).split("\n")]


def tennis(name: str) -> Path:
    (path,) = (TENNIS_CORPUS / "migrations").glob(f"*_{name}")
    return path


def test_made_required_is_prismas_text_byte_for_byte() -> None:
    before, after = match_table(score_nullable=True), match_table(score_nullable=False)
    step = AlterTable(
        Pair(before, after),
        (AlterColumn(Pair(before.column("score"), after.column("score")), ColumnChange.NULLABILITY),),
    )
    assert pure_warnings([step], "postgresql") == warnings_block(tennis("make_json_score_mandatory"))


def test_dropped_columns_are_prismas_text_in_step_order() -> None:
    before = match_table(score_nullable=False)
    after = match_table(score_nullable=False, old_scores=False)
    # Prisma's step order for this migration (its SQL drops them in this order).
    dropped = ["player1Games", "player1Points", "player2Games", "player2Points"]
    step = AlterTable(Pair(before, after), tuple(DropColumn(before.column(n)) for n in dropped))
    assert pure_warnings([step], "postgresql") == warnings_block(tennis("drop_old_score_fields"))


def test_no_warning_for_safe_steps() -> None:
    before = match_table(score_nullable=None)
    after = match_table(score_nullable=True)
    step = AlterTable(Pair(before, after), (AddColumn(after.column("score")),))
    assert pure_warnings([step], "postgresql") == []
    assert plan_checks([step], "postgresql") == []


def test_warnings_come_before_unexecutable_steps() -> None:
    before = match_table(score_nullable=True)
    after = match_table(score_nullable=False, old_scores=False)
    steps = [
        AlterTable(
            Pair(before, after),
            (
                AlterColumn(Pair(before.column("score"), after.column("score")), ColumnChange.NULLABILITY),
                DropColumn(before.column("player1Games")),
            ),
        ),
        DropTable(user_table()),
    ]
    lines = pure_warnings(steps, "postgresql")
    assert lines == [
        "You are about to drop the column `player1Games` on the `Match` table. All the data in the column will be lost.",
        "Dropping the table `User` deletes every row it holds.",
        "Made the column `score` on table `Match` required. This step will fail if there are existing NULL values in that column.",
    ]


def test_our_wording_names_objects_and_uses_the_conditional_sentence() -> None:
    user, user_with_email = user_table(), user_table(email=True)
    m = match_table(score_nullable=None)
    added = col("rank", INTEGER)
    steps = [
        AlterTable(Pair(m, m), (AddColumn(added),)),
        AlterTable(Pair(m, m), (AddColumn(col("uid"), client_default=True),)),
        AlterTable(
            Pair(m, m),
            (AlterColumn(Pair(col("player1Points", TEXT), col("player1Points", INTEGER)), ColumnChange.TYPE, CastKind.RISKY),),
        ),
        AlterTable(Pair(user, user_with_email), (AddColumn(user_with_email.column("email")),)),
        CreateIndex(user_with_email, user_with_email.index("User_email_key")),
    ]
    lines = pure_warnings(steps, "postgresql")
    assert lines == [
        "The type of `Match.player1Points` changes from `TEXT` to `INTEGER`. This step will fail if a value cannot be converted.",
        "A unique index `User_email_key` is added on `User` over `email`. This step will fail if there are duplicate values.",
        "The required column `Match.rank` is added without a default value. This step will fail if the table `Match` is not empty.",
        "The required column `Match.uid` is added with a default that only the client applies (the database sees no default). "
        "This step will fail if the table `Match` is not empty.",
    ]


@pytest.mark.parametrize("nullable", [True, False])
def test_json_type_change_without_nullability_change_is_silent(nullable: bool) -> None:
    m = match_table(score_nullable=nullable)
    step = AlterTable(
        Pair(m, m),
        (AlterColumn(Pair(col("score", JSONB, nullable=nullable), col("score", JSONB, nullable=nullable)), ColumnChange.DEFAULT),),
    )
    assert pure_warnings([step], "postgresql") == []


def test_a_migration_value_is_accepted_as_well_as_its_steps() -> None:
    from midair.diff.changes import Migration

    before, after = match_table(score_nullable=True), match_table(score_nullable=False)
    step = AlterTable(
        Pair(before, after),
        (AlterColumn(Pair(before.column("score"), after.column("score")), ColumnChange.NULLABILITY),),
    )
    assert pure_warnings(Migration((step,)), "postgresql") == pure_warnings([step], "postgresql") != []
    assert plan_checks(Migration((step,)), "postgresql") == plan_checks([step], "postgresql")
