"""Lock discipline on a real server: lock_timeout, retries, readers not queued, CIC clean-up.

A long transaction holding a conflicting lock is the classic outage: the DDL waits for its
ACCESS EXCLUSIVE lock, and every query that arrives meanwhile queues behind the waiting DDL. With
a short lock_timeout the DDL gives up, the queue drains, and the executor retries with backoff.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from midair.connection import connect
from midair.errors import MidairError
from midair.expand_contract.executor import LockTimeoutError, apply_migration
from midair.migrations.settings import MigrationSettings

pytestmark = pytest.mark.postgres

HOLD = 2.0  # seconds the "long query" keeps its lock


def _setup(url: str) -> None:
    c = connect(url)
    c.execute('CREATE TABLE "Match" (id INT PRIMARY KEY, "player1Games" INT NOT NULL DEFAULT 0, email TEXT)')
    c.execute('INSERT INTO "Match" (id, email) SELECT i, \'u\' || (i % 50) FROM generate_series(1, 200) i')
    c.close()


def _hold_lock(url: str, started: threading.Event, release: threading.Event, seconds: float) -> None:
    """A long-running read: ACCESS SHARE on `Match` until it commits (after `seconds`, or on `release`)."""
    c = connect(url)
    try:
        with c.transaction():
            c.query('SELECT count(*) FROM "Match"')
            started.set()
            release.wait(seconds)
    finally:
        c.close()


def _readers(url: str, stop: threading.Event, latencies: list[float]) -> None:
    c = connect(url)
    try:
        while not stop.is_set():
            t0 = time.monotonic()
            c.query('SELECT "player1Games" FROM "Match" WHERE id = 7')
            latencies.append(time.monotonic() - t0)
            time.sleep(0.01)
    finally:
        c.close()


def _migration(tmp_path: Path, sql: str) -> Path:
    folder = tmp_path / "20250101000000_add_column"
    folder.mkdir()
    (folder / "migration.sql").write_text(sql)
    return folder


def _run_under_long_lock(
    url: str, folder: Path, settings: MigrationSettings, hold: float = HOLD, release_when_done: bool = False
) -> tuple[object, list[float], float]:
    """Apply `folder` while another session holds a lock on `Match`.

    With `release_when_done` the lock is held (up to `hold` seconds) until the migration returns, so
    a loaded machine cannot let the hold expire before the migration has used up its retries.
    """
    started, stop, release = threading.Event(), threading.Event(), threading.Event()
    latencies: list[float] = []
    holder = threading.Thread(target=_hold_lock, args=(url, started, release, hold))
    holder.start()
    started.wait(5)
    readers = threading.Thread(target=_readers, args=(url, stop, latencies))
    readers.start()
    conn = connect(url)
    t0 = time.monotonic()
    try:
        result: object = apply_migration(conn, folder, folder.joinpath("migration.sql").read_text(), settings)
    except MidairError as e:
        result = e
    elapsed = time.monotonic() - t0
    if release_when_done:
        release.set()
    holder.join()
    time.sleep(0.1)
    stop.set()
    readers.join()
    conn.close()
    return result, latencies, elapsed


def test_step_times_out_retries_and_readers_are_not_queued(postgres_url: str, tmp_path: Path) -> None:
    _setup(postgres_url)
    folder = _migration(tmp_path, 'ALTER TABLE "Match" ADD COLUMN "score" JSONB;\n')
    settings = MigrationSettings(lock_timeout_ms=150, retries=20, retry_backoff_ms=100)
    report, latencies, elapsed = _run_under_long_lock(postgres_url, folder, settings)
    assert not isinstance(report, Exception), report
    assert report.retries >= 2  # timed out while the long query held its lock, then retried
    assert report.steps[0].attempts == report.retries + 1
    assert elapsed >= HOLD * 0.8  # it could only succeed once the long query was over
    assert len(latencies) > 10
    # Readers arriving while the DDL waited were delayed at most about one lock_timeout.
    assert max(latencies) < HOLD / 2, max(latencies)  # about one 150 ms lock_timeout; far below the 2 s hold
    c = connect(postgres_url)
    assert c.query("SELECT count(*) FROM information_schema.columns WHERE table_name = 'Match' AND column_name = 'score'") == [(1,)]
    c.close()


def test_without_lock_timeout_readers_queue_behind_the_ddl(postgres_url: str, tmp_path: Path) -> None:
    """The control experiment: the same change with no lock_timeout blocks readers for the whole hold."""
    _setup(postgres_url)
    folder = _migration(tmp_path, 'ALTER TABLE "Match" ADD COLUMN "score" JSONB;\n')
    report, latencies, _ = _run_under_long_lock(postgres_url, folder, MigrationSettings())
    assert not isinstance(report, Exception)
    assert max(latencies) > HOLD * 0.75, max(latencies)  # about the whole 2 s hold


def test_retries_exhausted_fails_with_the_statement_and_applies_nothing(postgres_url: str, tmp_path: Path) -> None:
    _setup(postgres_url)
    folder = _migration(tmp_path, 'ALTER TABLE "Match" ADD COLUMN "a" INT;\nALTER TABLE "Match" ADD COLUMN "b" INT;\n')
    settings = MigrationSettings(lock_timeout_ms=100, retries=2, retry_backoff_ms=50)
    hold = 60.0
    error, _, elapsed = _run_under_long_lock(postgres_url, folder, settings, hold=hold, release_when_done=True)
    assert isinstance(error, LockTimeoutError), error
    assert "after 3 attempts" in error.message and "lock timeout" in error.message
    assert elapsed < hold / 2  # it gave up; it did not wait for the lock to be released
    c = connect(postgres_url)
    # One transaction: neither column was added.
    assert c.query("SELECT count(*) FROM information_schema.columns WHERE table_name = 'Match' AND column_name IN ('a', 'b')") == [(0,)]
    c.close()


def test_concurrent_index_failure_leaves_no_invalid_index(postgres_url: str, tmp_path: Path) -> None:
    _setup(postgres_url)
    folder = _migration(tmp_path, 'CREATE UNIQUE INDEX "Match_email_key" ON "Match"("email");\n')
    settings = MigrationSettings(transactional=False, lock_timeout_ms=2000, retries=2)
    conn = connect(postgres_url)
    with pytest.raises(Exception, match="could not create unique index"):
        apply_migration(conn, folder, folder.joinpath("migration.sql").read_text(), settings)
    # CONCURRENTLY failed on the duplicates and left an INVALID index: the executor dropped it.
    assert conn.query("SELECT count(*) FROM pg_class WHERE relname = 'Match_email_key'") == [(0,)]
    conn.execute('UPDATE "Match" SET email = \'u\' || id')
    report = apply_migration(conn, folder, folder.joinpath("migration.sql").read_text(), settings)
    assert "CONCURRENTLY" in report.steps[0].sql
    assert conn.query(
        "SELECT indisvalid, indisunique FROM pg_index WHERE indexrelid = '\"Match_email_key\"'::regclass"
    ) == [(True, True)]
    conn.close()


def test_invalid_index_from_an_earlier_crash_is_dropped_first(postgres_url: str, tmp_path: Path) -> None:
    _setup(postgres_url)
    conn = connect(postgres_url)
    # Simulate a crashed CONCURRENTLY build: an index marked invalid in the catalog.
    with pytest.raises(Exception, match="could not create unique index"):
        conn.execute('CREATE UNIQUE INDEX CONCURRENTLY "Match_email_key" ON "Match"("email")')
    assert conn.query("SELECT indisvalid FROM pg_index WHERE indexrelid = '\"Match_email_key\"'::regclass") == [(False,)]
    conn.execute('UPDATE "Match" SET email = \'u\' || id')
    folder = _migration(tmp_path, 'CREATE UNIQUE INDEX "Match_email_key" ON "Match"("email");\n')
    report = apply_migration(conn, folder, folder.joinpath("migration.sql").read_text(), MigrationSettings(transactional=False))
    assert any("INVALID index `Match_email_key`" in line for line in report.log)
    assert conn.query("SELECT indisvalid FROM pg_index WHERE indexrelid = '\"Match_email_key\"'::regclass") == [(True,)]
    conn.close()


def test_concurrently_in_a_transactional_migration_is_refused_before_anything_runs(postgres_url: str, tmp_path: Path) -> None:
    _setup(postgres_url)
    folder = _migration(tmp_path, 'ALTER TABLE "Match" ADD COLUMN "x" INT;\nCREATE INDEX CONCURRENTLY "Match_x_idx" ON "Match"("x");\n')
    conn = connect(postgres_url)
    with pytest.raises(MidairError, match=r"migration.sql:2:1: `CREATE INDEX CONCURRENTLY .*` cannot run inside a transaction") as e:
        apply_migration(conn, folder, folder.joinpath("migration.sql").read_text(), MigrationSettings(lock_timeout_ms=1000))
    assert "transactional = false" in (e.value.hint or "")
    assert conn.query("SELECT count(*) FROM information_schema.columns WHERE table_name = 'Match' AND column_name = 'x'") == [(0,)]
    report = apply_migration(conn, folder, folder.joinpath("migration.sql").read_text(), MigrationSettings(transactional=False))
    assert report.applied_steps_count == 2
    conn.close()


def test_a_failing_step_says_how_far_the_migration_got(postgres_url: str, tmp_path: Path) -> None:
    _setup(postgres_url)
    conn = connect(postgres_url)
    conn.execute('UPDATE "Match" SET email = NULL WHERE id = 3')
    folder = _migration(tmp_path, 'ALTER TABLE "Match" ADD COLUMN "x" INT;\nALTER TABLE "Match" ALTER COLUMN "email" SET NOT NULL;\n')
    with pytest.raises(MidairError) as e:
        apply_migration(conn, folder, folder.joinpath("migration.sql").read_text(), MigrationSettings(transactional=False))
    # The safe form of SET NOT NULL: its VALIDATE finds the NULL (step 3 of 5).
    assert "Step 3 of 5 failed: `ALTER TABLE \"Match\" VALIDATE CONSTRAINT \"Match_email_not_null\"`" in e.value.message
    assert "steps 1–2 were applied and stay" in e.value.message
    assert "resolve --applied" in (e.value.hint or "")
    # Fixed data, and the same migration again without its first (applied) step: it completes.
    conn.execute("UPDATE \"Match\" SET email = 'u3' WHERE id = 3")
    apply_migration(conn, folder, 'ALTER TABLE "Match" ALTER COLUMN "email" SET NOT NULL;\n', MigrationSettings(transactional=False))
    assert conn.query("SELECT is_nullable FROM information_schema.columns WHERE table_name = 'Match' AND column_name = 'email'") == [("NO",)]
    assert conn.query("SELECT count(*) FROM pg_constraint WHERE conname = 'Match_email_not_null'") == [(0,)]
    conn.close()
