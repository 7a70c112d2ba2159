"""The same phases on SQLite, without the lock machinery: triggers, backfill, resume, contract."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from midair.connection import connect
from midair.errors import ConfigError, UnsafeChangeError
from midair.expand_contract import phases
from midair.expand_contract.backfill import BackfillJob, read_progress, run_backfill
from midair.expand_contract.executor import apply_migration
from midair.migrations.settings import MigrationSettings
from tests.integration.zero_downtime.helpers import SQLITE_NEW_FROM_OLD, SQLITE_OLD_FROM_NEW, create_old_match, write_phases

# SQLite cannot SET NOT NULL in place: the contract rebuilds the table, as Prisma writes it.
REBUILD = """PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Match" ("id" TEXT NOT NULL PRIMARY KEY, "score" TEXT NOT NULL);
INSERT INTO "new_Match" ("id", "score") SELECT "id", "score" FROM "Match";
DROP TABLE "Match";
ALTER TABLE "new_Match" RENAME TO "Match";
PRAGMA foreign_keys=ON;
"""


def test_sqlite_expand_backfill_contract(sqlite_url: str, tmp_path: Path) -> None:
    conn = connect(sqlite_url)
    create_old_match(conn, 60, json_type="TEXT")
    expand, backfill, contract = write_phases(
        tmp_path / "m", new_from_old=SQLITE_NEW_FROM_OLD, old_from_new=SQLITE_OLD_FROM_NEW,
        transactional=True, batch_size=10, set_not_null="", json_type="TEXT",
    )
    contract.joinpath("migration.sql").write_text(REBUILD)
    apply_migration(conn, expand, expand.joinpath("migration.sql").read_text())

    app = connect(sqlite_url)  # the apps write through their own connection
    app.execute('UPDATE "Match" SET "player1Games" = 5 WHERE id = ?', ("m00001",))  # old app
    app.execute(  # new app
        'UPDATE "Match" SET score = ? WHERE id = ?',
        (json.dumps({"player1": {"points": "40", "games": 3}, "player2": {"points": "15", "games": 2}}), "m00002"),
    )
    app.execute('INSERT INTO "Match" (id, "player2Games") VALUES (?, 4)', ("old-insert",))
    row = app.query('SELECT "player1Points", "player1Games", "player2Games", score FROM "Match" WHERE id = ?', ("m00002",))[0]
    assert row[:3] == ("40", 3, 2)  # old columns follow the new app's write
    assert json.loads(app.query('SELECT score FROM "Match" WHERE id = ?', ("m00001",))[0][0])["player1"]["games"] == 5

    with pytest.raises(UnsafeChangeError, match="rows of `Match` still need the backfill"):
        apply_migration(conn, contract, REBUILD)

    # Interrupted after two batches, then resumed.
    job = BackfillJob.from_settings(backfill.name, MigrationSettings.load(backfill))
    first = run_backfill(conn, job, max_batches=2)
    assert not first.complete and first.batches == 2
    report = apply_migration(conn, backfill, "").backfill
    assert report.complete and report.resumed and report.remaining == 0
    assert report.rows_updated == 58  # 60 old rows, minus the two the apps wrote through the triggers
    assert read_progress(conn, backfill.name).finished

    with pytest.raises(UnsafeChangeError, match="waits for the app rollout"):
        apply_migration(conn, contract, REBUILD)
    conn.close()
    conn = connect(sqlite_url)  # the next deploy, after the rollout
    apply_migration(conn, contract, REBUILD)
    rows = {r[0]: json.loads(r[1]) for r in conn.query('SELECT id, score FROM "Match"')}
    assert len(rows) == 61
    assert rows["m00001"]["player1"]["games"] == 5
    assert rows["m00002"]["player1"] == {"points": "40", "games": 3}
    assert rows["old-insert"]["player2"]["games"] == 4
    assert rows["m00007"] == {"player1": {"points": "40", "games": 1}, "player2": {"points": "15", "games": 1}}
    assert [r[1] for r in conn.query('PRAGMA table_info("Match")')] == ["id", "score"]
    assert conn.query("SELECT count(*) FROM sqlite_master WHERE type = 'trigger'") == [(0,)]
    statuses = {s.phase: s.state for s in phases.status(conn, tmp_path / "m")}
    assert statuses["backfill"] == "complete"
    app.close()
    conn.close()


def test_unfilled_template_is_refused(sqlite_url: str, tmp_path: Path) -> None:
    conn = connect(sqlite_url)
    create_old_match(conn, 3, json_type="TEXT")
    expand, _, _ = write_phases(
        tmp_path / "m", new_from_old="FILL_ME_IN", old_from_new=SQLITE_OLD_FROM_NEW, transactional=True, json_type="TEXT"
    )
    with pytest.raises(ConfigError, match=r"sync.new_from_old.score"):
        apply_migration(conn, expand, expand.joinpath("migration.sql").read_text())
    # Nothing ran: the column was not added.
    assert "score" not in [r[1] for r in conn.query('PRAGMA table_info("Match")')]
    conn.close()


def test_user_sql_backfill(sqlite_url: str) -> None:
    conn = connect(sqlite_url)
    create_old_match(conn, 45, json_type="TEXT")
    conn.execute('ALTER TABLE "Match" ADD COLUMN "score" TEXT')
    job = BackfillJob(
        name="by-hand", table="Match", key="id", batch_size=10, target_batch_ms=100_000,
        sql=f'UPDATE "Match" SET score = {SQLITE_NEW_FROM_OLD} WHERE score IS NULL OR "player1Games" = 0',
    )
    report = run_backfill(conn, job)
    assert (report.rows_updated, report.batches) == (45, 3)  # 10, then 20, then the last 15
    assert report.describe() == "updated 45 rows in 3 batches"
    assert conn.query('SELECT count(*) FROM "Match" WHERE score IS NULL') == [(0,)]
    conn.close()


def test_sqlite_busy_database_times_out_and_retries(sqlite_url: str, tmp_path: Path) -> None:
    """SQLite's lock_timeout is the busy timeout on the write lock: a step waits at most that long,
    is retried, and succeeds once the other writer commits."""
    import threading
    import time

    from midair.expand_contract.executor import LockTimeoutError

    conn = connect(sqlite_url)
    create_old_match(conn, 3, json_type="TEXT")
    folder = tmp_path / "20250101000000_add"
    folder.mkdir()
    sql = 'ALTER TABLE "Match" ADD COLUMN "score" TEXT;\n'
    other = connect(sqlite_url)
    other.execute("BEGIN IMMEDIATE")  # another writer holds the database
    t0 = time.monotonic()
    with pytest.raises(LockTimeoutError, match="after 2 attempts"):
        apply_migration(conn, folder, sql, MigrationSettings(lock_timeout_ms=100, retries=1, retry_backoff_ms=10))
    assert time.monotonic() - t0 < 10  # gave up after two short waits; the other writer never commits

    threading.Timer(0.5, lambda: other.execute("COMMIT")).start()
    report = apply_migration(conn, folder, sql, MigrationSettings(lock_timeout_ms=100, retries=30, retry_backoff_ms=50))
    assert report.retries >= 1
    assert "score" in [r[1] for r in conn.query('PRAGMA table_info("Match")')]
    other.close()
    conn.close()


def test_status_of_an_expand_whose_backfill_is_run_by_hand(sqlite_url: str, tmp_path: Path) -> None:
    """The tennis example's layout: the expand carries the [backfill] (no backfill migration)."""
    from midair.cli import main

    conn = connect(sqlite_url)
    create_old_match(conn, 12, json_type="TEXT")
    folder = tmp_path / "m" / "20250314125629_optional_json_score"
    folder.mkdir(parents=True)
    (folder / "migration.sql").write_text('ALTER TABLE "Match" ADD COLUMN "score" TEXT;\n')
    (folder / "migration.toml").write_text(
        f'phase = "expand"\n[backfill]\ntable = "Match"\nbatch_size = 5\n[backfill.set]\nscore = """{SQLITE_NEW_FROM_OLD}"""\n'
    )
    conn.execute("CREATE TABLE _prisma_migrations (id TEXT, migration_name TEXT, finished_at TEXT, rolled_back_at TEXT)")
    apply_migration(conn, folder, folder.joinpath("migration.sql").read_text())
    conn.execute("INSERT INTO _prisma_migrations VALUES ('1', ?, 'now', NULL)", (folder.name,))
    (line,) = phases.status(conn, tmp_path / "m")
    assert (line.state, line.detail) == ("applied", "applied; backfill not started")
    assert main(["backfill", str(folder), "--url", sqlite_url, "--no-progress"]) == 0
    (line,) = phases.status(conn, tmp_path / "m")
    assert line.detail == "applied; backfill complete (12 rows in 2 batches)"
    conn.close()
