"""A lint finding: a rule broken at `file:line:column`, or a planned step explained (info)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from midair.lint.rules import RULES, Rule

# An "info" finding is a statement a rule would flag that the history shows to be planned (the
# contract of an expand/contract midair wrote, or a migration declared a contract): shown with
# its reason, never counted as an error or a warning.
INFO = "info"


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem at `file:line:column`, under a stable `code`; `reason` says why an info
    finding is not a problem."""

    code: str
    severity: str  # "error" | "warning" | "info"
    message: str
    alternative: str
    file: str
    line: int
    column: int
    statement: str
    reason: str | None = None

    @property
    def rule(self) -> Rule:
        return RULES[self.code]

    def __str__(self) -> str:
        head = f"{self.file}:{self.line}:{self.column}: {self.severity} {self.code} ({self.rule.name}): {self.message}"
        if self.reason:
            return f"{head}\n  planned: {self.reason}"
        return f"{head}\n  safe alternative: {self.alternative}"

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "rule": self.rule.name,
            "severity": self.severity,
            "message": self.message,
            "safeAlternative": self.alternative,
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "statement": self.statement,
            "reason": self.reason,
        }


def finding(code: str, file: str, line: int, col: int, stmt: str, *, reason: str | None = None, **fields: Any) -> Finding:
    """The finding of rule `code` (its texts filled with `fields`); with a `reason`, an info."""
    rule = RULES[code]
    values = {"table": "?", "column": "?", "name": "", "detail": ""} | {k: v for k, v in fields.items() if v is not None}
    if values["name"] and not str(values["name"]).startswith("`"):
        values["name"] = f"`{values['name']}`"
    return Finding(
        code,
        INFO if reason else rule.severity,
        rule.message.format(**values),
        rule.alternative.format(**values),
        file,
        line,
        col,
        " ".join(stmt.split()),
        reason,
    )


def counts(findings: list[Finding]) -> tuple[int, int, int]:
    """(errors, warnings, info)."""
    errors = sum(f.severity == "error" for f in findings)
    info = sum(f.severity == INFO for f in findings)
    return errors, len(findings) - errors - info, info


def to_json(findings: list[Finding]) -> str:
    errors, warnings, info = counts(findings)
    return json.dumps(
        {"findings": [f.to_json() for f in findings], "errors": errors, "warnings": warnings, "info": info},
        indent=2,
    )


def summary_line(findings: list[Finding]) -> str:
    errors, warnings, info = counts(findings)
    line = f"{errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''}."
    if info:
        line += f" {info} planned step{'s' if info != 1 else ''} explained (info)."
    return line


__all__ = ["INFO", "Finding", "counts", "finding", "summary_line", "to_json"]
