"""What applying migrations needs from SQLite beyond the `Dialect` protocol: the history table's
DDL exactly as Prisma creates it, a file lock between deployers (not SQLite's own lock, which would
stop the app's writes for the whole deploy), running a script with its history update (foreign
keys off around table rebuilds), `migrate reset`, and shadow files.

Every dialect package has a `migrations.py` with an `OPS` object of the same shape; the workflow
(`midair.migrations`) picks it with `midair.migrations.dialect_ops.ops_for`.
"""

from __future__ import annotations

import re
import sqlite3
import tempfile
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterator

from midair.dialects.sqlite.deploy_lock import deploy_lock, held_elsewhere
from midair.errors import LockTimeout, MigrationError
from midair.urls import DatabaseUrl, parse_url

if TYPE_CHECKING:
    from midair.dialects.base import Connection

HISTORY_TABLE = "_prisma_migrations"

_SQLITE_HISTORY_DDL = """CREATE TABLE "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)"""

class SqliteOps:
    """SQLite: a deployers' file lock beside the database, epoch-millisecond history times, table
    rebuilds with foreign keys off, reset by dropping every object, shadow in a temporary file."""

    param = "?"
    history_ddl = _SQLITE_HISTORY_DDL

    def to_db_time(self, moment: datetime) -> Any:
        # Prisma's SQLite driver stores DateTime as integer milliseconds since the epoch.
        return int(moment.timestamp() * 1000)

    def from_db_time(self, value: Any) -> datetime | None:
        if value is None:
            return None
        if isinstance(value, (int, float)):
            return datetime.fromtimestamp(value / 1000, timezone.utc)
        text = str(value)
        if text.isdigit():
            return datetime.fromtimestamp(int(text) / 1000, timezone.utc)
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)

    def history_exists(self, conn: Connection) -> bool:
        rows = conn.query("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'")
        return bool(rows[0][0])

    def user_tables(self, conn: Connection) -> list[str]:
        rows = conn.query(
            "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') "
            "AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations' ORDER BY 1"
        )
        return [r[0] for r in rows]

    @contextmanager
    def database_lock(self, conn: Connection, timeout: float) -> Iterator[None]:
        # Not SQLite's own lock (Prisma's EXCLUSIVE locking mode): held for the whole deploy it
        # would stop the app's writes, and its reads with a rollback journal, for as long as
        # the deploy runs (see `deploy_lock`). Deployers exclude each other with a file lock;
        # midair's statements take SQLite's write lock only for their own short transactions.
        conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
        with deploy_lock(conn.url.path, timeout):  # type: ignore[attr-defined]
            yield

    def set_wait(self, conn: Connection, timeout: float) -> None:
        """How long any statement waits for another process's lock on the file."""
        conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")

    @contextmanager
    def busy_as_timeout(self, conn: Connection, timeout: float) -> Iterator[None]:
        """A read or write that found the file locked for `timeout` becomes a `LockTimeout`."""
        try:
            yield
        except sqlite3.OperationalError as e:
            if "locked" not in str(e) and "busy" not in str(e):
                raise
            raise LockTimeout(
                f"Another process held the SQLite database `{conn.url.path}` for more than {timeout:g} s ({e}).",
                hint="Wait for it to finish (a deploy may be running), or raise --lock-timeout.",
            ) from None

    def lock_held_elsewhere(self, conn: Connection) -> bool:
        """Whether another deployer holds the deploy lock right now."""
        return held_elsewhere(conn.url.path)  # type: ignore[attr-defined]

    def run_script(self, conn: Connection, sql: str, *, transactional: bool, finish: Callable[[], None]) -> None:
        # PRAGMA foreign_keys is ignored inside a transaction, and Prisma's table rebuilds
        # (DROP TABLE + RENAME) rely on it being off: with it on, dropping the old table would run
        # its ON DELETE actions (CASCADE deletes child rows). So turn it off around the transaction
        # and verify integrity with foreign_key_check before committing.
        statements = split_sqlite(sql)
        if any(_SQLITE_TX.match(st) for st in statements):
            conn.script(sql)  # the script manages its own transaction, as Prisma would run it
            finish()
            return
        conn.execute("PRAGMA foreign_keys = OFF")
        try:
            with conn.transaction():
                for statement in statements:
                    conn.execute(statement)
                broken = conn.query("PRAGMA foreign_key_check")
                if broken:
                    tables = sorted({str(r[0]) for r in broken})
                    raise MigrationError(
                        f"The migration leaves {len(broken)} row(s) violating foreign keys "
                        f"in {', '.join(f'`{t}`' for t in tables)}."
                    )
                finish()
        finally:
            conn.execute("PRAGMA foreign_keys = ON")

    def reset(self, conn: Connection) -> None:
        conn.execute("PRAGMA foreign_keys = OFF")
        try:
            rows = conn.query(
                "SELECT type, name FROM sqlite_master WHERE type IN ('view', 'trigger', 'table') "
                "AND name NOT LIKE 'sqlite_%'"
            )
            order = {"trigger": 0, "view": 1, "table": 2}
            for kind, name in sorted(rows, key=lambda r: order[r[0]]):
                conn.execute(f'DROP {kind.upper()} IF EXISTS "{name.replace(chr(34), chr(34) * 2)}"')
        finally:
            conn.execute("PRAGMA foreign_keys = ON")

    def create_database_if_missing(self, url: DatabaseUrl) -> bool:
        return url.path is not None and not url.path.exists()  # opening the file creates it

    @contextmanager
    def shadow_database(self, url: DatabaseUrl | None) -> Iterator[DatabaseUrl]:
        with tempfile.TemporaryDirectory(prefix="midair-shadow-") as tmp:
            path = Path(tmp) / "shadow.db"
            yield parse_url(f"sqlite:///{path}")


_SQLITE_TX = re.compile(r"^(?:\s*--[^\n]*\n|\s*/\*.*?\*/)*\s*(BEGIN|COMMIT|END|ROLLBACK)\b", re.IGNORECASE | re.DOTALL)


def split_sqlite(sql: str) -> list[str]:
    """The statements of a SQLite script, split where SQLite itself says a statement is complete
    (so semicolons inside strings, comments and trigger bodies do not split)."""
    statements: list[str] = []
    start = 0
    pos = sql.find(";")
    while pos != -1:
        chunk = sql[start : pos + 1]
        if sqlite3.complete_statement(chunk):
            if _has_code(chunk):
                statements.append(chunk.strip())
            start = pos + 1
        pos = sql.find(";", pos + 1)
    rest = sql[start:]
    if _has_code(rest):
        statements.append(rest.strip())
    return statements


def _has_code(text: str) -> bool:
    for line in text.splitlines():
        s = line.strip()
        if s and not s.startswith("--"):
            return True
    return False



OPS = SqliteOps()
