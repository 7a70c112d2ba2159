"""`midair migrate diff`: the command's output equals the Prisma CLI's (the oracle's recorded
examples and the golden files), with Prisma's exit codes."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "golden"))

from cases import GOLDEN, SHARED, TENNIS  # noqa: E402

EXAMPLES = SHARED / "tools" / "prisma-oracle" / "examples"
SCHEMAS = EXAMPLES / "schemas"


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def midair(capsys: pytest.CaptureFixture[str]) -> Callable[..., Result]:
    """Runs ``midair migrate diff <args>`` in-process (as the console script does)."""
    from midair.cli import main

    def run(*args: str) -> Result:
        capsys.readouterr()
        code = main(["migrate", "diff", *args])
        out = capsys.readouterr()
        return Result(code, out.out, out.err)

    return run


@pytest.mark.parametrize("provider", ["postgresql", "sqlite"])
def test_summary_matches_prisma_cli(midair: Callable[..., Result], provider: str) -> None:
    r = midair("--from-schema", str(SCHEMAS / "0-base.prisma"), "--to-schema", str(SCHEMAS / "D-drop-player-score-fields.prisma"), "--provider", provider)
    assert r.returncode == 0, r.stderr
    assert r.stdout == (EXAMPLES / "diff" / provider / "summary_0-base_to_D.txt").read_text()


@pytest.mark.parametrize("provider", ["postgresql", "sqlite"])
@pytest.mark.parametrize(
    ("previous", "next", "golden"),
    [
        (None, "0-base", "00_from-empty_to_0-base.sql"),
        ("0-base", "A-isPublic", "01_0-base_to_A-isPublic.sql"),
        ("C-score-required", "D-drop-player-score-fields", "04_C-score-required_to_D-drop-player-score-fields.sql"),
    ],
)
def test_script_matches_prisma_cli(midair: Callable[..., Result], provider: str, previous: str | None, next: str, golden: str) -> None:
    source = ["--from-empty"] if previous is None else ["--from-schema", str(SCHEMAS / f"{previous}.prisma")]
    r = midair(*source, "--to-schema", str(SCHEMAS / f"{next}.prisma"), "--provider", provider, "--script")
    assert r.returncode == 0, r.stderr
    assert r.stdout == (EXAMPLES / "diff" / provider / golden).read_text()


def test_from_empty_summary_matches_prisma(midair: Callable[..., Result]) -> None:
    r = midair("--from-empty", "--to-schema", str(TENNIS / "steps" / "01_auth.prisma"))
    assert r.stdout == (GOLDEN / "tennis" / "01_auth.summary.txt").read_text()


def test_no_difference_and_exit_codes(midair: Callable[..., Result]) -> None:
    step = str(TENNIS / "steps" / "03_add_is_public.prisma")
    same = midair("--from-schema", step, "--to-schema", step, "--exit-code")
    assert (same.returncode, same.stdout) == (0, "No difference detected.\n\n\n")
    empty = midair("--from-schema", step, "--to-schema", step, "--script")
    assert empty.stdout == "-- This is an empty migration.\n\n\n"
    changed = midair("--from-empty", "--to-schema", step, "--exit-code")
    assert changed.returncode == 2
    assert "[+] Added tables" in changed.stdout and "  - Match" in changed.stdout


def test_output_file_holds_the_script(midair: Callable[..., Result], tmp_path: Path) -> None:
    out = tmp_path / "m" / "migration.sql"
    steps = TENNIS / "steps"
    r = midair("--from-schema", str(steps / "06_drop_old_score_fields.prisma"), "--to-schema", str(steps / "07_add_user_email.prisma"), "--script", "-o", str(out))
    assert r.returncode == 0 and r.stdout == ""
    assert out.read_text() == (GOLDEN / "tennis" / "07_add_user_email.sql").read_text().rstrip("\n") + "\n"


def test_errors_are_one_line_with_exit_code_one(midair: Callable[..., Result], tmp_path: Path) -> None:
    r = midair("--to-empty")
    assert r.returncode == 1 and "--from-empty" in r.stderr and "Traceback" not in r.stderr
    r = midair("--from-empty", "--to-empty")
    assert r.returncode == 1 and "--provider" in r.stderr
    bad = tmp_path / "bad.prisma"
    bad.write_text('datasource db {\n  provider = "mysql"\n}\n\nmodel A {\n  id Int @id\n}\n')
    r = midair("--from-empty", "--to-schema", str(bad))
    assert r.returncode == 1 and "mysql" in r.stderr and "Traceback" not in r.stderr


def test_from_url_reads_the_database(midair: Callable[..., Result], sqlite_url: str) -> None:
    from midair.connection import connect

    steps = TENNIS / "steps"
    script = midair("--from-empty", "--to-schema", str(steps / "02_matches.prisma"), "--provider", "sqlite", "--script").stdout
    conn = connect(sqlite_url)
    try:
        conn.script(script)
    finally:
        conn.close()
    r = midair("--from-url", sqlite_url, "--to-schema", str(steps / "02_matches.prisma"), "--provider", "sqlite", "--exit-code")
    assert (r.returncode, r.stdout) == (0, "No difference detected.\n\n\n"), r.stderr
    r = midair("--from-url", sqlite_url, "--to-schema", str(steps / "03_add_is_public.prisma"), "--provider", "sqlite", "--script")
    # a required column: SQLite rebuilds the table (Prisma's rule), copying the rows
    assert r.stdout.startswith("-- RedefineTables\n")
    assert '"isPublic" BOOLEAN NOT NULL DEFAULT false' in r.stdout
    assert 'INSERT INTO "new_Match"' in r.stdout


@pytest.mark.postgres
def test_from_migrations_replays_the_tennis_history(
    midair: Callable[..., Result], postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATABASE_URL", postgres_url)
    steps = TENNIS / "steps"
    r = midair("--from-migrations", str(TENNIS / "migrations"), "--to-schema", str(steps / "06_drop_old_score_fields.prisma"), "--exit-code")
    assert (r.returncode, r.stdout) == (0, "No difference detected.\n\n\n"), r.stderr
    r = midair("--from-migrations", str(TENNIS / "migrations"), "--to-schema", str(steps / "07_add_user_email.prisma"), "--script")
    assert r.stdout == (GOLDEN / "tennis" / "07_add_user_email.sql").read_text()
