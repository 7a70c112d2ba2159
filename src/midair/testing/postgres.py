"""Find or start a PostgreSQL server, and make throwaway databases on it.

Order of choice (see DESIGN.md, "Testing databases"):

1. `MIDAIR_TEST_DATABASE_URL` (an admin URL on a server where databases may be created);
2. the PostgreSQL on 127.0.0.1:5432 (user ``postgres``) when it answers;
3. an embedded server from the `pgserver` package (real binaries from a wheel), in a data folder
   under the system temp dir, started once per process.
"""

from __future__ import annotations

import atexit
import os
import tempfile
import threading
import uuid
from pathlib import Path

import psycopg

_LOCK = threading.Lock()
_SERVER_URL: str | None = None
_EMBEDDED = None  # keeps the pgserver handle alive


def _answers(url: str) -> bool:
    try:
        with psycopg.connect(url, connect_timeout=2, autocommit=True) as c:
            c.execute("SELECT 1")
        return True
    except Exception:
        return False


def start_embedded(data_dir: str | Path | None = None) -> str:
    """Start (or reuse) an embedded PostgreSQL from pgserver and return its admin URL."""
    global _EMBEDDED
    import pgserver  # imported lazily: it is only needed where no server runs

    path = Path(data_dir) if data_dir else Path(tempfile.gettempdir()) / "midair-pgserver"
    path.mkdir(parents=True, exist_ok=True)
    server = pgserver.get_server(str(path), cleanup_mode="stop")
    _EMBEDDED = server
    uri = server.get_uri()
    return uri


def server_url() -> str:
    """An admin URL of a PostgreSQL server for tests (cached for the process)."""
    global _SERVER_URL
    with _LOCK:
        if _SERVER_URL:
            return _SERVER_URL
        env = os.environ.get("MIDAIR_TEST_DATABASE_URL")
        if env:
            _SERVER_URL = env
        elif _answers("postgresql://postgres@127.0.0.1:5432/postgres"):
            _SERVER_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
        else:
            _SERVER_URL = start_embedded()
        return _SERVER_URL


def _with_db(url: str, name: str) -> str:
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/" + name))


def create_database(prefix: str = "midair_test") -> str:
    """Create an empty database with a unique name; return its URL."""
    admin = server_url()
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(admin, autocommit=True) as c:
        c.execute(f'CREATE DATABASE "{name}"')
    return _with_db(admin, name)


def drop_database(url: str) -> None:
    """Drop the database of `url`, closing its other sessions first."""
    from urllib.parse import urlsplit

    name = urlsplit(url).path.lstrip("/")
    admin = server_url()
    with psycopg.connect(admin, autocommit=True) as c:
        c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@atexit.register
def _stop_embedded() -> None:  # pragma: no cover - process exit
    global _EMBEDDED
    if _EMBEDDED is not None:
        try:
            _EMBEDDED.cleanup()
        except Exception:
            pass
        _EMBEDDED = None
