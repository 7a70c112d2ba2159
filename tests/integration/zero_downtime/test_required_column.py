"""A required column added without a default, while the old app (which does not know it) keeps
inserting rows: the trigger fills it for those, the backfill for the rest, then it becomes NOT NULL."""

from __future__ import annotations

from pathlib import Path

import pytest

from midair.connection import connect
from midair.errors import UnsafeChangeError
from midair.expand_contract.planner import create_phased_migrations

pytestmark = pytest.mark.postgres

SCHEMA = """datasource db {
  provider = "postgresql"
  url      = env("DATABASE_URL")
}

model User {
  id   Int    @id
  name String
%s}
"""
INIT = 'CREATE TABLE "User" (\n    "id" INTEGER NOT NULL,\n    "name" TEXT NOT NULL,\n\n    CONSTRAINT "User_pkey" PRIMARY KEY ("id")\n);\n'


def test_required_column_without_default(postgres_url: str, tmp_path: Path) -> None:
    from midair.migrations.apply import deploy

    migrations = tmp_path / "migrations"
    (migrations / "20250101000000_init").mkdir(parents=True)
    (migrations / "20250101000000_init" / "migration.sql").write_text(INIT)
    schema = tmp_path / "schema.prisma"
    schema.write_text(SCHEMA % "")
    deploy(postgres_url, migrations, backup="never")
    conn = connect(postgres_url)
    conn.execute("INSERT INTO \"User\" SELECT i, 'User' || i FROM generate_series(1, 40) i")

    schema.write_text(SCHEMA % "  email String\n")
    result = create_phased_migrations(schema, migrations, "user email", url=postgres_url)
    assert result.placeholders == 1
    expand, _backfill, contract = result.folders
    toml = expand / "migration.toml"
    toml.write_text(toml.read_text().replace("email = 'FILL_ME_IN'", "email = '''lower(name) || '@example.com' '''"))

    with pytest.raises(UnsafeChangeError, match="waits for the app rollout"):
        deploy(postgres_url, migrations, backup="never")
    conn.execute("INSERT INTO \"User\" (id, name) VALUES (41, 'Late')")  # the old app, after the backfill
    assert conn.query('SELECT email FROM "User" WHERE id = 41') == [("late@example.com",)]
    deploy(postgres_url, migrations, backup="never")
    assert conn.query('SELECT count(*), count(email) FROM "User"') == [(41, 41)]
    assert conn.query('SELECT email FROM "User" WHERE id = 7') == [("user7@example.com",)]
    assert conn.query("SELECT is_nullable FROM information_schema.columns WHERE table_name = 'User' AND column_name = 'email'") == [("NO",)]
    assert "SET NOT NULL" in contract.joinpath("migration.sql").read_text()
    conn.close()
