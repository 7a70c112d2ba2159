"""Read SQLite migration SQL into the data checks' effects (`midair.checks.sqlcheck`).

A reader for the statements Prisma emits for SQLite (and the usual hand-written ones), with
SQLite's own parser as the judge:

1. the script is cut into statements with `sqlite3.complete_statement` (which knows quotes and
   comments), each remembering the line it starts on;
2. each statement is prepared (``EXPLAIN …``) in a scratch in-memory database: a syntax error
   becomes an `Unreadable` effect naming the line (a missing table is not an error here: the
   scratch database is empty);
3. ``CREATE TABLE`` and ``ADD COLUMN`` definitions are run in the scratch database and read back
   with ``PRAGMA table_info``, so column types, NOT NULL and defaults come from SQLite itself;
4. the kind of statement and its names are read with small patterns: ``DROP TABLE``,
   ``ALTER TABLE … RENAME TO / ADD / DROP COLUMN``, ``CREATE UNIQUE INDEX``, ``INSERT INTO … SELECT
   … FROM`` (the copy of Prisma's table rebuild), ``DELETE``, ``UPDATE``, ``INSERT``.
"""

from __future__ import annotations

import re
import sqlite3
from typing import Iterator

from midair.checks.sqlcheck import (
    AddedColumn,
    AddedUnique,
    CopiedRows,
    CreatedTable,
    Deleted,
    DroppedColumn,
    DroppedTable,
    Effect,
    RenamedColumn,
    RenamedTable,
    Unreadable,
    Wrote,
)
from midair.schema.model import Column, ColumnType, ForeignKey

_ID = r'(?:"(?:[^"]|"")+"|`[^`]+`|\[[^\]]+\]|[A-Za-z_][\w$]*)'
_QID = rf"(?:{_ID}\s*\.\s*)?({_ID})"  # optional schema (main., temp.) then the name
_FLAGS = re.I | re.S

_CREATE_TABLE = re.compile(rf"^CREATE\s+(?:TEMP(?:ORARY)?\s+)?TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?{_QID}\s*\(", _FLAGS)
_DROP_TABLE = re.compile(rf"^DROP\s+TABLE\s+(?:IF\s+EXISTS\s+)?{_QID}\s*$", _FLAGS)
_RENAME = re.compile(rf"^ALTER\s+TABLE\s+{_QID}\s+RENAME\s+TO\s+({_ID})\s*$", _FLAGS)
_RENAME_COLUMN = re.compile(rf"^ALTER\s+TABLE\s+{_QID}\s+RENAME\s+(?:COLUMN\s+)?({_ID})\s+TO\s+({_ID})\s*$", _FLAGS)
_ADD_COLUMN = re.compile(rf"^ALTER\s+TABLE\s+{_QID}\s+ADD\s+(?:COLUMN\s+)?(.*)$", _FLAGS)
_DROP_COLUMN = re.compile(rf"^ALTER\s+TABLE\s+{_QID}\s+DROP\s+(?:COLUMN\s+)?({_ID})\s*$", _FLAGS)
_UNIQUE = re.compile(
    rf"^CREATE\s+UNIQUE\s+INDEX\s+(?:IF\s+NOT\s+EXISTS\s+)?{_QID}\s+ON\s+{_QID}\s*\((.*)\)\s*(WHERE\s+.*)?$", _FLAGS
)
_COPY = re.compile(
    rf"^INSERT\s+INTO\s+{_QID}\s*\(([^)]*)\)\s*SELECT\s+(.*?)\s+FROM\s+{_QID}\s*$", _FLAGS
)
_INSERT = re.compile(rf"^(?:INSERT|REPLACE)\s+(?:OR\s+\w+\s+)?INTO\s+{_QID}", _FLAGS)
_UPDATE = re.compile(rf"^UPDATE\s+(?:OR\s+\w+\s+)?{_QID}", _FLAGS)
_DELETE = re.compile(rf"^DELETE\s+FROM\s+{_QID}(?:\s+(?:AS\s+)?(?!WHERE\b)({_ID}))?(?:\s+WHERE\s+(.*))?$", _FLAGS)
_INDEX_COLUMN = re.compile(rf"^({_ID})(?:\s+COLLATE\s+\w+)?(?:\s+(?:ASC|DESC))?$", _FLAGS)
_LEADING = re.compile(r"^(?:\s+|--[^\n]*(?:\n|$)|/\*.*?\*/)*", re.S)


def unquote(identifier: str) -> str:
    s = identifier.strip()
    if s[:1] == '"' and s[-1:] == '"':
        return s[1:-1].replace('""', '"')
    if s[:1] in "`[" and s[-1:] in "`]":
        return s[1:-1]
    return s


def _split_list(text: str) -> list[str]:
    """Split at top-level commas (outside parentheses and quotes)."""
    parts, depth, quote, current = [], 0, "", []
    for ch in text:
        if quote:
            if ch == quote:
                quote = ""
        elif ch in "'\"`":
            quote = ch
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "," and depth == 0:
            parts.append("".join(current).strip())
            current = []
            continue
        current.append(ch)
    if "".join(current).strip():
        parts.append("".join(current).strip())
    return parts


def statements(sql: str) -> Iterator[tuple[str, int]]:
    """(statement text without leading comments and the final ``;``, line it starts on)."""
    start = 0
    i = 0
    while i < len(sql):
        if sql[i] == ";" and sqlite3.complete_statement(sql[start : i + 1]):
            yield from _piece(sql, start, i)
            start = i + 1
        i += 1
    if sql[start:].strip():
        yield from _piece(sql, start, len(sql))


def _piece(sql: str, start: int, end: int) -> Iterator[tuple[str, int]]:
    text = sql[start:end]
    lead = _LEADING.match(text)
    skip = lead.end() if lead else 0
    body = text[skip:].strip()
    if body:
        yield body, sql.count("\n", 0, start + skip) + 1


class _Scratch:
    """An empty in-memory database: SQLite's parser, and a place to read column definitions."""

    def __init__(self) -> None:
        self.db = sqlite3.connect(":memory:", isolation_level=None)

    def syntax_error(self, statement: str) -> str | None:
        try:
            self.db.execute(f"EXPLAIN {statement}")
        except sqlite3.Error as e:
            text = str(e)
            if any(w in text for w in ("syntax error", "incomplete input", "unrecognized token")):
                return text
        return None

    def columns(self, create_sql: str, name: str) -> tuple[Column, ...]:
        return self.table(create_sql)[0]

    def table(self, create_sql: str) -> tuple[tuple[Column, ...], tuple[ForeignKey, ...]]:
        """Create the table under a scratch name, read its columns and foreign keys back, drop it."""
        scratch = "_midair_scratch"
        m = _CREATE_TABLE.match(create_sql)
        assert m is not None
        body = create_sql[m.end() - 1 :]
        self.db.execute(f'DROP TABLE IF EXISTS "{scratch}"')
        self.db.execute(f'CREATE TABLE "{scratch}" {body}')
        try:
            info = self.db.execute(f'PRAGMA table_info("{scratch}")').fetchall()
            fk_rows = self.db.execute(f'PRAGMA foreign_key_list("{scratch}")').fetchall()
        finally:
            self.db.execute(f'DROP TABLE "{scratch}"')
        pk_count = sum(1 for row in info if row[5])
        cols = []
        for _cid, cname, ctype, notnull, default, pk in info:
            # `INTEGER PRIMARY KEY` is the rowid: SQLite gives it a value, like a default.
            rowid = bool(pk) and pk_count == 1 and (ctype or "").upper() == "INTEGER"
            cols.append(
                Column(cname, ColumnType(ctype or ""), nullable=not notnull and not pk, default=default,
                       autoincrement=rowid)
            )
        groups: dict[int, list[tuple]] = {}
        for row in fk_rows:
            groups.setdefault(row[0], []).append(row)
        fks = tuple(
            ForeignKey(None, tuple(r[3] for r in rows), rows[0][2], tuple(r[4] for r in rows))
            for _, rows in sorted(groups.items())
        )
        return tuple(cols), fks


def _effect(scratch: _Scratch, stmt: str, line: int) -> Iterator[Effect]:
    if m := _CREATE_TABLE.match(stmt):
        columns, foreign_keys = scratch.table(stmt)
        yield CreatedTable(unquote(m.group(1)), columns, line, foreign_keys=foreign_keys)
    elif m := _DROP_TABLE.match(stmt):
        yield DroppedTable(unquote(m.group(1)), line)
    elif m := _RENAME.match(stmt):
        yield RenamedTable(unquote(m.group(1)), unquote(m.group(2)), line)
    elif m := _RENAME_COLUMN.match(stmt):
        yield RenamedColumn(unquote(m.group(1)), unquote(m.group(2)), unquote(m.group(3)), line)
    elif m := _DROP_COLUMN.match(stmt):
        yield DroppedColumn(unquote(m.group(1)), unquote(m.group(2)), line)
    elif m := _ADD_COLUMN.match(stmt):
        (column,) = scratch.columns(f"CREATE TABLE x ({m.group(2)})", "x")
        yield AddedColumn(unquote(m.group(1)), column, line)
    elif m := _UNIQUE.match(stmt):
        cols: list[str] = []
        for part in _split_list(m.group(3)):
            c = _INDEX_COLUMN.match(part)
            if not c:
                cols = []
                break
            cols.append(unquote(c.group(1)))
        yield AddedUnique(unquote(m.group(2)), unquote(m.group(1)), tuple(cols), m.group(4) is not None, line)
    elif m := _COPY.match(stmt):
        into_cols = [unquote(c) for c in _split_list(m.group(2))]
        from_cols = _split_list(m.group(3))
        if all(re.fullmatch(_ID, c) for c in from_cols):
            yield CopiedRows(unquote(m.group(1)), unquote(m.group(4)), tuple(into_cols),
                             tuple(unquote(c) for c in from_cols), line)
        else:
            yield Wrote(unquote(m.group(1)), line)
    elif m := _DELETE.match(stmt):
        yield Deleted(unquote(m.group(1)), m.group(3), unquote(m.group(2)) if m.group(2) else None, line)
    elif m := _INSERT.match(stmt):
        yield Wrote(unquote(m.group(1)), line)
    elif m := _UPDATE.match(stmt):
        yield Wrote(unquote(m.group(1)), line)


def read(sql: str) -> list[Effect]:
    """The effects of the statements of `sql`, in order."""
    scratch = _Scratch()
    out: list[Effect] = []
    try:
        for stmt, line in statements(sql):
            error = scratch.syntax_error(stmt)
            if error:
                out.append(Unreadable(error, line))
                continue
            try:
                out.extend(_effect(scratch, stmt, line))
            except sqlite3.Error as e:
                out.append(Unreadable(str(e), line))
    finally:
        scratch.db.close()
    return out


__all__ = ["read", "statements", "unquote"]
