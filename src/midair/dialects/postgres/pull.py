"""PostgreSQL facts for `db pull`: a column's Prisma type and attributes, read back from a `Schema`.

The inverse of the spellings documented in `types.py`: ``VARCHAR(255)`` is ``String @db.VarChar(255)``,
``TIMESTAMP(3)`` is plain ``DateTime`` (Prisma's default for the scalar), a default ``'x'`` on a
``TEXT`` column is ``@default("x")``, ``nextval`` behind `autoincrement` is
``@default(autoincrement())``, and anything else becomes ``@default(dbgenerated("…"))``.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Mapping, Sequence

from midair.psl.datasource import DeclaredExtension
from midair.schema.model import Column, ColumnType, Extension, Schema

# Rendered type -> (scalar, native attribute or None when it is the scalar's default).
_PLAIN = {
    "TEXT": ("String", None),
    "BOOLEAN": ("Boolean", None),
    "INTEGER": ("Int", None),
    "BIGINT": ("BigInt", None),
    "DOUBLE PRECISION": ("Float", None),
    "DECIMAL(65,30)": ("Decimal", None),
    "TIMESTAMP(3)": ("DateTime", None),
    "JSONB": ("Json", None),
    "BYTEA": ("Bytes", None),
    "SMALLINT": ("Int", "@db.SmallInt"),
    "OID": ("Int", "@db.Oid"),
    "REAL": ("Float", "@db.Real"),
    "MONEY": ("Decimal", "@db.Money"),
    "DECIMAL": ("Decimal", "@db.Decimal"),
    "UUID": ("String", "@db.Uuid"),
    "XML": ("String", "@db.Xml"),
    "INET": ("String", "@db.Inet"),
    "CITEXT": ("String", "@db.Citext"),
    "JSON": ("Json", "@db.Json"),
    "DATE": ("DateTime", "@db.Date"),
}

_SIZED = {
    "VARCHAR": ("String", "VarChar"),
    "CHAR": ("String", "Char"),
    "BIT": ("String", "Bit"),
    "VARBIT": ("String", "VarBit"),
    "TIMESTAMP": ("DateTime", "Timestamp"),
    "TIMESTAMPTZ": ("DateTime", "Timestamptz"),
    "TIME": ("DateTime", "Time"),
    "TIMETZ": ("DateTime", "Timetz"),
}

_SIZED_RE = re.compile(r"^(?P<base>[A-Z]+)(?:\((?P<args>[0-9]+)\))?$")
_DECIMAL_RE = re.compile(r"^DECIMAL\((?P<p>\d+),(?P<s>\d+)\)$")
_NUMBER = re.compile(r"^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$")
_STRING = re.compile(r"^'((?:[^']|'')*)'$")
_ARRAY = re.compile(r"^ARRAY\[(?P<body>.*)\]::.+\[\]$", re.DOTALL)
_DATETIME = re.compile(r"^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}(?:\.\d+)?) ([+-]\d{2}:\d{2})$")


def scalar_type(t: ColumnType) -> tuple[str, str | None]:
    """(Prisma scalar, native type attribute or None) for a non-enum, supported type."""
    if t.name in _PLAIN:
        return _PLAIN[t.name]
    m = _DECIMAL_RE.match(t.name)
    if m:
        return "Decimal", f"@db.Decimal({m['p']}, {m['s']})"
    m = _SIZED_RE.match(t.name)
    if m and m["base"] in _SIZED:
        scalar, native = _SIZED[m["base"]]
        return scalar, f"@db.{native}" + (f"({m['args']})" if m["args"] else "")
    return "", None


def psl_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _literal(text: str, scalar: str, enum: str | None) -> str | None:
    """A constant SQL default as a PSL value, or None when it is not a constant Prisma writes."""
    m = _STRING.match(text)
    if m:
        value = m[1].replace("''", "'")
        if enum is not None:
            return value if re.match(r"^[A-Za-z][A-Za-z0-9_]*$", value) else None
        if scalar == "DateTime":
            d = _DATETIME.match(value)
            return psl_string(f"{d[1]}T{d[2]}{d[3]}") if d else None
        if scalar == "Bytes":
            if value.startswith("\\x"):
                try:
                    return psl_string(base64.b64encode(bytes.fromhex(value[2:])).decode())
                except ValueError:
                    return None
            return None
        if scalar in ("Int", "BigInt", "Float", "Decimal", "Boolean"):
            return None
        return psl_string(value)
    if text in ("true", "false"):
        return text if scalar == "Boolean" else None
    if _NUMBER.match(text) and scalar in ("Int", "BigInt", "Float", "Decimal"):
        return text
    return None


def _split_array(body: str) -> list[str] | None:
    items, depth, current, in_str = [], 0, "", False
    for ch in body:
        if in_str:
            current += ch
            if ch == "'":
                in_str = False
            continue
        if ch == "'":
            in_str = True
        elif ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif ch == "," and depth == 0:
            items.append(current.strip())
            current = ""
            continue
        current += ch
    if current.strip():
        items.append(current.strip())
    return items


def default_attribute(column: Column, scalar: str) -> str | None:
    """The ``@default(…)`` for a column, or None."""
    if column.autoincrement:
        return "@default(autoincrement())"
    d = column.default
    if d is None:
        return None
    if d == "CURRENT_TIMESTAMP" and scalar == "DateTime" and not column.type.array:
        return "@default(now())"
    if column.type.array:
        m = _ARRAY.match(d)
        if m:
            items = _split_array(m["body"])
            values = [_literal(i, scalar, column.type.enum) for i in items] if items is not None else [None]
            if all(v is not None for v in values):
                return "@default([" + ", ".join(v for v in values if v is not None) + "])"
    elif not column.type.unsupported:
        value = _literal(d, scalar, column.type.enum)
        if value is not None:
            return f"@default({value})"
    return f"@default(dbgenerated({psl_string(d)}))"




# Extensions `db pull` adds to the datasource even when the schema file did not list them (Prisma's
# `EXTENSION_ALLOW_LIST`, its `pg_crypto` spelling included: pgcrypto itself is not on it).
_PULLED_UNLISTED = ("citext", "postgis", "pg_crypto", "uuid-ossp")
_IDENTIFIER = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")


def extensions_value(installed: Sequence[Extension], declared: Mapping[str, DeclaredExtension]) -> str | None:
    """The ``extensions = [...]`` value Prisma's introspection writes (None: no property).

    Each installed extension, by name: one the file lists keeps the arguments it had, filled with
    the database's values (``version:`` before ``schema:``); one it does not list is added only if
    Prisma's allow list names it, with its ``schema:``. A name that is not an identifier becomes
    ``uuid_ossp(map: "uuid-ossp")``.
    """
    items = []
    for ext in installed:
        args = []
        name = ext.name
        if not _IDENTIFIER.match(name):
            name = re.sub(r"[^A-Za-z0-9_]", "_", name).lstrip("_0123456789") or "x"
            args.append(f"map: {psl_string(ext.name)}")
        before = declared.get(ext.name)
        if before is not None:
            if before.version is not None:
                args.append(f"version: {psl_string(ext.version or '')}")
            if before.schema is not None:
                args.append(f"schema: {psl_string(ext.schema or '')}")
        elif ext.name in _PULLED_UNLISTED:
            args.append(f"schema: {psl_string(ext.schema or '')}")
        else:
            continue
        items.append(f"{name}({', '.join(args)})" if args else name)
    return f"[{', '.join(items)}]" if items else None


def rewrite_extensions(existing: str, schema: Schema) -> str:
    """`existing` (a schema file's text) with its datasource's ``extensions`` as the database has
    them, when the file uses the ``postgresqlExtensions`` preview feature (else unchanged, as
    Prisma only introspects extensions then)."""
    from midair.errors import SchemaError
    from midair.psl import parse_schema
    from midair.psl.datasource import extension_entries, preview_features

    try:
        doc = parse_schema(existing)
    except SchemaError:
        return existing
    ds = doc.datasource
    if ds is None or "postgresqlExtensions" not in preview_features(doc):
        return existing
    declared = {e.db_name: e for e in extension_entries(doc)[0]}
    value = extensions_value(schema.extensions, declared)
    prop = ds.property("extensions")
    if prop is not None:
        if value is None:  # the whole line goes
            start = existing.rfind("\n", 0, prop.span.start) + 1
            end = existing.find("\n", prop.span.end)
            return existing[:start] + existing[end + 1 if end >= 0 else len(existing):]
        return existing[: prop.span.start] + f"extensions = {value}" + existing[prop.span.end:]
    if value is None:
        return existing
    close = existing.rfind("}", ds.span.start, ds.span.end)
    line_start = existing.rfind("\n", 0, close) + 1
    return existing[:line_start] + f"  extensions = {value}\n" + existing[line_start:]


__all__ = ["default_attribute", "extensions_value", "psl_string", "rewrite_extensions", "scalar_type"]
