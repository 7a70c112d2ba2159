"""The datasource block: which provider a schema targets and where its database is."""

from __future__ import annotations

import os
from collections.abc import Mapping

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
