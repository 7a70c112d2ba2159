"""Hand-built schema values for the checks' unit tests (the tennis app's `Match` table and friends),
so the checks can be tested before and without the differ."""

from __future__ import annotations

from dataclasses import replace

from midair.schema.model import Column, ColumnType, ForeignKey, Index, IndexColumn, PrimaryKey, Table

TEXT = ColumnType("TEXT")
INTEGER = ColumnType("INTEGER")
BOOLEAN = ColumnType("BOOLEAN")
JSONB = ColumnType("JSONB")
TIMESTAMP = ColumnType("TIMESTAMP(3)")


def col(name: str, type_: ColumnType = TEXT, *, nullable: bool = False, default: str | None = None) -> Column:
    return Column(name, type_, nullable=nullable, default=default)


def match_table(*, score_nullable: bool | None = True, old_scores: bool = True) -> Table:
    """`Match` as the tennis history has it: `score` absent (None), optional or required, and the
    four old score columns present or dropped."""
    cols = [
        col("id"),
        col("createdAt", TIMESTAMP, default="CURRENT_TIMESTAMP"),
        col("isComplete", BOOLEAN, default="false"),
        col("currentSet", INTEGER, default="1"),
        col("server", INTEGER, default="1"),
        col("createdById"),
        col("player1Name"),
        col("player2Name"),
    ]
    if old_scores:
        cols += [
            col("player1Points", default="'0'"),
            col("player2Points", default="'0'"),
            col("player1Games", INTEGER, default="0"),
            col("player2Games", INTEGER, default="0"),
        ]
    cols.append(col("isPublic", BOOLEAN, default="false"))
    if score_nullable is not None:
        cols.append(col("score", JSONB, nullable=score_nullable))
    return Table(
        "Match",
        tuple(cols),
        primary_key=PrimaryKey("Match_pkey", (IndexColumn("id"),)),
        foreign_keys=(ForeignKey("Match_createdById_fkey", ("createdById",), "User", ("id",), "RESTRICT", "CASCADE"),),
    )


def user_table(*, email: bool = False) -> Table:
    cols = [col("id")]
    indexes: tuple[Index, ...] = ()
    if email:
        cols.append(col("email", nullable=True))
        indexes = (Index("User_email_key", (IndexColumn("email"),), unique=True),)
    return Table("User", tuple(cols), primary_key=PrimaryKey("User_pkey", (IndexColumn("id"),)), indexes=indexes)


def without(table: Table, *names: str) -> Table:
    return replace(table, columns=tuple(c for c in table.columns if c.name not in names))
