"""SQLite normalisation: one spelling for types, defaults and index facts.

SQLite keeps a column's declared type and default exactly as the CREATE TABLE text wrote them, so
a database built by Prisma's SQL reads back in Prisma's spelling already. What remains to agree on:

- Prisma's type names upper-case (``integer`` is ``INTEGER``); any other type is `unsupported`
  and keeps its declared text (``varchar(255)``);
- defaults without the parentheses SQLite allows around them (``DEFAULT (1)`` is ``1``),
  ``TRUE``/``FALSE`` in lower case, ``now()``-like spellings as ``CURRENT_TIMESTAMP``;
- enum columns as ``TEXT`` and no enum types (SQLite has none);
- a single-column ``INTEGER`` primary key is autoincrement (the rowid), with no default;
- no primary-key names (SQLite does not keep them), ``ASC`` is no sort, no index method.
"""

from __future__ import annotations

from dataclasses import replace

from midair.schema.model import Column, ColumnType, IndexColumn, PrimaryKey, Schema, Table


# The column types Prisma's SQLite renderer writes (see `types.py`).
PRISMA_TYPES = frozenset({"TEXT", "INTEGER", "BIGINT", "REAL", "DECIMAL", "DATETIME", "BOOLEAN", "BLOB", "JSONB"})


def normalize_type(ct: ColumnType) -> ColumnType:
    if ct.enum is not None:
        # SQLite has no enum types: Prisma stores enum values as TEXT.
        return ColumnType("TEXT", array=ct.array)
    # A type Prisma writes is spelled as Prisma writes it; any other is `Unsupported` and keeps the
    # text as declared (SQLite stores the declaration verbatim, so that text is what both sides see).
    name = " ".join(ct.name.split())
    if name.upper() in PRISMA_TYPES:
        return replace(ct, name=name.upper(), unsupported=False)
    return replace(ct, name=name, unsupported=True)


def _strip_parens(e: str) -> str:
    while e.startswith("(") and e.endswith(")"):
        inner = e[1:-1]
        depth = 0
        ok = True
        for ch in inner:
            depth += ch == "("
            depth -= ch == ")"
            if depth < 0:
                ok = False
                break
        if not ok or depth != 0:
            break
        e = inner.strip()
    return e


def normalize_default(expr: str | None) -> str | None:
    if expr is None:
        return None
    e = _strip_parens(expr.strip())
    lower = e.lower()
    if lower in ("true", "false"):
        return lower
    if lower in ("current_timestamp", "now()"):
        return "CURRENT_TIMESTAMP"
    return e


def normalize_column(c: Column) -> Column:
    default = None if c.autoincrement else normalize_default(c.default)
    return replace(c, type=normalize_type(c.type), default=default)


def _index_column(ic: IndexColumn) -> IndexColumn:
    return replace(ic, sort=None if ic.sort in (None, "ASC") else ic.sort, opclass=None)


def normalize_table(t: Table) -> Table:
    pk = t.primary_key
    columns = tuple(normalize_column(c) for c in t.columns)
    if pk is not None:
        pk = PrimaryKey(None, tuple(_index_column(c) for c in pk.columns))
        if len(pk.columns) == 1:
            # A single INTEGER primary key is the rowid: the database numbers it (Prisma reads it
            # as autoincrement, and writes AUTOINCREMENT for it).
            columns = tuple(
                replace(c, autoincrement=True, default=None, nullable=False)
                if c.name == pk.columns[0].name and c.type.name == "INTEGER" and not c.type.array
                else c
                for c in columns
            )
    return replace(
        t,
        columns=columns,
        primary_key=pk,
        indexes=tuple(
            replace(i, columns=tuple(_index_column(c) for c in i.columns), method=None) for i in t.indexes
        ),
        schema=None,
    )


def normalize(schema: Schema) -> Schema:
    """`schema` with types, defaults and keys in their one SQLite spelling."""
    return replace(
        schema, tables=tuple(normalize_table(t) for t in schema.tables), enums=(), namespaces=()
    )


__all__ = ["normalize", "normalize_default", "normalize_type"]
