"""`midair migrate diff`: compare two schema sources and print the SQL or a summary (Prisma's
``migrate diff``).

This module is the Typer command (options and help); what the command does is in `diff_core.py`,
which the start-up fast path (`fast_path.py`) runs directly for the plain forms of the command line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from midair.cli.app import handle_errors, migrate_app
from midair.cli.diff_core import DiffOptions, Source, diff_main, load_source, run_diff, source_provider


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
    code = diff_main(
        DiffOptions(
            from_empty=from_empty,
            from_schema=from_schema,
            from_url=from_url,
            from_migrations=from_migrations,
            to_empty=to_empty,
            to_schema=to_schema,
            to_url=to_url,
            to_migrations=to_migrations,
            script=script,
            exit_code=exit_code,
            output=output,
            provider=provider,
            shadow_database_url=shadow_database_url,
        )
    )
    if code:
        raise typer.Exit(code)


__all__ = ["Source", "diff_command", "load_source", "run_diff", "source_provider"]
