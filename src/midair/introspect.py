"""`introspect(connection) -> Schema`: a live database as the SQL-level `Schema`.

The work is the dialect's (`dialects/<d>/introspect.py`); this module picks the dialect from the
connection's URL. The result is normalised and leaves out bookkeeping tables: Prisma's
``_prisma_migrations`` and midair's own (names starting with ``_midair``).
"""

from __future__ import annotations

from typing import Sequence

from midair.dialects import get_dialect
from midair.dialects.base import Connection
from midair.schema.model import Schema


def introspect(connection: Connection, namespaces: Sequence[str] | None = None) -> Schema:
    """The normalised schema of the database behind `connection`.

    `namespaces` (PostgreSQL) lists the schemas to read; by default the URL's ``?schema=``
    (``public``). A dialect without namespaces ignores it.
    """
    dialect = get_dialect(connection.url.provider)
    if namespaces:
        from inspect import signature

        if "namespaces" in signature(dialect.introspect).parameters:
            return dialect.introspect(connection, namespaces=namespaces)  # type: ignore[call-arg]
    return dialect.introspect(connection)


def introspect_url(url: str, namespaces: Sequence[str] | None = None) -> Schema:
    """Open `url`, introspect it, close the connection."""
    from midair.connection import connect

    conn = connect(url)
    try:
        return introspect(conn, namespaces)
    finally:
        conn.close()


__all__ = ["introspect", "introspect_url"]
