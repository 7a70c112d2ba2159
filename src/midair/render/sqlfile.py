"""`Plan` → the text of ``migration.sql``, byte for byte as Prisma writes it.

Layout (Prisma's `render_script`):

- no steps: the single line ``-- This is an empty migration.`` (no newline);
- warnings (if any): ``/*``, ``  Warnings:``, an empty line, one ``  - <message>`` line each, an
  empty line, ``*/``;
- each step: ``-- <Description>``, then each statement followed by ``;`` and a newline; steps are
  separated by one empty line, and the file ends with the last statement's newline.
"""

from __future__ import annotations

from collections.abc import Sequence

from midair.render.plan import Plan

EMPTY_MIGRATION = "-- This is an empty migration."


def warnings_block(warnings: Sequence[str]) -> str:
    if not warnings:
        return ""
    return "/*\n  Warnings:\n\n" + "".join(f"  - {w}\n" for w in warnings) + "\n*/\n"


def plan_to_sql(plan: Plan, warnings: Sequence[str] | None = None) -> str:
    warnings = list(plan.warnings if warnings is None else warnings)
    if not plan.statements:
        return EMPTY_MIGRATION
    out = [warnings_block(warnings)]
    first = True
    for s in plan.statements:
        if s.first_of_step:
            if not first:
                out.append("\n")
            first = False
            out.append(f"-- {s.description}\n")
        out.append(f"{s.sql};\n")
    return "".join(out)


__all__ = ["EMPTY_MIGRATION", "plan_to_sql", "warnings_block"]
