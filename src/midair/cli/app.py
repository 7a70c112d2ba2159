"""The Typer apps commands register on, and the shared error boundary and options."""

from __future__ import annotations

import functools
import json
import os
import sys
from pathlib import Path
from typing import Any, Callable, TypeVar

import typer
from rich.console import Console

from midair.errors import EXIT_ERROR, MidairError, SchemaError
from midair.urls import redact

app = typer.Typer(
    name="midair",
    help="Evolve a live database's schema without downtime and without losing a row.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
migrate_app = typer.Typer(help="Create, apply and inspect migrations.", no_args_is_help=True)
db_app = typer.Typer(help="Work on the database directly: push, pull, execute, backup, restore.", no_args_is_help=True)
app.add_typer(migrate_app, name="migrate")
app.add_typer(db_app, name="db")

out = Console(soft_wrap=True, highlight=False)
err = Console(stderr=True, soft_wrap=True, highlight=False)

F = TypeVar("F", bound=Callable[..., Any])


def handle_errors(fn: F) -> F:
    """Turn a `MidairError` into a message on stderr (secrets redacted) and its exit code."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except MidairError as e:
            if kwargs.get("json_output"):
                payload = {"error": {"code": e.code, "message": redact(e.message), "hint": e.hint}}
                if isinstance(e, SchemaError):
                    payload["error"]["diagnostics"] = [
                        {"file": d.file, "line": d.line, "column": d.column, "message": d.message, "severity": d.severity}
                        for d in e.diagnostics
                    ]
                print(json.dumps(payload, indent=2))
            else:
                print(f"Error {e.code}: {redact(e.message)}", file=sys.stderr)
                if e.hint:
                    print(redact(e.hint), file=sys.stderr)
            raise typer.Exit(e.exit_code or EXIT_ERROR) from None

    return wrapper  # type: ignore[return-value]


def default_schema_path(schema: Path | None) -> Path:
    """`--schema`, else ./prisma/schema.prisma, else ./schema.prisma (as Prisma looks)."""
    if schema is not None:
        return schema
    for candidate in (Path("prisma/schema.prisma"), Path("schema.prisma")):
        if candidate.exists():
            return candidate
    return Path("prisma/schema.prisma")


def env_database_url() -> str | None:
    return os.environ.get("DATABASE_URL") or None
