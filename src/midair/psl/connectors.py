"""What each Prisma connector accepts in a schema: provider names and native types (`@db.*`).

This is PSL knowledge (Prisma's `psl-core/src/builtin_connectors`), used only to *validate* a
schema as Prisma would, for every provider Prisma knows, including those midair cannot migrate
yet (MySQL, SQL Server, MongoDB, CockroachDB schemas must validate; lowering refuses them later).
How a native type becomes a column type is dialect knowledge and lives in `midair.dialects`.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class NativeType:
    """A native type constructor: its name, how many arguments it takes, and the Prisma scalar
    types it may annotate (empty: any scalar type, when we do not check compatibility)."""

    name: str
    min_args: int
    max_args: int
    scalars: frozenset[str] = frozenset()


def _types(*specs: tuple[str, int, int, str]) -> dict[str, NativeType]:
    return {
        name: NativeType(name, lo, hi, frozenset(scalars.split()) if scalars else frozenset())
        for name, lo, hi, scalars in specs
    }


# PostgreSQL, checked fully (names, argument counts, compatible scalar types) [E21].
_POSTGRES = _types(
    ("SmallInt", 0, 0, "Int"),
    ("Integer", 0, 0, "Int"),
    ("Oid", 0, 0, "Int"),
    ("BigInt", 0, 0, "BigInt"),
    ("Decimal", 0, 2, "Decimal"),
    ("Money", 0, 0, "Decimal"),
    ("Real", 0, 0, "Float"),
    ("DoublePrecision", 0, 0, "Float"),
    ("Inet", 0, 0, "String"),
    ("Citext", 0, 0, "String"),
    ("VarChar", 0, 1, "String"),
    ("Char", 0, 1, "String"),
    ("Text", 0, 0, "String"),
    ("Bit", 0, 1, "String Boolean"),
    ("VarBit", 0, 1, "String"),
    ("Uuid", 0, 0, "String"),
    ("Xml", 0, 0, "String"),
    ("ByteA", 0, 0, "Bytes"),
    ("Timestamp", 0, 1, "DateTime"),
    ("Timestamptz", 0, 1, "DateTime"),
    ("Date", 0, 0, "DateTime"),
    ("Time", 0, 1, "DateTime"),
    ("Timetz", 0, 1, "DateTime"),
    ("Boolean", 0, 0, "Boolean"),
    ("Json", 0, 0, "Json"),
    ("JsonB", 0, 0, "Json"),
)

# CockroachDB, MySQL, SQL Server, MongoDB: names and argument counts.
_COCKROACH = _types(
    ("Bit", 0, 1, ""), ("Bool", 0, 0, ""), ("Bytes", 0, 0, ""), ("Char", 0, 1, ""), ("CatalogSingleChar", 0, 0, ""),
    ("Date", 0, 0, ""), ("Decimal", 0, 2, ""), ("Float4", 0, 0, ""), ("Float8", 0, 0, ""), ("Inet", 0, 0, ""),
    ("Int2", 0, 0, ""), ("Int4", 0, 0, ""), ("Int8", 0, 0, ""), ("JsonB", 0, 0, ""), ("Oid", 0, 0, ""),
    ("String", 0, 1, ""), ("Time", 0, 1, ""), ("Timestamp", 0, 1, ""), ("Timestamptz", 0, 1, ""),
    ("Timetz", 0, 1, ""), ("Uuid", 0, 0, ""), ("VarBit", 0, 1, ""),
)
_MYSQL = _types(
    ("Int", 0, 0, ""), ("UnsignedInt", 0, 0, ""), ("SmallInt", 0, 0, ""), ("UnsignedSmallInt", 0, 0, ""),
    ("TinyInt", 0, 0, ""), ("UnsignedTinyInt", 0, 0, ""), ("MediumInt", 0, 0, ""), ("UnsignedMediumInt", 0, 0, ""),
    ("BigInt", 0, 0, ""), ("UnsignedBigInt", 0, 0, ""), ("Decimal", 0, 2, ""), ("Float", 0, 0, ""),
    ("Double", 0, 0, ""), ("Bit", 1, 1, ""), ("Char", 1, 1, ""), ("VarChar", 1, 1, ""), ("Binary", 1, 1, ""),
    ("VarBinary", 1, 1, ""), ("TinyBlob", 0, 0, ""), ("Blob", 0, 0, ""), ("MediumBlob", 0, 0, ""),
    ("LongBlob", 0, 0, ""), ("TinyText", 0, 0, ""), ("Text", 0, 0, ""), ("MediumText", 0, 0, ""),
    ("LongText", 0, 0, ""), ("Date", 0, 0, ""), ("Time", 0, 1, ""), ("DateTime", 0, 1, ""),
    ("Timestamp", 0, 1, ""), ("Year", 0, 0, ""), ("Json", 0, 0, ""),
)
_SQLSERVER = _types(
    ("Char", 0, 1, ""), ("NChar", 0, 1, ""), ("VarChar", 0, 1, ""), ("NVarChar", 0, 1, ""), ("Text", 0, 0, ""),
    ("NText", 0, 0, ""), ("Bit", 0, 0, ""), ("TinyInt", 0, 0, ""), ("SmallInt", 0, 0, ""), ("Int", 0, 0, ""),
    ("BigInt", 0, 0, ""), ("Decimal", 0, 2, ""), ("Numeric", 0, 2, ""), ("Money", 0, 0, ""), ("SmallMoney", 0, 0, ""),
    ("Float", 0, 1, ""), ("Real", 0, 0, ""), ("Date", 0, 0, ""), ("Time", 0, 1, ""), ("DateTime", 0, 0, ""),
    ("DateTime2", 0, 0, ""), ("DateTimeOffset", 0, 0, ""), ("SmallDateTime", 0, 0, ""), ("Binary", 0, 1, ""),
    ("VarBinary", 0, 1, ""), ("Image", 0, 0, ""), ("Xml", 0, 0, ""), ("UniqueIdentifier", 0, 0, ""),
)
_MONGODB = _types(
    ("String", 0, 0, ""), ("Double", 0, 0, ""), ("Long", 0, 0, ""), ("Int", 0, 0, ""), ("Bool", 0, 0, ""),
    ("Date", 0, 0, ""), ("Timestamp", 0, 0, ""), ("ObjectId", 0, 0, ""), ("BinData", 0, 0, ""),
    ("Decimal", 0, 0, ""), ("Json", 0, 0, ""),
)

NATIVE_TYPES: dict[str, dict[str, NativeType]] = {
    "postgresql": _POSTGRES,
    "postgres": _POSTGRES,
    "cockroachdb": _COCKROACH,
    "mysql": _MYSQL,
    "sqlserver": _SQLSERVER,
    "mongodb": _MONGODB,
    "sqlite": {},
}
"""Provider name -> native type name -> `NativeType`. The keys are the providers Prisma knows."""

PROVIDERS = tuple(NATIVE_TYPES)

SCALAR_TYPES = ("String", "Boolean", "Int", "BigInt", "Float", "Decimal", "DateTime", "Json", "Bytes")

# Providers whose scalar lists (`String[]`) Prisma accepts.
SCALAR_LISTS = frozenset({"postgresql", "postgres", "cockroachdb", "mongodb"})

__all__ = ["NATIVE_TYPES", "PROVIDERS", "SCALAR_LISTS", "SCALAR_TYPES", "NativeType"]
