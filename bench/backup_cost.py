"""What the automatic pre-contract backup costs the running app: baseline versus the current way.

Builds the zero-downtime benchmark's tennis tables at contract time (the old score columns and the
filled `score` JSON; `--rows` matches, default 1M, `--quick` 100k), then, for each variant in turn,
runs the fixed-rate write workload of `_workload.py` and, after a few quiet seconds, the real
`midair.backup.auto_backup` (the call `migrate deploy` makes before a destructive migration).
Printed per variant: the app's writes while the backup ran (p50/p99/max, failed) against the same
workload's quiet seconds just before, the backup's duration split into its steps (facts read in the
snapshot, pg_dump, SHA-256 of the file), its size, and the load average.

Variants (same database, same run, order rotated so that none always gets the quieter minute):
- ``baseline``: pg_dump as before: not niced, zlib's default level (``--compress`` not given);
- ``new``: `midair.dialects.postgres.backup.DUMP_OPTIONS` as shipped (zlib level 1, not niced);
- ``nice``, ``nice-z1``, ``z0-nice``: pg_dump niced (`nice` 10), with zlib's default level, with
  level 1, or without compression (see `VARIANTS`).
With ``--cpu-hogs N``, N busy loops at normal priority stand for the other work of a loaded machine.

At the end the last backup of the last variant named is restored into a scratch database and checked against its
manifest (`restore(...).verified`), so the cheaper backup is shown to bring the data back.

    .venv/bin/python bench/backup_cost.py [--rows N | --quick] [--rate 500] [--rounds 2] [--cpu-hogs 2]
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import psycopg

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

from _workload import Workload, match_id, summarize  # noqa: E402

import midair.backup.api as backup_api  # noqa: E402
import midair.dialects.postgres.backup as pg_backup  # noqa: E402
from midair.backup import auto_backup, restore  # noqa: E402
SHIPPED = pg_backup.DUMP_OPTIONS
VARIANTS = {
    "baseline": pg_backup.DumpOptions(niceness=0, compress=None),  # as before: not niced, zlib's default
    "new": SHIPPED,
    # measured and not chosen: a niced pg_dump, with either level, or with no compression at all
    "nice": pg_backup.DumpOptions(niceness=10, compress=None),
    "nice-z1": pg_backup.DumpOptions(niceness=10, compress=1),
    "z0-nice": pg_backup.DumpOptions(niceness=10, compress=0),
}
SCORE_FROM_OLD = (
    "jsonb_build_object("
    "'player1', jsonb_build_object('points', \"player1Points\", 'games', \"player1Games\"), "
    "'player2', jsonb_build_object('points', \"player2Points\", 'games', \"player2Games\"))"
)


def build(rows: int) -> str:
    """A fresh database with the tables as they are when the contract runs (score filled)."""
    import zero_downtime as zd  # reused for its tables and data only (not edited here)

    url = zd.fresh_database("backup_cost")
    zd.populate(url, rows)
    with psycopg.connect(url, autocommit=True) as c:
        c.execute('ALTER TABLE "Match" ADD COLUMN "score" JSONB')
        c.execute(f'UPDATE "Match" SET "score" = {SCORE_FROM_OLD}')
        c.execute('VACUUM FULL ANALYZE "Match"')
        c.execute("CHECKPOINT")
    return url


class Steps:
    """Wall time of the backup's steps, by wrapping the functions `auto_backup` calls."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    @contextmanager
    def installed(self) -> Iterator[None]:
        originals = {
            (pg_backup, "gather"): ("facts", pg_backup.gather),
            (pg_backup, "_run"): ("pg_dump", pg_backup._run),
            (backup_api, "sha256_file"): ("sha256", backup_api.sha256_file),
        }

        def timed(label: str, fn):  # type: ignore[no-untyped-def]
            def wrapper(*a, **k):  # type: ignore[no-untyped-def]
                t = time.perf_counter()
                try:
                    return fn(*a, **k)
                finally:
                    self.seconds[label] = self.seconds.get(label, 0.0) + time.perf_counter() - t

            return wrapper

        for (mod, name), (label, fn) in originals.items():
            setattr(mod, name, timed(label, fn))
        try:
            yield
        finally:
            for (mod, name), (_, fn) in originals.items():
                setattr(mod, name, fn)


def one_run(url: str, variant: str, rows: int, rate: float, conns: int, quiet_s: float, folder: Path, cpu_hogs: int = 0) -> dict:
    pg_backup.DUMP_OPTIONS = VARIANTS[variant]
    wl = Workload(url, rate=rate, connections=conns, initial_rows=rows, version="dual")
    steps = Steps()
    load_before = os.getloadavg()
    # Busy loops at the app's priority: the other sessions of a loaded machine (the benchmark's
    # contract step ran at load 6–9 on 2 CPUs), so that a niced pg_dump has something to yield to.
    hogs = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(cpu_hogs)]
    try:
        wl.start()
        time.sleep(quiet_s)
        t_start = time.perf_counter()
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        with steps.installed():
            result = auto_backup(url, reason=f"bench {variant}", directory=folder / variant, keep=1, progress=False)
        t_end = time.perf_counter()
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        time.sleep(1.0)
        wl.stop()
    finally:
        for h in hogs:
            h.kill()
            h.wait()
    load_after = os.getloadavg()
    with psycopg.connect(url, autocommit=True) as c:
        # The next run's workload inserts the same new match ids: remove this run's.
        c.execute('DELETE FROM "Match" WHERE "id" >= %s', (match_id(rows),))
        c.execute('VACUUM ANALYZE "Match"')
    during = [r for r in wl.records if t_start <= r.due <= t_end]
    quiet = [r for r in wl.records if wl.t0 + 0.5 <= r.due < t_start]
    return {
        "variant": variant,
        "during": summarize(during),
        "quiet": summarize(quiet),
        "seconds": t_end - t_start,
        "steps": dict(steps.seconds),
        "size": result.manifest.size,
        "path": result.path,
        "load": (load_before[0], load_after[0]),
        # CPU of pg_dump (the only child process that ends during the backup): its compression
        "dump_cpu": (after.ru_utime + after.ru_stime) - (children.ru_utime + children.ru_stime),
    }


def fmt_ms(v: float | None) -> str:
    return "-" if v is None else f"{v:.1f}"


def report(r: dict) -> str:
    d, q, s = r["during"], r["quiet"], r["steps"]
    return (
        f"{r['variant']:<8} backup {r['seconds']:5.2f} s (facts {s.get('facts', 0):.2f}, pg_dump {s.get('pg_dump', 0):.2f}, "
        f"sha256 {s.get('sha256', 0):.2f}; pg_dump CPU {r['dump_cpu']:.2f} s) size {r['size'] / 1e6:6.1f} MB | writes during backup: {d['writes']} "
        f"(failed {d['failed']}) p50 {fmt_ms(d['p50_ms'])} p99 {fmt_ms(d['p99_ms'])} max {fmt_ms(d['max_ms'])} ms"
        f" | quiet before: p50 {fmt_ms(q['p50_ms'])} p99 {fmt_ms(q['p99_ms'])} max {fmt_ms(q['max_ms'])} ms"
        f" | load {r['load'][0]:.1f}->{r['load'][1]:.1f}"
        + (f" | errors {d['errors']}" if d["failed"] else "")
    )



def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--quick", action="store_true", help="100k rows")
    ap.add_argument("--rate", type=float, default=500.0, help="writes per second in total")
    ap.add_argument("--connections", type=int, default=8)
    ap.add_argument("--rounds", type=int, default=1, help="runs of every variant (order rotated each round)")
    ap.add_argument("--variants", default="baseline,new", help=f"comma-separated, of {', '.join(VARIANTS)}")
    ap.add_argument("--quiet-seconds", type=float, default=4.0, help="workload alone before each backup")
    ap.add_argument("--cpu-hogs", type=int, default=0, help="busy-loop processes at normal priority during each run (a loaded machine)")
    ap.add_argument("--no-restore-check", action="store_true", help="skip restoring the last new backup")
    args = ap.parse_args()
    rows = 100_000 if args.quick else args.rows
    print(f"building {rows:,} matches (contract-time tables) …", flush=True)
    t = time.perf_counter()
    url = build(rows)
    print(f"built in {time.perf_counter() - t:.1f} s; {os.cpu_count()} CPUs; shipped options {SHIPPED}", flush=True)
    import zero_downtime as zd

    try:
        with tempfile.TemporaryDirectory(prefix="midair_backup_cost_") as tmp:
            results = []
            names = args.variants.split(",")
            for i in range(args.rounds):
                k = i % len(names)
                for variant in names[k:] + names[:k]:  # rotated: no variant always runs first
                    r = one_run(url, variant, rows, args.rate, args.connections, args.quiet_seconds, Path(tmp), args.cpu_hogs)
                    results.append(r)
                    print(report(r), flush=True)
            if not args.no_restore_check:
                last_new = [r for r in results if r["variant"] == names[-1]][-1]
                t = time.perf_counter()
                rr = restore(last_new["path"], progress=False)
                took = time.perf_counter() - t
                print(f"restore of the last {names[-1]} backup into {rr.target}: verified={rr.verified} "
                      f"({rr.facts.rows:,} rows, {took:.1f} s){'' if rr.verified else ' ' + '; '.join(rr.differences)}")
                zd.drop_database(rr.target)  # the test server's URL has no password to redact
    finally:
        pg_backup.DUMP_OPTIONS = SHIPPED
        zd.drop_database(url)


if __name__ == "__main__":
    main()
