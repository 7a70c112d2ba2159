"""Serving the app with uvicorn, ending the live streams first when the server stops.

uvicorn waits for open connections (up to its graceful-shutdown timeout) *before* it tells the
app to shut down, and an event stream never ends by itself: without this, every stop would wait
for the timeout and then cancel the streams. `Server` ends them first, so browsers reconnect to
another process at once.

``python -m examples.tennis.serve --port 8001`` serves an already migrated ``DATABASE_URL``.
"""

from __future__ import annotations

import argparse
import os
import sys

import uvicorn
from starlette.applications import Starlette

from examples.tennis.app import create_app


class Server(uvicorn.Server):
    """A uvicorn server that closes the app's event streams as the first step of shutting down."""

    def __init__(self, config: uvicorn.Config) -> None:
        super().__init__(config)
        self.app = config.app

    async def shutdown(self, sockets=None) -> None:  # type: ignore[no-untyped-def]
        broker = getattr(getattr(self.app, "state", None), "broker", None)
        if broker is not None:
            await broker.stop()
        await super().shutdown(sockets)


def config(app: Starlette, host: str, port: int) -> uvicorn.Config:
    return uvicorn.Config(app, host=host, port=port, log_level="warning", timeout_graceful_shutdown=2)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m examples.tennis.serve")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args(argv)
    Server(config(create_app(os.environ["DATABASE_URL"]), args.host, args.port)).run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
