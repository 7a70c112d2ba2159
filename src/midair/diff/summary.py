"""The human summary of a migration, as ``prisma migrate diff`` prints it without ``--script``
(and as drift is reported): sections in a fixed order, then one line per change.

Section order (Prisma's `DriftType`): changed, removed and added extensions (one section each),
added schemas, added enums, added tables, removed enums, removed tables, redefined tables, changed enums (by name), changed tables (by name). Within a changed table the
lines follow the steps in execution order::

    [+] Added tables
      - Match

    [*] Changed the `User` table
      [+] Added column `email`
      [+] Added unique index on columns (email)
"""

from __future__ import annotations

import re
from collections.abc import Sequence

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
from midair.schema.model import Column

NO_DIFFERENCE = "No difference detected."

# Prisma's DriftType order (extensions first, one section per extension, as Prisma prints them).
(
    ALTERED_EXTENSION,
    DROPPED_EXTENSION,
    CREATED_EXTENSION,
    ADDED_SCHEMA,
    ADDED_ENUM,
    ADDED_TABLE,
    REMOVED_ENUM,
    REMOVED_TABLE,
    REDEFINED_TABLE,
    CHANGED_ENUM,
    CHANGED_TABLE,
) = range(11)


def _arity(c: Column) -> str:
    return "List" if c.type.array else ("Nullable" if c.nullable else "Required")


def _rust_str(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _debug_default(c: Column) -> str:
    """The default as Prisma's summary prints it (the engine's debug form: ``Some(Value(Int(1)))``,
    ``Some(Now)``, ``None``)."""
    d = c.default
    if d is None:
        return "None"
    if d.upper() in ("CURRENT_TIMESTAMP", "NOW()"):
        return "Some(Now)"
    m = re.fullmatch(r"ARRAY\[(.*)\]::.*", d, flags=re.S)
    if m:
        items = [_debug_value(c, x) for x in _split_items(m.group(1))]
        if all(items):
            return f"Some(Value(List([{', '.join(items)}])))"  # type: ignore[arg-type]
    value = _debug_value(c, d)
    return f"Some(Value({value}))" if value else f"Some(DbGenerated(Some({_rust_str(d)})))"


def _debug_value(c: Column, d: str) -> str | None:
    if len(d) >= 2 and d[0] == "'" and d[-1] == "'":
        text = d[1:-1].replace("''", "'")
        kind = "Enum" if c.type.enum else "Json" if "JSON" in c.type.name else "String"
        return f"{kind}({_rust_str(text)})"
    if d in ("true", "false"):
        return f"Boolean({d})"
    if d.lstrip("-").isdigit():
        return f"{'BigInt' if c.type.name == 'BIGINT' else 'Int'}({d})"
    return None


def _split_items(text: str) -> list[str]:
    """``'a', 'b''c', 3`` → its items (commas inside quotes kept)."""
    items, cur, quoted = [], "", False
    for ch in text:
        if ch == "'":
            quoted = not quoted
        if ch == "," and not quoted:
            items.append(cur.strip())
            cur = ""
        else:
            cur += ch
    if cur.strip():
        items.append(cur.strip())
    return items


def _column_changes(previous: Column, next: Column, changes: ColumnChange) -> str:
    parts = []
    if changes & ColumnChange.NULLABILITY:
        parts.append(f"changed from {_arity(previous)} to {_arity(next)}")
    if changes & ColumnChange.DEFAULT:
        parts.append(f"default changed from `{_debug_default(previous)}` to `{_debug_default(next)}`")
    if changes & ColumnChange.TYPE:
        parts.append("type changed")
    if changes & ColumnChange.AUTOINCREMENT:
        parts.append(
            "column is no longer autoincrementing" if previous.autoincrement else "column became autoincrementing"
        )
    return "(" + ", ".join(parts) + ")"


def _item(step: Change) -> tuple[int, str] | None:
    match step:
        case CreateEnum():
            return ADDED_ENUM, ""
        case CreateTable():
            return ADDED_TABLE, ""
        case DropEnum():
            return REMOVED_ENUM, ""
        case DropTable():
            return REMOVED_TABLE, ""
        case RedefineTable():
            return REDEFINED_TABLE, step.tables.previous.name
        case AlterEnum():
            return CHANGED_ENUM, step.enums.previous.name
        case AlterTable() | RenameTable():
            return CHANGED_TABLE, step.tables.previous.name
        case DropForeignKey() | DropIndex():
            return CHANGED_TABLE, step.table.name
        case CreateIndex() | AddForeignKey() | RenameIndex() | RedefineIndex() | RenameForeignKey():
            return CHANGED_TABLE, step.table.name
        case CreateSchema():
            return ADDED_SCHEMA, ""
        case CreateExtension():
            return CREATED_EXTENSION, step.extension.name
        case DropExtension():
            return DROPPED_EXTENSION, step.extension.name
        case AlterExtension():
            return ALTERED_EXTENSION, step.extensions.previous.name
    return None


def _header(kind: int, name: str) -> str:
    return {
        ADDED_SCHEMA: "\n[+] Added Schemas\n",
        ADDED_ENUM: "\n[+] Added enums\n",
        ADDED_TABLE: "\n[+] Added tables\n",
        REMOVED_ENUM: "\n[-] Removed enums\n",
        REMOVED_TABLE: "\n[-] Removed tables\n",
        REDEFINED_TABLE: f"\n[*] Redefined table `{name}`\n",
        CHANGED_ENUM: f"\n[*] Changed the `{name}` enum\n",
        CHANGED_TABLE: f"\n[*] Changed the `{name}` table\n",
        CREATED_EXTENSION: "\n[+] Added extensions\n",
        ALTERED_EXTENSION: f"\n[*] Changed the `{name}` extension\n",
        # Prisma's header ends with a stray backtick, and a dropped extension has no line of its own.
        DROPPED_EXTENSION: "\n[-] Removed extensions\n`",
    }[kind]


def _lines(step: Change) -> list[str]:
    match step:
        case CreateSchema():
            return [f"  - {step.name}"]
        case CreateExtension():
            return [f"  - {step.extension.name}"]
        case CreateEnum():
            return [f"  - {step.enum.name}"]
        case CreateTable():
            return [f"  - {step.table.name}"]
        case DropEnum():
            return [f"  - {step.enum.name}"]
        case DropTable():
            return [f"  - {step.table.name}"]
        case AlterEnum():
            return [f"  [+] Added variant `{v}`" for v in step.added_values] + [
                f"  [-] Removed variant `{v}`" for v in step.dropped_values
            ]
        case DropForeignKey():
            return [f"  [-] Removed foreign key on columns ({', '.join(step.foreign_key.columns)})"]
        case DropIndex():
            unique = "unique " if step.index.unique else ""
            return [f"  [-] Removed {unique}index on columns ({', '.join(step.index.column_names)})"]
        case CreateIndex():
            unique = "unique " if step.index.unique else ""
            return [f"  [+] Added {unique}index on columns ({', '.join(step.index.column_names)})"]
        case AddForeignKey():
            return [f"  [+] Added foreign key on columns ({', '.join(step.foreign_key.columns)})"]
        case RenameIndex():
            return [f"  [*] Renamed index `{step.indexes.previous.name}` to `{step.indexes.next.name}`"]
        case RedefineIndex():
            return [f"  [*] Redefined index `{step.indexes.previous.name}`"]
        case RenameForeignKey():
            f = step.foreign_keys
            return [f'  [*] Renamed the foreign key "{f.previous.name}" to "{f.next.name}"']
        case RenameTable():
            return [f"  [*] Renamed the table to `{step.tables.next.name}`"]
        case AlterTable():
            out = []
            for c in step.changes:
                match c:
                    case AddColumn():
                        out.append(f"  [+] Added column `{c.column.name}`")
                    case DropColumn():
                        out.append(f"  [-] Removed column `{c.column.name}`")
                    case AlterColumn():
                        p, n = c.columns.previous, c.columns.next
                        out.append(f"  [*] Altered column `{n.name}` {_column_changes(p, n, c.changes)}")
                    case DropAndRecreateColumn():
                        p, n = c.columns.previous, c.columns.next
                        out.append(
                            f"  [*] Column `{n.name}` would be dropped and recreated {_column_changes(p, n, c.changes)}"
                        )
                    case DropPrimaryKey():
                        out.append(f"  [-] Dropped the primary key on columns ({', '.join(c.primary_key.column_names)})")
                    case RenamePrimaryKey():
                        cols = ", ".join(c.primary_keys.previous.column_names)
                        out.append(f"  [*] Renamed the primary key on columns ({cols})")
                    case AddPrimaryKey():
                        # Prisma prints a stray ")" line after this one; kept for identical output.
                        out.append(f"  [+] Added primary key on columns ({', '.join(c.primary_key.column_names)})\n)")
            return out
    return []


def summary(steps: Sequence[Change]) -> str:
    """The summary text (``No difference detected.`` when there is no step)."""
    if not steps:
        return NO_DIFFERENCE
    items = []
    for i, step in enumerate(steps):
        item = _item(step)
        if item is not None:
            items.append((item[0], item[1].encode(), i, item[1]))
    items.sort()
    out = []
    state: tuple[int, bytes] | None = None
    for kind, key, i, name in items:
        if state != (kind, key):
            out.append(_header(kind, name))
            state = (kind, key)
        out.extend(line + "\n" for line in _lines(steps[i]))
    return "".join(out)


__all__ = ["NO_DIFFERENCE", "summary"]
