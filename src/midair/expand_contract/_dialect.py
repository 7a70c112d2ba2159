"""The dialect module of a connection, by the same file name in every dialect package."""

from __future__ import annotations

from importlib import import_module
from types import ModuleType
from typing import Any

from midair.dialects import get_dialect


def dialect_module(connection: Any, name: str) -> ModuleType:
    """``midair.dialects.<d>.<name>`` for the connection's database family."""
    package = type(get_dialect(connection.url.provider)).__module__.rsplit(".", 1)[0]
    return import_module(f"{package}.{name}")
