"""Helpers for the checks' integration tests: real databases, tables made with plain SQL, and the
`Table` values that describe them (built by hand, so these tests do not depend on the differ)."""

from __future__ import annotations

from dataclasses import replace

from midair.connection import connect
from midair.dialects import get_dialect
from midair.schema.model import Column, ColumnType, PrimaryKey, IndexColumn, Table

TEXT = ColumnType("TEXT")
INTEGER = ColumnType("INTEGER")


def col(name: str, type_: ColumnType = TEXT, *, nullable: bool = True, default: str | None = None) -> Column:
    return Column(name, type_, nullable=nullable, default=default)


def table(name: str, *columns: Column) -> Table:
    return Table(name, tuple(columns), primary_key=PrimaryKey(f"{name}_pkey", (IndexColumn(columns[0].name),)))


def with_column(t: Table, c: Column) -> Table:
    return replace(t, columns=(*t.columns, c))


def without(t: Table, *names: str) -> Table:
    return replace(t, columns=tuple(c for c in t.columns if c.name not in names))


def replaced(t: Table, c: Column) -> Table:
    return replace(t, columns=tuple(c if x.name == c.name else x for x in t.columns))


def provider(url: str) -> str:
    return get_dialect("postgresql" if url.startswith("postgres") else "sqlite").name


def open_db(url: str, *sql: str):
    conn = connect(url)
    for statement in sql:
        conn.execute(statement)
    return conn


def insert(conn, table_name: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
    """Insert `rows` with the driver's placeholders (psycopg `%s`, sqlite3 `?`)."""
    mark = "%s" if conn.url.provider == "postgresql" else "?"
    cols = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join(mark for _ in columns)
    with conn.transaction():
        for row in rows:
            conn.execute(f'INSERT INTO "{table_name}" ({cols}) VALUES ({marks})', row)


def change_columns(previous: Table, next: Table, provider_name: str):
    """The step a differ would produce for column changes on `provider_name`: an `AlterTable` of
    `AlterColumn`s where the dialect alters columns in place, SQLite's `RedefineTable` otherwise."""
    from midair.checks.plan import dialect_checks
    from midair.diff.changes import AlterColumn, AlterTable, ColumnChange, RedefineTable
    from midair.schema.pair import Pair

    pairs = [Pair(p, next.column(p.name)) for p in previous.columns if next.column(p.name) is not None]
    if get_dialect(provider_name).supports_alter_column:
        changes = []
        for pair in pairs:
            if pair.previous == pair.next:
                continue
            flags = ColumnChange.NONE
            if pair.previous.type != pair.next.type:
                flags |= ColumnChange.TYPE
            if pair.previous.nullable != pair.next.nullable:
                flags |= ColumnChange.NULLABILITY
            cast = dialect_checks(provider_name).cast_kind(pair.previous.type, pair.next.type)
            changes.append(AlterColumn(pair, flags, cast))
        return AlterTable(Pair(previous, next), tuple(changes))
    return RedefineTable(Pair(previous, next), tuple(pairs))
