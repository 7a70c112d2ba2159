"""`midair migrate dev|deploy|status|resolve|reset` and `midair db push|execute`.

Thin: resolve the URL and folders, call `midair.migrations`, print (passwords redacted), exit with a
documented code. Where a command would need a confirmation it asks only in a terminal; without one
it stops with a message naming the flag that answers the question (`--force`,
`--accept-data-loss`), so scripts and CI never hang.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import typer

from midair.cli.app import db_app, handle_errors, migrate_app
from midair.cli.deploy_core import deploy_main, say
from midair.cli.locate import base_dir, database_url, default_schema_path, migrations_dir
from midair.errors import ConfigError, UnsafeChangeError
from midair.urls import redact

SchemaOpt = typer.Option(None, "--schema", help="The schema file (default: ./prisma/schema.prisma or ./schema.prisma).")
UrlOpt = typer.Option(None, "--url", help="The database URL (default: DATABASE_URL, else the schema's datasource).")
MigrationsOpt = typer.Option(None, "--migrations", help="The migrations folder (default: `migrations/` beside the schema).")
LockTimeoutOpt = typer.Option(60.0, "--lock-timeout", help="Seconds to wait for another deployer to finish.")


def warn(text: str) -> None:
    print(redact(text), file=sys.stderr, flush=True)


def interactive() -> bool:
    """A person can answer a question: stdin and stdout are terminals."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def confirm(question: str) -> bool:
    return typer.confirm(question, default=False)


# ------------------------------------------------------------------ deploy


@migrate_app.command("deploy")
@handle_errors
def deploy_command(
    schema: Optional[Path] = SchemaOpt,
    url: Optional[str] = UrlOpt,
    migrations: Optional[Path] = MigrationsOpt,
    backup: str = typer.Option("auto", "--backup", help="auto: before destructive migrations; always; never."),
    lock_timeout: float = LockTimeoutOpt,
    json_output: bool = typer.Option(False, "--json", help="Print the result as JSON."),
) -> None:
    """Apply pending migrations (never prompts, never resets; refuses unexecutable steps)."""
    deploy_main(schema, url, migrations, backup, lock_timeout, json_output)


# ------------------------------------------------------------------ status


@migrate_app.command("status")
@handle_errors
def status_command(
    schema: Optional[Path] = SchemaOpt,
    url: Optional[str] = UrlOpt,
    migrations: Optional[Path] = MigrationsOpt,
    shadow_url: Optional[str] = typer.Option(None, "--shadow-url", help="A database to replay migrations on for the drift check."),
    no_drift: bool = typer.Option(False, "--no-drift", help="Skip the drift check (no shadow database)."),
    json_output: bool = typer.Option(False, "--json", help="Print the status as JSON."),
) -> None:
    """Applied, pending, failed, modified and missing migrations, and drift. Exit 0 clean, 2 pending
    or drift, 1 failed or modified."""
    from midair.migrations.status import status

    result = status(
        database_url(url, schema),
        migrations_dir(migrations, schema),
        check_drift=not no_drift,
        shadow_url=shadow_url,
        base_dir=base_dir(schema),
    )
    if json_output:
        print(redact(json.dumps(result.to_dict(), indent=2)))
    else:
        for line in result.lines():
            say(line)
    raise typer.Exit(result.exit_code)


# ------------------------------------------------------------------ resolve


@migrate_app.command("resolve")
@handle_errors
def resolve_command(
    applied: Optional[str] = typer.Option(None, "--applied", help="Record this migration as applied."),
    rolled_back: Optional[str] = typer.Option(None, "--rolled-back", help="Record this failed migration as rolled back."),
    schema: Optional[Path] = SchemaOpt,
    url: Optional[str] = UrlOpt,
    migrations: Optional[Path] = MigrationsOpt,
    lock_timeout: float = LockTimeoutOpt,
) -> None:
    """Resolve a failed migration (or baseline: record a migration the database already reflects)."""
    from midair.migrations.apply import resolve

    say(resolve(database_url(url, schema), migrations_dir(migrations, schema), applied=applied,
                rolled_back=rolled_back, lock_timeout=lock_timeout))


# ------------------------------------------------------------------ reset


def require_consent(question: str, flag: str, given: bool, why: str) -> None:
    """Go on when `flag` was given, or a person at a terminal says yes; otherwise stop, naming the flag."""
    if given:
        return
    if interactive():
        say(why)
        if confirm(question):
            return
        raise UnsafeChangeError("Cancelled: nothing was changed.")
    raise UnsafeChangeError(
        f"{why}\nThis needs a confirmation and there is no terminal to ask in.",
        hint=f"Run it again with {flag} to go ahead.",
    )


@migrate_app.command("reset")
@handle_errors
def reset_command(
    force: bool = typer.Option(False, "--force", "-f", help="Do not ask for confirmation."),
    schema: Optional[Path] = SchemaOpt,
    url: Optional[str] = UrlOpt,
    migrations: Optional[Path] = MigrationsOpt,
    lock_timeout: float = LockTimeoutOpt,
) -> None:
    """Drop every table and its data, then apply every migration again."""
    from midair.migrations.apply import reset

    target = database_url(url, schema)
    say(f"Database: {target.redacted}")
    require_consent(
        f"Drop every table and all data in {target.redacted} and apply all migrations again?",
        "--force",
        force,
        f"`migrate reset` drops every table and all data in {target.redacted}.",
    )
    result = reset(target, migrations_dir(migrations, schema), lock_timeout=lock_timeout, report=say)
    say(f"Applied {len(result.applied)} migration(s). The database is reset.")


# ------------------------------------------------------------------ dev


class TerminalPrompter:
    """Answers `migrate dev`'s questions at a terminal; without one, refuses naming the flag."""

    def name(self) -> str | None:
        if not interactive():
            return None
        return typer.prompt("Enter a name for the new migration", default="", show_default=False)

    def consent(self, question: str, flag: str, why: str) -> None:
        require_consent(question, flag, False, why)


@migrate_app.command("dev")
@handle_errors
def dev_command(
    name: Optional[str] = typer.Option(None, "--name", "-n", help="The name of the new migration."),
    create_only: bool = typer.Option(False, "--create-only", help="Write the migration without applying it."),
    shadow_url: Optional[str] = typer.Option(None, "--shadow-url", help="A database to use as the shadow (emptied first)."),
    accept_data_loss: bool = typer.Option(False, "--accept-data-loss", help="Apply even if data would be lost."),
    force: bool = typer.Option(False, "--force", "-f", help="Reset the development database without asking when needed."),
    backup: str = typer.Option("auto", "--backup", help="auto: back up before a migration that loses data; always; never."),
    expand_contract: bool = typer.Option(
        False,
        "--expand-contract",
        help="Write a breaking change as expand, backfill and contract migrations (as `migrate expand-contract`); needs --name.",
    ),
    schema: Optional[Path] = SchemaOpt,
    url: Optional[str] = UrlOpt,
    migrations: Optional[Path] = MigrationsOpt,
) -> None:
    """Create a migration from the schema file and apply it to the development database."""
    from midair.migrations.dev import dev

    schema_path = default_schema_path(schema)
    if not schema_path.exists():
        raise ConfigError(f"The schema file `{schema_path}` does not exist.", hint="Pass --schema PATH.")
    if expand_contract:
        # The phased migrations are written, never applied here: each phase ships with its own
        # app version, through `migrate deploy`.
        from midair.expand_contract.planner import create_phased_migrations

        if not name:
            raise ConfigError("--expand-contract needs --name.", hint="Pass --name, e.g. --name score_json.")
        result = create_phased_migrations(schema_path, migrations_dir(migrations, schema), name, url=url)
        for line in result.lines():
            say(line)
        return
    target = database_url(url, schema)
    say(f"Database: {target.redacted}")
    dev(
        schema_path,
        target,
        migrations_dir(migrations, schema),
        name=name,
        create_only=create_only,
        shadow_url=shadow_url,
        accept_data_loss=accept_data_loss,
        force=force,
        prompter=TerminalPrompter(),
        report=say,
        base_dir=base_dir(schema),
        backup=backup,
    )


# ------------------------------------------------------------------ db push / db execute


@db_app.command("push")
@handle_errors
def push_command(
    accept_data_loss: bool = typer.Option(False, "--accept-data-loss", help="Push even if data would be lost."),
    schema: Optional[Path] = SchemaOpt,
    url: Optional[str] = UrlOpt,
) -> None:
    """Make the database match the schema file without writing a migration (prototyping)."""
    from midair.migrations.direct import push

    schema_path = default_schema_path(schema)
    if not schema_path.exists():
        raise ConfigError(f"The schema file `{schema_path}` does not exist.", hint="Pass --schema PATH.")
    target = database_url(url, schema)
    say(f"Database: {target.redacted}")
    result = push(
        schema_path,
        target,
        accept_data_loss=accept_data_loss,
        consent=lambda q, flag, why: require_consent(q, flag, False, why),
        base_dir=base_dir(schema),
    )
    for w in result.warnings:
        say(f"Accepted data loss: {w}")
    if result.in_sync:
        say("The database is already in sync with the schema.")
    else:
        say(f"The database is now in sync with the schema ({result.steps} change(s) applied).")


@db_app.command("execute")
@handle_errors
def execute_command(
    file: Optional[Path] = typer.Option(None, "--file", help="The SQL script to run."),
    stdin: bool = typer.Option(False, "--stdin", help="Read the SQL script from standard input."),
    schema: Optional[Path] = SchemaOpt,
    url: Optional[str] = UrlOpt,
) -> None:
    """Run a SQL script on the database (`--file F` or `--stdin`; `--url` or the schema's datasource)."""
    from midair.migrations.direct import execute

    if (file is None) == (not stdin):
        raise ConfigError("Pass exactly one of --file PATH or --stdin.")
    if file is not None:
        if not file.is_file():
            raise ConfigError(f"The script `{file}` does not exist.")
        sql = file.read_text(encoding="utf-8")
    else:
        sql = sys.stdin.read()
    if url is not None and schema is not None:
        raise ConfigError("Pass --url or --schema, not both.")
    execute(database_url(url, schema), sql, base_dir=base_dir(schema))
    say("Script executed successfully.")
