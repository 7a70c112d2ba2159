"""The article's data migration (its step 2): rows written before `score` existed get it, computed
from the four old columns. Defined in the ``[backfill]`` of the ``optional_json_score`` migration's
``migration.toml`` and run by midair's batched, resumable backfill — the same as
``midair backfill examples/tennis/migrations/20250314125629_optional_json_score``.
"""

from __future__ import annotations

from pathlib import Path

from midair.connection import connect
from midair.expand_contract.backfill import BackfillJob, BackfillReport, run_backfill
from midair.migrations.settings import MigrationSettings

from examples.tennis.db import MIGRATIONS

BACKFILL_MIGRATION = "20250314125629_optional_json_score"


def backfill_scores(url: str, migrations_dir: Path = MIGRATIONS) -> BackfillReport:
    """Run (or resume) the score backfill; the report says how many rows it updated."""
    folder = migrations_dir / BACKFILL_MIGRATION
    job = BackfillJob.from_settings(folder.name, MigrationSettings.load(folder))
    conn = connect(url)
    try:
        return run_backfill(conn, job)
    finally:
        conn.close()
