"""SQLite counting for the data checks (`midair.checks`): a `Count` becomes one SELECT.

A count is bounded by a progress handler that interrupts the statement after `timeout` seconds.

SQLite does not refuse a value that does not fit a column's type (Prisma's tables are not
``STRICT``): the rebuild copies it unchanged, and the application then reads text from an
``INTEGER`` column. The cast test is therefore SQLite's own: the values are copied into a
temporary column of the new type, and those that SQLite's type affinity leaves as text or blob are
counted (https://www.sqlite.org/datatype3.html#type_affinity).
"""

from __future__ import annotations

import sqlite3
import time
import uuid
from typing import TYPE_CHECKING, Any

from midair.checks.count_sql import PORTABLE_KINDS, count_sql, simple_counts_sql
from midair.checks.plan import CountKind, CountResult, CountUnavailable
from midair.diff.changes import CastKind

if TYPE_CHECKING:
    from midair.checks.plan import Count
    from midair.schema.model import ColumnType


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def affinity(type_name: str) -> str:
    """SQLite's type affinity for a declared type (the rules of §3.1 of the datatype page)."""
    t = type_name.upper()
    if "INT" in t:
        return "INTEGER"
    if any(w in t for w in ("CHAR", "CLOB", "TEXT")):
        return "TEXT"
    if "BLOB" in t or not t.strip():
        return "BLOB"
    if any(w in t for w in ("REAL", "FLOA", "DOUB")):
        return "REAL"
    return "NUMERIC"


def cast_kind(previous: ColumnType, next: ColumnType) -> CastKind | None:
    """How existing values fare in a rebuild from `previous` to `next`: None when the type is the
    same, SAFE into a text column (everything has a text form), RISKY otherwise (counted)."""
    if previous == next:
        return None
    if affinity(next.name) in ("TEXT", "BLOB") or affinity(previous.name) == affinity(next.name) == "INTEGER":
        return CastKind.SAFE
    return CastKind.RISKY


class Counter:
    """Counts on one SQLite connection; `count(count, timeout)` bounds each by `timeout` s."""

    def __init__(self, connection: Any) -> None:
        self.connection = connection
        self.timeout = 60.0

    def _query(self, sql: str, params: tuple[Any, ...] = ()) -> tuple[Any, ...]:
        raw: sqlite3.Connection = self.connection.raw
        deadline = time.monotonic() + self.timeout
        raw.set_progress_handler(lambda: int(time.monotonic() > deadline), 10_000)
        try:
            return raw.execute(sql, params).fetchone()
        except sqlite3.OperationalError as e:
            if "interrupted" in str(e):
                raise CountUnavailable("timeout", timed_out=True) from None
            if "no such table" in str(e):
                raise CountUnavailable("the table does not exist in the target database") from None
            if "no such column" in str(e):
                raise CountUnavailable("the column does not exist in the target database") from None
            raise CountUnavailable(str(e)) from None
        finally:
            raw.set_progress_handler(None, 0)

    def count_simple(self, counts: list[Count], timeout: float) -> list[CountResult]:
        self.timeout = timeout
        row = self._query(simple_counts_sql(counts, quote(counts[0].table), quote))
        return [CountResult(int(n)) for n in row]

    def count(self, count: Count, timeout: float) -> CountResult:
        self.timeout = timeout
        k = count.kind
        if k in PORTABLE_KINDS:
            ref = quote(count.referenced_table) if count.referenced_table else None
            row = self._query(count_sql(count, quote(count.table), ref, quote))
            return CountResult(row[0], rows=int(row[1])) if k is CountKind.DUPLICATES else CountResult(row[0])
        # Qualified, as in midair.checks.count_sql: an unmatched "name" would be read as a string.
        t = f"{quote(count.table)} AS t"
        c = f"t.{quote(count.columns[0])}"
        if k is CountKind.VALUES_IN:
            marks = ", ".join("?" for _ in count.values)
            return CountResult(self._query(f"SELECT COUNT(*) FROM {t} WHERE {c} IN ({marks})", count.values)[0])
        if k is CountKind.NOT_CASTABLE:
            return self._not_castable(t, c, count)
        raise AssertionError(k)  # pragma: no cover

    def _not_castable(self, t: str, c: str, count: Count) -> CountResult:
        assert count.types is not None
        target = count.types.next.name
        if affinity(target) in ("TEXT", "BLOB"):
            return CountResult(0)
        probe = quote(f"_midair_probe_{uuid.uuid4().hex[:8]}")
        raw: sqlite3.Connection = self.connection.raw
        try:
            raw.execute(f"CREATE TEMP TABLE {probe} (v {target})")
            self._query(f"INSERT INTO temp.{probe} (v) SELECT {c} FROM {t} WHERE {c} IS NOT NULL")
            (n,) = self._query(f"SELECT COUNT(*) FROM temp.{probe} WHERE typeof(v) IN ('text', 'blob')")
        finally:
            raw.execute(f"DROP TABLE IF EXISTS temp.{probe}")
        return CountResult(n)


def counter(connection: Any) -> Counter:
    return Counter(connection)


__all__ = ["Counter", "affinity", "cast_kind", "counter"]
