"""pytest fixtures for projects that use midair (and for midair's own tests).

Enable in a project's conftest.py with ``pytest_plugins = ["midair.testing.pytest_plugin"]``.

- `postgres_url`: a fresh, empty PostgreSQL database, dropped after the test;
- `sqlite_url`: a fresh SQLite file URL in the test's tmp dir;
- `migrated_database` (see `midair.testing.fixtures`): a fresh database with a project's
  migrations applied.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from midair.testing import postgres
from midair.testing.fixtures import migrated_database, pytest_addoption, pytest_configure  # noqa: F401


@pytest.fixture
def postgres_url() -> Iterator[str]:
    url = postgres.create_database()
    try:
        yield url
    finally:
        postgres.drop_database(url)


@pytest.fixture
def postgres_shadow_url() -> Iterator[str]:
    """A second fresh database on the same server, for `--shadow-database-url` (a provided shadow
    is emptied on every run, so tests running at the same time must not share one)."""
    url = postgres.create_database()
    try:
        yield url
    finally:
        postgres.drop_database(url)


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'test.db'}"


@pytest.fixture(params=["postgresql", "sqlite"])
def any_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """Runs the test once per dialect."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'test.db'}"
        return
    url = postgres.create_database()
    try:
        yield url
    finally:
        postgres.drop_database(url)
