"""The tennis score tracker: a Starlette app with server-rendered pages and live scores.

Routes (who may do what):

=============================  ==========================================================
``GET /``                       everyone: public matches + the viewer's own private ones
``GET|POST /signup``, ``/login``  everyone (POST needs the anonymous CSRF token)
``POST /logout``                signed-in users
``GET /matches/new``            signed-in users (others are sent to ``/login``)
``POST /matches``               signed-in users (401 otherwise)
``GET /matches/{id}``           everyone if public; only the creator if private (404 for others)
``GET /matches/{id}/events``    same as the page: a Server-Sent-Event stream of score changes
``POST /matches/{id}/point``    the creator (judge) only: 403 for others, 404 if private
``POST /matches/{id}/visibility``  the creator only, likewise
=============================  ==========================================================

Every POST checks a CSRF token (403 without it). Bad input answers 400 with a message; a point
on a completed match answers 409. Requests that ask for JSON (``Accept: application/json``) get
``{"error": …}`` or the match; browsers get pages and redirects.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

from starlette.applications import Starlette
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response, StreamingResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from examples.tennis import auth, scoring, store
from examples.tennis.live import Broker, Overflow

HERE = Path(__file__).resolve().parent
MAX_NAME = 40
KEEPALIVE_SECONDS = 15.0
log = logging.getLogger("tennis")

templates = Jinja2Templates(directory=str(HERE / "templates"))


# --- request helpers ----------------------------------------------------------------------------


async def current_session(request: Request) -> store.Session | None:
    """The signed-in session of this request (looked up once per request)."""
    if not hasattr(request.state, "session"):
        token = request.cookies.get(auth.SESSION_COOKIE)
        session = None
        if token:
            async with request.app.state.pool.connection() as conn:
                session = await store.get_session(conn, token)
        request.state.session = session
    return request.state.session


def wants_json(request: Request) -> bool:
    return "application/json" in request.headers.get("accept", "")


def anon_csrf(request: Request) -> str:
    """The anonymous visitor's CSRF token (a new one is set as a cookie by `render`)."""
    if not hasattr(request.state, "anon_csrf"):
        request.state.anon_csrf = request.cookies.get(auth.ANON_CSRF_COOKIE) or auth.new_csrf_token()
    return request.state.anon_csrf


async def csrf_token(request: Request) -> str:
    session = await current_session(request)
    return session.csrf_token if session else anon_csrf(request)


async def checked_form(request: Request) -> FormData:
    """The POST's form, once its CSRF token is verified (403 otherwise)."""
    form = await request.form()
    given = form.get("csrf_token") or request.headers.get("x-csrf-token")
    session = await current_session(request)
    expected = session.csrf_token if session else request.cookies.get(auth.ANON_CSRF_COOKIE)
    if not auth.tokens_match(expected, str(given) if given else None):
        raise HTTPException(403, "The form's security token is missing or out of date. Reload the page and try again.")
    return form


async def render(request: Request, name: str, context: dict[str, Any] | None = None, status_code: int = 200) -> Response:
    session = await current_session(request)
    ctx = {"user": session.user if session else None, "csrf_token": await csrf_token(request), **(context or {})}
    response = templates.TemplateResponse(request, name, ctx, status_code=status_code)
    if session is None and request.cookies.get(auth.ANON_CSRF_COOKIE) != ctx["csrf_token"]:
        _cookie(request, response, auth.ANON_CSRF_COOKIE, ctx["csrf_token"], max_age=None)
    response.headers["Cache-Control"] = "no-store"
    return response


def _cookie(request: Request, response: Response, name: str, value: str, *, max_age: int | None) -> None:
    response.set_cookie(
        name, value, max_age=max_age, httponly=True, samesite="lax", secure=request.app.state.secure_cookies, path="/"
    )


def safe_next(value: str | None) -> str:
    """Only same-site paths are followed after log-in (no open redirect)."""
    if value and value.startswith("/") and not value.startswith("//") and "\\" not in value:
        return value
    return "/"


def field(form: FormData, name: str) -> str:
    value = form.get(name)
    return value.strip() if isinstance(value, str) else ""


async def require_user(request: Request) -> store.Session:
    session = await current_session(request)
    if session is None:
        raise HTTPException(401, "Log in first.")
    return session


async def visible_match(request: Request) -> store.Match:
    """The match of the URL if the viewer may see it; 404 otherwise (private looks absent)."""
    session = await current_session(request)
    async with request.app.state.pool.connection() as conn:
        match = await store.get_match(conn, request.path_params["match_id"])
    if match is None or not match.visible_to(session.user.id if session else None):
        raise HTTPException(404, "There is no such match.")
    return match


# --- pages --------------------------------------------------------------------------------------


async def index(request: Request) -> Response:
    session = await current_session(request)
    async with request.app.state.pool.connection() as conn:
        matches = await store.list_matches(conn, session.user.id if session else None)
    return await render(request, "index.html", {"matches": matches})


async def signup(request: Request) -> Response:
    if request.method == "GET":
        return await render(request, "signup.html", {"next": safe_next(request.query_params.get("next"))})
    form = await checked_form(request)
    username, password = field(form, "username"), str(form.get("password") or "")
    nxt = safe_next(field(form, "next"))
    problem = auth.username_problem(username) or auth.password_problem(password)
    if problem:
        return await render(request, "signup.html", {"error": problem, "username": username, "next": nxt}, 400)
    async with request.app.state.pool.connection() as conn:
        try:
            user = await store.create_user(conn, username, await auth.hash_password(password))
        except store.UsernameTaken:
            return await render(
                request, "signup.html", {"error": "That username is taken.", "username": username, "next": nxt}, 400
            )
        return await _start_session(request, conn, user.id, nxt)


async def login(request: Request) -> Response:
    if request.method == "GET":
        return await render(request, "login.html", {"next": safe_next(request.query_params.get("next"))})
    form = await checked_form(request)
    username, password = field(form, "username"), str(form.get("password") or "")
    nxt = safe_next(field(form, "next"))
    async with request.app.state.pool.connection() as conn:
        found = await store.user_password_hash(conn, username)
        if not await auth.verify_password(found[1] if found else None, password):
            ctx = {"error": "Wrong username or password.", "username": username, "next": nxt}
            return await render(request, "login.html", ctx, 401)
        assert found is not None
        return await _start_session(request, conn, found[0].id, nxt)


async def _start_session(request: Request, conn: Any, user_id: str, nxt: str) -> Response:
    token, _ = await store.create_session(conn, user_id)
    response = RedirectResponse(nxt, status_code=303)
    _cookie(request, response, auth.SESSION_COOKIE, token, max_age=store.SESSION_DAYS * 86400)
    response.delete_cookie(auth.ANON_CSRF_COOKIE, path="/")
    return response


async def logout(request: Request) -> Response:
    await checked_form(request)
    await require_user(request)
    async with request.app.state.pool.connection() as conn:
        await store.delete_session(conn, request.cookies[auth.SESSION_COOKIE])
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(auth.SESSION_COOKIE, path="/")
    return response


async def new_match(request: Request) -> Response:
    if await current_session(request) is None:
        return RedirectResponse("/login?next=" + quote("/matches/new"), status_code=303)
    return await render(request, "new_match.html", {"is_public": True})


async def create_match(request: Request) -> Response:
    form = await checked_form(request)
    session = await require_user(request)
    p1, p2 = field(form, "player1Name"), field(form, "player2Name")
    visibility = field(form, "visibility") or "public"
    problem = None
    if not p1 or not p2:
        problem = "Both players need a name."
    elif len(p1) > MAX_NAME or len(p2) > MAX_NAME:
        problem = f"A player's name has at most {MAX_NAME} characters."
    elif visibility not in ("public", "private"):
        problem = "Visibility is public or private."
    if problem:
        if wants_json(request):
            return JSONResponse({"error": problem}, 400)
        ctx = {"error": problem, "player1Name": p1, "player2Name": p2, "is_public": visibility != "private"}
        return await render(request, "new_match.html", ctx, 400)
    async with request.app.state.pool.connection() as conn:
        mid = await store.create_match(conn, session.user.id, p1, p2, visibility == "public")
    if wants_json(request):
        return JSONResponse({"matchId": mid}, 201)
    return RedirectResponse(f"/matches/{mid}", status_code=303)


async def match_page(request: Request) -> Response:
    match = await visible_match(request)
    session = await current_session(request)
    is_judge = session is not None and session.user.id == match.created_by_id
    data = match.public_dict()
    del data["createdById"]
    return await render(request, "match.html", {"match": match, "is_judge": is_judge, "data": data})


async def _match_action(request: Request, action: Callable[[Any, str, str | None], Awaitable[store.Match]]) -> Response:
    form = await checked_form(request)
    session = await current_session(request)
    mid = request.path_params["match_id"]
    try:
        async with request.app.state.pool.connection() as conn:
            match = await action(conn, form, session.user.id if session else None)
    except store.NotFound:
        raise HTTPException(404, "There is no such match.") from None
    except store.Forbidden:
        raise HTTPException(403, "Only the match's creator can do that.") from None
    except scoring.MatchComplete as exc:
        raise HTTPException(409, str(exc)) from None
    if wants_json(request):
        data = match.public_dict()
        del data["createdById"]
        return JSONResponse(data)
    return RedirectResponse(f"/matches/{mid}", status_code=303)


async def add_point(request: Request) -> Response:
    async def act(conn: Any, form: FormData, user_id: str | None) -> store.Match:
        player = field(form, "player")
        if player not in ("1", "2"):
            raise HTTPException(400, "Choose player 1 or 2.")
        return await store.score_point(conn, request.path_params["match_id"], user_id, int(player))

    return await _match_action(request, act)


async def set_visibility(request: Request) -> Response:
    async def act(conn: Any, form: FormData, user_id: str | None) -> store.Match:
        value = field(form, "isPublic")
        if value not in ("true", "false"):
            raise HTTPException(400, "isPublic is true or false.")
        return await store.set_visibility(conn, request.path_params["match_id"], user_id, value == "true")

    return await _match_action(request, act)


def _sse(event: str, data: dict[str, Any]) -> str:
    return f"event: {event}\ndata: {json.dumps(data, separators=(',', ':'))}\n\n"


def _public(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k != "createdById"}


async def events(request: Request) -> Response:
    """Server-Sent Events: the match's state now, then every change as it commits.

    Subscribe first, then read a snapshot: a notification the snapshot already includes is
    dropped (by transaction id), so the stream never goes back to an older score. If the match
    becomes private, other viewers get a ``gone`` event and the stream ends."""
    session = await current_session(request)
    viewer = session.user.id if session else None
    mid = request.path_params["match_id"]
    pool = request.app.state.pool
    sub = request.app.state.broker.subscribe(mid)
    try:
        async with pool.connection() as conn:
            match, snapshot = await store.get_match_snapshot(conn, mid)
        if match is None or not match.visible_to(viewer):
            raise HTTPException(404, "There is no such match.")
    except BaseException:
        sub.close()
        raise

    async def stream() -> AsyncIterator[str]:
        nonlocal snapshot
        try:
            yield "retry: 1000\n\n"
            yield _sse("score", _public(match.public_dict()))
            while True:
                try:
                    item = await asyncio.wait_for(sub.get(), KEEPALIVE_SECONDS)
                except TimeoutError:
                    yield ": keep-alive\n\n"
                    continue
                if item is None:  # the app is stopping
                    return
                if item.get("resync"):
                    async with pool.connection() as conn:
                        fresh, snapshot = await store.get_match_snapshot(conn, mid)
                    if fresh is None or not fresh.visible_to(viewer):
                        yield _sse("gone", {"matchId": mid})
                        return
                    yield _sse("score", _public(fresh.public_dict()))
                    continue
                if store.visible_in_snapshot(item["xid"], snapshot):
                    continue
                data = item["match"]
                if not (data["isPublic"] or data["createdById"] == viewer):
                    yield _sse("gone", {"matchId": mid})
                    return
                # The same text for every viewer of this change: serialise it once, not once per stream.
                text = item.get("_sse")
                if text is None:
                    text = item["_sse"] = _sse("score", {**_public(data), "rev": item["xid"]})
                yield text
        except Overflow:
            return
        finally:
            sub.close()

    headers = {"Cache-Control": "no-store", "X-Accel-Buffering": "no"}
    return StreamingResponse(stream(), media_type="text/event-stream", headers=headers)


async def healthz(request: Request) -> Response:
    return JSONResponse({"ok": True})


# --- errors -------------------------------------------------------------------------------------


async def http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if wants_json(request) or request.url.path.endswith("/events"):
        return JSONResponse({"error": exc.detail}, exc.status_code, headers=exc.headers)
    return await render(request, "error.html", {"status": exc.status_code, "message": exc.detail}, exc.status_code)


# --- app ----------------------------------------------------------------------------------------


def create_app(database_url: str, *, secure_cookies: bool = False, pool_size: int = 10) -> Starlette:
    """The ASGI app on `database_url` (a migrated database: see `examples.tennis.db.migrate`)."""

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        app.state.pool = store.make_pool(database_url, max_size=pool_size)
        await app.state.pool.open(wait=True)
        app.state.broker = Broker(database_url)
        await app.state.broker.start()
        try:
            yield
        finally:
            await app.state.broker.stop()
            await app.state.pool.close()

    routes = [
        Route("/", index),
        Route("/signup", signup, methods=["GET", "POST"]),
        Route("/login", login, methods=["GET", "POST"]),
        Route("/logout", logout, methods=["POST"]),
        Route("/matches/new", new_match),
        Route("/matches", create_match, methods=["POST"]),
        Route("/matches/{match_id}", match_page),
        Route("/matches/{match_id}/events", events),
        Route("/matches/{match_id}/point", add_point, methods=["POST"]),
        Route("/matches/{match_id}/visibility", set_visibility, methods=["POST"]),
        Route("/healthz", healthz),
        Mount("/static", StaticFiles(directory=str(HERE / "static")), name="static"),
    ]
    app = Starlette(routes=routes, lifespan=lifespan, exception_handlers={HTTPException: http_error})
    app.state.secure_cookies = secure_cookies
    return app
