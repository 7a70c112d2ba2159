"""Applying migrations: `deploy`, `resolve`, `reset`.

`deploy` in steps:

1. Read the folder and the history; refuse when an earlier migration failed and is unresolved
   (like Prisma's P3009), or when an applied migration's file changed since (name and checksums).
2. Pre-flight, before anything runs: the data checks for each pending migration's SQL against the
   target (`midair.checks.sql_checks` + `evaluate`): an unexecutable step refuses the deploy; a
   destructive one triggers the automatic backup (`--backup auto|always|never`).
3. Take the database-wide lock (PostgreSQL advisory lock, SQLite exclusive locking mode), read the
   history again (another deployer may have been faster) and apply what is still pending, in folder
   order, each migration with its history update in one transaction where the database allows:
   either both happen or neither. The history row is inserted before the script starts, so a
   process killed mid-migration leaves a *failed* row that `migrate status` explains.

Deploy never prompts and never uses a shadow database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Sequence

from midair.connection import connect
from midair.dialects import get_dialect
from midair.errors import (
    ChecksumMismatchError,
    MidairError,
    ConfigError,
    FailedMigrationError,
    MigrationError,
    UnsafeChangeError,
)
from midair.migrations.dialect_ops import ops_for
from midair.migrations.folder import MigrationDir, check_lock, list_migrations
from midair.migrations.history import History, HistoryRow
from midair.urls import DatabaseUrl, parse_url, redact

if TYPE_CHECKING:
    from midair.dialects.base import Connection, Dialect

Report = Callable[[str], None]
DEFAULT_LOCK_TIMEOUT = 60.0
BACKUP_MODES = ("auto", "always", "never")


def _quiet(_: str) -> None:
    pass


@dataclass(frozen=True, slots=True)
class DeployResult:
    """What a deploy did: the migrations it applied (in order) and the backup it took, if any."""

    applied: tuple[str, ...]
    already_applied: int
    backup: Path | None = None
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class CheckOutcome:
    """The data checks of the pending migrations: findings per migration name."""

    warnings: tuple[tuple[str, str], ...] = ()
    unexecutable: tuple[tuple[str, str], ...] = ()
    ran: bool = False
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Target:
    """A database to migrate, opened: its URL, dialect, database-specific operations."""

    url: DatabaseUrl
    dialect: Any
    ops: Any
    conn: Any = field(repr=False)

    def close(self) -> None:
        self.conn.close()


def open_target(url: str | DatabaseUrl, *, base_dir: Path | None = None, wait: float = DEFAULT_LOCK_TIMEOUT) -> Target:
    """Connect; statements wait at most `wait` seconds for another process's lock."""
    parsed = url if isinstance(url, DatabaseUrl) else parse_url(url, base_dir=base_dir)
    dialect = get_dialect(parsed.provider)
    ops = ops_for(dialect)
    target = Target(parsed, dialect, ops, connect(parsed))
    ops.set_wait(target.conn, wait)
    return target


# ---------------------------------------------------------------- history vs folder


def failed_rows(rows: Sequence[HistoryRow]) -> list[HistoryRow]:
    return [r for r in rows if r.failed]


def modified(rows: Sequence[HistoryRow], migrations: Sequence[MigrationDir]) -> list[tuple[MigrationDir, HistoryRow]]:
    """Applied migrations whose `migration.sql` no longer has the recorded checksum."""
    by_name = {m.name: m for m in migrations}
    out = []
    for r in rows:
        m = by_name.get(r.migration_name)
        if m is not None and r.applied and not m.matches(r.checksum):
            out.append((m, r))
    return out


def pending(rows: Sequence[HistoryRow], migrations: Sequence[MigrationDir]) -> list[MigrationDir]:
    """Migrations with no row that is applied or failed (rolled-back rows are ignored), in order."""
    recorded = {r.migration_name for r in rows if not r.rolled_back}
    return [m for m in migrations if m.name not in recorded]


def refuse_failed(rows: Sequence[HistoryRow]) -> None:
    failed = failed_rows(rows)
    if not failed:
        return
    r = failed[0]
    started = f"{r.started_at:%Y-%m-%d %H:%M:%S} UTC" if r.started_at else "an unknown time"
    if r.logs:
        why = "failed:\n" + indent(r.logs.strip())
    else:
        why = "never finished (the process applying it stopped: it was killed or lost its connection)."
    raise FailedMigrationError(
        f"The migration `{r.migration_name}` started at {started} {why}\n"
        "New migrations cannot be applied until it is resolved.",
        hint=resolve_hint(r.migration_name),
    )


def resolve_hint(name: str) -> str:
    return (
        f"A migration runs in one transaction (unless its migration.toml says otherwise), so a failure "
        f"leaves none of its changes behind: fix the migration or the data, then run "
        f"`midair migrate resolve --rolled-back {name}` and "
        f"deploy again. If you completed its changes by hand, run "
        f"`midair migrate resolve --applied {name}` instead."
    )


def refuse_modified(rows: Sequence[HistoryRow], migrations: Sequence[MigrationDir]) -> None:
    changed = modified(rows, migrations)
    if not changed:
        return
    lines = [
        f"  - `{m.name}`: recorded checksum {r.checksum}, the file's checksum is now {m.checksum}"
        for m, r in changed
    ]
    n = len(changed)
    raise ChecksumMismatchError(
        f"{n} applied migration{'s were' if n > 1 else ' was'} edited after being applied:\n" + "\n".join(lines),
        hint="Restore the applied file(s) from version control and put the change in a new migration.",
    )


def indent(text: str) -> str:
    return "\n".join("    " + line for line in text.splitlines())


# ---------------------------------------------------------------- checks and backups (other stages)


def data_checks(target: Target, migrations: Sequence[MigrationDir]) -> CheckOutcome:
    """Run `midair.checks` over the pending migrations' SQL against the target's current data.

    The scripts are read as one run (so a table created by an earlier pending migration is known to
    be empty when a later one changes it); each finding names its migration (`Finding.source`) and
    its line in that migration's file."""
    if not migrations:
        return CheckOutcome()
    try:
        from midair.checks import evaluate, migrations_checks
        from midair.introspect import introspect
    except ImportError:
        return CheckOutcome()

    def owner(finding: Any) -> str:
        return finding.source or (migrations[0].name if len(migrations) == 1 else "pending migrations")

    try:
        checks = migrations_checks(
            [(m.name, m.sql) for m in migrations], introspect(target.conn), target.dialect.name,
            written_first=_backfilled_first(migrations),
        )
        if not checks:
            return CheckOutcome(ran=True)
        report = evaluate(checks, target.conn)
    except MidairError:
        raise
    except Exception as e:  # a bug in the checks must not stop a deploy that is otherwise fine
        return CheckOutcome(note=f"The data checks could not run ({type(e).__name__}: {redact(str(e))}); deploying without them.")
    return CheckOutcome(
        tuple((owner(f), str(f)) for f in report.warnings),
        tuple((owner(f), str(f)) for f in report.unexecutable),
        True,
    )


def _backfilled_first(migrations: Sequence[MigrationDir]) -> dict[str, tuple[str, str]]:
    """The backfill phases among `migrations`: each runs its [backfill] batches before its own SQL
    (a type change's NOT NULL proof on the filled column), so that SQL's data checks cannot be
    counted on the rows as they are before the deploy."""
    out: dict[str, tuple[str, str]] = {}
    for m in migrations:
        settings = _settings(m)
        if settings is None or settings.phase != "backfill":
            continue
        from midair.expand_contract.phases import backfill_source

        source = backfill_source(m.path, settings)
        if source is not None and source[1].backfill is not None:
            out[m.name] = (source[1].backfill.table, f"its backfill (the [backfill] of `{source[0]}`, run before its SQL)")
    return out


def take_backup(url: DatabaseUrl, mode: str, *, destructive: bool, directory: Path, reason: str) -> Path | None:
    """The automatic backup before a destructive deploy (`mode`: auto, always, never)."""
    if mode not in BACKUP_MODES:
        raise ConfigError(f"Unknown backup mode `{mode}`.", hint="Use --backup auto, always or never.")
    if mode == "never" or (mode == "auto" and not destructive):
        return None
    try:
        from midair.backup import auto_backup
    except ImportError:
        if mode == "always":
            raise ConfigError("Backups are not available in this installation.", hint="Use --backup never.") from None
        return None
    result = auto_backup(url, reason=reason, directory=directory, keep=5)  # parsed: keeps base_dir
    return Path(result.path)


def _settings(migration: MigrationDir) -> Any:
    """The migration's `migration.toml` settings (zero-downtime work), or None."""
    try:
        from midair.migrations.settings import MigrationSettings
    except ImportError:
        return None
    return MigrationSettings.load(migration.path)


def transactional_for(target: Target, migration: MigrationDir) -> bool:
    settings = _settings(migration)
    return bool(target.dialect.transactional_ddl) and (settings is None or settings.transactional)


# ---------------------------------------------------------------- applying


def error_text(error: BaseException, sql: str) -> tuple[str, str | None]:
    """The database's message (redacted) with the failing line of the script, and its code."""
    message = redact(str(error)).strip()
    code = getattr(error, "sqlstate", None)
    diag = getattr(error, "diag", None)
    position = getattr(diag, "statement_position", None) if diag is not None else None
    if position and str(position).isdigit():
        offset = int(position) - 1
        line_no = sql.count("\n", 0, offset) + 1
        line = sql.splitlines()[line_no - 1] if sql.splitlines() else ""
        message += f"\n\nPosition: line {line_no} of migration.sql\n{line_no:>4} | {line}"
    return message, code


def apply_one(target: Target, history: History, migration: MigrationDir, report: Report = _quiet) -> None:
    """Run one migration and record it; on failure record the error in `logs` and raise.

    A migration whose `migration.toml` asks for lock timeouts, retries, safe forms or a phase goes
    through the zero-downtime executor; its history update then follows in its own statement."""
    settings = _settings(migration)
    if settings is not None and settings.needs_executor:
        from midair.expand_contract.executor import preflight

        # Refusals (unfilled template, contract before its backfill/rollout) before anything is
        # recorded, so a refused migration is not left as a failed one in the history.
        preflight(target.conn, migration.path, settings)
    row_id = history.record_started(migration.name, migration.checksum)
    try:
        if settings is not None and settings.needs_executor:
            from midair.expand_contract.executor import apply_migration

            apply_migration(target.conn, migration.path, migration.sql, settings, log=report)
            history.record_finished(row_id)
        else:
            target.ops.run_script(
                target.conn,
                migration.sql,
                transactional=transactional_for(target, migration),
                finish=lambda: history.record_finished(row_id),
            )
    except Exception as e:  # a database error from any driver
        message, code = error_text(e, migration.sql)
        logs = f"Migration `{migration.name}` failed to apply.\n\n"
        if code:
            logs += f"Database error code: {code}\n\n"
        logs += f"Database error:\n{message}\n"
        try:
            history.record_failed(row_id, logs)
        except Exception:
            pass  # the connection itself is gone; the row stays failed without logs
        raise MigrationError(
            f"The migration `{migration.name}` failed to apply; nothing after it ran.\n\n"
            + (f"Database error code: {code}\n" if code else "")
            + f"Database error:\n{indent(message)}",
            hint=resolve_hint(migration.name),
            code="M3018",
        ) from None


def deploy(
    url: str | DatabaseUrl,
    migrations_dir: Path | str,
    *,
    lock_timeout: float = DEFAULT_LOCK_TIMEOUT,
    backup: str = "auto",
    backup_dir: Path | None = None,
    checks: bool = True,
    verify_checksums: bool = True,
    report: Report = _quiet,
    base_dir: Path | None = None,
) -> DeployResult:
    """Apply every pending migration in `migrations_dir` to the database at `url`.

    Raises `FailedMigrationError`, `ChecksumMismatchError`, `UnsafeChangeError` (unexecutable steps,
    nothing ran), `MigrationError` (a migration failed: recorded in `logs`), `LockTimeout`."""
    migrations_dir = Path(migrations_dir)
    target = open_target(url, base_dir=base_dir, wait=lock_timeout)
    try:
        with target.ops.busy_as_timeout(target.conn, lock_timeout):
            return _deploy(target, migrations_dir, lock_timeout, backup, backup_dir, checks, verify_checksums, report)
    finally:
        target.close()


def _deploy(
    target: Target,
    migrations_dir: Path,
    lock_timeout: float,
    backup: str,
    backup_dir: Path | None,
    checks: bool,
    verify_checksums: bool,
    report: Report,
) -> DeployResult:
    check_lock(migrations_dir, target.dialect.name)
    migrations = list_migrations(migrations_dir)
    history = History(target.conn, target.ops)

    # Pre-flight, without the lock (a backup on SQLite could not read the locked file). A row
    # without finished_at may belong to a deployer running right now: failures are judged
    # under the lock only.
    rows = history.rows()
    if verify_checksums:
        refuse_modified(rows, migrations)
    todo = pending(rows, migrations)
    outcome = data_checks(target, todo) if checks else CheckOutcome()
    if outcome.note:
        report(outcome.note)
    for name, message in outcome.warnings:
        report(f"Warning ({name}): {message}")
    if outcome.unexecutable:
        raise UnsafeChangeError(
            "Nothing was applied: these steps cannot run against the data in the database:\n"
            + "\n".join(f"  - {name}: {msg}" for name, msg in outcome.unexecutable),
            hint="Fix the data or the migration, then deploy again.",
        )
    backup_path = None
    if todo:
        backup_path = take_backup(
            target.url,
            backup,
            destructive=bool(outcome.warnings),
            directory=backup_dir or migrations_dir.parent / ".midair" / "backups",
            reason=f"before migrate deploy of {', '.join(m.name for m in todo)}",
        )
        if backup_path:
            report(f"Backup saved to {backup_path}")

    with target.ops.database_lock(target.conn, lock_timeout):
        rows = history.rows()
        refuse_failed(rows)
        if verify_checksums:
            refuse_modified(rows, migrations)
        todo = pending(rows, migrations)
        if todo and not history.exists() and target.ops.user_tables(target.conn):
            tables = target.ops.user_tables(target.conn)
            raise MigrationError(
                f"The database is not empty ({len(tables)} table(s), e.g. `{tables[0]}`) and has no "
                "migration history, so midair cannot tell which migrations it already holds.",
                hint="Baseline it: `midair migrate resolve --applied <migration>` for each migration "
                "the database already reflects, then deploy.",
                code="M3005",
            )
        history.ensure()
        applied: list[str] = []
        for m in todo:
            report(f"Applying migration `{m.name}`")
            apply_one(target, history, m, report)
            applied.append(m.name)
    return DeployResult(
        tuple(applied),
        len(migrations) - len(todo),
        backup_path,
        tuple(f"{n}: {w}" for n, w in outcome.warnings),
    )


def resolve(
    url: str | DatabaseUrl,
    migrations_dir: Path | str,
    *,
    applied: str | None = None,
    rolled_back: str | None = None,
    lock_timeout: float = DEFAULT_LOCK_TIMEOUT,
    base_dir: Path | None = None,
) -> str:
    """Prisma's `migrate resolve`: mark a failed migration rolled back, or a migration applied
    (a failed one, or one the database already reflects: baselining). Returns a sentence saying
    what was recorded."""
    if (applied is None) == (rolled_back is None):
        raise ConfigError("Pass exactly one of --applied NAME or --rolled-back NAME.")
    name = (applied or rolled_back or "").strip().rstrip("/")
    migrations_dir = Path(migrations_dir)
    target = open_target(url, base_dir=base_dir)
    try:
        migrations = {m.name: m for m in list_migrations(migrations_dir)}
        with target.ops.database_lock(target.conn, lock_timeout):
            history = History(target.conn, target.ops)
            history.ensure()
            rows = [r for r in history.rows() if r.migration_name == name]
            if rolled_back is not None:
                if not any(r.failed for r in rows):
                    state = "applied" if any(r.applied for r in rows) else "not applied"
                    raise MigrationError(
                        f"The migration `{name}` cannot be marked rolled back: it is {state}, not failed.",
                        hint="`migrate resolve --rolled-back` is only for failed migrations (see `midair migrate status`).",
                        code="M3011",
                    )
                history.mark_rolled_back(name)
                return f"Migration `{name}` marked as rolled back; `migrate deploy` will apply it again."
            if name not in migrations:
                raise MigrationError(
                    f"There is no migration `{name}` in `{migrations_dir}`.",
                    hint="Use the folder name, for example 20250314114715_add_is_public.",
                    code="M3017",
                )
            if any(r.applied for r in rows):
                raise MigrationError(f"The migration `{name}` is already recorded as applied.", code="M3008")
            history.mark_rolled_back(name)
            history.mark_applied(name, migrations[name].checksum)
            return f"Migration `{name}` marked as applied."
    finally:
        target.close()


def reset(
    url: str | DatabaseUrl,
    migrations_dir: Path | str,
    *,
    lock_timeout: float = DEFAULT_LOCK_TIMEOUT,
    report: Report = _quiet,
    base_dir: Path | None = None,
) -> DeployResult:
    """Drop everything in the database (PostgreSQL: its schema; SQLite: every object), then apply
    every migration. The caller asks for consent; this function does not."""
    target = open_target(url, base_dir=base_dir)
    try:
        check_lock(Path(migrations_dir), target.dialect.name)
        with target.ops.database_lock(target.conn, lock_timeout):
            target.ops.reset(target.conn)
            History(target.conn, target.ops).drop()
    finally:
        target.close()
    report("Database reset: every table and its data was dropped.")
    return deploy(
        url, migrations_dir, lock_timeout=lock_timeout, backup="never", checks=False, report=report, base_dir=base_dir
    )


def empty_database(target: Target) -> None:
    """Drop every object (used by `migrate dev` resets and shadow preparation)."""
    target.ops.reset(target.conn)
    History(target.conn, target.ops).drop()


def connection_for(url: str | DatabaseUrl, *, base_dir: Path | None = None) -> Connection:
    return open_target(url, base_dir=base_dir).conn


def dialect_of(url: str | DatabaseUrl, *, base_dir: Path | None = None) -> Dialect:
    parsed = url if isinstance(url, DatabaseUrl) else parse_url(url, base_dir=base_dir)
    return get_dialect(parsed.provider)
