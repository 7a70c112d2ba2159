"""The datasource block: which provider a schema targets and where its database is."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from midair.errors import ConfigError
from midair.psl import ast


def provider(doc: ast.Document) -> str:
    """The datasource's provider (``postgresql``, ``sqlite``…); `ConfigError` if there is none."""
    ds = doc.datasource
    prop = ds.property("provider") if ds is not None else None
    if prop is None or not isinstance(prop.value, ast.StringValue):
        where = f" ({ds.span})" if ds is not None else ""
        raise ConfigError(
            f"The schema has no datasource provider{where}.",
            hint='Add a datasource block: datasource db { provider = "postgresql" url = env("DATABASE_URL") }',
        )
    return prop.value.value


def datasource_url(doc: ast.Document, env: Mapping[str, str] | None = None) -> str | None:
    """The datasource `url`: a string literal, or the value of the `env("X")` variable (None when
    the block, the property or the variable is missing)."""
    env = os.environ if env is None else env
    ds = doc.datasource
    prop = ds.property("url") if ds is not None else None
    if prop is None:
        return None
    value = prop.value
    if isinstance(value, ast.StringValue):
        return value.value
    if isinstance(value, ast.FunctionCall) and value.name == "env" and value.arguments:
        arg = value.arguments[0].value
        if isinstance(arg, ast.StringValue):
            return env.get(arg.value) or None
    return None


def preview_features(doc: ast.Document) -> frozenset[str]:
    """The ``previewFeatures`` of every generator block (Prisma reads them from any generator)."""
    out: set[str] = set()
    for block in doc.blocks:
        if isinstance(block, ast.ConfigBlock) and block.kind == "generator":
            prop = block.property("previewFeatures")
            if prop is not None and isinstance(prop.value, ast.ArrayValue):
                out.update(i.value for i in prop.value.items if isinstance(i, ast.StringValue))
    return frozenset(out)


@dataclass(frozen=True, slots=True)
class DeclaredExtension:
    """One entry of the datasource's ``extensions = [...]``: `name` as written in the schema,
    `db_name` the extension's database name (``uuid_ossp(map: "uuid-ossp")`` → ``uuid-ossp``)."""

    name: str
    db_name: str
    schema: str | None
    version: str | None
    span: ast.Span


_EXTENSION_ARGUMENTS = ("map", "schema", "version")


def extension_entries(doc: ast.Document) -> tuple[list[DeclaredExtension], list[tuple[ast.Span, str]]]:
    """The datasource's ``extensions`` entries, and the problems found in them (span, message),
    worded as Prisma words them. A single entry without brackets is accepted, as Prisma does."""
    ds = doc.datasource
    prop = ds.property("extensions") if ds is not None else None
    if prop is None:
        return [], []
    items = prop.value.items if isinstance(prop.value, ast.ArrayValue) else (prop.value,)
    out: list[DeclaredExtension] = []
    problems: list[tuple[ast.Span, str]] = []
    for item in items:
        if isinstance(item, ast.ConstantValue):
            out.append(DeclaredExtension(item.name, item.name, None, None, item.span))
            continue
        if not isinstance(item, ast.FunctionCall):
            problems.append((item.span, f"Expected a constant or function value, but received {_kind(item)}."))
            continue
        values: dict[str, str] = {}
        for arg in item.arguments:
            if arg.name is None:
                problems.append((arg.span, "Error validating: The argument must have a name"))
            elif arg.name not in _EXTENSION_ARGUMENTS:
                problems.append((arg.span, f'Argument not known: "{arg.name}".'))
            elif not isinstance(arg.value, ast.StringValue):
                problems.append((arg.value.span, f"Expected a string value, but received {_kind(arg.value)}."))
                problems.append((arg.value.span, f"Error validating: The `{arg.name}` argument must be a string literal"))
            else:
                values[arg.name] = arg.value.value
        out.append(
            DeclaredExtension(
                item.name, values.get("map", item.name), values.get("schema"), values.get("version"), item.span
            )
        )
    return out, problems


def _kind(value: ast.Expression) -> str:
    """Prisma's wording for a value of the wrong kind (``string value `"x"` ``)."""
    if isinstance(value, ast.StringValue):
        return f'string value `"{value.value}"`'
    if isinstance(value, ast.NumberValue):
        return f"numeric value `{value.text}`"
    if isinstance(value, ast.ArrayValue):
        return "array value"
    if isinstance(value, ast.ConstantValue):
        return f"literal value `{value.name}`"
    return "function value"
