"""The app's schema history is the article's: six migrations with the article's names, each one
what Prisma's engine wrote for that step (committed output of the prisma-oracle), and midair's
`migrate dev` writes the same files byte for byte from the schema steps."""

from __future__ import annotations

import pytest

from examples.tennis.db import MIGRATIONS, SCHEMA, SCHEMA_STEPS, migration_dirs

ARTICLE_NAMES = [
    "init", "matches", "add_is_public", "optional_json_score", "make_json_score_mandatory", "drop_old_score_fields",
]


def test_names_order_and_steps():
    dirs = migration_dirs()
    assert [d.name.split("_", 1)[1] for d in dirs] == ARTICLE_NAMES
    stamps = [d.name.split("_", 1)[0] for d in dirs]
    assert stamps == sorted(stamps) and len(set(stamps)) == len(stamps) and all(len(s) == 14 for s in stamps)
    steps = sorted(SCHEMA_STEPS.glob("*.prisma"))
    assert [s.stem for s in steps] == [f"{i:02d}_{n}" for i, n in enumerate(ARTICLE_NAMES, 1)]
    assert SCHEMA.read_text() == steps[-1].read_text()
    assert (MIGRATIONS / "migration_lock.toml").read_text().splitlines()[-1] == 'provider = "postgresql"'


def test_the_articles_sql():
    sql = {d.name.split("_", 1)[1]: (d / "migration.sql").read_text() for d in migration_dirs()}
    assert 'ALTER TABLE "Match" ADD COLUMN     "isPublic" BOOLEAN NOT NULL DEFAULT false;' in sql["add_is_public"]
    assert 'ALTER TABLE "Match" ADD COLUMN     "score" JSONB;' in sql["optional_json_score"]
    assert "Made the column `score` on table `Match` required." in sql["make_json_score_mandatory"]
    assert sql["drop_old_score_fields"].count("You are about to drop the column") == 4


@pytest.mark.postgres
@pytest.mark.slow
def test_midair_migrate_dev_regenerates_every_migration(postgres_url, tmp_path, monkeypatch, capsys):
    from midair.cli import main

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", postgres_url)
    steps = sorted(SCHEMA_STEPS.glob("*.prisma"))
    for step, ref in zip(steps, migration_dirs(), strict=True):
        (tmp_path / "schema.prisma").write_text(step.read_text())
        name = ref.name.split("_", 1)[1]
        code = main(["migrate", "dev", "--name", name, "--schema", str(tmp_path / "schema.prisma"), "--accept-data-loss"])
        out = capsys.readouterr()
        assert code == 0, out.out + out.err
        made = sorted((tmp_path / "migrations").glob(f"*_{name}"))
        assert len(made) == 1, out.out
        assert (made[0] / "migration.sql").read_text() == (ref / "migration.sql").read_text(), name
