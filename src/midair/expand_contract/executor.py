"""Apply one migration honouring its `migration.toml`: lock timeouts, retries, safe forms, phases.

`apply_migration(connection, folder, sql, settings)` is what `midair migrate deploy` calls for a
migration whose settings say so (`MigrationSettings.needs_executor`). Steps:

1. Refuse early: a template expression still `FILL_ME_IN`; a contract whose backfill is incomplete
   (`phases.check_deployable`).
2. Build the steps:
   - ``transactional = true`` (the default): the statements of migration.sql as written, in ONE
     transaction that starts with ``SET LOCAL lock_timeout``; a lock timeout rolls the whole
     transaction back and retries it (nothing is half-applied);
   - ``transactional = false``: the safe forms (`dialects/<d>/safe.py`: CONCURRENTLY, NOT VALID +
     VALIDATE, CHECK before SET NOT NULL), each statement in its own short transaction (or none,
     for CONCURRENTLY) and retried on its own, so a lock wait never holds earlier locks.
3. Phase extras: an expand installs the dual-write triggers after its DDL; a contract drops them
   before its DDL (the old columns they read are about to go), in the same transaction when it has
   one; a backfill runs the batched backfill before its migration.sql (often empty).
4. Retries: on a lock timeout (PostgreSQL ``55P03``; SQLite "database is locked") wait
   `retry_backoff` × 2^attempt with jitter, at most `retries` times, then fail with the statement.

The lock_timeout is what protects the application: while a DDL statement waits for its lock, every
later query on the table queues behind it; with a short timeout the statement gives up instead
and the queue drains (SAFETY-REFERENCE §1.4: 4.3 s reads became ≤132 ms with 200 ms).
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from midair.errors import ConfigError, MigrationError
from midair.expand_contract._dialect import dialect_module
from midair.migrations.settings import MigrationSettings


@dataclass(frozen=True, slots=True)
class StepResult:
    """One executed step: its SQL, attempts (1 = no retry) and seconds."""

    sql: str
    attempts: int
    seconds: float


@dataclass(frozen=True, slots=True)
class ExecutionReport:
    """What `apply_migration` did: the steps run, lock-timeout retries, backfill report if any."""

    migration: str
    steps: tuple[StepResult, ...]
    retries: int
    backfill: Any = None
    log: tuple[str, ...] = field(default=())

    @property
    def applied_steps_count(self) -> int:
        return len(self.steps)


class LockTimeoutError(MigrationError):
    """A statement could not get its lock within lock_timeout, after every retry."""

    code = "M3021"


def _sleep_backoff(base_ms: int, attempt: int) -> None:
    delay = base_ms / 1000 * 2 ** (attempt - 1)
    time.sleep(min(delay, 30.0) * (0.75 + random.random() / 2))


def with_retries(
    fn: Callable[[], None],
    *,
    is_lock_timeout: Callable[[BaseException], bool],
    retries: int,
    backoff_ms: int,
    describe: str,
    on_retry: Callable[[int, BaseException], None] | None = None,
) -> int:
    """Run `fn`, retrying lock timeouts; returns the number of attempts."""
    attempt = 1
    while True:
        try:
            fn()
            return attempt
        except Exception as e:  # noqa: BLE001 - only lock timeouts are retried
            if not is_lock_timeout(e):
                raise
            if attempt > retries:
                raise LockTimeoutError(
                    f"{describe} could not get its lock after {attempt} attempt{'s' if attempt != 1 else ''}: "
                    f"{str(e).strip()}",
                    hint="A long transaction holds a conflicting lock. Find it in pg_stat_activity, or raise "
                    "`retries`/`lock_timeout` in migration.toml, then deploy again.",
                ) from None
            if on_retry:
                on_retry(attempt, e)
            _sleep_backoff(backoff_ms, attempt)
            attempt += 1


def plan_steps(connection: Any, sql: str, settings: MigrationSettings) -> list[Any]:
    """The steps `apply_migration` would run for `sql`: safe forms unless transactional."""
    safe = dialect_module(connection, "safe")
    if settings.transactional:
        return [safe.ExecStep(s, original=s) for s in safe.split(sql)]
    return safe.safe_steps(sql)


def preflight(connection: Any, folder: Path | str, settings: MigrationSettings | None = None) -> tuple[str, MigrationSettings] | None:
    """Every refusal `apply_migration` can make, before anything runs (call it before recording
    the migration as started): an unfilled `FILL_ME_IN` template; a backfill with nothing to run;
    a contract whose backfill left rows behind (`UnsafeChangeError`). Returns the backfill source
    (migration name, settings) of a backfill phase."""
    from midair.expand_contract import phases

    folder = Path(folder)
    settings = settings if settings is not None else MigrationSettings.load(folder)
    if settings.phase == "expand" and settings.sync:
        settings.require_filled()
    source = None
    if settings.phase == "backfill":
        source = phases.backfill_source(folder, settings)
        if source is None:
            raise ConfigError(
                f"The backfill migration `{folder.name}` has no [backfill] section, and no earlier migration has one.",
                hint="Add [backfill] (table, set or sql) to its migration.toml.",
            )
        source[1].require_filled()
    if settings.phase == "contract":
        phases.check_deployable(connection, folder, settings)
    return source


def apply_migration(
    connection: Any,
    folder: Path | str,
    sql: str,
    settings: MigrationSettings | None = None,
    *,
    progress: bool = False,
    log: Callable[[str], None] | None = None,
) -> ExecutionReport:
    """Apply the migration in `folder` (script text `sql`) as its settings say. See module doc."""
    folder = Path(folder)
    settings = settings if settings is not None else MigrationSettings.load(folder)
    safe = dialect_module(connection, "safe")
    sync_sql = dialect_module(connection, "sync")
    lines: list[str] = []

    def say(text: str) -> None:
        lines.append(text)
        if log:
            log(text)

    source = preflight(connection, folder, settings)

    results: list[StepResult] = []
    retries = 0

    def on_retry(attempt: int, e: BaseException) -> None:
        nonlocal retries
        retries += 1
        say(f"lock timeout (attempt {attempt}), retrying: {str(e).strip().splitlines()[0]}")

    def run(step_sqls: list[str], *, transactional: bool, describe: str, cleanup_index: str | None = None) -> None:
        def once() -> None:
            if transactional:
                for s in safe.before_transaction(settings.lock_timeout_ms):
                    connection.execute(s)
                try:
                    with connection.transaction():
                        for s in safe.begin_step(settings.lock_timeout_ms, settings.statement_timeout_ms):
                            connection.execute(s)
                        for s in step_sqls:
                            connection.execute(s)
                finally:
                    for s in safe.after_transaction():
                        connection.execute(s)
                return
            for s in safe.session_timeouts(settings.lock_timeout_ms, settings.statement_timeout_ms):
                connection.execute(s)
            try:
                for s in step_sqls:
                    connection.execute(s)
            except Exception:
                if cleanup_index:
                    # A failed CONCURRENTLY build leaves an INVALID index behind: remove it now so
                    # the retry (or the next deploy) starts clean.
                    for r in safe.reset_session_timeouts():
                        connection.execute(r)
                    safe.drop_invalid_index(connection, cleanup_index)
                raise
            finally:
                for r in safe.reset_session_timeouts():
                    connection.execute(r)

        t0 = time.monotonic()
        attempts = with_retries(
            once,
            is_lock_timeout=safe.is_lock_timeout,
            retries=settings.retries,
            backoff_ms=settings.retry_backoff_ms,
            describe=describe,
            on_retry=on_retry,
        )
        results.append(StepResult("\n".join(step_sqls), attempts, time.monotonic() - t0))

    # A backfill phase fills the rows first; its SQL (if any) may then rely on them being filled.
    report = None
    if settings.phase == "backfill":
        from midair.expand_contract.backfill import BackfillJob, run_backfill

        assert source is not None
        job = BackfillJob.from_settings(*source)
        report = run_backfill(connection, job, progress=progress)
        say(f"backfill `{job.table}`: {report.describe()}")

    # Contract: the triggers read the old columns, which this migration drops: remove them first —
    # in the same transaction when the migration has one, so no write falls between.
    drop_triggers: list[str] = []
    if settings.phase == "contract" and settings.sync:
        drop_triggers = sync_sql.drop_sync_triggers(settings.sync)
        if not settings.transactional:
            run(drop_triggers, transactional=True, describe="Dropping the dual-write triggers")
            drop_triggers = []
        say(f"dropped dual-write triggers on `{settings.sync.table}`")

    # Expand: the triggers must exist as soon as the new columns do (a row the old app writes in
    # between would otherwise miss its new form until the backfill): same transaction if there is one.
    create_triggers = sync_sql.create_sync_triggers(settings.sync) if settings.phase == "expand" and settings.sync else []
    if settings.transactional:
        _refuse_outside_transaction_statements(connection, folder, sql)
        statements = drop_triggers + safe.split(sql) + create_triggers
        create_triggers = []
        if statements:
            run(statements, transactional=True, describe=f"The migration `{folder.name}`")
    else:
        steps = safe.safe_steps(sql)
        for i, step in enumerate(steps, 1):
            if step.drop_invalid_first and safe.drop_invalid_index(connection, step.drop_invalid_first):
                say(f"dropped INVALID index `{step.drop_invalid_first}` left by an earlier failed build")
            try:
                run(
                    [step.sql],
                    transactional=step.transactional,
                    describe=f"`{_short(step.sql)}`",
                    cleanup_index=step.cleanup_index,
                )
            except LockTimeoutError:
                raise
            except Exception as e:  # a database error: say how far the migration got
                done = f"steps 1–{i - 1} were applied and stay" if i > 1 else "nothing was applied"
                raise MigrationError(
                    f"Step {i} of {len(steps)} failed: `{_short(step.sql)}`: {str(e).strip()}\n"
                    f"This migration runs statement by statement (transactional = false): {done}.",
                    hint="Fix the cause, then either complete the remaining steps by hand and run "
                    "`midair migrate resolve --applied <migration>`, or undo the applied ones and run "
                    "`midair migrate resolve --rolled-back <migration>` before deploying again.",
                ) from e

    if create_triggers:
        run(create_triggers, transactional=True, describe="Creating the dual-write triggers")
    if settings.phase == "expand" and settings.sync:
        say(f"created dual-write triggers on `{settings.sync.table}`")

    if settings.phase in ("expand", "backfill"):
        from midair.expand_contract.phases import mark_applied

        mark_applied(connection, folder.name)
    return ExecutionReport(folder.name, tuple(results), retries, report, tuple(lines))


def _refuse_outside_transaction_statements(connection: Any, folder: Path, sql: str) -> None:
    """A statement the database refuses inside a transaction block (CONCURRENTLY) in a migration
    that runs in one: say so before anything runs, with the way out."""
    try:
        statements = dialect_module(connection, "locks").analyze_sql(sql)
    except Exception:  # noqa: BLE001 - unparsable SQL: the database reports it with its position
        return
    for st in statements:
        if not st.transactional:
            raise ConfigError(
                f"{folder / 'migration.sql'}:{st.line}:{st.column}: `{_short(st.sql)}` cannot run inside a "
                "transaction, and this migration runs in one.",
                hint=f"Add `transactional = false` to {folder / 'migration.toml'} (each statement then runs on its own).",
            )


def _short(sql: str) -> str:
    one = " ".join(sql.split())
    return one if len(one) <= 80 else one[:77] + "…"


__all__ = ["ExecutionReport", "LockTimeoutError", "StepResult", "apply_migration", "plan_steps", "preflight", "with_retries"]
