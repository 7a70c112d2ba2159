"""midair: evolve a live database's schema without downtime and without losing a row.

The pipeline (see docs/DESIGN.md): parse (`psl`) -> model (`schema`) -> diff (`diff`) ->
check (`checks`) -> render (`render`, `dialects`) -> apply (`migrations`).

The public API (`midair.api`) is importable from here, loaded on first use so that `import midair`
stays cheap::

    midair.deploy(url, "prisma/migrations")
    midair.status(url, "prisma/migrations").clean
    midair.diff_schemas(from_url=url, to_schema="prisma/schema.prisma").script
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

__all__ = ["SchemaDiff", "deploy", "diff_schemas", "reset", "resolve", "status"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from midair import api

        return getattr(api, name)
    raise AttributeError(f"module 'midair' has no attribute {name!r}")
