"""Run every benchmark of issue 7 and write the report.

    python bench/run.py            # 1,000,000-row Match table (many minutes)
    python bench/run.py --quick    # 100,000 rows, the CI size

Prints the tables; writes bench/results/<mode>.md and .json (gitignored) and replaces this mode's
section of docs/benchmarks.md (committed), with the machine, its load, and the command. Figures
are never tuned: a missed target is printed as MISS with its value.

Sections: 1. writes during the score-format change (naive vs midair), 2. backfill throughput,
3. lock hazards (`zero_downtime.py`); 4. engine speed (`engine_speed.py`, owned by the
introspection work, run as its own command) and `migrate deploy` of 100 migrations versus
Alembic (`deploy_speed.py`).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import deploy_speed  # noqa: E402
import zero_downtime as zd  # noqa: E402

DOC = ROOT / "docs" / "benchmarks.md"
SECTIONS = ("writes", "throughput", "hazards", "engine", "deploy")


def machine() -> dict:
    """What the figures were measured on."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = None
    try:
        m = re.search(r"MemTotal:\s+(\d+) kB", Path("/proc/meminfo").read_text())
        mem = round(int(m.group(1)) / 1024 / 1024, 1) if m else None
    except OSError:
        pass
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    except OSError:
        commit = ""
    return {
        "host": platform.node(), "cpu": cpu, "cpus": os.cpu_count(), "memory_gb": mem,
        "os": f"{platform.system()} {platform.release()}", "python": platform.python_version(),
        "postgresql": zd.server_version(), "commit": commit,
        "date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
    }


def run_engine_speed(quick: bool) -> dict:
    """bench/engine_speed.py's own output (it prints its figures and targets)."""
    script = HERE / "engine_speed.py"
    if not script.exists():
        return {"skipped": "bench/engine_speed.py is not present"}
    args = ["--models", "100", "--no-prisma"] if quick else ["--models", "1000"]
    t = time.perf_counter()
    limit = 300 if quick else 900
    try:
        p = subprocess.run([sys.executable, str(script), *args], capture_output=True, text=True, cwd=ROOT, timeout=limit)
    except subprocess.TimeoutExpired:
        return {"skipped": f"`bench/engine_speed.py {' '.join(args)}` did not finish within {limit} s"}
    lines = [ln for ln in p.stdout.splitlines() if ln.strip() and not ln.startswith("schema:")]
    return {"args": args, "exit": p.returncode, "seconds": time.perf_counter() - t, "lines": lines,
            "stderr": p.stderr.strip().splitlines()[-5:] if p.returncode else []}


def engine_md(e: dict) -> list[str]:
    lines = ["### 4. Engine speed", ""]
    if "skipped" in e:
        return lines + [f"Not measured: {e['skipped']}.", ""]
    lines += [f"`python bench/engine_speed.py {' '.join(e['args'])}` (exit {e['exit']}):", "", "```", *e["lines"], *e["stderr"], "```", ""]
    return lines


def render(mode: str, args: argparse.Namespace, info: dict, load: tuple[tuple[float, ...], tuple[float, ...]], took: float, res: dict) -> str:
    cmd = "python bench/run.py" + (" --quick" if args.quick else "")
    if args.rows != (100_000 if args.quick else 1_000_000):
        cmd += f" --rows {args.rows}"
    if args.rate != 500.0:
        cmd += f" --rate {args.rate:g}"
    if args.connections != 8:
        cmd += f" --connections {args.connections}"
    if args.loop_budget is not None:
        cmd += f" --loop-budget {args.loop_budget:g}"
    if args.rounds != 3:
        cmd += f" --rounds {args.rounds}"
    lines = [
        f"## {mode.capitalize()} mode: {args.rows:,}-row `Match` table",
        "",
        f"Run {info['date']} at commit `{info['commit']}` on {info['host']}: {info['cpu']}, {info['cpus']} CPUs, "
        f"{info['memory_gb']} GB, {info['os']}, PostgreSQL {info['postgresql']} (loopback), Python {info['python']}. "
        f"Load average (1/5/15 min) {'/'.join(f'{x:.1f}' for x in load[0])} at the start, "
        f"{'/'.join(f'{x:.1f}' for x in load[1])} at the end; the run took {took:.0f} s.",
        "",
        f"Reproduce: `{cmd}`" + ("" if not args.only else f" (this run: `--only {' --only '.join(args.only)}`)"),
        "",
    ]
    if "writes" in res:
        lines += zd.section1_md(res["writes"], args.rate, args.connections)
    if "throughput" in res:
        lines += zd.section2_md(res["throughput"])
    if "hazards" in res:
        lines += zd.section3_md(res["hazards"], args.long_read)
    if "engine" in res or "deploy" in res:
        lines += engine_md(res.get("engine", {"skipped": "not selected (--only)"}))
    if "deploy" in res:
        lines += deploy_speed.deploy_md(res["deploy"])
    return "\n".join(lines)


def update_doc(mode: str, text: str) -> None:
    """Replace this mode's section of docs/benchmarks.md (between its markers), keep the rest."""
    start, end = f"<!-- {mode}:start -->", f"<!-- {mode}:end -->"
    doc = DOC.read_text() if DOC.exists() else ""
    block = f"{start}\n{text.rstrip()}\n{end}"
    if start in doc and end in doc:
        doc = doc[: doc.index(start)] + block + doc[doc.index(end) + len(end):]
    else:
        doc = doc.rstrip() + "\n\n" + block + "\n"
    DOC.write_text(doc.rstrip() + "\n")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="100,000 rows instead of 1,000,000 (CI)")
    ap.add_argument("--rows", type=int, default=None)
    ap.add_argument("--rate", type=float, default=500.0, help="writes per second in total (section 1)")
    ap.add_argument("--connections", type=int, default=8, help="workload connections (section 1)")
    ap.add_argument("--loop-budget", type=float, default=None,
                    help="seconds the article's per-row loop may run in section 1 (0: to the end; default 10 quick, 60 full)")
    ap.add_argument("--rounds", type=int, default=3, help="runs of each backfill method in section 2 (median reported)")
    ap.add_argument("--only", choices=SECTIONS, action="append", help="run only these sections")
    ap.add_argument("--no-doc", action="store_true", help="do not update docs/benchmarks.md")
    args = ap.parse_args(argv)
    args.rows = args.rows or (100_000 if args.quick else 1_000_000)
    budget = args.loop_budget if args.loop_budget is not None else (10.0 if args.quick else 60.0)
    args.long_read = 1.0 if args.quick else 3.0
    only = set(args.only or SECTIONS)
    mode = "quick" if args.quick else "full"

    started = time.perf_counter()
    load0 = os.getloadavg()
    info = machine()
    res: dict = {}
    if "writes" in only:
        print("1. writes during the score-format change", flush=True)
        res["writes"] = []
        for name, run in (("control", lambda: zd.run_control(args.rows, args.rate, args.connections, 10.0 if args.quick else 20.0)),
                          ("naive", lambda: zd.run_naive(args.rows, args.rate, args.connections, budget or None)),
                          ("midair", lambda: zd.run_midair(args.rows, args.rate, args.connections))):
            print(f"  {name}", flush=True)
            try:
                res["writes"].append(run())
            except Exception as e:  # noqa: BLE001 - a failed run is a result: reported, not hidden
                msg = " ".join(str(e).split())[:600]
                print(f"    FAILED: {msg}", flush=True)
                res["writes"].append(zd.Scenario(f"{name} (failed)", error=msg))
    if "throughput" in only:
        print("2. backfill throughput", flush=True)
        res["throughput"] = zd.run_throughput(args.rows, loop_budget_s=5.0 if args.quick else 15.0, rounds=args.rounds)
    if "hazards" in only:
        print("3. lock hazards", flush=True)
        res["hazards"] = zd.run_hazards(args.rows, long_read_s=args.long_read)
    if "engine" in only:
        print("4a. engine speed (bench/engine_speed.py)", flush=True)
        res["engine"] = run_engine_speed(args.quick)
    if "deploy" in only:
        print("4b. migrate deploy of 100 migrations: midair vs Alembic", flush=True)
        res["deploy"] = deploy_speed.run_deploy_speed(100, repeats=1 if args.quick else 3)
    took = time.perf_counter() - started
    load1 = os.getloadavg()

    text = render(mode, args, info, (load0, load1), took, res)
    out = HERE / "results"
    out.mkdir(exist_ok=True)
    (out / f"{mode}.md").write_text(text + "\n")
    payload = {"mode": mode, "rows": args.rows, "rate": args.rate, "connections": args.connections, "machine": info,
               "load_start": load0, "load_end": load1, "seconds": took, **{k: v for k, v in res.items() if k != "writes"}}
    if "writes" in res:
        payload["writes"] = [zd.asdict(s) for s in res["writes"]]
    (out / f"{mode}.json").write_text(json.dumps(payload, indent=2, default=str) + "\n")
    if not args.no_doc:
        update_doc(mode, text)
    print()
    print(text)
    print(f"\nwritten: {out / (mode + '.md')}, {out / (mode + '.json')}" + ("" if args.no_doc else f", {DOC}"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
