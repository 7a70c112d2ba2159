"""The Python API (`midair.deploy`, `status`, `diff_schemas`) and the `migrated_database` fixture,
on the tennis app's real Prisma history."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import midair
from midair.connection import connect
from tests.conftest import TENNIS_CORPUS
from tests.integration.migrations.support import cli

HISTORY = TENNIS_CORPUS / "migrations"
SQLITE_APP = Path(__file__).parent / "data" / "sqlite_app" / "migrations"


@pytest.mark.postgres
def test_tennis_history_deploys_with_prismas_checksums_and_no_diff(postgres_url: str, capsys) -> None:
    result = midair.deploy(postgres_url, HISTORY)
    assert len(result.applied) == 6
    conn = connect(postgres_url)
    recorded = dict(conn.query("SELECT migration_name, checksum FROM _prisma_migrations WHERE finished_at IS NOT NULL"))
    conn.close()
    assert recorded == {
        p.name: hashlib.sha256((p / "migration.sql").read_bytes()).hexdigest() for p in HISTORY.iterdir() if p.is_dir()
    }
    # The database is exactly what the schema the history was generated from describes …
    d = midair.diff_schemas(from_url=postgres_url, to_schema=TENNIS_CORPUS / "steps" / "06_drop_old_score_fields.prisma")
    assert d.empty and d.script == "-- This is an empty migration."
    # … and the app's latest schema is one column and one index ahead (no migration committed).
    ahead = midair.diff_schemas(from_url=postgres_url, to_schema=TENNIS_CORPUS / "steps" / "07_add_user_email.prisma")
    assert 'ALTER TABLE "User" ADD COLUMN     "email" TEXT;' in ahead.script
    assert 'CREATE UNIQUE INDEX "User_email_key" ON "User"("email");' in ahead.script
    # the same through the command line, as the issue states it
    final = str(TENNIS_CORPUS / "steps" / "06_drop_old_score_fields.prisma")
    assert cli(capsys, "migrate", "diff", "--from-url", postgres_url, "--to-schema", final, "--script", "--exit-code")[0] == 0
    assert cli(capsys, "migrate", "status", "--url", postgres_url, "--migrations", str(HISTORY))[0] == 0
    state = midair.status(postgres_url, HISTORY, check_drift=True)
    assert state.clean and state.drift_checked and len(state.applied) == 6


@pytest.mark.postgres
def test_diff_from_migrations_replays_on_a_shadow(postgres_url: str) -> None:
    final = TENNIS_CORPUS / "steps" / "06_drop_old_score_fields.prisma"
    # the test database serves as the shadow (it is emptied first)
    replayed = midair.diff_schemas(from_migrations=HISTORY, to_schema=final, shadow_url=postgres_url)
    assert replayed.empty and replayed.provider == "postgresql"
    full = midair.diff_schemas(from_empty=True, to_schema=final)
    assert 'CREATE TABLE "Match"' in full.script and not full.empty


@pytest.mark.postgres
@pytest.mark.midair_migrations(str(HISTORY), provider="postgresql")
def test_migrated_database_fixture_hands_over_the_tennis_schema(migrated_database: str) -> None:
    conn = connect(migrated_database)
    columns = {r[0] for r in conn.query("SELECT column_name FROM information_schema.columns WHERE table_name = 'Match'")}
    count = conn.query("SELECT count(*) FROM _prisma_migrations")[0][0]
    conn.close()
    assert {"isPublic", "score"} <= columns and "player1Games" not in columns
    assert count == 6


@pytest.mark.midair_migrations(str(SQLITE_APP))
def test_migrated_database_fixture_reads_the_provider_from_the_lock_file(migrated_database: str) -> None:
    assert migrated_database.startswith("sqlite:///")
    conn = connect(migrated_database)
    conn.execute('INSERT INTO "Player" ("id", "name") VALUES (1, \'Ana\')')
    assert conn.query('SELECT "name" FROM "Player"') == [("Ana",)]
    conn.close()


def test_fixture_in_a_project_configured_by_ini_option(tmp_path: Path) -> None:
    import shutil

    shutil.copytree(SQLITE_APP, tmp_path / "db" / "migrations")
    (tmp_path / "pytest.ini").write_text("[pytest]\nmidair_migrations = db/migrations\n")
    (tmp_path / "conftest.py").write_text('pytest_plugins = ["midair.testing.pytest_plugin"]\n')
    (tmp_path / "test_app.py").write_text(
        textwrap.dedent(
            """
            from midair.connection import connect

            def test_players_table_exists(migrated_database):
                conn = connect(migrated_database)
                assert conn.query('SELECT count(*) FROM "Player"') == [(0,)]
                conn.close()
            """
        )
    )
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tmp_path)],
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "1 passed" in run.stdout


def test_public_api_is_sorted_and_complete() -> None:
    from midair import api

    assert midair.__all__ == sorted(midair.__all__) == sorted(api.__all__)
    for name in midair.__all__:
        assert getattr(midair, name) is getattr(api, name)
