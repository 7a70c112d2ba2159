"""`migrated_database`: a pytest fixture handing a test a fresh database with the project's
migrations applied (the way production gets them: `midair.deploy`).

Configuration, most specific first:

- a marker on the test or module: ``@pytest.mark.midair_migrations("prisma/migrations")``
  (optionally ``provider="sqlite"``);
- ini options: ``midair_migrations = prisma/migrations`` and ``midair_provider = postgresql``;
- defaults: ``prisma/migrations``, else ``migrations``, under the rootdir; the provider from the
  folder's `migration_lock.toml` (SQLite when it has none).

PostgreSQL databases are created on the test server (see `midair.testing.postgres`) and dropped
after the test; SQLite databases are files in the test's tmp dir. The fixture yields the URL.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from midair.testing import postgres

MARKER = "midair_migrations"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addini("midair_migrations", "migrations folder for the `migrated_database` fixture", default="")
    parser.addini("midair_provider", "database for `migrated_database`: postgresql or sqlite", default="")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        f'{MARKER}(path, provider=None): the migrations folder (and database) for `migrated_database`',
    )


def _settings(request: pytest.FixtureRequest) -> tuple[Path, str]:
    from midair.migrations.folder import read_lock

    root = Path(str(request.config.rootpath))
    marker = request.node.get_closest_marker(MARKER)
    folder: Path | None = None
    provider = ""
    if marker is not None:
        if marker.args:
            folder = Path(marker.args[0])
        provider = marker.kwargs.get("provider") or ""
    if folder is None and request.config.getini("midair_migrations"):
        folder = Path(request.config.getini("midair_migrations"))
    if folder is None:
        folder = next((c for c in (Path("prisma/migrations"), Path("migrations")) if (root / c).is_dir()), Path("prisma/migrations"))
    if not folder.is_absolute():
        folder = root / folder
    if not folder.is_dir():
        pytest.fail(f"migrated_database: the migrations folder {folder} does not exist "
                    f"(set it with @pytest.mark.{MARKER}(path) or the `midair_migrations` ini option)")
    provider = provider or request.config.getini("midair_provider") or read_lock(folder) or "sqlite"
    return folder, {"postgres": "postgresql"}.get(provider, provider)


@pytest.fixture
def migrated_database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh database with every migration of the project applied; yields its URL."""
    from midair.migrations.apply import deploy

    folder, provider = _settings(request)
    if provider == "sqlite":
        url = f"sqlite:///{tmp_path / 'migrated.db'}"
        deploy(url, folder, backup="never", checks=False)
        yield url
        return
    url = postgres.create_database("midair_migrated")
    try:
        deploy(url, folder, backup="never", checks=False)
        yield url
    finally:
        postgres.drop_database(url)
