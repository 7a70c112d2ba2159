"""`python -m examples.tennis` (the README's main command): migrates, seeds the demo account,
prints the URL, serves the app; the demo account logs in and sees its matches."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time

import httpx
import pytest

from examples.tennis.tests.conftest import Browser
from examples.tennis.tests.server import ROOT, free_port

pytestmark = pytest.mark.postgres


def test_main_command_runs_the_demo(postgres_url: str):
    port = free_port()
    env = {**os.environ, "DATABASE_URL": postgres_url, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "examples.tennis", "--port", str(port)],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    lines: list[str] = []
    try:
        deadline = time.monotonic() + 40
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            lines.append(line)
            if line.startswith("Open http://"):
                break
        out = "".join(lines)
        assert f"Open http://127.0.0.1:{port}/" in out, out
        assert "Migrations: 6 applied" in out
        m = re.search(r"username '([^']+)', password '([^']+)'", out)
        assert m, out
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                httpx.get(base + "/healthz", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        demo = Browser(base)
        r = demo.post("/login", {"username": m.group(1), "password": m.group(2)})
        assert r.status_code == 303
        page = demo.http.get("/").text
        assert page.count('class="card') == 3 and "Private" in page
        assert httpx.get(base + "/").text.count('class="card') == 2  # the private one is hidden
        demo.close()
    finally:
        proc.terminate()
        proc.wait(15)
