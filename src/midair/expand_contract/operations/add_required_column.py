"""Add a required column without a default to a table that has rows: the old app inserts rows
without it, so it is added nullable, filled by a trigger for those inserts and by the backfill
for existing rows, and made required in the contract."""

from __future__ import annotations

from dataclasses import dataclass, replace

from midair.migrations.settings import PLACEHOLDER, SyncSettings
from midair.schema.model import Column, Table


@dataclass(frozen=True, slots=True)
class AddRequiredColumn:
    table: str
    key: tuple[str, ...]
    new: tuple[Column, ...]

    @property
    def old(self) -> tuple[Column, ...]:
        return ()

    def expanded(self, previous: Table) -> Table:
        added = tuple(replace(c, nullable=True, default=None, autoincrement=False) for c in self.new)
        return replace(previous, columns=previous.columns + added)

    def sync(self) -> SyncSettings:
        return SyncSettings(
            table=self.table,
            key=self.key,
            old=(),
            new=tuple(c.name for c in self.new),
            new_from_old=tuple((c.name, PLACEHOLDER) for c in self.new),
            old_from_new=(),
        )

    def summary(self) -> str:
        new = ", ".join(f"`{c.name}`" for c in self.new)
        return f"`{self.table}`: new required column{'s' if len(self.new) > 1 else ''} {new} without a default"
