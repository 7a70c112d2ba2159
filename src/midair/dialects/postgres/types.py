"""PostgreSQL types and defaults: how Prisma's scalars and ``@db.*`` types are spelled in a `Schema`.

This docstring is the contract between lowering (`midair.schema.lower`) and introspection
(`dialects/postgres/introspect.py`): both must produce exactly these spellings, so that a lowered
schema compares equal to the introspection of the database Prisma's SQL builds.

Column types (`ColumnType.name`, upper case, exactly as Prisma's renderer writes them):

- scalars without ``@db``: ``String`` → ``TEXT``, ``Boolean`` → ``BOOLEAN``, ``Int`` → ``INTEGER``,
  ``BigInt`` → ``BIGINT``, ``Float`` → ``DOUBLE PRECISION``, ``Decimal`` → ``DECIMAL(65,30)``,
  ``DateTime`` → ``TIMESTAMP(3)``, ``Json`` → ``JSONB``, ``Bytes`` → ``BYTEA``;
- ``@db.*``: ``SMALLINT``, ``INTEGER``, ``BIGINT``, ``DECIMAL(p,s)`` (no space; bare ``DECIMAL``
  without arguments), ``MONEY``, ``INET``, ``OID``, ``CITEXT``, ``REAL``, ``DOUBLE PRECISION``,
  ``VARCHAR(n)``/``VARCHAR``, ``CHAR(n)``/``CHAR``, ``TEXT``, ``BYTEA``, ``TIMESTAMP(p)``/``TIMESTAMP``,
  ``TIMESTAMPTZ(p)``/``TIMESTAMPTZ``, ``DATE``, ``TIME(p)``/``TIME``, ``TIMETZ(p)``/``TIMETZ``,
  ``BOOLEAN``, ``BIT(n)``/``BIT``, ``VARBIT(n)``/``VARBIT``, ``UUID``, ``XML``, ``JSON``, ``JSONB``.
  Introspection maps catalog names to these (``character varying(255)`` → ``VARCHAR(255)``,
  ``timestamp(3) without time zone`` → ``TIMESTAMP(3)``, ``numeric(65,30)`` → ``DECIMAL(65,30)``,
  ``int4`` → ``INTEGER``, ``float8`` → ``DOUBLE PRECISION``, ``bpchar(3)`` → ``CHAR(3)``, …);
  a precision equal to PostgreSQL's default is still written when the catalog shows it.
- lists: `array=True` and the element type in `name` (``TEXT`` for ``String[]``).
- enums: `name` and `enum` are the enum's database name (unquoted, without schema).
- ``Unsupported("circle")``: `name` is the text as written, `unsupported=True`.
- autoincrement (``@default(autoincrement())``, i.e. ``SERIAL``/``BIGSERIAL``/``SMALLSERIAL``):
  `Column.autoincrement=True`, type ``INTEGER``/``BIGINT``/``SMALLINT`` and `default=None` (the
  ``nextval('…_seq'::regclass)`` default that introspection sees is dropped).

Defaults (`Column.default`, the SQL text Prisma writes after ``DEFAULT``):

- strings and enum values: single-quoted, ``'`` doubled: ``'0'``, ``'it''s'``, ``'ADMIN'`` (the
  value's ``@map`` name); introspection strips casts (``'0'::text`` → ``'0'``,
  ``'USER'::"Role"`` → ``'USER'``);
- numbers as written in the schema, integers normalised: ``0``, ``-3``, ``1.5``, ``0.0``;
  introspection sees ``'1.5'::double precision`` or ``1.5``: normalise to the bare number;
- booleans ``true``/``false``; ``now()`` → ``CURRENT_TIMESTAMP`` (introspection sees
  ``CURRENT_TIMESTAMP`` or ``now()``: both become ``CURRENT_TIMESTAMP``);
- JSON: the text single-quoted: ``'{}'``, ``'[]'``;
- DateTime literals: ``'2020-01-02 03:04:05.678 +00:00'``; Bytes: ``'\\x68656c6c6f'``;
- lists: ``ARRAY['a', 'b']::TEXT[]``, ``ARRAY[]::INTEGER[]``, ``ARRAY['USER']::"Role"[]``;
- ``dbgenerated("expr")``: `expr` verbatim (``gen_random_uuid()``);
- client-side defaults (``uuid()``, ``cuid()``, ``nanoid()``, ``ulid()``, ``@updatedAt``): None.
"""

from __future__ import annotations

import base64
from datetime import datetime, timezone
from typing import Sequence

from midair.errors import UnsupportedError
from midair.schema.literal import Literal
from midair.schema.model import ColumnType

SCALAR_TYPES = {
    "String": "TEXT",
    "Boolean": "BOOLEAN",
    "Int": "INTEGER",
    "BigInt": "BIGINT",
    "Float": "DOUBLE PRECISION",
    "Decimal": "DECIMAL(65,30)",
    "DateTime": "TIMESTAMP(3)",
    "Json": "JSONB",
    "Bytes": "BYTEA",
}

# @db.X without arguments
_PLAIN_NATIVE = {
    "SmallInt": "SMALLINT",
    "Integer": "INTEGER",
    "BigInt": "BIGINT",
    "Money": "MONEY",
    "Inet": "INET",
    "Oid": "OID",
    "Citext": "CITEXT",
    "Real": "REAL",
    "DoublePrecision": "DOUBLE PRECISION",
    "Text": "TEXT",
    "ByteA": "BYTEA",
    "Date": "DATE",
    "Boolean": "BOOLEAN",
    "Uuid": "UUID",
    "Xml": "XML",
    "Json": "JSON",
    "JsonB": "JSONB",
}

# @db.X(n) with one optional argument
_SIZED_NATIVE = {
    "VarChar": "VARCHAR",
    "Char": "CHAR",
    "Timestamp": "TIMESTAMP",
    "Timestamptz": "TIMESTAMPTZ",
    "Time": "TIME",
    "Timetz": "TIMETZ",
    "Bit": "BIT",
    "VarBit": "VARBIT",
}

AUTOINCREMENT_TYPES = {"SMALLINT": "SMALLSERIAL", "INTEGER": "SERIAL", "BIGINT": "BIGSERIAL"}

SUPPORTS_LISTS = True
# Implicit many-to-many tables get a primary key on (A, B) (Prisma >= 5 on PostgreSQL) rather than
# a unique index.
JOIN_TABLE_PRIMARY_KEY = True
# The namespace a schema without ``@@schema`` lives in (Prisma 7's from-empty scripts create it).
DEFAULT_NAMESPACE: str | None = "public"
SUPPORTS_ENUMS = True
# PostgreSQL extensions (`CREATE EXTENSION`), behind Prisma's `postgresqlExtensions` preview feature.
SUPPORTS_EXTENSIONS = True


def native_type(name: str, args: Sequence[str]) -> str:
    """The SQL type for ``@db.<name>(<args>)``; raises `UnsupportedError` for an unknown one."""
    if name in _PLAIN_NATIVE and not args:
        return _PLAIN_NATIVE[name]
    if name in _SIZED_NATIVE and len(args) <= 1:
        return _SIZED_NATIVE[name] + (f"({args[0]})" if args else "")
    if name == "Decimal" and len(args) in (0, 2):
        return "DECIMAL" + (f"({args[0]},{args[1]})" if args else "")
    raise UnsupportedError(f"The native type `@db.{name}` is not supported on PostgreSQL.")


def column_type(scalar: str, native: tuple[str, Sequence[str]] | None, *, array: bool) -> ColumnType:
    name = native_type(*native) if native else SCALAR_TYPES[scalar]
    return ColumnType(name, array=array)


def enum_column_type(enum_name: str, *, array: bool) -> ColumnType:
    return ColumnType(enum_name, enum=enum_name, array=array)


def implicit_autoincrement(scalar: str, single_primary_key: bool) -> bool:
    """PostgreSQL has no implicit autoincrement: only ``@default(autoincrement())``."""
    return False


# --- defaults --------------------------------------------------------------------------------


def quote_string(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def render_type(t: ColumnType, quote, schema: str | None = None) -> str:
    """The type as written in DDL (enum names quoted, ``[]`` for lists)."""
    if t.enum is not None:
        base = (quote(schema) + "." if schema else "") + quote(t.name)
    else:
        base = t.name
    return base + ("[]" if t.array else "")


def format_datetime(text: str) -> str:
    """A DateTime literal as Prisma prints it (chrono's ``%Y-%m-%d %H:%M:%S%.f %:z``)."""
    dt = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=timezone.utc)
    frac = ""
    if dt.microsecond:
        frac = "." + f"{dt.microsecond:06d}"
        # chrono prints 3, 6 or 9 digits
        if frac.endswith("000"):
            frac = frac[:4]
    offset = dt.utcoffset()
    assert offset is not None
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    minutes = abs(minutes)
    return f"{dt:%Y-%m-%d %H:%M:%S}{frac} {sign}{minutes // 60:02d}:{minutes % 60:02d}"


def render_literal(lit: Literal, full_type: str) -> str:
    """A constant default in PostgreSQL syntax; `full_type` is the rendered column type (used
    by list defaults: ``ARRAY[…]::TEXT[]``)."""
    k, v = lit.kind, lit.value
    if k in ("string", "enum", "json"):
        return quote_string(str(v))
    if k == "bool":
        return "true" if v else "false"
    if k in ("int", "float"):
        return str(v)
    if k == "datetime":
        return quote_string(format_datetime(str(v)))
    if k == "bytes":
        return "'\\x" + base64.b64decode(str(v)).hex() + "'"
    if k == "list":
        assert isinstance(v, tuple)
        return "ARRAY[" + ", ".join(render_literal(x, full_type) for x in v) + "]::" + full_type
    raise ValueError(k)


__all__ = [
    "column_type_change",
    "opclasses_match",
    "DEFAULT_NAMESPACE",
    "JOIN_TABLE_PRIMARY_KEY",
    "AUTOINCREMENT_TYPES",
    "SCALAR_TYPES",
    "SUPPORTS_ENUMS",
    "SUPPORTS_LISTS",
    "column_type",
    "enum_column_type",
    "format_datetime",
    "implicit_autoincrement",
    "native_type",
    "quote_string",
    "render_literal",
    "render_type",
]


# --- type changes ----------------------------------------------------------------------------
# How an existing column's values survive a type change (Prisma's `postgres_column_type_change`):
# None (same type), SAFE (every value converts), RISKY (some may not: a warning), NOT_CASTABLE
# (the column is dropped and recreated). Lengths and precisions come from the type text.

import re as _re  # noqa: E402

from midair.diff.changes import CastKind  # noqa: E402
from midair.schema.model import Column  # noqa: E402

_TYPE_RE = _re.compile(r"^([A-Z ]+?)(?:\((\d+)(?:,(\d+))?\))?$")


def _parse(name: str) -> tuple[str, tuple[int, ...] | None]:
    m = _TYPE_RE.match(name)
    if not m:
        return name, None
    args = tuple(int(x) for x in m.groups()[1:] if x is not None)
    return m.group(1), (args or None)


def _known_cast(prev: str, nxt: str) -> CastKind | None:
    S, R, N = CastKind.SAFE, CastKind.RISKY, CastKind.NOT_CASTABLE
    if prev == nxt:
        return None
    (a, pa), (b, pb) = _parse(prev), _parse(nxt)
    length = pb[0] if pb else None
    is_char = b == "CHAR"
    strings = ("VARCHAR", "CHAR")

    def to_string(max_len: int) -> CastKind:
        if b == "TEXT":
            return S
        if b in strings:
            if length is not None and length < max_len:
                return R
            if length is None and is_char:
                return R
            return S
        return N

    ints = {"SMALLINT": 3, "INTEGER": 10, "BIGINT": 19}
    if a == "INET":
        return S if b in ("CITEXT", "TEXT", "VARCHAR") else N
    if a == "MONEY":
        return S if b in ("CITEXT", "TEXT", "VARCHAR") else R
    if a == "CITEXT":
        return S if b in ("TEXT", "VARCHAR") else R
    if a == "OID":
        return S if b in ("TEXT", "VARCHAR", "BIGINT", "INTEGER") else N
    if a in ints:
        if b in ints:
            return S if ints[b] >= ints[a] else R
        if b == "DECIMAL":
            return R if pb and pb[0] - pb[1] < ints[a] else S
        if b in ("REAL", "DOUBLE PRECISION"):
            return S
        return to_string({"SMALLINT": 4, "INTEGER": 11, "BIGINT": 20}[a])
    if a == "DECIMAL":
        if b in ints:
            limit = {"SMALLINT": 2, "INTEGER": 9, "BIGINT": 18}[b]
            if pa is None or pa[1] > 0 or pa[0] > limit:
                return R
            return S
        if b == "DECIMAL":
            if pa is not None and pb is None:
                return S
            if pa is None and pb is not None:
                return R
            if pa and pb and (pa[0] - pa[1] > pb[0] - pb[1] or pa[1] > pb[1]):
                return R
            return S
        if b in ("REAL", "DOUBLE PRECISION"):
            return R
        if b in strings:
            if length is not None and pa is not None and pa[1] == 0 and pa[0] + 1 > length:
                return R
            if length is not None and pa is not None and pa[1] > 0 and pa[0] + 2 > length:
                return R
            if length is not None and pa is None and length < 131073:
                return R
            if length is None and is_char:
                return R
            return S
        return S if b == "TEXT" else N
    if a in ("REAL", "DOUBLE PRECISION"):
        if b in ints or b == "DECIMAL":
            return R
        if b == "REAL":
            return S if a == "REAL" else R
        if b == "DOUBLE PRECISION":
            return S
        return to_string(47 if a == "REAL" else 317)
    if a in strings:
        if b == "TEXT":
            return S
        if b in strings:
            old = pa[0] if pa else None
            if old is None and length is None and is_char:
                return R if a == "VARCHAR" else S
            if a == "CHAR" and old is None:
                return S
            if old is None and length is not None:
                return R
            if old == 1 and length is None:
                return S
            if old is not None and length is None:
                return R if is_char else S
            if old is not None and length is not None and old > length:
                return R
            return S
        return N
    if a == "TEXT":
        if b in ("TEXT", "CITEXT") or (b == "VARCHAR" and length is None):
            return S
        return R if b in strings else N
    if a == "BYTEA":
        if b == "TEXT" or (b == "VARCHAR" and length is None):
            return S
        return R if b in strings and length is not None and length > 2 else N
    temporal_str = {"TIMESTAMP": 22, "TIMESTAMPTZ": 27, "DATE": 27, "TIME": 13, "TIMETZ": 18}
    if a in temporal_str:
        if b == "TEXT" or (b == "VARCHAR" and length is None):
            return S
        if b in strings and length is not None and length > temporal_str[a]:
            return S
        if a in ("TIMESTAMP", "TIMESTAMPTZ", "TIME", "TIMETZ") and b == a:
            if pb is None or pa is None or pa == pb:
                return None
            return S
        if a in ("TIMESTAMP", "TIMESTAMPTZ"):
            return S if b in ("TIMESTAMP", "TIMESTAMPTZ", "DATE", "TIME", "TIMETZ") else N
        if a == "DATE":
            return S if b in ("TIMESTAMP", "TIMESTAMPTZ") else N
        if a == "TIME":
            return S if b == "TIMETZ" else N
        return S if b in ("TIMETZ", "TIME") else N
    if a == "BOOLEAN":
        if b in ("TEXT", "VARCHAR"):
            return S
        if b == "CHAR" and length is not None and length > 4:
            return S
        if b == "CHAR" and length is not None and length > 3:
            return R
        return N
    if a == "BIT":
        if pa is None:
            return S if b in ("TEXT", "VARCHAR", "CHAR", "VARBIT") else N
        if b == "TEXT" or (b in ("VARCHAR", "VARBIT") and length is None):
            return S
        if b in ("VARCHAR", "VARBIT", "CHAR") and length is not None and length >= pa[0]:
            return S
        return N
    if a == "VARBIT":
        if pa is None:
            if b == "TEXT" or (b == "VARCHAR" and length is None):
                return S
            return R if b in ("VARCHAR", "CHAR", "BIT") else N
        if b == "TEXT" or (b in ("VARCHAR", "VARBIT") and length is None):
            return S
        if b == "VARBIT" and length is not None and length > pa[0]:
            return S
        if b in strings and length is not None and length >= pa[0]:
            return S
        if b == "BIT" and (length is None or length <= pa[0]):
            return R
        return R if b in strings else N
    if a == "UUID":
        if b == "TEXT" or (b == "VARCHAR" and length is None):
            return S
        return S if b in strings and length is not None and length > 31 else N
    if a in ("XML", "JSON", "JSONB"):
        other_json = {"JSON": "JSONB", "JSONB": "JSON"}.get(a)
        if b == "TEXT" or b == other_json or (b == "VARCHAR" and length is None):
            return S
        return R if b in strings else N
    return R


# Operator classes PostgreSQL picks when none is named (introspection may report None for them).
_DEFAULT_OPCLASSES = frozenset({"array_ops", "jsonb_ops", "tsvector_ops", "text_ops", "inet_ops", "range_ops"})


def opclasses_match(previous: str | None, next: str | None) -> bool:
    """Whether two index operator classes are the same (None meaning the type's default one)."""
    if previous == next:
        return True
    other = next if previous is None else previous if next is None else None
    return other is not None and (other in _DEFAULT_OPCLASSES or other.endswith("_minmax_ops"))


def column_type_change(previous: Column, next: Column) -> CastKind | None:
    """How values survive the change from `previous`'s type to `next`'s (None: no change)."""
    p, n = previous.type, next.type
    if p.enum is not None or n.enum is not None:
        return None if (p.enum, p.array) == (n.enum, n.array) else CastKind.NOT_CASTABLE
    if p.array and not n.array:
        base, args = _parse(n.name)
        if base == "TEXT" or (base == "VARCHAR" and args is None):
            return CastKind.SAFE
        if base in ("VARCHAR", "CHAR"):
            return CastKind.RISKY
        return CastKind.NOT_CASTABLE
    if n.array and not p.array:
        return CastKind.NOT_CASTABLE
    if p.unsupported or n.unsupported:
        # `Unsupported("Circle")` is the column PostgreSQL prints back as `circle` (and
        # `Unsupported("numeric(10, 2)")` the one it prints as `numeric(10,2)`): compare normalised.
        from midair.dialects.postgres.normalize import normalize_type

        return None if p.name == n.name or normalize_type(p) == normalize_type(n) else CastKind.RISKY
    return _known_cast(p.name, n.name)
