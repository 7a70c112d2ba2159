"""Open SQLite connections with the standard library (autocommit; explicit transactions)."""

from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from typing import Any, Iterator, Sequence

from midair.errors import ConnectionError
from midair.urls import DatabaseUrl


class SqliteConnection:
    """A `Connection` over sqlite3 with foreign keys enforced, as Prisma opens SQLite."""

    def __init__(self, url: DatabaseUrl) -> None:
        self.url = url
        target = str(url.path) if url.path is not None else ":memory:"
        try:
            if url.path is not None:
                url.path.parent.mkdir(parents=True, exist_ok=True)
            self.raw = sqlite3.connect(target, isolation_level=None, timeout=30, check_same_thread=False)
        except (sqlite3.Error, OSError) as e:
            raise ConnectionError(f"Cannot open the SQLite database `{target}`: {e}") from None
        self.raw.execute("PRAGMA foreign_keys = ON")
        self._depth = 0

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        self.raw.execute(sql, tuple(params))

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return self.raw.execute(sql, tuple(params)).fetchall()

    def script(self, sql: str) -> None:
        self.raw.executescript(sql)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        if self._depth:
            name = f"sp{self._depth}"
            self.raw.execute(f"SAVEPOINT {name}")
            self._depth += 1
            try:
                yield
            except BaseException:
                self.raw.execute(f"ROLLBACK TO {name}")
                self.raw.execute(f"RELEASE {name}")
                raise
            finally:
                self._depth -= 1
            self.raw.execute(f"RELEASE {name}")
            return
        self.raw.execute("BEGIN IMMEDIATE")
        self._depth = 1
        try:
            yield
        except BaseException:
            self.raw.execute("ROLLBACK")
            raise
        finally:
            self._depth = 0
        self.raw.execute("COMMIT")

    def close(self) -> None:
        self.raw.close()

    def __enter__(self) -> SqliteConnection:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def connect(url: DatabaseUrl) -> SqliteConnection:
    return SqliteConnection(url)
