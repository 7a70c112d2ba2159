"""Engine speed on a 1,000-model schema: parse+validate+lower, introspection, diff, whole command.

    python bench/engine_speed.py [--models 1000] [--repeat 5] [--no-prisma] [--no-db]

Prints figures and ratios; never fails on them. The machine is shared and noisy, so every timing is
the median of `--repeat` runs (in-process stages back to back; the two whole commands alternated,
midair then Prisma, so that both see the same load), and the load average is printed. Targets: parse+lower < 1 s, introspection < 1 s,
diff < 0.5 s, the whole ``midair migrate diff --from-empty --to-schema F --script`` command
≤ 0.6× Prisma's time for the same command (through the prisma-oracle, when Node is available) and
< 100 MB peak memory.

The schema has `models` models with scalar fields of every common type, a required relation to the
previous model, an optional self-relation every 7th model, an implicit many-to-many relation every
10th model, one of 20 enums, a unique field, a compound unique and two indexes.
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ORACLE = Path(os.environ.get("MIDAIR_SHARED_DIR", "/work/shared")) / "tools" / "prisma-oracle" / "diff.sh"
ENUMS = 20


def generate_schema(models: int) -> str:
    """A schema.prisma with `models` related models (see the module docstring)."""
    out = [
        'datasource db {\n  provider = "postgresql"\n  url      = env("DATABASE_URL")\n}\n',
        'generator client {\n  provider = "prisma-client-js"\n}\n',
    ]
    for e in range(ENUMS):
        out.append(f"enum Status{e} {{\n  " + "\n  ".join(f"S{e}_{v}" for v in range(5)) + "\n}\n")
    back: dict[int, list[str]] = {i: [] for i in range(models)}
    for i in range(1, models):
        back[i - 1].append(f"  children{i} M{i}[] @relation(\"Parent{i}\")")
    for i in range(0, models, 7):
        back[i].append(f"  reviewed{i} M{i}[] @relation(\"Review{i}\")")
    for i in range(0, models - 1, 10):
        back[i + 1].append(f"  tagged{i} M{i}[] @relation(\"Tag{i}\")")
    for i in range(models):
        lines = [
            f"model M{i} {{",
            "  id        Int      @id @default(autoincrement())",
            "  email     String   @unique",
            "  name      String   @db.VarChar(120)",
            "  slug      String",
            "  score     Float?",
            "  amount    Decimal  @default(0) @db.Decimal(12, 2)",
            "  active    Boolean  @default(true)",
            "  data      Json?",
            f"  status    Status{i % ENUMS} @default(S{i % ENUMS}_0)",
            "  tags      String[]",
            "  createdAt DateTime @default(now())",
            "  updatedAt DateTime @updatedAt",
        ]
        if i > 0:
            lines.append("  parentId  Int")
            lines.append(f"  parent    M{i - 1} @relation(\"Parent{i}\", fields: [parentId], references: [id], onDelete: Cascade)")
        if i % 7 == 0:
            lines.append("  reviewerId Int?")
            lines.append(f"  reviewer  M{i}? @relation(\"Review{i}\", fields: [reviewerId], references: [id])")
        if i % 10 == 0 and i + 1 < models:
            lines.append(f"  tags{i + 1} M{i + 1}[] @relation(\"Tag{i}\")")
        lines.extend(back[i])
        lines += [
            "",
            "  @@unique([slug, name])",
            "  @@index([createdAt(sort: Desc)])",
            "  @@index([status, active])",
            "}",
            "",
        ]
        out.append("\n".join(lines))
    return "\n".join(out)


def timed(fn, *args, **kwargs):  # noqa: ANN001, ANN201 - any callable
    start = time.perf_counter()
    value = fn(*args, **kwargs)
    return value, time.perf_counter() - start


def timed_median(repeat: int, fn, *args, **kwargs):  # noqa: ANN001, ANN201 - any callable
    """The last value and the median wall time of `repeat` calls, each started from a collected
    heap (the previous run's result freed first), as a fresh command starts."""
    times = []
    value = None
    for _ in range(max(1, repeat)):
        value = None
        gc.collect()
        value, took = timed(fn, *args, **kwargs)
        times.append(took)
    return value, statistics.median(times)


def cpu_median(repeat: int, fn, *args, **kwargs) -> float:  # noqa: ANN001 - any callable
    """The median CPU time of this process over `repeat` calls of `fn`."""
    times = []
    for _ in range(max(1, repeat)):
        gc.collect()
        start = time.process_time()
        fn(*args, **kwargs)
        times.append(time.process_time() - start)
    return statistics.median(times)


def load_average() -> str:
    return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())


def run_measured(argv: list[str], env: dict[str, str] | None = None) -> tuple[float, float | None, int, str]:
    """Wall seconds, peak RSS in MB (of the command and its children), exit code, stderr tail."""
    probe = (
        "import resource, subprocess, sys, time;"
        "t = time.perf_counter();"
        "r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE);"
        "t = time.perf_counter() - t;"
        "sys.stderr.write(r.stderr.decode(errors='replace')[-400:]);"
        "print(t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, r.returncode)"
    )
    p = subprocess.run([sys.executable, "-c", probe, *argv], capture_output=True, text=True, env=env)
    wall, rss_kb, code = p.stdout.split()
    return float(wall), int(rss_kb) / 1024, int(code), p.stderr.strip()


def apply_in_batches(conn, script: str, batch: int = 300) -> None:  # noqa: ANN001 - a Connection
    """Run a long migration in several transactions: one transaction creating thousands of tables,
    indexes and foreign keys needs more locks than a default server's max_locks_per_transaction."""
    statements = [s for s in script.split(";\n") if s.strip()]
    for i in range(0, len(statements), batch):
        conn.script(";\n".join(statements[i : i + batch]) + ";")


def target(value: float, limit: float, unit: str = "s") -> str:
    return f"{value:.3f} {unit} (target < {limit} {unit}: {'ok' if value < limit else 'MISSED'})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5, help="runs per timing (the median is printed)")
    parser.add_argument("--no-prisma", action="store_true", help="do not time Prisma's engine")
    parser.add_argument("--no-db", action="store_true", help="skip applying to PostgreSQL and introspection")
    args = parser.parse_args()
    # The collector thresholds the `midair` command runs with (midair.cli.main).
    gc.set_threshold(50_000, 20, 100)

    from midair.diff import diff
    from midair.psl.validate import load_valid_schema
    from midair.render import migration_script
    from midair.schema.lower import lower
    from midair.schema.model import EMPTY_SCHEMA

    work = Path(tempfile.mkdtemp(prefix="midair-bench-"))
    schema_path = work / "schema.prisma"
    schema_path.write_text(generate_schema(args.models))
    print(f"schema: {args.models} models, {ENUMS} enums, {schema_path.stat().st_size // 1024} KiB ({schema_path})")
    print(f"start: {load_average()}; every time below is the median of {args.repeat} runs")

    doc, t_parse = timed_median(args.repeat, load_valid_schema, schema_path)
    lowered, t_lower = timed_median(args.repeat, lower, doc, "postgresql")
    n_idx = sum(len(t.indexes) for t in lowered.tables)
    n_fk = sum(len(t.foreign_keys) for t in lowered.tables)
    print(f"  {len(lowered.tables)} tables, {n_idx} indexes, {n_fk} foreign keys")
    print(f"parse+validate           {t_parse:.3f} s")
    print(f"lower                    {t_lower:.3f} s")
    print(f"parse+validate+lower     {target(t_parse + t_lower, 1.0)}")

    migration, t_diff_empty = timed_median(args.repeat, diff, EMPTY_SCHEMA, lowered, "postgresql")
    script, t_render = timed_median(args.repeat, migration_script, migration.steps, "postgresql")
    print(f"diff empty -> schema     {target(t_diff_empty, 0.5)} ({len(migration.steps)} steps)")
    print(f"render                   {t_render:.3f} s ({len(script) // 1024} KiB of SQL)")

    if args.no_db:
        print("introspection: not measured (--no-db)")
    else:
        measure_database(script, lowered, args.repeat)
    measure_commands(schema_path, args)
    print(f"end: {load_average()}")
    shutil.rmtree(work, ignore_errors=True)
    return 0


def measure_database(script: str, lowered, repeat: int) -> None:  # noqa: ANN001 - a Schema
    from midair.connection import connect
    from midair.diff import diff
    from midair.introspect import introspect
    from midair.testing import postgres

    url = postgres.create_database("midair_bench")
    try:
        conn = connect(url)
        _, t_apply = timed(apply_in_batches, conn, script)
        print(f"apply to PostgreSQL      {t_apply:.3f} s")
        introspected, t_introspect = timed_median(repeat, introspect, conn)
        cpu = cpu_median(repeat, introspect, conn)
        conn.close()
        print(f"introspection            {target(t_introspect, 1.0)} ({len(introspected.tables)} tables; "
              f"{cpu:.3f} s of it in this process, the rest is the server answering 5 queries)")
        redo, t_diff = timed_median(repeat, diff, introspected, lowered, "postgresql")
        print(f"diff database -> schema  {target(t_diff, 0.5)} ({len(redo.steps)} steps; 0 expected)")
    finally:
        postgres.drop_database(url)


def measure_commands(schema_path: Path, args: argparse.Namespace) -> None:
    """The whole `migrate diff` command, midair's and Prisma's, alternated `--repeat` times."""
    midair_cmd = [str(Path(sys.executable).with_name("midair")), "migrate", "diff", "--from-empty", "--to-schema", str(schema_path), "--script"]
    prisma_cmd = [str(ORACLE), str(schema_path), "postgresql"]
    prisma = not args.no_prisma and shutil.which("node") is not None and ORACLE.exists()
    if prisma:
        run_measured(prisma_cmd)  # warm-up: installs the oracle's npm packages, starts its PostgreSQL
    # Warm-up: writes midair's bytecode cache, as the first run of any installed Python tool does
    # (an environment with PYTHONDONTWRITEBYTECODE=1 would otherwise compile every module on
    # every run, ~0.05 s); the timed runs then read it, with the environment as given.
    run_measured(midair_cmd, env={k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"})
    ours: list[float] = []
    theirs: list[float] = []
    ratios: list[float] = []
    rss = p_rss = 0.0
    code = p_code = 0
    err = p_err = ""
    for _ in range(max(1, args.repeat)):
        wall, r, code, err = run_measured(midair_cmd)
        ours.append(wall)
        rss = max(rss, r)
        if prisma:
            p_wall, r, p_code, p_err = run_measured(prisma_cmd)
            theirs.append(p_wall)
            p_rss = max(p_rss, r)
            ratios.append(wall / p_wall)
    wall = statistics.median(ours)
    print(f"midair migrate diff --from-empty --to-schema --script: {wall:.3f} s (runs {fmt(ours)}), peak {rss:.0f} MB "
          f"(target < 100 MB: {'ok' if rss < 100 else 'MISSED'}), exit {code}")
    if code != 0:
        print(f"  stderr: {err}")
    if args.no_prisma:
        print("prisma: not measured (--no-prisma)")
    elif not prisma:
        print("prisma: not available (no Node.js or no prisma-oracle)")
    elif p_code != 0:
        print(f"prisma: failed (exit {p_code}): {p_err}")
    else:
        p_wall = statistics.median(theirs)
        print(f"prisma migrate diff (oracle diff.sh): {p_wall:.3f} s (runs {fmt(theirs)}), peak {p_rss:.0f} MB")
        if code != 0:
            print("no ratio: midair's command failed")
            return
        ratio = statistics.median(ratios)
        print(f"ratio midair/prisma: time {ratio:.2f}x median of the paired runs ({fmt(ratios, 'x')}; "
              f"target <= 0.6x: {'ok' if ratio <= 0.6 else 'MISSED'}), memory {rss / p_rss:.2f}x")
        print("  (the oracle runs Prisma's wasm engine and starts a PostgreSQL for it: not the native binary)")


def fmt(values: list[float], unit: str = "") -> str:
    return " ".join(f"{v:.2f}{unit}" for v in values)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    raise SystemExit(main())
