"""Dialect knowledge, one package per database; every package has the same module names.

The core never asks "is this SQLite?": it asks the `Dialect` (see `base.py`) a question.
Adding MySQL or CockroachDB is a new package here plus one line in `_DIALECTS`.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

from midair.errors import ConfigError

if TYPE_CHECKING:
    from midair.dialects.base import Dialect

_DIALECTS = {
    "postgresql": "midair.dialects.postgres.dialect",
    "postgres": "midair.dialects.postgres.dialect",
    "sqlite": "midair.dialects.sqlite.dialect",
}


def get_dialect(provider: str) -> Dialect:
    """The dialect for a Prisma provider name (``postgresql``, ``sqlite``)."""
    try:
        module = _DIALECTS[provider]
    except KeyError:
        raise ConfigError(
            f"The provider `{provider}` is not supported yet.",
            hint="midair supports `postgresql` and `sqlite`.",
        ) from None
    return import_module(module).DIALECT
