"""At a terminal, `migrate dev` asks for a name and `migrate reset` asks before dropping data
(driven through a real pseudo-terminal)."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import TENNIS_CORPUS


def _run_in_terminal(args: list[str], answers: list[tuple[str, str]], cwd: Path, timeout: float = 90) -> tuple[int, str]:
    """Run `midair <args>` with a pty as its terminal, typing each answer once its prompt shows."""
    master, slave = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["TERM"] = "dumb"
    proc = subprocess.Popen([sys.executable, "-m", "midair.cli", *args], stdin=slave, stdout=slave, stderr=slave, cwd=cwd, env=env, close_fds=True)
    os.close(slave)
    seen = ""
    pending = list(answers)
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.2)
            if ready:
                try:
                    chunk = os.read(master, 4096).decode(errors="replace")
                except OSError:
                    break
                if not chunk:
                    break
                seen += chunk
            if pending and pending[0][0] in seen:
                os.write(master, (pending.pop(0)[1] + "\n").encode())
            if proc.poll() is not None and not ready:
                break
        code = proc.wait(timeout=5)
    finally:
        if proc.poll() is None:
            proc.kill()
        os.close(master)
    return code, seen


def test_dev_asks_for_a_name_and_reset_asks_before_dropping(tmp_path: Path) -> None:
    schema = (TENNIS_CORPUS / "steps" / "02_matches.prisma").read_text().replace('"postgresql"', '"sqlite"')
    (tmp_path / "schema.prisma").write_text(schema)
    url = f"sqlite:///{tmp_path / 'dev.db'}"
    code, seen = _run_in_terminal(["migrate", "dev", "--url", url], [("Enter a name for the new migration", "first matches")], tmp_path)
    assert code == 0, seen
    created = [p.name for p in (tmp_path / "migrations").iterdir() if p.is_dir()]
    assert len(created) == 1 and created[0].endswith("_first_matches")

    code, seen = _run_in_terminal(["migrate", "reset", "--url", url], [("apply all migrations again?", "n")], tmp_path)
    assert code == 3 and "Cancelled" in seen
    code, seen = _run_in_terminal(["migrate", "reset", "--url", url], [("apply all migrations again?", "y")], tmp_path)
    assert code == 0 and "The database is reset." in seen, seen
