"""``python -m examples.tennis``: the tennis score tracker on an embedded PostgreSQL.

Uses ``DATABASE_URL`` when it is set; otherwise starts an embedded server (pgserver: real
PostgreSQL binaries from a wheel, nothing to install) with its data under the temp dir. Applies the
migrations with midair, creates the demo account, prints the URL and serves until Ctrl-C.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import warnings

from midair.urls import redact


def _embedded_database() -> str:
    from urllib.parse import urlsplit, urlunsplit

    import psycopg

    from midair.testing.postgres import start_embedded

    admin = start_embedded()
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = 'tennis'").fetchone():
            conn.execute('CREATE DATABASE "tennis"')
    return urlunsplit(urlsplit(admin)._replace(path="/tennis"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m examples.tennis", description=__doc__.split("\n")[0])
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000)")
    args = parser.parse_args(argv)
    # pgserver's platformdirs complains about XDG_RUNTIME_DIR in containers; it does not matter here.
    warnings.filterwarnings("ignore", message=".*XDG_RUNTIME_DIR.*")

    from examples.tennis.app import create_app
    from examples.tennis.db import migrate
    from examples.tennis.demo import seed_demo
    from examples.tennis.serve import Server, config

    url = os.environ.get("DATABASE_URL")
    if url:
        print(f"Database: {redact(url)} (from DATABASE_URL)", flush=True)
    else:
        print("Starting an embedded PostgreSQL (pgserver)…", flush=True)
        url = _embedded_database()
        print(f"Database: {redact(url)}", flush=True)
    applied = migrate(url)
    print(f"Migrations: {len(applied)} applied" + (f" ({', '.join(applied)})" if applied else ", already up to date"), flush=True)
    username, password = asyncio.run(seed_demo(url))
    shown_host = "127.0.0.1" if args.host in ("0.0.0.0", "::") else args.host
    print(f"Demo account: username {username!r}, password {password!r}", flush=True)
    print(f"Open http://{shown_host}:{args.port}/", flush=True)
    Server(config(create_app(url), args.host, args.port)).run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
