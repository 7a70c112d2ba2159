"""A bounded load test on loopback: 50 viewers on the live stream of one match, a judge scoring 20
points a second for 3 seconds. Every viewer must receive every update, in order and equal to what
the judge's request returned; the delivery latency (judge's request sent → event parsed by the
viewer) is printed as p50/p99/max (recorded in docs/tennis.md)."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
import statistics
import time
import uuid

import httpx
import pytest

from examples.tennis.tests.conftest import Browser
from examples.tennis.tests.server import apps_in_processes
from examples.tennis.tests.sse import raw_events

pytestmark = [pytest.mark.slow, pytest.mark.postgres]

VIEWERS = 50
RATE = 20  # points per second
SECONDS = 3
POINTS = RATE * SECONDS
PATTERN = "11112222"  # game winners alternate: the match cannot end within POINTS


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def judge_points(base: str, cookies: dict, token: str, mid: str) -> tuple[dict[str, float], dict[str, dict], float]:
    """POINTS points at RATE a second, each sent when due whether or not the previous one has
    answered (as a browser's clicks would). Returns send time and answer by ``rev`` (the id of the
    transaction that wrote the point: the answer and the events carry it), and the seconds spent."""
    sent: dict[str, float] = {}
    answers: dict[str, dict] = {}
    with httpx.Client(base_url=base, cookies=cookies, timeout=10, limits=httpx.Limits(max_connections=8)) as client:
        start = time.monotonic()

        def point(k: int) -> None:
            time.sleep(max(0.0, start + k / RATE - time.monotonic()))
            at = time.monotonic()
            r = client.post(
                f"/matches/{mid}/point",
                data={"player": PATTERN[k % len(PATTERN)], "csrf_token": token},
                headers={"Accept": "application/json"},
            )
            assert r.status_code == 200, r.text
            body = r.json()
            sent[body["rev"]] = at
            answers[body["rev"]] = body

        with ThreadPoolExecutor(8) as pool:
            list(pool.map(point, range(POINTS)))
        return sent, answers, time.monotonic() - start


async def run_load(base: str, judge: Browser, mid: str) -> dict[str, float]:
    token = judge.csrf()
    cookies = dict(judge.http.cookies)
    received: list[list[tuple[float, dict]]] = [[] for _ in range(VIEWERS)]
    ready = [asyncio.Event() for _ in range(VIEWERS)]

    host, port = base.removeprefix("http://").split(":")

    async def viewer(i: int) -> None:
        first = True
        async for event, data in raw_events(host, int(port), f"/matches/{mid}/events"):
            assert event == "score"
            if first:
                first = False
                ready[i].set()
                continue
            received[i].append((time.monotonic(), data))
            if len(received[i]) == POINTS:
                return

    if True:
        tasks = [asyncio.create_task(viewer(i)) for i in range(VIEWERS)]
        await asyncio.wait_for(asyncio.gather(*(e.wait() for e in ready)), 20)

        # The judge runs in its own thread, so parsing 50 streams here does not delay its requests.
        sent, answers, scoring_seconds = await asyncio.to_thread(judge_points, base, cookies, token, mid)
        await asyncio.wait_for(asyncio.gather(*tasks), 15)

    latencies = []
    assert len(answers) == POINTS
    order = [data["rev"] for _, data in received[0]]
    for i in range(VIEWERS):
        assert len(received[i]) == POINTS, f"viewer {i} got {len(received[i])} of {POINTS} updates"
        assert [data["rev"] for _, data in received[i]] == order, "every viewer sees the same order"
        for at, data in received[i]:
            assert data == answers[data["rev"]], f"viewer {i}: update {data['rev']} differs from the judge's answer"
            latencies.append(at - sent[data["rev"]])
    assert set(order) == set(answers)
    return {
        "p50": percentile(latencies, 0.50),
        "p99": percentile(latencies, 0.99),
        "max": max(latencies),
        "mean": statistics.fmean(latencies),
        "rate": POINTS / scoring_seconds,
        "events": len(latencies),
    }


def test_fifty_viewers_twenty_points_a_second(tennis_db):
    with apps_in_processes(tennis_db, 1) as (base,):
        judge = Browser(base).signup(f"judge{uuid.uuid4().hex[:8]}")
        mid = judge.create_match("Load", "Test")
        t0 = time.monotonic()
        stats = asyncio.run(run_load(base, judge, mid))
        judge.close()
    print(
        f"\nload: {VIEWERS} viewers, {POINTS} points at {stats['rate']:.1f}/s, {stats['events']} deliveries; "
        f"latency p50 {stats['p50'] * 1000:.1f} ms, p99 {stats['p99'] * 1000:.1f} ms, "
        f"max {stats['max'] * 1000:.1f} ms (mean {stats['mean'] * 1000:.1f} ms); took {time.monotonic() - t0:.1f} s"
    )
    # Every update reached every viewer, in order (asserted above). The figures depend on the
    # machine: under the parallel suite on 2 shared cores the app was measured down to 9 points/s;
    # these bounds only catch a pathological slowdown (a stream stalled, fan-out gone quadratic).
    assert stats["rate"] >= RATE / 4, "the app could not keep up with the judge"
    assert stats["max"] < 10.0
