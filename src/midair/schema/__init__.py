"""② The SQL-level schema model (`model`), `Pair`, and lowering from PSL (`lower`)."""

from midair.schema.model import (
    EMPTY_SCHEMA,
    Column,
    ColumnType,
    Enum,
    ForeignKey,
    Index,
    IndexColumn,
    PrimaryKey,
    Schema,
    Table,
)
from midair.schema.pair import Pair

__all__ = [
    "EMPTY_SCHEMA",
    "Column",
    "ColumnType",
    "Enum",
    "ForeignKey",
    "Index",
    "IndexColumn",
    "Pair",
    "PrimaryKey",
    "Schema",
    "Table",
]
