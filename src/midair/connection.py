"""`connect(url)`: a `Connection` for any supported database URL."""

from __future__ import annotations

from pathlib import Path

from midair.dialects.base import Connection
from midair.urls import DatabaseUrl, parse_url


def connect(url: str | DatabaseUrl, *, base_dir: Path | None = None) -> Connection:
    parsed = url if isinstance(url, DatabaseUrl) else parse_url(url, base_dir=base_dir)
    if parsed.provider == "postgresql":
        from midair.dialects.postgres.connection import connect as pg_connect

        return pg_connect(parsed)
    from midair.dialects.sqlite.connection import connect as sqlite_connect

    return sqlite_connect(parsed)
