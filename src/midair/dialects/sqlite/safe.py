"""SQLite execution steps: a migration script split into statements, each transactional.

SQLite has no lock levels to lower (one writer at a time, readers unaffected in WAL mode) and no
concurrent index builds, so the "safe form" of a statement is the statement itself; the executor
still runs the steps in short write transactions and retries a busy database with backoff.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ExecStep:
    """One statement to run (see `dialects/postgres/safe.py`; the lock fields stay empty)."""

    sql: str
    transactional: bool = True
    effects: tuple[object, ...] = ()
    cleanup_index: str | None = None
    drop_invalid_first: str | None = None
    original: str | None = None
    change: object = None  # the `Change` this step comes from, when planned from a `Plan`

    @property
    def takes_lock(self) -> bool:
        return True


def split_all(sql: str) -> list[str]:
    """Statements of a script, using SQLite's own notion of a complete statement (so triggers'
    ``BEGIN … END`` bodies and semicolons inside strings stay whole)."""
    out: list[str] = []
    buf = ""
    for line in sql.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            stmt = _strip_comments(buf)
            if stmt:
                out.append(stmt)
            buf = ""
    tail = _strip_comments(buf)
    if tail:
        out.append(tail)
    return out


def split(sql: str) -> list[str]:
    """The statements of a script as written, without transaction control (BEGIN/COMMIT)."""
    return [s.sql for s in safe_steps(sql)]


def _strip_comments(text: str) -> str:
    lines = [ln for ln in text.strip().splitlines() if not ln.strip().startswith("--")]
    stmt = "\n".join(lines).strip()
    return stmt[:-1].rstrip() if stmt.endswith(";") else stmt


def safe_steps(sql: str) -> list[ExecStep]:
    steps = []
    for stmt in split_all(sql):
        head = stmt.split(None, 1)[0].upper() if stmt.split() else ""
        if head in {"BEGIN", "COMMIT", "END", "ROLLBACK"}:
            continue  # the executor owns transactions
        steps.append(ExecStep(stmt, original=stmt))
    return steps


def begin_step(lock_timeout_ms: int | None, statement_timeout_ms: int | None) -> list[str]:
    return []


def session_timeouts(lock_timeout_ms: int | None, statement_timeout_ms: int | None) -> list[str]:
    return [f"PRAGMA busy_timeout = {int(lock_timeout_ms)}"] if lock_timeout_ms else []


def reset_session_timeouts() -> list[str]:
    return ["PRAGMA busy_timeout = 30000"]


def drop_invalid_index(connection: object, name: str) -> bool:
    return False  # SQLite indexes are built in one transaction: never left half-built


__all__ = ["ExecStep", "safe_steps", "split"]


def is_lock_timeout(exc: BaseException) -> bool:
    return "database is locked" in str(exc) or "database table is locked" in str(exc)


def before_transaction(lock_timeout_ms: int | None) -> list[str]:
    """SQLite waits for the write lock at ``BEGIN IMMEDIATE``: the busy timeout must be set before
    the transaction starts to bound that wait (SQLite's nearest thing to lock_timeout)."""
    return [f"PRAGMA busy_timeout = {int(lock_timeout_ms)}"] if lock_timeout_ms else []


def after_transaction() -> list[str]:
    return ["PRAGMA busy_timeout = 30000"]  # the connection's default (see connection.py)
