"""The shadow database: replay builds what the migrations build; a failure names the migration and
the database error, and the temporary database is dropped even then."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest

from midair.errors import ConfigError, MigrationError
from midair.migrations.folder import list_migrations
from midair.migrations.shadow import Shadow, replay
from midair.testing import postgres
from tests.integration.migrations.support import CREATE_PLAYER, make_migrations, provider_of


def _exists(database: str) -> bool:
    with psycopg.connect(postgres.server_url(), autocommit=True) as c:
        return bool(c.execute("SELECT count(*) FROM pg_database WHERE datname = %s", (database,)).fetchone()[0])


def test_replay_builds_the_folder_and_names_the_failing_migration(tmp_path: Path, any_url: str) -> None:
    provider = provider_of(any_url)
    folder = make_migrations(
        tmp_path, any_url, ("20250101000000_players", CREATE_PLAYER), ("20250102000000_broken", 'INSERT INTO "Nowhere" VALUES (1);\n')
    )
    good = list_migrations(folder)[:1]
    with Shadow(provider, url=any_url) as shadow:
        shadow.apply(good[0])
        assert [t.name for t in shadow.schema().tables] == ["Player"]
        made = shadow.target.url
    with pytest.raises(MigrationError, match="20250102000000_broken") as e:
        replay(folder, provider, url=any_url)
    assert e.value.code == "M3006" and "Nowhere" in str(e.value)
    if provider == "postgresql":
        assert made.database.startswith("prisma_migrate_shadow_db_") and not _exists(made.database)
    else:
        assert made.path is not None and not made.path.exists()


@pytest.mark.postgres
def test_temporary_shadow_is_dropped_when_a_migration_fails(tmp_path: Path, postgres_url: str) -> None:
    folder = make_migrations(tmp_path, postgres_url, ("20250102000000_broken", 'INSERT INTO "Nowhere" VALUES (1);\n'))
    (broken,) = list_migrations(folder)
    with pytest.raises(MigrationError):
        with Shadow("postgresql", url=postgres_url) as shadow:
            name = shadow.target.url.database
            assert _exists(name)
            shadow.apply(broken)
    assert not _exists(name)


def test_a_shadow_url_pointing_at_the_dev_database_is_refused(tmp_path: Path, any_url: str) -> None:
    folder = make_migrations(tmp_path, any_url, ("20250101000000_players", CREATE_PLAYER))
    with pytest.raises(ConfigError, match="points at the development database"):
        replay(folder, provider_of(any_url), url=any_url, shadow_url=any_url)
