"""Bad input gives a clear error and changes nothing: a truncated or corrupted file, a missing
manifest, a database of the wrong kind or not empty, a missing or too old pg_dump/pg_restore,
an existing output file. Passwords never reach a command line, a manifest or the output."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest
from backup_support import database_exists, pg_dump_rows, sqlite_dump_rows, sqlite_path

from midair.backup import backup, restore
from midair.backup.manifest import manifest_path
from midair.cli import main
from midair.errors import BackupError


def _server_major(url: str) -> int:
    with psycopg.connect(url) as c:
        return int(c.execute("SHOW server_version_num").fetchone()[0]) // 10000


def _fake_tool(folder: Path, name: str, body: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text("#!/bin/sh\n" + body + "\n")
    path.chmod(path.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return path


def _damage(path: Path, how: str) -> None:
    data = bytearray(path.read_bytes())
    if how == "truncated":
        path.write_bytes(bytes(data[: len(data) // 2]))
    else:
        middle = len(data) // 2
        data[middle : middle + 8] = bytes(b ^ 0xFF for b in data[middle : middle + 8])
        path.write_bytes(bytes(data))


@pytest.mark.postgres
def test_damaged_postgres_backup_is_refused_before_anything_is_created(pg_everything: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result = backup(pg_everything, tmp_path / "app.dump", progress=False)
    pristine = result.path.read_bytes()
    target = pg_everything + "_copy"
    for how in ("truncated", "corrupted"):
        result.path.write_bytes(pristine)
        _damage(result.path, how)

        with pytest.raises(BackupError, match=how):
            restore(result.path, target, progress=False)
        assert not database_exists(target)

        code = main(["db", "restore", str(result.path), "--to", target])
        captured = capsys.readouterr()
        assert code == 1 and f"is {how}" in captured.err and "Nothing was restored" in captured.err
        assert "Traceback" not in captured.err + captured.out
        assert not database_exists(target)


@pytest.mark.parametrize("how", ["truncated", "corrupted"])
def test_damaged_sqlite_backup_leaves_the_target_untouched(sqlite_everything: str, tmp_path: Path, how: str, capsys: pytest.CaptureFixture[str]) -> None:
    result = backup(sqlite_everything, tmp_path / "app.sqlite", progress=False)
    _damage(result.path, how)
    before = sqlite_dump_rows(sqlite_everything)

    code = main(["db", "restore", str(result.path), "--to", sqlite_everything, "--force", "--json"])
    error = json.loads(capsys.readouterr().out)["error"]
    assert code == 1 and error["code"] == "M4000" and how in error["message"]
    assert sqlite_dump_rows(sqlite_everything) == before  # even --force touched nothing
    assert not list(tmp_path.glob("*_restore_*"))


@pytest.mark.postgres
def test_wrong_kind_of_database_is_refused(pg_everything: str, sqlite_everything: str, tmp_path: Path) -> None:
    pg_backup = backup(pg_everything, tmp_path / "pg.dump", progress=False)
    sqlite_backup = backup(sqlite_everything, tmp_path / "lite.sqlite", progress=False)
    other = tmp_path / "other.db"

    with pytest.raises(BackupError, match="postgresql backup .* cannot be restored into the sqlite database"):
        restore(pg_backup.path, f"sqlite:///{other}", progress=False)
    assert not other.exists()
    with pytest.raises(BackupError, match="sqlite backup .* cannot be restored into the postgresql database"):
        restore(sqlite_backup.path, pg_everything + "_x", progress=False)
    assert not database_exists(pg_everything + "_x")


@pytest.mark.postgres
def test_non_empty_database_needs_force_and_force_replaces_it(pg_everything: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result = backup(pg_everything, tmp_path / "app.dump", progress=False)
    before = pg_dump_rows(pg_everything)
    with psycopg.connect(pg_everything, autocommit=True) as c:
        c.execute('DELETE FROM "Everything" WHERE id = %s', ("e3",))
        c.execute('CREATE TABLE "Stray" (id int)')
    changed = pg_dump_rows(pg_everything)

    code = main(["db", "restore", str(result.path), "--to", pg_everything])
    assert code == 1 and "is not empty; refusing to restore over it" in capsys.readouterr().err
    assert pg_dump_rows(pg_everything) == changed

    assert main(["db", "restore", str(result.path), "--to", pg_everything, "--force"]) == 0
    assert "Verified: 3 tables, 8 rows, 2 applied migrations" in capsys.readouterr().out
    assert pg_dump_rows(pg_everything) == before  # the deleted row is back, the stray table gone


def test_sqlite_non_empty_target_needs_force(sqlite_everything: str, tmp_path: Path) -> None:
    result = backup(sqlite_everything, tmp_path / "app.sqlite", progress=False)
    before = sqlite_dump_rows(sqlite_everything)
    con = __import__("sqlite3").connect(sqlite_path(sqlite_everything))
    con.execute('DELETE FROM "Everything"')
    con.commit()
    con.close()
    with pytest.raises(BackupError, match="not empty"):
        restore(result.path, sqlite_everything, progress=False)
    assert sqlite_dump_rows(sqlite_everything)["Everything"] == []
    assert restore(result.path, sqlite_everything, force=True, progress=False).verified
    assert sqlite_dump_rows(sqlite_everything) == before


def test_not_a_database_file_as_target_is_refused(sqlite_everything: str, tmp_path: Path) -> None:
    result = backup(sqlite_everything, tmp_path / "app.sqlite", progress=False)
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes, not a database " * 100)
    with pytest.raises(BackupError, match="is not a SQLite database"):
        restore(result.path, f"sqlite:///{notes}", force=True, progress=False)
    assert notes.read_text().startswith("my notes")


def test_missing_or_foreign_manifest_is_refused(sqlite_everything: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result = backup(sqlite_everything, tmp_path / "app.sqlite", progress=False)
    result.manifest_path.rename(tmp_path / "elsewhere.json")
    assert main(["db", "restore", str(result.path)]) == 1
    assert f"The manifest `{manifest_path(result.path)}` is missing" in capsys.readouterr().err
    manifest_path(result.path).write_text(json.dumps({"hello": "world"}))
    with pytest.raises(BackupError, match="is not a midair backup manifest"):
        restore(result.path, progress=False)
    with pytest.raises(BackupError, match="does not exist"):
        restore(tmp_path / "nope.sqlite", progress=False)


def test_restore_reports_differences_from_the_manifest_and_exits_non_zero(sqlite_everything: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result = backup(sqlite_everything, tmp_path / "app.sqlite", progress=False)
    data = json.loads(result.manifest_path.read_text())
    data["tables"]["User"] = 4  # the manifest promises a row the file does not hold
    data["applied_migrations"].append("20250315000000_later")
    result.manifest_path.write_text(json.dumps(data))

    code = main(["db", "restore", str(result.path), "--to", f"sqlite:///{tmp_path / 'r.db'}"])
    err = capsys.readouterr().err
    assert code == 1
    assert "Table `User` has 3 rows after the restore; the backup had 4." in err
    assert "missing 20250315000000_later" in err


def test_backup_never_overwrites_a_file(sqlite_everything: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "precious.bin"
    out.write_bytes(b"precious")
    assert main(["db", "backup", "--url", sqlite_everything, "--out", str(out)]) == 1
    assert "already exists" in capsys.readouterr().err
    assert out.read_bytes() == b"precious" and not manifest_path(out).exists()


def test_missing_sqlite_database_is_not_created(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'absent.db'}"
    with pytest.raises(BackupError, match="does not exist"):
        backup(url, tmp_path / "b.sqlite", progress=False)
    assert not (tmp_path / "absent.db").exists() and not (tmp_path / "b.sqlite").exists()


def _cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.postgres
def test_too_old_or_missing_pg_dump_gives_what_to_install(pg_everything: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    major = _server_major(pg_everything)
    old = tmp_path / "old-bin"
    _fake_tool(old, "pg_dump", 'echo "pg_dump (PostgreSQL) 9.6.24"')
    out = tmp_path / "app.dump"

    monkeypatch.setenv("MIDAIR_PG_BIN", str(old))
    code, _, err = _cli(capsys, "db", "backup", "--url", pg_everything, "--out", str(out))
    assert code == 1, err
    assert f"No `pg_dump` of version {major} or newer was found" in err
    assert "version 9.6.24, too old" in err
    assert f"apt-get install postgresql-client-{major}" in err
    assert "Traceback" not in err
    assert not out.exists() and not manifest_path(out).exists() and not list(tmp_path.glob(".*partial"))

    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("MIDAIR_PG_BIN", str(empty))
    code, _, err = _cli(capsys, "db", "backup", "--url", pg_everything, "--out", str(out))
    assert code == 1 and "No `pg_dump`" in err and "nothing in MIDAIR_PG_BIN" in err, err
    assert not out.exists()


@pytest.mark.postgres
def test_a_too_old_pg_dump_on_path_is_skipped_for_a_newer_one(pg_everything: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    old = tmp_path / "old-bin"
    _fake_tool(old, "pg_dump", 'echo "pg_dump (PostgreSQL) 9.6.24"; exit 0')
    out = tmp_path / "app.dump"
    monkeypatch.delenv("MIDAIR_PG_BIN", raising=False)
    monkeypatch.setenv("PATH", f"{old}{os.pathsep}{os.environ['PATH']}")
    code, stdout, err = _cli(capsys, "db", "backup", "--url", pg_everything, "--out", str(out), "--json")
    assert code == 0, err
    tool = json.loads(stdout)["manifest"]["tool"]
    assert tool.startswith("pg_dump ") and int(tool.split()[1].split(".")[0]) >= _server_major(pg_everything)


@pytest.mark.postgres
def test_too_old_pg_restore_touches_nothing(pg_everything: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    result = backup(pg_everything, tmp_path / "app.dump", progress=False)
    old = tmp_path / "old-bin"
    _fake_tool(old, "pg_restore", 'echo "pg_restore (PostgreSQL) 10.0"')
    target = pg_everything + "_copy"
    monkeypatch.setenv("MIDAIR_PG_BIN", str(old))
    code, _, err = _cli(capsys, "db", "restore", str(result.path), "--to", target)
    assert code == 1 and "No `pg_restore` of version" in err and "version 10.0, too old" in err and "Traceback" not in err, err
    assert not database_exists(target)


def _with_password(url: str, password: str) -> str:
    parts = urlsplit(url)
    host = parts.netloc.rsplit("@", 1)[-1]
    return urlunsplit(parts._replace(netloc=f"{parts.username or 'postgres'}:{password}@{host}"))


@pytest.mark.postgres
def test_password_goes_through_the_environment_only(
    pg_everything: str, tmp_path: Path, drop_restored: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from midair.dialects.postgres.backup import find_client

    secret = "s3cret-Pw-9931"
    url = _with_password(pg_everything, secret)
    real_dump = find_client("pg_dump", 0, why="test").path
    real_restore = find_client("pg_restore", 0, why="test").path
    spy = tmp_path / "spy-bin"
    log = tmp_path / "calls.log"
    for name, real in (("pg_dump", real_dump), ("pg_restore", real_restore)):
        # Records the command line and PGPASSWORD, then runs the real program.
        _fake_tool(spy, name, f'echo "ARGS $*" >> "{log}"; echo "ENV $PGPASSWORD" >> "{log}"; exec "{real}" "$@"')
    monkeypatch.setenv("MIDAIR_PG_BIN", str(spy))
    monkeypatch.delenv("PGPASSWORD", raising=False)
    out = tmp_path / "app.dump"

    code, b_out, b_err = _cli(capsys, "db", "backup", "--url", url, "--out", str(out))
    assert code == 0, b_err
    code, r_out, r_err = _cli(capsys, "db", "restore", str(out), "--url", url, "--json")
    assert code == 0, r_err
    drop_restored.append(json.loads(r_out)["target"])

    calls = log.read_text().splitlines()
    args = [c for c in calls if c.startswith("ARGS") and "--version" not in c]
    assert len(args) == 2 and all(secret not in a for a in args), calls
    assert f"ENV {secret}" in calls  # pg_dump and pg_restore got it from PGPASSWORD
    assert "PGPASSWORD" not in os.environ  # set for the child processes only
    for text in (b_out, b_err, r_out, r_err, manifest_path(out).read_text()):
        assert secret not in text


@pytest.mark.postgres
def test_a_user_who_cannot_create_databases_gets_a_clear_error(pg_everything: str, tmp_path: Path) -> None:
    import uuid

    result = backup(pg_everything, tmp_path / "app.dump", progress=False)
    role = f"midair_nocreate_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(pg_everything, autocommit=True) as c:
        c.execute(f'CREATE ROLE "{role}" LOGIN NOCREATEDB PASSWORD \'pw-{role}\'')
    try:
        parts = urlsplit(pg_everything)
        as_role = urlunsplit(parts._replace(netloc=f"{role}:pw-{role}@{parts.netloc.rsplit('@', 1)[-1]}"))
        with pytest.raises(BackupError, match="Creating `.*_restore_.*` failed: .*permission denied to create database") as info:
            restore(result.path, url=as_role, progress=False)
        assert f"pw-{role}" not in str(info.value)
    finally:
        with psycopg.connect(pg_everything, autocommit=True) as c:
            c.execute(f'DROP ROLE "{role}"')


@pytest.mark.postgres
def test_a_failed_forced_restore_leaves_the_target_as_it_was(pg_everything: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from backup_support import databases_like

    from midair.dialects.postgres.backup import find_client

    result = backup(pg_everything, tmp_path / "app.dump", progress=False)
    with psycopg.connect(pg_everything, autocommit=True) as c:
        c.execute('DELETE FROM "Everything"')
    before = pg_dump_rows(pg_everything)
    real = find_client("pg_restore", 0, why="test").path
    # Reports the real version, then fails half-way as a disk-full or a killed process would.
    broken = tmp_path / "broken-bin"
    _fake_tool(broken, "pg_restore", f'case "$1" in --version) exec "{real}" --version;; esac\necho "pg_restore: error: could not write: No space left on device" >&2\nexit 1')
    monkeypatch.setenv("MIDAIR_PG_BIN", str(broken))

    with pytest.raises(BackupError, match="`pg_restore` failed .*No space left on device"):
        restore(result.path, pg_everything, force=True, progress=False)

    assert pg_dump_rows(pg_everything) == before
    assert databases_like(urlsplit(pg_everything).path.lstrip("/") + "_midair_") == []
