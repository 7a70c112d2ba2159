"""① The Prisma Schema Language front end: parse, validate, resolve relations, format.

`parse_schema`/`load_schema` build a `Document` (syntax only, `SchemaError` on bad syntax),
`validate` returns semantic diagnostics, `load_valid_schema` does both, `resolve_relations`
(in `midair.psl.relations`) pairs relation fields, and `format_schema` prints Prisma's style.
"""

from __future__ import annotations

from midair.psl.datasource import datasource_url, provider
from midair.psl.formatter import format_schema
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
