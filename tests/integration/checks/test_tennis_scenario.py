"""The article's numbers: 105 matches, 12 of them without a `score`, then the tennis history's
steps 5 (make `score` required) and 6 (drop the four old score columns)."""

from __future__ import annotations

import json

import pytest
from check_db import change_columns, open_db, provider

from midair.checks import evaluate, plan_checks
from midair.diff.changes import AlterTable, DropColumn
from midair.schema.model import Column, ColumnType, PrimaryKey, IndexColumn, Table
from midair.schema.pair import Pair
from tests.conftest import TENNIS_CORPUS

MATCHES, WITHOUT_SCORE = 105, 12
OLD = ["player1Games", "player1Points", "player2Games", "player2Points"]


def match(*, score_required: bool, old: bool = True, json_type: str = "JSONB") -> Table:
    cols = [Column("id", ColumnType("TEXT")), Column("createdById", ColumnType("TEXT"))]
    if old:
        cols += [
            Column("player1Points", ColumnType("TEXT"), default="'0'"),
            Column("player2Points", ColumnType("TEXT"), default="'0'"),
            Column("player1Games", ColumnType("INTEGER"), default="0"),
            Column("player2Games", ColumnType("INTEGER"), default="0"),
        ]
    cols.append(Column("score", ColumnType(json_type), nullable=not score_required))
    return Table("Match", tuple(cols), PrimaryKey("Match_pkey", (IndexColumn("id"),)))


def seed(conn, mark: str) -> None:
    with conn.transaction():
        _seed(conn, mark)


def _seed(conn, mark: str) -> None:
    conn.execute(f'INSERT INTO "User" ("id") VALUES ({mark})', ("u1",))
    for i in range(MATCHES):
        score = None if i < WITHOUT_SCORE else '{"sets": [[6, 4]]}'
        conn.execute(
            f'INSERT INTO "Match" ("id", "createdById", "player1Name", "player2Name", "score") '
            f"VALUES ({mark}, {mark}, {mark}, {mark}, {mark})",
            (f"m{i}", "u1", "Ann", "Bea", score),
        )


def postgres_history(url: str) -> None:
    """The tennis app's real migrations 1-4, as Prisma wrote them."""
    with open_db(url) as conn:
        for folder in sorted((TENNIS_CORPUS / "migrations").iterdir())[:4]:
            conn.script((folder / "migration.sql").read_text())
        seed(conn, "%s")


def sqlite_tables(url: str) -> None:
    with open_db(
        url,
        'CREATE TABLE "User" ("id" TEXT NOT NULL PRIMARY KEY)',
        """CREATE TABLE "Match" ("id" TEXT NOT NULL PRIMARY KEY, "createdById" TEXT NOT NULL,
           "player1Name" TEXT NOT NULL, "player2Name" TEXT NOT NULL,
           "player1Points" TEXT NOT NULL DEFAULT '0', "player2Points" TEXT NOT NULL DEFAULT '0',
           "player1Games" INTEGER NOT NULL DEFAULT 0, "player2Games" INTEGER NOT NULL DEFAULT 0,
           "score" JSONB)""",
    ) as conn:
        seed(conn, "?")


@pytest.fixture
def tennis_url(any_url: str) -> str:
    (postgres_history if provider(any_url) == "postgresql" else sqlite_tables)(any_url)
    return any_url


def steps_5_and_6(p: str) -> list:
    optional, required = match(score_required=False), match(score_required=True)
    dropped = match(score_required=True, old=False)
    return [
        change_columns(optional, required, p),
        AlterTable(Pair(required, dropped), tuple(DropColumn(required.column(n)) for n in OLD)),
    ]


def test_messages_give_the_articles_numbers(tennis_url: str) -> None:
    p = provider(tennis_url)
    with open_db(tennis_url) as conn:
        report = evaluate(plan_checks(steps_5_and_6(p), p), conn)
    assert [f.message for f in report.unexecutable] == ["Making `Match.score` required will fail: 12 rows hold NULL."]
    assert [f.message for f in report.warnings] == [
        f"Dropping `Match.{name}` loses 105 non-null values." for name in OLD
    ]
    data = json.loads(report.to_json())
    assert [w["count"] for w in data["warnings"]] == [105] * 4
    assert data["unexecutable"][0]["count"] == 12


def test_once_scores_are_filled_only_the_data_loss_remains(tennis_url: str) -> None:
    p = provider(tennis_url)
    with open_db(tennis_url) as conn:
        conn.execute("""UPDATE "Match" SET "score" = '{}' WHERE "score" IS NULL""")
        report = evaluate(plan_checks(steps_5_and_6(p), p), conn)
    assert report.unexecutable == ()
    assert len(report.warnings) == 4

