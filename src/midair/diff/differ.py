"""The differ: two `Schema`s (previous, next) → the ordered `Change` steps between them.

Dialect-neutral; it asks the `Dialect` (and its `types` module, for type casts) what the database
can do. The algorithm is Prisma's (``sql_schema_differ``), step by step:

1. Pair namespaces, tables (by schema and name), enums (by schema and name) and, inside each pair
   of tables, columns by name. Unpaired objects are created or dropped.
2. Created tables: `CreateTable`, plus `CreateIndex` for their indexes and, where foreign keys are
   not written inside CREATE TABLE, `AddForeignKey`. Dropped tables: `DropTable`, plus
   `DropForeignKey` for their foreign keys (so tables can then be dropped in any order).
3. Paired tables: foreign keys and indexes are matched by *shape* (columns, actions, type), not by
   name; a match under another name is a rename (`RenameForeignKey`, `RenameIndex`, or
   `RedefineIndex` where the dialect cannot rename). Then one `AlterTable` with, in this order:
   dropped primary key, renamed primary key, dropped columns and added columns (by column name),
   altered columns (by previous position), added primary key. A column whose type cannot be cast is
   dropped and added again (`DropAndRecreateColumn`); on PostgreSQL its indexes are recreated.
4. Where the dialect cannot alter columns (SQLite), a table with anything beyond added optional
   columns, new indexes or renamed indexes is rebuilt: `RedefineTable` (Prisma's set of reasons).
5. Enums: `AlterEnum` for added/dropped values, `CreateEnum`, `DropEnum`.
6. Sort by `(phase, key)`: the key is the object's position in its schema, as Prisma sorts by step
   variant and then by the ids of the objects, which are positions. Then Prisma's one fix-up: a
   dropped unique index on a table without primary key moves after the `AlterTable` that adds a
   primary key on the same columns.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import ModuleType
from typing import Any, Callable

from midair.diff.changes import (
    AddColumn,
    AddForeignKey,
    AddPrimaryKey,
    AlterColumn,
    AlterEnum,
    AlterExtension,
    AlterTable,
    CastKind,
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
    Migration,
    RedefineIndex,
    RedefineTable,
    RenameForeignKey,
    RenameIndex,
    RenamePrimaryKey,
    TableChange,
)
from midair.schema.model import Column, Enum, ForeignKey, Index, Schema, Table
from midair.schema.pair import Pair

# Prisma never touches its own bookkeeping table.
IGNORED_TABLES = frozenset({"_prisma_migrations"})


def diff(previous: Schema, next: Schema, provider: str, *, create_default_namespace: bool = False) -> Migration:
    """The ordered steps that turn `previous` into `next` on `provider`.

    `create_default_namespace` adds ``CREATE SCHEMA IF NOT EXISTS "public"`` when `next` lives in
    the default namespace, as Prisma 7's ``migrate diff --from-empty`` does (``migrate dev``'s
    first migration has no such line, because its shadow database already has the schema).
    """
    from midair.dialects import get_dialect
    from midair.schema.lower import dialect_module

    types = dialect_module(provider, "types")
    differ = _Differ(previous, next, get_dialect(provider), types)
    # Partial index predicates compare in the dialect's canonical spelling when it has one
    # (PostgreSQL stores `(active = true)` for `"active" = true`).
    differ.predicate = getattr(dialect_module(provider, "normalize"), "canonical_predicate", _predicate)
    steps = differ.run(create_default_namespace)
    return Migration(steps=tuple(steps), previous=previous, next=next)


def _arity(c: Column) -> str:
    return "list" if c.type.array else ("nullable" if c.nullable else "required")


@dataclass
class _Keyed:
    change: Change
    key: tuple[Any, ...]


@dataclass
class _TablePair:
    tables: Pair[Table]
    positions: Pair[int]
    column_pairs: list[Pair[Column]] = field(default_factory=list)  # by column name
    added: list[Column] = field(default_factory=list)  # by column name
    dropped: list[Column] = field(default_factory=list)  # by column name


class _Differ:
    def __init__(self, previous: Schema, next: Schema, dialect: Any, types: ModuleType) -> None:
        self.schemas = Pair(previous, next)
        self.dialect = dialect
        self.types = types
        limit = dialect.max_identifier_length
        # The database cuts longer identifiers (PostgreSQL: 63 bytes): names equal once cut are the
        # same object, so objects are paired by their cut names.
        self.ident = _cutter(limit) if limit else (lambda n: n)
        # column_changes is asked several times per column pair (columns, indexes, keys):
        # answered once per pair, by identity (the pair is kept, so its id is not reused).
        self._column_changes: dict[int, tuple[Pair[Column], tuple[ColumnChange, CastKind | None]]] = {}
        self.prev_tables = [t for t in previous.tables if t.name not in IGNORED_TABLES]
        self.next_tables = [t for t in next.tables if t.name not in IGNORED_TABLES]
        self.prev_pos = {(t.schema, self.ident(t.name)): i for i, t in enumerate(self.prev_tables)}
        self.next_pos = {(t.schema, self.ident(t.name)): i for i, t in enumerate(self.next_tables)}
        self.out: list[_Keyed] = []
        self.predicate: Callable[[str | None], str | None] = _predicate

    # --- helpers ------------------------------------------------------------------------------

    def emit(self, change: Change, *key: Any) -> None:
        self.out.append(_Keyed(change, (int(change.phase), *key)))

    def column_changes(self, pair: Pair[Column]) -> tuple[ColumnChange, CastKind | None]:
        known = self._column_changes.get(id(pair))
        if known is not None and known[0] is pair:
            return known[1]
        result = self._compute_column_changes(pair)
        self._column_changes[id(pair)] = (pair, result)
        return result

    def _compute_column_changes(self, pair: Pair[Column]) -> tuple[ColumnChange, CastKind | None]:
        prev, nxt = pair.previous, pair.next
        cast = self.types.column_type_change(prev, nxt)
        changes = ColumnChange.NONE
        if cast is not None:
            changes |= ColumnChange.TYPE
        if _arity(prev) != _arity(nxt):
            changes |= ColumnChange.NULLABILITY
        if not self.defaults_match(prev, nxt):
            changes |= ColumnChange.DEFAULT
        if self.dialect.supports_alter_column and prev.autoincrement != nxt.autoincrement:
            changes |= ColumnChange.AUTOINCREMENT
        return changes, cast

    @staticmethod
    def defaults_match(prev: Column, nxt: Column) -> bool:
        if nxt.autoincrement and prev.default is None:
            return True
        if prev.autoincrement and nxt.default is None:
            return True
        if prev.default == nxt.default:
            return True
        # `dbgenerated("now()")` is what the database stores for `now()` (CURRENT_TIMESTAMP).
        if {prev.default, nxt.default} <= _NOW:
            return True
        # JSON defaults compare as values, as Prisma does: PostgreSQL stores jsonb normalised
        # ('{"a": 1}' for '{"a":1}').
        if prev.default is not None and nxt.default is not None and "JSON" in nxt.type.name.upper():
            a, b = _json_value(prev.default), _json_value(nxt.default)
            return a is not _NO_JSON and a == b
        # DateTime literals compare as instants (Prisma parses them): the database may print
        # '2020-01-02 03:04:05.678' where the schema says '…+00:00'.
        if prev.default is not None and nxt.default is not None and _is_temporal(nxt.type.name):
            a, b = _datetime_value(prev.default), _datetime_value(nxt.default)
            return a is not None and a == b
        return False

    def table_pairs(self) -> list[_TablePair]:
        """Tables in both schemas, in Prisma's order (previous schema's table order)."""
        out = []
        for key, i in self.prev_pos.items():
            j = self.next_pos.get(key)
            if j is None:
                continue
            tp = _TablePair(Pair(self.prev_tables[i], self.next_tables[j]), Pair(i, j))
            prev_cols = {self.ident(c.name): c for c in tp.tables.previous.columns}
            next_cols = {self.ident(c.name): c for c in tp.tables.next.columns}
            # Prisma keys columns by name in a sorted map: byte order of the UTF-8 names.
            for name in sorted(set(prev_cols) | set(next_cols), key=lambda n: n.encode()):
                if name in prev_cols and name in next_cols:
                    tp.column_pairs.append(Pair(prev_cols[name], next_cols[name]))
                elif name in prev_cols:
                    tp.dropped.append(prev_cols[name])
                else:
                    tp.added.append(next_cols[name])
            out.append(tp)
        return out

    # --- matching -----------------------------------------------------------------------------

    def same_name(self, a: str | None, b: str | None) -> bool:
        if a is None or b is None:
            return a == b
        return self.ident(a) == self.ident(b)

    def indexes_match(self, a: Index, b: Index) -> bool:
        if len(a.columns) != len(b.columns) or a.unique != b.unique:
            return False
        for x, y in zip(a.columns, b.columns):
            if not self.same_name(x.name, y.name) or x.length != y.length or (x.sort or "ASC") != (y.sort or "ASC"):
                return False
            if not self.types.opclasses_match(x.opclass, y.opclass):
                return False
        return (a.method or None) == (b.method or None) and self.predicate(a.where) == self.predicate(b.where)

    def fks_match(self, tp: _TablePair, a: ForeignKey, b: ForeignKey) -> bool:
        if not self.same_name(a.referenced_table, b.referenced_table):
            return False
        if len(a.columns) != len(b.columns) or len(a.referenced_columns) != len(b.referenced_columns):
            return False
        pairs = {self.ident(p.previous.name): p for p in tp.column_pairs}
        for ca, cb in zip(a.columns, b.columns):
            if not self.same_name(ca, cb):
                return False
            p = pairs.get(self.ident(ca))
            if p is not None and self.column_changes(p)[1] is not None:
                return False
        return (
            [self.ident(c) for c in a.referenced_columns] == [self.ident(c) for c in b.referenced_columns]
            and a.on_delete == b.on_delete
            and a.on_update == b.on_update
        )

    def primary_key_changed(self, tp: _TablePair) -> bool:
        a, b = tp.tables.previous.primary_key, tp.tables.next.primary_key
        if a is None or b is None:
            return False
        if len(a.columns) != len(b.columns):
            return True
        for x, y in zip(a.columns, b.columns):
            if not self.same_name(x.name, y.name) or (x.sort or "ASC") != (y.sort or "ASC") or x.length != y.length:
                return True
        pk_cols = {self.ident(c) for c in a.column_names}
        return any(
            self.column_changes(p)[1] is not None for p in tp.column_pairs if self.ident(p.previous.name) in pk_cols
        )

    def should_redefine(self, tp: _TablePair) -> bool:
        """SQLite: changes that its ALTER TABLE cannot make (Prisma's list)."""
        if self.dialect.supports_alter_column:
            return False
        t = tp.tables
        prev_fks, next_fks = t.previous.foreign_keys, t.next.foreign_keys
        return bool(
            (t.previous.primary_key is None) != (t.next.primary_key is None)
            or self.primary_key_changed(tp)
            or tp.dropped
            or any(_arity(c) == "required" for c in tp.added)
            or any(self.column_changes(p)[0] != ColumnChange.NONE for p in tp.column_pairs)
            or any(not any(self.fks_match(tp, p, n) for p in prev_fks) for n in next_fks)
            or any(not any(self.fks_match(tp, p, n) for n in next_fks) for p in prev_fks)
        )

    # --- the algorithm ------------------------------------------------------------------------

    def run(self, create_default_namespace: bool) -> list[Change]:
        prev, nxt = self.schemas.previous, self.schemas.next
        # 1. namespaces
        namespaces = list(nxt.namespaces)
        default_ns = getattr(self.types, "DEFAULT_NAMESPACE", None)
        if create_default_namespace and default_ns and not namespaces and not prev.namespaces:
            namespaces = [default_ns]
        for i, ns in enumerate(namespaces):
            if ns not in prev.namespaces and self.namespace_used(ns, default_ns):
                self.emit(CreateSchema(ns), i)

        # 1b. extensions (PostgreSQL)
        self.extensions()

        # 2. created and dropped tables
        fks_inline = self.dialect.foreign_keys_in_create_table
        for key, j in self.next_pos.items():
            if key in self.prev_pos:
                continue
            table = self.next_tables[j]
            self.emit(CreateTable(table), j)
            if not fks_inline:
                for k, fk in enumerate(table.foreign_keys):
                    self.emit(AddForeignKey(table, fk), j, k)
            for k, index in enumerate(table.indexes):
                self.emit(CreateIndex(table, index), -1, j, k)
        for key, i in self.prev_pos.items():
            if key in self.next_pos:
                continue
            table = self.prev_tables[i]
            self.emit(DropTable(table), i)
            if not fks_inline:
                for k, fk in enumerate(table.foreign_keys):
                    self.emit(DropForeignKey(table, fk), i, k)

        pairs = self.table_pairs()
        redefined = [tp for tp in pairs if self.should_redefine(tp)]
        redefined_ids = {id(tp) for tp in redefined}
        if redefined:
            # SQLite drops the indexes of dropped tables before rebuilding others.
            for key, i in self.prev_pos.items():
                if key not in self.next_pos:
                    table = self.prev_tables[i]
                    for k, index in enumerate(table.indexes):
                        self.emit(DropIndex(table, index), i, k)

        for tp in pairs:
            if id(tp) in redefined_ids:
                continue
            self.indexes_of_pair(tp)
            self.alter_pair(tp)

        for n, tp in enumerate(redefined):
            self.emit(
                RedefineTable(
                    tp.tables,
                    tuple(tp.column_pairs),
                    added=tuple(tp.added),
                    dropped=tuple(tp.dropped),
                    dropped_primary_key=tp.tables.previous.primary_key is not None
                    and (tp.tables.next.primary_key is None or self.primary_key_changed(tp)),
                ),
                n,
            )

        # 5. enums
        if self.dialect.supports_enums:
            self.enums()

        self.out.sort(key=lambda k: k.key)
        steps = [k.change for k in self.out]
        return self.fix_up(steps)

    def extensions(self) -> None:
        """Prisma's extension steps, when one side is a schema file that manages extensions (the
        `postgresqlExtensions` preview feature): a new extension is created; one whose schema or version
        changed is altered in place when relocatable (known from a live database), else dropped
        and created again; one the next schema no longer lists is left alone (never dropped)."""
        if not (self.schemas.previous.manages_extensions or self.schemas.next.manages_extensions):
            return  # two databases, or schema files without the preview feature: Prisma ignores them
        previous = {e.name: (i, e) for i, e in enumerate(self.schemas.previous.extensions)}
        for j, nxt in enumerate(self.schemas.next.extensions):
            if nxt.name not in previous:
                self.emit(CreateExtension(nxt), j)
                continue
            i, prev = previous[nxt.name]
            version = _differs(prev.version, nxt.version)
            schema = _differs(prev.schema, nxt.schema)
            if not version and not schema:
                continue
            if prev.relocatable or nxt.relocatable:
                changes = ("version",) * version + ("schema",) * schema
                self.emit(AlterExtension(Pair(prev, nxt), changes), i)
            else:
                self.emit(DropExtension(prev), i)
                self.emit(CreateExtension(nxt), j)

    def namespace_used(self, ns: str, default_ns: str | None) -> bool:
        """Prisma creates a namespace only if a table (of either side) or a new enum lives in it."""

        def in_ns(schema: str | None) -> bool:
            return schema == ns or (schema is None and ns == default_ns)

        tables = [*self.prev_tables, *self.next_tables]
        prev_enums = {(e.schema, e.name) for e in self.schemas.previous.enums}
        new_enums = [e for e in self.schemas.next.enums if (e.schema, e.name) not in prev_enums]
        return any(in_ns(t.schema) for t in tables) or any(in_ns(e.schema) for e in new_enums)

    def indexes_of_pair(self, tp: _TablePair) -> None:
        t = tp.tables
        i, j = tp.positions.previous, tp.positions.next
        prev_idx, next_idx = list(t.previous.indexes), list(t.next.indexes)
        for k, index in enumerate(next_idx):
            if not any(self.indexes_match(p, index) for p in prev_idx):
                self.emit(CreateIndex(t.next, index), i, j, k)
        for k, index in enumerate(prev_idx):
            if not any(self.indexes_match(index, n) for n in next_idx):
                self.emit(DropIndex(t.previous, index), i, k)
        # indexes of recreated columns are recreated (PostgreSQL drops them with the column)
        if self.dialect.supports_alter_column:
            recreated = {p.next.name for p in tp.column_pairs if self.column_changes(p)[1] is CastKind.NOT_CASTABLE}
            if recreated:
                for k, index in enumerate(next_idx):
                    if any(c.name in recreated for c in index.columns) and any(
                        self.indexes_match(p, index) for p in prev_idx
                    ):
                        self.emit(CreateIndex(t.next, index, from_drop_and_recreate=True), i, j, k)
        # renames: only for an index whose shape is unique among the previous indexes
        for a, p in enumerate(prev_idx):
            same = [q for q in prev_idx if q.column_names == p.column_names and q.unique == p.unique]
            if len(same) != 1:
                continue
            for b, n in enumerate(next_idx):
                if self.indexes_match(p, n):
                    if not self.same_name(p.name, n.name):
                        if self.dialect.can_rename_index:
                            self.emit(RenameIndex(t.next, Pair(p, n)), i, a, j, b)
                        else:
                            self.emit(RedefineIndex(t.next, Pair(p, n)), i, a, j, b)
                    break

    def alter_pair(self, tp: _TablePair) -> None:
        t = tp.tables
        i, j = tp.positions.previous, tp.positions.next
        prev_fks, next_fks = list(t.previous.foreign_keys), list(t.next.foreign_keys)
        if not self.dialect.foreign_keys_in_create_table:
            for k, fk in enumerate(next_fks):
                if not any(self.fks_match(tp, p, fk) for p in prev_fks):
                    self.emit(AddForeignKey(t.next, fk), j, k)
            for k, fk in enumerate(prev_fks):
                if not any(self.fks_match(tp, fk, n) for n in next_fks):
                    self.emit(DropForeignKey(t.previous, fk), i, k)
            seen: set[int] = set()
            for a, p in enumerate(prev_fks):
                for b, n in enumerate(next_fks):
                    if b in seen or not self.fks_match(tp, p, n):
                        continue
                    seen.add(b)
                    if (
                        not self.same_name(p.name, n.name)
                        and not _is_join_table(t.previous)
                        and self.dialect.can_rename_foreign_key
                    ):
                        self.emit(RenameForeignKey(t.next, Pair(p, n)), i, a, j, b)
                    break

        changes: list[TableChange] = []
        pk_prev, pk_next = t.previous.primary_key, t.next.primary_key
        pk_changed = self.primary_key_changed(tp)
        if (pk_prev is not None and pk_next is None) or pk_changed:
            assert pk_prev is not None
            changes.append(DropPrimaryKey(pk_prev))
        if pk_prev is not None and pk_next is not None and not self.same_name(pk_prev.name, pk_next.name):
            changes.append(RenamePrimaryKey(Pair(pk_prev, pk_next)))
        for c in tp.dropped:
            changes.append(DropColumn(c))
        for c in tp.added:
            changes.append(AddColumn(c, client_default=c.client_default))
        altered: list[tuple[int, TableChange]] = []
        prev_order = {c.name: n for n, c in enumerate(t.previous.columns)}
        for p in tp.column_pairs:
            flags, cast = self.column_changes(p)
            if flags == ColumnChange.NONE:
                continue
            if cast is CastKind.NOT_CASTABLE:
                altered.append((prev_order[p.previous.name], DropAndRecreateColumn(p, flags)))
            else:
                altered.append((prev_order[p.previous.name], AlterColumn(p, flags, cast)))
        changes.extend(c for _, c in sorted(altered, key=lambda x: x[0]))
        if (pk_prev is None and pk_next is not None) or pk_changed:
            assert pk_next is not None
            changes.append(AddPrimaryKey(pk_next))
        if changes:
            self.emit(AlterTable(t, tuple(changes)), i, j)

    def enums(self) -> None:
        prev = list(self.schemas.previous.enums)
        nxt = list(self.schemas.next.enums)
        next_by_key = {(e.schema, e.name): (j, e) for j, e in enumerate(nxt)}
        prev_keys = {(e.schema, e.name) for e in prev}
        for i, e in enumerate(prev):
            m = next_by_key.get((e.schema, e.name))
            if m is None:
                self.emit(DropEnum(e), i)
                continue
            j, n = m
            added = tuple(v for v in n.values if v not in e.values)
            dropped = tuple(v for v in e.values if v not in n.values)
            if added or dropped:
                self.emit(AlterEnum(Pair(e, n), added, dropped, **self.enum_usages(e, n)), i, j)
        for j, n in enumerate(nxt):
            if (n.schema, n.name) not in prev_keys:
                self.emit(CreateEnum(n), j)

    def enum_usages(self, previous: Enum, next: Enum) -> dict[str, tuple[tuple[str, Column], ...]]:
        """For an enum whose values are dropped (PostgreSQL recreates the type): the previous
        columns using it with a default (dropped during the swap), the next columns of the type,
        and the defaults to set again, in Prisma's order."""
        used: list[tuple[str, Column]] = []
        again: list[tuple[str, Column]] = []

        def uses(c: Column, e: Enum) -> bool:
            return c.type.enum == e.name and c.default is not None

        for key, i in self.prev_pos.items():
            if key not in self.next_pos:
                t = self.prev_tables[i]
                used.extend((t.name, c) for c in t.columns if uses(c, previous))
        for tp in self.table_pairs():
            name = tp.tables.previous.name
            used.extend((name, c) for c in tp.dropped if uses(c, previous))
            for p in tp.column_pairs:
                if uses(p.previous, previous):
                    used.append((name, p.previous))
                    if uses(p.next, next):
                        again.append((tp.tables.next.name, p.next))
        next_usages = tuple((t.name, c) for t in self.next_tables for c in t.columns if c.type.enum == next.name)
        return {"used_by": tuple(used), "next_usages": next_usages, "reinstated_defaults": tuple(again)}

    def fix_up(self, steps: list[Change]) -> list[Change]:
        """Move a dropped unique index (on a table without primary key) after the AlterTable that
        creates a primary key on the same columns (Prisma's `apply_partial_order_permutations`)."""
        i = 0
        while i < len(steps):
            s = steps[i]
            if isinstance(s, DropIndex) and s.index.unique and s.table.primary_key is None:
                for j in range(i + 1, len(steps)):
                    a = steps[j]
                    if (
                        isinstance(a, AlterTable)
                        and a.tables.previous.name == s.table.name
                        and any(isinstance(c, AddPrimaryKey) for c in a.changes)
                        and a.tables.next.primary_key is not None
                        and a.tables.next.primary_key.column_names == s.index.column_names
                    ):
                        steps.insert(j, steps.pop(i))
                        i -= 1
                        break
            i += 1
        return steps


_NO_JSON = object()
_NOW = {"now()", "CURRENT_TIMESTAMP", "current_timestamp", "CURRENT_TIMESTAMP()"}


def _differs(a: str | None, b: str | None) -> bool:
    """An extension's schema or version changed: both are known and they differ (an unset value
    matches anything, as in Prisma's `extensions_match`)."""
    return bool(a) and bool(b) and a != b


def _predicate(where: str | None) -> str | None:
    """A partial index predicate compared without outer parentheses and spacing differences
    (PostgreSQL prints ``(active = true)`` for ``active = true``)."""
    if where is None:
        return None
    p = " ".join(where.split())
    while _enclosed(p):
        p = p[1:-1].strip()
    return p


def _enclosed(p: str) -> bool:
    """Whether `p` is one parenthesised expression (``(a) AND (b)`` is not)."""
    if not (p.startswith("(") and p.endswith(")")):
        return False
    depth = 0
    for i, ch in enumerate(p):
        depth += ch == "("
        depth -= ch == ")"
        if depth == 0 and i < len(p) - 1:
            return False
    return True


def _cut(name: str, limit: int) -> str:
    data = name.encode()
    return name if len(data) <= limit else data[:limit].decode(errors="ignore")


def _cutter(limit: int) -> Callable[[str], str]:
    """`_cut` to `limit` bytes, remembering each name's answer: a diff of 1,000 tables asks for
    the same few thousand names some 170,000 times."""
    cut: dict[str, str] = {}

    def ident(name: str) -> str:
        known = cut.get(name)
        if known is None:
            known = cut[name] = _cut(name, limit)
        return known

    return ident


def _is_temporal(type_name: str) -> bool:
    return type_name.upper().startswith(("TIMESTAMP", "DATE", "TIME"))


def _datetime_value(default: str) -> object:
    from datetime import datetime, timezone

    text = default
    if len(text) >= 2 and text[0] == "'" and text[-1] == "'":
        text = text[1:-1]
    text = text.strip().replace(" +", "+").replace(" -", "-").replace("Z", "+00:00")
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        return None
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


def _json_value(default: str) -> object:
    import json

    text = default
    if len(text) >= 2 and text[0] == "'" and text[-1] == "'":
        text = text[1:-1].replace("''", "'")
    try:
        return json.loads(text)
    except ValueError:
        return _NO_JSON


def _is_join_table(t: Table) -> bool:
    return len(t.columns) == 2 and t.column("A") is not None and t.column("B") is not None


__all__ = ["diff"]
