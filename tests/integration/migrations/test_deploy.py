"""`deploy`, `resolve`, `reset`, `status` on real databases (PostgreSQL and SQLite)."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from midair.connection import connect
from midair.errors import ChecksumMismatchError, ConfigError, FailedMigrationError, MigrationError
from midair.migrations.apply import deploy, reset, resolve
from midair.migrations.history import History
from midair.migrations.dialect_ops import ops_for
from midair.migrations.folder import checksum
from midair.migrations.status import status
from midair.dialects import get_dialect
from tests.integration.migrations.support import CREATE_PLAYER, make_migrations, provider_of

NAMES = ["20250101000000_players", "20250102000000_rank", "20250103000000_matches"]


def rows(url: str):
    conn = connect(url)
    try:
        return History(conn, ops_for(get_dialect(provider_of(url)))).rows()
    finally:
        conn.close()


def tables(url: str) -> list[str]:
    conn = connect(url)
    try:
        return ops_for(get_dialect(provider_of(url))).user_tables(conn)
    finally:
        conn.close()


def test_deploy_applies_in_order_and_records_rows_as_prisma(three_migrations) -> None:
    url, folder = three_migrations
    result = deploy(url, folder)
    assert result.applied == tuple(NAMES)
    history = rows(url)
    assert [r.migration_name for r in history] == NAMES
    for r, name in zip(history, NAMES):
        assert uuid.UUID(r.id).version == 4
        assert r.checksum == checksum((folder / name / "migration.sql").read_bytes())
        assert r.applied_steps_count == 1
        assert r.logs is None and r.rolled_back_at is None
        assert r.started_at is not None and r.finished_at is not None and r.started_at <= r.finished_at
    assert tables(url) == ["Match", "Player"]
    again = deploy(url, folder)
    assert again.applied == () and again.already_applied == 3
    assert len(rows(url)) == 3
    assert status(url, folder, check_drift=False).clean


def test_pending_migrations_are_applied_later(three_migrations) -> None:
    url, folder = three_migrations
    late = folder / NAMES[2]
    moved = folder.parent / "later"
    late.rename(moved)
    deploy(url, folder)
    s = status(url, folder, check_drift=False)
    assert s.pending == () and s.applied == tuple(NAMES[:2])
    moved.rename(late)
    s = status(url, folder, check_drift=False)
    assert s.pending == (NAMES[2],) and s.exit_code == 2
    assert deploy(url, folder).applied == (NAMES[2],)


def test_failed_migration_rolls_back_is_recorded_and_blocks_until_resolved(tmp_path: Path, any_url: str) -> None:
    # The second migration creates a table, then fails: nothing of it may remain.
    broken = 'CREATE TABLE "Half" ("id" INTEGER NOT NULL PRIMARY KEY);\nINSERT INTO "Nowhere" VALUES (1);\n'
    folder = make_migrations(tmp_path, any_url, ("20250101000000_players", CREATE_PLAYER), ("20250102000000_half", broken))
    with pytest.raises(MigrationError, match="20250102000000_half") as failure:
        deploy(any_url, folder)
    assert "Nowhere" in str(failure.value)
    assert tables(any_url) == ["Player"]  # no partial schema: `Half` was rolled back
    failed = [r for r in rows(any_url) if r.failed]
    assert [r.migration_name for r in failed] == ["20250102000000_half"]
    assert "Nowhere" in (failed[0].logs or "")
    # blocked, like Prisma's P3009, with the way out in the message
    with pytest.raises(FailedMigrationError, match="resolve --rolled-back 20250102000000_half"):
        deploy(any_url, folder)
    s = status(any_url, folder, check_drift=False)
    assert [f.name for f in s.failed] == ["20250102000000_half"] and s.exit_code == 1
    # fix the file, mark the failure rolled back, deploy again
    (folder / "20250102000000_half" / "migration.sql").write_text('CREATE TABLE "Half" ("id" INTEGER NOT NULL PRIMARY KEY);\n')
    assert "rolled back" in resolve(any_url, folder, rolled_back="20250102000000_half")
    assert deploy(any_url, folder).applied == ("20250102000000_half",)
    history = rows(any_url)
    assert [(r.migration_name, r.rolled_back) for r in history] == [
        ("20250101000000_players", False),
        ("20250102000000_half", True),
        ("20250102000000_half", False),
    ]
    assert status(any_url, folder, check_drift=False).clean


def test_resolve_applied_marks_a_failed_migration_done(tmp_path: Path, any_url: str) -> None:
    folder = make_migrations(tmp_path, any_url, ("20250101000000_bad", 'INSERT INTO "Nowhere" VALUES (1);\n'))
    with pytest.raises(MigrationError):
        deploy(any_url, folder)
    with pytest.raises(MigrationError, match="not failed"):
        resolve(any_url, folder, rolled_back="20250101000000_nope")
    resolve(any_url, folder, applied="20250101000000_bad")
    history = rows(any_url)
    assert [(r.rolled_back, r.applied) for r in history] == [(True, False), (False, True)]
    assert history[1].finished_at == history[1].started_at and history[1].applied_steps_count == 0
    with pytest.raises(MigrationError, match="already recorded as applied"):
        resolve(any_url, folder, applied="20250101000000_bad")
    assert deploy(any_url, folder).applied == ()


def test_edited_applied_migration_stops_the_deploy_naming_both_checksums(three_migrations) -> None:
    url, folder = three_migrations
    deploy(url, folder)
    script = folder / NAMES[1] / "migration.sql"
    recorded = checksum(script.read_bytes())
    script.write_bytes(script.read_bytes().replace(b"\n", b"\r\n"))  # line endings only: still the same
    assert deploy(url, folder).applied == ()
    script.write_text(script.read_text().replace("DEFAULT 0", "DEFAULT 1"))
    (folder / "20250104000000_more").mkdir()
    (folder / "20250104000000_more" / "migration.sql").write_text('CREATE TABLE "More" ("id" INTEGER PRIMARY KEY);\n')
    with pytest.raises(ChecksumMismatchError) as e:
        deploy(url, folder)
    assert NAMES[1] in str(e.value) and recorded in str(e.value) and checksum(script.read_bytes()) in str(e.value)
    assert "More" not in tables(url)
    s = status(url, folder, check_drift=False)
    assert [m.name for m in s.modified] == [NAMES[1]] and s.exit_code == 1


def test_migration_missing_from_folder_is_reported(three_migrations) -> None:
    url, folder = three_migrations
    deploy(url, folder)
    import shutil

    shutil.rmtree(folder / NAMES[2])
    s = status(url, folder, check_drift=False)
    assert s.missing == (NAMES[2],) and s.exit_code == 2


def test_non_empty_database_without_history_must_be_baselined(three_migrations) -> None:
    url, folder = three_migrations
    conn = connect(url)
    conn.execute(CREATE_PLAYER)
    conn.close()
    with pytest.raises(MigrationError, match="not empty") as e:
        deploy(url, folder)
    assert "resolve --applied" in (e.value.hint or "")
    resolve(url, folder, applied=NAMES[0])  # baseline: the database already has `Player`
    assert deploy(url, folder).applied == tuple(NAMES[1:])


def test_reset_drops_everything_and_reapplies(three_migrations) -> None:
    url, folder = three_migrations
    deploy(url, folder)
    conn = connect(url)
    conn.execute('INSERT INTO "Player" ("id", "name") VALUES (1, \'Ana\')')
    conn.execute('CREATE TABLE "Stray" ("id" INTEGER)')
    conn.close()
    result = reset(url, folder)
    assert result.applied == tuple(NAMES)
    assert tables(url) == ["Match", "Player"]
    conn = connect(url)
    assert conn.query('SELECT count(*) FROM "Player"')[0][0] == 0
    conn.close()
    assert len(rows(url)) == 3


def test_migrations_for_another_database_are_refused(three_migrations) -> None:
    url, folder = three_migrations
    other = "sqlite" if provider_of(url) == "postgresql" else "postgresql"
    (folder / "migration_lock.toml").write_text(f'provider = "{other}"\n')
    with pytest.raises(ConfigError, match=f"written for `{other}`"):
        deploy(url, folder)


def test_a_migration_with_its_own_transaction_runs_as_written(tmp_path: Path, any_url: str) -> None:
    own = 'BEGIN;\nCREATE TABLE "Own" ("id" INTEGER);\nINSERT INTO "Own" VALUES (1);\nCOMMIT;\n'
    folder = make_migrations(tmp_path, any_url, ("20250101000000_players", CREATE_PLAYER), ("20250102000000_own", own))
    assert deploy(any_url, folder).applied == ("20250101000000_players", "20250102000000_own")
    assert all(r.applied for r in rows(any_url))
    conn = connect(any_url)
    assert conn.query('SELECT count(*) FROM "Own"')[0][0] == 1
    conn.close()


def test_continues_a_sqlite_history_written_by_prisma(tmp_path: Path, sqlite_url: str) -> None:
    """Prisma's SQLite driver writes times as epoch milliseconds; rows may also carry the column
    default (`current_timestamp` text). Both read back; deploy continues after them."""
    from midair.dialects.sqlite.migrations import SqliteOps

    folder = make_migrations(tmp_path, sqlite_url, ("20250101000000_players", CREATE_PLAYER), ("20250102000000_rank", 'ALTER TABLE "Player" ADD COLUMN "rank" INTEGER;\n'))
    conn = connect(sqlite_url)
    conn.execute(SqliteOps.history_ddl)
    conn.execute(CREATE_PLAYER)
    sql = (folder / "20250101000000_players" / "migration.sql").read_bytes()
    conn.execute(
        "INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, logs, rolled_back_at, applied_steps_count) "
        "VALUES (?, ?, 1759612912490, '20250101000000_players', NULL, NULL, 1)",
        (str(uuid.uuid4()), checksum(sql)),
    )
    conn.close()
    s = status(sqlite_url, folder, check_drift=False)
    assert s.applied == ("20250101000000_players",) and s.pending == ("20250102000000_rank",)
    assert deploy(sqlite_url, folder).applied == ("20250102000000_rank",)
    history = rows(sqlite_url)
    assert history[0].finished_at is not None and history[0].finished_at.year == 2025
    conn = connect(sqlite_url)
    stored = conn.query("SELECT typeof(started_at), typeof(finished_at) FROM _prisma_migrations WHERE migration_name = '20250102000000_rank'")
    conn.close()
    assert stored == [("integer", "integer")]  # written as Prisma writes them
