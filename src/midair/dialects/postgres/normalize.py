"""PostgreSQL normalisation: one spelling for types, defaults and index facts.

Both sides of a comparison go through `normalize(schema)`: the schema lowered from schema.prisma and
the one read from the catalog. The canonical spelling is Prisma's rendered SQL:

- types as Prisma writes them (``TEXT``, ``INTEGER``, ``TIMESTAMP(3)``, ``TIMESTAMPTZ(6)``,
  ``DECIMAL(65,30)``, ``VARCHAR(255)``, ``DOUBLE PRECISION``); catalog spellings such as
  ``timestamp(3) without time zone`` or ``character varying(255)`` are mapped by `canonical_type`;
  ``Unsupported`` types keep their text, lower-cased, without blanks after commas (PostgreSQL
  formats ``geometry(Point, 4326)`` as ``geometry(Point,4326)``) and without a schema qualifier
  (``"public".geography`` comes back from the catalog as ``geography``);
- JSONB defaults as compact JSON with sorted keys (jsonb keeps no layout);
- defaults as Prisma writes them: ``'x'`` (not ``'x'::text``), ``-1`` (not ``'-1'::integer``),
  ``false``, ``CURRENT_TIMESTAMP`` (also for ``now()``), ``ARRAY['a', 'b']::TEXT[]``;
- list (array) columns are nullable: Prisma neither writes nor reads NOT NULL on them;
- index columns: ``ASC`` is no sort (the default), operator classes lower-case and left out when
  they are the default one for the column's type and the index method; the B-tree method is no
  method.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from functools import lru_cache
from typing import Any

from midair.schema.model import Column, ColumnType, Index, IndexColumn, PrimaryKey, Schema, Table

# Catalog spelling (format_type) -> Prisma's rendered spelling, for types without modifiers.
_PLAIN_TYPES = {
    "text": "TEXT",
    "integer": "INTEGER",
    "int": "INTEGER",
    "int4": "INTEGER",
    "bigint": "BIGINT",
    "int8": "BIGINT",
    "smallint": "SMALLINT",
    "int2": "SMALLINT",
    "boolean": "BOOLEAN",
    "bool": "BOOLEAN",
    "double precision": "DOUBLE PRECISION",
    "float8": "DOUBLE PRECISION",
    "real": "REAL",
    "float4": "REAL",
    "jsonb": "JSONB",
    "json": "JSON",
    "bytea": "BYTEA",
    "uuid": "UUID",
    "date": "DATE",
    "xml": "XML",
    "inet": "INET",
    "citext": "CITEXT",
    "money": "MONEY",
    "oid": "OID",
    "numeric": "DECIMAL",
    "decimal": "DECIMAL",
    "character varying": "VARCHAR",
    "varchar": "VARCHAR",
    "character": "CHAR",
    "char": "CHAR",
    "bpchar": "CHAR",
    "bit": "BIT",
    "bit varying": "VARBIT",
    "varbit": "VARBIT",
    "timestamp without time zone": "TIMESTAMP",
    "timestamp": "TIMESTAMP",
    "timestamp with time zone": "TIMESTAMPTZ",
    "timestamptz": "TIMESTAMPTZ",
    "time without time zone": "TIME",
    "time": "TIME",
    "time with time zone": "TIMETZ",
    "timetz": "TIMETZ",
}

# `timestamp(3) without time zone` -> base `timestamp … without time zone`, args `3`.
_WITH_ARGS = re.compile(r"^(?P<head>[a-z ]+?)\s*\((?P<args>[0-9,\s]+)\)(?P<tail>[a-z ]*)$")

# Prisma serial types lower to the integer type plus `autoincrement`.
_SERIAL = {"SERIAL": "INTEGER", "BIGSERIAL": "BIGINT", "SMALLSERIAL": "SMALLINT"}


@lru_cache(maxsize=8192)
def canonical_type(text: str) -> str | None:
    """Prisma's spelling of a built-in type written either way, or None if it is not one.

    >>> canonical_type("timestamp(3) without time zone"), canonical_type("numeric(65,30)")
    ('TIMESTAMP(3)', 'DECIMAL(65,30)')
    """
    t = " ".join(text.strip().lower().split())
    if t in _PLAIN_TYPES:
        return _PLAIN_TYPES[t]
    m = _WITH_ARGS.match(t)
    if m:
        base = (m["head"] + m["tail"]).strip()
        base = " ".join(base.split())
        if base in _PLAIN_TYPES:
            args = ",".join(a.strip() for a in m["args"].split(","))
            return f"{_PLAIN_TYPES[base]}({args})"
    return None


# A leading schema qualifier, quoted or not: `"public".geography`, `public.geography`.
_QUALIFIER = re.compile(r'^(?:"(?:[^"]|"")+"|[a-z_][a-z0-9_$]*)\.(?=["a-z_])')


@lru_cache(maxsize=8192)
def canonical_unsupported(text: str) -> str:
    """The comparable spelling of an ``Unsupported("…")`` type (case, blanks and the schema
    qualifier do not matter).

    The qualifier goes because the catalog prints a type without it whenever its schema is on the
    search path (``"public".geography`` comes back as ``geography``, and as ``public.geography``
    on a connection whose search path leaves public out): a column names one type either way.

    >>> canonical_unsupported('"public".geography'), canonical_unsupported("geometry(Point, 4326)")
    ('geography', 'geometry(point,4326)')
    """
    t = " ".join(text.strip().split())
    t = re.sub(r"\s*,\s*", ",", t)
    t = re.sub(r"\s*\(\s*", "(", t)
    t = re.sub(r"\s*\)", ")", t)
    t = t.lower()
    return _QUALIFIER.sub("", t, count=1)


@lru_cache(maxsize=8192)
def normalize_type(ct: ColumnType) -> ColumnType:
    if ct.enum is not None:
        return ct
    if ct.unsupported:
        known = canonical_type(ct.name)
        if known is not None:
            # `Unsupported("text")` builds the same column as `String`.
            return replace(ct, name=known, unsupported=False)
        return replace(ct, name=canonical_unsupported(ct.name))
    known = canonical_type(ct.name)
    if known is None:
        return replace(ct, name=canonical_unsupported(ct.name), unsupported=True)
    return replace(ct, name=known)


_NUMBER = re.compile(r"^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$")
_CAST_LITERAL = re.compile(r"^(?P<lit>'(?:[^']|'')*')::(?P<type>[^']+)$")
_STRING_LITERAL = re.compile(r"^'(?:[^']|'')*'$")
_NUMERIC_CASTS = ("integer", "bigint", "smallint", "numeric", "double precision", "real", "decimal")
_ELEMENT_CAST = re.compile(r"('(?:[^']|'')*')::(?:\"[^\"]+\"|[a-z][a-z0-9_ ]*(?:\([0-9,]+\))?)")


@lru_cache(maxsize=8192)
def normalize_default(expr: str | None, column_type: ColumnType | None = None) -> str | None:
    """Prisma's rendering of a default expression as PostgreSQL may print it back."""
    if expr is None:
        return None
    e = expr.strip()
    # PostgreSQL wraps some expressions in parentheses when it prints them back.
    while e.startswith("(") and e.endswith(")") and _balanced(e[1:-1]):
        e = e[1:-1].strip()
    lower = e.lower()
    if column_type is not None and not column_type.array and column_type.enum is None:
        temporal = _temporal(e, column_type.name)
        if temporal is not None:
            return temporal
    if lower in ("now()", "current_timestamp", "current_timestamp()"):
        return "CURRENT_TIMESTAMP"
    if lower in ("true", "false"):
        return lower
    if column_type is not None and column_type.name == "JSONB" and not column_type.array and _STRING_LITERAL.match(e):
        return _jsonb(e)
    if lower.startswith("array["):
        return _normalize_array(e, column_type)
    m = _CAST_LITERAL.match(e)
    if m:
        lit, cast = m["lit"], m["type"].strip().lower()
        if cast.endswith("[]"):
            # '{}'::text[] — the catalog's spelling of an empty array literal.
            if lit == "'{}'":
                return _array_default("ARRAY[]", column_type)
            return e
        inner = lit[1:-1]
        if cast == "jsonb":
            return _jsonb(lit)
        if any(cast.startswith(n) for n in _NUMERIC_CASTS) and _NUMBER.match(inner):
            return inner
        return lit
    return e


_TEMPORAL_LITERAL = re.compile(r"^'(?P<v>\d{4}-\d{2}-\d{2}(?:[ T][0-9:.]+)?\s*(?:Z|[+-]\d{2}(?::?\d{2})?)?)'(?:::[a-z ]+(?:\(\d+\))?[a-z ]*)?$")
_TIME_LITERAL = re.compile(r"^'(?P<v>\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*(?:Z|[+-]\d{2}(?::?\d{2})?)?'(?:::[a-z ]+(?:\(\d+\))?[a-z ]*)?$")


def _temporal(e: str, type_name: str) -> str | None:
    """A date/time literal default in one spelling: Prisma writes ``'2020-01-02 03:04:05.678 +00:00'``,
    PostgreSQL prints it back as ``'2020-01-02 03:04:05.678'::timestamp without time zone`` (or in
    UTC with ``+00`` for TIMESTAMPTZ, or ``'2020-01-02'::date``)."""
    from datetime import datetime, timezone

    from midair.dialects.postgres.types import format_datetime

    base = type_name.split("(")[0]
    if base == "TIME":
        m = _TIME_LITERAL.match(e)
        return f"'{m['v']}'" if m else None
    if base not in ("TIMESTAMP", "TIMESTAMPTZ", "DATE"):
        return None
    m = _TEMPORAL_LITERAL.match(e)
    if not m:
        return None
    text = m["v"].replace(" +", "+").replace(" -", "-").replace("Z", "+00:00")
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        return None
    if base == "DATE":
        return f"'{value.date().isoformat()}'"
    if base == "TIMESTAMP" or value.tzinfo is None:
        # TIMESTAMP keeps the wall-clock time and drops any offset, as PostgreSQL does.
        value = value.replace(tzinfo=timezone.utc)
    return "'" + format_datetime(value.astimezone(timezone.utc).isoformat()) + "'"


def _jsonb(lit: str) -> str:
    # jsonb stores a parsed value and prints it back in its own layout, so a JSONB default is
    # compared as compact JSON with sorted keys (both sides), not as the text the schema wrote.
    try:
        value = json.loads(lit[1:-1].replace("''", "'"))
    except ValueError:
        return lit
    text = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return "'" + text.replace("'", "''") + "'"


def _normalize_array(e: str, column_type: ColumnType | None) -> str:
    # ARRAY['a'::text, 'b'::text] and ARRAY['a', 'b']::TEXT[] are the same default.
    body_end = _matching_bracket(e, len("ARRAY"))
    if body_end < 0:
        return e
    body = e[: body_end + 1]
    body = "ARRAY" + _ELEMENT_CAST.sub(r"\1", body[len("ARRAY"):])
    body = re.sub(r"\s*,\s*", ", ", body)
    return _array_default(body, column_type)


def _array_default(body: str, column_type: ColumnType | None) -> str:
    if column_type is None or not column_type.array:
        return body
    return f"{body}::{_type_sql(column_type)}[]"


def _type_sql(ct: ColumnType) -> str:
    if ct.enum is not None:
        return '"' + ct.name.replace('"', '""') + '"'
    return ct.name


def _matching_bracket(e: str, start: int) -> int:
    depth = 0
    in_str = False
    i = start
    while i < len(e):
        ch = e[i]
        if in_str:
            if ch == "'":
                in_str = False
        elif ch == "'":
            in_str = True
        elif ch == "[":
            depth += 1
        elif ch == "]":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return -1


def _balanced(e: str) -> bool:
    depth = 0
    in_str = False
    for ch in e:
        if in_str:
            if ch == "'":
                in_str = False
            continue
        if ch == "'":
            in_str = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def normalize_column(c: Column) -> Column:
    ct = c.type
    autoincrement = c.autoincrement
    if not ct.array and ct.enum is None and ct.name.upper() in _SERIAL:
        ct = replace(ct, name=_SERIAL[ct.name.upper()])
        autoincrement = True
    ct = normalize_type(ct)
    default = None if autoincrement else normalize_default(c.default, ct)
    if default is not None and default.lower().startswith("nextval("):
        autoincrement, default = True, None
    # A list column is nullable whatever the catalog says: Prisma writes lists without NOT NULL and
    # reads any array column as a list (its arity is "list", not "required"/"optional").
    nullable = True if ct.array else c.nullable
    if ct == c.type and default == c.default and autoincrement == c.autoincrement and nullable == c.nullable:
        return c  # already normalised (the common case for an introspected column): no copy
    return replace(c, type=ct, default=default, autoincrement=autoincrement, nullable=nullable)


@lru_cache(maxsize=8192)
def normalize_index_column(ic: IndexColumn) -> IndexColumn:
    sort = None if ic.sort in (None, "ASC") else ic.sort
    opclass = ic.opclass.lower() if ic.opclass else None
    if sort == ic.sort and opclass == ic.opclass:
        return ic
    return replace(ic, sort=sort, opclass=opclass)


def normalize_index(ix: Index) -> Index:
    method = ix.method.upper() if ix.method else None
    if method == "BTREE":
        method = None
    where = ix.where
    if where is not None:
        where = where.strip()
        while where.startswith("(") and where.endswith(")") and _balanced(where[1:-1]):
            where = where[1:-1].strip()
    columns = tuple(normalize_index_column(c) for c in ix.columns)
    if method == ix.method and where == ix.where and columns == ix.columns:
        return ix
    return replace(ix, columns=columns, method=method, where=where)


# The operator class an index uses when none is named, per access method and column type. Naming
# it explicitly (``ops: ArrayOps`` on a GIN index of a list) builds the same index.
_BTREE_DEFAULT_OPS = {
    "TEXT": "text_ops", "VARCHAR": "text_ops", "CITEXT": "citext_ops", "CHAR": "bpchar_ops",
    "INTEGER": "int4_ops", "BIGINT": "int8_ops", "SMALLINT": "int2_ops", "BOOLEAN": "bool_ops",
    "DECIMAL": "numeric_ops", "DOUBLE PRECISION": "float8_ops", "REAL": "float4_ops",
    "TIMESTAMP": "timestamp_ops", "TIMESTAMPTZ": "timestamptz_ops", "DATE": "date_ops",
    "TIME": "time_ops", "TIMETZ": "timetz_ops", "UUID": "uuid_ops", "BYTEA": "bytea_ops",
    "INET": "inet_ops", "OID": "oid_ops", "MONEY": "money_ops", "BIT": "bit_ops", "VARBIT": "varbit_ops",
    "JSONB": "jsonb_ops",
}


def default_opclass(method: str | None, column_type: ColumnType) -> str | None:
    """The operator class PostgreSQL picks for a column of `column_type` in a `method` index."""
    base = column_type.name.split("(")[0]
    if method == "GIN":
        if column_type.array:
            return "array_ops"
        return "jsonb_ops" if base == "JSONB" else None
    if column_type.array or column_type.enum is not None:
        return None
    if method in (None, "HASH"):
        return _BTREE_DEFAULT_OPS.get(base)
    if method == "BRIN":
        ops = _BTREE_DEFAULT_OPS.get(base)
        return ops.replace("_ops", "_minmax_ops") if ops else None
    if method == "SPGIST":
        return {"TEXT": "text_ops", "VARCHAR": "text_ops", "INET": "inet_ops"}.get(base)
    return None


def _without_default_opclasses(ix: Index, t: Table) -> Index:
    if not any(c.opclass for c in ix.columns):
        return ix
    columns = []
    for c in ix.columns:
        column = t.column(c.name)
        if c.opclass and column is not None and c.opclass == default_opclass(ix.method, normalize_type(column.type)):
            c = replace(c, opclass=None)
        columns.append(c)
    return replace(ix, columns=tuple(columns))


def normalize_table(t: Table) -> Table:
    pk = t.primary_key
    if pk is not None:
        pk_columns = tuple(normalize_index_column(c) for c in pk.columns)
        if pk_columns != pk.columns:
            pk = PrimaryKey(pk.name, pk_columns)
    columns = tuple(normalize_column(c) for c in t.columns)
    indexes = tuple(_without_default_opclasses(normalize_index(i), t) for i in t.indexes)
    if pk is t.primary_key and columns == t.columns and indexes == t.indexes:
        return t
    return replace(t, columns=columns, primary_key=pk, indexes=indexes)


def normalize(schema: Schema) -> Schema:
    """`schema` with types, defaults and index facts in their one PostgreSQL spelling."""
    return replace(schema, tables=tuple(normalize_table(t) for t in schema.tables))


__all__ = ["canonical_type", "canonical_unsupported", "normalize", "normalize_default"]


# Casts PostgreSQL adds around constants in a stored predicate: numeric ones keep the number
# (``'1.5'::double precision`` is ``1.5``), the others the constant (``'live'::text``).
_NUMERIC_TYPE_NAMES = frozenset({"int2", "int4", "int8", "float4", "float8", "numeric"})


@lru_cache(maxsize=4096)
def canonical_predicate(predicate: str | None) -> str | None:
    """A partial index predicate in one spelling, so that the text a schema file gives
    (``"active" = true AND "status" = 'live'``) and the one PostgreSQL stores
    (``((active = true) AND (status = 'live'::"Status"))``) compare equal: parsed with pglast,
    casts on constants dropped, printed back. Text pglast cannot parse is compared as written,
    without outer parentheses and spacing differences."""
    if predicate is None:
        return None
    try:
        import pglast
        from pglast.stream import RawStream

        stmt = pglast.parse_sql(f"SELECT 1 WHERE {predicate}")[0].stmt
        _constant_casts()(stmt)
        return str(RawStream()(stmt.whereClause))  # type: ignore[attr-defined]
    except Exception:  # noqa: BLE001 - any parse failure: compare the text
        p = " ".join(predicate.split())
        while p.startswith("(") and p.endswith(")") and _balanced(p[1:-1]):
            p = p[1:-1].strip()
        return p


@lru_cache(maxsize=1)
def _constant_casts() -> Any:
    """A pglast visitor dropping the casts on constants (built once: pglast loads only when
    predicates are compared)."""
    from pglast import ast, visitors

    class ConstantCasts(visitors.Visitor):  # type: ignore[misc]
        def visit_TypeCast(self, ancestors: object, node: ast.TypeCast) -> object:  # noqa: N802 - pglast's name
            if not isinstance(node.arg, ast.A_Const):
                return None
            names = node.typeName.names if node.typeName is not None else ()
            type_name = names[-1].sval if names else ""
            value = node.arg.val
            if type_name in _NUMERIC_TYPE_NAMES and isinstance(value, ast.String):
                if re.fullmatch(r"-?\d+", value.sval):
                    return ast.A_Const(isnull=False, val=ast.Integer(ival=int(value.sval)))
                if _NUMBER.match(value.sval):
                    return ast.A_Const(isnull=False, val=ast.Float(fval=value.sval))
            return node.arg

    return ConstantCasts()
