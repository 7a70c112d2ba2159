"""`midair db backup`, `db restore`, `db backups`: thin wrappers over `midair.backup`."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Optional

import typer

from midair.backup import BackupResult, RestoreResult, backup, list_backups, restore
from midair.cli.app import db_app, default_schema_path, env_database_url, err, handle_errors, out
from midair.errors import EXIT_ERROR, ConfigError
from midair.urls import DatabaseUrl, parse_url, redact


def backup_directory(schema: Path | None) -> Path:
    """``.midair/backups`` beside the migrations folder (the schema's folder), else in the cwd."""
    path = default_schema_path(schema)
    return (path.parent if path.exists() else Path(".")) / ".midair" / "backups"


def _schema_url(schema: Path | None) -> str | None:
    """The datasource URL of the schema file, when the schema stage can read it."""
    path = default_schema_path(schema)
    if not path.exists():
        return None
    try:
        from midair.psl import datasource_url, load_schema
    except ImportError:
        return None
    return datasource_url(load_schema(path), env=os.environ)


def resolve_url(url: str | None, schema: Path | None) -> DatabaseUrl:
    """`--url`, else DATABASE_URL, else the schema's datasource; `file:` paths resolve against
    the schema's folder, as Prisma resolves them."""
    raw = url or env_database_url() or _schema_url(schema)
    if not raw:
        raise ConfigError("No database URL: pass --url or set DATABASE_URL.", hint="For example: DATABASE_URL=postgresql://user@localhost:5432/app or file:./dev.db")
    path = default_schema_path(schema)
    base = path.parent.resolve() if raw.startswith("file:") and path.exists() else None
    return parse_url(raw, base_dir=base)


def _columns(headers: tuple[str, ...], rows: list[tuple[str, ...]]) -> list[str]:
    """Plain aligned columns (never wrapped or cut: paths and URLs must stay whole)."""
    widths = [max(len(r[i]) for r in (headers, *rows)) for i in range(len(headers))]
    return ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in (headers, *rows)]


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _size(n: int) -> str:
    size = float(n)
    for unit in ("B", "kB", "MB", "GB"):
        if size < 1000 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1000
    return f"{n} B"  # pragma: no cover


def _backup_json(result: BackupResult) -> dict[str, object]:
    return {
        "path": str(result.path),
        "manifest_path": str(result.manifest_path),
        "restore_command": result.restore_command(),
        "manifest": result.manifest.to_json(),
        "pruned": [str(p) for p in result.pruned],
    }


@db_app.command("backup")
@handle_errors
def backup_command(
    out_file: Optional[Path] = typer.Option(None, "--out", "-o", help="The backup file (default: a new file in .midair/backups)."),
    url: Optional[str] = typer.Option(None, "--url", help="The database (default: DATABASE_URL)."),
    schema: Optional[Path] = typer.Option(None, "--schema", help="schema.prisma (locates .midair/backups and the datasource)."),
    json_output: bool = typer.Option(False, "--json", help="Print the result as JSON."),
) -> None:
    """Back up the database (pg_dump -Fc, or SQLite's online backup) with a manifest beside it."""
    db = resolve_url(url, schema)
    result = backup(db, out_file, progress=not json_output, directory=backup_directory(schema))
    if json_output:
        print(json.dumps(_backup_json(result), indent=2))
        return
    m = result.manifest
    out.print(f"Backed up [bold]{redact(m.database)}[/bold] ({m.provider} {m.server_version}) to [bold]{result.path}[/bold]")
    out.print(f"  tables     {len(m.tables)}")
    out.print(f"  rows       {m.rows}")
    out.print(f"  size       {_size(m.size)}")
    out.print(f"  sha256     {m.sha256}")
    out.print(f"  time       {m.duration_seconds:.2f} s")
    out.print(f"  migration  {m.last_migration or '(none applied)'}")
    out.print(f"  manifest   {result.manifest_path}")
    out.print(f"Restore with: {result.restore_command()}")


@db_app.command("restore")
@handle_errors
def restore_command(
    file: Path = typer.Argument(..., help="A backup written by `midair db backup`."),
    to: Optional[str] = typer.Option(None, "--to", help="Restore into this database (default: a new one beside the original)."),
    force: bool = typer.Option(False, "--force", help="Replace the content of a non-empty --to database."),
    url: Optional[str] = typer.Option(None, "--url", help="Server for the new database (default: DATABASE_URL when of the same kind, else the backup's)."),
    json_output: bool = typer.Option(False, "--json", help="Print the result as JSON."),
) -> None:
    """Restore a backup (into a new database by default) and verify it against its manifest."""
    server = url or env_database_url()
    if server and to is None:
        from midair.backup.manifest import Manifest, manifest_path

        # DATABASE_URL only says which server to use when it is of the backup's kind.
        manifest = Manifest.read(manifest_path(file)) if manifest_path(file).exists() else None
        if url is None and manifest is not None and parse_url(server).provider != manifest.provider:
            server = None
    result = restore(file, to, force=force, url=server, progress=not json_output)
    if json_output:
        print(json.dumps(_restore_json(result), indent=2))
    else:
        _print_restore(result)
    if not result.verified:
        raise typer.Exit(EXIT_ERROR)


def _restore_json(result: RestoreResult) -> dict[str, object]:
    return {
        "path": str(result.path),
        "target": result.target,
        "created": result.created,
        "verified": result.verified,
        "differences": list(result.differences),
        "tables": {name: {"expected": n, "actual": dict(result.facts.tables).get(name)} for name, n in result.manifest.tables},
        "applied_migrations": list(result.facts.applied_migrations),
        "schema_checksum": result.facts.schema_checksum,
        "duration_seconds": result.duration_seconds,
    }


def _print_restore(result: RestoreResult) -> None:
    verb = "into the new database" if result.created else "into"
    out.print(f"Restored [bold]{result.path}[/bold] {verb} [bold]{result.target}[/bold] in {result.duration_seconds:.2f} s")
    actual = dict(result.facts.tables)
    rows = []
    for name in sorted(set(actual) | {t for t, _ in result.manifest.tables}):
        expected = dict(result.manifest.tables).get(name)
        rows.append((name, "-" if expected is None else str(expected), "-" if name not in actual else str(actual[name])))
    for line in _columns(("table", "rows in backup", "rows restored"), rows):
        out.print(line, markup=False)
    if result.verified:
        m = result.manifest
        out.print(
            f"Verified: {_n(len(m.tables), 'table')}, {_n(m.rows, 'row')}, {_n(len(m.applied_migrations), 'applied migration')} "
            f"(last: {m.last_migration or 'none'}), schema checksum {m.schema_checksum[:12]}… equal."
        )
    else:
        err.print(f"[bold red]The restore does not match the backup ({len(result.differences)} differences):[/bold red]")
        for d in result.differences:
            err.print(f"  - {d}")


@db_app.command("backups")
@handle_errors
def backups_command(
    directory: Optional[Path] = typer.Option(None, "--dir", help="The backup folder (default: .midair/backups beside the migrations)."),
    schema: Optional[Path] = typer.Option(None, "--schema", help="schema.prisma (locates .midair/backups)."),
    json_output: bool = typer.Option(False, "--json", help="Print the list as JSON."),
) -> None:
    """List the backups, newest first (time, database, size, last migration, path)."""
    folder = directory or backup_directory(schema)
    entries = list_backups(folder)
    if json_output:
        print(json.dumps([
            {
                "created_at": e.manifest.created_at,
                "database": redact(e.manifest.database),
                "provider": e.manifest.provider,
                "size": e.manifest.size,
                "rows": e.manifest.rows,
                "last_migration": e.manifest.last_migration,
                "reason": e.manifest.reason,
                "path": str(e.path),
                "present": e.present,
            }
            for e in entries
        ], indent=2))  # fmt: skip
        return
    if not entries:
        out.print(f"No backups in {folder}.")
        return
    rows = []
    for e in entries:
        m = e.manifest
        when = m.created_at[:19].replace("T", " ")
        rows.append((when, redact(m.database), _size(m.size), m.last_migration or "-", str(e.path) + ("" if e.present else " (missing)")))
    for line in _columns(("time (UTC)", "database", "size", "last migration", "path"), rows):
        out.print(line, markup=False)
