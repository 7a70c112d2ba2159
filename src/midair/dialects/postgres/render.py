"""PostgreSQL SQL for each `Change`, in Prisma's text style.

Convention (Prisma's): a renderer returns the statements of one step *without* trailing ``;``;
`midair.render.sqlfile` adds ``;``, the ``-- <Description>`` header and the blank lines. Columns are
indented by four spaces, so ``ADD COLUMN`` + indented column gives Prisma's ``ADD COLUMN     "x"``.
One ``ALTER TABLE`` carries all clauses of a table, joined by ``,\\n``. Names are qualified with
their schema only in multi-schema setups (`Table.schema` set).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import assert_never

from midair.diff.changes import (
    AddColumn,
    AddForeignKey,
    AddPrimaryKey,
    AlterColumn,
    AlterEnum,
    AlterExtension,
    AlterTable,
    Change,
    ColumnChange,
    CreateEnum,
    CreateExtension,
    CreateIndex,
    CreateSchema,
    CreateTable,
    DropAndRecreateColumn,
    DropColumn,
    DropEnum,
    DropExtension,
    DropForeignKey,
    DropIndex,
    DropPrimaryKey,
    DropTable,
    RedefineIndex,
    RedefineTable,
    RenameForeignKey,
    RenameIndex,
    RenamePrimaryKey,
    RenameTable,
)
from midair.dialects.postgres.types import AUTOINCREMENT_TYPES, render_type
from midair.errors import UnsupportedError
from midair.schema.model import Column, Extension, ForeignKey, Index, Schema, Table
from midair.schema.pair import Pair

INDENT = "    "

ENUM_VALUES_WARNING = """-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.
"""


def q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def qualified(schema: str | None, name: str) -> str:
    return f"{q(schema)}.{q(name)}" if schema else q(name)


def parenthesized(predicate: str) -> str:
    """A partial index predicate inside one pair of parentheses, as Prisma writes it."""
    p = predicate.strip()
    return p if _enclosed(p) else f"({p})"


def _enclosed(p: str) -> bool:
    """Whether `p` is one parenthesised expression: ``(a) AND (b)`` is not."""
    if not (p.startswith("(") and p.endswith(")")):
        return False
    depth = 0
    for i, ch in enumerate(p):
        depth += ch == "("
        depth -= ch == ")"
        if depth == 0 and i < len(p) - 1:
            return False
    return True


def qs(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


@dataclass(frozen=True, slots=True)
class RenderedStep:
    """One step rendered: its header (``CreateTable``), statements without ``;``, and the change."""

    description: str
    statements: list[str]
    change: Change


class PostgresRenderer:
    """Renders `Change`s for PostgreSQL. `schemas` (previous, next) lets enum columns find their
    namespace in multi-schema setups; without it enums are taken to live in the default one."""

    def __init__(self, schemas: Pair[Schema] | None = None) -> None:
        self.enum_schema: dict[str, str | None] = {}
        self.table_schema: dict[str, str | None] = {}
        if schemas is not None:
            for s in (schemas.previous, schemas.next):
                for e in s.enums:
                    self.enum_schema[e.name] = e.schema
                for t in s.tables:
                    self.table_schema[t.name] = t.schema

    def render(self, steps: Sequence[Change]) -> list[RenderedStep]:
        out = []
        for change in steps:
            statements = self.render_change(change)
            if statements:
                out.append(RenderedStep(change.description, statements, change))
        return out

    def render_change(self, change: Change) -> list[str]:
        match change:
            case CreateSchema():
                return [f"CREATE SCHEMA IF NOT EXISTS {q(change.name)}"]
            case CreateExtension():
                return [self.create_extension(change.extension)]
            case DropExtension():
                return [f"DROP EXTENSION {q(change.extension.name)}"]
            case AlterExtension():
                e = change.extensions
                return [
                    f"ALTER EXTENSION {q(e.previous.name)} UPDATE TO {q(e.next.version or '')}"
                    if what == "version"
                    else f"ALTER EXTENSION {q(e.previous.name)} SET SCHEMA {q(e.next.schema or '')}"
                    for what in change.changes
                ]
            case CreateEnum():
                values = ", ".join(qs(v) for v in change.enum.values)
                return [f"CREATE TYPE {qualified(change.enum.schema, change.enum.name)} AS ENUM ({values})"]
            case AlterEnum():
                return self.alter_enum(change)
            case DropEnum():
                return [f"DROP TYPE {qualified(change.enum.schema, change.enum.name)}"]
            case CreateTable():
                return [self.create_table(change.table)]
            case DropTable():
                return [f"DROP TABLE {qualified(change.table.schema, change.table.name)}"]
            case RenameTable():
                t = change.tables
                return [f"ALTER TABLE {self.table(t.previous)} RENAME TO {q(t.next.name)}"]
            case AlterTable():
                return self.alter_table(change)
            case RedefineTable():
                raise UnsupportedError(
                    "PostgreSQL alters tables in place: a `RedefineTable` step (SQLite's table rebuild) "
                    "cannot be rendered for it."
                )
            case CreateIndex():
                return [self.create_index(change.table, change.index, change.concurrently)]
            case DropIndex():
                return [f"DROP INDEX {qualified(change.table.schema, change.index.name)}"]
            case RenameIndex():
                i = change.indexes
                return [f"ALTER INDEX {qualified(change.table.schema, i.previous.name)} RENAME TO {q(i.next.name)}"]
            case RedefineIndex():
                i = change.indexes
                return [
                    f"DROP INDEX {qualified(change.table.schema, i.previous.name)}",
                    self.create_index(change.table, i.next, False),
                ]
            case AddForeignKey():
                return [self.add_foreign_key(change.table, change.foreign_key, change.not_valid)]
            case DropForeignKey():
                fk = change.foreign_key
                return [f"ALTER TABLE {self.table(change.table)} DROP CONSTRAINT {q(fk.name or '')}"]
            case RenameForeignKey():
                f = change.foreign_keys
                return [
                    f"ALTER TABLE {self.table(change.table)} RENAME CONSTRAINT "
                    f"{q(f.previous.name or '')} TO {q(f.next.name or '')}"
                ]
            case _:
                assert_never(change)

    # --- pieces -------------------------------------------------------------------------------

    @staticmethod
    def create_extension(e: Extension) -> str:
        """Prisma's text: ``WITH`` only when a schema or version is given; both are quoted as
        identifiers (``VERSION "1.6"``), which PostgreSQL accepts."""
        sql = f"CREATE EXTENSION IF NOT EXISTS {q(e.name)}"
        if e.schema or e.version:
            sql += " WITH"
        if e.schema:
            sql += f" SCHEMA {q(e.schema)}"
        if e.version:
            sql += f" VERSION {q(e.version)}"
        return sql

    @staticmethod
    def table(t: Table) -> str:
        return qualified(t.schema, t.name)

    def named_table(self, name: str) -> str:
        """A table known by name only (enum usages), qualified when the schemas say where it is."""
        return qualified(self.table_schema.get(name), name)

    def column_type(self, c: Column) -> str:
        t = c.type
        if c.autoincrement and not t.array and t.name in AUTOINCREMENT_TYPES:
            return AUTOINCREMENT_TYPES[t.name]
        return render_type(t, q, self.enum_schema.get(t.enum) if t.enum else None)

    def column(self, c: Column) -> str:
        not_null = " NOT NULL" if not c.nullable and not c.type.array else ""
        default = f" DEFAULT {c.default}" if c.default is not None and not c.autoincrement else ""
        return f"{INDENT}{q(c.name)} {self.column_type(c)}{not_null}{default}"

    def create_table(self, t: Table, name: str | None = None) -> str:
        columns = ",\n".join(self.column(c) for c in t.columns)
        pk = ""
        if t.primary_key is not None:
            named = f"CONSTRAINT {q(t.primary_key.name)} " if t.primary_key.name else ""
            cols = ",".join(q(c) for c in t.primary_key.column_names)
            pk = f",\n\n{INDENT}{named}PRIMARY KEY ({cols})"
        return f"CREATE TABLE {name or self.table(t)} (\n{columns}{pk}\n)"

    def create_index(self, t: Table, index: Index, concurrently: bool) -> str:
        unique = "UNIQUE " if index.unique else ""
        conc = "CONCURRENTLY " if concurrently else ""
        using = f" USING {index.method} " if index.method else ""
        cols = []
        for c in index.columns:
            text = q(c.name)
            if c.opclass:
                text += f" {c.opclass}"
            if c.sort:
                text += f" {c.sort}"
            cols.append(text)
        where = f" WHERE {parenthesized(index.where)}" if index.where else ""
        return f"CREATE {unique}INDEX {conc}{q(index.name)} ON {self.table(t)}{using}({', '.join(cols)}){where}"

    def add_foreign_key(self, t: Table, fk: ForeignKey, not_valid: bool = False) -> str:
        cols = ", ".join(q(c) for c in fk.columns)
        refs = ", ".join(q(c) for c in fk.referenced_columns)
        named = f"CONSTRAINT {q(fk.name)} " if fk.name else ""
        ref_table = qualified(fk.referenced_schema, fk.referenced_table)
        tail = " NOT VALID" if not_valid else ""
        return (
            f"ALTER TABLE {self.table(t)} ADD {named}FOREIGN KEY ({cols}) REFERENCES {ref_table}({refs}) "
            f"ON DELETE {fk.on_delete} ON UPDATE {fk.on_update}{tail}"
        )

    def alter_table(self, change: AlterTable) -> list[str]:
        tables = change.tables
        lines: list[str] = []
        before: list[str] = []
        after: list[str] = []
        for c in change.changes:
            match c:
                case DropPrimaryKey():
                    lines.append(f"DROP CONSTRAINT {q(c.primary_key.name or '')}")
                case RenamePrimaryKey():
                    p = c.primary_keys
                    lines.append(f"RENAME CONSTRAINT {q(p.previous.name or '')} TO {q(p.next.name or '')}")
                case AddPrimaryKey():
                    named = f"CONSTRAINT {q(c.primary_key.name)} " if c.primary_key.name else ""
                    cols = ", ".join(q(n) for n in c.primary_key.column_names)
                    lines.append(f"ADD {named}PRIMARY KEY ({cols})")
                case AddColumn():
                    lines.append(f"ADD COLUMN {self.column(c.column)}")
                case DropColumn():
                    lines.append(f"DROP COLUMN {q(c.column.name)}")
                case AlterColumn():
                    self.alter_column(tables.next, c, before, lines, after)
                case DropAndRecreateColumn():
                    lines.append(f"DROP COLUMN {q(c.columns.previous.name)}")
                    lines.append(f"ADD COLUMN {self.column(c.columns.next)}")
                case _:
                    assert_never(c)
        if not lines:
            return []
        return [*before, f"ALTER TABLE {self.table(tables.previous)} " + ",\n".join(lines), *after]

    def alter_column(
        self, table: Table, c: AlterColumn, before: list[str], lines: list[str], after: list[str]
    ) -> None:
        prev, nxt = c.columns.previous, c.columns.next
        prefix = f"ALTER COLUMN {q(prev.name)}"
        set_type = False
        # Prisma's order of ColumnChanges flags: arity, default, type, autoincrement.
        if c.changes & ColumnChange.NULLABILITY:
            p_list, n_list = prev.type.array, nxt.type.array
            if p_list != n_list:
                set_type = True
            if n_list:
                pass
            elif nxt.nullable and (not prev.nullable or p_list):
                lines.append(f"{prefix} DROP NOT NULL")
            elif not nxt.nullable and (prev.nullable or p_list):
                lines.append(f"{prefix} SET NOT NULL")
        if c.changes & ColumnChange.DEFAULT:
            if nxt.default is not None:
                lines.append(f"{prefix} SET DEFAULT {nxt.default}")
            else:
                lines.append(f"{prefix} DROP DEFAULT")
        if c.changes & ColumnChange.TYPE:
            set_type = True
        if c.changes & ColumnChange.AUTOINCREMENT:
            if prev.autoincrement:
                lines.append(f"{prefix} DROP DEFAULT")
                # The sequence SERIAL created goes too. Prisma names it from the introspected
                # default; between two schema files it has no name and writes `DROP SEQUENCE ""`,
                # which fails: we write the name PostgreSQL gave it.
                ns = f"{q(table.schema)}." if table.schema else ""
                after.append(f"DROP SEQUENCE {ns}{q(serial_sequence_name(table.name, prev.name))}")
            else:
                ns = f"{q(table.schema)}." if table.schema else ""
                seq = f"{ns}{table.name}_{nxt.name}_seq".lower()
                before.append(f"CREATE SEQUENCE {seq}")
                lines.append(f"{prefix} SET DEFAULT nextval({qs(seq)})")
                after.append(f"ALTER SEQUENCE {seq} OWNED BY {self.table(table)}.{q(nxt.name)}")
        if set_type:
            t = render_type(nxt.type, q, self.enum_schema.get(nxt.type.enum) if nxt.type.enum else None)
            lines.append(f"{prefix} SET DATA TYPE {t}")

    def alter_enum(self, change: AlterEnum) -> list[str]:
        enums = change.enums
        name = qualified(enums.previous.schema, enums.previous.name)
        if not change.dropped_values:
            stmts = [f"ALTER TYPE {name} ADD VALUE {qs(v)}" for v in change.added_values]
            if len(stmts) > 1:
                stmts[0] = f"{ENUM_VALUES_WARNING}\n\n{stmts[0]}"
            return stmts
        nxt = enums.next
        tmp = f"{nxt.name}_new"
        tmp_q = qualified(nxt.schema, tmp)
        old = f"{enums.previous.name}_old"
        stmts = ["BEGIN"]
        stmts.append(f"CREATE TYPE {tmp_q} AS ENUM ({', '.join(qs(v) for v in nxt.values)})")
        for table, col in change.used_by:
            stmts.append(f"ALTER TABLE {self.named_table(table)} ALTER COLUMN {q(col.name)} DROP DEFAULT")
        for table, col in change.next_usages:
            arr = "[]" if col.type.array else ""
            stmts.append(
                f"ALTER TABLE {self.named_table(table)} ALTER COLUMN {q(col.name)} TYPE {tmp_q}{arr} "
                f"USING ({q(col.name)}::text::{tmp_q}{arr})"
            )
        stmts.append(f"ALTER TYPE {name} RENAME TO {q(old)}")
        stmts.append(f"ALTER TYPE {tmp_q} RENAME TO {q(nxt.name)}")
        stmts.append(f"DROP TYPE {qualified(enums.previous.schema, old)}")
        for table, col in change.reinstated_defaults:
            stmts.append(f"ALTER TABLE {self.named_table(table)} ALTER COLUMN {q(col.name)} SET DEFAULT {col.default}")
        stmts.append("COMMIT")
        return stmts


def serial_sequence_name(table: str, column: str) -> str:
    """The sequence PostgreSQL creates for a SERIAL column: ``{table}_{column}_seq``, with the
    longer of the two parts cut until the name fits in 63 bytes (PostgreSQL's `makeObjectName`)."""
    t, c = table.encode(), column.encode()
    while len(t) + len(c) + len("__seq") > 63:
        if len(t) >= len(c):
            t = t[:-1]
        else:
            c = c[:-1]
    return f"{t.decode(errors='ignore')}_{c.decode(errors='ignore')}_seq"


def render(steps: Sequence[Change], schemas: Pair[Schema] | None = None) -> list[RenderedStep]:
    return PostgresRenderer(schemas).render(steps)


__all__ = ["PostgresRenderer", "RenderedStep", "render"]
