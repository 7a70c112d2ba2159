"""The SQL-level schema: what every source lowers to and every diff compares.

A `Schema` describes tables, columns, keys, indexes, foreign keys and enums as the *database* sees
them, not as the Prisma schema spells them. Three sources produce it:

- `midair.schema.lower` from a parsed `schema.prisma` (for a given dialect),
- `dialects/<d>/introspect.py` from a live database,
- a migrations folder replayed on a shadow database (then introspected).

All values are frozen dataclasses holding tuples, so they hash and compare with the generated
``__eq__``. Each dialect normalises what it produces (`dialects/<d>/normalize.py`) so that two
schemas that build the same database compare equal: type names, default expressions and index
methods are spelled the way the dialect's renderer writes them (for PostgreSQL: ``TEXT``,
``TIMESTAMP(3)``, ``DECIMAL(65,30)``, defaults like ``'0'``, ``false``, ``CURRENT_TIMESTAMP``).

Collections keep their source order: declaration order for a lowered schema, the catalog's name
order for an introspected one. Order is behaviour here, because Prisma emits `CreateTable` steps in
the order of the next schema's models. Compare two schemas with `Schema.sorted()` on both sides;
the order of columns, enum values and key columns always matters.

Lowering and introspection build tens of thousands of these for a large schema: `fast_init`
gives them a quicker `__init__` (same signature, still frozen).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal

from midair._frozen import fast_init

SortOrder = Literal["ASC", "DESC"]
ReferentialAction = Literal["CASCADE", "RESTRICT", "NO ACTION", "SET NULL", "SET DEFAULT"]


@fast_init
@dataclass(frozen=True, slots=True)
class ColumnType:
    """A column's type as the dialect renders it.

    `name` is the rendered SQL type without array brackets (``TEXT``, ``INTEGER``, ``TIMESTAMP(3)``,
    ``VARCHAR(255)``, ``DECIMAL(65,30)``, ``JSONB``); for an enum column it is the enum's name and
    `enum` is set; `array` marks PostgreSQL list columns (``TEXT[]``). `unsupported` marks a Prisma
    ``Unsupported("…")`` type, whose `name` is the raw text.
    """

    name: str
    enum: str | None = None
    array: bool = False
    unsupported: bool = False


@fast_init
@dataclass(frozen=True, slots=True)
class Column:
    """A table column.

    `default` is the normalised SQL default expression (``'0'``, ``false``, ``CURRENT_TIMESTAMP``,
    ``gen_random_uuid()``), or None. `autoincrement` means the database generates the value from a
    sequence (PostgreSQL ``SERIAL``/``BIGSERIAL``, SQLite ``INTEGER PRIMARY KEY AUTOINCREMENT``);
    such columns have no `default`.
    """

    name: str
    type: ColumnType
    nullable: bool = False
    default: str | None = None
    autoincrement: bool = False
    # The schema has a default that only Prisma Client applies (``uuid()``, ``cuid()``,
    # ``@updatedAt``…): the database sees no default. Known from a schema file only, so it takes no
    # part in comparisons.
    client_default: bool = field(default=False, compare=False)


@fast_init
@dataclass(frozen=True, slots=True)
class IndexColumn:
    """One column of an index or key, with its optional sort order, operator class and length."""

    name: str
    sort: SortOrder | None = None
    opclass: str | None = None
    length: int | None = None


@fast_init
@dataclass(frozen=True, slots=True)
class PrimaryKey:
    """A table's primary key constraint (`name` is None on SQLite, which does not name them)."""

    name: str | None
    columns: tuple[IndexColumn, ...]

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)


@fast_init
@dataclass(frozen=True, slots=True)
class Index:
    """A secondary index; `unique` for Prisma's ``@unique``/``@@unique``.

    `method` is None for the default (B-tree) and otherwise the access method in upper case
    (``HASH``, ``GIN``, ``GIST``, ``SPGIST``, ``BRIN``). `where` is a partial index predicate.
    """

    name: str
    columns: tuple[IndexColumn, ...]
    unique: bool = False
    method: str | None = None
    where: str | None = None

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)


@fast_init
@dataclass(frozen=True, slots=True)
class ForeignKey:
    """A foreign key constraint from `columns` of the owning table to `referenced_table`."""

    name: str | None
    columns: tuple[str, ...]
    referenced_table: str
    referenced_columns: tuple[str, ...]
    on_delete: ReferentialAction = "NO ACTION"
    on_update: ReferentialAction = "NO ACTION"
    referenced_schema: str | None = None


@fast_init
@dataclass(frozen=True, slots=True)
class Table:
    """A table with its columns (in order), primary key, indexes and foreign keys."""

    name: str
    columns: tuple[Column, ...]
    primary_key: PrimaryKey | None = None
    indexes: tuple[Index, ...] = ()
    foreign_keys: tuple[ForeignKey, ...] = ()
    schema: str | None = None

    def column(self, name: str) -> Column | None:
        for c in self.columns:
            if c.name == name:
                return c
        return None

    def index(self, name: str) -> Index | None:
        for i in self.indexes:
            if i.name == name:
                return i
        return None

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)


@fast_init
@dataclass(frozen=True, slots=True)
class Enum:
    """A database enum type (PostgreSQL ``CREATE TYPE … AS ENUM``); values in declaration order."""

    name: str
    values: tuple[str, ...]
    schema: str | None = None


@fast_init
@dataclass(frozen=True, slots=True)
class Extension:
    """A PostgreSQL extension (``CREATE EXTENSION``), by its database name (``uuid-ossp``).

    `schema` and `version` are None when the Prisma schema leaves them to the database; None
    matches any value when two extensions are compared, as in Prisma. `relocatable` is known from
    a live database only (``pg_extension.extrelocatable``): Prisma alters a relocatable extension in
    place and drops and recreates the others.
    """

    name: str
    schema: str | None = None
    version: str | None = None
    relocatable: bool = field(default=False, compare=False)


@fast_init
@dataclass(frozen=True, slots=True)
class Schema:
    """A whole database schema, SQL-level, for one dialect.

    `namespaces` lists the PostgreSQL schemas it spans (empty means the default one only).
    `extensions` are the PostgreSQL extensions: declared ones for a lowered schema (only with
    Prisma's ``postgresqlExtensions`` preview feature), installed ones (but ``plpgsql``) for an
    introspected database.
    """

    tables: tuple[Table, ...] = ()
    enums: tuple[Enum, ...] = ()
    namespaces: tuple[str, ...] = ()
    extensions: tuple[Extension, ...] = ()
    # The schema file manages extensions (PostgreSQL with the `postgresqlExtensions` preview
    # feature). Prisma ignores extensions unless it does; the differ only compares extensions
    # when one side manages them, so a database's own extensions never show up as drift.
    manages_extensions: bool = field(default=False, compare=False)

    def table(self, name: str, schema: str | None = None) -> Table | None:
        for t in self.tables:
            if t.name == name and (schema is None or t.schema == schema):
                return t
        return None

    def enum(self, name: str) -> Enum | None:
        for e in self.enums:
            if e.name == name:
                return e
        return None

    def sorted(self) -> Schema:
        """The same schema with name-keyed collections sorted, so equal databases compare equal."""
        return replace(
            self,
            tables=tuple(
                sorted(
                    (
                        replace(
                            t,
                            indexes=tuple(sorted(t.indexes, key=lambda i: i.name)),
                            foreign_keys=tuple(
                                sorted(t.foreign_keys, key=lambda f: (f.name or "", f.columns))
                            ),
                        )
                        for t in self.tables
                    ),
                    key=lambda t: (t.schema or "", t.name),
                )
            ),
            enums=tuple(sorted(self.enums, key=lambda e: (e.schema or "", e.name))),
            namespaces=tuple(sorted(self.namespaces)),
            extensions=tuple(sorted(self.extensions, key=lambda x: x.name)),
        )


EMPTY_SCHEMA = Schema()

__all__ = [
    "EMPTY_SCHEMA",
    "Column",
    "ColumnType",
    "Enum",
    "Extension",
    "ForeignKey",
    "Index",
    "IndexColumn",
    "PrimaryKey",
    "ReferentialAction",
    "Schema",
    "SortOrder",
    "Table",
]
