"""Introspection costs a fixed number of round trips on PostgreSQL, whatever the table count."""

from __future__ import annotations

from typing import Any, Sequence

import pytest

from midair.connection import connect
from midair.introspect import introspect

pytestmark = pytest.mark.postgres


class CountingConnection:
    """Wraps a real connection and counts the statements sent to the server."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.url = inner.url
        self.statements = 0

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        self.statements += 1
        return self.inner.query(sql, params)

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        self.statements += 1
        self.inner.execute(sql, params)

    def script(self, sql: str) -> None:
        self.statements += 1
        self.inner.script(sql)


def _ddl(n: int) -> str:
    parts = ["CREATE TYPE \"Kind\" AS ENUM ('A', 'B');"]
    for i in range(n):
        ref = f', "prevId" INTEGER REFERENCES "T{i - 1}"("id") ON DELETE CASCADE' if i else ""
        parts.append(
            f'CREATE TABLE "T{i}" ("id" SERIAL PRIMARY KEY, "name" TEXT NOT NULL DEFAULT \'x\', '
            f'"kind" "Kind", "at" TIMESTAMP(3){ref});'
            f'CREATE UNIQUE INDEX "T{i}_name_key" ON "T{i}"("name");'
        )
    return "\n".join(parts)


def _count(url: str, n: int) -> tuple[int, int]:
    conn = connect(url)
    try:
        conn.script(_ddl(n))
        counting = CountingConnection(conn)
        schema = introspect(counting)  # type: ignore[arg-type]
        return counting.statements, len(schema.tables)
    finally:
        conn.close()


def test_ten_and_two_hundred_tables_cost_the_same_queries(postgres_url: str) -> None:
    from midair.testing import postgres

    small, small_tables = _count(postgres_url, 10)
    other = postgres.create_database()
    try:
        large, large_tables = _count(other, 200)
    finally:
        postgres.drop_database(other)
    print(f"queries: 10 tables -> {small}, 200 tables -> {large}")
    assert (small_tables, large_tables) == (10, 200)
    assert small == large
    assert small <= 6
