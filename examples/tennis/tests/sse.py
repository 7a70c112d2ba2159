"""A minimal Server-Sent-Events reader for tests (sync and async)."""

from __future__ import annotations

import json
import queue
import threading
import time
from collections.abc import AsyncIterator, Iterable, Iterator
from typing import Any

import httpx


def parse(lines: Iterable[str]) -> Iterator[tuple[str, dict[str, Any]]]:
    """(event name, JSON data) for each event in a stream of lines."""
    event, data = "message", []
    for line in lines:
        if line == "":
            if data:
                yield event, json.loads("\n".join(data))
            event, data = "message", []
        elif line.startswith("event:"):
            event = line[6:].strip()
        elif line.startswith("data:"):
            data.append(line[5:].lstrip())


async def aparse(lines: AsyncIterator[str]) -> AsyncIterator[tuple[str, dict[str, Any]]]:
    event, data = "message", []
    async for line in lines:
        if line == "":
            if data:
                yield event, json.loads("\n".join(data))
            event, data = "message", []
        elif line.startswith("event:"):
            event = line[6:].strip()
        elif line.startswith("data:"):
            data.append(line[5:].lstrip())


class Watcher:
    """Follows a match's event stream in a thread; events land in `events` with their arrival time."""

    def __init__(self, client: httpx.Client, match_id: str) -> None:
        self.client, self.match_id = client, match_id
        self.events: queue.Queue[tuple[float, str, dict[str, Any]] | None] = queue.Queue()
        self.status: int | None = None
        self._opened = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        assert self._opened.wait(10), "the stream did not open"

    def _run(self) -> None:
        try:
            with self.client.stream("GET", f"/matches/{self.match_id}/events", timeout=30) as r:
                self.status = r.status_code
                self._opened.set()
                for event, data in parse(r.iter_lines()):
                    self.events.put((time.monotonic(), event, data))
        except httpx.HTTPError:
            pass
        finally:
            self._opened.set()
            self.events.put(None)

    def next(self, timeout: float = 2.0) -> tuple[float, str, dict[str, Any]] | None:
        return self.events.get(timeout=timeout)
