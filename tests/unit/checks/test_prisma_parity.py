"""The warnings block of a migration that has every kind of risk, against Prisma's own.

`golden/kinds/{before,after}.prisma` were migrated by Prisma 7's `migrate dev` (the prisma-oracle,
`migrate-dev.sh --provider P before.prisma:before after.prisma:after`), which wrote
`golden/kinds/<provider>.migration.sql`. midair must report the same risks on the same objects,
warnings before unexecutable steps; the wording is Prisma's for the two kinds the article shows and
ours for the rest, so lines are compared by what they report, not by text.
"""

from __future__ import annotations

import re
from pathlib import Path


from midair.checks import CheckKind, plan_checks, pure_warnings
from midair.diff import diff
from midair.schema.lower import schema_from_file

GOLDEN = Path(__file__).parent / "golden" / "kinds"

# Prisma's sentences (read from its output above), and the kind each reports.
PRISMA_LINES = [
    (r"The values \[(?P<o>[^\]]+)\] on the enum `(?P<t>[^`]+)` will be removed", CheckKind.ENUM_VALUES_REMOVED),
    (r"You are about to drop the column `(?P<o>[^`]+)` on the `(?P<t>[^`]+)` table", CheckKind.DROP_COLUMN),
    (r"The `(?P<o>[^`]+)` column on the `(?P<t>[^`]+)` table would be dropped and recreated", CheckKind.NOT_CASTABLE),
    (r"You are about to drop the `(?P<t>[^`]+)` table", CheckKind.DROP_TABLE),
    (r"A unique constraint covering the columns `\[(?P<o>[^\]]+)\]` on the table `(?P<t>[^`]+)`", CheckKind.UNIQUE_ADDITION),
    (r"Added the required column `(?P<o>[^`]+)` to the `(?P<t>[^`]+)` table", CheckKind.ADDED_REQUIRED_COLUMN),
    (r"The required column `(?P<o>[^`]+)` was added to the `(?P<t>[^`]+)` table with a prisma-level default", CheckKind.ADDED_REQUIRED_CLIENT_DEFAULT),
    (r"Made the column `(?P<o>[^`]+)` on table `(?P<t>[^`]+)` required", CheckKind.MADE_REQUIRED),
    (r"You are about to alter the column `(?P<o>[^`]+)` on the `(?P<t>[^`]+)` table", CheckKind.RISKY_CAST),
]


def prisma_block(provider: str) -> list[tuple[CheckKind, str]]:
    text = (GOLDEN / f"{provider}.migration.sql").read_text()
    m = re.match(r"/\*\n  Warnings:\n\n(.*?)\n\n\*/\n", text, re.S)
    assert m
    out = []
    for line in m.group(1).split("\n"):
        for pattern, kind in PRISMA_LINES:
            if hit := re.search(pattern, line):
                table = hit["t"]
                obj = hit.groupdict().get("o")
                # The enum line names the enum, not a table.
                out.append((kind, table if kind is CheckKind.ENUM_VALUES_REMOVED or not obj else f"{table}.{obj}"))
                break
        else:
            raise AssertionError(f"unknown Prisma warning: {line}")
    return out


def ours(provider: str) -> list[tuple[CheckKind, str]]:
    before = schema_from_file(GOLDEN / "before.prisma", provider)
    after = schema_from_file(GOLDEN / "after.prisma", provider)
    # `token String @default(uuid())`: a default only Prisma Client applies (lowering marks it).
    migration = diff(before, after, provider)
    checks = [c for c in plan_checks(migration.steps, provider) if c.kind.info.in_pure and c.in_file]
    ordered = [c for c in checks if c.severity == "warning"] + [c for c in checks if c.severity == "unexecutable"]
    assert [c.message() for c in ordered] == pure_warnings(migration.steps, provider)
    return [
        (c.kind, c.name if c.kind is CheckKind.ENUM_VALUES_REMOVED else (f"{c.table}.{c.columns[0]}" if c.columns else c.table))
        for c in ordered
    ]


def _group(lines: list[tuple[CheckKind, str]]) -> tuple[list, list]:
    warnings = sorted((k.name, o) for k, o in lines if k.info.severity == "warning")
    unexecutable = sorted((k.name, o) for k, o in lines if k.info.severity == "unexecutable")
    return warnings, unexecutable


def test_postgresql_reports_what_prisma_reports() -> None:
    assert _group(ours("postgresql")) == _group(prisma_block("postgresql"))


def test_sqlite_reports_what_prisma_reports() -> None:
    assert _group(ours("sqlite")) == _group(prisma_block("sqlite"))
