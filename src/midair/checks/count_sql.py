"""The SQL of the data checks' counts that every dialect writes the same way.

A dialect's counter supplies how a table is named and how its queries run; the statements for
row, NULL, duplicate and orphan counts are plain SQL shared by all of them. What differs by
dialect (matching a list of values, testing a cast) stays in the dialect's own ``checks`` module.

The counted table is always aliased ``t`` and its columns written qualified (``t."c"``): SQLite
reads an unqualified double-quoted name that matches no column as a string literal
(https://sqlite.org/quirks.html#dblquote), so a missing column would be counted as a value
instead of failing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from midair.checks.plan import CountKind

if TYPE_CHECKING:
    from midair.checks.plan import Count

# Kinds whose SQL is the same on every dialect (`count_sql` answers them).
PORTABLE_KINDS = frozenset(
    {CountKind.ROWS, CountKind.NON_NULL, CountKind.NULLS, CountKind.DUPLICATES, CountKind.ORPHANS, CountKind.MATCHING}
)


def simple_counts_sql(counts: Sequence[Count], table: str, quote: Callable[[str], str]) -> str:
    """Row, non-null and NULL counts of one table in one scan (dropping four columns reads the
    table once, not four times). `table` is the dialect's name for the counted table."""
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
    return f"SELECT {', '.join(parts)} FROM {table} AS t"


def count_sql(count: Count, table: str, referenced: str | None, quote: Callable[[str], str]) -> str:
    """One SELECT whose first column is the count (and, for duplicates, the second the rows in
    duplicate groups). `table`/`referenced` are the dialect's names for the counted and the
    referenced table."""
    cols = [f"t.{quote(c)}" for c in count.columns]
    k = count.kind
    if k is CountKind.ROWS:
        return f"SELECT COUNT(*) FROM {table} AS t"
    if k is CountKind.NON_NULL:
        return f"SELECT COUNT(*) FROM {table} AS t WHERE {cols[0]} IS NOT NULL"
    if k is CountKind.NULLS:
        return f"SELECT COUNT(*) FROM {table} AS t WHERE {cols[0]} IS NULL"
    if k is CountKind.DUPLICATES:
        not_null = " AND ".join(f"{c} IS NOT NULL" for c in cols)
        return (
            "SELECT COUNT(*), COALESCE(SUM(n), 0) FROM "
            f"(SELECT COUNT(*) AS n FROM {table} AS t WHERE {not_null} GROUP BY {', '.join(cols)} "
            "HAVING COUNT(*) > 1) AS d"
        )
    if k is CountKind.ORPHANS:
        assert referenced is not None
        not_null = " AND ".join(f"{c} IS NOT NULL" for c in cols)
        match = " AND ".join(f"p.{quote(r)} = {c}" for r, c in zip(count.referenced_columns, cols))
        return (
            f"SELECT COUNT(*) FROM {table} AS t WHERE {not_null} "
            f"AND NOT EXISTS (SELECT 1 FROM {referenced} AS p WHERE {match})"
        )
    if k is CountKind.MATCHING:
        # The WHERE text comes from the migration, written against the table's own name or alias.
        alias = f" AS {quote(count.alias)}" if count.alias else ""
        return f"SELECT COUNT(*) FROM {table}{alias} WHERE {count.where}"
    raise AssertionError(f"{k} is counted by the dialect")
