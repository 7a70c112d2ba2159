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


APPLIED_ATTR = "midair_applied_phases"


def mark_applied(connection: Any, name: str) -> None:
    """Remember on the connection (one deploy) that the expand/backfill `name` ran through it."""
    applied = getattr(connection, APPLIED_ATTR, None)
    if applied is None:
        applied = set()
        setattr(connection, APPLIED_ATTR, applied)
    applied.add(name)


def _earlier_phases(folder: Path, table: str | None) -> list[str]:
    """Names of the expand and backfill migrations before `folder` (same table when known),
    back to the previous contract."""
    out = []
    for sib in sorted((p for p in folder.parent.iterdir() if p.is_dir() and p.name < folder.name), key=lambda p: p.name, reverse=True):
        s = MigrationSettings.load(sib)
        if s.phase == "contract":
            break
        if s.phase in ("expand", "backfill"):
            t = s.sync.table if s.sync else (s.backfill.table if s.backfill else None)
            if table is None or t is None or t == table:
                out.append(sib.name)
    return out


def check_deployable(connection: Any, folder: Path | str, settings: MigrationSettings | None = None) -> None:
    """Raise `UnsafeChangeError` when `folder` is a contract that may not run now: its backfill
    is not complete (rows left behind), or — unless ``wait_for_rollout = false`` — its expand or
    backfill ran in this same deploy, so the old app version may still be running."""
    folder = Path(folder)
    settings = settings if settings is not None else MigrationSettings.load(folder)
    if settings.phase != "contract":
        return
    _check_backfill_complete(connection, folder, settings)
    if settings.wait_for_rollout:
        _check_rollout(connection, folder, settings)


def _check_rollout(connection: Any, folder: Path, settings: MigrationSettings) -> None:
    table = settings.sync.table if settings.sync else None
    same_run = [n for n in _earlier_phases(folder, table) if n in getattr(connection, APPLIED_ATTR, set())]
    if same_run:
        raise UnsafeChangeError(
            f"The contract `{folder.name}` waits for the app rollout: {', '.join(f'`{n}`' for n in sorted(same_run))} "
            "ran in this same deploy, and the running app may still use what the contract drops.",
            hint="Roll out the app version that uses only the new columns, then deploy again "
            "(or set `wait_for_rollout = false` in its migration.toml).",
        )


def _check_backfill_complete(connection: Any, folder: Path, settings: MigrationSettings) -> None:
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
                + (f" ({_counts(state)} so far)." if state else " (not started)."),
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


def _counts(prog: Any) -> str:
    rows, batches = prog.rows_updated, prog.batches
    return f"{rows} row{'s' if rows != 1 else ''} in {batches} batch{'es' if batches != 1 else ''}"


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
                later = any(
                    MigrationSettings.load(o.path).phase == "backfill" for o in list_migrations(Path(migrations_dir)) if o.name > m.name
                )
                if s.backfill is not None and not later:
                    # Its backfill is run by hand (`midair backfill <folder>`): say where it stands.
                    prog = read_progress(connection, m.name)
                    detail += "; backfill " + (
                        "not started" if prog is None
                        else f"complete ({_counts(prog)})" if prog.finished
                        else f"{_counts(prog)} so far (resumable)"
                    )
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
                state, detail = "complete", f"updated {_counts(prog)}"
            else:
                state, detail = "running", f"{_counts(prog)} so far (resumable)"
        else:
            if is_applied:
                state, detail = "applied", "old columns dropped"
            else:
                try:
                    _check_backfill_complete(connection, m.path, s)
                    state, detail = "ready", "backfill complete: no row left behind; deploy after the app rollout"
                except UnsafeChangeError as e:
                    state, detail = "blocked", e.message
        out.append(PhaseStatus(m.name, s.phase, is_applied, state, detail))
    return out


__all__ = ["PhaseStatus", "backfill_source", "check_deployable", "mark_applied", "status"]
