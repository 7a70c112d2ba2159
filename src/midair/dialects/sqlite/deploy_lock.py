"""The lock that keeps two midair deployers of one SQLite file apart: an OS file lock on
``<database>-midair-lock`` beside the database, never a lock inside SQLite.

Why not SQLite's own locks (Prisma's choice: EXCLUSIVE locking mode for the whole deploy): every
SQLite lock that excludes another deployer excludes the app's writes too, and with a rollback
journal its reads as well. Held for a whole deploy (expand, a backfill of minutes, the contract),
the app's writes would wait out their busy timeout and fail with "database is locked". Worse,
waiting for it in EXCLUSIVE locking mode keeps the SHARED lock taken on the way, so an app
commit in flight (RESERVED held, waiting for EXCLUSIVE) and the deployer (waiting for RESERVED)
wait for each other until the app's busy timeout gives up.

A file lock costs the app nothing: midair's statements then take SQLite's write lock only for
their own short transactions. `flock` locks belong to the open file, so two deployers in one
process exclude each other too, and the OS releases the lock of a process that dies. The lock
file is left in place: removing it while another deployer waits on it would let a third one
lock a new file of the same name.
"""

from __future__ import annotations

import os
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from midair.errors import LockTimeout, MigrationError

POLL_SECONDS = 0.05


def lock_file(database: Path) -> Path:
    return database.with_name(database.name + "-midair-lock")


@contextmanager
def deploy_lock(database: Path | None, timeout: float) -> Iterator[None]:
    """Hold the deployers' lock of the database file `database` (None: an in-memory database,
    which no other process can see); raise `LockTimeout` after `timeout` seconds of waiting."""
    if database is None:
        yield
        return
    path = lock_file(database.resolve())
    fd = _open(path)
    try:
        deadline = time.monotonic() + max(0.0, timeout)
        while not _try_lock(fd):
            if time.monotonic() >= deadline:
                raise LockTimeout(
                    f"Another deployer held the SQLite database `{database}` for more than {timeout:g} s "
                    f"(its lock file `{path.name}` is locked).",
                    hint="Wait for it to finish, or raise --lock-timeout.",
                )
            time.sleep(POLL_SECONDS)
        try:
            yield
        finally:
            _unlock(fd)
    finally:
        os.close(fd)


def held_elsewhere(database: Path | None) -> bool:
    """Whether another deployer holds the lock right now."""
    if database is None:
        return False
    path = lock_file(database.resolve())
    if not path.exists():
        return False
    fd = _open(path)
    try:
        if _try_lock(fd):
            _unlock(fd)
            return False
        return True
    finally:
        os.close(fd)


def _open(path: Path) -> int:
    try:
        return os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as e:
        raise MigrationError(f"Cannot open the deploy lock file `{path}`: {e.strerror}.") from None


if sys.platform == "win32":  # pragma: no cover - no Windows runner
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            return False

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


__all__ = ["deploy_lock", "held_elsewhere", "lock_file"]
