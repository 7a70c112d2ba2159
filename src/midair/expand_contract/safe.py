"""The safe form of a rendered `Plan`: execution steps that never hold a blocking lock for long.

`safe_plan(plan, provider)` runs each statement of the plan through the dialect's safe-form
transformation (`dialects/<d>/safe.py`: CONCURRENTLY, NOT VALID + VALIDATE, CHECK before SET NOT
NULL, one lock-taking statement per step) and keeps, on each resulting step, the `Change` it comes
from, so the lock planner, the executor and `migrate plan` all read the same values.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from midair.schema.lower import dialect_module


def safe_plan(plan: Any, provider: str) -> list[Any]:
    """Execution steps for `plan` (a `midair.render.Plan`), in order, each knowing its change.

    Statements are transformed together so that a table created earlier in the plan is known to
    be empty (its index builds and constraints stay as written)."""
    safe = dialect_module(provider, "safe")
    script = "".join(f"{s.sql};\n" for s in plan.statements)
    steps = safe.safe_steps(script)
    # Map each step back to the plan statement it came from (by the statement's text).
    by_text = {" ".join(s.sql.split()): s.change for s in plan.statements}
    return [replace(step, change=by_text.get(" ".join((step.original or step.sql).split()))) for step in steps]


__all__ = ["safe_plan"]
