"""From migration steps to checks: what could lose data or fail, and what to count to know.

`plan_checks(steps, provider)` is pure: it walks the steps in order and returns one `Check` per
risk, each declaring the counts it needs (`Count`, not SQL: the dialect turns a `Count` into a
query in `dialects/<d>/checks.py`). `midair.checks.gather.evaluate` runs those counts against the
target database; `pure_warnings` turns the checks into the ``/* Warnings: */`` block of a
generated ``migration.sql`` without reading any database, as Prisma's ``pure_check`` does.

The mapping follows Prisma's destructive-change checker (PRISMA-REFERENCE §2.5), step by step:

1. `DropTable` → rows in the table (warning);
2. `AlterTable`: `DropColumn` → non-null values (warning); `AddColumn` required without a
   database default → rows in the table (unexecutable; a second kind when the default is
   client-side only, ``uuid()``/``cuid()``); `AlterColumn` optional → required → NULL rows
   (unexecutable), scalar → list (unexecutable), risky cast → values that do not convert;
   `DropAndRecreateColumn` → lost values, or rows when the new column is required without a
   default; `DropPrimaryKey` → rows (warning);
3. `RedefineTable` (SQLite's rebuild) re-applies the column checks of 2 to its column pairs;
4. `AlterEnum` with dropped values → rows using them (always reported, like Prisma);
5. `CreateIndex` unique on an existing table → duplicate values (always reported, like Prisma);
6. `AddForeignKey` on an existing table → orphan rows (ours; Prisma has no such check, so it is
   left out of the pure warnings block).

Objects created by the same migration are not counted: a table created here is empty, and a
column added here does not exist in the target yet.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from importlib import import_module
from types import ModuleType
from typing import Iterable, Literal, Sequence

from midair.diff.changes import (
    AddColumn,
    AddForeignKey,
    AlterColumn,
    AlterEnum,
    AlterTable,
    CastKind,
    Change,
    ColumnChange,
    CreateIndex,
    CreateTable,
    DropAndRecreateColumn,
    DropColumn,
    DropPrimaryKey,
    DropTable,
    Migration,
    RedefineTable,
)
from midair.schema.model import Column, ColumnType, Table
from midair.schema.pair import Pair

Severity = Literal["warning", "unexecutable", "lock"]


class CountKind(enum.Enum):
    """What a `Count` counts."""

    ROWS = "rows"  # rows in the table
    NON_NULL = "non_null"  # rows where the column is not NULL
    NULLS = "nulls"  # rows where the column is NULL
    DUPLICATES = "duplicates"  # groups of equal non-null values (and the rows in them)
    ORPHANS = "orphans"  # rows whose foreign key columns match no referenced row
    NOT_CASTABLE = "not_castable"  # non-null values that do not convert to the new type
    VALUES_IN = "values_in"  # rows whose column holds one of `values` (enum values)
    MATCHING = "matching"  # rows matching `where`, SQL text read from a migration (DELETE … WHERE)
    # NOT_CASTABLE with `where` set: the conversion is that expression (ALTER … TYPE … USING expr)


@dataclass(frozen=True, slots=True)
class Count:
    """One count a check needs, declared (the dialect writes the query; gather runs it once).

    Equal counts are run once per evaluation: the value itself is the cache key.
    """

    kind: CountKind
    table: str
    schema: str | None = None
    columns: tuple[str, ...] = ()
    referenced_table: str | None = None
    referenced_columns: tuple[str, ...] = ()
    referenced_schema: str | None = None
    types: Pair[ColumnType] | None = None
    values: tuple[str, ...] = ()
    array: bool = False
    where: str | None = None
    alias: str | None = None


@dataclass(frozen=True, slots=True)
class CountResult:
    """The answer to a `Count`: `value`, `rows` for duplicates (rows in duplicate groups), and
    `at_least` when only a lower bound is known (a cast test that can only say "some value fails")."""

    value: int
    rows: int | None = None
    at_least: bool = False


class CountUnavailable(Exception):
    """A count could not be taken; the message says why (missing table, error), `timed_out` when
    it ran out of time. Raised by the dialects' counters; the finding then falls back to the
    conditional wording."""

    def __init__(self, reason: str, *, timed_out: bool = False) -> None:
        super().__init__(reason)
        self.timed_out = timed_out


@dataclass(frozen=True, slots=True)
class KindInfo:
    """How a kind of check behaves.

    `code` is stable (documented, used by ``--json``). `severity` is the severity without counts
    (Prisma's classification, which orders the warnings block); `found` the severity when the count
    is positive. `always` kinds are reported even when the count is 0 (Prisma reports unique index
    additions and enum value removals whatever the data). `in_pure` kinds appear in a generated
    migration's warnings block (Prisma's kinds only, so generated files stay Prisma's).
    """

    code: str
    severity: Severity
    found: Severity
    always: bool = False
    in_pure: bool = True


class CheckKind(enum.Enum):
    DROP_TABLE = KindInfo("MC101", "warning", "warning")
    DROP_COLUMN = KindInfo("MC102", "warning", "warning")
    NOT_CASTABLE = KindInfo("MC103", "warning", "warning")
    PRIMARY_KEY_CHANGE = KindInfo("MC104", "warning", "warning")
    RISKY_CAST = KindInfo("MC105", "warning", "unexecutable")
    ENUM_VALUES_REMOVED = KindInfo("MC106", "warning", "unexecutable", always=True)
    UNIQUE_ADDITION = KindInfo("MC107", "warning", "unexecutable", always=True)
    MADE_REQUIRED = KindInfo("MC201", "unexecutable", "unexecutable")
    ADDED_REQUIRED_COLUMN = KindInfo("MC202", "unexecutable", "unexecutable")
    ADDED_REQUIRED_CLIENT_DEFAULT = KindInfo("MC203", "unexecutable", "unexecutable")
    DROP_RECREATE_REQUIRED = KindInfo("MC204", "unexecutable", "unexecutable")
    SCALAR_TO_LIST = KindInfo("MC205", "unexecutable", "unexecutable")
    FOREIGN_KEY_ORPHANS = KindInfo("MC206", "unexecutable", "unexecutable", in_pure=False)
    CHECK_VIOLATIONS = KindInfo("MC207", "unexecutable", "unexecutable", in_pure=False)
    # From hand-written SQL only (`sqlcheck`):
    DELETE_ROWS = KindInfo("MC301", "warning", "warning", in_pure=False)
    TRUNCATE = KindInfo("MC302", "warning", "warning", in_pure=False)
    UNREADABLE_SQL = KindInfo("MC303", "warning", "warning", always=True, in_pure=False)

    @property
    def info(self) -> KindInfo:
        return self.value


@dataclass(frozen=True, slots=True)
class Check:
    """One risk of one step: what is involved and what to count to know whether it is real.

    `step` is the step's index in the migration (or the statement's index for SQL checks), `line`
    the SQL line for checks read from a file. `counts` are summed (an enum used by several
    columns); empty `counts` with `uncounted` set means the data cannot be read beforehand (the
    object is created by the migration itself).
    """

    kind: CheckKind
    step: int
    table: str
    schema: str | None = None
    columns: tuple[str, ...] = ()
    name: str | None = None  # index, constraint or enum name
    referenced: str | None = None  # referenced table of a foreign key
    types: Pair[str] | None = None  # rendered types, previous -> next
    values: tuple[str, ...] = ()  # enum values removed
    used_by: tuple[tuple[str, str], ...] = ()  # (table, column) using the enum
    counts: tuple[Count, ...] = ()
    uncounted: str | None = None
    known: CountResult | None = None  # a count known without asking (a new column is all NULL)
    line: int | None = None
    detail: str | None = None
    source: str | None = None  # the migration the SQL came from (checks read from files)
    in_file: bool = True  # has a line in a generated migration.sql (where Prisma's has one)

    @property
    def code(self) -> str:
        return self.kind.info.code

    @property
    def severity(self) -> Severity:
        """The severity while nothing is counted (what the warnings block shows)."""
        return self.kind.info.severity

    @property
    def objects(self) -> tuple[str, ...]:
        """The objects involved, as messages name them (``Match.score``, ``User_email_key``)."""
        k = self.kind
        if k is CheckKind.UNREADABLE_SQL:
            return (f"{self.source}:{self.line}" if self.source else f"line {self.line}",)
        if k is CheckKind.ENUM_VALUES_REMOVED:
            return (self.name or "", *(f"{t}.{c}" for t, c in self.used_by))
        if k in (CheckKind.UNIQUE_ADDITION, CheckKind.FOREIGN_KEY_ORPHANS, CheckKind.CHECK_VIOLATIONS):
            names = (self.name,) if self.name else ()
            return (*names, *(f"{self.table}.{c}" for c in self.columns))
        if self.columns:
            return tuple(f"{self.table}.{c}" for c in self.columns)
        return (self.table,)

    def message(self) -> str:
        """The message without counts (the warnings block line)."""
        from midair.checks import messages

        return messages.pure(self)


def type_text(t: ColumnType) -> str:
    """A column type as messages show it (``TEXT``, ``INTEGER[]``)."""
    return t.name + ("[]" if t.array else "")


def dialect_checks(provider: str) -> ModuleType:
    """The dialect's `checks` module (count queries, cast classes): it sits beside the dialect
    object, in the same package, as every per-dialect module does (see `dialects/base.py`)."""
    from midair.dialects import get_dialect

    package = type(get_dialect(provider)).__module__.rsplit(".", 1)[0]
    return import_module(f"{package}.checks")


# --- planning -------------------------------------------------------------------------------------


class _Planner:
    def __init__(self, steps: Sequence[Change], provider: str) -> None:
        self.steps = steps
        self.provider = provider
        self.checks: list[Check] = []
        # Objects the migration itself creates: nothing to count for them in the target.
        self.created_tables = {
            (s.table.schema, s.table.name) for s in steps if isinstance(s, CreateTable)
        }
        self.added_columns: dict[tuple[str | None, str], dict[str, Column]] = {}
        for s in steps:
            if isinstance(s, AlterTable):
                key = (s.tables.next.schema, s.tables.next.name)
                for c in s.changes:
                    if isinstance(c, AddColumn):
                        self.added_columns.setdefault(key, {})[c.column.name] = c.column
            elif isinstance(s, RedefineTable):
                key = (s.tables.next.schema, s.tables.next.name)
                for col in s.added:
                    self.added_columns.setdefault(key, {})[col.name] = col

    def add(self, check: Check) -> None:
        self.checks.append(check)

    def run(self) -> list[Check]:
        for i, step in enumerate(self.steps):
            if isinstance(step, DropTable):
                t = step.table
                self.add(Check(CheckKind.DROP_TABLE, i, t.name, t.schema, counts=(_rows(t),)))
            elif isinstance(step, AlterTable):
                self.alter_table(i, step)
            elif isinstance(step, RedefineTable):
                self.redefine_table(i, step)
            elif isinstance(step, AlterEnum):
                self.alter_enum(i, step)
            elif isinstance(step, CreateIndex):
                self.create_index(i, step)
            elif isinstance(step, AddForeignKey):
                self.add_foreign_key(i, step)
        return self.checks

    # AlterTable ----------------------------------------------------------------------------------

    def alter_table(self, i: int, step: AlterTable) -> None:
        prev = step.tables.previous
        table = step.tables.next
        for change in step.changes:
            if isinstance(change, DropColumn):
                self.drop_column(i, prev, change.column)
            elif isinstance(change, AddColumn):
                self.add_column(
                    i, prev, change.column, client_default=change.client_default or change.column.client_default
                )
            elif isinstance(change, AlterColumn):
                self.alter_column(i, prev, change.columns, change.changes, change.cast)
            elif isinstance(change, DropAndRecreateColumn):
                self.drop_and_recreate(i, prev, change.columns)
            elif isinstance(change, DropPrimaryKey):
                self.add(
                    Check(
                        CheckKind.PRIMARY_KEY_CHANGE, i, table.name, table.schema,
                        counts=(_rows(prev),),
                    )
                )

    def drop_column(self, i: int, table: Table, column: Column) -> None:
        self.add(
            Check(
                CheckKind.DROP_COLUMN, i, table.name, table.schema, (column.name,),
                counts=(Count(CountKind.NON_NULL, table.name, table.schema, (column.name,)),),
            )
        )

    def add_column(self, i: int, table: Table, column: Column, *, client_default: bool = False) -> None:
        if column.nullable or column.default is not None or column.autoincrement:
            return
        kind = CheckKind.ADDED_REQUIRED_CLIENT_DEFAULT if client_default else CheckKind.ADDED_REQUIRED_COLUMN
        self.add(Check(kind, i, table.name, table.schema, (column.name,), counts=(_rows(table),)))

    def alter_column(
        self,
        i: int,
        table: Table,
        columns: Pair[Column],
        changes: ColumnChange,
        cast: CastKind | None,
    ) -> None:
        prev, nxt = columns.previous, columns.next
        name = (prev.name,)
        if prev.nullable and not nxt.nullable:
            self.add(
                Check(
                    CheckKind.MADE_REQUIRED, i, table.name, table.schema, (nxt.name,),
                    counts=(Count(CountKind.NULLS, table.name, table.schema, name),),
                )
            )
        if nxt.type.array and not prev.type.array:
            self.add(
                Check(
                    CheckKind.SCALAR_TO_LIST, i, table.name, table.schema, (nxt.name,),
                    counts=(Count(CountKind.NON_NULL, table.name, table.schema, name),),
                )
            )
        elif cast is CastKind.RISKY:
            self.add(
                Check(
                    CheckKind.RISKY_CAST, i, table.name, table.schema, (nxt.name,),
                    types=Pair(type_text(prev.type), type_text(nxt.type)),
                    counts=(
                        Count(
                            CountKind.NOT_CASTABLE, table.name, table.schema, name,
                            types=Pair(prev.type, nxt.type),
                        ),
                    ),
                )
            )
        elif cast is CastKind.NOT_CASTABLE:
            self.add(
                Check(
                    CheckKind.NOT_CASTABLE, i, table.name, table.schema, (nxt.name,),
                    types=Pair(type_text(prev.type), type_text(nxt.type)),
                    counts=(Count(CountKind.NON_NULL, table.name, table.schema, name),),
                )
            )

    def drop_and_recreate(self, i: int, table: Table, columns: Pair[Column]) -> None:
        prev, nxt = columns.previous, columns.next
        types = Pair(type_text(prev.type), type_text(nxt.type))
        if not nxt.nullable and nxt.default is None and not nxt.autoincrement:
            self.add(
                Check(
                    CheckKind.DROP_RECREATE_REQUIRED, i, table.name, table.schema, (nxt.name,),
                    types=types, counts=(_rows(table),),
                )
            )
        else:
            self.add(
                Check(
                    CheckKind.NOT_CASTABLE, i, table.name, table.schema, (nxt.name,), types=types,
                    counts=(Count(CountKind.NON_NULL, table.name, table.schema, (prev.name,)),),
                )
            )

    # RedefineTable (SQLite) ----------------------------------------------------------------------

    def redefine_table(self, i: int, step: RedefineTable) -> None:
        prev = step.tables.previous
        # Order as Prisma's SQLite checker: dropped primary key, added, dropped, then changed columns.
        if step.dropped_primary_key:
            self.add(
                Check(CheckKind.PRIMARY_KEY_CHANGE, i, prev.name, prev.schema, counts=(_rows(prev),))
            )
        for col in step.added:
            self.add_column(i, prev, col, client_default=col.client_default)
        for col in step.dropped:
            self.drop_column(i, prev, col)
        classify = dialect_checks(self.provider).cast_kind
        for pair in step.column_pairs:
            changes = ColumnChange.NONE
            if pair.previous.type != pair.next.type:
                changes |= ColumnChange.TYPE
            if pair.previous.nullable != pair.next.nullable:
                changes |= ColumnChange.NULLABILITY
            cast = classify(pair.previous.type, pair.next.type) if ColumnChange.TYPE in changes else None
            self.alter_column(i, prev, pair, changes, cast)
        # The rebuild writes the new table's foreign keys itself (no `AddForeignKey` step), with
        # SQLite's foreign key enforcement off while the rows are copied: count the orphans of a
        # new one, or they would stay behind unnoticed.
        renamed_back = {p.next.name: p.previous.name for p in step.column_pairs}
        old_fks = {(fk.columns, fk.referenced_table, fk.referenced_columns) for fk in prev.foreign_keys}
        for fk in step.tables.next.foreign_keys:
            columns = tuple(renamed_back.get(c, c) for c in fk.columns)
            if (columns, fk.referenced_table, fk.referenced_columns) in old_fks:
                continue
            if any(c not in renamed_back for c in fk.columns):
                continue  # over a column added by the rebuild: NULL or its default, not counted
            self.add(
                Check(
                    CheckKind.FOREIGN_KEY_ORPHANS, i, step.tables.next.name, prev.schema, fk.columns,
                    name=fk.name or f"{step.tables.next.name}_{'_'.join(fk.columns)}_fkey",
                    referenced=fk.referenced_table,
                    counts=(
                        Count(
                            CountKind.ORPHANS, prev.name, prev.schema, columns,
                            referenced_table=fk.referenced_table,
                            referenced_columns=fk.referenced_columns,
                            referenced_schema=fk.referenced_schema,
                        ),
                    ),
                    in_file=False,
                )
            )
        # The rebuild creates the new table's indexes itself (no `CreateIndex` step): a new unique
        # index is counted all the same, but has no line in the file, as in Prisma's.
        nxt = step.tables.next
        old_unique = {ix.column_names for ix in prev.indexes if ix.unique}
        if prev.primary_key:
            old_unique.add(prev.primary_key.column_names)
        renamed = {p.next.name: p.previous.name for p in step.column_pairs}
        added = {c.name: c for c in step.added}
        for index in nxt.indexes:
            if not index.unique:
                continue
            if any(c in added for c in index.column_names):
                new = [added[c] for c in index.column_names if c in added]
                if all(c.nullable and c.default is None for c in new):
                    continue
                uncounted, counts = f"{_list(c.name for c in new)} added by this migration", ()
            else:
                columns = tuple(renamed.get(c, c) for c in index.column_names)
                if columns in old_unique:
                    continue
                uncounted = None
                counts = (Count(CountKind.DUPLICATES, prev.name, prev.schema, columns),)
            self.add(
                Check(
                    CheckKind.UNIQUE_ADDITION, i, nxt.name, nxt.schema, index.column_names,
                    name=index.name, counts=counts, uncounted=uncounted, in_file=False,
                )
            )

    # Enums, indexes, foreign keys ------------------------------------------------------------------

    def alter_enum(self, i: int, step: AlterEnum) -> None:
        if not step.dropped_values:
            return
        e = step.enums.previous
        counts = tuple(
            Count(
                CountKind.VALUES_IN, table, e.schema, (col.name,),
                values=step.dropped_values, array=col.type.array,
            )
            for table, col in step.used_by
        )
        self.add(
            Check(
                CheckKind.ENUM_VALUES_REMOVED, i, e.name, e.schema, name=e.name,
                values=step.dropped_values,
                used_by=tuple((t, c.name) for t, c in step.used_by),
                counts=counts,
            )
        )

    def _new_columns(self, table: Table, columns: tuple[str, ...]) -> list[Column]:
        added = self.added_columns.get((table.schema, table.name), {})
        return [added[c] for c in columns if c in added]

    def create_index(self, i: int, step: CreateIndex) -> None:
        table, index = step.table, step.index
        if not index.unique or step.from_drop_and_recreate:
            return
        if (table.schema, table.name) in self.created_tables:
            return
        columns = index.column_names
        new = self._new_columns(table, columns)
        if new and all(c.nullable and c.default is None for c in new):
            # A new nullable column holds only NULLs, and NULLs never collide in a unique index:
            # the combination cannot repeat.
            counts: tuple[Count, ...] = ()
            uncounted, known = None, CountResult(0, rows=0)
        elif new:
            counts, uncounted, known = (), f"{_list(c.name for c in new)} added by this migration", None
        else:
            counts = (Count(CountKind.DUPLICATES, table.name, table.schema, columns),)
            uncounted, known = None, None
        self.add(
            Check(
                CheckKind.UNIQUE_ADDITION, i, table.name, table.schema, columns, name=index.name,
                counts=counts, uncounted=uncounted, known=known,
            )
        )

    def add_foreign_key(self, i: int, step: AddForeignKey) -> None:
        table, fk = step.table, step.foreign_key
        if (table.schema, table.name) in self.created_tables:
            return
        new = self._new_columns(table, fk.columns)
        if new and any(c.nullable and c.default is None for c in new):
            return  # a new optional column is NULL everywhere: no row points anywhere
        self.add(
            Check(
                CheckKind.FOREIGN_KEY_ORPHANS, i, table.name, table.schema, fk.columns,
                name=fk.name, referenced=fk.referenced_table,
                counts=()
                if new
                else (
                    Count(
                        CountKind.ORPHANS, table.name, table.schema, fk.columns,
                        referenced_table=fk.referenced_table,
                        referenced_columns=fk.referenced_columns,
                        referenced_schema=fk.referenced_schema,
                    ),
                ),
                uncounted=f"{_list(c.name for c in new)} added by this migration" if new else None,
            )
        )


def _rows(table: Table) -> Count:
    return Count(CountKind.ROWS, table.name, table.schema)


def _list(names: Iterable[str]) -> str:
    return ", ".join(f"`{n}`" for n in names)


def plan_checks(steps: Sequence[Change] | Migration, provider: str) -> list[Check]:
    """One `Check` per risk in `steps` (or a `Migration`'s), in step order (pure: no database
    is read)."""
    return _Planner(_steps(steps), provider).run()


def _steps(steps: Sequence[Change] | Migration) -> tuple[Change, ...]:
    return steps.steps if isinstance(steps, Migration) else tuple(steps)


def pure_warnings(steps: Sequence[Change] | Migration, provider: str) -> list[str]:
    """The lines of the ``/* Warnings: */`` block of a generated migration.sql (no "  - " prefix).

    As Prisma's ``pure_check``: the warnings in step order, then the unexecutable steps in step
    order, each in its "nothing is known about the data" wording.
    """
    checks = [c for c in plan_checks(steps, provider) if c.kind.info.in_pure and c.in_file]
    return [c.message() for c in checks if c.severity == "warning"] + [
        c.message() for c in checks if c.severity == "unexecutable"
    ]


__all__ = [
    "Check",
    "CheckKind",
    "Count",
    "CountKind",
    "CountResult",
    "CountUnavailable",
    "KindInfo",
    "Severity",
    "dialect_checks",
    "plan_checks",
    "pure_warnings",
    "type_text",
]
