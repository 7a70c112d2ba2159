"""Batched, resumable, throttled backfills: rows written before an expand get the new form.

Algorithm (one pass over the table in primary-key order):

1. Ensure the progress table ``_midair_backfill`` and read this backfill's row (by `name`): the
   last key done, rows updated and batches so far. A finished backfill with rows still to do
   (they would only appear if the dual-write triggers were missing) starts a new pass.
2. Each batch is one short transaction:
   - the next key range: the `batch_size` keys after the last one (``key > last ORDER BY key``),
     whose largest key is the range's upper bound; keys above the table's largest key when the
     run started are left alone (rows inserted since went through the triggers), so the backfill
     finishes even under a steady insert load;
   - ``UPDATE t SET new = COALESCE(new, f(old)) WHERE key > last AND key <= upper AND new IS NULL``
     (or the user's `where`).
     The UPDATE locks each row it changes and PostgreSQL re-checks the WHERE clause against the
     row's latest version after waiting for a concurrent writer (READ COMMITTED), so a row the
     app has just written in the new form is skipped, and f(old) always reads the newest old
     values: no stale value is ever copied over a newer one;
   - the progress row moves to `upper` in the same transaction, so an interrupted backfill (a
     killed process, a lost connection) resumes exactly after the last committed batch.
   On PostgreSQL a batch commits asynchronously (``synchronous_commit = off``): its row locks
   are not held through a WAL flush, and a batch lost in a crash is redone on resume.
3. After each batch (PostgreSQL), its key range is read once more: the
   UPDATE left dead row versions and new ones without hint bits, and whoever reads those pages
   first prunes them and dirties them again. Read now, the pages are still in shared buffers and
   still dirty, so each is written once; left for later, the closing count (or the contract's
   checks) re-dirties the whole table in under a second and the app's commits queue behind that
   I/O — the end-of-backfill latency burst measured in docs/benchmarks.md. (A synchronous commit
   of the progress row's timestamp first flushes the WAL past the batch's commit: hint bits can
   only be set then. The fsync is waited for with no row of the table locked.)
4. The batch size follows the measured time: `target_batch_ms` (100 ms by default) is the longest
   a batch may hold its row locks, and batches aim at 40 % of it, because a batch's time scatters
   around what its size predicts (a busy CPU, a WAL segment to create). A batch grows at
   most 2× per step and shrinks at once after a slow one, down to a quarter (SAFETY-REFERENCE
   §4.2: 1k–10k rows is typical).
5. `sleep_ms` between batches throttles the work; lock timeouts and deadlocks retry the batch.
   On SQLite the pause is at least ``PAUSE_FOR_WAITING_WRITERS_MS`` (dialects/sqlite/sync.py):
   its waiting writers poll instead of queueing, and back-to-back batches would starve them.
6. Done: ``finished_at`` is set, the rows still to do are counted (one process, no parallel
   workers: a small server's cores stay with the app), and the report says ``updated 105 rows in
   3 batches``.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass, field
from typing import Any, Callable

from midair.errors import ConfigError, MigrationError
from midair.expand_contract._dialect import dialect_module
from midair.migrations.settings import BackfillSettings, MigrationSettings

MAX_BATCH = 50_000


def q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


@dataclass(frozen=True, slots=True)
class BackfillJob:
    """One backfill: which rows of `table` (keyed by `key`) get which values, and how fast.

    Either `set` (new column = SQL expression over the row) with `where` (the rows still to do;
    by default a new column is NULL while its expression is not), or `sql`: a user's own
    ``UPDATE … WHERE …`` that midair runs one key range at a time, or `fn`: a Python function
    ``fn(connection, lower, upper) -> rows changed`` called inside each batch's transaction for
    the keys ``lower < key <= upper`` (`lower` is None for the first batch).
    """

    name: str
    table: str
    key: str = "id"
    set: tuple[tuple[str, str], ...] = ()
    where: str | None = None
    sql: str | None = None
    batch_size: int = 1000
    target_batch_ms: int = 100
    sleep_ms: int = 0
    lock_timeout_ms: int | None = 2000
    retries: int = 10
    fn: Callable[[Any, Any, Any], int] | None = field(default=None, compare=False)

    @classmethod
    def from_settings(cls, name: str, settings: MigrationSettings) -> BackfillJob:
        b = settings.backfill
        if b is None:
            raise ConfigError(
                f"The migration `{name}` has no [backfill] section in migration.toml",
                hint="Add [backfill] with `table` and `set` (or `sql`), or run `midair backfill --sql …`.",
            )
        return cls.from_backfill(name, b, lock_timeout_ms=settings.lock_timeout_ms or 2000, retries=max(settings.retries, 10))

    @classmethod
    def from_backfill(cls, name: str, b: BackfillSettings, **kw: Any) -> BackfillJob:
        return cls(
            name=name, table=b.table, key=b.key, set=b.set, where=b.where, sql=b.sql,
            batch_size=b.batch_size, target_batch_ms=b.target_batch_ms, sleep_ms=b.sleep_ms, **kw,
        )

    @property
    def todo(self) -> str:
        """SQL condition for a row that still needs the backfill."""
        if self.where:
            return f"({self.where})"
        if not self.set:
            return "TRUE"
        return "(" + " OR ".join(f"({q(col)} IS NULL AND ({expr}) IS NOT NULL)" for col, expr in self.set) + ")"

    @property
    def todo_in_batch(self) -> str:
        """The batch UPDATE's condition: `todo` without evaluating the expressions. SET computes
        each expression anyway; testing it in WHERE too would compute it twice per row (measured:
        a third of the UPDATE's time for the article's JSON score). A row whose expression is NULL
        gets written with the NULL it has, once: the pass visits each key once."""
        if self.where or not self.set:
            return self.todo
        return "(" + " OR ".join(f"{q(col)} IS NULL" for col, _ in self.set) + ")"


@dataclass(frozen=True, slots=True)
class BackfillReport:
    """What a backfill run did (`rows_updated` and `batches` in total, including earlier runs)."""

    name: str
    table: str
    rows_updated: int
    batches: int
    seconds: float
    resumed: bool
    complete: bool
    remaining: int | None = None

    def describe(self) -> str:
        s = "" if self.rows_updated == 1 else "s"
        b = "" if self.batches == 1 else "es"
        text = f"updated {self.rows_updated} row{s} in {self.batches} batch{b}"
        if self.resumed:
            text += " (resumed)"
        return text


@dataclass(frozen=True, slots=True)
class Progress:
    """A backfill's row in ``_midair_backfill``."""

    name: str
    table: str
    last_key: str | None
    rows_updated: int
    batches: int
    finished: bool


def ensure_progress_table(connection: Any) -> None:
    connection.execute(dialect_module(connection, "sync").CREATE_PROGRESS)


def read_progress(connection: Any, name: str) -> Progress | None:
    sync = dialect_module(connection, "sync")
    try:
        rows = connection.query(
            f"SELECT name, table_name, last_key, rows_updated, batches, finished_at FROM {sync.PROGRESS_TABLE} "
            f"WHERE name = {sync.PARAM}",
            (name,),
        )
    except Exception as e:  # noqa: BLE001 - only "no such table" is expected here
        if sync.is_missing_table(e):
            return None
        raise
    if not rows:
        return None
    n, t, last, updated, batches, finished = rows[0]
    return Progress(n, t, last, int(updated), int(batches), finished is not None)


def all_progress(connection: Any) -> list[Progress]:
    sync = dialect_module(connection, "sync")
    try:
        rows = connection.query(
            f"SELECT name, table_name, last_key, rows_updated, batches, finished_at FROM {sync.PROGRESS_TABLE} ORDER BY name"
        )
    except Exception as e:  # noqa: BLE001
        if sync.is_missing_table(e):
            return []
        raise
    return [Progress(n, t, last, int(u), int(b), f is not None) for n, t, last, u, b, f in rows]


def remaining_rows(connection: Any, job: BackfillJob) -> int:
    """How many rows still need the backfill (for `sql` jobs: unknown, None → 0 is not claimed)."""
    if job.sql or job.fn:
        return 0  # only the user's code knows which rows are still to do
    count = f"SELECT count(*) FROM {q(job.table)} WHERE {job.todo}"
    if not _postgres(connection):
        # A plain read: a transaction on SQLite is BEGIN IMMEDIATE, the write lock, which would
        # keep the app's writes out for the whole scan.
        return int(connection.query(count)[0][0])
    with connection.transaction():
        # One process, not a parallel scan that would take every core of a small server
        # from the app for as long as it runs.
        connection.execute("SET LOCAL max_parallel_workers_per_gather = 0")
        (n,) = connection.query(count)[0]
    return int(n)


def _postgres(connection: Any) -> bool:
    return getattr(getattr(connection, "url", None), "provider", None) == "postgresql"


def _update_sql(connection: Any, job: BackfillJob, *, lower: bool = True) -> str:
    """The batch UPDATE with parameters (lower bound if `lower`, upper bound). Two forms, because
    ``key > $1 OR $1 IS NULL`` would keep the planner from using the key's index."""
    sync = dialect_module(connection, "sync")
    if job.fn is not None:
        return ""
    if job.sql:
        try:
            text, _table = sync.bound_user_update(job.sql, job.key, lower=lower)
        except ValueError as e:
            raise ConfigError(f"--sql: {e}", hint='Write one statement like: UPDATE "Match" SET score = … WHERE score IS NULL') from None
        return text
    p = sync.PARAM
    sets = ", ".join(f"{q(col)} = COALESCE({q(col)}, ({expr}))" for col, expr in job.set)
    k = q(job.key)
    bound = f"{k} > {p} AND {k} <= {p}" if lower else f"{k} <= {p}"
    return f"UPDATE {q(job.table)} SET {sets} WHERE {bound} AND {job.todo_in_batch}"


def run_backfill(
    connection: Any,
    job: BackfillJob,
    *,
    progress: bool = False,
    max_batches: int | None = None,
    on_batch: Callable[[int, int, float], None] | None = None,
) -> BackfillReport:
    """Run (or resume) `job` to the end, or for `max_batches` batches. See the module docstring."""
    sync = dialect_module(connection, "sync")
    p = sync.PARAM
    ensure_progress_table(connection)
    update = (_update_sql(connection, job, lower=False), _update_sql(connection, job))
    if sync.key_type_cast(connection, job.table, job.key) is None and not _table_exists(connection, job.table):
        raise ConfigError(f"The table `{job.table}` (or its key column `{job.key}`) does not exist.")
    state = read_progress(connection, job.name)
    resumed = state is not None and state.batches > 0 and not state.finished
    if state is None:
        connection.execute(
            f"INSERT INTO {sync.PROGRESS_TABLE} (name, table_name, key_column) VALUES ({p}, {p}, {p})",
            (job.name, job.table, job.key),
        )
        state = Progress(job.name, job.table, None, 0, 0, False)
    elif state.finished:
        if remaining_rows(connection, job) == 0:
            return BackfillReport(job.name, job.table, state.rows_updated, state.batches, 0.0, False, True, 0)
        connection.execute(
            f"UPDATE {sync.PROGRESS_TABLE} SET last_key = NULL, finished_at = NULL WHERE name = {p}", (job.name,)
        )
        state = Progress(job.name, job.table, None, state.rows_updated, state.batches, False)

    last = _typed_key(connection, job, state.last_key)
    # The largest key now bounds this run: rows inserted from here on went through the dual-write
    # triggers (or the app), so chasing them could only keep the backfill from ever finishing
    # under a steady insert load (pgroll issue #583).
    stop_at = connection.query(f"SELECT max({q(job.key)}) FROM {q(job.table)}")[0][0]
    rows_total, batches = state.rows_updated, state.batches
    size = max(1, job.batch_size)
    started = time.monotonic()
    bar = _Bar(remaining_rows(connection, job) if progress and not job.sql else None, job, enabled=progress)
    done_batches = 0
    try:
        while True:
            if max_batches is not None and done_batches >= max_batches:
                break
            t0 = time.monotonic()
            upper, changed = (None, 0) if stop_at is None else _batch_with_retries(connection, job, sync, update, last, size, stop_at)
            elapsed = time.monotonic() - t0
            if upper is None:
                connection.execute(
                    f"UPDATE {sync.PROGRESS_TABLE} SET finished_at = {sync.now_sql()}, updated_at = {sync.now_sql()} WHERE name = {p}",
                    (job.name,),
                )
                break
            _settle(connection, job, sync, last, upper)
            last = upper
            rows_total += changed
            batches += 1
            done_batches += 1
            bar.advance(changed, batches)
            if on_batch:
                on_batch(changed, size, elapsed)
            size = _next_size(size, elapsed, job.target_batch_ms)
            pause_ms = max(job.sleep_ms, getattr(sync, "PAUSE_FOR_WAITING_WRITERS_MS", 0))
            if pause_ms:
                time.sleep(pause_ms / 1000)
    finally:
        bar.close()
    complete = read_progress(connection, job.name)
    finished = bool(complete and complete.finished)
    remaining = remaining_rows(connection, job) if finished else None
    return BackfillReport(job.name, job.table, rows_total, batches, time.monotonic() - started, resumed, finished, remaining)


def _table_exists(connection: Any, table: str) -> bool:
    try:
        connection.query(f"SELECT 1 FROM {q(table)} WHERE 1 = 0")
        return True
    except Exception:  # noqa: BLE001
        return False


def _typed_key(connection: Any, job: BackfillJob, text: str | None) -> Any:
    """The last key done, in the key column's type (the progress table keeps it as text)."""
    if text is None:
        return None
    sync = dialect_module(connection, "sync")
    cast = sync.key_type_cast(connection, job.table, job.key)
    if cast:
        return connection.query(f"SELECT CAST({sync.PARAM} AS {cast})", (text,))[0][0]
    return text


# Batches aim at this share of `target_batch_ms`: the target is a ceiling, not an average. On a
# busy 2-CPU server the slowest batches of a 1M-row backfill took 2.0–2.2× the median one
# (docs/benchmarks.md), so 40 % keeps them under it.
AIM = 0.4


def _next_size(size: int, elapsed: float, target_ms: int) -> int:
    """The next batch's size from the last one's time: in proportion to reach AIM × target, at
    most twice as large (a fast batch may have been lucky), and down to a quarter at once after a
    slow one (the next one may be as slow; a stall that no size explains, such as a commit waiting
    for the disk, does not collapse the batches to a few rows)."""
    if elapsed <= 0:
        return min(size * 2, MAX_BATCH)
    ideal = size * AIM * (target_ms / 1000) / elapsed
    return round(max(1, size // 4, min(MAX_BATCH, size * 2, ideal)))


def _settle(connection: Any, job: BackfillJob, sync: Any, lower: Any, upper: Any) -> None:
    """Read a committed batch's key range once more (module docstring, step 3).

    First a synchronous commit (the progress row's `updated_at`, no lock anyone else needs):
    it flushes the WAL past the batch's asynchronous commit, and only then may a reader set the
    hint bits that say the batch committed — read earlier, the pages would be left for the next
    full scan to dirty again. Nothing to do on SQLite (no dead row versions, no hint bits)."""
    if not _postgres(connection):
        return
    connection.execute(f"UPDATE {sync.PROGRESS_TABLE} SET updated_at = {sync.now_sql()} WHERE name = %s", (job.name,))
    k, t = q(job.key), q(job.table)
    if lower is None:
        connection.query(f"SELECT count(*) FROM {t} WHERE {k} <= %s", (upper,))
    else:
        connection.query(f"SELECT count(*) FROM {t} WHERE {k} > %s AND {k} <= %s", (lower, upper))


def _batch_with_retries(
    connection: Any, job: BackfillJob, sync: Any, update: tuple[str, str], last: Any, size: int, stop_at: Any
) -> tuple[Any, int]:
    attempt = 0
    while True:
        try:
            return _one_batch(connection, job, sync, update, last, size, stop_at)
        except Exception as e:  # noqa: BLE001 - retry only lock timeouts and deadlocks
            if not sync.is_lock_timeout(e) or attempt >= job.retries:
                if sync.is_lock_timeout(e):
                    raise MigrationError(
                        f"The backfill `{job.name}` could not lock rows of `{job.table}` after {attempt + 1} attempts: {e}",
                        hint="Progress is saved: run the backfill again to resume.",
                    ) from None
                raise
            attempt += 1
            time.sleep(min(5.0, 0.05 * 2**attempt) * (0.5 + random.random() / 2))


def _one_batch(
    connection: Any, job: BackfillJob, sync: Any, update: tuple[str, str], last: Any, size: int, stop_at: Any
) -> tuple[Any, int]:
    p = sync.PARAM
    k, t = q(job.key), q(job.table)
    after = f"WHERE {k} > {p} AND {k} <= {p} " if last is not None else f"WHERE {k} <= {p} "
    params: tuple[Any, ...] = (last, stop_at) if last is not None else (stop_at,)
    with connection.transaction():
        for s in sync.begin_batch(job.lock_timeout_ms):
            connection.execute(s)
        if _postgres(connection):
            # The batch need not wait for its commit to reach the disk: its progress row commits
            # with it, so a batch lost in a crash is simply redone on resume, and any app write
            # made after it is flushed later in the same WAL, so it cannot survive without it.
            # Waiting would hold the batch's row locks through an fsync of megabytes of WAL.
            connection.execute("SET LOCAL synchronous_commit = off")
        rows = connection.query(
            f"SELECT max(k) FROM (SELECT {k} AS k FROM {t} {after}ORDER BY {k} LIMIT {int(size)}) AS batch", params
        )
        upper = rows[0][0] if rows else None
        if upper is None:
            return None, 0
        if job.fn is not None:
            changed = int(job.fn(connection, last, upper) or 0)
        else:
            # The first batch has no lower bound: key <= upper.
            first, rest = update
            changed = _run_update(connection, first, (upper,), job) if last is None else _run_update(connection, rest, (last, upper), job)
        connection.execute(
            f"UPDATE {sync.PROGRESS_TABLE} SET last_key = CAST({p} AS TEXT), rows_updated = rows_updated + {p}, "
            f"batches = batches + 1, updated_at = {sync.now_sql()} WHERE name = {p}",
            (str(upper), changed, job.name),
        )
    return upper, changed


def _run_update(connection: Any, sql: str, params: tuple[Any, ...], job: BackfillJob) -> int:
    rows = connection.query(sql + " RETURNING 1", params)
    return len(rows)


class _Bar:
    """A rich progress bar on stderr (rows done of rows to do), or nothing."""

    def __init__(self, total: int | None, job: BackfillJob, *, enabled: bool) -> None:
        self._progress = None
        if not enabled:
            return
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self._progress = Progress(
            TextColumn(f"backfill {job.table}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("rows · {task.fields[batches]} batches"),
            TimeElapsedColumn(),
            console=Console(stderr=True),
            transient=False,
        )
        self._task = self._progress.add_task("backfill", total=total, batches=0)
        self._progress.start()

    def advance(self, rows: int, batches: int) -> None:
        if self._progress is not None:
            self._progress.update(self._task, advance=rows, batches=batches)

    def close(self) -> None:
        if self._progress is not None:
            self._progress.stop()


__all__ = [
    "BackfillJob",
    "BackfillReport",
    "Progress",
    "all_progress",
    "ensure_progress_table",
    "read_progress",
    "remaining_rows",
    "run_backfill",
]
