"""Deploy reads the data first: unexecutable steps refuse the whole deploy; destructive ones are
backed up automatically."""

from __future__ import annotations

from pathlib import Path

import pytest

from midair.connection import connect
from midair.errors import UnsafeChangeError
from midair.migrations.apply import deploy
from tests.integration.migrations.support import CREATE_PLAYER, make_migrations

ADD_RANK = 'ALTER TABLE "Player" ADD COLUMN "rank" INTEGER;\n'


def _seed(url: str, folder: Path) -> None:
    deploy(url, folder)
    conn = connect(url)
    for i, name in enumerate(["Ana", "Ana", "Bo", "Ana", "Cy"], start=1):
        conn.execute(f'INSERT INTO "Player" ("id", "name", "rank") VALUES ({i}, \'{name}\', {i})')
    conn.close()


def _names(url: str) -> tuple[list[str], list[str]]:
    conn = connect(url)
    try:
        history = [r[0] for r in conn.query("SELECT migration_name FROM _prisma_migrations ORDER BY migration_name")]
        tables = [r[0] for r in conn.query("SELECT 1 FROM \"Player\" LIMIT 0")]  # the table still exists
        return history, tables
    finally:
        conn.close()


def test_unexecutable_step_refuses_the_deploy_before_anything_runs(tmp_path: Path, any_url: str) -> None:
    folder = make_migrations(tmp_path, any_url, ("20250101000000_players", CREATE_PLAYER + ADD_RANK))
    _seed(any_url, folder)
    for name, sql in (
        ("20250102000000_extra", 'CREATE TABLE "Extra" ("id" INTEGER);\n'),
        ("20250103000000_unique_name", 'CREATE UNIQUE INDEX "Player_name_key" ON "Player"("name");\n'),
    ):
        (folder / name).mkdir()
        (folder / name / "migration.sql").write_text(sql)
    with pytest.raises(UnsafeChangeError) as e:
        deploy(any_url, folder)
    message = str(e.value)
    assert "20250103000000_unique_name" in message and "`name`" in message and "Nothing was applied" in message, message
    assert "(3 rows)" in message  # the three rows holding `Ana`
    history, _ = _names(any_url)
    assert history == ["20250101000000_players"]  # the harmless `extra` did not run either
    conn = connect(any_url)
    with pytest.raises(Exception):
        conn.query('SELECT * FROM "Extra"')
    conn.close()


def test_destructive_deploy_takes_a_backup_first(tmp_path: Path, any_url: str) -> None:
    folder = make_migrations(tmp_path, any_url, ("20250101000000_players", CREATE_PLAYER + ADD_RANK))
    _seed(any_url, folder)
    (folder / "20250102000000_drop_rank").mkdir()
    (folder / "20250102000000_drop_rank" / "migration.sql").write_text('ALTER TABLE "Player" DROP COLUMN "rank";\n')
    result = deploy(any_url, folder, backup="auto", backup_dir=tmp_path / "backups")
    assert result.applied == ("20250102000000_drop_rank",)
    assert result.backup is not None and result.backup.exists()
    assert result.backup.parent == tmp_path / "backups"
    assert result.warnings == ("20250102000000_drop_rank: Dropping `Player.rank` loses 5 non-null values.",)


def test_backup_never_and_harmless_deploys_take_none(tmp_path: Path, any_url: str) -> None:
    folder = make_migrations(tmp_path, any_url, ("20250101000000_players", CREATE_PLAYER + ADD_RANK))
    _seed(any_url, folder)
    (folder / "20250102000000_drop_rank").mkdir()
    (folder / "20250102000000_drop_rank" / "migration.sql").write_text('ALTER TABLE "Player" DROP COLUMN "rank";\n')
    assert deploy(any_url, folder, backup="never", backup_dir=tmp_path / "backups").backup is None
    assert not (tmp_path / "backups").exists()
