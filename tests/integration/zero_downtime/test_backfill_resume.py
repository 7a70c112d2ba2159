"""A backfill killed mid-way (SIGKILL, as a crashed deploy) resumes to the same final state.

Each batch and its progress row commit together, so after the kill the progress table names the
last committed batch exactly: the resumed run neither skips nor repeats a row.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from midair.connection import connect
from midair.expand_contract.backfill import BackfillJob, read_progress, run_backfill
from midair.expand_contract.executor import apply_migration
from midair.migrations.settings import MigrationSettings
from tests.integration.zero_downtime.helpers import PG_NEW_FROM_OLD, PG_OLD_FROM_NEW, create_old_match, write_phases

ROWS = 1500


def _backfill_cli(url: str, folder: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "midair.cli", "backfill", str(folder), "--url", url, "--no-progress", *extra]


@pytest.mark.postgres
@pytest.mark.slow
def test_kill_and_resume(postgres_url: str, tmp_path: Path) -> None:
    conn = connect(postgres_url)
    create_old_match(conn, ROWS)
    expand, backfill, _contract = write_phases(tmp_path / "m", new_from_old=PG_NEW_FROM_OLD, old_from_new=PG_OLD_FROM_NEW)
    apply_migration(conn, expand, expand.joinpath("migration.sql").read_text())

    # Slow on purpose: 10-row batches (kept small by a 1 ms time target) and 20 ms pauses.
    proc = subprocess.Popen(
        _backfill_cli(postgres_url, backfill, "--batch-size", "10", "--target-time", "1ms", "--sleep", "20ms"),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    deadline = time.monotonic() + 30
    state = None
    while time.monotonic() < deadline:
        state = read_progress(conn, backfill.name)
        if state is not None and state.batches >= 5:
            break
        time.sleep(0.02)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)
    assert proc.returncode == -signal.SIGKILL

    state = read_progress(conn, backfill.name)
    assert state is not None and not state.finished and state.batches >= 5
    done = conn.query('SELECT count(*) FROM "Match" WHERE score IS NOT NULL')[0][0]
    assert 0 < done < ROWS
    assert done == state.rows_updated  # the progress row and the data committed together
    # Rows up to the recorded key are done, rows after it are not: nothing half-done.
    assert conn.query('SELECT count(*) FROM "Match" WHERE id <= %s AND score IS NULL', (state.last_key,)) == [(0,)]
    assert conn.query('SELECT count(*) FROM "Match" WHERE id > %s AND score IS NOT NULL', (state.last_key,)) == [(0,)]

    resumed = subprocess.run(_backfill_cli(postgres_url, backfill), capture_output=True, text=True, timeout=60)
    assert resumed.returncode == 0, resumed.stderr
    final = read_progress(conn, backfill.name)
    assert final is not None and final.finished
    assert final.rows_updated == ROWS  # every row exactly once across both runs
    assert f"updated {ROWS} rows in {final.batches} batches (resumed)" in resumed.stdout
    assert conn.query(f'SELECT count(*) FROM "Match" WHERE score IS DISTINCT FROM {PG_NEW_FROM_OLD}') == [(0,)]

    # Running a finished backfill again does nothing and reports the same totals.
    again = run_backfill(conn, BackfillJob.from_settings(backfill.name, MigrationSettings.load(backfill)))
    assert again.complete and (again.rows_updated, again.batches) == (ROWS, final.batches)
    conn.close()
