"""Automatic backups before risky migrations: the dropped data comes back from the backup, the
path and the undo command are printed, and only the newest N backups of a database are kept."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from midair.backup import auto_backup, list_backups, restore
from midair.connection import connect
from midair.migrations.apply import deploy
from midair.migrations.folder import write_lock
from midair.testing.postgres import drop_database
from midair.urls import parse_url

INIT = 'CREATE TABLE "User" (\n    "id" INTEGER NOT NULL PRIMARY KEY,\n    "name" TEXT NOT NULL,\n    "nickname" TEXT\n);\n'
DROP_NICKNAME = (
    "/*\n  Warnings:\n\n  - You are about to drop the column `nickname` on the `User` table. "
    "All the data in the column will be lost.\n\n*/\n"
    '-- AlterTable\nALTER TABLE "User" DROP COLUMN "nickname";\n'
)
PEOPLE = [(1, "Zoë", "zo 🎾"), (2, "Li", None), (3, "Sam", "the wall")]


def _run(url: str, sql: str) -> None:
    conn = connect(url)
    try:
        conn.script(sql)
    finally:
        conn.close()


def _query(url: str, sql: str) -> list[tuple[object, ...]]:
    conn = connect(url)
    try:
        return [tuple(r) for r in conn.query(sql)]
    finally:
        conn.close()


def _insert_people(url: str) -> None:
    conn = connect(url)
    try:
        param = "%s" if parse_url(url).provider == "postgresql" else "?"
        for row in PEOPLE:
            conn.execute(f'INSERT INTO "User" VALUES ({param}, {param}, {param})', row)
    finally:
        conn.close()


def _restore_elsewhere(path: Path, url: str) -> tuple[str, list[str]]:
    """Restore into a new database (dropped by the caller through `made`)."""
    result = restore(path, url=url, progress=False)
    assert result.verified, result.differences
    return result.target, ([result.target] if parse_url(url).provider == "postgresql" else [])


def test_auto_backup_before_dropping_a_column_brings_the_data_back(any_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _run(any_url, INIT)
    _insert_people(any_url)
    folder = tmp_path / ".midair" / "backups"

    result = auto_backup(any_url, reason="before migrate deploy of 20250102000000_drop_nickname", directory=folder, keep=3)
    err = capsys.readouterr().err
    assert str(result.path) in err and f"To undo: midair db restore {result.path}" in err and "--force" in err
    assert result.path.parent == folder and result.manifest.reason.startswith("before migrate deploy")

    _run(any_url, 'ALTER TABLE "User" DROP COLUMN "nickname"')
    assert len(_query(any_url, 'SELECT * FROM "User"')[0]) == 2

    target, made = _restore_elsewhere(result.path, any_url)
    try:
        assert _query(target, 'SELECT id, name, nickname FROM "User" ORDER BY id') == PEOPLE
    finally:
        for url in made:
            drop_database(url)


def _migrations(root: Path, url: str, *scripts: tuple[str, str]) -> Path:
    folder = root / "prisma" / "migrations"
    folder.mkdir(parents=True, exist_ok=True)
    write_lock(folder, parse_url(url).provider)
    for name, sql in scripts:
        (folder / name).mkdir(exist_ok=True)
        (folder / name / "migration.sql").write_text(sql)
    return folder


def test_deploy_of_a_column_drop_leaves_a_backup_with_the_dropped_data(any_url: str, tmp_path: Path) -> None:
    migrations = _migrations(tmp_path, any_url, ("20250101000000_init", INIT))
    deploy(any_url, migrations, backup="never")
    _insert_people(any_url)
    _migrations(tmp_path, any_url, ("20250102000000_drop_nickname", DROP_NICKNAME))

    # The default mode: the checks find data the migration would lose, so a backup is taken.
    result = deploy(any_url, migrations, backup="auto")
    assert result.backup is not None
    assert any("nickname" in w for w in result.warnings)
    backups = list_backups(migrations.parent / ".midair" / "backups")
    assert [b.path for b in backups] == [Path(result.backup)]
    manifest = backups[0].manifest
    assert manifest.last_migration == "20250101000000_init" and dict(manifest.tables)["User"] == 3
    assert "20250102000000_drop_nickname" in manifest.reason

    target, made = _restore_elsewhere(Path(result.backup), any_url)
    try:
        assert _query(target, 'SELECT id, name, nickname FROM "User" ORDER BY id') == PEOPLE
    finally:
        for url in made:
            drop_database(url)


def test_auto_mode_takes_no_backup_for_a_harmless_migration(sqlite_url: str, tmp_path: Path) -> None:
    migrations = _migrations(tmp_path, sqlite_url, ("20250101000000_init", INIT))
    deploy(sqlite_url, migrations, backup="never")
    _insert_people(sqlite_url)
    _migrations(tmp_path, sqlite_url, ("20250102000000_age", 'ALTER TABLE "User" ADD COLUMN "age" INTEGER;\n'))
    assert deploy(sqlite_url, migrations, backup="auto").backup is None
    assert list_backups(migrations.parent / ".midair" / "backups") == []


def test_cli_deploy_prints_the_backup_and_the_undo_command_that_works(tmp_path: Path) -> None:
    project = tmp_path / "app"
    migrations = _migrations(project, "file:./dev.db", ("20250101000000_init", INIT))
    schema = migrations.parent / "schema.prisma"
    schema.write_text('datasource db {\n  provider = "sqlite"\n  url      = "file:./dev.db"\n}\n')
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    run = lambda *args: subprocess.run([sys.executable, "-m", "midair.cli", *args], cwd=project, env=env, capture_output=True, text=True, timeout=120)  # noqa: E731
    assert run("migrate", "deploy", "--schema", str(schema)).returncode == 0
    db_url = f"sqlite:///{migrations.parent / 'dev.db'}"
    _insert_people(db_url)
    _migrations(project, "file:./dev.db", ("20250102000000_drop_nickname", DROP_NICKNAME))

    done = run("migrate", "deploy", "--schema", str(schema))
    assert done.returncode == 0, done.stderr
    printed = done.stdout + done.stderr
    undo = next(line for line in printed.splitlines() if line.startswith("To undo: "))
    assert "Backed up 4 rows in 2 tables to" in printed and ".midair/backups/" in undo
    assert _query(db_url, 'SELECT * FROM "User" ORDER BY id') == [(i, n) for i, n, _ in PEOPLE]

    restored = run(*shlex.split(undo.removeprefix("To undo: midair ")))
    assert restored.returncode == 0, restored.stderr
    assert "Verified: 2 tables, 4 rows, 1 applied migration (last: 20250101000000_init)" in restored.stdout
    assert _query(db_url, 'SELECT id, name, nickname FROM "User" ORDER BY id') == PEOPLE


def test_retention_keeps_the_newest_backups_of_each_database(tmp_path: Path) -> None:
    a, b = f"sqlite:///{tmp_path / 'a.db'}", f"sqlite:///{tmp_path / 'b.db'}"
    for url in (a, b):
        _run(url, INIT)
    folder = tmp_path / "backups"
    folder.mkdir()
    (folder / "notes.txt").write_text("not a backup")
    other = auto_backup(b, reason="b", directory=folder, keep=1, progress=False)

    taken = [auto_backup(a, reason=f"#{i}", directory=folder, keep=2, progress=False) for i in range(4)]

    kept = [e.path for e in list_backups(folder) if e.manifest.database == taken[0].manifest.database]
    assert kept == [taken[3].path, taken[2].path]
    assert taken[3].pruned == (taken[1].path,) and taken[2].pruned == (taken[0].path,)
    assert not taken[0].path.exists() and not taken[0].manifest_path.exists()
    assert other.path.exists() and (folder / "notes.txt").read_text() == "not a backup"
    assert sorted(os.listdir(folder)) == sorted(
        [p.name for p in (taken[3].path, taken[3].manifest_path, taken[2].path, taken[2].manifest_path, other.path, other.manifest_path)] + ["notes.txt"]
    )


def test_deploy_backs_up_a_relative_file_url_resolved_against_the_schema_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Prisma resolves `file:./dev.db` against the schema's folder, not the working directory:
    # the backup must read the same file the deploy migrates.
    project = tmp_path / "project"
    migrations = _migrations(project, "file:./dev.db", ("20250101000000_init", INIT))
    schema_dir = migrations.parent
    monkeypatch.chdir(project)
    deploy("file:./dev.db", migrations, backup="never", base_dir=schema_dir)
    _insert_people(f"sqlite:///{schema_dir / 'dev.db'}")
    _migrations(project, "file:./dev.db", ("20250102000000_drop_nickname", DROP_NICKNAME))

    result = deploy("file:./dev.db", migrations, backup="always", base_dir=schema_dir)

    assert result.backup is not None and not (project / "dev.db").exists()
    manifest = list_backups(schema_dir / ".midair" / "backups")[0].manifest
    assert manifest.database == f"sqlite:///{schema_dir / 'dev.db'}" and dict(manifest.tables)["User"] == 3


def _people_schema(root: Path, url: str, *, nickname: bool) -> Path:
    provider = parse_url(url).provider
    path = root / "prisma" / "schema.prisma"
    path.parent.mkdir(parents=True, exist_ok=True)
    field = "  nickname String?\n" if nickname else ""
    path.write_text(
        f'datasource db {{\n  provider = "{provider}"\n  url      = env("DATABASE_URL")\n}}\n\n'
        f"model User {{\n  id       Int    @id\n  name     String\n{field}}}\n"
    )
    return path


def test_migrate_dev_of_a_column_drop_leaves_a_backup_with_the_dropped_data(any_url: str, tmp_path: Path) -> None:
    from midair.migrations.dev import dev

    migrations = tmp_path / "prisma" / "migrations"
    dev(_people_schema(tmp_path, any_url, nickname=True), any_url, migrations, name="init", backup="never")
    _insert_people(any_url)
    assert list_backups(migrations.parent / ".midair" / "backups") == []

    result = dev(_people_schema(tmp_path, any_url, nickname=False), any_url, migrations, name="drop_nickname", accept_data_loss=True)
    assert result.applied_new and any("nickname" in w for w in result.warnings)
    backups = list_backups(migrations.parent / ".midair" / "backups")
    assert [b.path for b in backups] == [result.backup] and "drop_nickname" in backups[0].manifest.reason
    assert _query(any_url, 'SELECT count(*) FROM "User"') == [(3,)]

    target, made = _restore_elsewhere(backups[0].path, any_url)
    try:
        assert _query(target, 'SELECT id, name, nickname FROM "User" ORDER BY id') == PEOPLE
    finally:
        for url in made:
            drop_database(url)
