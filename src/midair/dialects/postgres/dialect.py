"""The PostgreSQL `Dialect`: capabilities, quoting, and entry points into this package's modules.

Modules are imported lazily so that, for example, rendering SQL does not import psycopg.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Sequence

if TYPE_CHECKING:
    from midair.schema.model import Schema
    from midair.urls import DatabaseUrl


@dataclass(frozen=True)
class PostgresDialect:
    name: str = "postgresql"
    transactional_ddl: bool = True
    supports_enums: bool = True
    supports_alter_column: bool = True
    supports_named_primary_keys: bool = True
    foreign_keys_in_create_table: bool = False
    max_identifier_length: int | None = 63
    supports_advisory_locks: bool = True
    supports_concurrent_index: bool = True
    # Indexes can be renamed in place (``ALTER INDEX … RENAME TO``); otherwise dropped and recreated.
    can_rename_index: bool = True
    # Foreign keys can be renamed in place (``ALTER TABLE … RENAME CONSTRAINT``).
    can_rename_foreign_key: bool = True
    supports_schemas: bool = True

    def quote(self, identifier: str) -> str:
        return '"' + identifier.replace('"', '""') + '"'

    def connect(self, url: DatabaseUrl) -> Any:
        from midair.dialects.postgres.connection import connect

        return connect(url)

    def normalize(self, schema: Schema) -> Schema:
        from midair.dialects.postgres.normalize import normalize

        return normalize(schema)

    def introspect(self, connection: Any, namespaces: Sequence[str] | None = None) -> Schema:
        from midair.dialects.postgres.introspect import introspect

        return introspect(connection, namespaces)

    def render(self, steps: Sequence[Any]) -> Any:
        from midair.dialects.postgres.render import render

        return render(steps)


DIALECT = PostgresDialect()
