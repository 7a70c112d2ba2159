"""A minimal Server-Sent-Events reader for tests (sync and async)."""

from __future__ import annotations

import asyncio
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


async def raw_events(host: str, port: int, path: str) -> AsyncIterator[tuple[str, dict[str, Any]]]:
    """Events of an SSE stream read over a bare asyncio socket (HTTP/1.1, chunked): far less CPU per
    event than a full HTTP client, so a load test with many viewers measures the server, not us."""
    reader, writer = await asyncio.open_connection(host, port)
    try:
        writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nAccept: text/event-stream\r\n\r\n".encode())
        await writer.drain()
        status = (await reader.readline()).split()
        if len(status) < 2 or status[1] != b"200":
            raise RuntimeError(f"stream answered {status!r}")
        chunked = False
        while (line := await reader.readline()) not in (b"\r\n", b""):
            if line.lower().startswith(b"transfer-encoding:") and b"chunked" in line.lower():
                chunked = True
        assert chunked, "expected a chunked event stream"
        buffer = ""
        while True:
            size = int((await reader.readline()).strip() or b"0", 16)
            if size == 0:
                return
            buffer += (await reader.readexactly(size + 2))[:-2].decode()
            while "\n\n" in buffer:
                block, buffer = buffer.split("\n\n", 1)
                for event, data in parse(block.split("\n") + [""]):
                    yield event, data
    finally:
        writer.close()
