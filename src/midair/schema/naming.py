"""Prisma's default names for constraints and indexes, with its truncation rules.

Names are built from *database* names (after ``@map``/``@@map``), as Prisma does:

- primary key ``{table}_pkey``;
- unique index ``{table}_{col1}_{col2}_key``, other index ``{table}_{cols}_idx``;
- foreign key ``{table}_{cols}_fkey`` (the referencing table and columns);
- implicit many-to-many table ``_{relation}`` with ``{table}_AB_pkey`` (or ``_AB_unique``),
  ``{table}_B_index``, ``{table}_A_fkey`` and ``{table}_B_fkey``.

When a name would reach the dialect's identifier limit (PostgreSQL: 63 bytes), the part before the
suffix is cut so that prefix and suffix fit. Lengths are counted in UTF-8 bytes and cuts never split
a character. The exact comparisons (``>=`` here, ``>`` there) are Prisma's and are kept as they are,
because a name one byte different is a different constraint.
"""

from __future__ import annotations

from collections.abc import Sequence

# SQLite has no practical limit; Prisma's SQLite connector uses this one.
UNLIMITED = 10_000


def _cut(text: str, limit: int) -> str:
    """`text` cut to at most `limit` UTF-8 bytes, on a character boundary."""
    data = text.encode()
    if len(data) <= limit:
        return text
    return data[:limit].decode(errors="ignore")


def _nbytes(text: str) -> int:
    return len(text.encode())


def primary_key_name(table: str, limit: int = UNLIMITED) -> str:
    if _nbytes(table) >= limit - 5:
        table = _cut(table, limit - 5)
    return f"{table}_pkey"


def _index_name(table: str, columns: Sequence[str], suffix: str, limit: int) -> str:
    out = f"{table}_{'_'.join(columns)}"
    if _nbytes(out) >= limit - len(suffix):
        out = _cut(out, limit - len(suffix))
    return out + suffix


def unique_index_name(table: str, columns: Sequence[str], limit: int = UNLIMITED) -> str:
    return _index_name(table, columns, "_key", limit)


def index_name(table: str, columns: Sequence[str], limit: int = UNLIMITED) -> str:
    return _index_name(table, columns, "_idx", limit)


def foreign_key_name(table: str, columns: Sequence[str], limit: int = UNLIMITED) -> str:
    joined = f"{table}_{'_'.join(columns)}"
    if _nbytes(joined) >= limit - 5:
        joined = _cut(joined, limit - 5)
    return f"{joined}_fkey"


def join_table_name(relation: str, limit: int = UNLIMITED) -> str:
    """The implicit many-to-many table: ``_`` + relation name, cut to the limit (in characters)."""
    return f"_{relation}"[:limit]


def join_table_key_name(table: str, suffix: str, limit: int = UNLIMITED) -> str:
    """``{table}_AB_pkey`` / ``{table}_AB_unique`` (suffix given), table cut in characters."""
    return table[: limit - len(suffix)] + suffix


def join_table_index_name(table: str, limit: int = UNLIMITED) -> str:
    return table[: limit - 8] + "_B_index"


def join_table_foreign_key_names(table: str, limit: int = UNLIMITED) -> tuple[str, str]:
    """Names of the A and B foreign keys. Prisma's two comparisons differ (``>`` for A, ``>=``
    for B); kept as is."""
    cap = limit - len("_fkey") - 2
    a = f"{table[:cap]}_A_fkey" if len(table) > cap else f"{table}_A_fkey"
    b = f"{table[:cap]}_B_fkey" if len(table) >= cap else f"{table}_B_fkey"
    return a, b


__all__ = [
    "UNLIMITED",
    "foreign_key_name",
    "index_name",
    "join_table_foreign_key_names",
    "join_table_index_name",
    "join_table_key_name",
    "join_table_name",
    "primary_key_name",
    "unique_index_name",
]
