"""A fixed-rate write workload against the tennis `Match` table, with every write's latency kept.

Open loop: write *i* is due at ``t0 + i / rate`` whatever happened before, so a stalled database
shows up as latency (measured from the due time, which includes waiting behind earlier writes of
the same connection) instead of as a quietly lower rate. Each connection owns the matches whose
number is congruent to its index, so "the last value written" to a match is well defined and the
final scores can be checked exactly.

The app version decides what a score update writes (the article's phases):
- ``old``: the four columns only (the app before the change);
- ``dual``: the four columns and `score` (the article's step 1 app);
- ``new``: `score` only (after the old columns are gone, or with triggers keeping them in step).
- ``mixed``: a `new_share` of the connections run ``new``, the others ``old`` (both app versions
  side by side during an expand/contract, the dual-write triggers keeping the forms in step).
"""

from __future__ import annotations

import json
import random
import threading
import time
from dataclasses import dataclass, field

import psycopg

POINTS = ("0", "15", "30", "40", "AD")


@dataclass
class WriteRecord:
    due: float
    start: float
    end: float
    ok: bool
    kind: str
    error: str | None = None

    @property
    def latency(self) -> float:
        """Seconds from when the write was due to when it finished."""
        return self.end - self.due


@dataclass
class Workload:
    """`connections` threads writing `rate` writes/s in total until `stop()`."""

    url: str
    rate: float = 500.0
    connections: int = 8
    insert_share: float = 0.2
    initial_rows: int = 0
    version: str = "old"  # app version per connection group; see module docstring
    new_share: float = 0.0  # fraction of connections running the new app version (triggers phase)
    records: list[WriteRecord] = field(default_factory=list)
    expected: dict[int, dict] = field(default_factory=dict)  # match number -> last score written
    _stop: threading.Event = field(default_factory=threading.Event)
    _threads: list[threading.Thread] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def start(self) -> None:
        # Connect first: the first writes are due at t0, and connecting is not a write's latency.
        conns = [psycopg.connect(self.url, autocommit=True) for _ in range(self.connections)]
        self.t0 = time.perf_counter()
        for i in range(self.connections):
            t = threading.Thread(target=self._run, args=(i, conns[i]), daemon=True)
            t.start()
            self._threads.append(t)

    def stop(self) -> None:
        self._stop.set()
        for t in self._threads:
            t.join(timeout=60)

    def set_version(self, version: str, new_share: float | None = None) -> None:
        self.version = version
        if new_share is not None:
            self.new_share = new_share

    def _version_for(self, idx: int) -> str:
        if self.version == "mixed":
            return "new" if idx < round(self.connections * self.new_share) else "old"
        return self.version

    def _run(self, idx: int, conn: psycopg.Connection) -> None:
        rng = random.Random(idx)
        per_conn_rate = self.rate / self.connections
        mine = [n for n in range(idx, self.initial_rows, self.connections)]
        next_new = self.initial_rows + idx
        i = 0
        while not self._stop.is_set():
            # Connections are staggered so the total is evenly spaced, not bursts of `connections`.
            due = self.t0 + (i + idx / self.connections) / per_conn_rate
            now = time.perf_counter()
            if due > now:
                time.sleep(due - now)
            i += 1
            version = self._version_for(idx)
            insert = rng.random() < self.insert_share or not mine
            score = {
                "player1": {"points": rng.choice(POINTS), "games": rng.randint(0, 6)},
                "player2": {"points": rng.choice(POINTS), "games": rng.randint(0, 6)},
            }
            start = time.perf_counter()
            try:
                if insert:
                    n = next_new
                    next_new += self.connections
                    _insert(conn, n, score, version)
                    mine.append(n)
                else:
                    n = rng.choice(mine)
                    _update(conn, n, score, version)
                ok, err = True, None
                with self._lock:
                    self.expected[n] = score
            except psycopg.Error as e:
                ok, err = False, f"{type(e).__name__}: {str(e).strip().splitlines()[0]}"
                try:
                    conn.close()
                except Exception:
                    pass
                conn = psycopg.connect(self.url, autocommit=True)
            end = time.perf_counter()
            rec = WriteRecord(due, start, end, ok, "insert" if insert else "update", err)
            with self._lock:
                self.records.append(rec)
        conn.close()


def match_id(n: int) -> str:
    return f"m{n:09d}"


def _insert(conn: psycopg.Connection, n: int, score: dict, version: str) -> None:
    p1, p2 = score["player1"], score["player2"]
    if version == "new":
        conn.execute(
            'INSERT INTO "Match" ("id", "createdById", "player1Name", "player2Name", "score") '
            "VALUES (%s, 'u1', 'A', 'B', %s)",
            (match_id(n), json.dumps(score)),
        )
    elif version == "dual":
        conn.execute(
            'INSERT INTO "Match" ("id", "createdById", "player1Name", "player2Name", "player1Points", '
            '"player2Points", "player1Games", "player2Games", "score") VALUES (%s, \'u1\', \'A\', \'B\', %s, %s, %s, %s, %s)',
            (match_id(n), p1["points"], p2["points"], p1["games"], p2["games"], json.dumps(score)),
        )
    else:
        conn.execute(
            'INSERT INTO "Match" ("id", "createdById", "player1Name", "player2Name", "player1Points", '
            '"player2Points", "player1Games", "player2Games") VALUES (%s, \'u1\', \'A\', \'B\', %s, %s, %s, %s)',
            (match_id(n), p1["points"], p2["points"], p1["games"], p2["games"]),
        )


def _update(conn: psycopg.Connection, n: int, score: dict, version: str) -> None:
    p1, p2 = score["player1"], score["player2"]
    if version == "new":
        conn.execute('UPDATE "Match" SET "score" = %s WHERE "id" = %s', (json.dumps(score), match_id(n)))
    elif version == "dual":
        conn.execute(
            'UPDATE "Match" SET "player1Points" = %s, "player2Points" = %s, "player1Games" = %s, '
            '"player2Games" = %s, "score" = %s WHERE "id" = %s',
            (p1["points"], p2["points"], p1["games"], p2["games"], json.dumps(score), match_id(n)),
        )
    else:
        conn.execute(
            'UPDATE "Match" SET "player1Points" = %s, "player2Points" = %s, "player1Games" = %s, '
            '"player2Games" = %s WHERE "id" = %s',
            (p1["points"], p2["points"], p1["games"], p2["games"], match_id(n)),
        )


def summarize(records: list[WriteRecord]) -> dict:
    """Failed writes, latency percentiles (ms) and the longest stall (ms) of a run."""
    if not records:
        return {"writes": 0, "failed": 0, "p50_ms": None, "p99_ms": None, "max_ms": None, "stall_ms": None}
    lat = sorted(r.latency for r in records if r.ok)
    failed = [r for r in records if not r.ok]

    def pct(p: float) -> float | None:
        if not lat:
            return None
        return lat[min(len(lat) - 1, int(round(p * (len(lat) - 1))))] * 1000

    # Longest stall: the longest interval during which writes were due but none finished.
    ends = sorted(r.end for r in records)
    dues = sorted(r.due for r in records)
    stall = 0.0
    j = 0
    for due in dues:
        while j < len(ends) and ends[j] < due:
            j += 1
        nxt = ends[j] if j < len(ends) else due
        stall = max(stall, nxt - due)
    errors: dict[str, int] = {}
    for r in failed:
        errors[r.error or "?"] = errors.get(r.error or "?", 0) + 1
    return {
        "writes": len(records),
        "failed": len(failed),
        "p50_ms": pct(0.50),
        "p99_ms": pct(0.99),
        "max_ms": lat[-1] * 1000 if lat else None,
        "stall_ms": stall * 1000,
        "errors": errors,
    }
