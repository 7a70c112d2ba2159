"""Smoke test of the benchmark harness (bench/): its functions on a tiny table, on a real server.

A correctness test, not a timed one: the figures must be well-formed, midair's expand/backfill/
contract under the write workload must lose no write and leave every final score right, every
backfill method must leave no row behind, and the Markdown tables must render. Timing targets
are the benchmark's business (`python bench/run.py --quick`), never asserted here.
"""

from __future__ import annotations

import importlib.util
import math
import sys
from pathlib import Path
from types import ModuleType

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))



def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCH / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


# The bench scripts import each other by their plain names (`from zero_downtime import …`), but
# `zero_downtime` is also the test package tests/integration/zero_downtime: the plain name is lent
# to the bench module only while the scripts load, then given back before that package is collected.
zd = _load("zero_downtime")
sys.modules["zero_downtime"] = zd
try:
    deploy_speed = _load("deploy_speed")
finally:
    del sys.modules["zero_downtime"]
from _workload import WriteRecord, summarize  # noqa: E402

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

ROWS = 2000


def _well_formed(writes: dict) -> None:
    assert writes["writes"] > 0
    for k in ("p50_ms", "p99_ms", "max_ms", "stall_ms"):
        assert isinstance(writes[k], float) and math.isfinite(writes[k]) and writes[k] >= 0, k
    assert writes["p50_ms"] <= writes["p99_ms"] <= writes["max_ms"]


def test_summarize_measures_from_due_time_and_finds_the_stall() -> None:
    # Two connections: writes due every 10 ms; the write due at 0.05 s waits until 0.35 s and
    # nothing else finishes in between, so the stall is 0.30 s and the worst latency is 0.30 s.
    recs = [WriteRecord(due=i / 100, start=i / 100, end=i / 100 + 0.002, ok=True, kind="update") for i in range(5)]
    recs.append(WriteRecord(due=0.05, start=0.05, end=0.35, ok=True, kind="update"))
    recs += [WriteRecord(due=0.06 + i / 100, start=0.35, end=0.351 + i / 1000, ok=True, kind="update") for i in range(3)]
    recs.append(WriteRecord(due=0.40, start=0.40, end=0.41, ok=False, kind="insert", error="X: boom"))
    s = summarize(recs)
    assert s["writes"] == 10 and s["failed"] == 1 and s["errors"] == {"X: boom": 1}
    assert s["max_ms"] == pytest.approx(300, abs=0.01)
    assert s["stall_ms"] == pytest.approx(300, abs=0.01)
    assert s["p50_ms"] == pytest.approx(2, abs=0.01)


@pytest.fixture(scope="module")
def scenarios() -> list[zd.Scenario]:
    return [
        zd.run_naive(ROWS, rate=100, conns=4, loop_budget_s=1.0, quiet=True),
        zd.run_midair(ROWS, rate=100, conns=4, quiet=True),
    ]


def test_midair_expand_backfill_contract_loses_nothing_under_load(scenarios: list[zd.Scenario]) -> None:
    naive, midair = scenarios
    _well_formed(naive.writes)
    _well_formed(midair.writes)
    assert midair.writes["failed"] == 0, midair.writes["errors"]
    assert midair.wrong == 0
    assert [label.split()[1] for label, _ in midair.phases[-3:]] == ["expand", "backfill", "contract"]
    assert any("updated" in n for n in midair.notes)  # the backfill really ran in the deploy
    assert naive.wrong >= 0 and len(naive.phases) == 4
    text = "\n".join(zd.section1_md(scenarios, 100, 4))
    assert "| midair (expand / backfill / contract) |" in text and "every final score correct: PASS" in text


def test_backfill_methods_fill_every_row() -> None:
    results = zd.run_throughput(ROWS, loop_budget_s=0.5, quiet=True)
    assert [r["kind"] for r in results] == ["loop", "single", "fixed", "fixed", "midair"]
    for r in results:
        assert r["rows_per_s"] > 0 and r["longest_lock_ms"] > 0
        if r["kind"] != "loop":
            assert r["rows"] == ROWS and r["left_null"] == 0, r
    assert "### 2. Backfill throughput" in "\n".join(zd.section2_md(results))


def test_lock_hazards_naive_waits_for_the_long_read_and_midair_applies() -> None:
    hold = 1.0
    results = zd.run_hazards(ROWS, long_read_s=hold, quiet=True)
    by = {(h["change"], h["mode"]): h for h in results}
    assert len(results) == 2 * len(zd.HAZARDS)
    for h in results:
        assert h["error"] is None, h
    # SET NOT NULL needs ACCESS EXCLUSIVE: the naive form waits behind the read, and every
    # query queues behind it (a lock fact, not a timing target).
    assert by[("SET NOT NULL", "naive")]["reads_blocked_ms"] >= 0.5 * hold * 1000
    assert by[("SET NOT NULL", "midair")]["seconds"] is not None
    # midair's type change is the planned expand / backfill / contract, really deployed: each
    # phase measured, and the column ends as BIGINT (no error, which `_unchanged` would set).
    phased = by[("type change INTEGER → BIGINT", "midair")]
    assert [s["step"] for s in phased["steps"]] == ["expand", "backfill", "contract"]
    assert all(s["seconds"] > 0 for s in phased["steps"]) and phased["probe_failures"] == 0
    assert phased["seconds"] >= sum(s["seconds"] for s in phased["steps"])
    text = "\n".join(zd.section3_md(results, hold))
    assert "| SET NOT NULL | midair |" in text and "| type change INTEGER → BIGINT | midair | –" not in text
    assert "type change INTEGER → BIGINT, midair, each phase" in text


def test_deploy_speed_midair_and_alembic_build_the_same_tables() -> None:
    d = deploy_speed.run_deploy_speed(5, repeats=1, quiet=True)
    assert d["midair_s"] > 0 and d["alembic_s"] > 0 and d["ratio"] > 0
    assert "Alembic" in "\n".join(deploy_speed.deploy_md(d))
