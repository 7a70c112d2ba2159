"""SQLite backups through the online backup API (`sqlite3.Connection.backup`).

The backup API copies the database page by page under a read transaction, so the copy is
consistent even while the application writes (a writer's transaction is in the copy entirely or
not at all). The backup file is itself a SQLite database; its facts (tables, row counts, catalog
digest, applied migrations) are read from the copy, so the manifest describes exactly the file.
A restore copies the file into the target with the same API (a new file by default).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Sequence
from urllib.request import pathname2url

from midair.backup.facts import DatabaseFacts, gather
from midair.errors import BackupError
from midair.urls import DatabaseUrl

if TYPE_CHECKING:
    from midair.dialects.base import Connection

Progress = Callable[[int, int, str], None]

EXTENSION = ".sqlite"
"""File name suffix of a backup (a SQLite database file)."""


class _Raw:
    """The few `Connection` methods `gather` needs, over a plain sqlite3 connection."""

    def __init__(self, raw: sqlite3.Connection, url: DatabaseUrl) -> None:
        self.raw, self.url = raw, url

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return self.raw.execute(sql, tuple(params)).fetchall()


def _quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def _open_ro(path: Path) -> sqlite3.Connection:
    """Open an existing database read-only (never creates a file)."""
    if not path.is_file():
        raise BackupError(f"The SQLite database `{path}` does not exist.", hint="Check the URL (relative paths resolve against the schema's folder for file: URLs).")
    try:
        return sqlite3.connect(f"file:{pathname2url(str(path))}?mode=ro", uri=True, timeout=30)
    except sqlite3.Error as e:
        raise BackupError(f"Cannot open the SQLite database `{path}`: {e}.") from None


def _require_path(url: DatabaseUrl) -> Path:
    if url.path is None:
        raise BackupError("An in-memory SQLite database cannot be backed up or restored.", hint="Use a database file: sqlite:///dev.db or file:./dev.db.")
    return url.path


def server_version(connection: Connection) -> str:
    return str(connection.query("SELECT sqlite_version()")[0][0])


def list_tables(connection: Connection) -> list[tuple[str, str]]:
    rows = connection.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name")
    return [(r[0], _quote(r[0])) for r in rows]


def catalog_rows(connection: Connection) -> list[Sequence[Any]]:
    """Every object's definition as SQLite stores it (tables, indexes, views, triggers)."""
    rows = connection.query(
        "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY type, name"
    )
    return [list(r) for r in rows]


class _Reader:
    server_version = staticmethod(server_version)
    list_tables = staticmethod(list_tables)
    catalog_rows = staticmethod(catalog_rows)


def _facts_of(raw: sqlite3.Connection, url: DatabaseUrl) -> DatabaseFacts:
    raw.execute("BEGIN")  # one read transaction: counts and catalog from the same state
    try:
        return gather(_Raw(raw, url), _Reader)  # type: ignore[arg-type]
    finally:
        raw.execute("ROLLBACK")


def facts(url: DatabaseUrl) -> DatabaseFacts:
    """The facts of a live database file."""
    raw = _open_ro(_require_path(url))
    raw.isolation_level = None
    try:
        return _facts_of(raw, url)
    except sqlite3.DatabaseError as e:
        raise BackupError(f"Cannot read the SQLite database `{url.path}`: {e}.") from None
    finally:
        raw.close()


def manifest_url(url: DatabaseUrl) -> str:
    """The URL as recorded in a manifest: the absolute path, so the manifest works from anywhere."""
    path = _require_path(url)
    return f"sqlite:///{path.resolve()}"


def dump(url: DatabaseUrl, out: Path, *, progress: Progress | None = None) -> tuple[DatabaseFacts, str]:
    """Copy `url` into the new file `out` with the online backup API; return the copy's facts."""
    source_path = _require_path(url)
    src = _open_ro(source_path)
    dst: sqlite3.Connection | None = None
    try:
        dst = sqlite3.connect(str(out), isolation_level=None)
        if progress:
            progress(0, 1, source_path.name)
        # pages=-1 copies everything in one step under one read lock: a writer that commits in
        # the meantime can neither appear half in the copy nor restart the copy forever.
        src.backup(dst, pages=-1)
        if progress:
            progress(1, 1, source_path.name)
        # The copy must be one self-contained file (a WAL-mode header would make readers of
        # the backup create -wal/-shm files beside it and change nothing else).
        dst.execute("PRAGMA journal_mode = DELETE")
        found = _facts_of(dst, url)
    except sqlite3.DatabaseError as e:
        raise BackupError(f"Cannot back up the SQLite database `{source_path}`: {e}.") from None
    finally:
        if dst is not None:
            dst.close()
        src.close()
    return found, f"sqlite3 backup API {sqlite3.sqlite_version}"


def restore_target(origin: DatabaseUrl, stamp: str) -> DatabaseUrl:
    """The default target: a new file `<name>_restore_<stamp>.db` beside the origin's file."""
    path = _require_path(origin)
    target = path.with_name(f"{path.stem}_restore_{stamp}{path.suffix or '.db'}")
    return DatabaseUrl(f"sqlite:///{target}", "sqlite", target)


def state(target: DatabaseUrl) -> str:
    """``missing``, ``empty`` or ``non-empty`` (any table, index, view or trigger)."""
    path = _require_path(target)
    if not path.exists() or path.stat().st_size == 0:
        return "missing"
    raw = _open_ro(path)
    try:
        n = raw.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    except sqlite3.DatabaseError as e:
        raise BackupError(f"`{path}` is not a SQLite database ({e}); refusing to restore over it.") from None
    finally:
        raw.close()
    return "empty" if n == 0 else "non-empty"


def check_restore_tool(target: DatabaseUrl, dump_major: int) -> None:
    """SQLite needs no external program."""
    return None


def create(target: DatabaseUrl) -> None:
    """Make the folder of the target file (the backup API creates the file)."""
    _require_path(target).parent.mkdir(parents=True, exist_ok=True)


def discard(target: DatabaseUrl) -> None:
    """Remove a file this restore created (after a failure)."""
    path = _require_path(target)
    for p in (path, path.with_name(path.name + "-journal"), path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        p.unlink(missing_ok=True)


def load(file: Path, target: DatabaseUrl, client: None, *, tables: int, progress: Progress | None = None) -> None:
    """Copy the backup file into the target database (replacing its whole content)."""
    src = _open_ro(file)
    dst: sqlite3.Connection | None = None
    try:
        dst = sqlite3.connect(str(_require_path(target)), isolation_level=None, timeout=30)
        if progress:
            progress(0, max(tables, 1), file.name)
        src.backup(dst, pages=-1)
        if progress:
            progress(max(tables, 1), max(tables, 1), file.name)
    except sqlite3.DatabaseError as e:
        raise BackupError(f"Cannot restore `{file}` into `{target.path}`: {e}.") from None
    finally:
        if dst is not None:
            dst.close()
        src.close()


def replace(file: Path, target: DatabaseUrl, client: None, *, tables: int, progress: Progress | None = None) -> None:
    """Replace the content of a non-empty database file: the backup API writes the destination in
    one transaction, so a failure leaves it as it was, and open connections see the new content."""
    load(file, target, client, tables=tables, progress=progress)


def tool_major(tool: str) -> int:
    return 0
