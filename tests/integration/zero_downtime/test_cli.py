"""CLI transcripts: `migrate plan` of a pending schema change, `migrate phases`, `backfill` errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from midair.cli import main
from midair.connection import connect
from tests.conftest import TENNIS_CORPUS
from tests.integration.zero_downtime.helpers import PG_NEW_FROM_OLD, PG_OLD_FROM_NEW, create_old_match, write_phases


@pytest.mark.postgres
def test_plan_of_the_pending_schema_change(postgres_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    conn = connect(postgres_url)
    for m in ("20250313123432_auth", "20250313160331_matches", "20250314114715_add_is_public"):
        conn.script((TENNIS_CORPUS / "migrations" / m / "migration.sql").read_text())
    conn.close()
    # The article's step 1 done wrong: `score Json` required at once.
    schema = TENNIS_CORPUS / "steps" / "05_make_json_score_mandatory.prisma"
    assert main(["migrate", "plan", "--url", postgres_url, "--schema", str(schema)]) == 0
    out = capsys.readouterr().out
    assert '1. ALTER TABLE "Match" ADD COLUMN "score" JSONB NOT NULL' in out
    assert "ADD COLUMN NOT NULL without a default: ACCESS EXCLUSIVE lock on `Match` (blocks reads and writes)" in out
    assert "safe alternative: add it nullable" in out
    assert "Breaking for the running app: `Match`: new required column `score` without a default" in out
    assert "midair migrate expand-contract --name <name>" in out


@pytest.mark.postgres
def test_phases_and_backfill_commands(postgres_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    conn = connect(postgres_url)
    create_old_match(conn, 30)
    expand, backfill, _ = write_phases(tmp_path / "m", new_from_old=PG_NEW_FROM_OLD, old_from_new=PG_OLD_FROM_NEW)
    from midair.expand_contract.executor import apply_migration

    apply_migration(conn, expand, expand.joinpath("migration.sql").read_text())
    conn.close()
    capsys.readouterr()
    assert main(["migrate", "phases", "--url", postgres_url, "--migrations", str(tmp_path / "m")]) == 0
    out = capsys.readouterr().out
    assert "backfill  pending   not started" in out
    assert "contract  blocked   The contract `20250314125631_score_contract` is refused: 30 rows of `Match` still need the backfill" in out
    assert main(["backfill", str(backfill), "--url", postgres_url, "--no-progress"]) == 0
    assert "updated 30 rows in 2 batches" in capsys.readouterr().out  # 25, then 5 (the first batch size is 25)
    assert main(["migrate", "phases", "--url", postgres_url, "--migrations", str(tmp_path / "m")]) == 0
    out = capsys.readouterr().out
    assert "backfill  complete  updated 30 rows in 2 batches" in out and "contract  ready" in out


def test_backfill_errors_are_clear_and_redacted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["backfill", "--url", "postgresql://bob:s3cret@127.0.0.1:1/db", "--sql", "UPDATE t SET a = 1"]) == 1
    err = capsys.readouterr().err
    assert "bob:****@" in err and "s3cret" not in err and "Traceback" not in err
    url = f"sqlite:///{tmp_path / 'x.db'}"
    assert main(["backfill", "--url", url, "--sql", "DELETE FROM t"]) == 1
    assert "expected an UPDATE statement" in capsys.readouterr().err
    assert main(["backfill", "--url", url, "--sql", "UPDATE nope SET a = 1"]) == 1
    assert "The table `nope` (or its key column `id`) does not exist." in capsys.readouterr().err
    assert main(["backfill", str(tmp_path / "missing"), "--url", url]) == 1
    assert "No such migration folder" in capsys.readouterr().err
