"""`migrate dev` end to end: the tennis history byte for byte, the article's scenarios 1 and 2,
drift and consent without a terminal."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from midair.connection import connect
from midair.testing import postgres
from tests.conftest import TENNIS_CORPUS
from tests.integration.migrations.support import cli, provider_of

STEPS = TENNIS_CORPUS / "steps"
HISTORY = TENNIS_CORPUS / "migrations"


def _schema(project: Path, step: str, url: str) -> Path:
    """Copy a tennis step to the project's schema.prisma, for the URL's provider."""
    text = (STEPS / step).read_text().replace('provider = "postgresql"', f'provider = "{provider_of(url)}"')
    path = project / "schema.prisma"
    path.write_text(text)
    return path


def _dev(capsys, project: Path, url: str, *args: str) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    return cli(capsys, "migrate", "dev", "--schema", str(project / "schema.prisma"), "--url", url, *args)


def _created(project: Path) -> list[Path]:
    return sorted(p for p in (project / "migrations").iterdir() if p.is_dir())


@pytest.mark.postgres
def test_migrate_dev_over_the_tennis_steps_writes_prismas_history_byte_for_byte(tmp_path: Path, postgres_url: str, capsys) -> None:
    expected = sorted(p for p in HISTORY.iterdir() if p.is_dir())
    steps = sorted(STEPS.glob("0[1-6]_*.prisma"))
    assert len(steps) == len(expected) == 6
    for step, reference in zip(steps, expected):
        _schema(tmp_path, step.name, postgres_url)
        name = reference.name.split("_", 1)[1]
        code, out, err = _dev(capsys, tmp_path, postgres_url, "--name", name)
        assert code == 0, out + err
    written = _created(tmp_path)
    assert [p.name.split("_", 1)[1] for p in written] == [p.name.split("_", 1)[1] for p in expected]
    for mine, theirs in zip(written, expected):
        assert re.fullmatch(r"\d{14}", mine.name.split("_", 1)[0])
        assert (mine / "migration.sql").read_bytes() == (theirs / "migration.sql").read_bytes(), mine.name
    assert (tmp_path / "migrations" / "migration_lock.toml").read_text().endswith('provider = "postgresql"\n')
    # and the next run has nothing to do
    code, out, _ = _dev(capsys, tmp_path, postgres_url, "--name", "nothing")
    assert code == 0 and "Already in sync" in out
    assert len(_created(tmp_path)) == 6


@pytest.fixture
def production(any_url: str, tmp_path: Path):  # type: ignore[no-untyped-def]
    """A second database of the same kind: the "production" of the article."""
    if provider_of(any_url) == "sqlite":
        yield f"sqlite:///{tmp_path / 'production.db'}"
        return
    url = postgres.create_database("midair_prod")
    try:
        yield url
    finally:
        postgres.drop_database(url)


def _insert_v1_rows(url: str, tag: str) -> None:
    conn = connect(url)
    conn.execute(f"INSERT INTO \"User\" (\"id\") VALUES ('{tag}-u1')")
    for i in range(1, 4):
        conn.execute(
            'INSERT INTO "Match" ("id", "createdById", "player1Name", "player2Name", "player1Games") '
            f"VALUES ('{tag}-m{i}', '{tag}-u1', 'Ana', 'Bo', {i})"
        )
        conn.execute(
            'INSERT INTO "Set" ("id", "setNumber", "player1Games", "player2Games", "matchId") '
            f"VALUES ('{tag}-s{i}', 1, 6, {i}, '{tag}-m{i}')"
        )
    conn.close()


def test_article_scenarios_1_and_2_end_to_end(tmp_path: Path, any_url: str, production: str, capsys) -> None:
    project = tmp_path / "app"
    project.mkdir()
    # Scenario 1: develop locally (v1), create the first migration, deploy it.
    _schema(project, "02_matches.prisma", any_url)
    code, out, err = _dev(capsys, project, any_url, "--name", "init")
    assert code == 0, out + err
    assert "Created migration" in out and "_init`" in out
    _insert_v1_rows(any_url, "dev")
    folder = project / "migrations"
    code, out, err = cli(capsys, "migrate", "deploy", "--url", production, "--migrations", str(folder))
    assert code == 0, out + err
    _insert_v1_rows(production, "prod")

    # Scenario 2: add `isPublic Boolean @default(false)`, migrate dev, deploy to production.
    _schema(project, "03_add_is_public.prisma", any_url)
    assert "isPublic   Boolean  @default(false)" in (project / "schema.prisma").read_text()
    code, out, err = _dev(capsys, project, any_url, "--name", "add_is_public")
    assert code == 0, out + err
    assert [p.name.split("_", 1)[1] for p in _created(project)] == ["init", "add_is_public"]
    code, out, err = cli(capsys, "migrate", "status", "--url", production, "--migrations", str(folder))
    assert code == 2 and "add_is_public" in out
    code, out, err = cli(capsys, "migrate", "deploy", "--url", production, "--migrations", str(folder))
    assert code == 0, out + err
    assert "Applied 1 migration(s)" in out

    for url, tag in ((production, "prod"), (any_url, "dev")):
        conn = connect(url)
        matches = conn.query('SELECT "id", "isPublic", "player1Games" FROM "Match" ORDER BY "id"')
        sets = conn.query('SELECT count(*) FROM "Set"')[0][0]
        conn.close()
        assert [(m[0], bool(m[1]), m[2]) for m in matches] == [(f"{tag}-m{i}", False, i) for i in range(1, 4)]
        assert sets == 3  # nothing lost, not even rows that reference the changed table
    code, out, err = cli(capsys, "migrate", "status", "--url", production, "--migrations", str(folder))
    assert code == 0, out + err
    assert "Database schema is up to date." in out


@pytest.fixture
def shadow(any_url: str):  # type: ignore[no-untyped-def]
    """`--shadow-url` on PostgreSQL: one provided shadow database per test rather than a temporary
    one per command, to keep the suite quick (the temporary-database path is what the tennis and
    scenario tests exercise)."""
    if provider_of(any_url) == "sqlite":
        yield []
        return
    url = postgres.create_database("midair_shadow")
    try:
        yield ["--shadow-url", url]
    finally:
        postgres.drop_database(url)


def test_data_loss_needs_consent_and_no_terminal_never_hangs(tmp_path: Path, any_url: str, shadow: list[str], capsys) -> None:
    _schema(tmp_path, "05_make_json_score_mandatory.prisma", any_url)
    code, out, err = _dev(capsys, tmp_path, any_url, *shadow, "--name", "base")
    assert code == 0, out + err
    conn = connect(any_url)
    conn.execute("INSERT INTO \"User\" (\"id\") VALUES ('u1')")
    conn.execute(
        'INSERT INTO "Match" ("id", "createdById", "player1Name", "player2Name", "player1Games", "score") '
        "VALUES ('m1', 'u1', 'Ana', 'Bo', 4, '{}'), ('m2', 'u1', 'Cy', 'Di', 2, '{}')"
    )
    conn.close()
    _schema(tmp_path, "06_drop_old_score_fields.prisma", any_url)
    code, out, err = _dev(capsys, tmp_path, any_url, *shadow, "--name", "drop_old_score_fields")
    assert code == 3
    assert "Dropping `Match.player1Games` loses 2 non-null values" in out + err
    assert "--accept-data-loss" in err
    assert len(_created(tmp_path)) == 1  # nothing written
    code, out, err = _dev(capsys, tmp_path, any_url, *shadow, "--name", "drop_old_score_fields", "--accept-data-loss")
    assert code == 0, out + err
    written = _created(tmp_path)[-1] / "migration.sql"
    assert "All the data in the column will be lost." in written.read_text()


def test_unexecutable_change_stops_unless_create_only(tmp_path: Path, any_url: str, shadow: list[str], capsys) -> None:
    _schema(tmp_path, "04_optional_json_score.prisma", any_url)
    assert _dev(capsys, tmp_path, any_url, *shadow, "--name", "base")[0] == 0
    conn = connect(any_url)
    conn.execute("INSERT INTO \"User\" (\"id\") VALUES ('u1')")
    for i in range(12):
        conn.execute(
            f"INSERT INTO \"Match\" (\"id\", \"createdById\", \"player1Name\", \"player2Name\") VALUES ('m{i}', 'u1', 'A', 'B')"
        )
    conn.close()
    _schema(tmp_path, "05_make_json_score_mandatory.prisma", any_url)
    code, out, err = _dev(capsys, tmp_path, any_url, *shadow, "--name", "score_required")
    assert code == 3 and "Making `Match.score` required will fail: 12 rows hold NULL" in err
    assert len(_created(tmp_path)) == 1
    code, out, err = _dev(capsys, tmp_path, any_url, *shadow, "--name", "score_required", "--create-only")
    assert code == 0, out + err
    assert len(_created(tmp_path)) == 2
    status = cli(capsys, "migrate", "status", "--url", any_url, "--migrations", str(tmp_path / "migrations"), "--no-drift")
    assert status[0] == 2 and "score_required" in status[1]


def test_drift_is_explained_and_reset_needs_force_without_a_terminal(tmp_path: Path, any_url: str, shadow: list[str], capsys) -> None:
    _schema(tmp_path, "03_add_is_public.prisma", any_url)
    assert _dev(capsys, tmp_path, any_url, *shadow, "--name", "init")[0] == 0
    conn = connect(any_url)
    conn.execute('CREATE TABLE "Stray" ("id" INTEGER)')
    conn.close()
    _schema(tmp_path, "04_optional_json_score.prisma", any_url)
    code, out, err = _dev(capsys, tmp_path, any_url, *shadow, "--name", "add_score")
    assert code == 3
    assert "Table `Stray` exists in the database but no migration creates it." in out + err
    assert "--force" in err
    assert len(_created(tmp_path)) == 1
    status = cli(capsys, "migrate", "status", "--url", any_url, "--migrations", str(tmp_path / "migrations"), *shadow)
    assert status[0] == 2 and "Table `Stray` exists in the database" in status[1]
    code, out, err = _dev(capsys, tmp_path, any_url, *shadow, "--name", "add_score", "--force")
    assert code == 0, out + err
    assert "Database reset" in out and len(_created(tmp_path)) == 2
    assert cli(capsys, "migrate", "status", "--url", any_url, "--migrations", str(tmp_path / "migrations"), *shadow)[0] == 0


def test_edited_applied_migration_is_a_reset_reason(tmp_path: Path, any_url: str, shadow: list[str], capsys) -> None:
    _schema(tmp_path, "03_add_is_public.prisma", any_url)
    assert _dev(capsys, tmp_path, any_url, *shadow, "--name", "init")[0] == 0
    script = _created(tmp_path)[0] / "migration.sql"
    script.write_text(script.read_text() + "\n-- edited\n")
    code, out, err = _dev(capsys, tmp_path, any_url, *shadow, "--name", "again")
    assert code == 3 and f"`{script.parent.name}` was modified after it was applied" in out + err
    shutil.rmtree(script.parent)
    code, out, err = _dev(capsys, tmp_path, any_url, *shadow, "--name", "again", "--force")
    assert code == 0, out + err


@pytest.mark.postgres
def test_dev_creates_a_missing_postgresql_database(tmp_path: Path, capsys) -> None:
    import uuid

    from midair.urls import parse_url

    name = f"midair_devnew_{uuid.uuid4().hex[:8]}"
    url = parse_url(postgres.server_url()).with_database(name).raw
    _schema(tmp_path, "01_auth.prisma", url)
    try:
        code, out, err = _dev(capsys, tmp_path, url, "--name", "auth")
        assert code == 0, out + err
        assert "Created the development database" in out and name in out
        assert (tmp_path / "migrations").is_dir()
    finally:
        postgres.drop_database(url)


ORACLE = TENNIS_CORPUS.parent.parent / "tools" / "prisma-oracle" / "examples"
TUTORIAL = [
    ("0-base", "init"),
    ("A-isPublic", "add_is_public"),
    ("B-score-optional", "add_score"),
    ("C-score-required", "score_required"),
    ("D-drop-player-score-fields", "drop_player_score_fields"),
]


def test_migrate_dev_matches_what_prisma_migrate_dev_wrote(tmp_path: Path, any_url: str, shadow: list[str], capsys) -> None:
    """The article's tutorial sequence through `migrate dev`, against the files Prisma 7's own
    `migrate dev` wrote for the same steps (tools/prisma-oracle/examples/migrate-dev/<provider>/)."""
    provider = provider_of(any_url)
    expected = sorted((ORACLE / "migrate-dev" / provider).glob("*.migration.sql"))
    assert len(expected) == len(TUTORIAL)
    for schema, name in TUTORIAL:
        text = (ORACLE / "schemas" / f"{schema}.prisma").read_text()
        (tmp_path / "schema.prisma").write_text(text.replace('provider = "postgresql"', f'provider = "{provider}"'))
        code, out, err = _dev(capsys, tmp_path, any_url, *shadow, "--name", name)
        assert code == 0, out + err
    written = _created(tmp_path)
    assert [p.name.split("_", 1)[1] for p in written] == [n for _, n in TUTORIAL]
    for mine, theirs in zip(written, expected):
        assert (mine / "migration.sql").read_bytes() == theirs.read_bytes(), mine.name
