"""Fixtures for the tennis app's tests: a migrated database and the app served on loopback."""

from __future__ import annotations

import re
from collections.abc import Iterator

import httpx
import pytest

from examples.tennis.db import migrate
from examples.tennis.tests.server import app_in_thread
from midair.testing import postgres

pytest_plugins = ["midair.testing.pytest_plugin"]


@pytest.fixture(scope="module")
def tennis_db() -> Iterator[str]:
    """A fresh database with the app's migrations applied (one per test module)."""
    url = postgres.create_database("tennis_test")
    try:
        migrate(url)
        yield url
    finally:
        postgres.drop_database(url)


@pytest.fixture(scope="module")
def base_url(tennis_db: str) -> Iterator[str]:
    with app_in_thread(tennis_db) as base:
        yield base


CSRF = re.compile(r'name="csrf-token" content="([^"]+)"')


class Browser:
    """An HTTP client with its own cookies, like one person's browser."""

    def __init__(self, base: str) -> None:
        self.http = httpx.Client(base_url=base, follow_redirects=False, timeout=10)

    def csrf(self, path: str = "/") -> str:
        page = self.http.get(path)
        m = CSRF.search(page.text)
        assert m, f"no CSRF token on {path} ({page.status_code})"
        return m.group(1)

    def post(self, path: str, data: dict[str, str] | None = None, *, json: bool = False, csrf: bool = True) -> httpx.Response:
        body = dict(data or {})
        if csrf:
            body["csrf_token"] = self.csrf()
        headers = {"Accept": "application/json"} if json else {}
        return self.http.post(path, data=body, headers=headers)

    def signup(self, username: str, password: str = "correct horse battery") -> Browser:
        r = self.post("/signup", {"username": username, "password": password})
        assert r.status_code == 303, r.text
        return self

    def create_match(self, p1: str = "Ana", p2: str = "Bea", *, public: bool = True) -> str:
        r = self.post("/matches", {"player1Name": p1, "player2Name": p2, "visibility": "public" if public else "private"})
        assert r.status_code == 303, r.text
        return r.headers["location"].rsplit("/", 1)[1]

    def close(self) -> None:
        self.http.close()


@pytest.fixture
def browser(base_url: str) -> Iterator[callable]:
    """A factory of `Browser`s (closed after the test)."""
    made: list[Browser] = []

    def make() -> Browser:
        b = Browser(base_url)
        made.append(b)
        return b

    yield make
    for b in made:
        b.close()
