"""Faults: concurrent deployers, a deploy killed mid-migration, secrets in URLs."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest

from midair.connection import connect
from midair.testing import postgres
from tests.integration.migrations.support import CREATE_PLAYER, cli, make_migrations


def _history(url: str) -> list[tuple[str, bool]]:
    conn = connect(url)
    try:
        return [
            (r[0], r[1])
            for r in conn.query("SELECT migration_name, finished_at IS NOT NULL FROM _prisma_migrations ORDER BY migration_name")
        ]
    finally:
        conn.close()


@pytest.mark.slow
def test_eight_concurrent_deployers_apply_each_migration_once(tmp_path: Path, any_url: str) -> None:
    # Each migration also appends to a log table: a migration applied twice would show twice there,
    # or fail on its CREATE TABLE.
    scripts = [("20250101000000_log", 'CREATE TABLE "Log" ("step" INTEGER NOT NULL);\n')]
    for i in range(1, 6):
        scripts.append(
            (f"2025010{i}000001_step{i}", f'CREATE TABLE "T{i}" ("id" INTEGER);\nINSERT INTO "Log" ("step") VALUES ({i});\n')
        )
    folder = make_migrations(tmp_path, any_url, *scripts)
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "midair.cli", "migrate", "deploy", "--url", any_url, "--migrations", str(folder)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            text=True,
        )
        for _ in range(8)
    ]
    results = [(p.wait(timeout=120), p.stdout.read(), p.stderr.read()) for p in procs]  # type: ignore[union-attr]
    assert [code for code, _, _ in results] == [0] * 8, results
    applied_by = [out.count("Applying migration") for _, out, _ in results]
    assert sum(applied_by) == 6  # six migrations, each applied by exactly one process
    assert _history(any_url) == [(name, True) for name, _ in sorted(scripts)]
    conn = connect(any_url)
    assert [r[0] for r in conn.query('SELECT "step" FROM "Log" ORDER BY "step"')] == [1, 2, 3, 4, 5]
    conn.close()


@pytest.mark.postgres
@pytest.mark.slow
def test_deploy_killed_mid_migration_can_be_resolved_as_status_explains(tmp_path: Path, postgres_url: str, capsys) -> None:
    slow = 'CREATE TABLE "Slow" ("id" INTEGER);\nSELECT pg_sleep(30);\n'
    folder = make_migrations(tmp_path, postgres_url, ("20250101000000_players", CREATE_PLAYER), ("20250102000000_slow", slow))
    proc = subprocess.Popen(
        [sys.executable, "-m", "midair.cli", "migrate", "deploy", "--url", postgres_url, "--migrations", str(folder)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if ("20250102000000_slow", False) in _history(postgres_url):
                break
        except Exception:
            pass
        time.sleep(0.1)
    else:
        proc.kill()
        pytest.fail("the slow migration never started")
    time.sleep(0.3)  # inside pg_sleep now
    code, out, _ = cli(capsys, "migrate", "status", "--url", postgres_url, "--migrations", str(folder), "--no-drift")
    assert code == 2 and "Being applied right now by another deploy: `20250102000000_slow`" in out
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    # The server only notices the dead client when pg_sleep returns; end the orphaned session now,
    # as the server would then: its transaction rolls back and its advisory lock is released.
    with psycopg.connect(postgres_url, autocommit=True) as c:
        c.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
    code, out, _ = cli(capsys, "migrate", "status", "--url", postgres_url, "--migrations", str(folder), "--no-drift")
    assert code == 1
    assert "20250102000000_slow" in out and "never finished" in out
    assert "migrate resolve --rolled-back 20250102000000_slow" in out
    conn = connect(postgres_url)
    assert conn.query("SELECT to_regclass('\"Slow\"') IS NULL")[0][0]  # nothing half-done
    conn.close()
    code, _, err = cli(capsys, "migrate", "deploy", "--url", postgres_url, "--migrations", str(folder))
    assert code == 1 and "never finished" in err
    (folder / "20250102000000_slow" / "migration.sql").write_text('CREATE TABLE "Slow" ("id" INTEGER);\n')
    assert cli(capsys, "migrate", "resolve", "--rolled-back", "20250102000000_slow", "--url", postgres_url, "--migrations", str(folder))[0] == 0
    code, _, err = cli(capsys, "migrate", "deploy", "--url", postgres_url, "--migrations", str(folder))
    assert code == 0, err
    assert cli(capsys, "migrate", "status", "--url", postgres_url, "--migrations", str(folder), "--no-drift")[0] == 0


@pytest.mark.postgres
def test_a_password_in_the_url_never_appears_in_output_logs_or_errors(tmp_path: Path, postgres_url: str, capsys) -> None:
    password = "s3cret-Pa55word-" + os.urandom(4).hex()
    role = "midair_pw_" + os.urandom(4).hex()
    dbname = postgres_url.rsplit("/", 1)[1]
    with psycopg.connect(postgres_url, autocommit=True) as c:
        c.execute(f"CREATE ROLE {role} LOGIN PASSWORD '{password}'")
        c.execute(f'GRANT ALL ON DATABASE "{dbname}" TO {role}')
        c.execute(f"GRANT ALL ON SCHEMA public TO {role}")
    try:
        host = postgres.server_url().split("@", 1)[1].split("/", 1)[0]
        url = f"postgresql://{role}:{password}@{host}/{dbname}"
        broken = 'INSERT INTO "Nowhere" VALUES (1);\n'
        folder = make_migrations(tmp_path, url, ("20250101000000_players", CREATE_PLAYER), ("20250102000000_broken", broken))
        outputs = []
        for args in (
            ("migrate", "deploy", "--url", url, "--migrations", str(folder)),
            ("migrate", "status", "--url", url, "--migrations", str(folder)),
            ("migrate", "status", "--url", url, "--migrations", str(folder), "--json"),
            ("migrate", "deploy", "--url", url, "--migrations", str(folder)),
            ("migrate", "deploy", "--url", url.replace(dbname, "no_such_db"), "--migrations", str(folder)),
            ("migrate", "deploy", "--url", url.replace(password, "wrong-" + password), "--migrations", str(folder)),
            ("migrate", "reset", "--url", url, "--migrations", str(folder)),
        ):
            code, out, err = cli(capsys, *args)
            outputs.append((args, code, out + err))
        codes = [code for _, code, _ in outputs]
        assert codes[0] == 1 and codes[4] == 1 and codes[5] == 1 and codes[6] == 3, outputs
        assert "Database: postgresql://" in outputs[0][2] and ":****@" in outputs[0][2]
        for args, _, text in outputs:
            assert password not in text, args
        conn = connect(url)
        logs = conn.query("SELECT coalesce(logs, '') FROM _prisma_migrations")
        conn.close()
        assert logs and all(password not in row[0] for row in logs)
    finally:
        with psycopg.connect(postgres_url, autocommit=True) as c:
            c.execute(f"DROP OWNED BY {role}")
        postgres.drop_database(postgres_url)
        with psycopg.connect(postgres.server_url(), autocommit=True) as c:
            c.execute(f"DROP ROLE IF EXISTS {role}")


def test_a_deployer_that_cannot_get_the_lock_gives_up_cleanly(tmp_path: Path, any_url: str) -> None:
    from midair.migrations.apply import deploy
    from midair.migrations.dialect_ops import LockTimeout, ops_for
    from midair.dialects import get_dialect
    from midair.urls import parse_url

    folder = make_migrations(tmp_path, any_url, ("20250101000000_players", CREATE_PLAYER))
    holder = connect(any_url)
    ops = ops_for(get_dialect(parse_url(any_url).provider))
    with ops.database_lock(holder, 5):
        started = time.monotonic()
        with pytest.raises(LockTimeout) as e:
            deploy(any_url, folder, lock_timeout=0.5)
        assert time.monotonic() - started < 10
        assert "--lock-timeout" in (e.value.hint or "")
    holder.close()
    assert deploy(any_url, folder).applied == ("20250101000000_players",)
