"""The Typer apps commands register on, and the shared error boundary and options."""

from __future__ import annotations

import functools
from typing import Any, Callable, TypeVar

import typer
from rich.console import Console

from midair.cli.locate import default_schema_path, env_database_url  # noqa: F401  (used by the command modules)
from midair.cli.report import report_error
from midair.errors import MidairError

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
            raise typer.Exit(report_error(e, bool(kwargs.get("json_output")))) from None

    return wrapper  # type: ignore[return-value]


