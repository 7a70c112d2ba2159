"""`midair migrate diff`: compare two schema sources and print the SQL or a summary (Prisma's
``migrate diff``).

Sources (exactly one ``--from-*`` and one ``--to-*``): ``empty``, ``schema FILE`` (a schema file or
folder, lowered), ``url URL`` (a live database, introspected), ``migrations DIR`` (replayed on a
throwaway database, then introspected).

Output: the summary (``[+] Added tables`` …) by default, the migration SQL with ``--script``;
``-o FILE`` writes it to a file instead of stdout. Exit codes: 0 (with ``--exit-code``: no
difference), 2 (``--exit-code`` and a difference), 1 (error). As in Prisma, the script has no
warnings block (``migrate dev`` writes those), and a script from ``--from-empty`` on PostgreSQL
starts with ``CREATE SCHEMA IF NOT EXISTS "public"``.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

import typer

from midair.cli.app import handle_errors, migrate_app
from midair.errors import EXIT_CHANGES, ConfigError
from midair.schema.model import EMPTY_SCHEMA, Schema


@dataclass(frozen=True)
class Source:
    """One side of the comparison: `kind` is ``empty``, ``schema``, ``url`` or ``migrations``."""

    kind: str
    value: str | None = None

    def describe(self) -> str:
        from midair.urls import redact

        return self.kind if self.value is None else f"{self.kind} {redact(self.value)}"


def _pick(side: str, empty: bool, schema: Path | None, url: str | None, migrations: Path | None) -> Source:
    given = [
        s
        for s in (
            Source("empty") if empty else None,
            Source("schema", str(schema)) if schema is not None else None,
            Source("url", url) if url else None,
            Source("migrations", str(migrations)) if migrations is not None else None,
        )
        if s is not None
    ]
    if len(given) != 1:
        options = f"--{side}-empty, --{side}-schema, --{side}-url or --{side}-migrations"
        what = "several" if given else "none"
        raise ConfigError(f"Give exactly one of {options} (got {what}).")
    return given[0]


def source_provider(source: Source) -> str | None:
    """The provider a source implies, if it implies one."""
    if source.kind == "schema":
        from midair.psl import load_schema
        from midair.schema.lower import document_provider

        return document_provider(load_schema(Path(source.value or "")))
    if source.kind == "url":
        from midair.urls import parse_url

        return parse_url(source.value or "").provider
    if source.kind == "migrations":
        from midair.migrations.folder import read_lock

        return read_lock(Path(source.value or ""))
    return None


def load_source(
    source: Source, provider: str, shadow_database_url: str | None = None, namespaces: tuple[str, ...] = ()
) -> Schema:
    """The `Schema` a source stands for (`namespaces`: the schemas to introspect for a ``url``)."""
    if source.kind == "empty":
        return EMPTY_SCHEMA
    if source.kind == "schema":
        from midair.psl import load_schema
        from midair.schema.lower import lower

        path = Path(source.value or "")
        if not path.exists():
            raise ConfigError(f"Could not find a Prisma schema at {path}.")
        from midair import psl

        doc = load_schema(path)
        validate = getattr(psl, "validate", None)
        if validate is not None:
            from midair.errors import SchemaError

            diagnostics = [d for d in validate(doc) if d.severity == "error"]
            if diagnostics:
                raise SchemaError(diagnostics)
        return lower(doc, provider)
    if source.kind == "url":
        from midair.connection import connect
        from midair.introspect import introspect

        conn = connect(source.value or "")
        try:
            return introspect(conn, namespaces or None)
        finally:
            conn.close()
    from midair.migrations.shadow import replay

    path = Path(source.value or "")
    if not path.is_dir():
        raise ConfigError(f"The migrations folder {path} does not exist.")
    # PostgreSQL makes the throwaway database on the development server (DATABASE_URL), as Prisma.
    from midair.cli.app import env_database_url

    return replay(path, provider, url=env_database_url(), shadow_url=shadow_database_url)


def run_diff(
    previous: Source,
    next: Source,
    *,
    provider: str | None = None,
    script: bool = False,
    shadow_database_url: str | None = None,
) -> tuple[str, bool]:
    """The text `migrate diff` prints, and whether there is a difference."""
    from midair.diff import diff
    from midair.diff.summary import summary
    from midair.render import migration_script

    provider = provider or source_provider(next) or source_provider(previous)
    if provider is None:
        raise ConfigError(
            "Cannot tell which database this is for.",
            hint="Pass --provider postgresql|sqlite (both sides are empty or have no provider).",
        )
    if provider == "postgres":
        provider = "postgresql"
    # A database is read in the namespaces the other side spans (a multi-schema datasource).
    if previous.kind == "url" and next.kind != "url":
        after = load_source(next, provider, shadow_database_url)
        before = load_source(previous, provider, shadow_database_url, after.namespaces)
    else:
        before = load_source(previous, provider, shadow_database_url)
        after = load_source(next, provider, shadow_database_url, before.namespaces)
    migration = diff(before, after, provider, create_default_namespace=previous.kind == "empty")
    if script:
        return migration_script(migration, provider), bool(migration.steps)
    return summary(migration.steps), bool(migration.steps)


@migrate_app.command("diff")
@handle_errors
def diff_command(
    from_empty: bool = typer.Option(False, "--from-empty", help="Compare from an empty database."),
    from_schema: Optional[Path] = typer.Option(None, "--from-schema", help="From a schema file or folder."),  # noqa: UP007
    from_url: Optional[str] = typer.Option(None, "--from-url", help="From a live database (introspected)."),  # noqa: UP007
    from_migrations: Optional[Path] = typer.Option(  # noqa: UP007
        None, "--from-migrations", help="From a migrations folder (replayed on a throwaway database)."
    ),
    to_empty: bool = typer.Option(False, "--to-empty", help="Compare to an empty database."),
    to_schema: Optional[Path] = typer.Option(None, "--to-schema", help="To a schema file or folder."),  # noqa: UP007
    to_url: Optional[str] = typer.Option(None, "--to-url", help="To a live database (introspected)."),  # noqa: UP007
    to_migrations: Optional[Path] = typer.Option(None, "--to-migrations", help="To a migrations folder."),  # noqa: UP007
    script: bool = typer.Option(False, "--script", help="Print the migration SQL instead of a summary."),
    exit_code: bool = typer.Option(False, "--exit-code", help="Exit 2 when there is a difference, 0 when none."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write to this file instead of stdout."),  # noqa: UP007
    provider: Optional[str] = typer.Option(None, "--provider", help="postgresql or sqlite (default: from the sources)."),  # noqa: UP007
    shadow_database_url: Optional[str] = typer.Option(  # noqa: UP007
        None, "--shadow-database-url", help="Database to replay --from/--to-migrations on (PostgreSQL)."
    ),
) -> None:
    """Compare two schema sources; print the SQL that goes from one to the other, or a summary."""
    previous = _pick("from", from_empty, from_schema, from_url, from_migrations)
    nxt = _pick("to", to_empty, to_schema, to_url, to_migrations)
    text, changed = run_diff(previous, nxt, provider=provider, script=script, shadow_database_url=shadow_database_url)
    if output is not None:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text)
    else:
        # Prisma's CLI prints the text followed by two blank lines.
        sys.stdout.write(text.rstrip("\n") + "\n\n\n")
    if exit_code and changed:
        raise typer.Exit(EXIT_CHANGES)


__all__ = ["Source", "diff_command", "load_source", "run_diff", "source_provider"]
