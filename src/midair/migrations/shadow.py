"""The shadow database: replay the migrations folder on a throwaway database and read the result.

This is how `migrate dev` learns what the migrations build (the starting point of the next diff,
and the reference that drift is measured against), without trusting the development database.

Where the shadow lives (as Prisma):

- PostgreSQL: a temporary database ``prisma_migrate_shadow_db_<uuid>`` created on the same server
  as the development database and dropped afterwards, even when a migration fails;
- SQLite: a temporary file, deleted afterwards;
- ``--shadow-url``: a database you provide; it is emptied first and left as the replay made it.

A migration that fails on the shadow is reported with its name and the database error (Prisma's
P3006): the folder does not build a database on its own.
"""

from __future__ import annotations

from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from midair.connection import connect
from midair.dialects import get_dialect
from midair.errors import ConfigError, MigrationError
from midair.migrations.apply import _error_text, _indent, _transactional, Target
from midair.migrations.dialect_ops import ops_for
from midair.migrations.folder import MigrationDir, list_migrations
from midair.urls import parse_url

if TYPE_CHECKING:
    from midair.schema.model import Schema


def replay(
    migrations_dir: Path | str,
    provider: str,
    *,
    url: str | None = None,
    shadow_url: str | None = None,
    base_dir: Path | None = None,
) -> Schema:
    """Apply every migration of `migrations_dir` to a throwaway database and introspect it."""
    return replay_migrations(list_migrations(Path(migrations_dir)), provider, url=url, shadow_url=shadow_url, base_dir=base_dir)


def replay_migrations(
    migrations: Sequence[MigrationDir],
    provider: str,
    *,
    url: str | None = None,
    shadow_url: str | None = None,
    base_dir: Path | None = None,
) -> Schema:
    """`replay` for an explicit list of migrations (for example only those already applied)."""
    from midair.introspect import introspect

    dialect = get_dialect(provider)
    ops = ops_for(dialect)
    with ExitStack() as stack:
        if shadow_url:
            target_url = parse_url(shadow_url, base_dir=base_dir)
            if url and _same_database(parse_url(url, base_dir=base_dir), target_url):
                raise ConfigError(
                    "The shadow database URL points at the development database.",
                    hint="The shadow database is emptied on every run: give it a database of its own.",
                )
        else:
            base = parse_url(url, base_dir=base_dir) if url else None
            target_url = stack.enter_context(ops.shadow_database(base))
        conn = connect(target_url)
        stack.callback(conn.close)
        ops.reset(conn)  # a provided shadow starts empty; a fresh one gets its schema
        target = Target(target_url, dialect, ops, conn)
        for m in migrations:
            try:
                ops.run_script(conn, m.sql, transactional=_transactional(target, m), finish=lambda: None)
            except Exception as e:
                if isinstance(e, MigrationError) and e.code == "M3006":
                    raise
                message, code = _error_text(e, m.sql)
                raise MigrationError(
                    f"The migration `{m.name}` failed to apply cleanly to the shadow database.\n"
                    + (f"Database error code: {code}\n" if code else "")
                    + f"Database error:\n{_indent(message)}",
                    hint="The migrations folder does not build a database on its own: fix that migration "
                    "(it may rely on something created outside migrations).",
                    code="M3006",
                ) from None
        return introspect(conn)
    raise AssertionError("unreachable")  # pragma: no cover


def _same_database(a, b) -> bool:  # type: ignore[no-untyped-def]
    if a.provider != b.provider:
        return False
    if a.path is not None or b.path is not None:
        return a.path == b.path
    from urllib.parse import urlsplit

    pa, pb = urlsplit(a.raw), urlsplit(b.raw)
    return (pa.hostname, pa.port or 5432, pa.path) == (pb.hostname, pb.port or 5432, pb.path)
