"""Per-migration settings: the optional `migration.toml` beside a `migration.sql`.

Prisma ignores the file; midair reads it to know how to apply the migration and which phase of an
expand/contract change it is. Every key is optional; a folder without the file gets the defaults
(one transaction, no lock timeout, no phase), which is exactly how Prisma applies a migration.

Example (the article's scenario 3, expand phase)::

    phase = "expand"            # expand | backfill | contract (absent: an ordinary migration)
    transactional = false       # run statement by statement, each in its own short transaction
    lock_timeout = "2s"         # every DDL statement waits at most this long for its lock …
    retries = 5                 # … and is retried this many times …
    retry_backoff = "200ms"     # … after this delay, doubled each time (with jitter)
    statement_timeout = "0"     # 0 = no limit

    [sync]                      # dual-write triggers kept while old and new app versions both run
    table = "Match"
    key = ["id"]
    old = ["player1Points", "player1Games", "player2Points", "player2Games"]
    new = ["score"]

    [sync.new_from_old]         # SQL expressions over the row's columns
    score = "jsonb_build_object(…)"

    [sync.old_from_new]
    player1Points = "score->'player1'->>'points'"

    wait_for_rollout = true     # contract only: refused in the deploy that ran its expand/backfill

    [backfill]                  # rows written before the expand get the new representation
    table = "Match"
    key = "id"
    set = { score = "jsonb_build_object(…)" }   # default: [sync.new_from_old]
    where = "\"score\" IS NULL"                # rows still to do (default: new columns all NULL)
    batch_size = 1000           # the first batch; later ones are sized by measured time
    target_batch_time = "100ms"
    sleep = "0ms"               # pause between batches (throttle)

A value still holding `FILL_ME_IN` (the generated template) makes `require_filled()` refuse.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from midair.errors import ConfigError

FILENAME = "migration.toml"
PLACEHOLDER = "FILL_ME_IN"

PhaseName = Literal["expand", "backfill", "contract"]
PHASES: tuple[str, ...] = ("expand", "backfill", "contract")

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(ms|s|min|m|h)?\s*$")
_UNIT_MS = {None: 1.0, "ms": 1.0, "s": 1000.0, "min": 60_000.0, "m": 60_000.0, "h": 3_600_000.0}


def parse_duration_ms(value: Any, *, where: str) -> int:
    """A duration (``"2s"``, ``"150ms"``, ``"1min"``, or a number of milliseconds) in milliseconds."""
    if isinstance(value, bool):
        raise ConfigError(f"{where}: expected a duration like \"2s\" or \"150ms\", got `{value}`")
    if isinstance(value, (int, float)):
        return int(value)
    m = _DURATION.match(str(value))
    if not m:
        raise ConfigError(
            f"{where}: `{value}` is not a duration",
            hint='Write durations like "2s", "150ms" or "1min" (a bare number means milliseconds).',
        )
    return int(float(m.group(1)) * _UNIT_MS[m.group(2)])


def format_duration(ms: int) -> str:
    """`ms` as the shortest duration string `parse_duration_ms` reads back."""
    if ms and ms % 1000 == 0:
        return f"{ms // 1000}s"
    return f"{ms}ms"


@dataclass(frozen=True, slots=True)
class SyncSettings:
    """Dual-write triggers of an expand phase: keep `old` and `new` columns of `table` in step.

    `new_from_old` maps each new column to a SQL expression over the row's (old) columns;
    `old_from_new` maps each old column to an expression over the new ones. Both directions are
    needed while the old app (writing `old`) and the new app (writing `new`) run side by side.
    """

    table: str
    key: tuple[str, ...]
    old: tuple[str, ...]
    new: tuple[str, ...]
    new_from_old: tuple[tuple[str, str], ...]
    old_from_new: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class BackfillSettings:
    """A batched data migration: ``UPDATE table SET <set> WHERE key in a range AND <where>``.

    `sql` replaces `set`/`where` with a user's own ``UPDATE … WHERE …`` (midair adds the key range).
    """

    table: str
    key: str = "id"
    set: tuple[tuple[str, str], ...] = ()
    where: str | None = None
    sql: str | None = None
    batch_size: int = 1000
    target_batch_ms: int = 100
    sleep_ms: int = 0


@dataclass(frozen=True, slots=True)
class MigrationSettings:
    """How to apply one migration folder, read from its optional `migration.toml`."""

    phase: PhaseName | None = None
    transactional: bool = True
    lock_timeout_ms: int | None = None
    statement_timeout_ms: int | None = None
    retries: int = 0
    retry_backoff_ms: int = 200
    sync: SyncSettings | None = None
    backfill: BackfillSettings | None = None
    # A contract waits for the app rollout: it is refused in the same deploy (connection) that
    # applied its expand or backfill, since the old app version may still be running.
    wait_for_rollout: bool = True
    path: Path | None = field(default=None, compare=False)

    # Names the migration workflow reads (durations as the user wrote them, e.g. "2s").
    @property
    def lock_timeout(self) -> str | None:
        return None if self.lock_timeout_ms is None else format_duration(self.lock_timeout_ms)

    @property
    def statement_timeout(self) -> str | None:
        return None if self.statement_timeout_ms is None else format_duration(self.statement_timeout_ms)

    @property
    def retry_backoff(self) -> str:
        return format_duration(self.retry_backoff_ms)

    @property
    def is_default(self) -> bool:
        """True when the migration runs as Prisma would run it (no file, or only defaults)."""
        return self == MigrationSettings()

    @property
    def needs_executor(self) -> bool:
        """True when `expand_contract.executor.apply_migration` must run this migration rather
        than a plain one-transaction script: a phase, a lock timeout, retries, or no transaction."""
        return (
            self.phase is not None
            or not self.transactional
            or self.lock_timeout_ms is not None
            or self.statement_timeout_ms is not None
            or self.retries > 0
        )

    @classmethod
    def load(cls, folder: Path | str) -> MigrationSettings:
        """The settings of the migration in `folder` (defaults when it has no `migration.toml`).

        Raises `ConfigError` naming the file (and line/column for TOML syntax) on bad input.
        """
        path = Path(folder) / FILENAME
        if not path.is_file():
            return cls()
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as e:
            # tomllib's message ends with "(at line L, column C)"
            m = re.search(r"\(at line (\d+), column (\d+)\)", str(e))
            loc = f"{path}:{m.group(1)}:{m.group(2)}" if m else str(path)
            msg = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(e))
            raise ConfigError(f"{loc}: invalid TOML: {msg}") from None
        except OSError as e:
            raise ConfigError(f"Cannot read {path}: {e}") from None
        return cls.from_dict(data, path=path)

    @classmethod
    def from_dict(cls, data: dict[str, Any], *, path: Path | None = None) -> MigrationSettings:
        where = str(path) if path else FILENAME
        known = {
            "phase",
            "transactional",
            "lock_timeout",
            "statement_timeout",
            "retries",
            "retry_backoff",
            "sync",
            "backfill",
            "wait_for_rollout",
        }
        _no_unknown(data, known, where)
        phase = data.get("phase")
        if phase is not None and phase not in PHASES:
            raise ConfigError(
                f"{where}: phase = `{phase}` is not one of {', '.join(PHASES)}",
                hint='Use phase = "expand", "backfill" or "contract", or leave it out.',
            )
        transactional = data.get("transactional", True)
        if not isinstance(transactional, bool):
            raise ConfigError(f"{where}: transactional must be true or false, got `{transactional}`")
        wait = data.get("wait_for_rollout", True)
        if not isinstance(wait, bool):
            raise ConfigError(f"{where}: wait_for_rollout must be true or false, got `{wait}`")
        retries = data.get("retries", 0)
        if not isinstance(retries, int) or isinstance(retries, bool) or retries < 0:
            raise ConfigError(f"{where}: retries must be a whole number ≥ 0, got `{retries}`")

        def dur(key: str) -> int | None:
            return None if key not in data else parse_duration_ms(data[key], where=f"{where}: {key}")

        sync = _sync(data["sync"], f"{where} [sync]") if "sync" in data else None
        backfill = _backfill(data["backfill"], f"{where} [backfill]", sync) if "backfill" in data else None
        return cls(
            phase=phase,
            transactional=transactional,
            lock_timeout_ms=dur("lock_timeout"),
            statement_timeout_ms=dur("statement_timeout"),
            retries=retries,
            retry_backoff_ms=dur("retry_backoff") or 200,
            sync=sync,
            backfill=backfill,
            wait_for_rollout=wait,
            path=path,
        )

    def placeholders(self) -> list[str]:
        """The settings that still hold the template's `FILL_ME_IN` (``sync.new_from_old.score``)."""
        found: list[str] = []
        if self.sync:
            for section, pairs in (("new_from_old", self.sync.new_from_old), ("old_from_new", self.sync.old_from_new)):
                found += [f"sync.{section}.{col}" for col, expr in pairs if PLACEHOLDER in expr]
        if self.backfill:
            found += [f"backfill.set.{col}" for col, expr in self.backfill.set if PLACEHOLDER in expr]
            if self.backfill.sql and PLACEHOLDER in self.backfill.sql:
                found.append("backfill.sql")
            if self.backfill.where and PLACEHOLDER in self.backfill.where:
                found.append("backfill.where")
        return found

    def require_filled(self) -> None:
        """Refuse (ConfigError) while any generated template expression is still unfilled."""
        missing = self.placeholders()
        if missing:
            where = str(self.path) if self.path else FILENAME
            raise ConfigError(
                f"{where}: {len(missing)} expression{'s' if len(missing) != 1 else ''} still to fill in: "
                + ", ".join(f"`{m}`" for m in missing),
                hint=f"Replace each `{PLACEHOLDER}` with a SQL expression over the row's columns, then run again.",
            )


def _no_unknown(data: dict[str, Any], known: set[str], where: str) -> None:
    unknown = sorted(set(data) - known)
    if unknown:
        raise ConfigError(
            f"{where}: unknown setting{'s' if len(unknown) > 1 else ''} {', '.join(f'`{k}`' for k in unknown)}",
            hint="Known settings: " + ", ".join(sorted(known)),
        )


def _names(value: Any, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise ConfigError(f"{where}: expected a column name or a list of column names, got `{value}`")


def _exprs(value: Any, where: str) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        raise ConfigError(f"{where}: expected a table of column = \"SQL expression\"")
    return tuple(value.items())


def _sync(data: Any, where: str) -> SyncSettings:
    if not isinstance(data, dict):
        raise ConfigError(f"{where}: expected a table")
    _no_unknown(data, {"table", "key", "old", "new", "new_from_old", "old_from_new"}, where)
    for required in ("table", "old", "new"):
        if required not in data:
            raise ConfigError(f"{where}: `{required}` is required")
    return SyncSettings(
        table=str(data["table"]),
        key=_names(data.get("key", "id"), f"{where} key"),
        old=_names(data["old"], f"{where} old"),
        new=_names(data["new"], f"{where} new"),
        new_from_old=_exprs(data.get("new_from_old", {}), f"{where}.new_from_old"),
        old_from_new=_exprs(data.get("old_from_new", {}), f"{where}.old_from_new"),
    )


def _backfill(data: Any, where: str, sync: SyncSettings | None) -> BackfillSettings:
    if not isinstance(data, dict):
        raise ConfigError(f"{where}: expected a table")
    _no_unknown(data, {"table", "key", "set", "where", "sql", "batch_size", "target_batch_time", "sleep"}, where)
    table = data.get("table") or (sync.table if sync else None)
    if not table:
        raise ConfigError(f"{where}: `table` is required")
    set_ = _exprs(data["set"], f"{where}.set") if "set" in data else (sync.new_from_old if sync else ())
    if not set_ and not data.get("sql"):
        raise ConfigError(f"{where}: give `set` (column = expression) or `sql` (your own UPDATE)")
    batch_size = data.get("batch_size", 1000)
    if not isinstance(batch_size, int) or isinstance(batch_size, bool) or batch_size < 1:
        raise ConfigError(f"{where}: batch_size must be a whole number ≥ 1, got `{batch_size}`")
    return BackfillSettings(
        table=str(table),
        key=str(data.get("key", sync.key[0] if sync else "id")),
        set=set_,
        where=data.get("where"),
        sql=data.get("sql"),
        batch_size=batch_size,
        target_batch_ms=parse_duration_ms(data.get("target_batch_time", 100), where=f"{where} target_batch_time"),
        sleep_ms=parse_duration_ms(data.get("sleep", 0), where=f"{where} sleep"),
    )


__all__ = [
    "FILENAME",
    "PHASES",
    "PLACEHOLDER",
    "BackfillSettings",
    "MigrationSettings",
    "SyncSettings",
    "format_duration",
    "parse_duration_ms",
]
