"""SQLite SQL for each `Change`, in Prisma's text style (see `dialects/postgres/render.py` for the
conventions). Foreign keys live inside CREATE TABLE; consecutive `RedefineTable` steps render as one
``-- RedefineTables`` block (`rebuild.py`). Steps SQLite cannot take (enums, foreign keys or
primary keys changed in place, column alterations) raise `UnsupportedError`: the differ turns those
into table rebuilds, so they only reach this renderer when built by hand.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import assert_never

from midair.diff.changes import (
    AddColumn,
    AddForeignKey,
    AlterEnum,
    AlterExtension,
    AlterTable,
    Change,
    CreateEnum,
    CreateExtension,
    CreateIndex,
    CreateSchema,
    CreateTable,
    DropEnum,
    DropExtension,
    DropForeignKey,
    DropIndex,
    DropTable,
    RedefineIndex,
    RedefineTable,
    RenameForeignKey,
    RenameIndex,
    RenameTable,
)
from midair.dialects.postgres.render import RenderedStep
from midair.dialects.sqlite.rebuild import rebuild_statements
from midair.errors import UnsupportedError
from midair.schema.model import Column, Index, Schema, Table
from midair.schema.pair import Pair

INDENT = "    "


def q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _unsupported(what: str) -> UnsupportedError:
    return UnsupportedError(
        f"SQLite cannot {what} in place.",
        hint="Let `midair migrate diff` plan the change: it rebuilds the table (RedefineTables) instead.",
    )


class SqliteRenderer:
    def __init__(self, schemas: Pair[Schema] | None = None) -> None:
        self.schemas = schemas

    def render(self, steps: Sequence[Change]) -> list[RenderedStep]:
        out: list[RenderedStep] = []
        i = 0
        while i < len(steps):
            change = steps[i]
            if isinstance(change, RedefineTable):
                group = [change]
                while i + 1 < len(steps) and isinstance(steps[i + 1], RedefineTable):
                    i += 1
                    group.append(steps[i])  # type: ignore[arg-type]
                stmts = rebuild_statements(group, self.create_table, self.create_index)
                out.append(RenderedStep(change.description, stmts, change))
            else:
                stmts = self.render_change(change)
                if stmts:
                    out.append(RenderedStep(change.description, stmts, change))
            i += 1
        return out

    def render_change(self, change: Change) -> list[str]:
        match change:
            case CreateSchema():
                raise UnsupportedError("SQLite has no schemas (namespaces): `@@schema` needs PostgreSQL.")
            case CreateExtension() | DropExtension() | AlterExtension():
                raise UnsupportedError("SQLite has no extensions: `extensions = [...]` needs PostgreSQL.")
            case CreateEnum() | AlterEnum() | DropEnum():
                raise UnsupportedError("SQLite has no enum types: enums are stored as TEXT columns.")
            case CreateTable():
                return [self.create_table(change.table)]
            case DropTable():
                # Foreign keys are part of the tables: switch enforcement off so that tables can be
                # dropped in any order (Prisma does the same).
                return ["PRAGMA foreign_keys=off", f"DROP TABLE {q(change.table.name)}", "PRAGMA foreign_keys=on"]
            case RenameTable():
                return [f"ALTER TABLE {q(change.tables.previous.name)} RENAME TO {q(change.tables.next.name)}"]
            case AlterTable():
                return self.alter_table(change)
            case RedefineTable():
                return rebuild_statements([change], self.create_table, self.create_index)
            case CreateIndex():
                return [self.create_index(change.table, change.index)]
            case DropIndex():
                return [f"DROP INDEX {q(change.index.name)}"]
            case RedefineIndex():
                return [f"DROP INDEX {q(change.indexes.previous.name)}", self.create_index(change.table, change.indexes.next)]
            case RenameIndex():
                raise _unsupported("rename an index")
            case AddForeignKey():
                raise _unsupported("add a foreign key to an existing table")
            case DropForeignKey():
                raise _unsupported("drop a foreign key")
            case RenameForeignKey():
                raise _unsupported("rename a foreign key")
            case _:
                assert_never(change)

    @staticmethod
    def column(c: Column, table: Table) -> str:
        pk = table.primary_key
        single_pk = pk is not None and len(pk.columns) == 1 and pk.columns[0].name == c.name
        text = f"{q(c.name)} {c.type.name}"
        if not c.nullable:
            text += " NOT NULL"
        if single_pk:
            text += " PRIMARY KEY"
            if c.type.name == "INTEGER":
                text += " AUTOINCREMENT"
        if c.default is not None:
            text += f" DEFAULT {c.default}"
        return text

    def create_table(self, t: Table, name: str | None = None) -> str:
        body = ",\n".join(INDENT + self.column(c, t) for c in t.columns)
        pk = t.primary_key
        if pk is not None and len(pk.columns) > 1:
            body += f",\n\n{INDENT}PRIMARY KEY ({', '.join(q(c) for c in pk.column_names)})"
        for fk in t.foreign_keys:
            named = f"CONSTRAINT {q(fk.name)} " if fk.name else ""
            body += (
                f",\n{INDENT}{named}FOREIGN KEY ({', '.join(q(c) for c in fk.columns)}) "
                f"REFERENCES {q(fk.referenced_table)} ({', '.join(q(c) for c in fk.referenced_columns)}) "
                f"ON DELETE {fk.on_delete} ON UPDATE {fk.on_update}"
            )
        return f"CREATE TABLE {name or q(t.name)} (\n{body}\n)"

    @staticmethod
    def create_index(t: Table, index: Index) -> str:
        unique = "UNIQUE " if index.unique else ""
        cols = ", ".join(q(c.name) + (f" {c.sort}" if c.sort else "") for c in index.columns)
        where = f" WHERE {index.where}" if index.where else ""
        return f"CREATE {unique}INDEX {q(index.name)} ON {q(t.name)}({cols}){where}"

    def alter_table(self, change: AlterTable) -> list[str]:
        out = []
        for c in change.changes:
            if isinstance(c, AddColumn):
                out.append(
                    f"ALTER TABLE {q(change.tables.previous.name)} ADD COLUMN {self.column(c.column, change.tables.next)}"
                )
            else:
                raise _unsupported(f"apply `{type(c).__name__}`")
        return out


def render(steps: Sequence[Change], schemas: Pair[Schema] | None = None) -> list[RenderedStep]:
    return SqliteRenderer(schemas).render(steps)


__all__ = ["SqliteRenderer", "render"]
