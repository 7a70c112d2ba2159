"""The PostgreSQL extensions a test case's SQL needs, and the ones the test server can install.

A case whose SQL needs an extension the server does not ship (pgvector is not packaged for Debian
bookworm; PostGIS only where `postgresql-<major>-postgis-3` is installed) cannot be built here, and
only then is it left out. `available_extensions()` is read once per test run: parametrized tests
are chosen from it at collection, and pytest-xdist requires every worker to collect the same tests,
so the first worker to ask writes the answer to a file named after the run and the others read it
(an extension installed while the workers start cannot split them).
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import tempfile
from pathlib import Path

from midair.connection import connect
from midair.testing import postgres

# Types that come from PostgreSQL extensions, and the extension that provides them.
EXTENSION_TYPES = {"citext": "citext", "vector": "vector", "geography": "postgis", "geometry": "postgis"}


def created_extensions(sql: str) -> set[str]:
    """The extensions the SQL creates itself."""
    return set(re.findall(r'CREATE EXTENSION IF NOT EXISTS "?([\w-]+)"?', sql))


def type_extensions(sql: str) -> set[str]:
    """The extensions whose types the SQL uses (``"public".geography`` needs PostGIS)."""
    found = set()
    for type_name, extension in EXTENSION_TYPES.items():
        if re.search(rf'(?<![\w"])(?:"public"\.)?{type_name}\b', sql, re.IGNORECASE):
            found.add(extension)
    return found


def needed_extensions(sql: str) -> set[str]:
    return created_extensions(sql) | type_extensions(sql)


_AVAILABLE: frozenset[str] | None = None
_KNOWN = False


def _query_server() -> frozenset[str] | None:
    try:
        conn = connect(postgres.server_url())
    except Exception:  # noqa: BLE001 - no server: the PostgreSQL tests fail on their own
        return None
    try:
        return frozenset(r[0] for r in conn.query("SELECT name FROM pg_available_extensions"))
    finally:
        conn.close()


def available_extensions() -> frozenset[str] | None:
    """The extensions the test server can install (None: no server answered, so nothing is left
    out and the PostgreSQL tests report the failure themselves)."""
    global _AVAILABLE, _KNOWN
    if _KNOWN:
        return _AVAILABLE
    run = os.environ.get("PYTEST_XDIST_TESTRUNUID")
    if run is None:
        _AVAILABLE = _query_server()
    else:
        shared = Path(tempfile.gettempdir()) / f"midair-available-extensions-{run}.json"
        with open(shared, "a+") as f:
            fcntl.flock(f, fcntl.LOCK_EX)  # the first worker writes while the others wait
            f.seek(0)
            text = f.read()
            if not text:
                answer = _query_server()
                text = json.dumps(None if answer is None else sorted(answer))
                f.write(text)
        names = json.loads(text)
        _AVAILABLE = None if names is None else frozenset(names)
    _KNOWN = True
    return _AVAILABLE


def missing_extensions(sql: str) -> set[str]:
    """The extensions `sql` needs that the test server cannot install."""
    available = available_extensions()
    return set() if available is None else needed_extensions(sql) - available
