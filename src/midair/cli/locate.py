"""Where a command finds its schema, database URL and migrations folder. Free of Typer so that the
start-up fast path (`fast_path.py`) locates them exactly as the Typer commands do."""

from __future__ import annotations

import os
from pathlib import Path

from midair.errors import ConfigError
from midair.urls import DatabaseUrl, parse_url


def default_schema_path(schema: Path | None) -> Path:
    """`--schema`, else ./prisma/schema.prisma, else ./schema.prisma (as Prisma looks)."""
    if schema is not None:
        return schema
    for candidate in (Path("prisma/schema.prisma"), Path("schema.prisma")):
        if candidate.exists():
            return candidate
    return Path("prisma/schema.prisma")


def env_database_url() -> str | None:
    return os.environ.get("DATABASE_URL") or None


def _schema_doc(schema: Path | None):  # type: ignore[no-untyped-def]
    path = default_schema_path(schema)
    if not path.exists():
        return None
    from midair.psl import load_schema

    return load_schema(path)


def _schema_url(schema: Path | None) -> str | None:
    try:
        from midair.psl import datasource_url
    except ImportError:
        return None
    doc = _schema_doc(schema)
    return datasource_url(doc, env=os.environ) if doc is not None else None


def base_dir(schema: Path | None) -> Path | None:
    """Relative SQLite `file:` paths resolve against the schema's folder, as Prisma does."""
    path = default_schema_path(schema)
    return path.parent.resolve() if path.exists() else None


def database_url(url: str | None, schema: Path | None) -> DatabaseUrl:
    raw = url or env_database_url() or _schema_url(schema)
    if not raw:
        raise ConfigError(
            "No database URL: pass --url, set DATABASE_URL, or set the datasource url in the schema.",
            hint="For example: DATABASE_URL=postgresql://user@localhost:5432/app or file:./dev.db",
        )
    base = base_dir(schema) if raw.startswith("file:") else None
    return parse_url(raw, base_dir=base)


def migrations_dir(migrations: Path | None, schema: Path | None) -> Path:
    """`--migrations`, else `migrations/` beside the schema file (Prisma's place for it)."""
    if migrations is not None:
        return migrations
    return default_schema_path(schema).parent / "migrations"
