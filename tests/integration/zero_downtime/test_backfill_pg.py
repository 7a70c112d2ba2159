"""Backfill mechanics on PostgreSQL: batches sized by measured time, throttling, a Python
function over batches, and `migrate plan` estimates from the table's size."""

from __future__ import annotations

import json
import statistics
import time
from pathlib import Path

import pytest

from midair.connection import connect
from midair.expand_contract.backfill import BackfillJob, run_backfill

pytestmark = pytest.mark.postgres

ROWS = 5_000


def _table(url: str) -> None:
    c = connect(url)
    c.execute('CREATE TABLE "Match" (id INT PRIMARY KEY, p TEXT NOT NULL, digest TEXT)')
    c.execute('INSERT INTO "Match" (id, p) SELECT i, repeat(md5(i::text), 20) FROM generate_series(1, %s) i' % ROWS)
    c.execute('ANALYZE "Match"')
    c.close()


def _run(url: str, name: str, target_ms: int, sleep_ms: int = 0) -> tuple[list[tuple[int, int, float]], float]:
    c = connect(url)
    batches: list[tuple[int, int, float]] = []
    # A deliberately costly expression, so batch time depends on batch size.
    job = BackfillJob(name=name, table="Match", key="id", set=(("digest", "md5(repeat(p, 8))"),),
                      batch_size=50, target_batch_ms=target_ms, sleep_ms=sleep_ms)
    t0 = time.monotonic()
    report = run_backfill(c, job, on_batch=lambda changed, size, elapsed: batches.append((changed, size, elapsed)))
    total = time.monotonic() - t0
    assert report.complete and report.rows_updated == ROWS == sum(b[0] for b in batches)
    c.execute('UPDATE "Match" SET digest = NULL')
    c.close()
    return batches, total


def test_batches_follow_the_time_target(postgres_url: str) -> None:
    _table(postgres_url)
    fast, _ = _run(postgres_url, "target-100ms", 100)
    small, _ = _run(postgres_url, "target-30ms", 30)
    # Batches grew from 50 rows towards the 100 ms target, and stayed near it.
    assert max(size for _, size, _ in fast) > 200
    steady = [elapsed for _, _, elapsed in fast[3:]]
    # The median, not the max: one batch delayed by a busy machine says nothing about the controller.
    assert steady and statistics.median(steady) < 0.35, steady  # 100 ms target; slack for a loaded machine
    # A smaller target gives smaller batches (and more of them).
    assert len(small) > len(fast)
    assert sum(s for _, s, _ in small) / len(small) < sum(s for _, s, _ in fast) / len(fast)


def test_sleep_throttles(postgres_url: str) -> None:
    _table(postgres_url)
    batches, total = _run(postgres_url, "throttled", 100, sleep_ms=40)
    assert total >= 0.04 * len(batches)


def test_python_function_over_batches(postgres_url: str) -> None:
    _table(postgres_url)
    c = connect(postgres_url)
    seen: list[tuple[object, object]] = []

    def fill(conn, lower, upper) -> int:  # type: ignore[no-untyped-def]
        seen.append((lower, upper))
        rows = conn.query(
            'UPDATE "Match" SET digest = left(p, 8) WHERE (id > %s OR %s::int IS NULL) AND id <= %s RETURNING 1',
            (lower, lower, upper),
        )
        return len(rows)

    report = run_backfill(c, BackfillJob(name="py", table="Match", key="id", fn=fill, batch_size=1000, target_batch_ms=10_000))
    assert (report.rows_updated, report.batches) == (ROWS, 3)  # 1000, 2000, then the last 2000
    assert seen == [(None, 1000), (1000, 3000), (3000, 5000)]
    assert c.query('SELECT count(*) FROM "Match" WHERE digest IS NULL') == [(0,)]
    c.close()


def test_migrate_plan_estimates_from_table_size(postgres_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from midair.cli import main

    _table(postgres_url)
    sql = tmp_path / "migration.sql"
    sql.write_text('ALTER TABLE "Match" ALTER COLUMN "id" SET DATA TYPE BIGINT;\nALTER TABLE "Match" ADD COLUMN "score" JSONB;\n')
    assert main(["migrate", "plan", "--url", postgres_url, "--sql", str(sql), "--json"]) == 0
    steps = json.loads(capsys.readouterr().out)["steps"]
    retype, add = steps[0]["effects"][0], steps[1]["effects"][0]
    assert (retype["lock"], retype["rewrite"], retype["blocksReads"]) == ("ACCESS EXCLUSIVE", True, True)
    assert retype["estimatedRows"] == ROWS and retype["estimatedBytes"] > 500_000 and retype["estimatedSeconds"] > 0
    assert (add["rewrite"], add["scan"], add["estimatedSeconds"]) == (False, False, 0)
    assert main(["migrate", "plan", "--url", postgres_url, "--sql", str(sql)]) == 0
    text = capsys.readouterr().out
    assert "ALTER COLUMN TYPE (rewrite): ACCESS EXCLUSIVE lock on `Match` (blocks reads and writes) · rewrites the table" in text
    assert f"~{ROWS:,} rows" in text and "safe alternative: expand/contract" in text


def test_backfill_is_bounded_by_the_largest_key_at_its_start(postgres_url: str) -> None:
    """Rows inserted during the run carry the new form already (the triggers write it); the run
    is bounded by the largest key at its start, so a steady insert load cannot keep it from
    finishing (pgroll #583). Here the inserted rows are left NULL on purpose, to see that the
    backfill did not walk them."""
    _table(postgres_url)
    c = connect(postgres_url)
    next_id = [ROWS]

    def insert_more(changed: int, size: int, elapsed: float) -> None:
        c.execute('INSERT INTO "Match" (id, p) SELECT i, \'new\' FROM generate_series(%s::int, %s::int) i',
                  (next_id[0] + 1, next_id[0] + 2 * size))
        next_id[0] += 2 * size  # twice as many new rows as the batch just did

    job = BackfillJob(name="bounded", table="Match", key="id", set=(("digest", "md5(p)"),), batch_size=200, target_batch_ms=10_000)
    report = run_backfill(c, job, on_batch=insert_more, max_batches=50)
    assert report.complete and report.rows_updated == ROWS and report.batches <= 6
    assert next_id[0] > 2 * ROWS
    assert c.query('SELECT count(*) FROM "Match" WHERE id <= %s AND digest IS NULL', (ROWS,)) == [(0,)]
    assert c.query('SELECT count(*) FROM "Match" WHERE id > %s AND digest IS NOT NULL', (ROWS,)) == [(0,)]
    c.close()


def _dirtied_by_full_scan(c) -> int:  # type: ignore[no-untyped-def]
    """Pages a plain full-table read dirties (pruning dead row versions, setting hint bits),
    once every page is on disk: a page still dirty in shared buffers would not be counted."""
    c.execute("CHECKPOINT")
    ((plan,),) = c.query('EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) SELECT count(*) FROM "Match"')
    return int(plan[0]["Plan"]["Shared Dirtied Blocks"])


def test_the_backfill_leaves_no_pages_for_the_next_reader_to_dirty(postgres_url: str) -> None:
    """Each batch's range is read again once its commit is flushed, so the first full scan after
    the backfill (the closing count, the contract's checks, the app) finds every row version's
    commit hint bits set: it does not dirty the whole table again at once (the end-of-backfill
    latency burst). A snapshot held open meanwhile keeps any page from being pruned, so what is
    measured is the hint bits alone, whatever else runs on the server."""
    _table(postgres_url)
    c, holder = connect(postgres_url), connect(postgres_url)
    with holder.transaction():
        holder.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        holder.query('SELECT count(*) FROM "Match"')
        # A user's own UPDATE: no closing count of the rows left (only `set` jobs have one), which
        # on a table this small would read every page while it is still in shared buffers anyway.
        job = BackfillJob(name="settled", table="Match", key="id", sql='UPDATE "Match" SET digest = md5(p) WHERE digest IS NULL',
                          batch_size=500, target_batch_ms=10_000)
        report = run_backfill(c, job)
        assert report.complete and report.rows_updated == ROWS and report.batches > 3
        after_backfill = _dirtied_by_full_scan(c)
        # The same change made by one plain UPDATE: the first full scan after it dirties every
        # page, which shows the measure sees what it should.
        c.execute("UPDATE \"Match\" SET digest = md5(p) || '!'")
        after_update = _dirtied_by_full_scan(c)
    ((pages,),) = c.query("SELECT pg_relation_size('\"Match\"') / current_setting('block_size')::int")
    assert after_update > pages / 2, (after_update, pages)
    assert after_backfill < pages / 20, (after_backfill, pages)
    holder.close()
    c.close()
