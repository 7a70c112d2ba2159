"""What applying migrations needs from PostgreSQL beyond the `Dialect` protocol: the history
table's DDL exactly as Prisma creates it, the advisory lock that serialises deployers, running a
script with its history update, `migrate reset`, and throwaway shadow databases.

Every dialect package has a `migrations.py` with an `OPS` object of the same shape; the workflow
(`midair.migrations`) picks it with `midair.migrations.dialect_ops.ops_for`.
"""

from __future__ import annotations

import time
import uuid
from contextlib import contextmanager
from datetime import datetime
from typing import TYPE_CHECKING, Any, Callable, Iterator

from midair.errors import ConfigError, ConnectionError, LockTimeout
from midair.urls import DatabaseUrl, redact

if TYPE_CHECKING:
    from midair.dialects.base import Connection

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
# "72707369 is a unique number we chose to identify Migrate" (Prisma): using the same key means
# midair and Prisma deployers also exclude each other.
ADVISORY_LOCK_KEY = 72707369


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
            "AND c.relname <> '_prisma_migrations' "
            # An extension's own tables and views (PostGIS's spatial_ref_sys, geometry_columns) do
            # not make the database the application's: a DBA may create the extension first.
            "AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_class'::regclass "
            "AND e.objid = c.oid AND e.deptype = 'e') ORDER BY 1"
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


# First keywords of a TransactionStmt (BEGIN, START TRANSACTION, COMMIT, END, ROLLBACK, ABORT,
# SAVEPOINT, RELEASE): the scanner's token names for them.
_TRANSACTION_KEYWORDS = frozenset({"BEGIN_P", "START", "COMMIT", "END_P", "ROLLBACK", "ABORT_P", "SAVEPOINT", "RELEASE"})
_NOT_CODE = frozenset({"SQL_COMMENT", "C_COMMENT"})


def _pg_has_transaction_control(sql: str) -> bool:
    """Whether a statement of `sql` is transaction control. Read with PostgreSQL's own scanner (a
    tenth of a parse, which a deploy would pay once per migration): only the first token of each
    statement counts, so `BEGIN` inside a function body or a DO block does not."""
    try:
        from pglast.parser import scan

        at_start = True
        for token in scan(sql):
            if token.name in _NOT_CODE:
                continue
            if at_start and token.name in _TRANSACTION_KEYWORDS:
                return True
            at_start = token.name == "ASCII_59"  # ';'
        return False
    except Exception:
        return False  # unreadable here: the server will say what is wrong


OPS = PostgresOps()
