"""The SQLite `Dialect`: capabilities, quoting, and entry points into this package's modules."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Sequence

if TYPE_CHECKING:
    from midair.schema.model import Schema
    from midair.urls import DatabaseUrl


@dataclass(frozen=True)
class SqliteDialect:
    name: str = "sqlite"
    transactional_ddl: bool = True
    supports_enums: bool = False
    # SQLite's ALTER TABLE can add, drop and rename columns but cannot change a column's type,
    # nullability or default, nor primary keys and foreign keys: those use the table rebuild.
    supports_alter_column: bool = False
    supports_named_primary_keys: bool = False
    foreign_keys_in_create_table: bool = True
    max_identifier_length: int | None = None
    supports_advisory_locks: bool = False
    supports_concurrent_index: bool = False
    # Indexes can be renamed in place (``ALTER INDEX … RENAME TO``); otherwise dropped and recreated.
    can_rename_index: bool = False
    # Foreign keys can be renamed in place (``ALTER TABLE … RENAME CONSTRAINT``).
    can_rename_foreign_key: bool = False
    supports_schemas: bool = False

    def quote(self, identifier: str) -> str:
        return '"' + identifier.replace('"', '""') + '"'

    def connect(self, url: DatabaseUrl) -> Any:
        from midair.dialects.sqlite.connection import connect

        return connect(url)

    def normalize(self, schema: Schema) -> Schema:
        from midair.dialects.sqlite.normalize import normalize

        return normalize(schema)

    def introspect(self, connection: Any) -> Schema:
        from midair.dialects.sqlite.introspect import introspect

        return introspect(connection)

    def render(self, steps: Sequence[Any]) -> Any:
        from midair.dialects.sqlite.render import render

        return render(steps)


DIALECT = SqliteDialect()
