"""The app's database: where its migrations are, and bringing a database up to date with them."""

from __future__ import annotations

import hashlib
import uuid
from pathlib import Path

import psycopg

HERE = Path(__file__).resolve().parent
MIGRATIONS = HERE / "migrations"
SCHEMA = HERE / "schema.prisma"
SCHEMA_STEPS = HERE / "schema-steps"


def migration_dirs(migrations_dir: Path = MIGRATIONS) -> list[Path]:
    return sorted(p for p in migrations_dir.iterdir() if (p / "migration.sql").is_file())


def migrate(url: str, migrations_dir: Path = MIGRATIONS) -> list[str]:
    """Apply the migrations not yet applied; return their names."""
    return _apply_in_order(url, migrations_dir)


# Stand-in until `midair.deploy` lands: Prisma's history table, each migration.sql in order.
_HISTORY_DDL = """
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id" VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum" VARCHAR(64) NOT NULL,
    "finished_at" TIMESTAMPTZ,
    "migration_name" VARCHAR(255) NOT NULL,
    "logs" TEXT,
    "rolled_back_at" TIMESTAMPTZ,
    "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)
"""


def _apply_in_order(url: str, migrations_dir: Path) -> list[str]:
    applied: list[str] = []
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(_HISTORY_DDL)
        done = {
            r[0]
            for r in conn.execute(
                'SELECT "migration_name" FROM "_prisma_migrations" WHERE "finished_at" IS NOT NULL AND "rolled_back_at" IS NULL'
            )
        }
        for folder in migration_dirs(migrations_dir):
            if folder.name in done:
                continue
            sql = (folder / "migration.sql").read_text()
            with conn.transaction():
                conn.execute(sql.encode())
                conn.execute(
                    'INSERT INTO "_prisma_migrations" ("id", "checksum", "finished_at", "migration_name", '
                    '"applied_steps_count") VALUES (%s, %s, now(), %s, 1)',
                    (str(uuid.uuid4()), hashlib.sha256(sql.encode()).hexdigest(), folder.name),
                )
            applied.append(folder.name)
    return applied
