"""Open PostgreSQL connections with psycopg 3 (autocommit; explicit transactions)."""

from __future__ import annotations

from contextlib import contextmanager
from typing import Any, Iterator, Sequence

import psycopg

from midair.errors import ConnectionError
from midair.urls import DatabaseUrl, redact


class PostgresConnection:
    """A `Connection` over psycopg. `raw` is the psycopg connection for dialect-specific work."""

    def __init__(self, url: DatabaseUrl, *, connect_timeout: int = 10) -> None:
        self.url = url
        try:
            self.raw = psycopg.connect(url.libpq, autocommit=True, connect_timeout=connect_timeout)
        except psycopg.OperationalError as e:
            raise ConnectionError(
                f"Cannot connect to the PostgreSQL database at `{url.redacted}`: {redact(str(e)).strip()}",
                hint="Check that the server is running and the URL (host, port, user, database) is right.",
            ) from None
        schema = url.pg_schema
        if schema != "public":
            self.raw.execute(f'SET search_path TO "{schema}"')

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        self.raw.execute(sql, params or None)

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        with self.raw.cursor() as cur:
            cur.execute(sql, params or None)
            return cur.fetchall() if cur.description else []

    def script(self, sql: str) -> None:
        # Sent as one simple-protocol message, as Prisma sends a migration script: the server
        # runs the statements in order in one implicit transaction unless the script has its own.
        with self.raw.cursor() as cur:
            cur.execute(sql.encode(), prepare=False)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self.raw.transaction():
            yield

    def close(self) -> None:
        self.raw.close()

    def __enter__(self) -> PostgresConnection:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def connect(url: DatabaseUrl) -> PostgresConnection:
    return PostgresConnection(url)
