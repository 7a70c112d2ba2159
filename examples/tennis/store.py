"""The app's database access (final schema: the score lives in ``Match.score``, the article's JSON).

Every function takes an open async connection or the pool; writes that change a match also
``pg_notify`` the change inside the same transaction, so listeners hear of it exactly when (and
only if) it commits, in commit order. Scoring locks the match row (``SELECT … FOR UPDATE``): two
quick clicks or two judges are serialised and neither point is lost.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import uuid
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone
from typing import Any

from psycopg import AsyncConnection, errors
from psycopg.rows import dict_row
from psycopg.types.json import Jsonb
from psycopg_pool import AsyncConnectionPool

from examples.tennis import scoring
from examples.tennis.scoring import MatchState, SetScore

CHANNEL = "tennis_match"
SESSION_DAYS = 30
LIST_LIMIT = 200


class NotFound(LookupError):
    """The match does not exist or the viewer may not see it (private matches look absent)."""


class Forbidden(PermissionError):
    """The viewer sees the match but is not its creator."""


class UsernameTaken(ValueError):
    """Sign-up with a username that already exists."""


@dataclass(frozen=True, slots=True)
class User:
    """A signed-in user as the pages need it."""

    id: str
    username: str


@dataclass(frozen=True, slots=True)
class Session:
    """A live session: its user and the CSRF token its forms must carry."""

    user: User
    csrf_token: str


@dataclass(frozen=True, slots=True)
class Match:
    """A match with its score, its set history and who created it."""

    id: str
    created_at: datetime
    created_by_id: str
    created_by: str
    player1_name: str
    player2_name: str
    is_public: bool
    state: MatchState
    rev: str | None = None  # the id of the transaction that wrote this version, when it was just written

    @property
    def names(self) -> tuple[str, str]:
        return (self.player1_name, self.player2_name)

    def visible_to(self, user_id: str | None) -> bool:
        return self.is_public or self.created_by_id == user_id

    def public_dict(self) -> dict[str, Any]:
        """What viewers receive (page data and live events); no secrets in it."""
        s = self.state
        return {
            "matchId": self.id,
            "isPublic": self.is_public,
            "createdById": self.created_by_id,
            "player1Name": self.player1_name,
            "player2Name": self.player2_name,
            "score": s.score_json(),
            "currentSet": s.current_set,
            "server": s.server,
            "isComplete": s.is_complete,
            "winner": s.winner,
            "sets": [[x.set_number, x.player1_games, x.player2_games] for x in s.sets],
            "status": scoring.status_line(s, self.names),
            "rev": self.rev,
        }


def token_id(token: str) -> str:
    """The ``Session.id`` stored for a cookie token (its SHA-256): the database never holds tokens."""
    return hashlib.sha256(token.encode()).hexdigest()


def new_id() -> str:
    """``@default(uuid())`` is client-side in Prisma: the app makes the ids."""
    return str(uuid.uuid4())


# --- users and sessions -------------------------------------------------------------------------


async def create_user(conn: AsyncConnection, username: str, password_hash: str) -> User:
    uid = new_id()
    try:
        async with conn.transaction():
            await conn.execute(
                'INSERT INTO "User" ("id", "username", "passwordHash") VALUES (%s, %s, %s)',
                (uid, username, password_hash),
            )
    except errors.UniqueViolation:
        raise UsernameTaken(username) from None
    return User(uid, username)


async def user_password_hash(conn: AsyncConnection, username: str) -> tuple[User, str] | None:
    cur = await conn.execute('SELECT "id", "username", "passwordHash" FROM "User" WHERE "username" = %s', (username,))
    row = await cur.fetchone()
    return (User(row[0], row[1]), row[2]) if row else None


async def set_password_hash(conn: AsyncConnection, user_id: str, password_hash: str) -> None:
    await conn.execute('UPDATE "User" SET "passwordHash" = %s WHERE "id" = %s', (password_hash, user_id))


async def create_session(conn: AsyncConnection, user_id: str) -> tuple[str, str]:
    """A new session for `user_id`: returns (cookie token, CSRF token). Drops expired sessions."""
    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    now = datetime.now(timezone.utc)
    async with conn.transaction():
        await conn.execute('DELETE FROM "Session" WHERE "userId" = %s AND "expiresAt" < %s', (user_id, now))
        await conn.execute(
            'INSERT INTO "Session" ("id", "expiresAt", "csrfToken", "userId") VALUES (%s, %s, %s, %s)',
            (token_id(token), now + timedelta(days=SESSION_DAYS), csrf, user_id),
        )
    return token, csrf


async def get_session(conn: AsyncConnection, token: str) -> Session | None:
    cur = await conn.execute(
        'SELECT u."id", u."username", s."csrfToken" FROM "Session" s JOIN "User" u ON u."id" = s."userId" '
        'WHERE s."id" = %s AND s."expiresAt" > %s',
        (token_id(token), datetime.now(timezone.utc)),
    )
    row = await cur.fetchone()
    return Session(User(row[0], row[1]), row[2]) if row else None


async def delete_session(conn: AsyncConnection, token: str) -> None:
    await conn.execute('DELETE FROM "Session" WHERE "id" = %s', (token_id(token),))


# --- matches ------------------------------------------------------------------------------------

# One statement reads a match with its set history (a JSON array): fewer round trips per point.
_MATCH_SELECT = (
    'SELECT m."id", m."createdAt", m."createdById", u."username" AS "createdBy", m."player1Name", '
    'm."player2Name", m."isPublic", m."isComplete", m."currentSet", m."server", m."score", '
    '(SELECT coalesce(json_agg(json_build_array(s."setNumber", s."player1Games", s."player2Games") '
    'ORDER BY s."setNumber"), \'[]\') FROM "Set" s WHERE s."matchId" = m."id") AS "sets" '
    'FROM "Match" m JOIN "User" u ON u."id" = m."createdById"'
)


def _match(row: dict[str, Any]) -> Match:
    p1, p2 = scoring.players_from_json(row["score"])
    sets = tuple(SetScore(n, g1, g2) for n, g1, g2 in row["sets"])
    state = MatchState(p1, p2, row["currentSet"], row["server"], row["isComplete"], sets)
    return Match(
        row["id"], row["createdAt"], row["createdById"], row["createdBy"], row["player1Name"], row["player2Name"],
        row["isPublic"], state,
    )


async def list_matches(conn: AsyncConnection, viewer_id: str | None) -> list[Match]:
    """Public matches and the viewer's own private ones, newest first."""
    cur = conn.cursor(row_factory=dict_row)
    await cur.execute(
        f'{_MATCH_SELECT} WHERE m."isPublic" OR m."createdById" = %s ORDER BY m."createdAt" DESC, m."id" LIMIT %s',
        (viewer_id, LIST_LIMIT),
    )
    return [_match(r) for r in await cur.fetchall()]


async def get_match(conn: AsyncConnection, match_id: str, *, lock: bool = False) -> Match | None:
    cur = conn.cursor(row_factory=dict_row)
    await cur.execute(f'{_MATCH_SELECT} WHERE m."id" = %s' + (" FOR UPDATE OF m" if lock else ""), (match_id,))
    row = await cur.fetchone()
    return _match(row) if row else None


async def get_match_snapshot(conn: AsyncConnection, match_id: str) -> tuple[Match | None, str]:
    """The match and the snapshot it was read in (``pg_current_snapshot()``), in one transaction,
    so a live stream can tell which notifications the snapshot already contains."""
    async with conn.transaction():
        await conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        cur = await conn.execute("SELECT pg_current_snapshot()::text")
        snapshot = (await cur.fetchone())[0]
        match = await get_match(conn, match_id)
    return match, snapshot


def visible_in_snapshot(xid: int | str, snapshot: str) -> bool:
    """`pg_visible_in_snapshot` in Python: was transaction `xid` committed in `snapshot`
    (``xmin:xmax:xip,…``)? Both are xid8 values, which never wrap."""
    xid = int(xid)
    xmin, xmax, xip = snapshot.split(":")
    if xid < int(xmin):
        return True
    if xid >= int(xmax):
        return False
    return str(xid) not in xip.split(",")


async def create_match(conn: AsyncConnection, user_id: str, player1: str, player2: str, is_public: bool) -> str:
    mid = new_id()
    async with conn.transaction():
        await conn.execute(
            'INSERT INTO "Match" ("id", "createdById", "player1Name", "player2Name", "isPublic", "score") '
            'VALUES (%s, %s, %s, %s, %s, %s)',
            (mid, user_id, player1, player2, is_public, Jsonb(MatchState().score_json())),
        )
        match = await get_match(conn, mid)
        assert match is not None
        await _notify(conn, match)
    return mid


async def _notify(conn: AsyncConnection, match: Match, *, before: str = "", params: tuple[Any, ...] = ()) -> str:
    """Tell every app process that `match` changed (delivered at commit, in commit order).

    The payload carries the match's public data and the writing transaction's id, so a stream can
    drop a notification its snapshot already includes. `before` is an optional data-modifying
    statement run in the same round trip (as a CTE). Returns the transaction id (the ``rev``)."""
    data = json.dumps(match.public_dict(), separators=(",", ":"))
    notify = (
        "SELECT pg_current_xact_id()::text, "
        "pg_notify(%s, json_build_object('xid', pg_current_xact_id()::text, 'match', %s::json)::text)"
    )
    if before:
        cur = await conn.execute(f"WITH change AS ({before}) {notify}", (*params, CHANNEL, data))
    else:
        cur = await conn.execute(notify, (CHANNEL, data))
    return (await cur.fetchone())[0]


async def score_point(conn: AsyncConnection, match_id: str, user_id: str | None, player: int) -> Match:
    """Add a point for `player`, as the judge `user_id`. The row lock serialises concurrent points.

    Raises `NotFound` (absent, or private and not the viewer's), `Forbidden` (not the creator),
    `scoring.MatchComplete`."""
    async with conn.transaction():
        match = await get_match(conn, match_id, lock=True)
        if match is None or not match.visible_to(user_id):
            raise NotFound(match_id)
        if match.created_by_id != user_id:
            raise Forbidden(match_id)
        state = scoring.add_point(match.state, player)
        update, params = _state_update(match_id, state)
        await _insert_sets(conn, match_id, match.state, state)
        updated = replace(match, state=state)
        rev = await _notify(conn, updated, before=update, params=params)
    return replace(updated, rev=rev)


def _state_update(match_id: str, state: MatchState) -> tuple[str, tuple[Any, ...]]:
    return (
        'UPDATE "Match" SET "score" = %s, "currentSet" = %s, "server" = %s, "isComplete" = %s WHERE "id" = %s',
        (Jsonb(state.score_json()), state.current_set, state.server, state.is_complete, match_id),
    )


async def write_state(conn: AsyncConnection, match_id: str, previous: MatchState, state: MatchState) -> None:
    """Store `state` (final format: ``score`` JSON) and any set it finished."""
    await conn.execute(*_state_update(match_id, state))
    await _insert_sets(conn, match_id, previous, state)


async def _insert_sets(conn: AsyncConnection, match_id: str, previous: MatchState, state: MatchState) -> None:
    for s in state.sets[len(previous.sets):]:
        await conn.execute(
            'INSERT INTO "Set" ("id", "setNumber", "player1Games", "player2Games", "matchId") VALUES (%s, %s, %s, %s, %s)',
            (new_id(), s.set_number, s.player1_games, s.player2_games, match_id),
        )


async def set_visibility(conn: AsyncConnection, match_id: str, user_id: str | None, is_public: bool) -> Match:
    """Make a match public or private; only its creator may."""
    async with conn.transaction():
        match = await get_match(conn, match_id, lock=True)
        if match is None or not match.visible_to(user_id):
            raise NotFound(match_id)
        if match.created_by_id != user_id:
            raise Forbidden(match_id)
        updated = replace(match, is_public=is_public)
        rev = await _notify(
            conn, updated, before='UPDATE "Match" SET "isPublic" = %s WHERE "id" = %s', params=(is_public, match_id)
        )
    return replace(updated, rev=rev)


def make_pool(url: str, *, min_size: int = 2, max_size: int = 10) -> AsyncConnectionPool:
    """The app's connection pool (opened by the app's lifespan)."""
    return AsyncConnectionPool(url, min_size=min_size, max_size=max_size, open=False, kwargs={"autocommit": True})
