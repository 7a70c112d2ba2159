"""① The Prisma Schema Language front end: parse, validate, resolve relations, format.

`parse_schema`/`load_schema` build a `Document` (syntax only, `SchemaError` on bad syntax),
`validate` returns semantic diagnostics, `load_valid_schema` does both, `resolve_relations`
(in `midair.psl.relations`) pairs relation fields, and `format_schema` prints Prisma's style.
"""

from __future__ import annotations

from typing import Any

from midair.psl.datasource import datasource_url, provider
from midair.psl.parser import load_schema, parse_schema
from midair.psl.relations import resolve_relations
from midair.psl.validate import load_valid_schema, validate

__all__ = [
    "datasource_url",
    "format_schema",
    "load_schema",
    "load_valid_schema",
    "parse_schema",
    "provider",
    "resolve_relations",
    "validate",
]


def __getattr__(name: str) -> Any:
    # The formatter is loaded on first use: commands that only read a schema do not need it.
    if name == "format_schema":
        from midair.psl.formatter import format_schema

        return format_schema
    raise AttributeError(f"module 'midair.psl' has no attribute {name!r}")
