"""On SQLite an app write that waits for a backfill batch gets in before the next batch.

SQLite has no queue of lock waiters: the app's busy handler sleeps and tries again. The backfill
pauses between batches for longer than the handler's longest sleep; without the pause, batches
run back to back and the app waits for the whole backfill (past its busy timeout: "database is
locked")."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

from midair.connection import connect
from midair.expand_contract.backfill import BackfillJob, run_backfill

ROWS = 8


def test_an_app_write_waiting_for_a_batch_gets_in_before_the_next_one(sqlite_url: str, tmp_path: Path) -> None:
    conn = connect(sqlite_url)
    conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, a INTEGER, b INTEGER)")
    conn.execute(f"WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < {ROWS}) INSERT INTO t (id, a) SELECT i, i FROM k")
    app_done, app_errors = threading.Event(), []

    def app_write() -> None:  # an app with a generous busy timeout
        app = sqlite3.connect(str(tmp_path / "test.db"), timeout=30, isolation_level=None)
        try:
            app.execute("INSERT INTO t (id, a) VALUES (1000, 0)")
            app_done.set()
        except sqlite3.Error as e:
            app_errors.append(e)
        finally:
            app.close()

    app = threading.Thread(target=app_write)
    seen: list[bool] = []  # per batch: had the app's write committed when it began?

    def batch(c: Any, lower: Any, upper: Any) -> int:
        seen.append(app_done.is_set())
        if lower is None:  # the first batch: the app's write starts, and waits for this batch
            app.start()
            time.sleep(0.05)
        c.execute("UPDATE t SET b = a * 2 WHERE id > ? AND id <= ?", (lower or 0, upper))
        return int(c.query("SELECT changes()")[0][0])

    report = run_backfill(conn, BackfillJob(name="b", table="t", batch_size=1, fn=batch))
    app.join(timeout=60)
    assert app_errors == []
    assert len(seen) >= 3 and seen[0] is False, seen
    assert seen[-1] is True, seen  # the app got in during the backfill, not after it
    assert report.complete and report.rows_updated == ROWS
    assert conn.query("SELECT count(*) FROM t WHERE b = a * 2") == [(ROWS,)]
    conn.close()
