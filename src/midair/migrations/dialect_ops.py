"""What applying migrations needs from each database, beyond what the `Dialect` protocol says.

One class per database family, all with the same methods, chosen by `ops_for(dialect)`. Nothing
else in `midair.migrations` knows which database it talks to. (These facts could move into
`midair/dialects/<d>/` later; they are kept together here so the workflow's database knowledge is
reviewed in one place.)

- the history table's DDL, exactly as Prisma creates it, and how timestamps are stored in it;
- the database-wide lock that serialises deployers;
- how a migration script runs inside a transaction together with its history update;
- what "drop everything" means for `migrate reset`, and how a throwaway shadow database is made.
"""

from __future__ import annotations

import re
import sqlite3
import tempfile
import time
import uuid
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterator

from midair.errors import ConfigError, ConnectionError, MigrationError
from midair.urls import DatabaseUrl, parse_url, redact

if TYPE_CHECKING:
    from midair.dialects.base import Connection, Dialect

HISTORY_TABLE = "_prisma_migrations"

# Prisma's own DDL (schema-engine, Postgres flavour), kept byte for byte.
_PG_HISTORY_DDL = """CREATE TABLE _prisma_migrations (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
);
"""

# Prisma's own DDL (schema-engine, SQLite flavour).
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

# "72707369 is a unique number we chose to identify Migrate" (Prisma): using the same key means
# midair and Prisma deployers also exclude each other.
ADVISORY_LOCK_KEY = 72707369


class LockTimeout(MigrationError):
    """Another deployer held the database lock for longer than the timeout."""

    code = "M3030"


class PostgresOps:
    """PostgreSQL: advisory lock, TIMESTAMPTZ history, transactional DDL, schema-level reset."""

    param = "%s"
    history_ddl = _PG_HISTORY_DDL

    def to_db_time(self, moment: datetime) -> Any:
        return moment

    def from_db_time(self, value: Any) -> datetime | None:
        return value

    def history_exists(self, conn: Connection) -> bool:
        return bool(conn.query("SELECT to_regclass('_prisma_migrations') IS NOT NULL")[0][0])

    def user_tables(self, conn: Connection) -> list[str]:
        rows = conn.query(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm') "
            "AND c.relname <> '_prisma_migrations' ORDER BY 1"
        )
        return [r[0] for r in rows]

    @contextmanager
    def database_lock(self, conn: Connection, timeout: float) -> Iterator[None]:
        # pg_try_advisory_lock in a loop rather than pg_advisory_lock under lock_timeout: the wait
        # then never holds a transaction open, and the deadline is ours.
        deadline = time.monotonic() + timeout
        delay = 0.05
        while not conn.query("SELECT pg_try_advisory_lock(%s)", (ADVISORY_LOCK_KEY,))[0][0]:
            if time.monotonic() >= deadline:
                raise LockTimeout(
                    f"Another deploy held the migration lock (pg_advisory_lock({ADVISORY_LOCK_KEY})) "
                    f"for more than {timeout:g} s.",
                    hint="Wait for it to finish, or raise --lock-timeout. "
                    "SELECT pid FROM pg_locks WHERE locktype = 'advisory' shows who holds it.",
                )
            time.sleep(delay)
            delay = min(delay * 2, 0.5)
        try:
            yield
        finally:
            try:
                conn.query("SELECT pg_advisory_unlock(%s)", (ADVISORY_LOCK_KEY,))
            except Exception:
                pass  # the connection is gone: the server released the lock with the session

    def set_wait(self, conn: Connection, timeout: float) -> None:
        """Reads are never blocked by the deploy lock on PostgreSQL: nothing to set."""

    @contextmanager
    def busy_as_timeout(self, conn: Connection, timeout: float) -> Iterator[None]:
        yield

    def lock_held_elsewhere(self, conn: Connection) -> bool:
        """Whether another session is deploying right now (it holds the advisory lock)."""
        if conn.query("SELECT pg_try_advisory_lock(%s)", (ADVISORY_LOCK_KEY,))[0][0]:
            conn.query("SELECT pg_advisory_unlock(%s)", (ADVISORY_LOCK_KEY,))
            return False
        return True

    def run_script(self, conn: Connection, sql: str, *, transactional: bool, finish: Callable[[], None]) -> None:
        """Run `sql`, then `finish()` (the history update) in the same transaction when possible.

        A script with its own BEGIN/COMMIT runs as written, in one message, as Prisma sends it."""
        if _pg_has_transaction_control(sql):
            conn.script(sql)
            finish()
            return
        if transactional:
            with conn.transaction():
                conn.script(sql)
                finish()
            return
        # Statement by statement in autocommit: needed for CREATE INDEX CONCURRENTLY and friends.
        import pglast

        for statement in pglast.split(sql, with_parser=False):
            conn.execute(statement)
        finish()

    def reset(self, conn: Connection) -> None:
        schema = conn.url.pg_schema
        quoted = '"' + schema.replace('"', '""') + '"'
        conn.execute(f"DROP SCHEMA IF EXISTS {quoted} CASCADE")
        conn.execute(f"CREATE SCHEMA {quoted}")
        conn.execute(f"SET search_path TO {quoted}")

    def create_database_if_missing(self, url: DatabaseUrl) -> bool:
        """Create the database of `url` when the server says it does not exist (as `prisma migrate
        dev` does); returns whether it was created."""
        from midair.connection import connect

        try:
            connect(url).close()
            return False
        except ConnectionError as e:
            if "does not exist" not in e.message or not url.database:
                raise
        admin = connect(url.with_database("postgres"))
        try:
            admin.execute(f'CREATE DATABASE "{url.database}"')
        finally:
            admin.close()
        return True

    @contextmanager
    def shadow_database(self, url: DatabaseUrl | None) -> Iterator[DatabaseUrl]:
        from midair.connection import connect

        if url is None:
            raise ConfigError(
                "A PostgreSQL shadow database is made on the development database's server: "
                "pass the database URL, or --shadow-url."
            )
        name = f"prisma_migrate_shadow_db_{uuid.uuid4()}"
        admin = connect(url)
        try:
            try:
                admin.execute(f'CREATE DATABASE "{name}"')
            except Exception as e:
                raise ConnectionError(
                    f"Cannot create a shadow database on the server of `{url.redacted}`: {redact(str(e)).strip()}",
                    hint="Give the user the CREATEDB privilege, or pass --shadow-url with an empty database.",
                    code="M3014",
                ) from None
            try:
                yield url.with_database(name)
            finally:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        finally:
            admin.close()


class SqliteOps:
    """SQLite: exclusive locking mode, epoch-millisecond history times, table rebuilds with
    foreign keys off, reset by dropping every object, shadow in a temporary file."""

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
        # Prisma's choice: EXCLUSIVE locking mode, so the first write lock is kept until released.
        # BEGIN EXCLUSIVE takes it now; other deployers wait in the busy handler meanwhile.
        raw = conn.raw  # type: ignore[attr-defined]
        raw.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
        raw.execute("PRAGMA locking_mode = EXCLUSIVE")
        try:
            raw.execute("BEGIN EXCLUSIVE")
            raw.execute("COMMIT")
        except sqlite3.OperationalError as e:
            raw.execute("PRAGMA locking_mode = NORMAL")
            raise LockTimeout(
                f"Another process held the SQLite database `{conn.url.path}` for more than {timeout:g} s ({e}).",
                hint="Wait for it to finish, or raise --lock-timeout.",
            ) from None
        try:
            yield
        finally:
            try:
                raw.execute("PRAGMA locking_mode = NORMAL")
                raw.execute("SELECT 1 FROM sqlite_master LIMIT 1")  # a read releases the lock
            except Exception:
                pass

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
        wait = conn.query("PRAGMA busy_timeout")[0][0]
        conn.execute("PRAGMA busy_timeout = 0")
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError:
            return True
        finally:
            conn.execute(f"PRAGMA busy_timeout = {int(wait)}")
        conn.execute("ROLLBACK")
        return False

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


def _pg_has_transaction_control(sql: str) -> bool:
    try:
        from pglast import parse_sql
        from pglast.ast import TransactionStmt

        return any(isinstance(r.stmt, TransactionStmt) for r in parse_sql(sql))
    except Exception:
        return False  # unparsable here: the server will say what is wrong


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


_OPS: dict[str, Any] = {"postgresql": PostgresOps(), "sqlite": SqliteOps()}


def ops_for(dialect: Dialect) -> PostgresOps | SqliteOps:
    try:
        return _OPS[dialect.name]
    except KeyError:
        raise MigrationError(f"Applying migrations is not supported for `{dialect.name}` yet.") from None
