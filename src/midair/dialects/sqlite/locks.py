"""Lock facts for SQLite: one writer at a time, for the whole database file.

Every schema change takes the database's write lock for its transaction: other writers wait (up
to their busy_timeout) while readers keep going in WAL mode (SAFETY-REFERENCE §5). What differs is
how long the lock is held: renames and plain ADD COLUMN edit the schema text only; DROP COLUMN,
added CHECKs and the 12-step table rebuild read or rewrite every row.

The value types are shared with every dialect (`midair.checks.lockfacts`); this module holds
SQLite's facts table, its rates and the statement patterns that classify a script.
"""

from __future__ import annotations

import enum
import re
from typing import Any, Mapping

from midair.checks import lockfacts
from midair.checks.lockfacts import Cost, Estimate, EstimateRates, LockFacts, StatementFacts, TableSize, facts_table
from midair.dialects.sqlite.safe import split_all


class LockMode(enum.IntEnum):
    """SQLite's lock states that matter to a migration."""

    SHARED = 1
    RESERVED = 2  # the write lock: one writer, readers continue (WAL)

    @property
    def label(self) -> str:
        return "database write" if self is LockMode.RESERVED else "shared"

    @property
    def blocks_reads(self) -> bool:
        return False  # in WAL mode; with a rollback journal, readers wait during the commit

    @property
    def blocks_writes(self) -> bool:
        return self is LockMode.RESERVED


W = LockMode.RESERVED
FACTS: Mapping[str, LockFacts] = facts_table(
    LockFacts("create_table", "CREATE TABLE", W, Cost.CATALOG),
    LockFacts("drop_table", "DROP TABLE", W, Cost.SCAN),
    LockFacts("rename", "RENAME", W, Cost.CATALOG),
    LockFacts("add_column", "ADD COLUMN", W, Cost.CATALOG),
    LockFacts("add_column_check", "ADD COLUMN with CHECK", W, Cost.SCAN),
    LockFacts("drop_column", "DROP COLUMN", W, Cost.REWRITE),
    LockFacts("create_index", "CREATE INDEX", W, Cost.INDEX_BUILD),
    LockFacts("drop_index", "DROP INDEX", W, Cost.CATALOG),
    LockFacts("copy_rows", "INSERT … SELECT (table rebuild)", W, Cost.REWRITE),
    LockFacts("update", "UPDATE (data)", W, Cost.SCAN, safe_alternative="a batched backfill: `midair backfill --sql …`"),
    LockFacts("trigger", "CREATE/DROP TRIGGER", W, Cost.CATALOG),
    LockFacts("pragma", "PRAGMA", LockMode.SHARED, Cost.CATALOG),
    LockFacts("other", "other statement", W, Cost.CATALOG),
)

_IDENT = r'("(?:[^"]|"")+"|`[^`]+`|\[[^\]]+\]|[\w.]+)'


def _unquote(raw: str) -> str:
    return raw[1:-1].replace('""', '"') if raw[:1] in '"`[' else raw


class Effect(lockfacts.Effect):
    """An effect whose facts are SQLite's (`FACTS`)."""

    __slots__ = ()
    facts_by_kind = FACTS


_PATTERNS: tuple[tuple[str, str], ...] = (
    (rf"(?is)^CREATE\s+(?:TEMP\w*\s+)?TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?{_IDENT}", "create_table"),
    (rf"(?is)^DROP\s+TABLE\s+(?:IF\s+EXISTS\s+)?{_IDENT}", "drop_table"),
    (rf"(?is)^ALTER\s+TABLE\s+{_IDENT}\s+RENAME", "rename"),
    (rf"(?is)^ALTER\s+TABLE\s+{_IDENT}\s+ADD\s+(?:COLUMN\s+)?.*\bCHECK\b", "add_column_check"),
    (rf"(?is)^ALTER\s+TABLE\s+{_IDENT}\s+ADD", "add_column"),
    (rf"(?is)^ALTER\s+TABLE\s+{_IDENT}\s+DROP", "drop_column"),
    (rf"(?is)^CREATE\s+(?:UNIQUE\s+)?INDEX\s+(?:IF\s+NOT\s+EXISTS\s+)?{_IDENT}\s+ON\s+{_IDENT}", "create_index"),
    (rf"(?is)^DROP\s+INDEX\s+(?:IF\s+EXISTS\s+)?{_IDENT}", "drop_index"),
    (rf"(?is)^INSERT\s+INTO\s+{_IDENT}.*\bSELECT\b", "copy_rows"),
    (rf"(?is)^UPDATE\s+(?:OR\s+\w+\s+)?{_IDENT}", "update"),
    (r"(?is)^(?:CREATE|DROP)\s+TRIGGER", "trigger"),
    (r"(?is)^PRAGMA", "pragma"),
)


def classify(sql: str) -> list[Effect]:
    for pattern, kind in _PATTERNS:
        m = re.match(pattern, sql.strip())
        if m:
            groups = [g for g in m.groups() if g]
            table = _unquote(groups[-1]) if groups else None
            return [Effect(kind, table)]
    return [Effect("other", None)]


def analyze_sql(sql: str) -> list[StatementFacts]:
    out = []
    pos = 0
    for stmt in split_all(sql):
        idx = sql.find(stmt.split("\n", 1)[0], pos)
        idx = idx if idx >= 0 else pos
        line = sql.count("\n", 0, idx) + 1
        pos = idx
        head = stmt.split(None, 1)[0].upper() if stmt.split() else ""
        control = head in {"BEGIN", "COMMIT", "END", "ROLLBACK"}
        out.append(StatementFacts(stmt, None, () if control else tuple(classify(stmt)), line, 1, control))
    return out


# Per million rows (SAFETY-REFERENCE §5, SQLite 3.40, 1M rows / 92 MB): DROP COLUMN 0.45 s,
# CHECK on add 0.19 s, 12-step rebuild 1.75 s. Rows are counted exactly; the size in pages is not read.
RATES = EstimateRates(
    per="million rows",
    seconds={Cost.CATALOG: 0.0, Cost.SCAN: 0.2, Cost.REWRITE: 1.75, Cost.INDEX_BUILD: 1.0},
    catalog_words="schema text only",
    holding=" holding the write lock",
)
PAGE_BYTES = 4096


def table_size(connection: Any, table: str) -> TableSize | None:
    try:
        (n,) = connection.query(f'SELECT count(*) FROM "{table.replace(chr(34), chr(34) * 2)}"')[0]
    except Exception:  # noqa: BLE001 - no such table
        return None
    return TableSize(table, int(n), 0, PAGE_BYTES)


def estimate(size: TableSize | None, facts: LockFacts) -> Estimate:
    """How long the step holds the write lock on a table of `size` (see `RATES`)."""
    return lockfacts.estimate(size, facts, RATES)


__all__ = [
    "FACTS",
    "RATES",
    "Cost",
    "Effect",
    "Estimate",
    "LockFacts",
    "LockMode",
    "StatementFacts",
    "TableSize",
    "analyze_sql",
    "classify",
    "estimate",
    "table_size",
]
