"""Where each expand/contract stands, and whether a contract may run.

Phases are recorded in each migration folder's `migration.toml` (``phase = "expand" | "backfill" |
"contract"``); what happened is in the database: `_prisma_migrations` (applied or not) and
`_midair_backfill` (batches done, finished or not). Nothing else is stored.

A contract is deployable only when its backfill left no row behind: the rows still to do are
counted with the backfill's own condition (a new column NULL while its expression over the old
columns is not), so the check is about the data, not about a flag someone could forget to set.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from midair.errors import UnsafeChangeError
from midair.expand_contract.backfill import BackfillJob, read_progress, remaining_rows
from midair.migrations.settings import MigrationSettings


@dataclass(frozen=True, slots=True)
class PhaseStatus:
    """One phased migration: its `phase`, whether it is applied, and what is still to do."""

    migration: str
    phase: str
    applied: bool
    state: str  # "applied", "pending", "ready", "blocked", "running", "complete"
    detail: str

    def to_json(self) -> dict[str, Any]:
        return {"migration": self.migration, "phase": self.phase, "applied": self.applied, "state": self.state, "detail": self.detail}


def backfill_source(folder: Path, settings: MigrationSettings) -> tuple[str, MigrationSettings] | None:
    """The migration whose [backfill] a backfill or contract phase runs or depends on: its own,
    else the latest earlier sibling with one (the expand phase of the same change). Progress in
    ``_midair_backfill`` is kept under that migration's name."""
    if settings.backfill is not None:
        return folder.name, settings
    siblings = sorted((p for p in folder.parent.iterdir() if p.is_dir() and p.name < folder.name), key=lambda p: p.name, reverse=True)
    table = settings.sync.table if settings.sync else None
    for sib in siblings:
        other = MigrationSettings.load(sib)
        if other.backfill is not None and (table is None or other.backfill.table == table):
            return sib.name, other
    return None


def check_deployable(connection: Any, folder: Path | str, settings: MigrationSettings | None = None) -> None:
    """Raise `UnsafeChangeError` when `folder` is a contract whose backfill is not complete."""
    folder = Path(folder)
    settings = settings if settings is not None else MigrationSettings.load(folder)
    if settings.phase != "contract":
        return
    found = backfill_source(folder, settings)
    if found is None:
        return  # a contract without a backfill (e.g. dropping a column no one uses any more)
    name, source = found
    job = BackfillJob.from_settings(name, source)
    if job.sql or job.fn:
        state = read_progress(connection, name)
        if state is None or not state.finished:
            raise UnsafeChangeError(
                f"The contract `{folder.name}` is refused: the backfill `{name}` has not finished"
                + (f" ({state.rows_updated} rows in {state.batches} batches so far)." if state else " (not started)."),
                hint=f"Run `midair backfill {folder.parent / name}` to finish it, then deploy again.",
            )
        return
    if source.placeholders():
        raise UnsafeChangeError(
            f"The contract `{folder.name}` is refused: the backfill `{name}` still has template expressions to fill in.",
            hint=f"Fill in {folder.parent / name / 'migration.toml'}, deploy, run the backfill, then the contract.",
        )
    try:
        left = remaining_rows(connection, job)
    except Exception as e:  # noqa: BLE001 - a missing column means the expand is not applied
        raise UnsafeChangeError(
            f"The contract `{folder.name}` is refused: cannot count the rows left by the backfill `{name}` "
            f"({str(e).strip().splitlines()[0]}).",
            hint="Deploy the expand and backfill phases first.",
        ) from None
    if left:
        raise UnsafeChangeError(
            f"The contract `{folder.name}` is refused: {left} row{'s' if left != 1 else ''} of `{job.table}` "
            f"still need the backfill `{name}`.",
            hint=f"Run `midair backfill {folder.parent / name}` (it resumes where it stopped), then deploy again.",
        )


def _applied(connection: Any) -> set[str]:
    try:
        rows = connection.query(
            "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL"
        )
    except Exception:  # noqa: BLE001 - no history table yet: nothing applied
        _rollback_if_needed(connection)
        return set()
    return {r[0] for r in rows}


def _rollback_if_needed(connection: Any) -> None:
    raw = getattr(connection, "raw", None)
    try:
        if raw is not None and getattr(raw, "info", None) is not None and raw.info.transaction_status != 0:
            raw.rollback()
    except Exception:  # noqa: BLE001
        pass


def status(connection: Any, migrations_dir: Path | str) -> list[PhaseStatus]:
    """One line per phased migration of `migrations_dir`, oldest first."""
    from midair.migrations.folder import list_migrations

    applied = _applied(connection)
    out: list[PhaseStatus] = []
    for m in list_migrations(Path(migrations_dir)):
        s = MigrationSettings.load(m.path)
        if s.phase is None:
            continue
        is_applied = m.name in applied
        if s.phase == "expand":
            missing = s.placeholders()
            if is_applied:
                state, detail = "applied", "dual-write triggers installed" if s.sync else "applied"
            elif missing:
                state, detail = "blocked", f"fill in {', '.join(missing)} in migration.toml"
            else:
                state, detail = "pending", "ready to deploy"
        elif s.phase == "backfill":
            source = backfill_source(m.path, s)
            prog = read_progress(connection, source[0] if source else m.name)
            if prog is None:
                state, detail = ("applied" if is_applied else "pending"), "not started"
            elif prog.finished:
                state, detail = "complete", f"updated {prog.rows_updated} rows in {prog.batches} batches"
            else:
                state, detail = "running", f"{prog.rows_updated} rows in {prog.batches} batches so far (resumable)"
        else:
            if is_applied:
                state, detail = "applied", "old columns dropped"
            else:
                try:
                    check_deployable(connection, m.path, s)
                    state, detail = "ready", "backfill complete: no row left behind"
                except UnsafeChangeError as e:
                    state, detail = "blocked", e.message
        out.append(PhaseStatus(m.name, s.phase, is_applied, state, detail))
    return out


__all__ = ["PhaseStatus", "backfill_source", "check_deployable", "status"]
