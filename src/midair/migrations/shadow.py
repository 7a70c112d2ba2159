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
from midair.migrations.apply import error_text, indent, transactional_for, Target
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
    with Shadow(provider, url=url, shadow_url=shadow_url, base_dir=base_dir) as shadow:
        for m in migrations:
            shadow.apply(m)
        return shadow.schema()


class Shadow:
    """An open shadow database: apply migrations one by one, read its schema at any point.

    Used as a context manager; leaving it drops the temporary database (or file)."""

    def __init__(self, provider: str, *, url: str | None = None, shadow_url: str | None = None, base_dir: Path | None = None) -> None:
        self.dialect = get_dialect(provider)
        self.ops = ops_for(self.dialect)
        self._url = url
        self._shadow_url = shadow_url
        self._base_dir = base_dir
        self._stack = ExitStack()
        self.applied: list[str] = []

    def __enter__(self) -> Shadow:
        stack = self._stack.__enter__()
        try:
            if self._shadow_url:
                target_url = parse_url(self._shadow_url, base_dir=self._base_dir)
                if self._url and _same_database(parse_url(self._url, base_dir=self._base_dir), target_url):
                    raise ConfigError(
                        "The shadow database URL points at the development database.",
                        hint="The shadow database is emptied on every run: give it a database of its own.",
                    )
            else:
                base = parse_url(self._url, base_dir=self._base_dir) if self._url else None
                target_url = stack.enter_context(self.ops.shadow_database(base))
            self.conn = connect(target_url)
            stack.callback(self.conn.close)
            self.ops.reset(self.conn)  # a provided shadow starts empty; a fresh one gets its schema
            self.target = Target(target_url, self.dialect, self.ops, self.conn)
        except BaseException:
            self._stack.__exit__(None, None, None)
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self._stack.__exit__(None, None, None)

    def apply(self, m: MigrationDir) -> None:
        try:
            self.ops.run_script(self.conn, m.sql, transactional=transactional_for(self.target, m), finish=lambda: None)
        except Exception as e:
            message, code = error_text(e, m.sql)
            raise MigrationError(
                f"The migration `{m.name}` failed to apply cleanly to the shadow database.\n"
                + (f"Database error code: {code}\n" if code else "")
                + f"Database error:\n{indent(message)}",
                hint="The migrations folder does not build a database on its own: fix that migration "
                "(it may rely on something created outside migrations).",
                code="M3006",
            ) from None
        self.applied.append(m.name)

    def schema(self) -> Schema:
        from midair.introspect import introspect

        return introspect(self.conn)


def _same_database(a, b) -> bool:  # type: ignore[no-untyped-def]
    if a.provider != b.provider:
        return False
    if a.path is not None or b.path is not None:
        return a.path == b.path
    from urllib.parse import urlsplit

    pa, pb = urlsplit(a.raw), urlsplit(b.raw)
    return (pa.hostname, pa.port or 5432, pa.path) == (pb.hostname, pb.port or 5432, pb.path)
