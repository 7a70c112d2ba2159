"""The Python API: the same operations as the command line, for apps that migrate at start-up.

::

    import midair

    midair.deploy(os.environ["DATABASE_URL"], "prisma/migrations")   # at start-up, before serving
    state = midair.status(url, "prisma/migrations")                  # state.clean, state.pending …
    d = midair.diff_schemas(from_url=url, to_schema="prisma/schema.prisma")
    print(d.script)                                                   # what would bring the DB there

Every function raises a `midair.errors.MidairError` subclass on a problem the user can fix.
Passwords in URLs never appear in messages.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from midair.errors import ConfigError
from midair.migrations.apply import DeployResult
from midair.migrations.status import Status
from midair.urls import DatabaseUrl, parse_url


def deploy(
    url: str | DatabaseUrl,
    migrations_dir: str | Path,
    *,
    lock_timeout: float = 60.0,
    backup: str = "auto",
    backup_dir: str | Path | None = None,
    checks: bool = True,
    log: Callable[[str], None] | None = None,
) -> DeployResult:
    """Apply the pending migrations of `migrations_dir` to `url` (safe to call from several
    processes at once: a database lock makes each migration run exactly once)."""
    from midair.migrations.apply import deploy as _deploy

    return _deploy(
        url,
        Path(migrations_dir),
        lock_timeout=lock_timeout,
        backup=backup,
        backup_dir=Path(backup_dir) if backup_dir else None,
        checks=checks,
        report=log or (lambda _: None),
    )


def status(url: str | DatabaseUrl, migrations_dir: str | Path, *, check_drift: bool = False, shadow_url: str | None = None) -> Status:
    """Applied, pending, failed, modified, missing migrations (and drift when `check_drift`)."""
    from midair.migrations.status import status as _status

    return _status(url, Path(migrations_dir), check_drift=check_drift, shadow_url=shadow_url)


def resolve(url: str | DatabaseUrl, migrations_dir: str | Path, *, applied: str | None = None, rolled_back: str | None = None) -> str:
    """`migrate resolve`: mark a failed migration rolled back, or a migration applied."""
    from midair.migrations.apply import resolve as _resolve

    return _resolve(url, Path(migrations_dir), applied=applied, rolled_back=rolled_back)


def reset(url: str | DatabaseUrl, migrations_dir: str | Path) -> DeployResult:
    """Drop everything in the database and apply every migration (no confirmation: the caller's
    decision)."""
    from midair.migrations.apply import reset as _reset

    return _reset(url, Path(migrations_dir))


@dataclass(frozen=True, slots=True)
class SchemaDiff:
    """The steps from one schema to another, and the SQL script that performs them."""

    steps: tuple[Any, ...]
    script: str
    provider: str

    @property
    def empty(self) -> bool:
        return not self.steps

    def __bool__(self) -> bool:
        return bool(self.steps)


def diff_schemas(
    *,
    from_url: str | None = None,
    from_schema: str | Path | None = None,
    from_migrations: str | Path | None = None,
    from_empty: bool = False,
    to_url: str | None = None,
    to_schema: str | Path | None = None,
    to_migrations: str | Path | None = None,
    to_empty: bool = False,
    provider: str | None = None,
    shadow_url: str | None = None,
) -> SchemaDiff:
    """Prisma's `migrate diff`: exactly one source per side (a live database, a schema file, a
    migrations folder replayed on a shadow database, or nothing)."""
    from midair.checks import pure_warnings
    from midair.diff import diff
    from midair.render import migration_script

    provider = provider or _provider(from_url, to_url, from_schema, to_schema, from_migrations, to_migrations)
    server = from_url or to_url
    previous = _side("from", provider, from_url, from_schema, from_migrations, from_empty, server, shadow_url)
    following = _side("to", provider, to_url, to_schema, to_migrations, to_empty, server, shadow_url)
    migration = diff(previous, following, provider)
    script = migration_script(migration, provider, warnings=pure_warnings(migration.steps, provider))
    return SchemaDiff(tuple(migration.steps), script, provider)


def _provider(*sources: Any) -> str:
    from_url, to_url, from_schema, to_schema, from_migrations, to_migrations = sources
    for url in (from_url, to_url):
        if url:
            return parse_url(url).provider
    for schema in (from_schema, to_schema):
        if schema:
            from midair.psl import load_schema, provider

            return provider(load_schema(Path(schema)))
    for folder in (from_migrations, to_migrations):
        if folder:
            from midair.migrations.folder import read_lock

            found = read_lock(Path(folder))
            if found:
                return found
    raise ConfigError("Cannot tell which database the diff is for.", hint="Pass provider='postgresql' or 'sqlite'.")


def _side(which: str, provider: str, url: Any, schema: Any, migrations: Any, empty: bool, server: Any, shadow_url: Any) -> Any:
    given = [x for x in (url, schema, migrations) if x] + ([True] if empty else [])
    if len(given) != 1:
        raise ConfigError(
            f"Give exactly one `{which}` side: {which}_url, {which}_schema, {which}_migrations or {which}_empty."
        )
    if url:
        from midair.connection import connect
        from midair.introspect import introspect

        conn = connect(url)
        try:
            return introspect(conn)
        finally:
            conn.close()
    if schema:
        from midair.schema.lower import schema_from_file

        return schema_from_file(Path(schema), provider)
    if migrations:
        from midair.migrations.shadow import replay

        return replay(Path(migrations), provider, url=server, shadow_url=shadow_url)
    from midair.schema.model import Schema

    return Schema()


__all__ = ["SchemaDiff", "deploy", "diff_schemas", "reset", "resolve", "status"]
