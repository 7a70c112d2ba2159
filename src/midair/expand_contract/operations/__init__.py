"""Expand/contract operations: one module per kind of breaking change, one protocol.

Each operation knows the table it changes and answers:

- `expanded(previous_table) -> Table`: the table in its expanded form (what the old app
  tolerates: new columns nullable, without defaults that would rewrite);
- `sync() -> SyncSettings`: the dual-write triggers (old and new columns, template expressions);
- `summary() -> str`: one line for the user.

The contract is the diff from the expanded schema to the target schema, rendered like any
migration (SET NOT NULL, defaults, DROP COLUMN), and the executor applies its safe forms; a type
change instead builds the column's indexes and keys on its shadow column after the backfill and
swaps it in (`dialects/<d>/sync.py: swap_column_sql`: renames on PostgreSQL, a rebuild on SQLite).
"""

from __future__ import annotations

from midair.expand_contract.operations.add_required_column import AddRequiredColumn
from midair.expand_contract.operations.change_type import ChangeType
from midair.expand_contract.operations.replace_columns import ReplaceColumns

Operation = ReplaceColumns | AddRequiredColumn | ChangeType

__all__ = ["AddRequiredColumn", "ChangeType", "Operation", "ReplaceColumns"]
