"""Faster databases for the checks' tests: one PostgreSQL database per module and a fresh schema
(``?schema=``, which midair's connection turns into the search path) per test; a fresh SQLite
file per test. Creating a PostgreSQL database per test costs seconds; a schema costs milliseconds."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from midair.testing import postgres


@pytest.fixture(scope="module")
def _pg_module_database() -> Iterator[str]:
    url = postgres.create_database()
    try:
        yield url
    finally:
        postgres.drop_database(url)


def _fresh_schema(database_url: str) -> str:
    name = f"t_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(database_url, autocommit=True) as c:
        c.execute(f'CREATE SCHEMA "{name}"')
    return f"{database_url}?schema={name}"


@pytest.fixture
def postgres_url(_pg_module_database: str) -> str:
    return _fresh_schema(_pg_module_database)


@pytest.fixture(params=["postgresql", "sqlite"])
def any_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'test.db'}"
    return _fresh_schema(request.getfixturevalue("_pg_module_database"))
