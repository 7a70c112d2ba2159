"""The app in a real Chromium (Playwright driving /usr/bin/chromium): sign up, log in, create a
match, score it while another browser watches live, and make it private."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from examples.tennis.tests.server import apps_in_processes

pytestmark = [pytest.mark.browser, pytest.mark.postgres]

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
PASSWORD = "a good long password"


@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def app_url(tennis_db) -> Iterator[str]:
    """The app in its own process, so the browser driver and the server do not share a GIL."""
    with apps_in_processes(tennis_db, 1) as (base,):
        yield base


@pytest.fixture
def contexts(chromium, app_url):
    made = []

    def make(**kw) -> Page:
        ctx = chromium.new_context(base_url=app_url, **kw)
        made.append(ctx)
        return ctx.new_page()

    yield make
    for ctx in made:
        ctx.close()


def sign_up(page: Page, username: str) -> None:
    page.goto("/signup")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    expect(page.get_by_test_id("username")).to_have_text(username)


def log_in(page: Page, username: str) -> None:
    page.goto("/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    expect(page.get_by_test_id("username")).to_have_text(username)


def create_match(page: Page, p1: str, p2: str) -> str:
    page.click("text=New match")
    page.fill("input[name=player1Name]", p1)
    page.fill("input[name=player2Name]", p2)
    page.click("button:has-text('Start match')")
    page.wait_for_url("**/matches/*")
    expect(page.locator("#conn")).to_have_attribute("data-state", "live")
    return page.url.rsplit("/", 1)[1]


def test_judge_scores_and_a_watcher_sees_each_point_live(contexts):
    judge_name, fan_name = f"judge{uuid.uuid4().hex[:6]}", f"fan{uuid.uuid4().hex[:6]}"
    judge = contexts(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)  # a phone
    sign_up(judge, judge_name)
    judge.click("text=Log out")
    expect(judge.locator("header a[href='/login']")).to_be_visible()
    log_in(judge, judge_name)
    mid = create_match(judge, "Ana Ivanovic", "Bea Haddad")

    fan = contexts()
    sign_up(fan, fan_name)
    fan.goto(f"/matches/{mid}")
    expect(fan.locator("#conn")).to_have_attribute("data-state", "live")
    fan.evaluate("window.__sameDocument = true")  # gone if the page reloads
    expect(fan.get_by_test_id("point-1")).to_have_count(0)  # not the judge: no buttons

    # 1:15, 1:30, 2:15, 1:40, 1:game → games 1-0, points back to 0
    steps = [("1", "15", "0", 0), ("1", "30", "0", 0), ("2", "30", "15", 0), ("1", "40", "15", 0), ("1", "0", "0", 1)]
    for player, p1, p2, games in steps:
        clicked = time.monotonic()
        judge.get_by_test_id(f"point-{player}").click()
        expect(fan.get_by_test_id("p1-points")).to_have_text(p1, timeout=1000)
        expect(fan.get_by_test_id("p2-points")).to_have_text(p2, timeout=1000)
        expect(fan.get_by_test_id("p1-games")).to_have_text(str(games), timeout=1000)
        assert time.monotonic() - clicked < 1.0
        expect(judge.get_by_test_id("p1-points")).to_have_text(p1)
    assert fan.evaluate("window.__sameDocument") is True

    # deuce and advantage show as words
    for player in "1112221":
        judge.get_by_test_id(f"point-{player}").click()
        time.sleep(0.05)
    expect(fan.get_by_test_id("status")).to_have_text("Advantage Ana Ivanovic", timeout=2000)


def test_going_private_hides_the_match_from_others(contexts):
    judge_name, fan_name = f"judge{uuid.uuid4().hex[:6]}", f"fan{uuid.uuid4().hex[:6]}"
    judge = contexts()
    sign_up(judge, judge_name)
    mid = create_match(judge, "Cara Black", "Dina Fox")
    fan = contexts()
    sign_up(fan, fan_name)
    expect(fan.locator(f"[data-match-id='{mid}']")).to_have_count(1)
    fan.goto(f"/matches/{mid}")
    expect(fan.locator("#conn")).to_have_attribute("data-state", "live")

    judge.get_by_test_id("toggle-visibility").click()
    expect(judge.get_by_test_id("visibility")).to_have_text("Private")
    expect(fan.locator("#gone")).to_be_visible(timeout=1000)  # the open page learns it at once

    fan.goto("/")
    expect(fan.locator(f"[data-match-id='{mid}']")).to_have_count(0)
    response = fan.goto(f"/matches/{mid}")
    assert response is not None and response.status == 404
    # the judge still has it, and can make it public again
    judge.goto("/")
    expect(judge.locator(f"[data-match-id='{mid}'] .tag.private")).to_have_count(1)
    judge.goto(f"/matches/{mid}")
    judge.get_by_test_id("toggle-visibility").click()
    expect(judge.get_by_test_id("visibility")).to_have_text("Public")
    assert fan.goto(f"/matches/{mid}").status == 200


def test_static_assets_are_served_locally(contexts):
    page = contexts()
    external = []
    page.on("request", lambda r: external.append(r.url) if not r.url.startswith(page.context.pages[0].url.split("/")[0]) else None)
    page.goto("/login")
    hosts = {r.split("/")[2] for r in external if r.startswith("http")}
    assert hosts <= {page.url.split("/")[2]}, hosts
    assert page.evaluate("getComputedStyle(document.querySelector('header.top')).position") == "sticky"
