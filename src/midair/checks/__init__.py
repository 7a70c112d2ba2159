"""④ checks: what a migration would lose or where it would fail, counted on the target database.

- `plan_checks(steps, provider)` → `[Check]` (pure; `plan.py`);
- `evaluate(checks, connection)` → `CheckReport` (runs only the declared counts; `gather.py`);
- `pure_warnings(steps, provider)` → the ``/* Warnings: */`` lines of a generated migration.sql;
- `sql_checks(sql, before, provider)` → `[Check]` for hand-written migration SQL (`sqlcheck.py`);
  `migrations_checks([(name, sql), …], before, provider)` for several pending migrations at once.

Every message template lives in `messages.py`. The lock facts every dialect fills in (lock level,
rewrite/scan, transactional, estimates) are in `lockfacts.py`.

Codes (stable; ``--json`` output and `Finding.code`). "Pure" is the severity without counts (the
warnings block of a generated migration.sql); "found" is the severity once the target shows rows
concerned. A count of 0 silences a check, except those marked * (the two that Prisma always
reports, and unreadable SQL, which has nothing to count).
Without a count (timeout, object created by the migration, rows changed earlier in the script) a
finding is a warning with the conditional sentence and the reason.

======  =============================================  ============  ============
code    check                                          pure          found
======  =============================================  ============  ============
MC101   table dropped: rows                            warning       warning
MC102   column dropped: non-null values                warning       warning
MC103   type change without conversion: lost values    warning       warning
MC104   primary key changed: rows                      warning       warning
MC105   risky type change: values that do not convert  warning       unexecutable
MC106   enum values removed: rows using them *         warning       unexecutable
MC107   unique index added: duplicate values *         warning       unexecutable
MC201   column made required: NULL rows                unexecutable  unexecutable
MC202   required column without default: rows          unexecutable  unexecutable
MC203   same, default applied by the client only       unexecutable  unexecutable
MC204   required column recreated: rows                unexecutable  unexecutable
MC205   scalar column made a list: values              unexecutable  unexecutable
MC206   foreign key added: orphan rows (ours)          (not shown)   unexecutable
MC207   check constraint added: rows breaking it       (SQL only)    unexecutable
MC301   DELETE in migration SQL: rows matched          (SQL only)    warning
MC302   TRUNCATE in migration SQL: rows                (SQL only)    warning
MC303   SQL that cannot be parsed: its line *          (SQL only)    warning
======  =============================================  ============  ============
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from midair.checks.gather import CheckReport, Finding, evaluate
    from midair.checks.plan import Check, CheckKind, Count, CountKind, CountResult, plan_checks, pure_warnings
    from midair.checks.sqlcheck import migrations_checks, sql_checks

# Loaded on first use: the dialects' lock facts import `midair.checks.lockfacts`, and `midair lint`
# should not pay for the diff and schema modules the data checks need.
_WHERE = {
    **dict.fromkeys(("CheckReport", "Finding", "evaluate"), "gather"),
    **dict.fromkeys(("Check", "CheckKind", "Count", "CountKind", "CountResult", "plan_checks", "pure_warnings"), "plan"),
    **dict.fromkeys(("migrations_checks", "sql_checks"), "sqlcheck"),
}


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module 'midair.checks' has no attribute {name!r}")
    return getattr(import_module(f"midair.checks.{_WHERE[name]}"), name)


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
