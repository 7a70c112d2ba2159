"""SQLite types and defaults: how Prisma's scalars are spelled in a `Schema` for SQLite.

The contract between lowering and introspection (`dialects/sqlite/introspect.py`); both produce:

Column types (`ColumnType.name`, as Prisma's SQLite renderer writes them; there are no ``@db.*``
types): ``String`` → ``TEXT``, ``Boolean`` → ``BOOLEAN``, ``Int`` → ``INTEGER``, ``BigInt`` →
``BIGINT``, ``Float`` → ``REAL``, ``Decimal`` → ``DECIMAL``, ``DateTime`` → ``DATETIME``, ``Json`` →
``JSONB``, ``Bytes`` → ``BLOB``; enums are plain ``TEXT`` (no `enum`, and `Schema.enums` is empty);
``Unsupported("x")`` keeps its text with `unsupported=True`. Introspection upper-cases the declared
type and keeps it otherwise as declared.

Primary keys have no name (`PrimaryKey.name=None`). `Column.autoincrement=True` exactly for a
column that is the table's single-column primary key and has type ``INTEGER`` (Prisma writes
``PRIMARY KEY AUTOINCREMENT`` for every such column, with or without ``@default(autoincrement())``);
its `default` is None.

Defaults (`Column.default`, the SQL text after ``DEFAULT``): strings and enum values single-quoted
with ``'`` doubled (``'pending'``), numbers as written (``0``, ``1.5``), booleans ``true``/``false``,
``now()`` → ``CURRENT_TIMESTAMP``, DateTime literals ``'2020-01-02 03:04:05.678 +00:00'``, Bytes as
quoted hex without prefix (``'68656c6c6f'``), JSON single-quoted (``'{}'``; Prisma writes it bare,
``{}``, which SQLite rejects: prisma/orm#26571), ``dbgenerated("x")`` verbatim; client-side defaults are None. Introspection
reads the text of ``DEFAULT`` as SQLite stores it, which is this text.
"""

from __future__ import annotations

import base64
from typing import Sequence

from midair.dialects.postgres.types import format_datetime, quote_string
from midair.errors import UnsupportedError
from midair.schema.literal import Literal
from midair.schema.model import ColumnType

SCALAR_TYPES = {
    "String": "TEXT",
    "Boolean": "BOOLEAN",
    "Int": "INTEGER",
    "BigInt": "BIGINT",
    "Float": "REAL",
    "Decimal": "DECIMAL",
    "DateTime": "DATETIME",
    "Json": "JSONB",
    "Bytes": "BLOB",
}

SUPPORTS_LISTS = False
# Implicit many-to-many tables get a primary key on (A, B) (Prisma >= 5 on PostgreSQL) rather than
# a unique index.
JOIN_TABLE_PRIMARY_KEY = False
# The namespace a schema without ``@@schema`` lives in (Prisma 7's from-empty scripts create it).
DEFAULT_NAMESPACE: str | None = None
SUPPORTS_ENUMS = False


def native_type(name: str, args: Sequence[str]) -> str:
    raise UnsupportedError(f"The native type `@db.{name}` is not supported on SQLite.")


def column_type(scalar: str, native: tuple[str, Sequence[str]] | None, *, array: bool) -> ColumnType:
    if native:
        native_type(*native)
    if array:
        raise UnsupportedError("Scalar lists (`String[]`, …) are not supported on SQLite.")
    return ColumnType(SCALAR_TYPES[scalar])


def enum_column_type(enum_name: str, *, array: bool) -> ColumnType:
    if array:
        raise UnsupportedError("Enum lists are not supported on SQLite.")
    return ColumnType("TEXT")


def implicit_autoincrement(scalar: str, single_primary_key: bool) -> bool:
    """Every ``Int`` single-column primary key is ``INTEGER PRIMARY KEY AUTOINCREMENT``."""
    return single_primary_key and scalar == "Int"


def render_type(t: ColumnType, quote, schema: str | None = None) -> str:
    return t.name


def render_literal(lit: Literal, full_type: str) -> str:
    k, v = lit.kind, lit.value
    if k in ("string", "enum", "json"):
        # JSON is quoted too; Prisma writes it bare (`DEFAULT {}`), which SQLite rejects
        # (prisma/orm#26571): a deliberate difference.
        return quote_string(str(v))
    if k == "bool":
        return "true" if v else "false"
    if k in ("int", "float"):
        return str(v)
    if k == "datetime":
        return quote_string(format_datetime(str(v)))
    if k == "bytes":
        return "'" + base64.b64decode(str(v)).hex() + "'"
    raise UnsupportedError(f"A `{k}` default is not supported on SQLite.")


__all__ = [
    "column_type_change",
    "opclasses_match",
    "DEFAULT_NAMESPACE",
    "JOIN_TABLE_PRIMARY_KEY",
    "SCALAR_TYPES",
    "SUPPORTS_ENUMS",
    "SUPPORTS_LISTS",
    "column_type",
    "enum_column_type",
    "implicit_autoincrement",
    "native_type",
    "render_literal",
    "render_type",
]


# --- type changes ----------------------------------------------------------------------------

from midair.diff.changes import CastKind  # noqa: E402
from midair.schema.model import Column  # noqa: E402


def column_type_change(previous: Column, next: Column) -> CastKind | None:
    """Prisma's SQLite rule: same type family → None, to ``TEXT`` → safe, otherwise risky."""
    if previous.type.name == next.type.name:
        return None
    if next.type.name == "TEXT":
        return CastKind.SAFE
    return CastKind.RISKY


def opclasses_match(previous: str | None, next: str | None) -> bool:
    """SQLite indexes have no operator classes."""
    return True
