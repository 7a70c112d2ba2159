"""Read a live SQLite database into a `Schema`.

Steps:

1. `sqlite_master` lists the tables and keeps each one's CREATE TABLE text (and each index's);
2. per table, `PRAGMA table_xinfo` gives columns (declared type, NOT NULL, default as written,
   primary-key position), `PRAGMA index_list` + `index_xinfo` the indexes (skipping the automatic
   index of the primary key), `PRAGMA foreign_key_list` the foreign keys;
3. what the pragmas do not tell is read from the SQL text: ``AUTOINCREMENT``, constraint names of
   foreign keys, partial-index predicates.

SQLite runs in-process, so the number of statements is not a cost worth batching.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from midair.dialects.sqlite.normalize import normalize
from midair.schema.model import (
    Column,
    ColumnType,
    ForeignKey,
    Index,
    IndexColumn,
    PrimaryKey,
    ReferentialAction,
    Schema,
    Table,
)

_IDENT = r'(?:"(?:[^"]|"")+"|`[^`]+`|\[[^\]]+\]|[A-Za-z_][A-Za-z0-9_$]*)'
_FK_CONSTRAINT = re.compile(
    rf"CONSTRAINT\s+(?P<name>{_IDENT})\s+FOREIGN\s+KEY\s*\((?P<cols>[^)]*)\)", re.IGNORECASE
)
_WHERE = re.compile(r"\bWHERE\b(?P<pred>.*)$", re.IGNORECASE | re.DOTALL)


def is_internal_table(name: str) -> bool:
    """Bookkeeping tables: Prisma's history, midair's own, and SQLite's."""
    return name == "_prisma_migrations" or name.startswith("_midair") or name.startswith("sqlite_")


def unquote(identifier: str) -> str:
    identifier = identifier.strip()
    if identifier[:1] == '"' and identifier[-1:] == '"':
        return identifier[1:-1].replace('""', '"')
    if identifier[:1] in "`[" and identifier[-1:] in "`]":
        return identifier[1:-1]
    return identifier


def _quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def introspect(connection: Any) -> Schema:
    """The normalised `Schema` of the SQLite database behind `connection`."""
    rows = connection.query(
        "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE type IN ('table', 'index') ORDER BY name"
    )
    table_sql = {name: sql or "" for kind, name, _t, sql in rows if kind == "table"}
    index_sql = {name: sql or "" for kind, name, _t, sql in rows if kind == "index"}
    tables = tuple(
        _table(connection, name, sql, index_sql) for name, sql in table_sql.items() if not is_internal_table(name)
    )
    return normalize(Schema(tables=tables))


def _table(connection: Any, name: str, sql: str, index_sql: dict[str, str]) -> Table:
    q = _quote(name)
    # cid, name, type, notnull, dflt_value, pk, hidden (hidden: 0 normal, 1 virtual-table, 2/3 generated)
    xinfo = connection.query(f"PRAGMA table_xinfo({q})")
    pk_cols = sorted((r for r in xinfo if r[5]), key=lambda r: r[5])
    autoincrement_col = None
    if len(pk_cols) == 1 and (pk_cols[0][2] or "").upper() == "INTEGER" and re.search(r"\bAUTOINCREMENT\b", sql, re.IGNORECASE):
        autoincrement_col = pk_cols[0][1]
    columns = tuple(
        Column(
            name=r[1],
            type=ColumnType(r[2] or ""),
            # Primary-key columns are required, as Prisma reads them (an INTEGER PRIMARY KEY is the
            # rowid and never NULL, whatever the declaration says).
            nullable=not r[3] and not r[5],
            default=None if r[1] == autoincrement_col else r[4],
            autoincrement=r[1] == autoincrement_col,
        )
        for r in xinfo
        if r[6] in (0, 2, 3)
    )
    pk = None
    pk_index_desc: dict[str, bool] = {}
    indexes = []
    # seq, name, unique, origin ('c' CREATE INDEX, 'u' UNIQUE constraint, 'pk'), partial
    for _seq, index_name, unique, origin, partial in connection.query(f"PRAGMA index_list({q})"):
        # seqno, cid, name, desc, coll, key
        info = [r for r in connection.query(f"PRAGMA index_xinfo({_quote(index_name)})") if r[5]]
        info.sort(key=lambda r: r[0])
        if origin == "pk":
            pk_index_desc = {r[2]: bool(r[3]) for r in info}
            continue
        if any(r[2] is None for r in info):
            continue  # an index on an expression: not describable in schema.prisma (as Prisma)
        where = None
        if partial:
            m = _WHERE.search(index_sql.get(index_name, ""))
            where = m["pred"].strip() if m else None
        indexes.append(
            Index(
                name=index_name,
                columns=tuple(IndexColumn(r[2], "DESC" if r[3] else None) for r in info),
                unique=bool(unique),
                where=where,
            )
        )
    if pk_cols:
        pk = PrimaryKey(
            None, tuple(IndexColumn(r[1], "DESC" if pk_index_desc.get(r[1]) else None) for r in pk_cols)
        )
    return Table(
        name=name,
        columns=columns,
        primary_key=pk,
        indexes=tuple(indexes),
        foreign_keys=_foreign_keys(connection, q, sql, pk_cols),
    )


def _foreign_keys(connection: Any, quoted_table: str, sql: str, pk_cols: list[Any]) -> tuple[ForeignKey, ...]:
    names: dict[tuple[str, ...], str] = {}
    for m in _FK_CONSTRAINT.finditer(sql):
        cols = tuple(unquote(c) for c in m["cols"].split(","))
        names[cols] = unquote(m["name"])
    groups: dict[int, list[tuple[Any, ...]]] = defaultdict(list)
    # id, seq, table, from, to, on_update, on_delete, match
    for row in connection.query(f"PRAGMA foreign_key_list({quoted_table})"):
        groups[row[0]].append(row)
    fks = []
    for _id in sorted(groups):
        rows = sorted(groups[_id], key=lambda r: r[1])
        columns = tuple(r[3] for r in rows)
        referenced_table = rows[0][2]
        referenced = [r[4] for r in rows]
        if any(r is None for r in referenced):
            # `REFERENCES t` without columns means t's primary key.
            ref_pk = sorted(
                (r for r in connection.query(f"PRAGMA table_info({_quote(referenced_table)})") if r[5]),
                key=lambda r: r[5],
            )
            referenced = [r[1] for r in ref_pk]
        fks.append(
            ForeignKey(
                name=names.get(columns),
                columns=columns,
                referenced_table=referenced_table,
                referenced_columns=tuple(referenced),
                on_delete=_action(rows[0][6]),
                on_update=_action(rows[0][5]),
            )
        )
    return tuple(fks)


def _action(text: str) -> ReferentialAction:
    t = (text or "NO ACTION").upper()
    if t in ("CASCADE", "RESTRICT", "NO ACTION", "SET NULL", "SET DEFAULT"):
        return t  # type: ignore[return-value]
    return "NO ACTION"


__all__ = ["introspect", "is_internal_table", "unquote"]
