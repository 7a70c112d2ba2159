"""PostgreSQL counting for the data checks (`midair.checks`): a `Count` becomes one SELECT.

Every count runs in its own read-only transaction with ``SET LOCAL statement_timeout``, so a slow
count is cancelled by the server and a failing one (a missing table) leaves nothing behind.

Values that would not survive a type change are counted with a real test of the cast:

- PostgreSQL 16+: ``pg_input_is_valid(value::text, 'type')`` when the old column is text-like
  (then the text form is exactly what the cast reads);
- otherwise, for the common risky pairs, an explicit predicate (integer syntax and range, numeric
  syntax, boolean spellings, length for ``VARCHAR(n)``, integer ranges for narrowing);
- otherwise a probe: ``SELECT count(CAST(col AS type))`` in a rolled-back transaction; if it
  fails, at least one value does not convert (the count is a lower bound, reported as such).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import psycopg

from midair.checks.count_sql import PORTABLE_KINDS, count_sql, simple_counts_sql
from midair.checks.plan import CountKind, CountResult, CountUnavailable
from midair.diff.changes import CastKind

if TYPE_CHECKING:
    from midair.checks.plan import Count
    from midair.schema.model import ColumnType

_TEXTLIKE = re.compile(r"^(TEXT|VARCHAR|CHARACTER VARYING|CHAR|CHARACTER|BPCHAR|CITEXT)\b", re.I)
_INT_RANGES = {
    "SMALLINT": (-32768, 32767),
    "INTEGER": (-2147483648, 2147483647),
    "INT": (-2147483648, 2147483647),
    "BIGINT": (-9223372036854775808, 9223372036854775807),
}
_INT_RANK = {"SMALLINT": 1, "INTEGER": 2, "INT": 2, "BIGINT": 3}
_NUMERIC = re.compile(r"^(DECIMAL|NUMERIC|DOUBLE PRECISION|REAL|FLOAT\d*)\b", re.I)
_INT_SYNTAX = r"^\s*[-+]?[0-9]+\s*$"
_NUM_SYNTAX = r"^\s*[-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?\s*$"
_BOOL_WORDS = ("t", "true", "y", "yes", "on", "1", "f", "false", "n", "no", "off", "0")


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _table(name: str, schema: str | None) -> str:
    return f"{quote(schema)}.{quote(name)}" if schema else quote(name)


def _type_sql(t: ColumnType) -> str:
    name = quote(t.name) if t.enum else t.name
    return name + ("[]" if t.array else "")


def _base(t: ColumnType) -> str:
    return t.name.split("(")[0].strip().upper()


def cast_kind(previous: ColumnType, next: ColumnType) -> CastKind | None:
    """How existing values fare when a column changes from `previous` to `next` (for SQL read from
    files, where no differ classified it): None when the type is the same."""
    if previous == next:
        return None
    if previous.array != next.array:
        return CastKind.NOT_CASTABLE if previous.array else CastKind.RISKY
    p, n = _base(previous), _base(next)
    if n in ("TEXT",) and not next.enum:
        return CastKind.SAFE
    if p in _INT_RANK and n in _INT_RANK and _INT_RANK[n] >= _INT_RANK[p]:
        return CastKind.SAFE
    if p in _INT_RANK and n in ("DECIMAL", "NUMERIC", "DOUBLE PRECISION"):
        return CastKind.SAFE
    if p == n == "VARCHAR":
        pl, nl = _length(previous), _length(next)
        return CastKind.SAFE if nl is None or (pl is not None and nl >= pl) else CastKind.RISKY
    if _TEXTLIKE.match(previous.name) and n == "VARCHAR" and _length(next) is None:
        return CastKind.SAFE
    return CastKind.RISKY


def _length(t: ColumnType) -> int | None:
    m = re.search(r"\((\d+)\)", t.name)
    return int(m.group(1)) if m else None


class Counter:
    """Counts on one PostgreSQL connection; `count(count, timeout)` bounds each by `timeout` s."""

    def __init__(self, connection: Any) -> None:
        self.connection = connection
        self.timeout_ms = 60_000
        (version,), = connection.query("SHOW server_version_num")
        self.server_version = int(version)

    def _query(self, sql: str, params: tuple[Any, ...] = ()) -> tuple[Any, ...]:
        raw = self.connection.raw
        outer = raw.info.transaction_status != psycopg.pq.TransactionStatus.IDLE
        try:
            # Always rolled back: a count reads only, and the expressions read from a migration
            # (a DELETE's WHERE, a USING conversion) must leave nothing behind. Inside the caller's
            # transaction (a deploy holding its lock) this is a savepoint, so a failed count does
            # not abort it and the SET LOCAL below does not outlive the count.
            with raw.transaction(force_rollback=True):
                if not outer:
                    raw.execute("SET TRANSACTION READ ONLY")
                raw.execute(f"SET LOCAL statement_timeout = {self.timeout_ms}")
                with raw.cursor() as cur:
                    cur.execute(sql, params or None)
                    row = cur.fetchone()
        except psycopg.errors.QueryCanceled:
            raise CountUnavailable("timeout", timed_out=True) from None
        except psycopg.errors.UndefinedTable:
            raise CountUnavailable("the table does not exist in the target database") from None
        except psycopg.errors.UndefinedColumn:
            raise CountUnavailable("the column does not exist in the target database") from None
        except psycopg.Error as e:
            raise CountUnavailable(str(e).strip().splitlines()[0]) from None
        assert row is not None
        return row

    def count_simple(self, counts: list[Count], timeout: float) -> list[CountResult]:
        self.timeout_ms = max(1, int(timeout * 1000))
        row = self._query(simple_counts_sql(counts, _table(counts[0].table, counts[0].schema), quote))
        return [CountResult(int(n)) for n in row]

    def count(self, count: Count, timeout: float) -> CountResult:
        self.timeout_ms = max(1, int(timeout * 1000))
        t = _table(count.table, count.schema)
        k = count.kind
        if k in PORTABLE_KINDS:
            ref = _table(count.referenced_table, count.referenced_schema) if count.referenced_table else None
            row = self._query(count_sql(count, t, ref, quote))
            return CountResult(row[0], rows=int(row[1])) if k is CountKind.DUPLICATES else CountResult(row[0])
        c = quote(count.columns[0])
        if k is CountKind.VALUES_IN:
            if count.array:
                sql = f"SELECT COUNT(*) FROM {t} WHERE {c}::text[] && %s::text[]"
            else:
                sql = f"SELECT COUNT(*) FROM {t} WHERE {c}::text = ANY(%s::text[])"
            return CountResult(self._query(sql, (list(count.values),))[0])
        if k is CountKind.NOT_CASTABLE:
            return self._not_castable(t, c, count)
        raise AssertionError(k)  # pragma: no cover

    def _not_castable(self, t: str, c: str, count: Count) -> CountResult:
        assert count.types is not None
        prev, nxt = count.types.previous, count.types.next
        if count.where is not None:
            return self._probe(t, f"({count.where})", nxt)
        target = _base(nxt)
        textlike = _TEXTLIKE.match(prev.name) is not None and not prev.array and not prev.enum
        predicate: str | None = None
        if textlike and not nxt.array:
            if self.server_version >= 160000:
                predicate = f"NOT pg_input_is_valid({c}::text, '{_type_sql(nxt).replace(chr(39), chr(39) * 2)}')"
            elif target in _INT_RANGES:
                lo, hi = _INT_RANGES[target]
                predicate = (
                    f"CASE WHEN {c} ~ '{_INT_SYNTAX}' THEN {c}::numeric NOT BETWEEN {lo} AND {hi} ELSE true END"
                )
            elif _NUMERIC.match(nxt.name):
                predicate = f"NOT ({c} ~ '{_NUM_SYNTAX}')"
            elif target == "BOOLEAN":
                words = ", ".join(f"'{w}'" for w in _BOOL_WORDS)
                predicate = f"lower(btrim({c})) NOT IN ({words})"
            elif target in ("VARCHAR", "CHAR") and _length(nxt) is not None:
                predicate = f"length({c}) > {_length(nxt)}"
        elif target in _INT_RANGES and not prev.array and not nxt.array and (
            _base(prev) in _INT_RANGES or _NUMERIC.match(prev.name)
        ):
            lo, hi = _INT_RANGES[target]
            # Rounding (not truncation) is what the cast does: 2147483647.4 still fits.
            predicate = f"round({c}::numeric) NOT BETWEEN {lo} AND {hi}"
        if predicate is not None:
            return CountResult(self._query(f"SELECT COUNT(*) FROM {t} WHERE {c} IS NOT NULL AND ({predicate})")[0])
        return self._probe(t, c, nxt)

    def _probe(self, t: str, c: str, nxt: ColumnType) -> CountResult:
        """No predicate for this pair: try the cast on every value; failure means at least one."""
        try:
            self._query(f"SELECT COUNT(CAST({c} AS {_type_sql(nxt)})) FROM {t}")
        except CountUnavailable as e:
            if e.timed_out or "does not exist" in str(e):
                raise
            return CountResult(1, at_least=True)
        return CountResult(0)


def counter(connection: Any) -> Counter:
    return Counter(connection)


__all__ = ["Counter", "cast_kind", "counter"]
