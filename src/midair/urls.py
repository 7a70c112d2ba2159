"""Database URLs: which dialect, where, and how to print them without their password.

Accepted forms (as Prisma, plus SQLAlchemy-style SQLite URLs):

- ``postgresql://user:pass@host:5432/db?schema=public`` (also ``postgres://``)
- ``file:./dev.db`` (relative to the schema file's folder, as Prisma resolves it), ``file:/abs.db``
- ``sqlite:///relative.db``, ``sqlite:////absolute.db``, ``sqlite://:memory:``
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlsplit, urlunsplit

from midair.errors import ConfigError

_PASSWORD_IN_URL = re.compile(r"(?P<scheme>[a-zA-Z][a-zA-Z0-9+.-]*://)(?P<user>[^:/@\s]*):(?P<pw>[^@\s]*)@")


def redact(text: str) -> str:
    """`text` with every password inside a URL replaced by ``****``. Use on anything printed."""
    return _PASSWORD_IN_URL.sub(lambda m: f"{m['scheme']}{m['user']}:****@", str(text))


@dataclass(frozen=True, slots=True)
class DatabaseUrl:
    """A parsed database URL. `provider` is ``postgresql`` or ``sqlite``."""

    raw: str
    provider: str
    path: Path | None = None  # SQLite file (None for :memory:)

    @property
    def redacted(self) -> str:
        return redact(self.raw)

    @property
    def pg_schema(self) -> str:
        """The PostgreSQL schema from ``?schema=`` (Prisma's convention), default ``public``."""
        q = parse_qs(urlsplit(self.raw).query)
        return q.get("schema", ["public"])[0]

    @property
    def libpq(self) -> str:
        """The URL without query parameters libpq does not know (Prisma's ``schema=`` etc.)."""
        parts = urlsplit(self.raw)
        keep = [
            kv
            for kv in parts.query.split("&")
            if kv and kv.split("=", 1)[0] not in {"schema", "connection_limit", "pool_timeout", "pgbouncer", "statement_cache_size", "socket_timeout", "connect_timeout_prisma"}
        ]
        return urlunsplit(parts._replace(scheme="postgresql", query="&".join(keep)))

    @property
    def database(self) -> str | None:
        if self.provider != "postgresql":
            return None
        return urlsplit(self.raw).path.lstrip("/") or None

    def with_database(self, name: str) -> DatabaseUrl:
        """The same server with another database (PostgreSQL only)."""
        parts = urlsplit(self.raw)
        return DatabaseUrl(urlunsplit(parts._replace(path="/" + name)), self.provider)


def parse_url(url: str, *, base_dir: Path | None = None) -> DatabaseUrl:
    """Parse `url`; relative SQLite paths resolve against `base_dir` (default: the cwd)."""
    if not url or not url.strip():
        raise ConfigError("The database URL is empty.", hint="Set DATABASE_URL or pass --url.")
    url = url.strip()
    base = base_dir or Path.cwd()
    if url.startswith(("postgresql://", "postgres://")):
        return DatabaseUrl(url, "postgresql")
    if url.startswith("file:"):
        rest = url[len("file:"):].split("?", 1)[0]
        if rest.startswith("//"):
            rest = rest[2:]
        if rest in (":memory:", ""):
            return DatabaseUrl(url, "sqlite", None)
        p = Path(rest)
        return DatabaseUrl(url, "sqlite", p if p.is_absolute() else (base / p).resolve())
    if url.startswith("sqlite:"):
        rest = url[len("sqlite:"):].split("?", 1)[0]
        if rest in ("", "//", "//:memory:", ":memory:"):
            return DatabaseUrl(url, "sqlite", None)
        if rest.startswith("///"):
            p = Path(rest[3:])
            return DatabaseUrl(url, "sqlite", p if p.is_absolute() else (base / p).resolve())
        raise ConfigError(f"Cannot read the SQLite URL `{redact(url)}`.", hint="Use sqlite:///relative.db, sqlite:////absolute.db or file:./dev.db.")
    scheme = url.split(":", 1)[0]
    raise ConfigError(
        f"Unsupported database URL scheme `{scheme}` in `{redact(url)}`.",
        hint="midair supports postgresql://… and SQLite (file:./dev.db or sqlite:///dev.db).",
    )


def env_url(name: str = "DATABASE_URL") -> str | None:
    value = os.environ.get(name)
    return value or None
