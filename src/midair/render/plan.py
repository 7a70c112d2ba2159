"""`Plan`: rendered migration steps as statements, each knowing the `Change` it comes from."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from midair.diff.changes import Change


@dataclass(frozen=True, slots=True)
class Statement:
    """One SQL statement (without ``;``) of a step.

    `description` is the step's header (``CreateTable``); `first_of_step` marks the statement that
    opens a step (where the ``-- CreateTable`` header goes). `lock` and `reverse` are filled in by
    the lock planner and the down-migration builder.
    """

    sql: str
    description: str
    change: Change
    first_of_step: bool = True
    lock: Any = None
    reverse: str | None = None


@dataclass(frozen=True, slots=True)
class Plan:
    """The statements of a migration in execution order."""

    statements: tuple[Statement, ...]
    transactional: bool = True
    warnings: tuple[str, ...] = field(default=())

    def to_sql(self) -> str:
        from midair.render.sqlfile import plan_to_sql

        return plan_to_sql(self)

    def __bool__(self) -> bool:
        return bool(self.statements)


__all__ = ["Plan", "Statement"]
