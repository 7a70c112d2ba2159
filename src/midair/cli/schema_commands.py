"""`midair validate` and `midair format`: the schema commands (thin wrappers over `midair.psl`).

Exit codes: 0 valid / already formatted; 1 invalid schema, missing file, or (`format --check`)
a file that would be reformatted.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import typer

from midair.cli.app import app, default_schema_path, handle_errors
from midair.errors import EXIT_ERROR, ConfigError, SchemaError
from midair.psl import load_schema, validate
from midair.psl.formatter import format_schema
from midair.psl.parser import read_schema_text

SCHEMA_OPTION = typer.Option(None, "--schema", help="Schema file or folder (default: ./prisma/schema.prisma, ./schema.prisma).")


@app.command("validate")
@handle_errors
def validate_command(
    schema: Optional[Path] = SCHEMA_OPTION,  # noqa: UP007 - typer reads the annotation at runtime
    json_output: bool = typer.Option(False, "--json", help="Print the result as JSON on stdout."),
) -> None:
    """Check the schema: syntax and semantics, with every problem at file:line:col."""
    path = default_schema_path(schema)
    doc = load_schema(path)
    diagnostics = validate(doc)
    if diagnostics:
        raise SchemaError(diagnostics)
    if json_output:
        typer.echo(json.dumps({"valid": True, "schema": str(path), "diagnostics": []}, indent=2))
    else:
        typer.echo(f"The schema at {path} is valid 🚀")


def _schema_files(path: Path) -> list[Path]:
    if path.is_dir():
        files = sorted(p for p in path.rglob("*.prisma") if p.is_file())
        if files:
            return files
        raise ConfigError(f"The schema folder {path} contains no .prisma file.")
    if path.is_file():
        return [path]
    raise ConfigError(f"Could not find a Prisma schema at {path}.", hint="Pass --schema <file>, or create prisma/schema.prisma.")


@app.command("format")
@handle_errors
def format_command(
    schema: Optional[Path] = SCHEMA_OPTION,  # noqa: UP007
    check: bool = typer.Option(False, "--check", help="Change nothing; exit 1 if a file would be reformatted."),
) -> None:
    """Format the schema in Prisma's style (in place)."""
    path = default_schema_path(schema)
    files = _schema_files(path)
    # Format every file first, so that a syntax error anywhere leaves every file untouched.
    results = [(p, text, format_schema(text, str(p))) for p in files for text in [read_schema_text(p)]]
    changed = [(p, formatted) for p, text, formatted in results if formatted != text]
    if check:
        for p, _ in changed:
            print(f"{p} is not formatted.", file=sys.stderr)
        if changed:
            print("Run `midair format` to format it.", file=sys.stderr)
            raise typer.Exit(EXIT_ERROR)
        typer.echo(f"The schema at {path} is formatted.")
        return
    for p, formatted in changed:
        p.write_text(formatted, encoding="utf-8")
    typer.echo(f"Formatted {path}" + ("" if changed else " (no changes)") + " 🚀")
