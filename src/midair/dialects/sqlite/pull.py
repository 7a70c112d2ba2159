"""SQLite facts for `db pull`: a column's Prisma type and default, read back from a `Schema`.

Prisma's SQLite types are ``TEXT``, ``INTEGER``, ``BIGINT``, ``REAL``, ``DECIMAL``, ``DATETIME``,
``BOOLEAN``, ``BLOB`` and ``JSONB``; SQLite has no native type attributes, so any other declared
type is ``Unsupported("…")``.
"""

from __future__ import annotations

import base64
import re

from midair.dialects.postgres.pull import psl_string
from midair.schema.model import Column, ColumnType

_TYPES = {
    "TEXT": "String",
    "INTEGER": "Int",
    "BIGINT": "BigInt",
    "REAL": "Float",
    "DECIMAL": "Decimal",
    "DATETIME": "DateTime",
    "BOOLEAN": "Boolean",
    "BLOB": "Bytes",
    "JSONB": "Json",
}

_NUMBER = re.compile(r"^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$")
_STRING = re.compile(r"^'((?:[^']|'')*)'$")
_DATETIME = re.compile(r"^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}(?:\.\d+)?) ([+-]\d{2}:\d{2})$")


def scalar_type(t: ColumnType) -> tuple[str, str | None]:
    return _TYPES.get(t.name, ""), None


def default_attribute(column: Column, scalar: str) -> str | None:
    if column.autoincrement:
        return "@default(autoincrement())"
    d = column.default
    if d is None:
        return None
    if d == "CURRENT_TIMESTAMP" and scalar == "DateTime":
        return "@default(now())"
    if scalar == "Boolean" and d in ("true", "false"):
        return f"@default({d})"
    if scalar in ("Int", "BigInt", "Float", "Decimal") and _NUMBER.match(d):
        return f"@default({d})"
    m = _STRING.match(d)
    if m and scalar in ("String", "Json"):
        return f"@default({psl_string(m[1].replace(chr(39) * 2, chr(39)))})"
    if m and scalar == "DateTime":
        dt = _DATETIME.match(m[1])
        if dt:
            return f"@default({psl_string(f'{dt[1]}T{dt[2]}{dt[3]}')})"
    if m and scalar == "Bytes" and re.fullmatch(r"(?:[0-9a-fA-F]{2})*", m[1]):
        return f"@default({psl_string(base64.b64encode(bytes.fromhex(m[1])).decode())})"
    return f"@default(dbgenerated({psl_string(d)}))"


__all__ = ["default_attribute", "scalar_type"]
