"""What a backup records about its database, and how a restore is checked against it.

`DatabaseFacts` is a snapshot of the facts that must survive a backup and restore: the tables and
their row counts, a digest of the catalog (the schema checksum) and the applied migrations. The
dialect's `backup` module lists tables and catalog rows; the counting and the migration history
are the same SQL everywhere, so they live here.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol, Sequence

if TYPE_CHECKING:
    from midair.dialects.base import Connection

HISTORY_TABLE = "_prisma_migrations"


class CatalogReader(Protocol):
    """The part of a dialect's `backup` module that reads the catalog."""

    def server_version(self, connection: Connection) -> str: ...

    def list_tables(self, connection: Connection) -> list[tuple[str, str]]:
        """User tables sorted by name: (name as reported, quoted SQL reference). Tables outside
        the URL's schema are named ``schema.table``."""

    def catalog_rows(self, connection: Connection) -> list[Sequence[Any]]:
        """Every catalog fact that defines the schema (columns, types, defaults, constraints,
        indexes, enums), sorted, as JSON-able rows: the schema checksum is their digest."""


@dataclass(frozen=True, slots=True)
class DatabaseFacts:
    """A database at one moment: what a backup promises to bring back."""

    server_version: str
    tables: tuple[tuple[str, int], ...]  # (table, rows), sorted by name
    schema_checksum: str
    applied_migrations: tuple[str, ...]  # finished, not rolled back, in the order they ran

    @property
    def rows(self) -> int:
        return sum(n for _, n in self.tables)

    @property
    def last_migration(self) -> str | None:
        return self.applied_migrations[-1] if self.applied_migrations else None


def catalog_digest(rows: list[Sequence[Any]]) -> str:
    """SHA-256 of the catalog rows: equal schemas give equal digests."""
    text = json.dumps([list(r) for r in rows], sort_keys=True, default=str, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def gather(connection: Connection, reader: CatalogReader) -> DatabaseFacts:
    """Read the facts of the database behind `connection` (inside the caller's snapshot)."""
    tables = reader.list_tables(connection)
    counts = tuple((name, int(connection.query(f"SELECT count(*) FROM {ref}")[0][0])) for name, ref in tables)
    refs = dict(tables)
    applied: tuple[str, ...] = ()
    if HISTORY_TABLE in refs:
        applied = tuple(
            r[0]
            for r in connection.query(
                f"SELECT migration_name FROM {refs[HISTORY_TABLE]} "
                "WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL "
                "ORDER BY started_at, finished_at, migration_name"
            )
        )
    return DatabaseFacts(
        server_version=reader.server_version(connection),
        tables=counts,
        schema_checksum=catalog_digest(reader.catalog_rows(connection)),
        applied_migrations=applied,
    )


def differences(expected: DatabaseFacts, actual: DatabaseFacts) -> list[str]:
    """Human-readable differences between what a backup recorded and what a restore built."""
    found: list[str] = []
    exp, act = dict(expected.tables), dict(actual.tables)
    for t in sorted(exp.keys() - act.keys()):
        found.append(f"Table `{t}` is missing after the restore (the backup had {exp[t]} rows).")
    for t in sorted(act.keys() - exp.keys()):
        found.append(f"Table `{t}` is not in the backup but exists after the restore ({act[t]} rows).")
    for t in sorted(exp.keys() & act.keys()):
        if exp[t] != act[t]:
            found.append(f"Table `{t}` has {act[t]} rows after the restore; the backup had {exp[t]}.")
    if expected.applied_migrations != actual.applied_migrations:
        missing = [m for m in expected.applied_migrations if m not in actual.applied_migrations]
        extra = [m for m in actual.applied_migrations if m not in expected.applied_migrations]
        detail = "; ".join(
            part
            for part in (
                f"missing {', '.join(missing)}" if missing else "",
                f"unexpected {', '.join(extra)}" if extra else "",
                "different order" if not missing and not extra else "",
            )
            if part
        )
        found.append(f"The applied migrations differ from the backup's: {detail}.")
    if expected.schema_checksum != actual.schema_checksum:
        found.append(
            f"The schema differs from the backup's (checksum {actual.schema_checksum[:12]}…, "
            f"expected {expected.schema_checksum[:12]}…)."
        )
    return found
