"""④ checks: what a migration would lose or where it would fail, counted on the target database.

- `plan_checks(steps, provider)` → `[Check]` (pure; `plan.py`);
- `evaluate(checks, connection)` → `CheckReport` (runs only the declared counts; `gather.py`);
- `pure_warnings(steps, provider)` → the ``/* Warnings: */`` lines of a generated migration.sql;
- `sql_checks(sql, before, provider)` → `[Check]` for hand-written migration SQL (`sqlcheck.py`).

Every message template lives in `messages.py`.
"""

from __future__ import annotations

from midair.checks.gather import CheckReport, Finding, evaluate
from midair.checks.plan import Check, CheckKind, Count, CountKind, CountResult, plan_checks, pure_warnings
from midair.checks.sqlcheck import sql_checks

__all__ = [
    "Check",
    "CheckKind",
    "CheckReport",
    "Count",
    "CountKind",
    "CountResult",
    "Finding",
    "evaluate",
    "plan_checks",
    "pure_warnings",
    "sql_checks",
]
