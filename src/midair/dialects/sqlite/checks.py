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

    # Every column is written qualified (`t."c"`): SQLite reads an unqualified double-quoted name
    # that matches no column as a string literal (https://sqlite.org/quirks.html#dblquote), so a
    # missing column would be counted as a value instead of failing.

    def count_simple(self, counts: list[Count], timeout: float) -> list[CountResult]:
        """Row, non-null and NULL counts of one table in one scan (dropping four columns reads
        the table once, not four times)."""
        self.timeout = timeout
        parts = []
        for c in counts:
            if c.kind is CountKind.ROWS:
                parts.append("COUNT(*)")
            elif c.kind is CountKind.NON_NULL:
                parts.append(f"COUNT(t.{quote(c.columns[0])})")
            elif c.kind is CountKind.NULLS:
                parts.append(f"COUNT(*) - COUNT(t.{quote(c.columns[0])})")
            else:
                raise AssertionError(c.kind)
        row = self._query(f"SELECT {', '.join(parts)} FROM {quote(counts[0].table)} AS t")
        return [CountResult(int(n)) for n in row]

    def count(self, count: Count, timeout: float) -> CountResult:
        self.timeout = timeout
        t = f"{quote(count.table)} AS t"
        cols = [f"t.{quote(c)}" for c in count.columns]
        k = count.kind
        if k is CountKind.ROWS:
            return CountResult(self._query(f"SELECT COUNT(*) FROM {t}")[0])
        if k is CountKind.NON_NULL:
            return CountResult(self._query(f"SELECT COUNT(*) FROM {t} WHERE {cols[0]} IS NOT NULL")[0])
        if k is CountKind.NULLS:
            return CountResult(self._query(f"SELECT COUNT(*) FROM {t} WHERE {cols[0]} IS NULL")[0])
        if k is CountKind.DUPLICATES:
            not_null = " AND ".join(f"{c} IS NOT NULL" for c in cols)
            groups, rows = self._query(
                "SELECT COUNT(*), COALESCE(SUM(n), 0) FROM "
                f"(SELECT COUNT(*) AS n FROM {t} WHERE {not_null} GROUP BY {', '.join(cols)} "
                "HAVING COUNT(*) > 1)"
            )
            return CountResult(groups, rows=int(rows))
        if k is CountKind.ORPHANS:
            ref = quote(count.referenced_table or "")
            not_null = " AND ".join(f"{c} IS NOT NULL" for c in cols)
            match = " AND ".join(f"p.{quote(r)} = {c}" for r, c in zip(count.referenced_columns, cols))
            return CountResult(
                self._query(
                    f"SELECT COUNT(*) FROM {t} WHERE {not_null} "
                    f"AND NOT EXISTS (SELECT 1 FROM {ref} AS p WHERE {match})"
                )[0]
            )
        if k is CountKind.VALUES_IN:
            marks = ", ".join("?" for _ in count.values)
            return CountResult(self._query(f"SELECT COUNT(*) FROM {t} WHERE {cols[0]} IN ({marks})", count.values)[0])
        if k is CountKind.NOT_CASTABLE:
            return self._not_castable(t, cols[0], count)
        if k is CountKind.MATCHING:
            # The WHERE text comes from the migration, written against the table's own name or alias.
            alias = f" AS {quote(count.alias)}" if count.alias else ""
            return CountResult(self._query(f"SELECT COUNT(*) FROM {quote(count.table)}{alias} WHERE {count.where}")[0])
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
