"""Helpers for the migration workflow tests: small migrations folders written on the fly."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from midair.migrations.folder import write_lock
from midair.urls import parse_url

CREATE_PLAYER = 'CREATE TABLE "Player" (\n    "id" INTEGER NOT NULL PRIMARY KEY,\n    "name" TEXT NOT NULL\n);\n'
ADD_RANK = 'ALTER TABLE "Player" ADD COLUMN "rank" INTEGER NOT NULL DEFAULT 0;\n'
CREATE_MATCH = 'CREATE TABLE "Match" (\n    "id" INTEGER NOT NULL PRIMARY KEY,\n    "winner" TEXT\n);\n'


def provider_of(url: str) -> str:
    return parse_url(url).provider


def make_migrations(root: Path, url: str, *scripts: tuple[str, str]) -> Path:
    """A migrations folder holding `scripts` ((folder name, sql) pairs) and its lock file."""
    folder = root / "migrations"
    folder.mkdir(parents=True, exist_ok=True)
    write_lock(folder, provider_of(url))
    for name, sql in scripts:
        (folder / name).mkdir(exist_ok=True)
        (folder / name / "migration.sql").write_text(sql)
    return folder


def run_cli(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """`midair <args>` in a fresh process, as a user or a deploy script runs it (no terminal)."""
    import os

    full_env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "midair.cli", *args],
        cwd=cwd,
        env=full_env,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=timeout,
    )




def cli(capsys, *args: str) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    """`midair <args>` in this process (fast); returns exit code, stdout, stderr. stdin is not a
    terminal under pytest, so commands behave as in CI."""
    from midair.cli import main

    capsys.readouterr()
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err
