"""Automatic backups before risky migrations: the dropped data comes back from the backup, the
path and the undo command are printed, and only the newest N backups of a database are kept."""

from __future__ import annotations

import os
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

    result = deploy(any_url, migrations, backup="always")
    assert result.backup is not None
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
