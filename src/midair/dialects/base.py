"""The `Dialect` protocol: what the dialect-neutral core may ask a database family.

Each dialect package (`dialects/postgres`, `dialects/sqlite`, …) has the same modules:

- `dialect.py`    the `Dialect` object (`DIALECT`): capabilities and naming facts below
- `connection.py` opening a `Connection` from a URL
- `types.py`      Prisma scalar/native type -> `ColumnType`, and back (for `db pull`)
- `normalize.py`  `normalize(schema) -> schema` so lowered and introspected schemas compare equal
- `introspect.py` live database -> `Schema`
- `render.py`     `[Change]` -> SQL statements (Prisma's text style)
- `locks.py`      lock level / rewrite / scan facts per step, as data (types: `midair.checks.lockfacts`)
- `backup.py`     backup and restore

Capabilities are plain attributes with docstrings, so callers read `dialect.transactional_ddl`
instead of comparing names.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterator, Protocol, Sequence

if TYPE_CHECKING:
    from contextlib import AbstractContextManager

    from midair.diff.changes import Change
    from midair.schema.model import Schema
    from midair.urls import DatabaseUrl


class Connection(Protocol):
    """A live connection, in autocommit mode unless inside `transaction()`."""

    url: DatabaseUrl

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None: ...

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]: ...

    def script(self, sql: str) -> None:
        """Run a multi-statement script as one unit of text (as Prisma sends migrations)."""

    def transaction(self) -> AbstractContextManager[None]: ...

    def close(self) -> None: ...


class Dialect(Protocol):
    name: str
    """The Prisma provider name: ``postgresql``, ``sqlite``."""

    transactional_ddl: bool
    """DDL can run inside a transaction and roll back (PostgreSQL, SQLite: yes; MySQL: no)."""

    supports_enums: bool
    """Native enum types exist (PostgreSQL ``CREATE TYPE``); otherwise enums lower to TEXT."""

    supports_alter_column: bool
    """Columns can change type/nullability/default in place; if not, the differ emits
    `RedefineTable` (SQLite's copy-and-swap rebuild)."""

    supports_named_primary_keys: bool
    """Primary key constraints have names (``Match_pkey``)."""

    foreign_keys_in_create_table: bool
    """Foreign keys are written inside CREATE TABLE rather than added afterwards (SQLite)."""

    max_identifier_length: int | None
    """Identifiers longer than this are truncated by Prisma's naming rules (PostgreSQL: 63)."""

    def quote(self, identifier: str) -> str: ...

    def connect(self, url: DatabaseUrl) -> Connection: ...

    def normalize(self, schema: Schema) -> Schema: ...

    def introspect(self, connection: Connection) -> Schema: ...

    def render(self, steps: Sequence[Change]) -> list[RenderedStep]: ...


class RenderedStep(Protocol):
    """One step rendered: `description` (``CreateTable``) and its statements without ``;``."""

    description: str
    statements: list[str]
    change: Change


def iter_changes(steps: Sequence[Change]) -> Iterator[Change]:
    yield from steps
