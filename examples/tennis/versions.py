"""The app as it was at each step of the schema's history: how each version creates a match and
writes a score. The history test runs them between deploys, as a rolling deploy would.

| version | after migration | writes | reads |
|---|---|---|---|
| `OLD` | `matches` | the four score columns | the four columns |
| `PUBLIC` | `add_is_public` | same, plus `isPublic` | the four columns |
| `DUAL` | `optional_json_score` | both formats | the four columns |
| `READ_NEW` | `make_json_score_mandatory` | both formats (older processes may still read the columns) | `score` |
| `NEW` | `drop_old_score_fields` | `score` only (the app in `store.py`) | `score` |

Sets, `currentSet`, `server` and `isComplete` are written the same way by every version.
"""

from __future__ import annotations

from dataclasses import dataclass

import psycopg
from psycopg.types.json import Jsonb

from examples.tennis.scoring import MatchState, PlayerScore
from examples.tennis.store import new_id


@dataclass(frozen=True, slots=True)
class AppVersion:
    """One version of the app's write path."""

    name: str
    has_is_public: bool
    writes_old: bool
    writes_new: bool
    reads_new: bool

    def create_match(self, conn: psycopg.Connection, user_id: str, p1: str, p2: str, *, public: bool = True) -> str:
        cols, vals = ["id", "createdById", "player1Name", "player2Name"], [new_id(), user_id, p1, p2]
        if self.has_is_public:
            cols.append("isPublic")
            vals.append(public)
        if self.writes_new:
            cols.append("score")
            vals.append(Jsonb(MatchState().score_json()))
        names = ", ".join(f'"{c}"' for c in cols)
        conn.execute(f'INSERT INTO "Match" ({names}) VALUES ({", ".join(["%s"] * len(vals))})', vals)
        return vals[0]

    def write_state(self, conn: psycopg.Connection, match_id: str, previous: MatchState, state: MatchState) -> None:
        sets: dict[str, object] = {"currentSet": state.current_set, "server": state.server, "isComplete": state.is_complete}
        if self.writes_old:
            sets.update({
                "player1Points": state.player1.points, "player1Games": state.player1.games,
                "player2Points": state.player2.points, "player2Games": state.player2.games,
            })
        if self.writes_new:
            sets["score"] = Jsonb(state.score_json())
        assignments = ", ".join(f'"{c}" = %s' for c in sets)
        conn.execute(f'UPDATE "Match" SET {assignments} WHERE "id" = %s', [*sets.values(), match_id])
        for s in state.sets[len(previous.sets):]:
            conn.execute(
                'INSERT INTO "Set" ("id", "setNumber", "player1Games", "player2Games", "matchId") VALUES (%s, %s, %s, %s, %s)',
                (new_id(), s.set_number, s.player1_games, s.player2_games, match_id),
            )

    def read_players(self, conn: psycopg.Connection, match_id: str) -> tuple[PlayerScore, PlayerScore]:
        if self.reads_new:
            score = conn.execute('SELECT "score" FROM "Match" WHERE "id" = %s', (match_id,)).fetchone()[0]
            return (PlayerScore(score["player1"]["points"], score["player1"]["games"]),
                    PlayerScore(score["player2"]["points"], score["player2"]["games"]))
        row = conn.execute(
            'SELECT "player1Points", "player1Games", "player2Points", "player2Games" FROM "Match" WHERE "id" = %s',
            (match_id,),
        ).fetchone()
        return PlayerScore(row[0], row[1]), PlayerScore(row[2], row[3])


OLD = AppVersion("old format", has_is_public=False, writes_old=True, writes_new=False, reads_new=False)
PUBLIC = AppVersion("old format + isPublic", has_is_public=True, writes_old=True, writes_new=False, reads_new=False)
DUAL = AppVersion("dual write", has_is_public=True, writes_old=True, writes_new=True, reads_new=False)
READ_NEW = AppVersion("dual write, reads JSON", has_is_public=True, writes_old=True, writes_new=True, reads_new=True)
NEW = AppVersion("new format", has_is_public=True, writes_old=False, writes_new=True, reads_new=True)

# Which version runs once a migration (by name suffix) is deployed.
AFTER_MIGRATION = {
    "init": None,
    "matches": OLD,
    "add_is_public": PUBLIC,
    "optional_json_score": DUAL,
    "make_json_score_mandatory": READ_NEW,
    "drop_old_score_fields": NEW,
}
