"""`midair migrate deploy` itself, without Typer. Both ways into the command run `deploy_main`:
the Typer command (`migrate_commands.deploy_command`, which parses and documents the options) and
the start-up fast path (`fast_path.py`: a deploy job runs on the application's machine, where the
0.3 s of CPU that importing Typer, Rich and Pydantic costs shows in the application's latency)."""

from __future__ import annotations

import json
from pathlib import Path

from midair.cli.locate import database_url, migrations_dir
from midair.urls import redact


def say(text: str = "") -> None:
    print(redact(text), flush=True)


def deploy_main(
    schema: Path | None = None,
    url: str | None = None,
    migrations: Path | None = None,
    backup: str = "auto",
    lock_timeout: float = 60.0,
    json_output: bool = False,
) -> None:
    from midair.migrations.apply import deploy

    target = database_url(url, schema)
    folder = migrations_dir(migrations, schema)
    report = (lambda _: None) if json_output else say
    if not json_output:
        say(f"Database: {target.redacted}")
    result = deploy(
        target,
        folder,
        lock_timeout=lock_timeout,
        backup=backup,
        backup_dir=folder.parent / ".midair" / "backups",
        report=report,
    )
    if json_output:
        print(json.dumps({"applied": list(result.applied), "alreadyApplied": result.already_applied,
                          "backup": str(result.backup) if result.backup else None,
                          "warnings": [redact(w) for w in result.warnings]}, indent=2))
        return
    if result.applied:
        say(f"Applied {len(result.applied)} migration(s). The database is up to date.")
    elif result.already_applied:
        say("No pending migrations to apply.")
    else:
        say(f"No migration found in {folder}.")
