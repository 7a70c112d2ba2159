"""Drift: the database differs from what its applied migrations build.

`detect` diffs the shadow state (what the migrations build) against the live database and `explain`
turns the steps into plain sentences that name the objects, so a developer can tell which change
was made by hand (``Column `Match`.`notes` was added to the database outside the migrations``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from midair.schema.model import Schema

_OUTSIDE = "outside the migrations"


@dataclass(frozen=True, slots=True)
class Drift:
    """The differences between what the migrations build (`expected`) and the database (`actual`),
    as steps (from expected to actual) and as sentences."""

    steps: tuple[Any, ...]
    lines: tuple[str, ...]

    def __bool__(self) -> bool:
        return bool(self.steps)

    def summary(self) -> str:
        return "\n".join(f"  - {line}" for line in self.lines)


def detect(expected: Schema, actual: Schema, provider: str) -> Drift:
    from midair.diff import diff

    steps = tuple(diff(expected, actual, provider).steps)
    return Drift(steps, tuple(explain(steps)))


def _cols(names: Any) -> str:
    return ", ".join(f"`{n}`" for n in names)


def explain(steps: Any) -> list[str]:
    """One sentence per difference, in the database's terms (tables, columns, indexes, keys)."""
    from midair.diff import changes as c

    lines: list[str] = []
    for step in steps:
        match step:
            case c.CreateTable(table=t):
                lines.append(f"Table `{t.name}` exists in the database but no migration creates it.")
            case c.DropTable(table=t):
                lines.append(f"Table `{t.name}` is missing from the database: it was dropped {_OUTSIDE}.")
            case c.RenameTable(tables=p):
                lines.append(f"Table `{p.previous.name}` was renamed to `{p.next.name}` {_OUTSIDE}.")
            case c.CreateEnum(enum=e):
                lines.append(f"Enum `{e.name}` exists in the database but no migration creates it.")
            case c.DropEnum(enum=e):
                lines.append(f"Enum `{e.name}` is missing from the database.")
            case c.AlterEnum(enums=p, added_values=added, dropped_values=dropped):
                if added:
                    lines.append(f"Enum `{p.next.name}` has value(s) {_cols(added)} added {_OUTSIDE}.")
                if dropped:
                    lines.append(f"Enum `{p.next.name}` lost value(s) {_cols(dropped)} {_OUTSIDE}.")
            case c.AlterTable(tables=p, changes=changes):
                lines += [_table_change(p.next.name, ch) for ch in changes]
            case c.RedefineTable(tables=p, added=added, dropped=dropped):
                for col in added:
                    lines.append(f"Column `{p.next.name}`.`{col.name}` was added to the database {_OUTSIDE}.")
                for col in dropped:
                    lines.append(f"Column `{p.next.name}`.`{col.name}` is missing from the database.")
                if not added and not dropped:
                    lines.append(f"Table `{p.next.name}` was changed {_OUTSIDE} (columns, keys or constraints).")
            case c.CreateIndex(table=t, index=i):
                kind = "Unique index" if i.unique else "Index"
                lines.append(f"{kind} `{i.name}` on `{t.name}` exists in the database but no migration creates it.")
            case c.DropIndex(table=t, index=i):
                lines.append(f"Index `{i.name}` on `{t.name}` is missing from the database.")
            case c.RenameIndex(table=t, indexes=p):
                lines.append(f"Index `{p.previous.name}` on `{t.name}` was renamed to `{p.next.name}` {_OUTSIDE}.")
            case c.AddForeignKey(table=t, foreign_key=fk):
                lines.append(
                    f"Foreign key `{fk.name or ''}` on `{t.name}` ({_cols(fk.columns)} -> `{fk.referenced_table}`) "
                    f"exists in the database but no migration creates it."
                )
            case c.DropForeignKey(table=t, foreign_key=fk):
                lines.append(f"Foreign key `{fk.name or ''}` on `{t.name}` is missing from the database.")
            case c.RenameForeignKey(table=t, foreign_keys=p):
                lines.append(f"Foreign key `{p.previous.name}` on `{t.name}` was renamed to `{p.next.name}` {_OUTSIDE}.")
            case _:
                lines.append(f"{getattr(step, 'description', type(step).__name__)} differs {_OUTSIDE}.")
    return lines


def _table_change(table: str, ch: Any) -> str:
    from midair.diff import changes as c

    match ch:
        case c.AddColumn(column=col):
            return f"Column `{table}`.`{col.name}` was added to the database {_OUTSIDE}."
        case c.DropColumn(column=col):
            return f"Column `{table}`.`{col.name}` is missing from the database: it was dropped {_OUTSIDE}."
        case c.AlterColumn(columns=p, changes=what) | c.DropAndRecreateColumn(columns=p, changes=what):
            parts = []
            if c.ColumnChange.TYPE in what:
                parts.append(f"type {p.previous.type.name} -> {p.next.type.name}")
            if c.ColumnChange.NULLABILITY in what:
                parts.append("now NULL allowed" if p.next.nullable else "now NOT NULL")
            if c.ColumnChange.DEFAULT in what:
                parts.append(f"default {p.previous.default or 'none'} -> {p.next.default or 'none'}")
            detail = ", ".join(parts) or "changed"
            return f"Column `{table}`.`{p.next.name}` was changed {_OUTSIDE} ({detail})."
        case c.DropPrimaryKey():
            return f"The primary key of `{table}` was dropped {_OUTSIDE}."
        case c.AddPrimaryKey():
            return f"A primary key was added to `{table}` {_OUTSIDE}."
        case c.RenamePrimaryKey(primary_keys=p):
            return f"The primary key of `{table}` was renamed from `{p.previous.name}` to `{p.next.name}` {_OUTSIDE}."
        case _:
            return f"Table `{table}` was changed {_OUTSIDE}."
