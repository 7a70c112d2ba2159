"""The differ on hand-built schemas: which `Change` values come out, in which order."""

from __future__ import annotations

from midair.diff import diff
from midair.diff.changes import (
    AddColumn,
    AddForeignKey,
    AlterColumn,
    AlterTable,
    CastKind,
    ColumnChange,
    CreateIndex,
    CreateSchema,
    CreateTable,
    DropAndRecreateColumn,
    DropColumn,
    DropForeignKey,
    DropIndex,
    DropTable,
    RedefineIndex,
    RedefineTable,
    RenameIndex,
)
from midair.diff.summary import summary
from midair.schema.model import (
    EMPTY_SCHEMA,
    Column,
    ColumnType,
    ForeignKey,
    Index,
    IndexColumn,
    PrimaryKey,
    Schema,
    Table,
)

INT = ColumnType("INTEGER")
TEXT = ColumnType("TEXT")


def table(name: str, *cols: Column, indexes: tuple[Index, ...] = (), fks: tuple[ForeignKey, ...] = ()) -> Table:
    return Table(name, cols, PrimaryKey(f"{name}_pkey", (IndexColumn("id"),)), indexes, fks)


def test_from_empty_orders_tables_indexes_then_foreign_keys() -> None:
    user = table("User", Column("id", INT), indexes=(Index("User_id_idx", (IndexColumn("id"),)),))
    post = table("Post", Column("id", INT), Column("userId", INT), fks=(ForeignKey("Post_userId_fkey", ("userId",), "User", ("id",)),))
    steps = diff(EMPTY_SCHEMA, Schema((user, post)), "postgresql", create_default_namespace=True).steps
    assert [type(s) for s in steps] == [CreateSchema, CreateTable, CreateTable, CreateIndex, AddForeignKey]
    assert [s.table.name for s in steps if isinstance(s, CreateTable)] == ["User", "Post"]
    # migrate dev's first migration: no CREATE SCHEMA
    assert not any(isinstance(s, CreateSchema) for s in diff(EMPTY_SCHEMA, Schema((user,)), "postgresql").steps)


def test_identical_schemas_give_no_step() -> None:
    s = Schema((table("T", Column("id", INT), Column("a", TEXT, default="'x'")),))
    assert diff(s, s, "postgresql").steps == ()
    assert diff(s, s, "sqlite").steps == ()
    assert summary(()) == "No difference detected."


def test_column_changes_and_casts() -> None:
    before = Schema((table("T", Column("id", INT), Column("a", INT), Column("b", TEXT), Column("c", TEXT, nullable=True)),))
    after = Schema((table("T", Column("id", INT), Column("a", ColumnType("BIGINT")), Column("b", INT), Column("d", TEXT)),))
    (step,) = diff(before, after, "postgresql").steps
    assert isinstance(step, AlterTable)
    kinds = [(type(c).__name__, getattr(c, "cast", None)) for c in step.changes]
    # drops and adds by name, then alterations in the previous column order
    assert kinds == [
        ("DropColumn", None),
        ("AddColumn", None),
        ("AlterColumn", CastKind.SAFE),
        ("DropAndRecreateColumn", None),
    ]
    assert isinstance(step.changes[0], DropColumn) and step.changes[0].column.name == "c"
    assert isinstance(step.changes[1], AddColumn) and step.changes[1].column.name == "d"
    alter = step.changes[2]
    assert isinstance(alter, AlterColumn) and alter.changes == ColumnChange.TYPE
    assert isinstance(step.changes[3], DropAndRecreateColumn)


def test_sqlite_rebuilds_what_it_cannot_alter() -> None:
    before = Schema((table("T", Column("id", INT), Column("a", TEXT, nullable=True)),))
    after = Schema((table("T", Column("id", INT), Column("a", TEXT)),))
    (step,) = diff(before, after, "sqlite").steps
    assert isinstance(step, RedefineTable)
    assert [p.next.name for p in step.column_pairs] == ["a", "id"]
    # an optional column is added in place
    plus = Schema((table("T", Column("id", INT), Column("a", TEXT, nullable=True), Column("b", TEXT, nullable=True)),))
    (step,) = diff(before, plus, "sqlite").steps
    assert isinstance(step, AlterTable) and isinstance(step.changes[0], AddColumn)


def test_index_renames_depend_on_the_dialect() -> None:
    idx = Index("old", (IndexColumn("a"),))
    before = Schema((table("T", Column("id", INT), Column("a", TEXT), indexes=(idx,)),))
    after = Schema((table("T", Column("id", INT), Column("a", TEXT), indexes=(Index("new", idx.columns),)),))
    (pg,) = diff(before, after, "postgresql").steps
    (lite,) = diff(before, after, "sqlite").steps
    assert isinstance(pg, RenameIndex) and isinstance(lite, RedefineIndex)


def test_dropped_tables_lose_their_foreign_keys_first_on_postgres() -> None:
    fk = ForeignKey("B_aId_fkey", ("aId",), "A", ("id",))
    before = Schema((table("A", Column("id", INT)), table("B", Column("id", INT), Column("aId", INT), fks=(fk,))))
    steps = diff(before, EMPTY_SCHEMA, "postgresql").steps
    assert [type(s) for s in steps] == [DropForeignKey, DropTable, DropTable]
    assert [type(s) for s in diff(before, EMPTY_SCHEMA, "sqlite").steps] == [DropTable, DropTable]


def test_long_names_pair_with_what_postgres_kept() -> None:
    long = "A" * 70
    before = Schema((table(long[:63], Column("id", INT)),))
    after = Schema((table(long, Column("id", INT)),))
    assert diff(before, after, "postgresql").steps == ()


def test_unique_index_moves_after_the_primary_key_it_becomes() -> None:
    before = Schema((Table("T", (Column("a", INT),), None, (Index("T_a_key", (IndexColumn("a"),), unique=True),)),))
    after = Schema((Table("T", (Column("a", INT),), PrimaryKey("T_pkey", (IndexColumn("a"),))),))
    steps = diff(before, after, "postgresql").steps
    assert [type(s) for s in steps] == [AlterTable, DropIndex]
