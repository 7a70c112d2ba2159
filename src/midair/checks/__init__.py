"""④ checks: what a migration would lose or where it would fail, counted on the target database.

- `plan_checks(steps, provider)` → `[Check]` (pure; `plan.py`);
- `evaluate(checks, connection)` → `CheckReport` (runs only the declared counts; `gather.py`);
- `pure_warnings(steps, provider)` → the ``/* Warnings: */`` lines of a generated migration.sql;
- `sql_checks(sql, before, provider)` → `[Check]` for hand-written migration SQL (`sqlcheck.py`);
  `migrations_checks([(name, sql), …], before, provider)` for several pending migrations at once.

Every message template lives in `messages.py`.
"""

from __future__ import annotations

from midair.checks.gather import CheckReport, Finding, evaluate
from midair.checks.plan import Check, CheckKind, Count, CountKind, CountResult, plan_checks, pure_warnings
from midair.checks.sqlcheck import migrations_checks, sql_checks

__all__ = [
    "Check",
    "CheckKind",
    "CheckReport",
    "Count",
    "CountKind",
    "CountResult",
    "Finding",
    "evaluate",
    "migrations_checks",
    "plan_checks",
    "pure_warnings",
    "sql_checks",
]
