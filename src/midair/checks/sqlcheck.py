"""Checks for migration SQL read from a file (hand-written, or generated earlier and maybe edited),
so that `migrate deploy` can count on the target before it runs anything.

1. The dialect's reader (`dialects/<d>/sqlread.py`: pglast, PostgreSQL's own parser, for
   PostgreSQL; a reader of the statements Prisma emits, checked by SQLite's own parser, for SQLite)
   turns the script into `Effect` values, each with the line its statement starts on. A statement
   it cannot parse becomes `Unreadable` (never an exception).
2. `sql_checks` walks the effects in order against `before` (the schema the target has before the
   migration), keeping track of what the script itself creates and writes, and declares the same
   `Check` values `plan_checks` declares for generated steps (plus ``DELETE`` and ``TRUNCATE``).

What the script creates is not counted (a new table is empty, a new column does not exist yet),
and a table the script writes to (``UPDATE``, ``INSERT``, ``DELETE``) before a check on it is not
counted either: its rows before the migration are not the rows the step will see. Such checks
keep the conditional wording ("… will fail if …") and say why no number is given.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from importlib import import_module
from typing import TYPE_CHECKING, Sequence

from midair.checks.plan import Check, CheckKind, Count, CountKind, dialect_checks, type_text
from midair.diff.changes import CastKind
from midair.schema.model import Column, ColumnType, ForeignKey
from midair.schema.pair import Pair

if TYPE_CHECKING:
    from midair.schema.model import Schema


# --- what statements do (the readers' output) -----------------------------------------------------


@dataclass(frozen=True, slots=True)
class CreatedTable:
    table: str
    columns: tuple[Column, ...] = ()
    line: int = 0
    schema: str | None = None
    foreign_keys: tuple[ForeignKey, ...] = ()  # read by the SQLite reader (its rebuilds)


@dataclass(frozen=True, slots=True)
class DroppedTable:
    table: str
    line: int = 0
    schema: str | None = None


@dataclass(frozen=True, slots=True)
class RenamedTable:
    table: str
    to: str
    line: int = 0
    schema: str | None = None


@dataclass(frozen=True, slots=True)
class RenamedColumn:
    table: str
    column: str
    to: str
    line: int = 0
    schema: str | None = None


@dataclass(frozen=True, slots=True)
class CopiedRows:
    """``INSERT INTO into (into_columns) SELECT from_columns FROM source`` (SQLite's rebuild)."""

    into: str
    source: str
    into_columns: tuple[str, ...]
    from_columns: tuple[str, ...]
    line: int = 0
    schema: str | None = None


@dataclass(frozen=True, slots=True)
class AddedColumn:
    table: str
    column: Column  # `default` is set (to any text) when the column has a default or identity
    line: int = 0
    schema: str | None = None


@dataclass(frozen=True, slots=True)
class DroppedColumn:
    table: str
    column: str
    line: int = 0
    schema: str | None = None


@dataclass(frozen=True, slots=True)
class SetNotNull:
    table: str
    column: str
    line: int = 0
    schema: str | None = None


@dataclass(frozen=True, slots=True)
class ChangedType:
    """``ALTER COLUMN … TYPE``; `plain` when there is no USING or it only casts the column,
    otherwise `using` is the USING expression (SQL text)."""

    table: str
    column: str
    type: ColumnType
    plain: bool = True
    line: int = 0
    schema: str | None = None
    using: str | None = None


@dataclass(frozen=True, slots=True)
class AddedUnique:
    """A unique index or constraint; `columns` empty when it covers expressions; `partial`."""

    table: str
    name: str | None
    columns: tuple[str, ...]
    partial: bool = False
    line: int = 0
    schema: str | None = None


@dataclass(frozen=True, slots=True)
class AddedForeignKey:
    table: str
    name: str | None
    columns: tuple[str, ...]
    referenced_table: str
    referenced_columns: tuple[str, ...]
    validated: bool = True  # False for ``NOT VALID``: existing rows are not checked
    line: int = 0
    schema: str | None = None
    referenced_schema: str | None = None


@dataclass(frozen=True, slots=True)
class AddedCheck:
    """``ADD CONSTRAINT name CHECK (expr)``; `expr` is SQL text; not `validated` with NOT VALID."""

    table: str
    name: str | None
    expr: str
    validated: bool = True
    line: int = 0
    schema: str | None = None


@dataclass(frozen=True, slots=True)
class ValidatedConstraint:
    """``VALIDATE CONSTRAINT name``: the existing rows are checked now."""

    table: str
    name: str
    line: int = 0
    schema: str | None = None


@dataclass(frozen=True, slots=True)
class DroppedConstraint:
    table: str
    name: str
    line: int = 0
    schema: str | None = None


@dataclass(frozen=True, slots=True)
class Deleted:
    """``DELETE FROM table [AS alias] [WHERE where]`` (`where` is SQL text of the predicate)."""

    table: str
    where: str | None = None
    alias: str | None = None
    line: int = 0
    schema: str | None = None


@dataclass(frozen=True, slots=True)
class Truncated:
    table: str
    line: int = 0
    schema: str | None = None


@dataclass(frozen=True, slots=True)
class Wrote:
    """``UPDATE`` or ``INSERT`` into an existing table: later counts on it would be stale.

    `by` names a writer that is not a statement of the file (a backfill phase's batches, which
    run before its SQL)."""

    table: str
    line: int = 0
    schema: str | None = None
    by: str | None = None


@dataclass(frozen=True, slots=True)
class CreatedEnum:
    name: str
    values: tuple[str, ...]
    line: int = 0


@dataclass(frozen=True, slots=True)
class Unreadable:
    detail: str
    line: int = 0


Effect = (
    CreatedTable
    | DroppedTable
    | RenamedTable
    | RenamedColumn
    | CopiedRows
    | AddedColumn
    | DroppedColumn
    | SetNotNull
    | ChangedType
    | AddedUnique
    | AddedForeignKey
    | AddedCheck
    | ValidatedConstraint
    | DroppedConstraint
    | Deleted
    | Truncated
    | Wrote
    | CreatedEnum
    | Unreadable
)


def read_effects(sql: str, provider: str) -> list[Effect]:
    """The effects of `sql`'s statements, in order, read by the dialect's reader."""
    checks_module = dialect_checks(provider)
    package = checks_module.__name__.rsplit(".", 1)[0]
    return list(import_module(f"{package}.sqlread").read(sql))


# --- effects -> checks ----------------------------------------------------------------------------


class _Walker:
    def __init__(self, before: Schema, provider: str) -> None:
        self.before = before
        self.provider = provider
        self.checks: list[Check] = []
        self.created: set[str] = set()
        self.added: dict[tuple[str, str], Column] = {}
        # table -> (script, line, source) of the first statement that writes to it
        self.written: dict[str, tuple[int, int, str | None, str | None]] = {}
        self.script = 0  # index of the script being read (several migrations are read as one run)
        self.source: str | None = None  # its name (a migration), for messages
        self.enums: dict[str, tuple[str, ...]] = {}
        self.copies: dict[str, CopiedRows] = {}  # source table -> its copy (SQLite rebuild)
        self.new_tables: dict[str, CreatedTable] = {}
        # Renames made by the script so far: counts run before the migration, under the old names.
        self.old_table: dict[str, str] = {}
        self.old_column: dict[tuple[str, str], str] = {}
        # Constraints added NOT VALID, checked when a later statement validates them.
        self.not_valid: dict[tuple[str, str], AddedCheck | AddedForeignKey] = {}
        self.pending_drop: dict[str, DroppedTable] = {}

    def _stale(self, table: str, line: int) -> str | None:
        """Why `table` cannot be counted before the statement on `line`, if it cannot."""
        if table in self.created:
            return "the table is created by this migration"
        first = self.written.get(table)
        if first is not None and first[:2] < (self.script, line):
            if first[3]:
                return f"{first[3]} changes its rows first"
            where = f"line {first[1]}"
            if first[2] and first[2] != self.source:
                where += f" of `{first[2]}`"
            return f"the statement on {where} changes its rows first"
        return None

    def wrote(self, table: str, line: int, by: str | None = None) -> None:
        self.written.setdefault(table, (self.script, line, self.source, by))

    def _before_renames(self, count: Count) -> Count:
        table = self.old_table.get(count.table, count.table)
        ref = count.referenced_table
        return replace(
            count,
            table=table,
            columns=tuple(self.old_column.get((count.table, c), c) for c in count.columns),
            referenced_table=self.old_table.get(ref, ref) if ref else ref,
            referenced_columns=tuple(
                self.old_column.get((ref, c), c) if ref else c for c in count.referenced_columns
            ),
        )

    def add(self, check: Check, reason: str | None) -> None:
        if reason:
            check = replace(check, counts=(), uncounted=reason)
        elif self.old_table or self.old_column:
            check = replace(check, counts=tuple(self._before_renames(c) for c in check.counts))
        if self.source is not None:
            check = replace(check, source=self.source)
        self.checks.append(check)

    def column(self, table: str, name: str) -> Column | None:
        """A column as it is before the migration (under its name before any rename)."""
        t = self.before.table(self.old_table.get(table, table))
        return t.column(self.old_column.get((table, name), name)) if t else None

    def run(self, scripts: list[tuple[str | None, list[Effect]]]) -> list[Check]:
        i = 0
        for n, (source, effects) in enumerate(scripts):
            self.script, self.source = n, source
            for e in effects:
                self.effect(i, e)
                i += 1
        # A table dropped after its rows were copied but never renamed back: a plain drop.
        for drop in self.pending_drop.values():
            self.drop_table(i, drop)
        return self.checks

    def effect(self, i: int, e: Effect) -> None:
        if isinstance(e, Unreadable):
            self.add(Check(CheckKind.UNREADABLE_SQL, i, "", line=e.line, detail=e.detail), None)
        elif isinstance(e, CreatedTable):
            self.created.add(e.table)
            self.new_tables[e.table] = e
        elif isinstance(e, CreatedEnum):
            self.enums[e.name] = e.values
        elif isinstance(e, CopiedRows):
            self.copies[e.source] = e
        elif isinstance(e, DroppedTable):
            if e.table in self.copies:
                self.pending_drop[e.table] = e  # decided at the rename (SQLite's rebuild)
            elif e.table not in self.created:
                self.drop_table(i, e)
        elif isinstance(e, RenamedTable):
            if not self.renamed(i, e) and e.table not in self.created:
                self.old_table[e.to] = self.old_table.pop(e.table, e.table)
                for (t, c), old in list(self.old_column.items()):
                    if t == e.table:
                        self.old_column[(e.to, c)] = self.old_column.pop((t, c))
        elif isinstance(e, RenamedColumn):
            if e.table not in self.created and (e.table, e.column) not in self.added:
                self.old_column[(e.table, e.to)] = self.old_column.pop((e.table, e.column), e.column)
        elif isinstance(e, AddedColumn):
            self.added_column(i, e.table, e.schema, e.column, e.line)
        elif isinstance(e, DroppedColumn):
            self.dropped_column(i, e.table, e.schema, e.column, e.line)
        elif isinstance(e, SetNotNull):
            self.set_not_null(i, e.table, e.schema, e.column, e.line)
        elif isinstance(e, ChangedType):
            self.changed_type(i, e)
        elif isinstance(e, AddedUnique):
            self.added_unique(i, e)
        elif isinstance(e, AddedForeignKey):
            if not e.validated and e.name:
                self.not_valid[(e.table, e.name)] = e
            self.added_foreign_key(i, e)
        elif isinstance(e, AddedCheck):
            if not e.validated and e.name:
                self.not_valid[(e.table, e.name)] = e
            self.added_check(i, e)
        elif isinstance(e, ValidatedConstraint):
            added = self.not_valid.pop((e.table, e.name), None)
            if isinstance(added, AddedCheck):
                self.added_check(i, replace(added, validated=True, line=e.line))
            elif isinstance(added, AddedForeignKey):
                self.added_foreign_key(i, replace(added, validated=True, line=e.line))
        elif isinstance(e, DroppedConstraint):
            t = self.before.table(e.table)
            if t and t.primary_key and t.primary_key.name == e.name and e.table not in self.created:
                self.add(
                    Check(CheckKind.PRIMARY_KEY_CHANGE, i, e.table, e.schema, line=e.line,
                          counts=(Count(CountKind.ROWS, e.table, e.schema),)),
                    self._stale(e.table, e.line),
                )
        elif isinstance(e, Deleted):
            if e.table in self.created:
                return
            count = (
                Count(CountKind.MATCHING, e.table, e.schema, where=e.where, alias=e.alias)
                if e.where
                else Count(CountKind.ROWS, e.table, e.schema)
            )
            self.add(Check(CheckKind.DELETE_ROWS, i, e.table, e.schema, line=e.line, counts=(count,)),
                     self._stale(e.table, e.line))
            self.wrote(e.table, e.line)
        elif isinstance(e, Truncated):
            if e.table not in self.created:
                self.add(Check(CheckKind.TRUNCATE, i, e.table, e.schema, line=e.line,
                               counts=(Count(CountKind.ROWS, e.table, e.schema),)),
                         self._stale(e.table, e.line))
            self.wrote(e.table, e.line)
        elif isinstance(e, Wrote):
            self.wrote(e.table, e.line, e.by)

    # the kinds -----------------------------------------------------------------------------------

    def drop_table(self, i: int, e: DroppedTable) -> None:
        self.add(
            Check(CheckKind.DROP_TABLE, i, e.table, e.schema, line=e.line,
                  counts=(Count(CountKind.ROWS, e.table, e.schema),)),
            self._stale(e.table, e.line),
        )

    def added_column(self, i: int, table: str, schema: str | None, column: Column, line: int) -> None:
        self.added[(table, column.name)] = column
        if table in self.created or column.nullable or column.default is not None or column.autoincrement:
            return
        self.add(
            Check(CheckKind.ADDED_REQUIRED_COLUMN, i, table, schema, (column.name,), line=line,
                  counts=(Count(CountKind.ROWS, table, schema),)),
            self._stale(table, line),
        )

    def dropped_column(self, i: int, table: str, schema: str | None, column: str, line: int) -> None:
        if table in self.created or (table, column) in self.added:
            return
        self.add(
            Check(CheckKind.DROP_COLUMN, i, table, schema, (column,), line=line,
                  counts=(Count(CountKind.NON_NULL, table, schema, (column,)),)),
            self._stale(table, line),
        )

    def set_not_null(self, i: int, table: str, schema: str | None, column: str, line: int) -> None:
        if table in self.created:
            return
        reason = self._stale(table, line)
        if (table, column) in self.added:
            reason = f"`{column}` is added by this migration"
        self.add(
            Check(CheckKind.MADE_REQUIRED, i, table, schema, (column,), line=line,
                  counts=(Count(CountKind.NULLS, table, schema, (column,)),)),
            reason,
        )

    def changed_type(self, i: int, e: ChangedType) -> None:
        if e.table in self.created or (e.table, e.column) in self.added:
            return
        prev = self.column(e.table, e.column)
        reason = self._stale(e.table, e.line)
        if prev is None:
            # Not in the schema we were given: still report, with the conditional wording.
            self.add(
                Check(CheckKind.RISKY_CAST, i, e.table, e.schema, (e.column,), line=e.line,
                      types=Pair("?", type_text(e.type))),
                f"`{e.table}.{e.column}` is not in the target's schema",
            )
            return
        if prev.type.enum and e.type.name in self.enums:
            before_enum = self.before.enum(prev.type.enum)
            kept = set(self.enums[e.type.name])
            dropped = tuple(v for v in (before_enum.values if before_enum else ()) if v not in kept)
            if dropped:
                self.add(
                    Check(CheckKind.ENUM_VALUES_REMOVED, i, e.table, e.schema, (e.column,), line=e.line,
                          name=prev.type.enum, values=dropped, used_by=((e.table, e.column),),
                          counts=(Count(CountKind.VALUES_IN, e.table, e.schema, (e.column,),
                                        values=dropped, array=prev.type.array),)),
                    reason,
                )
            return
        cast = dialect_checks(self.provider).cast_kind(prev.type, e.type)
        if cast in (None, CastKind.SAFE):
            return
        if not e.plain and not e.using:
            reason = reason or "the conversion is a USING expression"
        self.add(
            Check(CheckKind.RISKY_CAST, i, e.table, e.schema, (e.column,), line=e.line,
                  types=Pair(type_text(prev.type), type_text(e.type)),
                  # A USING expression is tried as written (the dialect's probe), not as a cast.
                  counts=(Count(CountKind.NOT_CASTABLE, e.table, e.schema, (e.column,),
                                types=Pair(prev.type, e.type), where=None if e.plain else e.using),)),
            reason,
        )

    def added_unique(self, i: int, e: AddedUnique) -> None:
        if e.table in self.created:
            return
        old = self.before.table(self.old_table.get(e.table, e.table))
        if old is not None and e.columns:
            # An index the table already had, created again (every SQLite rebuild recreates its
            # indexes): its values are unique already.
            columns = tuple(self.old_column.get((e.table, c), c) for c in e.columns)
            existing = {ix.column_names for ix in old.indexes if ix.unique}
            if old.primary_key:
                existing.add(old.primary_key.column_names)
            if columns in existing:
                return
        reason = self._stale(e.table, e.line)
        new = [c for c in e.columns if (e.table, c) in self.added]
        if not e.columns:
            reason = "the index covers expressions"
        elif e.partial:
            reason = reason or "the index is partial"
        elif new:
            reason = ", ".join(f"`{c}`" for c in new) + " added by this migration"
        self.add(
            Check(CheckKind.UNIQUE_ADDITION, i, e.table, e.schema, e.columns, line=e.line,
                  name=e.name or f"{e.table}_{'_'.join(e.columns)}_key",
                  counts=(Count(CountKind.DUPLICATES, e.table, e.schema, e.columns),)),
            reason,
        )

    def added_foreign_key(self, i: int, e: AddedForeignKey) -> None:
        if e.table in self.created or not e.validated:
            return
        new = [c for c in e.columns if (e.table, c) in self.added]
        if new and all(self.added[(e.table, c)].nullable and self.added[(e.table, c)].default is None for c in new):
            return
        reason = self._stale(e.table, e.line) or self._stale(e.referenced_table, e.line)
        if new:
            reason = ", ".join(f"`{c}`" for c in new) + " added by this migration"
        self.add(
            Check(CheckKind.FOREIGN_KEY_ORPHANS, i, e.table, e.schema, e.columns, line=e.line,
                  name=e.name or f"{e.table}_{'_'.join(e.columns)}_fkey", referenced=e.referenced_table,
                  counts=(Count(CountKind.ORPHANS, e.table, e.schema, e.columns,
                                referenced_table=e.referenced_table,
                                referenced_columns=e.referenced_columns,
                                referenced_schema=e.referenced_schema),)),
            reason,
        )

    def added_check(self, i: int, e: AddedCheck) -> None:
        if e.table in self.created or not e.validated:
            return
        reason = self._stale(e.table, e.line)
        if any(t == e.table for t, _ in self.added):
            # The expression may read a column the migration adds: it does not exist yet.
            new = sorted(c for t, c in self.added if t == e.table and c in e.expr)
            if new:
                reason = ", ".join(f"`{c}`" for c in new) + " added by this migration"
        self.add(
            Check(CheckKind.CHECK_VIOLATIONS, i, e.table, e.schema, line=e.line,
                  name=e.name or f"{e.table}_check", detail=e.expr,
                  # A CHECK passes when its expression is true or NULL: the rows that break it are
                  # those where it is false.
                  counts=(Count(CountKind.MATCHING, e.table, e.schema, where=f"NOT ({e.expr})"),)),
            reason,
        )

    def renamed(self, i: int, e: RenamedTable) -> bool:
        """SQLite's rebuild: ``CREATE TABLE new_T``, copy rows from ``T``, ``DROP TABLE T``,
        ``ALTER TABLE new_T RENAME TO T``: compare the old table with the new one as a
        `RedefineTable` would. False when the rename is not the end of a rebuild."""
        drop = self.pending_drop.get(e.to)
        copy = self.copies.get(e.to)
        new = self.new_tables.get(e.table)
        if drop is None or copy is None or new is None or copy.into != e.table:
            return False
        del self.pending_drop[e.to]
        self.created.discard(e.table)
        old = self.before.table(e.to)
        if old is None:
            return True
        reason = self._stale(e.to, drop.line)
        mapping = dict(zip(copy.into_columns, copy.from_columns))
        copied_from = set(copy.from_columns)
        classify = dialect_checks(self.provider).cast_kind
        for col in new.columns:
            source = mapping.get(col.name)
            prev = old.column(source) if source else None
            col_reason = reason
            if prev is None and (e.to, source) in self.added:
                # Copied from a column an earlier migration of this run adds (an expand/contract
                # type change's shadow column): known, but not there to count yet.
                prev = self.added[(e.to, source)]
                col_reason = reason or f"`{source}` is added by an earlier migration"
            if prev is None:
                if not (col.nullable or col.default is not None or col.autoincrement):
                    self.add(
                        Check(CheckKind.ADDED_REQUIRED_COLUMN, i, e.to, e.schema, (col.name,), line=copy.line,
                              counts=(Count(CountKind.ROWS, e.to, e.schema),)),
                        reason,
                    )
                continue
            if prev.nullable and not col.nullable:
                self.add(
                    Check(CheckKind.MADE_REQUIRED, i, e.to, e.schema, (col.name,), line=copy.line,
                          counts=(Count(CountKind.NULLS, e.to, e.schema, (prev.name,)),)),
                    col_reason,
                )
            if classify(prev.type, col.type) is CastKind.RISKY:
                self.add(
                    Check(CheckKind.RISKY_CAST, i, e.to, e.schema, (col.name,), line=copy.line,
                          types=Pair(type_text(prev.type), type_text(col.type)),
                          counts=(Count(CountKind.NOT_CASTABLE, e.to, e.schema, (prev.name,),
                                        types=Pair(prev.type, col.type)),)),
                    col_reason,
                )
        for prev in old.columns:
            if prev.name not in copied_from:
                self.add(
                    Check(CheckKind.DROP_COLUMN, i, e.to, e.schema, (prev.name,), line=copy.line,
                          counts=(Count(CountKind.NON_NULL, e.to, e.schema, (prev.name,)),)),
                    reason,
                )
        # A foreign key the rebuild adds is not checked by SQLite against the copied rows.
        old_fks = {(fk.columns, fk.referenced_table, fk.referenced_columns) for fk in old.foreign_keys}
        for fk in new.foreign_keys:
            sources = tuple(mapping.get(c) for c in fk.columns)
            if None in sources or (sources, fk.referenced_table, fk.referenced_columns) in old_fks:
                continue
            self.add(
                Check(CheckKind.FOREIGN_KEY_ORPHANS, i, e.to, e.schema, fk.columns, line=new.line,
                      name=fk.name or f"{e.to}_{'_'.join(fk.columns)}_fkey", referenced=fk.referenced_table,
                      counts=(Count(CountKind.ORPHANS, e.to, e.schema, tuple(s for s in sources if s),
                                    referenced_table=fk.referenced_table,
                                    referenced_columns=fk.referenced_columns),)),
                    reason or self._stale(fk.referenced_table, new.line),
                )
        return True


def sql_checks(sql: str, before: Schema, provider: str, *, source: str | None = None) -> list[Check]:
    """The checks for migration SQL `sql` applied to a database whose schema is `before`.
    `source` names the script (a migration) in the checks and their messages."""
    return _Walker(before, provider).run([(source, read_effects(sql, provider))])


def migrations_checks(
    scripts: Sequence[tuple[str, str]],
    before: Schema,
    provider: str,
    *,
    written_first: Mapping[str, tuple[str, str]] | None = None,
) -> list[Check]:
    """The checks for several migrations (name, SQL) applied in order, read as one run: a table
    an earlier migration creates is known to be new in a later one. Lines are per file, and each
    check's `source` is its migration's name.

    `written_first` maps a migration to a table that something else writes before its SQL runs,
    and what (a backfill phase's batches): counts on that table are not taken in advance, since
    they would describe the rows before the backfill."""
    first = written_first or {}
    return _Walker(before, provider).run([
        (name, ([Wrote(first[name][0], by=first[name][1])] if name in first else []) + read_effects(sql, provider))
        for name, sql in scripts
    ])


__all__ = [
    "AddedCheck",
    "AddedColumn",
    "AddedForeignKey",
    "AddedUnique",
    "ChangedType",
    "CopiedRows",
    "CreatedEnum",
    "CreatedTable",
    "Deleted",
    "DroppedColumn",
    "DroppedConstraint",
    "DroppedTable",
    "Effect",
    "RenamedColumn",
    "RenamedTable",
    "SetNotNull",
    "Truncated",
    "Unreadable",
    "ValidatedConstraint",
    "Wrote",
    "migrations_checks",
    "read_effects",
    "sql_checks",
]
