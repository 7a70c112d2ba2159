"""Change a column's type without a rewrite under lock: a shadow column of the new type, kept in
step by triggers and backfilled, swapped in at the contract.

Both app versions keep using the column's name throughout: the shadow column (``<c>__midair_new``)
is midair's alone. The contract drops the old column and renames the shadow one in a single short
transaction together with the triggers' removal (catalog-only steps), so no write falls between.
Columns that indexes, keys or foreign keys use are refused: those would have to be rebuilt on the
shadow column first.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from midair.migrations.settings import SyncSettings
from midair.schema.model import Column, ColumnType, Table

SHADOW_SUFFIX = "__midair_new"


def type_sql(t: ColumnType) -> str:
    name = f'"{t.name}"' if t.enum else t.name
    return name + ("[]" if t.array else "")


@dataclass(frozen=True, slots=True)
class ChangeType:
    """`previous` (as it is) becomes `next` (same name, another type) on `table`."""

    table: str
    key: tuple[str, ...]
    previous: Column
    next: Column

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
        return (
            f"`{self.table}`: `{self.previous.name}` changes type "
            f"({type_sql(self.previous.type)} → {type_sql(self.next.type)}) through a shadow column"
        )
