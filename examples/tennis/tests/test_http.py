"""The app over HTTP against a real database: accounts, CSRF, who may do what, bad input, and
concurrent points."""

from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from examples.tennis.scoring import MatchState, add_point

pytestmark = pytest.mark.postgres


def name(prefix: str = "u") -> str:
    return f"{prefix}{uuid.uuid4().hex[:10]}"


@pytest.fixture(scope="module")
def accounts(base_url):
    """Two signed-up users and an anonymous visitor, shared by the module's tests."""
    from examples.tennis.tests.conftest import Browser

    made = (Browser(base_url).signup(name("owner")), Browser(base_url).signup(name("other")), Browser(base_url))
    yield made
    for b in made:
        b.close()


@pytest.fixture
def people(accounts):
    """owner (creator of a new public and a new private match), other (another user), anon."""
    owner, other, anon = accounts
    public = owner.create_match("Pub One", "Pub Two", public=True)
    private = owner.create_match("Priv One", "Priv Two", public=False)
    return owner, other, anon, public, private


# --- accounts -----------------------------------------------------------------------------------


def test_signup_login_logout(browser):
    user = name()
    b = browser().signup(user)
    assert user in b.http.get("/").text
    r = b.post("/logout")
    assert r.status_code == 303
    assert user not in b.http.get("/").text
    r = b.post("/login", {"username": user, "password": "wrong password"})
    assert r.status_code == 401 and "Wrong username or password" in r.text
    r = b.post("/login", {"username": user, "password": "correct horse battery", "next": "/matches/new"})
    assert r.status_code == 303 and r.headers["location"] == "/matches/new"
    assert b.http.get("/matches/new").status_code == 200


def test_session_cookie_is_a_random_token_stored_hashed(browser, tennis_db):
    import psycopg

    b = browser().signup(name())
    token = b.http.cookies["tennis_session"]
    with psycopg.connect(tennis_db) as conn:
        ids = [r[0] for r in conn.execute('SELECT "id" FROM "Session"')]
        hashes = [r[0] for r in conn.execute('SELECT "passwordHash" FROM "User"')]
    assert token not in ids and len(token) >= 40
    assert all(h.startswith("$argon2id$") for h in hashes)


def test_open_redirect_refused(browser):
    b = browser()
    r = b.post("/signup", {"username": name(), "password": "correct horse battery", "next": "//evil.example/x"})
    assert r.status_code == 303 and r.headers["location"] == "/"


@pytest.mark.parametrize(
    "username,password,message",
    [
        ("ab", "long enough pw", "3 to 32"),
        ("bad name!", "long enough pw", "3 to 32"),
        ("x" * 33, "long enough pw", "3 to 32"),
        ("fine_name", "short", "at least 8"),
    ],
)
def test_signup_invalid_input_is_400(browser, username, password, message):
    r = browser().post("/signup", {"username": username, "password": password})
    assert r.status_code == 400 and message in r.text


def test_duplicate_username_is_400(browser):
    user = name()
    browser().signup(user)
    r = browser().post("/signup", {"username": user, "password": "another password"})
    assert r.status_code == 400 and "taken" in r.text


# --- CSRF ---------------------------------------------------------------------------------------


def test_csrf_rejections(browser, people):
    owner, other, anon, public, private = people
    # no token at all
    r = owner.post(f"/matches/{public}/point", {"player": "1"}, csrf=False)
    assert r.status_code == 403 and "security token" in r.text
    # a wrong token
    r = owner.http.post(f"/matches/{public}/point", data={"player": "1", "csrf_token": "forged"})
    assert r.status_code == 403
    # another user's (valid) token does not work for this user
    r = owner.http.post(f"/matches/{public}/point", data={"player": "1", "csrf_token": other.csrf()})
    assert r.status_code == 403
    # a logged-out form: the anonymous token must match the anonymous cookie
    fresh = httpx.Client(base_url=str(anon.http.base_url))
    r = fresh.post("/login", data={"username": "x", "password": "y", "csrf_token": "forged"})
    assert r.status_code == 403
    r = fresh.post("/matches", data={"player1Name": "a", "player2Name": "b"})
    assert r.status_code == 403
    fresh.close()
    # none of those counted
    score = owner.post(f"/matches/{public}/point", {"player": "2"}, json=True).json()["score"]
    assert score == {"player1": {"points": "0", "games": 0}, "player2": {"points": "15", "games": 0}}
    # the header form works too (used by the page's script)
    r = owner.http.post(f"/matches/{public}/point", data={"player": "1"},
                        headers={"X-CSRF-Token": owner.csrf(), "Accept": "application/json"})
    assert r.status_code == 200 and r.json()["score"]["player1"]["points"] == "15"
    fresh = httpx.Client(base_url=str(anon.http.base_url))
    assert fresh.post("/logout", data={"csrf_token": "forged"}).status_code == 403
    fresh.close()


# --- authorization, route by route --------------------------------------------------------------


def test_index_lists_public_and_own_private(people):
    owner, other, anon, public, private = people
    assert public in owner.http.get("/").text and private in owner.http.get("/").text
    for who in (other, anon):
        page = who.http.get("/").text
        assert public in page and private not in page


def test_index_newest_first(browser):
    b = browser().signup(name())
    first = b.create_match("First", "Match")
    second = b.create_match("Second", "Match")
    page = b.http.get("/").text
    assert page.index(second) < page.index(first)


def test_new_match_page(people):
    owner, other, anon, *_ = people
    r = anon.http.get("/matches/new")
    assert r.status_code == 303 and r.headers["location"].startswith("/login")
    assert owner.http.get("/matches/new").status_code == 200


def test_create_match_needs_login(people):
    owner, other, anon, *_ = people
    r = anon.post("/matches", {"player1Name": "A", "player2Name": "B"})
    assert r.status_code == 401


@pytest.mark.parametrize("path", ["/matches/{id}", "/matches/{id}/events"])
def test_match_page_and_stream_visibility(people, path):
    owner, other, anon, public, private = people
    for who in (owner, other, anon):
        with who.http.stream("GET", path.format(id=public)) as r:
            assert r.status_code == 200
    with owner.http.stream("GET", path.format(id=private)) as r:
        assert r.status_code == 200
    for who in (other, anon):
        r = who.http.get(path.format(id=private))
        assert r.status_code == 404
    assert owner.http.get(path.format(id=str(uuid.uuid4()))).status_code == 404


@pytest.mark.parametrize("action,data", [("point", {"player": "1"}), ("visibility", {"isPublic": "true"})])
def test_only_the_creator_changes_a_match(people, action, data):
    owner, other, anon, public, private = people
    for who in (other, anon):
        r = who.post(f"/matches/{public}/{action}", data, json=True)
        assert r.status_code == 403, (action, r.text)
        assert "creator" in r.json()["error"]
        r = who.post(f"/matches/{private}/{action}", data, json=True)
        assert r.status_code == 404, (action, r.text)
    for mid in (public, private):
        r = owner.post(f"/matches/{mid}/{action}", data, json=True)
        assert r.status_code == 200, r.text
    # the non-JS form answers with a redirect back to the match
    r = owner.post(f"/matches/{public}/{action}", data)
    assert r.status_code == 303 and r.headers["location"] == f"/matches/{public}"


def test_toggle_private_hides_the_match(people):
    owner, other, anon, public, private = people
    assert owner.post(f"/matches/{public}/visibility", {"isPublic": "false"}, json=True).json()["isPublic"] is False
    for who in (other, anon):
        assert public not in who.http.get("/").text
        assert who.http.get(f"/matches/{public}").status_code == 404
    owner.post(f"/matches/{public}/visibility", {"isPublic": "true"})
    assert other.http.get(f"/matches/{public}").status_code == 200


def test_logout_needs_login(people):
    *_, anon, _, _ = people
    assert anon.post("/logout").status_code == 401


# --- bad input ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data,message",
    [
        ({"player1Name": "", "player2Name": "B"}, "need a name"),
        ({"player1Name": "A", "player2Name": "   "}, "need a name"),
        ({"player1Name": "A" * 41, "player2Name": "B"}, "at most 40"),
        ({"player1Name": "A", "player2Name": "B", "visibility": "secret"}, "public or private"),
    ],
)
def test_create_match_invalid_input(people, data, message):
    owner = people[0]
    r = owner.post("/matches", data)
    assert r.status_code == 400 and message in r.text
    r = owner.post("/matches", data, json=True)
    assert r.status_code == 400 and message in r.json()["error"]


@pytest.mark.parametrize("player", ["0", "3", "", "one", "1.0"])
def test_point_invalid_player(people, player):
    owner, *_, public, _ = people
    r = owner.post(f"/matches/{public}/point", {"player": player}, json=True)
    assert r.status_code == 400 and "player 1 or 2" in r.json()["error"]


def test_visibility_invalid_value(people):
    owner, *_, public, _ = people
    r = owner.post(f"/matches/{public}/visibility", {"isPublic": "maybe"}, json=True)
    assert r.status_code == 400


def test_completed_match_cannot_be_scored(people):
    owner, *_, public, _ = people
    for _ in range(48):
        assert owner.post(f"/matches/{public}/point", {"player": "2"}, json=True).status_code == 200
    r = owner.post(f"/matches/{public}/point", {"player": "1"}, json=True)
    assert r.status_code == 409 and "complete" in r.json()["error"]
    page = owner.http.get(f"/matches/{public}").text
    assert "Match complete" in page


# --- concurrency --------------------------------------------------------------------------------


def test_concurrent_points_from_two_judges_are_all_counted(browser, base_url):
    """Two sessions of the same judge (two phones) fire 40 points at once: none is lost."""
    user = name()
    phone1 = browser().signup(user)
    phone2 = browser()
    assert phone2.post("/login", {"username": user, "password": "correct horse battery"}).status_code == 303
    mid = phone1.create_match()
    tokens = {phone1: phone1.csrf(), phone2: phone2.csrf()}

    def hit(i: int) -> int:
        who = phone1 if i % 2 else phone2
        return who.http.post(f"/matches/{mid}/point", data={"player": "1", "csrf_token": tokens[who]},
                             headers={"Accept": "application/json"}).status_code

    with ThreadPoolExecutor(16) as pool:
        codes = list(pool.map(hit, range(40)))
    assert codes == [200] * 40
    expected = MatchState()
    for _ in range(40):
        expected = add_point(expected, 1)
    final = phone1.post(f"/matches/{mid}/point", {"player": "2"}, json=True).json()
    expected = add_point(expected, 2)
    assert final["score"] == expected.score_json()
    assert final["sets"] == [[1, 6, 0]]
    assert final["currentSet"] == expected.current_set and final["server"] == expected.server


def test_names_are_escaped(people):
    owner = people[0]
    mid = owner.create_match("<script>alert(1)</script>", "Bea</script><b>")
    for page in (owner.http.get(f"/matches/{mid}").text, owner.http.get("/").text):
        assert "<script>alert(1)</script>" not in page and "</script><b>" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
