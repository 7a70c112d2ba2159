"""`midair db pull`: write schema.prisma from a live database (thin layer over `midair.pull`)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Optional

import typer

from midair.cli.app import db_app, default_schema_path, env_database_url, handle_errors
from midair.errors import ConfigError
from midair.urls import redact


def _url_from_schema(path: Path) -> str | None:
    if not path.exists():
        return None
    from midair.psl import load_schema
    from midair.psl.datasource import datasource_url

    return datasource_url(load_schema(path), env=os.environ)


@db_app.command("pull")
@handle_errors
def pull_command(
    schema: Optional[Path] = typer.Option(None, "--schema", help="The schema file to write (default: ./prisma/schema.prisma or ./schema.prisma)."),
    print_only: bool = typer.Option(False, "--print", help="Print the schema instead of writing the file."),
    force: bool = typer.Option(False, "--force", help="Ignore the existing schema file: write new datasource and generator blocks."),
    url: Optional[str] = typer.Option(None, "--url", help="The database URL (default: DATABASE_URL, else the schema's datasource)."),
) -> None:
    """Read the database's tables, keys, indexes, relations and enums into schema.prisma."""
    path = default_schema_path(schema)
    raw = url or env_database_url() or _url_from_schema(path)
    if not raw:
        raise ConfigError(
            "No database URL: pass --url, set DATABASE_URL, or set the datasource url in the schema.",
            hint="For example: DATABASE_URL=postgresql://user@localhost:5432/app or file:./dev.db",
        )
    existing = path.read_text() if path.exists() else None
    from midair.pull import pull

    base = path.parent.resolve() if raw.startswith("file:") else None
    text = pull(raw, existing=existing, force=force, base_dir=base)
    if print_only:
        print(text, end="")
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    models = sum(1 for line in text.splitlines() if line.startswith("model "))
    enums = sum(1 for line in text.splitlines() if line.startswith("enum "))
    print(redact(f"Introspected {models} models and {enums} enums from the database and wrote them into {path}."))
