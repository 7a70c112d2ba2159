"""`migrate status`: how the database's history compares with the migrations folder.

Read-only. Categories (a migration is in exactly one of the first five):

- applied: recorded as finished, file unchanged;
- modified: recorded as finished, but the file changed since (recorded and current checksums);
- failed: started and never finished (an error, or the process was killed), not resolved;
- pending: in the folder, not in the history;
- missing: in the history, no longer in the folder;
- drift: the database differs from what its applied migrations build (checked on a shadow database
  when one can be made, and only when no migration is pending, failed or modified).

Exit codes: 0 clean; 2 pending, missing or drift; 1 failed or modified.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from midair.errors import EXIT_CHANGES, EXIT_ERROR, EXIT_OK, MidairError
from midair.migrations.apply import DEFAULT_LOCK_TIMEOUT, failed_rows, modified, open_target, pending, resolve_hint
from midair.migrations.folder import check_lock, list_migrations
from midair.migrations.history import History
from midair.urls import DatabaseUrl, redact


@dataclass(frozen=True, slots=True)
class FailedMigration:
    name: str
    started_at: str | None
    logs: str | None


@dataclass(frozen=True, slots=True)
class ModifiedMigration:
    name: str
    recorded_checksum: str
    current_checksum: str


@dataclass(frozen=True, slots=True)
class Status:
    """The state of a database's migrations (see the module docstring for the categories)."""

    database: str
    migrations_dir: str
    history_table: bool
    applied: tuple[str, ...] = ()
    pending: tuple[str, ...] = ()
    failed: tuple[FailedMigration, ...] = ()
    in_progress: tuple[str, ...] = ()
    modified: tuple[ModifiedMigration, ...] = ()
    missing: tuple[str, ...] = ()
    drift: tuple[str, ...] = ()
    drift_checked: bool = False
    drift_note: str | None = None
    unmanaged_tables: tuple[str, ...] = field(default=())
    phases: tuple[Any, ...] = field(default=())  # expand_contract.phases.PhaseStatus, one per phased migration

    @property
    def exit_code(self) -> int:
        if self.failed or self.modified:
            return EXIT_ERROR
        if self.pending or self.missing or self.drift or self.in_progress:
            return EXIT_CHANGES
        return EXIT_OK

    @property
    def clean(self) -> bool:
        return self.exit_code == EXIT_OK

    def to_dict(self) -> dict[str, Any]:
        return {
            "database": self.database,
            "migrationsDir": self.migrations_dir,
            "historyTable": self.history_table,
            "applied": list(self.applied),
            "pending": list(self.pending),
            "failed": [{"name": f.name, "startedAt": f.started_at, "logs": f.logs} for f in self.failed],
            "inProgress": list(self.in_progress),
            "modified": [
                {"name": m.name, "recordedChecksum": m.recorded_checksum, "currentChecksum": m.current_checksum}
                for m in self.modified
            ],
            "missing": list(self.missing),
            "drift": list(self.drift),
            "driftChecked": self.drift_checked,
            "driftNote": self.drift_note,
            "clean": self.clean,
            "exitCode": self.exit_code,
        } | ({"phases": [p.to_json() for p in self.phases]} if self.phases else {})

    def lines(self) -> list[str]:
        """The human report."""
        out = [f"Database: {self.database}", f"Migrations: {self.migrations_dir}"]
        total = len(self.applied) + len(self.modified)
        out.append(f"{total} migration(s) applied, {len(self.pending)} pending.")
        if self.unmanaged_tables and not self.history_table:
            out.append(
                f"The database has {len(self.unmanaged_tables)} table(s) but no migration history: "
                "baseline it with `midair migrate resolve --applied <migration>`."
            )
        for f in self.failed:
            when = f" (started {f.started_at})" if f.started_at else ""
            how = f"failed: {f.logs.strip().splitlines()[-1]}" if f.logs else "started but never finished (the process was killed or lost its connection)"
            out.append(f"Failed: `{f.name}`{when} {how}")
            out.append("  " + resolve_hint(f.name))
        for name in self.in_progress:
            out.append(f"Being applied right now by another deploy: `{name}`")
        for m in self.modified:
            out.append(
                f"Modified after being applied: `{m.name}` (recorded checksum {m.recorded_checksum}, "
                f"file now {m.current_checksum})"
            )
        if self.pending:
            out.append("Pending (run `midair migrate deploy`):")
            out += [f"  - {n}" for n in self.pending]
        if self.missing:
            out.append("Applied to the database but missing from the migrations folder:")
            out += [f"  - {n}" for n in self.missing]
        if self.drift:
            out.append("Drift: the database differs from what its migrations build:")
            out += [f"  - {line}" for line in self.drift]
        elif self.drift_note:
            out.append(self.drift_note)
        if self.phases:
            out.append("Expand/contract:")
            out += [f"  - {p.migration} ({p.phase}): {p.state}, {p.detail}" for p in self.phases]
        if self.clean:
            out.append("Database schema is up to date.")
        return out


def status(
    url: str | DatabaseUrl,
    migrations_dir: Path | str,
    *,
    check_drift: bool = True,
    shadow_url: str | None = None,
    base_dir: Path | None = None,
) -> Status:
    """Compare the database at `url` with `migrations_dir` (read-only)."""
    migrations_dir = Path(migrations_dir)
    target = open_target(url, base_dir=base_dir)
    try:
        with target.ops.busy_as_timeout(target.conn, DEFAULT_LOCK_TIMEOUT):
            return _status(target, migrations_dir, check_drift, shadow_url, base_dir)
    finally:
        target.close()


def _status(target: Any, migrations_dir: Path, check_drift: bool, shadow_url: str | None, base_dir: Path | None) -> Status:
    check_lock(migrations_dir, target.dialect.name)
    migrations = list_migrations(migrations_dir)
    history = History(target.conn, target.ops)
    exists = history.exists()
    rows = history.rows()
    changed = modified(rows, migrations)
    changed_names = {m.name for m, _ in changed}
    failed = failed_rows(rows)
    running: list[str] = []
    if failed and any(r.logs is None for r in failed) and target.ops.lock_held_elsewhere(target.conn):
        # Unfinished rows without logs while someone holds the deploy lock: in progress.
        running = [r.migration_name for r in failed if r.logs is None]
        failed = [r for r in failed if r.logs is not None]
    folder_names = {m.name for m in migrations}
    applied = [
        m.name for m in migrations if m.name not in changed_names and any(r.applied and r.migration_name == m.name for r in rows)
    ]
    missing = sorted({r.migration_name for r in rows if r.applied and r.migration_name not in folder_names})
    todo = [m.name for m in pending(rows, migrations)]
    unmanaged = tuple(target.ops.user_tables(target.conn)) if not exists else ()
    drift: tuple[str, ...] = ()
    checked = False
    note = None
    if check_drift and not (todo or failed or changed or missing or running) and migrations:
        try:
            drift, checked = _drift(target, [m for m in migrations if m.name in set(applied)], shadow_url, base_dir)
        except MidairError as e:
            note = f"Drift not checked: {redact(e.message).splitlines()[0]}"
        except ImportError:
            note = "Drift not checked: the schema engine is not installed."
    from midair.expand_contract.phases import status as phase_status

    phases = tuple(phase_status(target.conn, migrations_dir))
    return Status(
        database=target.url.redacted,
        migrations_dir=str(migrations_dir),
        history_table=exists,
        applied=tuple(applied),
        pending=tuple(todo),
        failed=tuple(
            FailedMigration(r.migration_name, f"{r.started_at:%Y-%m-%d %H:%M:%S} UTC" if r.started_at else None, r.logs)
            for r in failed
        ),
        in_progress=tuple(running),
        modified=tuple(ModifiedMigration(m.name, r.checksum, m.checksum) for m, r in changed),
        missing=tuple(missing),
        drift=drift,
        drift_checked=checked,
        drift_note=note,
        unmanaged_tables=unmanaged,
        phases=phases,
    )


def _drift(target: Any, applied: list[Any], shadow_url: str | None, base_dir: Path | None) -> tuple[tuple[str, ...], bool]:
    from midair.introspect import introspect
    from midair.migrations.drift import detect
    from midair.migrations.shadow import replay_migrations

    expected = replay_migrations(applied, target.dialect.name, url=target.url.raw, shadow_url=shadow_url, base_dir=base_dir)
    actual = introspect(target.conn)
    found = detect(expected, actual, target.dialect.name)
    return found.lines, True
