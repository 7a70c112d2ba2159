"""Backup, drop, restore: the data comes back byte for byte and the schema is the same, on
PostgreSQL and SQLite, with every column type Prisma lowers to."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from backup_support import (
    pg_dump_rows,
    pg_schema_text,
    sqlite_dump_rows,
    sqlite_path,
    sqlite_schema_text,
)

from midair.backup import backup, list_backups, restore
from midair.backup.manifest import manifest_path
from midair.cli import main
from midair.testing.postgres import drop_database


@pytest.mark.postgres
def test_postgres_round_trip_keeps_every_type_byte_for_byte(pg_everything: str, tmp_path: Path) -> None:
    rows_before = pg_dump_rows(pg_everything)
    schema_before = pg_schema_text(pg_everything)
    assert rows_before["Everything"].count(b"\n") == 3

    result = backup(pg_everything, tmp_path / "app.dump", progress=False)
    m = result.manifest
    assert dict(m.tables) == {"Everything": 3, "User": 3, "_prisma_migrations": 2}
    assert m.last_migration == "20250314090000_everything"
    assert m.applied_migrations == ("20250313123432_init", "20250314090000_everything")
    assert m.provider == "postgresql" and m.server_version.split(".")[0].isdigit()
    assert m.size == result.path.stat().st_size and len(m.sha256) == 64

    drop_database(pg_everything)
    restored = restore(result.path, pg_everything, progress=False)

    assert restored.created and restored.verified, restored.differences
    assert pg_dump_rows(pg_everything) == rows_before
    assert pg_schema_text(pg_everything) == schema_before
    assert restored.facts.schema_checksum == m.schema_checksum


def test_sqlite_round_trip_keeps_every_type_byte_for_byte(sqlite_everything: str, tmp_path: Path) -> None:
    rows_before = sqlite_dump_rows(sqlite_everything)
    schema_before = sqlite_schema_text(sqlite_everything)
    assert "'blob'" in rows_before["Everything"][0] and "9223372036854775807" in rows_before["Everything"][0]

    result = backup(sqlite_everything, tmp_path / "app.sqlite", progress=False)
    assert dict(result.manifest.tables) == {"Everything": 3, "User": 3, "_prisma_migrations": 2}
    assert result.manifest.last_migration == "20250314090000_everything"

    sqlite_path(sqlite_everything).unlink()
    restored = restore(result.path, sqlite_everything, progress=False)

    assert restored.created and restored.verified, restored.differences
    assert sqlite_dump_rows(sqlite_everything) == rows_before
    assert sqlite_schema_text(sqlite_everything) == schema_before


@pytest.mark.postgres
def test_postgres_restore_goes_into_a_new_database_by_default(pg_everything: str, tmp_path: Path, drop_restored: list[str]) -> None:
    result = backup(pg_everything, tmp_path / "app.dump", progress=False)
    restored = restore(result.path, url=pg_everything, progress=False)
    drop_restored.append(restored.target)
    db = pg_everything.rsplit("/", 1)[1]
    assert restored.target.rsplit("/", 1)[1].startswith(f"{db}_restore_")
    assert restored.verified and restored.created
    assert pg_dump_rows(restored.target) == pg_dump_rows(pg_everything)

    # A second restore in the same second gets a name of its own instead of touching the first.
    again = restore(result.path, url=pg_everything, progress=False)
    drop_restored.append(again.target)
    assert again.target != restored.target and again.verified


def test_sqlite_restore_goes_into_a_new_file_beside_the_original(sqlite_everything: str, tmp_path: Path) -> None:
    result = backup(sqlite_everything, tmp_path / "app.sqlite", progress=False)
    restored = restore(result.path, progress=False)
    original = sqlite_path(sqlite_everything)
    new_file = Path(restored.target.removeprefix("sqlite:///"))
    assert new_file.parent == original.parent and new_file.name.startswith(f"{original.stem}_restore_")
    assert restored.verified
    assert sqlite_dump_rows(restored.target) == sqlite_dump_rows(sqlite_everything)


@pytest.mark.postgres
def test_cli_backup_restore_and_list(pg_everything: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], drop_restored: list[str]) -> None:
    out = tmp_path / "cli.dump"
    assert main(["db", "backup", "--url", pg_everything, "--out", str(out)]) == 0
    text = capsys.readouterr().out
    assert f"to {out}" in text and "tables     3" in text and "rows       8" in text
    assert "sha256" in text and "20250314090000_everything" in text

    manifest = json.loads(manifest_path(out).read_text())
    assert manifest["tables"] == {"Everything": 3, "User": 3, "_prisma_migrations": 2}
    assert manifest["database"] == pg_everything and manifest["rows"] == 8

    assert main(["db", "restore", str(out), "--url", pg_everything, "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    drop_restored.append(report["target"])
    assert report["verified"] is True and report["differences"] == []
    assert report["tables"]["User"] == {"expected": 3, "actual": 3}

    assert main(["db", "backups", "--dir", str(tmp_path), "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(b["path"], b["last_migration"], b["size"]) for b in listed] == [(str(out), "20250314090000_everything", out.stat().st_size)]
    assert main(["db", "backups", "--dir", str(tmp_path)]) == 0
    assert str(out) in capsys.readouterr().out


def test_list_backups_newest_first(sqlite_everything: str, tmp_path: Path) -> None:
    first = backup(sqlite_everything, tmp_path / "a.sqlite", progress=False)
    second = backup(sqlite_everything, tmp_path / "b.sqlite", progress=False)
    (tmp_path / "notes.manifest.json").write_text("{not json")  # ignored, never fatal
    entries = list_backups(tmp_path)
    assert [e.path for e in entries] == [second.path, first.path]
    assert all(e.present for e in entries)
