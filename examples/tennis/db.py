"""The app's database: where its migrations are, and bringing a database up to date with midair."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
MIGRATIONS = HERE / "migrations"
SCHEMA = HERE / "schema.prisma"
SCHEMA_STEPS = HERE / "schema-steps"
# Backups midair takes before a destructive deploy go here, not into the source tree.
BACKUPS = Path(tempfile.gettempdir()) / "midair-tennis-backups"


def migration_dirs(migrations_dir: Path = MIGRATIONS) -> list[Path]:
    return sorted(p for p in migrations_dir.iterdir() if (p / "migration.sql").is_file())


def migrate(
    url: str, migrations_dir: Path = MIGRATIONS, *, backup: str = "auto", report: Callable[[str], None] | None = None
) -> list[str]:
    """Apply the migrations not yet applied (`midair.deploy`); return their names."""
    import midair

    result = midair.deploy(url, migrations_dir, backup=backup, backup_dir=BACKUPS, log=report)
    return list(result.applied)
