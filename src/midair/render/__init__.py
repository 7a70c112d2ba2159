"""⑤ render: `[Change]` → `Plan` → ``migration.sql`` (Prisma's text style).

- `render(steps, provider) -> Plan` — statements in order, each with its `Change`;
- `migration_script(steps, provider, warnings=()) -> str` — the exact ``migration.sql`` text.

`steps` may also be a `Migration` (from `midair.diff.diff`), whose schemas let the PostgreSQL
renderer qualify enum types in multi-schema setups.
"""

from __future__ import annotations

from collections.abc import Sequence

from midair.diff.changes import Change, Migration
from midair.render.plan import Plan, Statement
from midair.render.sqlfile import EMPTY_MIGRATION, plan_to_sql, warnings_block
from midair.schema.pair import Pair


def render(steps: Sequence[Change] | Migration, provider: str, warnings: Sequence[str] = ()) -> Plan:
    """Render `steps` for `provider` into a `Plan`."""
    from midair.dialects import get_dialect
    from midair.schema.lower import dialect_module

    schemas = None
    if isinstance(steps, Migration):
        if steps.previous is not None and steps.next is not None:
            schemas = Pair(steps.previous, steps.next)
        steps = steps.steps
    module = dialect_module(provider, "render")
    statements: list[Statement] = []
    for rendered in module.render(list(steps), schemas):
        for i, sql in enumerate(rendered.statements):
            statements.append(Statement(sql, rendered.description, rendered.change, first_of_step=i == 0))
    return Plan(tuple(statements), transactional=get_dialect(provider).transactional_ddl, warnings=tuple(warnings))


def migration_script(steps: Sequence[Change] | Migration, provider: str, warnings: Sequence[str] = ()) -> str:
    """The ``migration.sql`` text for `steps`, with the ``/* Warnings: */`` block on top."""
    return plan_to_sql(render(steps, provider, warnings))


__all__ = ["EMPTY_MIGRATION", "Plan", "Statement", "migration_script", "render", "warnings_block"]
