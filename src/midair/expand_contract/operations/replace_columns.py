"""Replace columns by others: a rename, a split, or a merge (the article's four score columns
into one `score` JSON). Old and new columns live side by side between expand and contract."""

from __future__ import annotations

from dataclasses import dataclass, replace

from midair.migrations.settings import PLACEHOLDER, SyncSettings
from midair.schema.model import Column, Table


@dataclass(frozen=True, slots=True)
class ReplaceColumns:
    """`old` columns of `table` (as they are) give way to `new` columns (as they will be)."""

    table: str
    key: tuple[str, ...]
    old: tuple[Column, ...]
    new: tuple[Column, ...]

    def expanded(self, previous: Table) -> Table:
        # Nullable and without a default: no rewrite, and the old app's INSERTs (which do not
        # know the new columns) keep working; the triggers fill them in.
        added = tuple(replace(c, nullable=True, default=None, autoincrement=False) for c in self.new)
        return replace(previous, columns=previous.columns + added)

    def sync(self) -> SyncSettings:
        return SyncSettings(
            table=self.table,
            key=self.key,
            old=tuple(c.name for c in self.old),
            new=tuple(c.name for c in self.new),
            new_from_old=tuple((c.name, PLACEHOLDER) for c in self.new),
            old_from_new=tuple((c.name, PLACEHOLDER) for c in self.old),
        )

    def summary(self) -> str:
        old = ", ".join(f"`{c.name}`" for c in self.old)
        new = ", ".join(f"`{c.name}`" for c in self.new)
        return f"`{self.table}`: {old} → {new}"
