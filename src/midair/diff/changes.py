"""The migration steps: one small frozen dataclass per kind of change; `Change` is their union.

Steps carry whole objects (the table as it will be created, the column as it was before being
dropped) and both sides when something changes (`Pair`), so that the renderer, the data checks, the
lock planner, the drift summary and the expand/contract planner all read the same values. Steps
contain no SQL: SQL exists only in `dialects/<d>/render.py`.

Order is behaviour. `Phase` follows the variant order of Prisma's `SqlMigrationStep`; steps are
sorted by `(phase, position)` where `position` is the object's position in the schema it comes from
(the next schema for creations, the previous one for drops), as Prisma sorts by variant then by
index in its schema. The reasons, where order is not arbitrary:

- foreign keys and indexes are dropped before the tables and columns they depend on are changed;
- tables are dropped before tables are created, because a new table may reuse a dropped name;
- enums are dropped after the tables that use them and before tables are created (PostgreSQL
  refuses to drop a type still in use, and a new table may be named like a dropped enum);
- indexes are created after ALTER TABLE, because they may cover columns added there;
- foreign keys are added last, because they may depend on unique indexes created just before.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from midair.schema.model import Column, Enum, Extension, ForeignKey, Index, PrimaryKey, Table
from midair.schema.pair import Pair


class Phase(enum.IntEnum):
    """Execution order of step kinds (Prisma's `SqlMigrationStep` variant order)."""

    CREATE_SCHEMA = 0
    DROP_EXTENSION = 1
    CREATE_EXTENSION = 2
    ALTER_EXTENSION = 3
    CREATE_ENUM = 10
    ALTER_ENUM = 20
    DROP_FOREIGN_KEY = 30
    DROP_INDEX = 40
    ALTER_TABLE = 50
    DROP_TABLE = 60
    DROP_ENUM = 70
    CREATE_TABLE = 80
    REDEFINE_TABLES = 90
    CREATE_INDEX = 100
    RENAME_FOREIGN_KEY = 110
    ADD_FOREIGN_KEY = 120
    RENAME_INDEX = 130
    REDEFINE_INDEX = 140


class ColumnChange(enum.Flag):
    """What changed between two versions of a column (Prisma's `ColumnChanges`)."""

    NONE = 0
    TYPE = enum.auto()
    NULLABILITY = enum.auto()
    DEFAULT = enum.auto()
    AUTOINCREMENT = enum.auto()


class CastKind(enum.Enum):
    """How a type change treats existing values (Prisma's `ColumnTypeChange`)."""

    SAFE = "safe"  # every value converts (INTEGER -> BIGINT)
    RISKY = "risky"  # some values may not convert (TEXT -> INTEGER): a warning
    NOT_CASTABLE = "not_castable"  # no conversion: the column is dropped and recreated


# --- steps on whole objects -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CreateSchema:
    """Create a PostgreSQL namespace (``CREATE SCHEMA IF NOT EXISTS``)."""

    name: str
    phase = Phase.CREATE_SCHEMA
    description = "CreateSchema"


@dataclass(frozen=True, slots=True)
class CreateExtension:
    """``CREATE EXTENSION IF NOT EXISTS``, with the schema and version the schema file names."""

    extension: Extension
    phase = Phase.CREATE_EXTENSION
    description = "CreateExtension"


@dataclass(frozen=True, slots=True)
class DropExtension:
    """Drop an extension, only ever to create it again with another schema or version: Prisma
    never drops an extension that the schema file no longer lists."""

    extension: Extension
    phase = Phase.DROP_EXTENSION
    description = "DropExtension"


@dataclass(frozen=True, slots=True)
class AlterExtension:
    """A relocatable extension moved or updated in place: `changes` holds ``"version"``
    (``ALTER EXTENSION … UPDATE TO``) and/or ``"schema"`` (``… SET SCHEMA``), in that order."""

    extensions: Pair[Extension]
    changes: tuple[str, ...]
    phase = Phase.ALTER_EXTENSION
    description = "AlterExtension"


@dataclass(frozen=True, slots=True)
class CreateEnum:
    enum: Enum
    phase = Phase.CREATE_ENUM
    description = "CreateEnum"


@dataclass(frozen=True, slots=True)
class AlterEnum:
    """Add and/or drop values of an enum. Dropping values needs the type recreated on PostgreSQL,
    so the step also lists the columns that use the enum (table, column) as they are before."""

    enums: Pair[Enum]
    added_values: tuple[str, ...]
    dropped_values: tuple[str, ...]
    used_by: tuple[tuple[str, Column], ...] = ()
    # (table, column) of the next schema whose type is the enum (their type is swapped), and the
    # columns whose enum default must be set again after the swap.
    next_usages: tuple[tuple[str, Column], ...] = ()
    reinstated_defaults: tuple[tuple[str, Column], ...] = ()
    phase = Phase.ALTER_ENUM
    description = "AlterEnum"


@dataclass(frozen=True, slots=True)
class DropEnum:
    enum: Enum
    phase = Phase.DROP_ENUM
    description = "DropEnum"


@dataclass(frozen=True, slots=True)
class CreateTable:
    """Create a table with its columns and primary key (indexes and foreign keys are their own
    steps, except on SQLite, where foreign keys are part of CREATE TABLE: see the dialect)."""

    table: Table
    phase = Phase.CREATE_TABLE
    description = "CreateTable"


@dataclass(frozen=True, slots=True)
class DropTable:
    table: Table
    phase = Phase.DROP_TABLE
    description = "DropTable"


@dataclass(frozen=True, slots=True)
class RenameTable:
    """Rename a table in place (only from an explicit hint: Prisma never infers renames)."""

    tables: Pair[Table]
    phase = Phase.ALTER_TABLE
    description = "RenameTable"


# --- changes inside one ALTER TABLE -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AddColumn:
    """Add `column`. `client_default` is set when the schema has a default that only the client
    applies (``uuid()``, ``cuid()``, ``@updatedAt``): the database sees a required column without
    a default, which fails on a non-empty table."""

    column: Column
    client_default: bool = False


@dataclass(frozen=True, slots=True)
class DropColumn:
    column: Column


@dataclass(frozen=True, slots=True)
class AlterColumn:
    columns: Pair[Column]
    changes: ColumnChange
    cast: CastKind | None = None


@dataclass(frozen=True, slots=True)
class DropAndRecreateColumn:
    """A column whose type cannot be converted in place: dropped and added again (data is lost)."""

    columns: Pair[Column]
    changes: ColumnChange


@dataclass(frozen=True, slots=True)
class DropPrimaryKey:
    primary_key: PrimaryKey


@dataclass(frozen=True, slots=True)
class AddPrimaryKey:
    primary_key: PrimaryKey


@dataclass(frozen=True, slots=True)
class RenamePrimaryKey:
    primary_keys: Pair[PrimaryKey]


TableChange = (
    AddColumn
    | DropColumn
    | AlterColumn
    | DropAndRecreateColumn
    | DropPrimaryKey
    | AddPrimaryKey
    | RenamePrimaryKey
)


@dataclass(frozen=True, slots=True)
class AlterTable:
    """Changes to one table rendered as one ``ALTER TABLE`` where the dialect allows it (Prisma
    writes ``ALTER TABLE "Match" DROP COLUMN "a",\\nDROP COLUMN "b";``)."""

    tables: Pair[Table]
    changes: tuple[TableChange, ...]
    phase = Phase.ALTER_TABLE
    description = "AlterTable"


@dataclass(frozen=True, slots=True)
class RedefineTable:
    """SQLite's copy-and-swap rebuild for changes it cannot make in place: create the new table
    under a temporary name, copy the rows of `column_pairs`, drop the old table, rename the new
    one, recreate its indexes, and check foreign keys. `column_pairs` maps each surviving column
    (previous, next); `added` and `dropped` are the rest."""

    tables: Pair[Table]
    column_pairs: tuple[Pair[Column], ...]
    added: tuple[Column, ...] = ()
    dropped: tuple[Column, ...] = ()
    dropped_primary_key: bool = False
    phase = Phase.REDEFINE_TABLES
    description = "RedefineTables"


# --- indexes and foreign keys ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CreateIndex:
    """Create `index` on `table`. `concurrently` is chosen by the zero-downtime planner
    (PostgreSQL ``CREATE INDEX CONCURRENTLY``, which cannot run inside a transaction)."""

    table: Table
    index: Index
    from_drop_and_recreate: bool = False
    concurrently: bool = False
    phase = Phase.CREATE_INDEX
    description = "CreateIndex"


@dataclass(frozen=True, slots=True)
class DropIndex:
    table: Table
    index: Index
    phase = Phase.DROP_INDEX
    description = "DropIndex"


@dataclass(frozen=True, slots=True)
class RenameIndex:
    table: Table
    indexes: Pair[Index]
    phase = Phase.RENAME_INDEX
    description = "RenameIndex"


@dataclass(frozen=True, slots=True)
class RedefineIndex:
    """An index renamed on a dialect that cannot rename indexes (SQLite): dropped and created
    again under its new name."""

    table: Table
    indexes: Pair[Index]
    phase = Phase.REDEFINE_INDEX
    description = "RedefineIndex"


@dataclass(frozen=True, slots=True)
class AddForeignKey:
    """Add `foreign_key` to `table`. `not_valid` is chosen by the zero-downtime planner
    (``ADD CONSTRAINT … NOT VALID`` then a separate `ValidateConstraint`)."""

    table: Table
    foreign_key: ForeignKey
    not_valid: bool = False
    phase = Phase.ADD_FOREIGN_KEY
    description = "AddForeignKey"


@dataclass(frozen=True, slots=True)
class DropForeignKey:
    table: Table
    foreign_key: ForeignKey
    phase = Phase.DROP_FOREIGN_KEY
    description = "DropForeignKey"


@dataclass(frozen=True, slots=True)
class RenameForeignKey:
    table: Table
    foreign_keys: Pair[ForeignKey]
    phase = Phase.RENAME_FOREIGN_KEY
    description = "RenameForeignKey"


Change = (
    CreateSchema
    | CreateExtension
    | DropExtension
    | AlterExtension
    | CreateEnum
    | AlterEnum
    | DropEnum
    | CreateTable
    | DropTable
    | RenameTable
    | AlterTable
    | RedefineTable
    | CreateIndex
    | DropIndex
    | RenameIndex
    | RedefineIndex
    | AddForeignKey
    | DropForeignKey
    | RenameForeignKey
)


@dataclass(frozen=True, slots=True)
class Migration:
    """The ordered steps from one schema to another, with the schemas they connect."""

    steps: tuple[Change, ...]
    previous: object = field(default=None, compare=False)  # Schema
    next: object = field(default=None, compare=False)  # Schema

    def __bool__(self) -> bool:
        return bool(self.steps)


__all__ = [
    "AddColumn",
    "AddForeignKey",
    "AddPrimaryKey",
    "AlterColumn",
    "AlterEnum",
    "AlterExtension",
    "AlterTable",
    "CastKind",
    "Change",
    "ColumnChange",
    "CreateEnum",
    "CreateExtension",
    "CreateIndex",
    "CreateSchema",
    "CreateTable",
    "DropAndRecreateColumn",
    "DropColumn",
    "DropEnum",
    "DropExtension",
    "DropForeignKey",
    "DropIndex",
    "DropPrimaryKey",
    "DropTable",
    "Migration",
    "Phase",
    "RedefineIndex",
    "RedefineTable",
    "RenameForeignKey",
    "RenameIndex",
    "RenamePrimaryKey",
    "RenameTable",
    "TableChange",
]
