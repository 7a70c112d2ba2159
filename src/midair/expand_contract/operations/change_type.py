"""Change a column's type without a rewrite under lock: a shadow column of the new type, kept in
step by triggers and backfilled, swapped in at the contract.

Both app versions keep using the column's name throughout: the shadow column (``<c>__midair_new``)
is midair's alone. What depends on the column moves onto the shadow column before the swap:

- indexes using it (plain, unique, composite) are built on the shadow column under a temporary
  name (``<index>__midair_new``) after the backfill — ``CONCURRENTLY`` on PostgreSQL;
- a foreign key over it, and foreign keys of other tables referencing it, are added on the
  shadow column (``NOT VALID`` then validated on PostgreSQL) under temporary names.

The contract then, in one short catalog-only transaction with the triggers' removal: drops the
referencing foreign keys, drops the old column (its indexes and keys go with it), renames the
shadow column, and gives every index and constraint the name Prisma gives it. On SQLite the
contract is a table rebuild instead (`dialects/sqlite/sync.py`), which recreates the indexes.

A column in the primary key is refused (the backfill walks the table by it), as is a partial
index whose predicate reads the column.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from midair.migrations.settings import SyncSettings
from midair.schema.model import Column, ColumnType, ForeignKey, Index, Table

SHADOW_SUFFIX = "__midair_new"
MAX_IDENTIFIER = 63  # PostgreSQL truncates longer names: keep the suffix whole instead


def type_sql(t: ColumnType) -> str:
    name = f'"{t.name}"' if t.enum else t.name
    return name + ("[]" if t.array else "")


def shadow_name(name: str) -> str:
    """The temporary name of `name`'s counterpart on the shadow column."""
    return name[: MAX_IDENTIFIER - len(SHADOW_SUFFIX)] + SHADOW_SUFFIX


@dataclass(frozen=True, slots=True)
class ReferencingKey:
    """A foreign key of another table (`table`) whose referenced columns include the changed one."""

    table: str
    key: ForeignKey


@dataclass(frozen=True, slots=True)
class ChangeType:
    """`previous` (as it is) becomes `next` (same name, another type) on `table`.

    `indexes` and `foreign_keys` are the table's (as the target schema has them) that use the
    column; `referencing` the other tables' foreign keys that point at it.
    """

    table: str
    key: tuple[str, ...]
    previous: Column
    next: Column
    indexes: tuple[Index, ...] = ()
    foreign_keys: tuple[ForeignKey, ...] = ()
    referencing: tuple[ReferencingKey, ...] = ()

    @property
    def shadow(self) -> str:
        return self.previous.name + SHADOW_SUFFIX

    @property
    def old(self) -> tuple[Column, ...]:
        return (self.previous,)

    @property
    def new(self) -> tuple[Column, ...]:
        return (replace(self.next, name=self.shadow),)

    def expanded(self, previous: Table) -> Table:
        shadow = replace(self.next, name=self.shadow, nullable=True, default=None, autoincrement=False)
        return replace(previous, columns=previous.columns + (shadow,))

    def _on_shadow(self, columns: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(self.shadow if c == self.previous.name else c for c in columns)

    def shadow_indexes(self) -> tuple[Index, ...]:
        """The column's indexes rebuilt on the shadow column, under temporary names."""
        return tuple(
            replace(
                i,
                name=shadow_name(i.name),
                columns=tuple(replace(c, name=self.shadow) if c.name == self.previous.name else c for c in i.columns),
            )
            for i in self.indexes
        )

    def shadow_foreign_keys(self) -> tuple[ForeignKey, ...]:
        """The table's own foreign keys over the column, on the shadow column (temporary names)."""
        return tuple(
            replace(fk, name=shadow_name(fk.name or ""), columns=self._on_shadow(fk.columns)) for fk in self.foreign_keys
        )

    def shadow_referencing(self) -> tuple[ReferencingKey, ...]:
        """Other tables' foreign keys, pointing at the shadow column instead (temporary names)."""
        return tuple(
            ReferencingKey(r.table, replace(r.key, name=shadow_name(r.key.name or ""), referenced_columns=self._on_shadow(r.key.referenced_columns)))
            for r in self.referencing
        )

    def with_shadow_objects(self, tables: tuple[Table, ...]) -> tuple[Table, ...]:
        """`tables` (the expanded schema's) with the shadow column's indexes and keys added."""
        extra = {r.table: () for r in self.referencing}
        for r in self.shadow_referencing():
            extra[r.table] += (r.key,)
        out = []
        for t in tables:
            if t.name == self.table:
                t = replace(t, indexes=t.indexes + self.shadow_indexes(), foreign_keys=t.foreign_keys + self.shadow_foreign_keys())
            if t.name in extra:
                t = replace(t, foreign_keys=t.foreign_keys + extra[t.name])
            out.append(t)
        return tuple(out)

    @property
    def moves_dependents(self) -> bool:
        return bool(self.indexes or self.foreign_keys or self.referencing)

    def sync(self) -> SyncSettings:
        c, s = f'"{self.previous.name}"', f'"{self.shadow}"'
        return SyncSettings(
            table=self.table,
            key=self.key,
            old=(self.previous.name,),
            new=(self.shadow,),
            # A plain cast is the usual conversion; edit it when the values need more than that.
            new_from_old=((self.shadow, f"CAST({c} AS {type_sql(self.next.type)})"),),
            old_from_new=((self.previous.name, f"CAST({s} AS {type_sql(self.previous.type)})"),),
        )

    def summary(self) -> str:
        moved = []
        if self.indexes:
            moved.append(f"{len(self.indexes)} index{'es' if len(self.indexes) > 1 else ''}")
        fks = len(self.foreign_keys) + len(self.referencing)
        if fks:
            moved.append(f"{fks} foreign key{'s' if fks > 1 else ''}")
        return (
            f"`{self.table}`: `{self.previous.name}` changes type "
            f"({type_sql(self.previous.type)} → {type_sql(self.next.type)}) through a shadow column"
            + (f" ({' and '.join(moved)} rebuilt on it)" if moved else "")
        )


__all__ = ["SHADOW_SUFFIX", "ChangeType", "ReferencingKey", "shadow_name", "type_sql"]
