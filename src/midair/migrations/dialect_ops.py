"""Picks the migration-apply facts of a database family: `dialects/<d>/migrations.py`'s `OPS`.

Each dialect's object has the same methods (history DDL and time format, the database-wide lock,
running a script with its history update, reset, shadow databases); nothing else in
`midair.migrations` knows which database it talks to.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from midair.errors import LockTimeout, MigrationError

if TYPE_CHECKING:
    from midair.dialects.base import Dialect
    from midair.dialects.postgres.migrations import PostgresOps
    from midair.dialects.sqlite.migrations import SqliteOps

HISTORY_TABLE = "_prisma_migrations"


def ops_for(dialect: Dialect) -> PostgresOps | SqliteOps:
    package = type(dialect).__module__.rsplit(".", 1)[0]
    try:
        return import_module(f"{package}.migrations").OPS
    except ModuleNotFoundError:
        raise MigrationError(f"Applying migrations is not supported for `{dialect.name}` yet.") from None


def __getattr__(name: str) -> Any:
    # The ops classes live in their dialect packages; keep the old import path working.
    if name == "PostgresOps":
        from midair.dialects.postgres.migrations import PostgresOps

        return PostgresOps
    if name == "SqliteOps":
        from midair.dialects.sqlite.migrations import SqliteOps

        return SqliteOps
    raise AttributeError(name)


__all__ = ["HISTORY_TABLE", "LockTimeout", "ops_for"]
