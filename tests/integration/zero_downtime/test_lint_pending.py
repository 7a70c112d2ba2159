"""`midair lint --url`: which migrations the database has applied decides which tables can hold
rows. A table created by a pending migration is empty when the same deploy indexes it; once an
earlier deploy created it, the app may have filled it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from midair.cli import main
from midair.migrations.apply import deploy

pytestmark = pytest.mark.postgres

INIT = 'CREATE TABLE "Player" ("id" INTEGER NOT NULL, "name" TEXT NOT NULL, CONSTRAINT "Player_pkey" PRIMARY KEY ("id"));\n'
INDEX = 'CREATE INDEX "Player_name_idx" ON "Player"("name");\n'


def _lint(url: str, migrations: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    code = main(["lint", str(migrations), "--url", url, "--json"])
    return code, [f["code"] for f in json.loads(capsys.readouterr().out)["findings"]]


def test_lint_reads_the_pending_migrations(postgres_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    migrations = tmp_path / "migrations"
    (migrations / "20250101000000_init").mkdir(parents=True)
    (migrations / "migration_lock.toml").write_text('provider = "postgresql"\n')
    (migrations / "20250101000000_init" / "migration.sql").write_text(INIT)
    index = migrations / "20250102000000_index"
    index.mkdir()
    (index / "migration.sql").write_text(INDEX)
    (index / "migration.toml").write_text('lock_timeout = "2s"\n')

    # Nothing applied: one deploy creates `Player` and indexes it before any app writes to it.
    assert _lint(postgres_url, migrations, capsys) == (0, [])
    # Without the database, lint cannot know that: it assumes `Player` may hold rows.
    assert main(["lint", str(migrations), "--json"]) == 1
    assert [f["code"] for f in json.loads(capsys.readouterr().out)["findings"]] == ["ZD101"]

    index.rename(tmp_path / "later")
    deploy(postgres_url, migrations, backup="never")
    (tmp_path / "later").rename(index)
    # `Player` was created by an earlier deploy: the index build blocks its writers.
    assert _lint(postgres_url, migrations, capsys) == (1, ["ZD101"])
