"""The demo account and its matches, created at start by ``python -m examples.tennis``."""

from __future__ import annotations

import random

import psycopg

from examples.tennis import auth, scoring, store
from examples.tennis.scoring import MatchState

DEMO_USERNAME = "demo"
DEMO_PASSWORD = "tennis-demo"

# (player 1, player 2, public, points to play: a seeded random sequence of that length)
DEMO_MATCHES = (
    ("Rafael Nadal", "Roger Federer", True, 400),
    ("Serena Williams", "Venus Williams", True, 37),
    ("Me", "My coach", False, 11),
)


async def seed_demo(url: str) -> tuple[str, str]:
    """Make sure the demo account exists with the printed password, and give it a few matches
    the first time. Returns (username, password)."""
    async with await psycopg.AsyncConnection.connect(url, autocommit=True) as conn:
        password_hash = await auth.hash_password(DEMO_PASSWORD)
        found = await store.user_password_hash(conn, DEMO_USERNAME)
        if found:
            await store.set_password_hash(conn, found[0].id, password_hash)
            return DEMO_USERNAME, DEMO_PASSWORD
        user = await store.create_user(conn, DEMO_USERNAME, password_hash)
        rng = random.Random(2025)
        for p1, p2, public, points in DEMO_MATCHES:
            mid = await store.create_match(conn, user.id, p1, p2, public)
            state = MatchState()
            for _ in range(points):
                if state.is_complete:
                    break
                state = scoring.add_point(state, 1 if rng.random() < 0.55 else 2)
            async with conn.transaction():
                await store.write_state(conn, mid, MatchState(), state)
    return DEMO_USERNAME, DEMO_PASSWORD
