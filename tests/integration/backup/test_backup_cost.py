"""The PostgreSQL backup is written the cheap way (zlib level 1, bench/backup_cost.py measured why)
and still restores and verifies; a niced pg_dump (the option the benchmark compares) really runs
at the lower priority."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import midair.dialects.postgres.backup as pg_backup
from midair.backup import auto_backup, restore


def _archive_compression(path: Path) -> int:
    """The zlib level pg_dump wrote into the archive's header (`pg_restore -l`)."""
    client = pg_backup.find_client("pg_restore", 0, why="test")
    header = subprocess.run([str(client.path), "-l", str(path)], capture_output=True, text=True, check=True).stdout
    m = re.search(r"^;\s+Compression:\s+(-?\d+)", header, re.M)
    assert m, header
    return int(m.group(1))


@pytest.mark.postgres
def test_the_automatic_backup_is_compressed_at_level_1_and_restores_verified(
    pg_everything: str, tmp_path: Path, drop_restored: list[str]
) -> None:
    result = auto_backup(pg_everything, reason="test", directory=tmp_path, progress=False)
    assert _archive_compression(result.path) == pg_backup.DUMP_OPTIONS.compress == 1

    restored = restore(result.path, progress=False)
    drop_restored.append(restored.target)
    assert restored.verified, restored.differences
    assert dict(restored.facts.tables) == {"Everything": 3, "User": 3, "_prisma_migrations": 2}


@pytest.mark.postgres
def test_pg_dump_given_a_niceness_runs_at_that_priority(pg_everything: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A stand-in pg_dump that records its own priority once it has been running a moment, then
    # becomes the real pg_dump (same arguments), so the backup itself still has to succeed.
    real = pg_backup.find_client("pg_dump", 0, why="test")
    inherited = os.getpriority(os.PRIO_PROCESS, 0)
    niceness = min(19, max(7, inherited + 1))  # lower than ours, so the change can be seen
    seen = tmp_path / "niceness"
    wrapper = tmp_path / "bin" / "pg_dump"
    wrapper.parent.mkdir()
    wrapper.write_text(
        f"#!{sys.executable}\n"
        "import os, sys, time\n"
        f"if sys.argv[1:] == ['--version']:\n    os.execv({str(real.path)!r}, [{str(real.path)!r}, '--version'])\n"
        "deadline = time.monotonic() + 60\n"
        f"while os.getpriority(os.PRIO_PROCESS, 0) == {inherited} and time.monotonic() < deadline:\n    time.sleep(0.01)\n"
        f"open({str(seen)!r}, 'w').write(str(os.getpriority(os.PRIO_PROCESS, 0)))\n"
        f"os.execv({str(real.path)!r}, [{str(real.path)!r}, *sys.argv[1:]])\n"
    )
    wrapper.chmod(0o755)
    monkeypatch.setenv("MIDAIR_PG_BIN", str(wrapper.parent))
    monkeypatch.setattr(pg_backup, "DUMP_OPTIONS", pg_backup.DumpOptions(niceness=niceness, compress=1))

    result = auto_backup(pg_everything, reason="test", directory=tmp_path / "backups", progress=False)

    assert int(seen.read_text()) == niceness
    assert result.manifest.rows == 8
