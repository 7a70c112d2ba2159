"""`midair lint`, `midair backfill`, `midair migrate plan|expand-contract|phases`.

Thin: resolve paths and URLs (the same rules as `migrate deploy`), call `midair.lint` /
`midair.expand_contract`, print (passwords redacted), exit with a documented code.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path
from typing import Any, List, Optional

import typer

from midair.cli.app import app, default_schema_path, handle_errors, migrate_app
from midair.errors import EXIT_ERROR, ConfigError
from midair.urls import redact

SchemaOpt = typer.Option(None, "--schema", help="The schema file (default: ./prisma/schema.prisma or ./schema.prisma).")
UrlOpt = typer.Option(None, "--url", help="The database URL (default: DATABASE_URL, else the schema's datasource).")
MigrationsOpt = typer.Option(None, "--migrations", help="The migrations folder (default: `migrations/` beside the schema).")
JsonOpt = typer.Option(False, "--json", help="Print the result as JSON.")


def say(text: str = "") -> None:
    print(redact(text), flush=True)


def _target(url: str | None, schema: Path | None) -> Any:
    from midair.cli.migrate_commands import database_url

    return database_url(url, schema)


def _migrations(migrations: Path | None, schema: Path | None) -> Path:
    from midair.cli.migrate_commands import migrations_dir

    return migrations_dir(migrations, schema)


# ------------------------------------------------------------------ lint


@app.command("lint")
@handle_errors
def lint_command(
    paths: Optional[List[Path]] = typer.Argument(None, help="SQL files or folders (default: the migrations folder)."),
    schema: Optional[Path] = SchemaOpt,
    url: Optional[str] = typer.Option(
        None, "--url", help="Read which migrations this database has applied: tables created by pending ones have no rows yet."
    ),
    json_output: bool = JsonOpt,
) -> None:
    """Report dangerous statements in migration SQL (locks, rewrites, app-breaking changes)."""
    from midair.lint import lint_paths, summary_line, to_json

    targets = list(paths) if paths else [_migrations(None, schema)]
    applied = None
    if url is not None:
        from midair.connection import connect
        from midair.lint.history import read_applied

        conn = connect(_target(url, schema))
        try:
            applied = read_applied(conn)
        finally:
            conn.close()
    findings = lint_paths(targets, applied=applied)
    errors = sum(f.severity == "error" for f in findings)
    if json_output:
        print(to_json(findings))
    else:
        for f in findings:
            say(str(f))
        say(summary_line(findings))
    if errors:
        raise typer.Exit(EXIT_ERROR)


# ------------------------------------------------------------------ plan


@migrate_app.command("plan")
@handle_errors
def plan_command(
    schema: Optional[Path] = SchemaOpt,
    url: Optional[str] = UrlOpt,
    sql_file: Optional[Path] = typer.Option(None, "--sql", help="Explain this migration.sql instead of the pending schema change."),
    safe: bool = typer.Option(False, "--safe", help="Show the safe forms midair runs with `transactional = false`."),
    json_output: bool = JsonOpt,
) -> None:
    """Print each step of the pending change with its lock, rewrite/scan, and a size estimate."""
    from midair.expand_contract.plan import explain

    target = _target(url, schema)
    sql = None
    if sql_file is not None:
        try:
            sql = sql_file.read_text(encoding="utf-8")
        except OSError as e:
            raise ConfigError(f"Cannot read {sql_file}: {e}") from None
    steps = explain(target, schema_path=default_schema_path(schema), sql=sql, safe=safe)
    if json_output:
        print(json.dumps({"steps": [s.to_json() for s in steps]}, indent=2))
        return
    if not steps:
        say("No pending change: the database matches the schema.")
        return
    for i, s in enumerate(steps, 1):
        say(f"{i}. {s.one_line()}")
        for line in s.detail_lines():
            say(f"   {line}")
    if sql is None:
        from midair.expand_contract.plan import breaking_notes

        for line in breaking_notes(target, default_schema_path(schema)):
            say(line)


# ------------------------------------------------------------------ expand / contract


@migrate_app.command("expand-contract")
@handle_errors
def expand_contract_command(
    name: str = typer.Option(..., "--name", "-n", help="The change's name (folders get _expand, _backfill, _contract)."),
    schema: Optional[Path] = SchemaOpt,
    url: Optional[str] = UrlOpt,
    migrations: Optional[Path] = MigrationsOpt,
    json_output: bool = JsonOpt,
) -> None:
    """Turn a breaking schema change into expand, backfill and contract migrations."""
    from midair.expand_contract.planner import create_phased_migrations

    schema_path = default_schema_path(schema)
    folder = _migrations(migrations, schema)
    result = create_phased_migrations(schema_path, folder, name, url=url)
    if json_output:
        print(json.dumps(result.to_json(), indent=2))
        return
    for line in result.lines():
        say(line)


@migrate_app.command("phases")
@handle_errors
def phases_command(
    schema: Optional[Path] = SchemaOpt,
    url: Optional[str] = UrlOpt,
    migrations: Optional[Path] = MigrationsOpt,
    json_output: bool = JsonOpt,
) -> None:
    """Show where each expand/backfill/contract migration stands."""
    from midair.connection import connect
    from midair.expand_contract.phases import status

    conn = connect(_target(url, schema))
    try:
        rows = status(conn, _migrations(migrations, schema))
    finally:
        conn.close()
    if json_output:
        print(json.dumps([r.to_json() for r in rows], indent=2))
        return
    if not rows:
        say("No expand/contract migrations.")
    for r in rows:
        say(f"{r.migration}  {r.phase:<8}  {r.state:<8}  {r.detail}")


# ------------------------------------------------------------------ backfill


@app.command("backfill")
@handle_errors
def backfill_command(
    migration: Optional[Path] = typer.Argument(None, help="A migration folder whose migration.toml has a [backfill]."),
    sql: Optional[str] = typer.Option(None, "--sql", help="Your own UPDATE … WHERE …, run one key range at a time."),
    key: str = typer.Option("id", "--key", help="The key column batches are ranges of (with --sql)."),
    name: Optional[str] = typer.Option(None, "--name", help="Progress is kept under this name (default: from the SQL)."),
    batch_size: Optional[int] = typer.Option(None, "--batch-size", help="Rows in the first batch (later: sized by time)."),
    sleep: Optional[str] = typer.Option(None, "--sleep", help='Pause between batches, e.g. "50ms".'),
    target_time: Optional[str] = typer.Option(None, "--target-time", help='Aim for batches this long (default "100ms").'),
    lock_timeout: str = typer.Option("2s", "--lock-timeout", help="Each batch waits at most this long for row locks."),
    schema: Optional[Path] = SchemaOpt,
    url: Optional[str] = UrlOpt,
    progress: bool = typer.Option(True, "--progress/--no-progress", help="Show a progress bar on stderr."),
    json_output: bool = JsonOpt,
) -> None:
    """Run a batched, resumable, throttled data migration (a migration's backfill, or --sql)."""
    from dataclasses import replace

    from midair.connection import connect
    from midair.expand_contract.backfill import BackfillJob, run_backfill
    from midair.migrations.settings import MigrationSettings, parse_duration_ms

    if (migration is None) == (sql is None):
        raise ConfigError("Give either a migration folder or --sql.", hint='Example: midair backfill --sql \'UPDATE "Match" SET … WHERE … IS NULL\'')
    if migration is not None:
        if not migration.is_dir():
            raise ConfigError(f"No such migration folder: {migration}")
        from midair.expand_contract.phases import backfill_source

        source = backfill_source(migration, MigrationSettings.load(migration))
        if source is None:
            raise ConfigError(f"{migration}: no [backfill] in its migration.toml nor in an earlier migration's.")
        source[1].require_filled()
        job = BackfillJob.from_settings(*source)
    else:
        assert sql is not None
        from midair.dialects import get_dialect  # noqa: F401 - the URL decides the dialect below

        job = BackfillJob(name=name or "sql_" + hashlib.sha256(sql.encode()).hexdigest()[:12], table="", key=key, sql=sql)
    changes: dict[str, Any] = {"lock_timeout_ms": parse_duration_ms(lock_timeout, where="--lock-timeout")}
    if batch_size is not None:
        if batch_size < 1:
            raise ConfigError("--batch-size must be at least 1")
        changes["batch_size"] = batch_size
    if sleep is not None:
        changes["sleep_ms"] = parse_duration_ms(sleep, where="--sleep")
    if target_time is not None:
        changes["target_batch_ms"] = parse_duration_ms(target_time, where="--target-time")
    if name is not None:
        changes["name"] = name
    job = replace(job, **changes)
    conn = connect(_target(url, schema))
    try:
        if job.sql:
            from midair.expand_contract._dialect import dialect_module

            try:
                _text, table = dialect_module(conn, "sync").bound_user_update(job.sql, job.key)
            except ValueError as e:
                raise ConfigError(f"--sql: {e}") from None
            job = replace(job, table=table)
        report = run_backfill(conn, job, progress=progress and not json_output and sys.stderr.isatty())
    finally:
        conn.close()
    if json_output:
        print(json.dumps({"name": report.name, "table": report.table, "rowsUpdated": report.rows_updated,
                          "batches": report.batches, "seconds": round(report.seconds, 3), "resumed": report.resumed,
                          "complete": report.complete, "remaining": report.remaining}, indent=2))
        return
    say(f"Backfill `{report.name}` on `{report.table}`: {report.describe()} ({report.seconds:.2f} s).")
    if report.remaining:
        say(f"{report.remaining} rows still need it (written without the dual-write triggers?): run it again.")
