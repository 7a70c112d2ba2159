"""A backup taken while the application writes is consistent: each writer transaction (one
`Batch` row and four `Item` rows) is in the backup entirely or not at all, and the manifest's
row counts describe exactly the file."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path

import psycopg
import pytest
from backup_support import pg_execute, sqlite_execute, sqlite_path

from midair.backup import backup, restore

ITEMS_PER_BATCH = 4
SCHEMA = """
CREATE TABLE "Batch" ("id" INTEGER NOT NULL PRIMARY KEY, "label" TEXT NOT NULL);
CREATE TABLE "Item" ("id" INTEGER NOT NULL PRIMARY KEY, "batchId" INTEGER NOT NULL REFERENCES "Batch"("id"), "k" INTEGER NOT NULL);
"""


class Writer(threading.Thread):
    """Inserts one batch per transaction, slowly enough that a backup overlaps many of them.
    Records the time of every commit."""

    def __init__(self, run_transaction: Callable[[int], None]) -> None:
        super().__init__(daemon=True)
        self.run_transaction = run_transaction
        self.commits: list[float] = []
        self.stop = threading.Event()
        self.error: BaseException | None = None

    def run(self) -> None:
        n = 0
        try:
            while not self.stop.is_set():
                n += 1
                self.run_transaction(n)
                self.commits.append(time.monotonic())
        except BaseException as e:  # surfaced by the test
            self.error = e

    def wait_for(self, commits: int, timeout: float = 20) -> None:
        deadline = time.monotonic() + timeout
        while len(self.commits) < commits:
            assert self.error is None, self.error
            assert time.monotonic() < deadline, f"the writer committed only {len(self.commits)} transactions"
            time.sleep(0.01)


def _pg_transaction(url: str) -> Callable[[int], None]:
    conn = psycopg.connect(url, autocommit=True)

    def insert(n: int) -> None:
        with conn.transaction():
            conn.execute('INSERT INTO "Batch" VALUES (%s, %s)', (n, f"batch {n}"))
            for k in range(ITEMS_PER_BATCH):
                time.sleep(0.001)  # the transaction stays open while the dump runs
                conn.execute('INSERT INTO "Item" VALUES (%s, %s, %s)', (n * 10 + k, n, k))

    return insert


def _sqlite_transaction(url: str) -> Callable[[int], None]:
    conn = sqlite3.connect(sqlite_path(url), isolation_level=None, timeout=30, check_same_thread=False)

    def insert(n: int) -> None:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute('INSERT INTO "Batch" VALUES (?, ?)', (n, f"batch {n}"))
        for k in range(ITEMS_PER_BATCH):
            time.sleep(0.001)
            conn.execute('INSERT INTO "Item" VALUES (?, ?, ?)', (n * 10 + k, n, k))
        conn.execute("COMMIT")

    return insert


def _batches(rows: list[tuple[int, int]]) -> dict[int, int]:
    """batch id -> number of items, from (batch id, item count) rows."""
    return dict(rows)


def _check_consistent(batches: list[tuple[int]], items: list[tuple[int, int]], writer: Writer) -> None:
    ids = sorted(b[0] for b in batches)
    per_batch = _batches(items)
    # Whole transactions only: every batch has all its items, and no item is without its batch.
    assert ids == list(range(1, len(ids) + 1)), "the backup holds batches out of order: a gap means a lost transaction"
    assert set(per_batch) <= set(ids), "items without their batch: half a transaction"
    assert all(per_batch.get(i) == ITEMS_PER_BATCH for i in ids), "a batch without all its items: half a transaction"
    # The writer was still at work after the backup: the backup did not simply see a quiet database.
    assert len(ids) < len(writer.commits)


@pytest.mark.postgres
def test_postgres_backup_while_writing_holds_whole_transactions(postgres_url: str, tmp_path: Path, drop_restored: list[str]) -> None:
    pg_execute(postgres_url, SCHEMA)
    writer = Writer(_pg_transaction(postgres_url))
    writer.start()
    try:
        writer.wait_for(20)
        started = time.monotonic()
        result = backup(postgres_url, tmp_path / "busy.dump", progress=False)
        finished = time.monotonic()
        writer.wait_for(len(writer.commits) + 10)
    finally:
        writer.stop.set()
        writer.join()
    assert writer.error is None
    assert any(started < t < finished for t in writer.commits), "no transaction committed while pg_dump ran"

    restored = restore(result.path, url=postgres_url, progress=False)
    drop_restored.append(restored.target)
    assert restored.verified, restored.differences  # the manifest's counts are the file's counts
    with psycopg.connect(restored.target) as c:
        batches = c.execute('SELECT id FROM "Batch"').fetchall()
        items = c.execute('SELECT "batchId", count(*) FROM "Item" GROUP BY 1').fetchall()
    assert dict(result.manifest.tables)["Batch"] == len(batches)
    _check_consistent(batches, items, writer)


def test_sqlite_backup_while_writing_holds_whole_transactions(sqlite_url: str, tmp_path: Path) -> None:
    sqlite_execute(sqlite_url, SCHEMA)
    writer = Writer(_sqlite_transaction(sqlite_url))
    writer.start()
    try:
        writer.wait_for(20)
        result = backup(sqlite_url, tmp_path / "busy.sqlite", progress=False)
        writer.wait_for(len(writer.commits) + 10)
    finally:
        writer.stop.set()
        writer.join()
    assert writer.error is None

    restored = restore(result.path, f"sqlite:///{tmp_path / 'restored.db'}", progress=False)
    assert restored.verified, restored.differences
    con = sqlite3.connect(tmp_path / "restored.db")
    batches = con.execute('SELECT id FROM "Batch"').fetchall()
    items = con.execute('SELECT "batchId", count(*) FROM "Item" GROUP BY 1').fetchall()
    con.close()
    assert dict(result.manifest.tables)["Batch"] == len(batches) >= 20
    _check_consistent(batches, items, writer)
