"""The article's history, replayed: an empty database, the migrations deployed one at a time by
midair, and between deploys the app of that step creating and scoring matches (old format, then
dual write, then JSON). The backfill runs where the article runs its data migration. At the end
every match's score is exactly what was last written, in the article's JSON format."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import psycopg
import pytest

from examples.tennis import versions
from examples.tennis.backfill import backfill_scores
from examples.tennis.db import MIGRATIONS, migrate, migration_dirs
from examples.tennis.scoring import MatchState, SetScore, add_point
from midair.errors import UnsafeChangeError
from midair.expand_contract.phases import check_deployable

pytestmark = pytest.mark.postgres


def current_state(conn: psycopg.Connection, version: versions.AppVersion, match_id: str) -> MatchState:
    """The match as `version` of the app reads it."""
    p1, p2 = version.read_players(conn, match_id)
    current_set, server, complete = conn.execute(
        'SELECT "currentSet", "server", "isComplete" FROM "Match" WHERE "id" = %s', (match_id,)
    ).fetchone()
    sets = tuple(
        SetScore(*r)
        for r in conn.execute(
            'SELECT "setNumber", "player1Games", "player2Games" FROM "Set" WHERE "matchId" = %s ORDER BY "setNumber"',
            (match_id,),
        )
    )
    return MatchState(p1, p2, current_set, server, complete, sets)


def score_some(conn, version, match_id, rng, expected, n):
    state = current_state(conn, version, match_id)
    assert state == expected[match_id], f"{version.name} reads back what was written"
    for _ in range(n):
        if state.is_complete:
            break
        new = add_point(state, rng.choice((1, 2)))
        with conn.transaction():
            version.write_state(conn, match_id, state, new)
        state = new
    expected[match_id] = state


def test_history_old_dual_new_format(postgres_url: str, tmp_path: Path):
    staged = tmp_path / "migrations"
    staged.mkdir()
    shutil.copy(MIGRATIONS / "migration_lock.toml", staged)
    rng = random.Random(2025)
    expected: dict[str, MatchState] = {}
    reports = []
    with psycopg.connect(postgres_url, autocommit=True) as conn:
        conn.execute("SET synchronous_commit = off")  # many tiny commits; durability is not under test
        user_id = None
        for folder in migration_dirs():
            step = folder.name.split("_", 1)[1]
            if step == "make_json_score_mandatory":
                # The article's step 2 comes first: midair refuses the contract until it is done.
                shutil.copytree(folder, staged / folder.name)
                with pytest.raises(UnsafeChangeError):
                    _check(postgres_url, staged / folder.name)
                null_rows = conn.execute('SELECT count(*) FROM "Match" WHERE "score" IS NULL').fetchone()[0]
                report = backfill_scores(postgres_url, staged)
                reports.append(report)
                assert report.complete and report.rows_updated == null_rows > 0
                assert conn.execute('SELECT count(*) FROM "Match" WHERE "score" IS NULL').fetchone()[0] == 0
                _check(postgres_url, staged / folder.name)  # now allowed
            else:
                shutil.copytree(folder, staged / folder.name)
            assert migrate(postgres_url, staged, backup="never") == [folder.name]

            version = versions.AFTER_MIGRATION[step]
            if version is None:
                user_id = "history-user"
                conn.execute('INSERT INTO "User" ("id", "username", "passwordHash") VALUES (%s, %s, %s)',
                             (user_id, "history", "not-a-real-hash"))
                continue
            for mid in list(expected):  # older matches go on under the new version
                score_some(conn, version, mid, rng, expected, rng.randint(0, 30))
            for i in range(4):  # and new ones are created and scored by it
                mid = version.create_match(conn, user_id, f"{step} A{i}", f"{step} B{i}")
                expected[mid] = MatchState()
                score_some(conn, version, mid, rng, expected, rng.choice((0, 3, 25, 80, 200)))

        # The end: the final app (store.py) reads every match exactly as last written.
        rows = dict(conn.execute('SELECT "id", "score" FROM "Match"').fetchall())
        columns = {r[0] for r in conn.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'Match'")}
    assert columns.isdisjoint({"player1Points", "player2Points", "player1Games", "player2Games"})
    assert len(rows) == len(expected) == 20
    for mid, state in expected.items():
        assert rows[mid] == state.score_json(), mid
        assert set(rows[mid]) == {"player1", "player2"}
        assert all(set(v) == {"points", "games"} for v in rows[mid].values())
        assert isinstance(rows[mid]["player1"]["points"], str) and isinstance(rows[mid]["player1"]["games"], int)
    with psycopg.connect(postgres_url) as conn:
        for mid, state in expected.items():
            assert current_state(conn, versions.NEW, mid) == state
    print(f"\nbackfill: {reports[0].describe()}")


def _check(url: str, folder: Path) -> None:
    from midair.connection import connect

    conn = connect(url)
    try:
        check_deployable(conn, folder)
    finally:
        conn.close()


def test_backfill_resumes_and_reports_zero_when_done(postgres_url: str, tmp_path: Path):
    """Running the data migration twice is harmless: the second run has nothing left to do."""
    staged = tmp_path / "migrations"
    staged.mkdir()
    shutil.copy(MIGRATIONS / "migration_lock.toml", staged)
    for folder in migration_dirs()[:4]:
        shutil.copytree(folder, staged / folder.name)
    migrate(postgres_url, staged, backup="never")
    with psycopg.connect(postgres_url, autocommit=True) as conn:
        with conn.transaction():
            conn.execute('INSERT INTO "User" ("id", "username", "passwordHash") VALUES (%s, %s, %s)', ("u", "u", "h"))
            for i in range(1200):
                versions.PUBLIC.create_match(conn, "u", f"A{i}", f"B{i}")
    first = backfill_scores(postgres_url, staged)
    assert first.rows_updated == 1200 and first.batches >= 2 and first.complete
    second = backfill_scores(postgres_url, staged)
    assert second.complete and second.rows_updated == 1200  # totals are kept; nothing new was done
    with psycopg.connect(postgres_url) as conn:
        assert conn.execute('SELECT count(*) FROM "Match" WHERE "score" IS NULL').fetchone()[0] == 0
        assert conn.execute('SELECT DISTINCT "score" FROM "Match"').fetchall() == [
            ({"player1": {"points": "0", "games": 0}, "player2": {"points": "0", "games": 0}},)
        ]
