"""Live updates: one ``LISTEN`` connection per app process fans notifications out to the
Server-Sent-Event streams of that process.

Every write that changes a match runs ``pg_notify('tennis_match', …)`` in its transaction, so
every app process (however many run behind the load balancer) hears every change, in commit
order, once it has committed. A stream that cannot keep up (its queue is full) is closed: the
browser's EventSource reconnects and starts again from a fresh snapshot, rather than the process
buffering without bound.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections import defaultdict
from typing import Any

import psycopg

from examples.tennis.store import CHANNEL

log = logging.getLogger("tennis.live")
QUEUE_SIZE = 256


class Overflow(Exception):
    """A subscriber fell too far behind."""


class Subscription:
    """One stream's queue of notifications about one match."""

    def __init__(self, broker: Broker, match_id: str) -> None:
        self.broker, self.match_id = broker, match_id
        self.queue: asyncio.Queue[dict[str, Any] | None] = asyncio.Queue(QUEUE_SIZE)

    async def get(self) -> dict[str, Any] | None:
        """The next notification (``{"xid": …, "match": {…}}``, or ``{"resync": True}`` after the
        broker lost its connection), or None when the broker stops."""
        item = await self.queue.get()
        if isinstance(item, Overflow):
            raise item
        return item

    def close(self) -> None:
        self.broker._subscribers[self.match_id].discard(self)


class Broker:
    """Listens on the notification channel and dispatches to subscribers by match id."""

    def __init__(self, url: str) -> None:
        self.url = url
        self._subscribers: dict[str, set[Subscription]] = defaultdict(set)
        self._task: asyncio.Task[None] | None = None
        self._ready = asyncio.Event()
        self._stopping = False

    async def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="tennis-listen")
        # Pages served before LISTEN is in place would miss changes: wait for it.
        await asyncio.wait_for(self._ready.wait(), timeout=10)

    async def stop(self) -> None:
        self._stopping = True
        if self._task:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._task
        for subs in self._subscribers.values():
            for sub in list(subs):
                with contextlib.suppress(asyncio.QueueFull):
                    sub.queue.put_nowait(None)

    def subscribe(self, match_id: str) -> Subscription:
        sub = Subscription(self, match_id)
        self._subscribers[match_id].add(sub)
        return sub

    def _dispatch(self, payload: str) -> None:
        try:
            event = json.loads(payload)
            match_id = event["match"]["matchId"]
        except (ValueError, KeyError, TypeError):
            log.warning("ignored a malformed notification")
            return
        for sub in list(self._subscribers.get(match_id, ())):
            try:
                sub.queue.put_nowait(event)
            except asyncio.QueueFull:
                sub.close()
                # Make room for the overflow marker: the stream ends and the browser reconnects.
                with contextlib.suppress(asyncio.QueueEmpty):
                    sub.queue.get_nowait()
                sub.queue.put_nowait(Overflow())  # type: ignore[arg-type]

    def _resync_all(self) -> None:
        for match_id in list(self._subscribers):
            for sub in list(self._subscribers[match_id]):
                try:
                    sub.queue.put_nowait({"resync": True})
                except asyncio.QueueFull:
                    sub.close()

    async def _run(self) -> None:
        delay, connected_before = 0.2, False
        while not self._stopping:
            try:
                async with await psycopg.AsyncConnection.connect(self.url, autocommit=True) as conn:
                    await conn.execute(f"LISTEN {CHANNEL}")
                    self._ready.set()
                    if connected_before:
                        self._resync_all()  # changes made while we were away were not heard
                    delay, connected_before = 0.2, True
                    async for note in conn.notifies():
                        self._dispatch(note.payload)
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # the database went away: retry, streams stay open
                log.warning("live updates connection lost (%s); retrying in %.1fs", type(exc).__name__, delay)
                await asyncio.sleep(delay)
                delay = min(delay * 2, 5.0)
