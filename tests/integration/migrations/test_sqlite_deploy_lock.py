"""The SQLite deployers' lock: a file lock beside the database, so deployers exclude each other
while the app keeps reading and writing the database."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from midair.connection import connect
from midair.dialects.sqlite.deploy_lock import lock_file
from midair.dialects.sqlite.migrations import OPS
from midair.errors import LockTimeout


def test_deployers_exclude_each_other_and_the_app_is_not_locked_out(sqlite_url: str, tmp_path: Path) -> None:
    deployer, other = connect(sqlite_url), connect(sqlite_url)
    deployer.execute("CREATE TABLE t (id INTEGER PRIMARY KEY)")
    app = sqlite3.connect(str(tmp_path / "test.db"), timeout=0, isolation_level=None)  # never waits
    assert not OPS.lock_held_elsewhere(other)
    with OPS.database_lock(deployer, 5):
        assert lock_file(tmp_path / "test.db").exists()
        assert OPS.lock_held_elsewhere(other)
        with pytest.raises(LockTimeout, match="Another deployer held the SQLite database") as e:
            with OPS.database_lock(other, 0.2):
                pass
        assert "--lock-timeout" in (e.value.hint or "")
        app.execute("INSERT INTO t VALUES (1)")
        assert app.execute("SELECT count(*) FROM t").fetchall() == [(1,)]
    assert not OPS.lock_held_elsewhere(other)
    with pytest.raises(RuntimeError):  # a failed deploy releases the lock
        with OPS.database_lock(other, 5):
            raise RuntimeError("the deploy failed")
    with OPS.database_lock(deployer, 0.2):
        app.execute("INSERT INTO t VALUES (2)")
    app.close()
    deployer.close()
    other.close()


def test_an_in_memory_database_is_locked_by_nobody_else() -> None:
    conn = connect("sqlite://:memory:")
    with OPS.database_lock(conn, 0.2):
        assert not OPS.lock_held_elsewhere(conn)
        conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY)")
    conn.close()


def test_the_backfills_count_of_rows_left_is_a_plain_read(sqlite_url: str, tmp_path: Path) -> None:
    """In WAL mode a read does not keep the app's writes out; a count in a write transaction
    (BEGIN IMMEDIATE) would, for the whole scan. The app writes from inside the count's scan."""
    from midair.expand_contract.backfill import BackfillJob, remaining_rows

    conn = connect(sqlite_url)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, a INTEGER, b INTEGER)")
    conn.execute("INSERT INTO t (id, a) VALUES (1, 1), (2, 2), (3, 3)")
    app = sqlite3.connect(str(tmp_path / "test.db"), timeout=0, isolation_level=None)  # never waits
    outcomes: list[str] = []

    def app_writes(key: int) -> int:
        try:
            app.execute("INSERT INTO t (id, a) VALUES (?, 0)", (100 + key,))
            outcomes.append("ok")
        except sqlite3.OperationalError as e:
            outcomes.append(str(e))
        return key

    conn.raw.create_function("app_writes", 1, app_writes)  # type: ignore[attr-defined]
    job = BackfillJob(name="b", table="t", set=(("b", "a * 2"),), where="b IS NULL AND app_writes(id) > 0")
    assert remaining_rows(conn, job) == 3
    assert outcomes == ["ok", "ok", "ok"]
    app.close()
    conn.close()
