"""The article's scenario 3 end to end on PostgreSQL, under a concurrent workload.

A populated `Match` table in the old format (four score columns). The expand is deployed; then an
"old app" (writes the four columns) and a "new app" (writes the `score` JSON) run concurrently,
each incrementing games of random matches and inserting new ones, while the backfill runs in
small batches. Then the contract. Every increment must survive: a lost update (a stale value
copied over a newer one, by the backfill or by the dual-write triggers) would lose a game.
"""

from __future__ import annotations

import random
import threading
import time
from collections import Counter
from pathlib import Path

import pytest

from midair.connection import connect
from midair.errors import UnsafeChangeError
from midair.expand_contract import phases
from midair.expand_contract.executor import apply_migration
from tests.integration.zero_downtime.helpers import PG_NEW_FROM_OLD, PG_OLD_FROM_NEW, create_old_match, write_phases

pytestmark = pytest.mark.postgres

ROWS = 400


def test_scenario_3_under_concurrent_old_and_new_app(postgres_url: str, tmp_path: Path) -> None:
    conn = connect(postgres_url)
    create_old_match(conn, ROWS)
    initial = {r[0]: (r[1], r[2]) for r in conn.query('SELECT id, "player1Games", "player2Games" FROM "Match"')}
    expand, backfill, contract = write_phases(
        tmp_path / "migrations", new_from_old=PG_NEW_FROM_OLD, old_from_new=PG_OLD_FROM_NEW, batch_size=20, sleep="5ms"
    )

    apply_migration(conn, expand, expand.joinpath("migration.sql").read_text())
    # The contract is refused while rows are left behind, and says what to run.
    with pytest.raises(UnsafeChangeError, match=rf"{ROWS} rows of `Match` still need the backfill"):
        phases.check_deployable(conn, contract)

    stop = threading.Event()
    p1_increments: Counter[str] = Counter()  # by the old app, through the four columns
    p2_increments: Counter[str] = Counter()  # by the new app, through `score`
    inserted: dict[str, tuple[int, int]] = {}
    errors: list[BaseException] = []
    writes = Counter()
    ids = sorted(initial)

    def old_app(n: int) -> None:
        c = connect(postgres_url)
        rnd = random.Random(n)
        try:
            while not stop.is_set():
                mid = rnd.choice(ids)
                c.execute('UPDATE "Match" SET "player1Games" = "player1Games" + 1, "player1Points" = \'15\' WHERE id = %s', (mid,))
                p1_increments[mid] += 1
                writes["old"] += 1
                if rnd.random() < 0.05:
                    new_id = f"old-{n}-{writes['old']}"
                    c.execute('INSERT INTO "Match" (id, "player1Games", "player2Games") VALUES (%s, 2, 3)', (new_id,))
                    inserted[new_id] = (2, 3)
        except BaseException as e:  # noqa: BLE001 - reported by the assertion below
            errors.append(e)
        finally:
            c.close()

    def new_app(n: int) -> None:
        c = connect(postgres_url)
        rnd = random.Random(100 + n)
        try:
            while not stop.is_set():
                mid = rnd.choice(ids)
                # The new app reads `score` (falling back to the old columns for a row the backfill
                # has not reached yet, as the article's app does) and writes `score` only.
                c.execute(
                    "UPDATE \"Match\" SET score = jsonb_set(COALESCE(score, " + PG_NEW_FROM_OLD + "), "
                    "'{player2,games}', to_jsonb((COALESCE(score, " + PG_NEW_FROM_OLD + ")->'player2'->>'games')::int + 1)) "
                    "WHERE id = %s",
                    (mid,),
                )
                p2_increments[mid] += 1
                writes["new"] += 1
                if rnd.random() < 0.05:
                    new_id = f"new-{n}-{writes['new']}"
                    c.execute(
                        'INSERT INTO "Match" (id, score) VALUES (%s, %s)',
                        (new_id, '{"player1": {"points": "30", "games": 4}, "player2": {"points": "0", "games": 1}}'),
                    )
                    inserted[new_id] = (4, 1)
        except BaseException as e:  # noqa: BLE001
            errors.append(e)
        finally:
            c.close()

    def both_apps_write(n: int = 25) -> None:
        """Wait until each app has written `n` more times (the machine may be slow)."""
        target_old, target_new = writes["old"] + n, writes["new"] + n
        deadline = time.monotonic() + 30
        while (writes["old"] < target_old or writes["new"] < target_new) and time.monotonic() < deadline and not errors:
            time.sleep(0.01)

    threads = [threading.Thread(target=old_app, args=(i,)) for i in range(2)]
    threads += [threading.Thread(target=new_app, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    try:
        both_apps_write()  # both apps running before the backfill starts
        report = apply_migration(conn, backfill, "-- This is an empty migration.\n").backfill
        both_apps_write()  # and after it ends
    finally:
        stop.set()
        for t in threads:
            t.join(timeout=30)

    assert errors == [], f"a write failed: {errors[0]!r}"
    assert writes["old"] >= 50 and writes["new"] >= 50, writes
    assert report.complete and report.batches >= 3 and report.remaining == 0
    assert 0 < report.rows_updated <= ROWS
    assert report.describe() == f"updated {report.rows_updated} rows in {report.batches} batches"

    # Before the contract, old and new representations agree on every row.
    disagree = conn.query(f'SELECT count(*) FROM "Match" WHERE score IS DISTINCT FROM {PG_NEW_FROM_OLD}')[0][0]
    assert disagree == 0

    (status_line,) = [s for s in phases.status(conn, tmp_path / "migrations") if s.phase == "contract"]
    assert status_line.state == "ready"
    # Not in the deploy that ran the expand and backfill: the old app may still be running.
    with pytest.raises(UnsafeChangeError, match="waits for the app rollout"):
        apply_migration(conn, contract, contract.joinpath("migration.sql").read_text())
    conn.close()
    conn = connect(postgres_url)  # a later deploy, after the new app version is rolled out
    apply_migration(conn, contract, contract.joinpath("migration.sql").read_text())

    columns = [r[0] for r in conn.query(
        "SELECT column_name FROM information_schema.columns WHERE table_name = 'Match' ORDER BY ordinal_position")]
    assert columns == ["id", "score"]
    assert conn.query("SELECT is_nullable FROM information_schema.columns WHERE table_name = 'Match' AND column_name = 'score'") == [("NO",)]
    assert conn.query("SELECT count(*) FROM pg_trigger WHERE tgrelid = '\"Match\"'::regclass AND NOT tgisinternal") == [(0,)]
    final = {r[0]: r[1] for r in conn.query('SELECT id, score FROM "Match"')}
    assert len(final) == ROWS + len(inserted)
    for mid, (g1, g2) in initial.items():
        s = final[mid]
        assert s["player1"]["games"] == g1 + p1_increments[mid], mid
        assert s["player2"]["games"] == g2 + p2_increments[mid], mid
        if p1_increments[mid]:
            assert s["player1"]["points"] == "15"
    for mid, (g1, g2) in inserted.items():
        assert (final[mid]["player1"]["games"], final[mid]["player2"]["games"]) == (g1, g2)
    conn.close()
