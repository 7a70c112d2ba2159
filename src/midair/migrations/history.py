"""`_prisma_migrations`: the applied-migrations history, read and written exactly as Prisma does.

A row per attempt to apply a migration (Prisma's rules, which midair keeps so that a database
Prisma migrated continues under midair and back):

- inserted *before* the script runs: new UUID4 `id`, the file's `checksum`, `started_at`, the
  `migration_name`, `applied_steps_count` 0;
- on success: `finished_at` set and `applied_steps_count` 1 (Prisma counts the script as one step);
- on failure: `logs` holds the error, `finished_at` stays NULL: the migration is *failed* and blocks
  further deploys until `migrate resolve`;
- `migrate resolve --rolled-back` sets `rolled_back_at` (the row is ignored from then on);
  `migrate resolve --applied` does that too and adds a row with `finished_at = started_at`.

The checksum is never overwritten.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import TYPE_CHECKING

from midair.migrations.dialect_ops import HISTORY_TABLE

if TYPE_CHECKING:
    from midair.dialects.base import Connection
    from midair.dialects.postgres.migrations import PostgresOps
    from midair.dialects.sqlite.migrations import SqliteOps


@dataclass(frozen=True, slots=True)
class HistoryRow:
    """One row of `_prisma_migrations`."""

    id: str
    checksum: str
    finished_at: datetime | None
    migration_name: str
    logs: str | None
    rolled_back_at: datetime | None
    started_at: datetime | None
    applied_steps_count: int

    @property
    def failed(self) -> bool:
        """Started, never finished, not rolled back (Prisma's definition of a failed migration)."""
        return self.finished_at is None and self.rolled_back_at is None

    @property
    def applied(self) -> bool:
        return self.finished_at is not None and self.rolled_back_at is None

    @property
    def rolled_back(self) -> bool:
        return self.rolled_back_at is not None


def now() -> datetime:
    return datetime.now(timezone.utc)


class History:
    """The history table of one connection."""

    def __init__(self, conn: Connection, ops: PostgresOps | SqliteOps) -> None:
        self.conn = conn
        self.ops = ops

    def exists(self) -> bool:
        return self.ops.history_exists(self.conn)

    def ensure(self) -> None:
        """Create the table with Prisma's DDL when it is missing (call under the database lock)."""
        if not self.exists():
            self.conn.execute(self.ops.history_ddl)

    def rows(self) -> list[HistoryRow]:
        """Every row, oldest attempt first (an empty list when the table does not exist)."""
        if not self.exists():
            return []
        raw = self.conn.query(
            f"SELECT id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, "
            f"applied_steps_count FROM {HISTORY_TABLE}"
        )
        t = self.ops.from_db_time
        rows = [
            HistoryRow(str(r[0]), str(r[1]), t(r[2]), str(r[3]), r[4], t(r[5]), t(r[6]), int(r[7] or 0))
            for r in raw
        ]
        epoch = datetime.min.replace(tzinfo=timezone.utc)
        return sorted(rows, key=lambda r: (r.started_at or epoch, r.migration_name))

    def record_started(self, name: str, checksum: str) -> str:
        """Insert the row for an attempt that is about to run; returns its id."""
        row_id = str(uuid.uuid4())
        p = self.ops.param
        self.conn.execute(
            f"INSERT INTO {HISTORY_TABLE} (id, checksum, started_at, migration_name, applied_steps_count) "
            f"VALUES ({p}, {p}, {p}, {p}, 0)",
            (row_id, checksum, self.ops.to_db_time(now()), name),
        )
        return row_id

    def record_finished(self, row_id: str) -> None:
        p = self.ops.param
        self.conn.execute(
            f"UPDATE {HISTORY_TABLE} SET finished_at = {p}, applied_steps_count = applied_steps_count + 1 "
            f"WHERE id = {p}",
            (self.ops.to_db_time(now()), row_id),
        )

    def record_failed(self, row_id: str, logs: str) -> None:
        p = self.ops.param
        self.conn.execute(f"UPDATE {HISTORY_TABLE} SET logs = {p} WHERE id = {p}", (logs, row_id))

    def mark_rolled_back(self, name: str) -> int:
        """Set `rolled_back_at` on the failed attempts of `name`; returns how many rows changed."""
        p = self.ops.param
        failed = [r for r in self.rows() if r.migration_name == name and r.failed]
        for r in failed:
            self.conn.execute(
                f"UPDATE {HISTORY_TABLE} SET rolled_back_at = {p} WHERE id = {p}",
                (self.ops.to_db_time(now()), r.id),
            )
        return len(failed)

    def mark_applied(self, name: str, checksum: str) -> str:
        """Record `name` as applied without running it (`resolve --applied`, baselining)."""
        row_id = str(uuid.uuid4())
        moment = self.ops.to_db_time(now())
        p = self.ops.param
        self.conn.execute(
            f"INSERT INTO {HISTORY_TABLE} (id, checksum, started_at, finished_at, migration_name, "
            f"applied_steps_count) VALUES ({p}, {p}, {p}, {p}, {p}, 0)",
            (row_id, checksum, moment, moment, name),
        )
        return row_id

    def drop(self) -> None:
        if self.exists():
            self.conn.execute(f"DROP TABLE {HISTORY_TABLE}")
