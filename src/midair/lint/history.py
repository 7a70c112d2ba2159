"""What the earlier migrations of a history established, carried forward while linting it in order.

A migrations folder is a history: a statement is safe or not depending on what ran before it,
possibly in another migration. `History` keeps the facts the rules need:

- validated ``CHECK (col IS NOT NULL)`` constraints per column (PostgreSQL 12+ then skips the
  scan of ``SET NOT NULL``), with NOT VALID ones waiting for their ``VALIDATE`` (even in a later
  migration); dropping the constraint, the column or the table forgets the fact, renaming the
  column or the table carries it (a constraint follows its column);
- the tables that cannot hold rows yet: created by the migration being linted, or — when it is
  known which migrations the target database has applied — by a pending migration before it in
  the same deploy (a contract that waits for the app rollout ends that deploy);
- the indexes built, and whether concurrently; on SQLite, the columns of the tables it created;
- the phases (`migration.toml`) of the earlier migrations, so a contract's drops and renames can
  be matched with the expand and backfill that prepared them (`planned_drop`, `planned_rename`).

Nothing here reads a database: whether a backfill is complete is for `migrate deploy` to check
(it refuses the contract while a row is left behind); lint says that in its reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from midair.migrations.settings import MigrationSettings


@dataclass(frozen=True, slots=True)
class PhaseRecord:
    """An earlier migration of the history that declared a phase."""

    migration: str
    phase: str
    settings: MigrationSettings


@dataclass(frozen=True, slots=True)
class IndexFact:
    table: str | None
    concurrently: bool


@dataclass(slots=True)
class History:
    """The facts established so far (see the module docstring). `applied`: the names of the
    migrations the target database has applied, or None when unknown (then every earlier
    migration is taken as applied: its tables may hold rows)."""

    applied: frozenset[str] | None = None
    not_null_checks: dict[tuple[str, str], set[str]] = field(default_factory=dict)
    unvalidated_checks: dict[tuple[str, str], str] = field(default_factory=dict)  # (table, name) → column
    indexes: dict[str, IndexFact] = field(default_factory=dict)
    pending_tables: set[str] = field(default_factory=set)
    # The columns of the tables the history created, kept by the SQLite rules (`sqlite.py`: what
    # a table rebuild leaves behind).
    columns: dict[str, list[str]] = field(default_factory=dict)
    phases: list[PhaseRecord] = field(default_factory=list)
    # The migration being linted.
    migration: str = ""
    settings: MigrationSettings = field(default_factory=MigrationSettings)
    created_here: set[str] = field(default_factory=set)
    dropped_here: set[tuple[str, str]] = field(default_factory=set)

    # ---------------------------------------------------------------- migrations

    def begin(self, migration: str, settings: MigrationSettings) -> None:
        self.migration, self.settings = migration, settings
        self.created_here, self.dropped_here = set(), set()
        if settings.phase == "contract" and settings.wait_for_rollout:
            # The deploy stops before this contract until the app rollout: tables created by
            # the pending migrations before it may have rows by the time it runs.
            self.pending_tables.clear()

    def end(self) -> None:
        if self.applied is not None and self.migration and self.migration not in self.applied:
            self.pending_tables |= self.created_here
        if self.settings.phase:
            self.phases.append(PhaseRecord(self.migration, self.settings.phase, self.settings))
        self.migration, self.settings = "", MigrationSettings()
        self.created_here, self.dropped_here = set(), set()

    def has_no_rows(self, table: str | None) -> bool:
        """True when `table` cannot hold rows when this statement runs (see the module docstring)."""
        return table is not None and (table in self.created_here or table in self.pending_tables)

    # ---------------------------------------------------------------- tables and columns

    def create_table(self, table: str) -> None:
        self.created_here.add(table)

    def drop_table(self, table: str) -> None:
        self.created_here.discard(table)
        self.pending_tables.discard(table)
        self._forget(lambda t, c: t == table)

    def rename_table(self, old: str, new: str) -> None:
        for tables in (self.created_here, self.pending_tables):
            if old in tables:
                tables.discard(old)
                tables.add(new)
        self.not_null_checks = {(new if t == old else t, c): n for (t, c), n in self.not_null_checks.items()}
        self.unvalidated_checks = {(new if t == old else t, n): c for (t, n), c in self.unvalidated_checks.items()}
        self.indexes = {n: IndexFact(new, f.concurrently) if f.table == old else f for n, f in self.indexes.items()}

    def drop_column(self, table: str, column: str) -> None:
        self.dropped_here.add((table, column))
        self._forget(lambda t, c: (t, c) == (table, column))

    def rename_column(self, table: str, old: str, new: str) -> None:
        self.not_null_checks = {(t, new if (t, c) == (table, old) else c): n for (t, c), n in self.not_null_checks.items()}
        self.unvalidated_checks = {k: (new if (k[0], c) == (table, old) else c) for k, c in self.unvalidated_checks.items()}

    def _forget(self, matches) -> None:  # type: ignore[no-untyped-def]
        self.not_null_checks = {k: v for k, v in self.not_null_checks.items() if not matches(*k)}
        self.unvalidated_checks = {k: c for k, c in self.unvalidated_checks.items() if not matches(k[0], c)}

    # ---------------------------------------------------------------- NOT NULL proofs

    def add_not_null_check(self, table: str, column: str, name: str | None, *, validated: bool) -> None:
        if validated:
            self.not_null_checks.setdefault((table, column), set()).add(name or "")
        elif name:
            self.unvalidated_checks[(table, name)] = column

    def validate(self, table: str, name: str) -> None:
        column = self.unvalidated_checks.pop((table, name), None)
        if column is not None:
            self.not_null_checks.setdefault((table, column), set()).add(name)

    def drop_constraint(self, table: str, name: str) -> None:
        self.unvalidated_checks.pop((table, name), None)
        for key in [k for k, names in self.not_null_checks.items() if k[0] == table and name in names]:
            self.not_null_checks[key].discard(name)
            if not self.not_null_checks[key]:
                del self.not_null_checks[key]

    def not_null_proven(self, table: str, column: str) -> str | None:
        """The name of a validated ``CHECK (column IS NOT NULL)`` on `table`, if there is one."""
        names = self.not_null_checks.get((table, column))
        return sorted(names)[0] if names else None

    # ---------------------------------------------------------------- indexes

    def build_index(self, name: str | None, table: str | None, *, concurrently: bool) -> None:
        if name:
            self.indexes[name] = IndexFact(table, concurrently)

    def rename_index(self, old: str, new: str) -> None:
        if old in self.indexes:
            self.indexes[new] = self.indexes.pop(old)

    def drop_index(self, name: str | None) -> None:
        self.indexes.pop(name or "", None)

    # ---------------------------------------------------------------- phases

    def planned_drop(self, table: str, column: str) -> str | None:
        """Why dropping `table.column` in this contract is planned, or None when it is not a contract."""
        if self.settings.phase != "contract":
            return None
        found = self._expand_of(table, column, "old")
        if found is None:
            return (
                f'the migration is declared a contract (phase = "contract"); no expand of `{table}.{column}` comes '
                "before it in the history, so this relies on the declaration that no running app version uses it"
            )
        expand, backfill, new = found
        return (
            f"the contract of the expand `{expand}`, which replaced `{table}.{column}` by {new} with dual writes; "
            f"{backfill}; `migrate deploy` refuses this contract while a row is left behind"
            + (" and until the app rollout" if self.settings.wait_for_rollout else "")
        )

    def planned_rename(self, table: str, old: str, new: str) -> str | None:
        """Why renaming `old` to `new` in this contract is planned: the shadow column of a type
        change (``<c>__midair_new``) takes the place of the column it converts, dropped just before."""
        if self.settings.phase != "contract" or (table, new) not in self.dropped_here:
            return None
        found = self._expand_of(table, old, "new", replaces=new)
        if found is None:
            return None
        expand, backfill, _ = found
        return (
            f"the swap planned by the expand `{expand}`: the converted column `{old}`, kept equal to `{new}` by the "
            f"dual-write trigger, takes the place of `{new}` (dropped above) in the same transaction; {backfill}; "
            "`migrate deploy` refuses this contract while a row is left behind"
        )

    def _expand_of(self, table: str, column: str, role: str, replaces: str | None = None) -> tuple[str, str, str] | None:
        """(expand migration, what backfilled it, the new columns) for the latest earlier expand
        whose `[sync]` (or `[backfill]`) has `column` among its `role` ("old"/"new") columns."""
        later: list[PhaseRecord] = []
        for record in reversed(self.phases):
            s = record.settings
            if record.phase == "expand" and _covers(s, table, column, role, replaces):
                backfill = next((r.migration for r in later if r.phase == "backfill"), None)
                if backfill is not None:
                    done = f"the backfill `{backfill}` filled the rows written before it"
                elif s.backfill is not None:
                    done = "its [backfill] (`midair backfill`) filled the rows written before it"
                else:
                    return None  # no backfill: rows written before the expand were never converted
                new = s.sync.new if s.sync else tuple(c for c, _ in s.backfill.set) if s.backfill else ()
                return record.migration, done, ", ".join(f"`{c}`" for c in new) or "new columns"
            later.append(record)
        return None


def _covers(s: MigrationSettings, table: str, column: str, role: str, replaces: str | None) -> bool:
    if s.sync is not None and s.sync.table == table:
        if role == "old":
            return column in s.sync.old
        return column in s.sync.new and (replaces is None or replaces in s.sync.old)
    if s.backfill is not None and s.backfill.table == table and role == "old":
        # An expand without [sync] (written by hand, like the tennis example's): the old columns
        # are the ones its backfill expressions read.
        return any(_reads(expr, column) for _, expr in s.backfill.set) or bool(s.backfill.sql and _reads(s.backfill.sql, column))
    return False


def _reads(expr: str, column: str) -> bool:
    return re.search(r'(?<![\w"])("' + re.escape(column) + r'"|' + re.escape(column) + r')(?![\w"])', expr) is not None


def read_applied(connection: object) -> frozenset[str]:
    """The migrations `_prisma_migrations` records as applied (none when the table is missing)."""
    try:
        rows = connection.query(  # type: ignore[attr-defined]
            "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL"
        )
    except Exception:  # noqa: BLE001 - no history table: nothing applied yet
        return frozenset()
    return frozenset(r[0] for r in rows)


__all__ = ["History", "IndexFact", "PhaseRecord", "read_applied"]
