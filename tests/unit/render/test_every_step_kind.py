"""Every (dialect, step kind) pair is either rendered to SQL or refused with `UnsupportedError`
(no silent empty output, no crash), and renderers know nothing beyond the `Change` union."""

from __future__ import annotations

import typing

import pytest

from midair.diff import changes as ch
from midair.errors import UnsupportedError
from midair.render import migration_script, render
from midair.schema.model import Column, ColumnType, Enum, Extension, ForeignKey, Index, IndexColumn, PrimaryKey, Table
from midair.schema.pair import Pair

ID = Column("id", ColumnType("INTEGER"))
NAME = Column("name", ColumnType("TEXT"), nullable=True)
PK = PrimaryKey("T_pkey", (IndexColumn("id"),))
INDEX = Index("T_name_idx", (IndexColumn("name"),))
FK = ForeignKey("T_id_fkey", ("id",), "U", ("id",), "CASCADE", "CASCADE")
T = Table("T", (ID, NAME), PK, (INDEX,), (FK,))
T2 = Table("T", (ID, Column("name", ColumnType("BIGINT"), nullable=True)), PK, (INDEX,), (FK,))
E = Enum("Mood", ("A", "B"))
E2 = Enum("Mood", ("A", "C"))

EXAMPLES: dict[type, object] = {
    ch.CreateSchema: ch.CreateSchema("other"),
    ch.CreateExtension: ch.CreateExtension(Extension("citext", "public", "1.6")),
    ch.DropExtension: ch.DropExtension(Extension("citext")),
    ch.AlterExtension: ch.AlterExtension(Pair(Extension("citext", "public", "1.4", True), Extension("citext", "ext", "1.6")), ("version", "schema")),
    ch.CreateEnum: ch.CreateEnum(E),
    ch.AlterEnum: ch.AlterEnum(Pair(E, E2), ("C",), ("B",)),
    ch.DropEnum: ch.DropEnum(E),
    ch.CreateTable: ch.CreateTable(T),
    ch.DropTable: ch.DropTable(T),
    ch.RenameTable: ch.RenameTable(Pair(T, Table("T_new", T.columns))),
    ch.AlterTable: ch.AlterTable(Pair(T, T2), (ch.AlterColumn(Pair(NAME, T2.columns[1]), ch.ColumnChange.TYPE, ch.CastKind.RISKY),)),
    ch.RedefineTable: ch.RedefineTable(Pair(T, T2), (Pair(ID, ID), Pair(NAME, T2.columns[1]))),
    ch.CreateIndex: ch.CreateIndex(T, INDEX),
    ch.DropIndex: ch.DropIndex(T, INDEX),
    ch.RenameIndex: ch.RenameIndex(T, Pair(INDEX, Index("T_n", INDEX.columns))),
    ch.RedefineIndex: ch.RedefineIndex(T, Pair(INDEX, Index("T_n", INDEX.columns))),
    ch.AddForeignKey: ch.AddForeignKey(T, FK),
    ch.DropForeignKey: ch.DropForeignKey(T, FK),
    ch.RenameForeignKey: ch.RenameForeignKey(T, Pair(FK, ForeignKey("T_fk2", FK.columns, "U", ("id",)))),
}


def test_examples_cover_the_whole_change_union() -> None:
    assert set(typing.get_args(ch.Change)) == set(EXAMPLES)


@pytest.mark.parametrize("provider", ["postgresql", "sqlite"])
@pytest.mark.parametrize("kind", list(EXAMPLES), ids=lambda k: k.__name__)
def test_rendered_or_refused(provider: str, kind: type) -> None:
    step = EXAMPLES[kind]
    try:
        plan = render([step], provider)  # type: ignore[list-item]
    except UnsupportedError as e:
        assert provider in e.message.lower() or "sqlite" in e.message.lower() or "postgresql" in e.message.lower()
        return
    assert plan.statements, f"{kind.__name__} rendered nothing on {provider}"
    assert all(s.change is step for s in plan.statements)
    assert plan.statements[0].description == step.description  # type: ignore[attr-defined]


def test_refusals_on_sqlite_name_the_way_out() -> None:
    with pytest.raises(UnsupportedError) as e:
        render([EXAMPLES[ch.AddForeignKey]], "sqlite")  # type: ignore[list-item]
    assert "SQLite" in e.value.message and e.value.hint


def test_script_layout_headers_semicolons_blank_lines() -> None:
    sql = migration_script([ch.CreateIndex(T, INDEX), ch.DropIndex(T, INDEX)], "postgresql", ["first", "second"])
    assert sql == (
        "/*\n  Warnings:\n\n  - first\n  - second\n\n*/\n"
        '-- CreateIndex\nCREATE INDEX "T_name_idx" ON "T"("name");\n\n'
        '-- DropIndex\nDROP INDEX "T_name_idx";\n'
    )
    assert migration_script([], "postgresql") == "-- This is an empty migration."


def test_alter_table_clauses_share_one_statement() -> None:
    add = ch.AddColumn(Column("x", ColumnType("TEXT")))
    drop = ch.DropColumn(NAME)
    sql = migration_script([ch.AlterTable(Pair(T, T), (drop, add))], "postgresql")
    assert sql == '-- AlterTable\nALTER TABLE "T" DROP COLUMN "name",\nADD COLUMN     "x" TEXT NOT NULL;\n'


def test_concurrent_index_and_not_valid_foreign_key() -> None:
    plan = render([ch.CreateIndex(T, INDEX, concurrently=True), ch.AddForeignKey(T, FK, not_valid=True)], "postgresql")
    assert plan.statements[0].sql == 'CREATE INDEX CONCURRENTLY "T_name_idx" ON "T"("name")'
    assert plan.statements[1].sql.endswith("ON DELETE CASCADE ON UPDATE CASCADE NOT VALID")


def test_extension_steps_as_prisma_writes_them() -> None:
    sql = migration_script(
        [
            ch.DropExtension(Extension("ltree", version="1.1")),
            ch.CreateExtension(Extension("ltree", version="1.2")),
            ch.CreateExtension(Extension("uuid-ossp")),
            EXAMPLES[ch.AlterExtension],  # type: ignore[list-item]
        ],
        "postgresql",
    )
    assert sql == (
        '-- DropExtension\nDROP EXTENSION "ltree";\n\n'
        '-- CreateExtension\nCREATE EXTENSION IF NOT EXISTS "ltree" WITH VERSION "1.2";\n\n'
        '-- CreateExtension\nCREATE EXTENSION IF NOT EXISTS "uuid-ossp";\n\n'
        '-- AlterExtension\nALTER EXTENSION "citext" UPDATE TO "1.6";\nALTER EXTENSION "citext" SET SCHEMA "ext";\n'
    )
