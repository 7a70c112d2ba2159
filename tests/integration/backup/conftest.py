"""Fixtures for the backup tests: databases holding every column type, and cleanup of the
databases a restore creates."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import pytest
from backup_support import PG_DATA, PG_SCHEMA, SQLITE_DATA, SQLITE_SCHEMA, pg_execute, sqlite_execute, sqlite_path


@pytest.fixture
def pg_everything(postgres_url: str) -> str:
    """A PostgreSQL database holding the every-type schema, its data and a migration history."""
    pg_execute(postgres_url, PG_SCHEMA + PG_DATA)
    return postgres_url


@pytest.fixture
def sqlite_everything(sqlite_url: str) -> str:
    sqlite_execute(sqlite_url, SQLITE_SCHEMA)
    con = sqlite3.connect(sqlite_path(sqlite_url))
    with con:
        for sql, rows in SQLITE_DATA:
            con.executemany(sql, rows)
    con.close()
    return sqlite_url


@pytest.fixture
def drop_restored() -> Iterator[list[str]]:
    """Databases a test restored into; dropped afterwards."""
    from midair.testing.postgres import drop_database

    made: list[str] = []
    yield made
    for url in made:
        drop_database(url)
