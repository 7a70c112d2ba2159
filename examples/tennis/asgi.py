"""An ASGI entry point for servers: ``uvicorn examples.tennis.asgi:app_from_env --factory``.

Reads ``DATABASE_URL`` (an already migrated database). Run as many processes as you like: live
updates go through PostgreSQL ``LISTEN/NOTIFY``, so every process pushes every change.
"""

from __future__ import annotations

import os

from starlette.applications import Starlette

from examples.tennis.app import create_app


def app_from_env() -> Starlette:
    return create_app(os.environ["DATABASE_URL"], secure_cookies=os.environ.get("TENNIS_SECURE_COOKIES") == "1")
