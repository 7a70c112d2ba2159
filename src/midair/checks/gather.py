"""Run the counts that checks declare against the target database, and turn them into findings.

`evaluate(checks, connection)`:

1. collects the distinct `Count` values the checks declare (a table's row count asked for by
   three checks is counted once: the `Count` is the cache key), and takes the row, non-null and
   NULL counts of one table in a single scan;
2. runs each through the dialect's counter (`dialects/<d>/checks.py`), each under a statement
   timeout, the whole under an overall budget (Prisma bounds its inspection by 60 s too); a count
   that fails or runs out of time is "unknown", never an exception;
3. for each check, in order: a positive count gives a finding at the kind's `found` severity with
   the counted message; a zero count gives nothing, except for the kinds Prisma always reports
   (unique index additions, enum value removals); an unknown count gives the conditional message
   as a warning (nothing is proven; see `judge`).

Nothing is written to the database (PostgreSQL counts run in read-only transactions).
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from typing import Any, Sequence

from midair.checks import messages
from midair.checks.plan import (
    Check,
    CheckKind,
    Count,
    CountKind,
    CountResult,
    CountUnavailable,
    Severity,
    dialect_checks,
)

DEFAULT_TIMEOUT = 60.0
_ONE_SCAN = (CountKind.ROWS, CountKind.NON_NULL, CountKind.NULLS)


@dataclass(frozen=True, slots=True)
class Finding:
    """One risk confirmed (or not ruled out) on the target database.

    `count` is the number the message gives (None when unknown), `rows` the rows involved when that
    differs (rows in duplicate groups), `at_least` when `count` is a lower bound.
    """

    code: str
    severity: Severity
    message: str
    objects: tuple[str, ...]
    count: int | None
    hint: str
    step: int
    rows: int | None = None
    at_least: bool = False
    line: int | None = None
    source: str | None = None  # the migration (for checks read from migration files)
    check: Check | None = field(default=None, compare=False, repr=False)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "objects": list(self.objects),
            "count": self.count,
            "hint": self.hint,
            "step": self.step,
        }
        if self.rows is not None:
            data["rows"] = self.rows
        if self.at_least:
            data["at_least"] = True
        if self.line is not None:
            data["line"] = self.line
        if self.source is not None:
            data["source"] = self.source
        return data

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True, slots=True)
class CheckReport:
    """What the checks found on one database: data-loss `warnings` (need consent) and
    `unexecutable` steps (would fail: nothing should run)."""

    warnings: tuple[Finding, ...] = ()
    unexecutable: tuple[Finding, ...] = ()

    @property
    def findings(self) -> tuple[Finding, ...]:
        return self.warnings + self.unexecutable

    @property
    def clean(self) -> bool:
        return not self.warnings and not self.unexecutable

    def to_dict(self) -> dict[str, Any]:
        return {
            "warnings": [f.to_dict() for f in self.warnings],
            "unexecutable": [f.to_dict() for f in self.unexecutable],
        }

    def to_json(self, **kwargs: Any) -> str:
        return json.dumps(self.to_dict(), **kwargs)

    def lines(self) -> list[str]:
        """Human lines: each message, then its hint indented."""
        out: list[str] = []
        for f in self.findings:
            out.append(f"- {f.message}")
            out.append(f"  {f.hint}")
        return out


def _finding(check: Check, severity: Severity, message: str, result: CountResult | None) -> Finding:
    return Finding(
        code=check.code,
        severity=severity,
        message=message,
        objects=check.objects,
        count=result.value if result else None,
        hint=messages.hint(check),
        step=check.step,
        rows=result.rows if result else None,
        at_least=result.at_least if result else False,
        line=check.line,
        source=check.source,
        check=check,
    )


def judge(check: Check, result: CountResult | None, reason: str | None = None) -> Finding | None:
    """The finding for one check given its count (None: unknown, for `reason`)."""
    info = check.kind.info
    if check.kind is CheckKind.UNREADABLE_SQL:
        return _finding(check, info.severity, messages.pure(check), None)
    if result is None:
        # Without a number nothing is proven: the step is reported (with its conditional
        # sentence and why it was not counted) for consent, not refused as unexecutable, so that
        # a migration that backfills before it constrains is not blocked.
        text = messages.unknown(check, reason) if reason else messages.pure(check)
        return _finding(check, "warning", text, None)
    if result.value > 0:
        return _finding(check, info.found, messages.counted(check, result), result)
    if info.always:
        return _finding(check, info.severity, messages.counted(check, result), result)
    return None


def evaluate(
    checks: Sequence[Check],
    connection: Any,
    *,
    provider: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    statement_timeout: float | None = None,
) -> CheckReport:
    """Count on `connection` what `checks` need and report the findings (never raises for a count
    that cannot be taken: the finding says so)."""
    provider = provider or connection.url.provider
    deadline = time.monotonic() + timeout
    counter = dialect_checks(provider).counter(connection)
    cache: dict[Count, CountResult | str] = {}

    def run(count: Count) -> CountResult | str:
        if count not in cache:
            left = deadline - time.monotonic()
            if left <= 0:
                cache[count] = f"the checks ran out of their {timeout:g} s"
            else:
                try:
                    cache[count] = counter.count(count, min(statement_timeout or timeout, left))
                except CountUnavailable as e:
                    if e.timed_out:
                        limit = min(statement_timeout or timeout, timeout)
                        cache[count] = f"it took longer than {limit:g} s"
                    else:
                        cache[count] = str(e)
        return cache[count]

    # Row, non-null and NULL counts of one table are taken in one scan; if that scan fails (a
    # missing column), each is taken alone below, so each finding gets its own reason.
    tables: dict[tuple[str | None, str], list[Count]] = {}
    for check in checks:
        if check.known is None:
            for c in check.counts:
                if c.kind in _ONE_SCAN and c not in tables.get((c.schema, c.table), []):
                    tables.setdefault((c.schema, c.table), []).append(c)
    for group in tables.values():
        left = deadline - time.monotonic()
        if len(group) < 2 or left <= 0:
            continue
        try:
            cache.update(zip(group, counter.count_simple(group, min(statement_timeout or timeout, left))))
        except CountUnavailable:
            pass

    warnings: list[Finding] = []
    unexecutable: list[Finding] = []
    for check in checks:
        result: CountResult | None = check.known
        reason: str | None = None
        if result is None and check.counts:
            answers = [run(c) for c in check.counts]
            failed = [a for a in answers if isinstance(a, str)]
            if failed:
                reason = failed[0]
            else:
                total = CountResult(0)
                for a in answers:
                    assert isinstance(a, CountResult)
                    total = CountResult(
                        total.value + a.value,
                        rows=(total.rows or 0) + a.rows if a.rows is not None else total.rows,
                        at_least=total.at_least or a.at_least,
                    )
                result = total
        elif result is None and not check.counts:
            if check.uncounted:
                reason = check.uncounted
            elif check.kind is not CheckKind.UNREADABLE_SQL:
                result = CountResult(0)  # nothing to count: an enum no column uses
        finding = judge(check, result, reason)
        if finding is None:
            continue
        (warnings if finding.severity == "warning" else unexecutable).append(finding)
    return CheckReport(tuple(warnings), tuple(unexecutable))


__all__ = ["DEFAULT_TIMEOUT", "CheckReport", "Finding", "evaluate", "judge"]
