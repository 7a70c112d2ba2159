"""Passwords (argon2id), the session cookie and CSRF tokens.

- The session cookie holds a random token; the database keeps its SHA-256 (`store.token_id`).
- Every POST carries a CSRF token, in the form field ``csrf_token`` or the ``X-CSRF-Token``
  header. Signed-in users' token is stored with their session; anonymous visitors (sign-up and
  log-in forms) get a random token in a separate cookie and must send it back (double submit).
  The cookies are ``SameSite=Lax`` as well, a second line of defence.
"""

from __future__ import annotations

import asyncio
import hmac
import re
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

SESSION_COOKIE = "tennis_session"
ANON_CSRF_COOKIE = "tennis_csrf"
USERNAME = re.compile(r"^[A-Za-z0-9_.-]{3,32}$")
MIN_PASSWORD = 8
MAX_PASSWORD = 256

# argon2id with OWASP's minimum profile (19 MiB, 2 passes, 1 lane): about 0.2 s on a small server
# core, instead of the library default's 0.7 s, which would let a handful of log-ins stall the app.
_hasher = PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1)
# A real hash to verify against when the username is unknown, so that a login with a wrong
# username takes as long as one with a wrong password (no user enumeration by timing).
_DUMMY_HASH: list[str] = []


def _dummy_hash() -> str:
    if not _DUMMY_HASH:
        _DUMMY_HASH.append(_hasher.hash(secrets.token_urlsafe(16)))
    return _DUMMY_HASH[0]


async def hash_password(password: str) -> str:
    # argon2 is deliberately slow: keep it off the event loop.
    return await asyncio.to_thread(_hasher.hash, password)


async def verify_password(password_hash: str | None, password: str) -> bool:
    def check() -> bool:
        try:
            return _hasher.verify(password_hash or _dummy_hash(), password) and password_hash is not None
        except (VerificationError, InvalidHashError):
            return False

    return await asyncio.to_thread(check)


def new_csrf_token() -> str:
    return secrets.token_urlsafe(32)


def tokens_match(expected: str | None, given: str | None) -> bool:
    return bool(expected) and bool(given) and hmac.compare_digest(str(expected), str(given))


def username_problem(username: str) -> str | None:
    if not USERNAME.match(username):
        return "A username is 3 to 32 letters, digits, dots, dashes or underscores."
    return None


def password_problem(password: str) -> str | None:
    if len(password) < MIN_PASSWORD:
        return f"A password needs at least {MIN_PASSWORD} characters."
    if len(password) > MAX_PASSWORD:
        return f"A password has at most {MAX_PASSWORD} characters."
    return None
