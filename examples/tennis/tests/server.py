"""Running the app for tests: uvicorn on a free loopback port, in a thread or in a subprocess."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
from examples.tennis.app import create_app
from examples.tennis.serve import Server, config

ROOT = Path(__file__).resolve().parents[3]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_ready(base: str, timeout: float = 20.0, proc: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"the app process exited with {proc.returncode}")
        try:
            if httpx.get(base + "/healthz", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.05)
    raise RuntimeError(f"the app did not answer on {base} within {timeout}s")


@contextmanager
def app_in_thread(database_url: str) -> Iterator[str]:
    """The app served by uvicorn in a thread of this process; yields its base URL."""
    port = free_port()
    server = Server(config(create_app(database_url), "127.0.0.1", port))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_ready(base)
        yield base
    finally:
        server.should_exit = True
        thread.join(10)


@contextmanager
def apps_in_processes(database_url: str, count: int = 1) -> Iterator[list[str]]:
    """`count` separate uvicorn processes on one database (as in production), started together;
    yields their base URLs."""
    env = {**os.environ, "DATABASE_URL": database_url, "PYTHONPATH": str(ROOT)}
    started: list[tuple[subprocess.Popen, str]] = []
    try:
        for _ in range(count):
            port = free_port()
            cmd = [sys.executable, "-m", "examples.tennis.serve", "--port", str(port)]
            started.append((subprocess.Popen(cmd, cwd=ROOT, env=env), f"http://127.0.0.1:{port}"))
        for proc, base in started:
            _wait_ready(base, proc=proc)
        yield [base for _, base in started]
    finally:
        for proc, _ in started:
            proc.terminate()
        for proc, _ in started:
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
