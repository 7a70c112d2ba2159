"""Every kind of expand/contract plan midair writes, generated into a migrations folder as
`midair migrate expand-contract` writes it (the planner, from the schema before and after), with
the template expressions filled in the way a user would."""

from __future__ import annotations

import json
import re
from pathlib import Path

from midair.diff import diff
from midair.expand_contract.planner import PhasedMigrations, create_phased_migrations
from midair.migrations.folder import write_migration
from midair.migrations.settings import PLACEHOLDER, MigrationSettings
from midair.render import migration_script
from midair.schema.lower import schema_from_file
from midair.schema.model import Schema
from tests.integration.zero_downtime.helpers import (
    PG_NEW_FROM_OLD,
    PG_OLD_FROM_NEW,
    SQLITE_NEW_FROM_OLD,
    SQLITE_OLD_FROM_NEW,
)

DATASOURCE = {
    "postgresql": 'datasource db {\n  provider = "postgresql"\n  url      = env("DATABASE_URL")\n}\n',
    "sqlite": 'datasource db {\n  provider = "sqlite"\n  url      = "file:./dev.db"\n}\n',
}

MATCH_OLD = """
model Match {
  id            String @id
  player1Points String @default("0")
  player2Points String @default("0")
  player1Games  Int    @default(0)
  player2Games  Int    @default(0)
}
"""
MATCH_NEW = """
model Match {
  id    String @id
  score Json
}
"""
USER = """
model User {
  id   Int    @id
  name String%s
}
"""
COUNTER = """
model Counter {
  id Int @id
  n  %s
}
"""
INDEXED = """
model Account {
  id    Int    @id
  code  String @unique
  items Item[]
}

model Item {
  id        Int     @id
  n         %s
  label     String
  ownerCode String
  owner     Account @relation(fields: [ownerCode], references: [code])

  @@index([n])
  @@unique([label, n])
}
"""

# kind → (schema before, schema after): the article's scenario 3 (four score columns into one
# `score` JSON), a required column without a default, a type change, and a type change of a
# column that indexes, a unique index and a foreign key's table use.
KINDS: dict[str, tuple[str, str]] = {
    "replace_columns": (MATCH_OLD, MATCH_NEW),
    "required_column": (USER % "", USER % "\n  email String"),
    "type_change": (COUNTER % "Int", COUNTER % "BigInt"),
    "type_change_indexed": (INDEXED % "Int", INDEXED % "BigInt"),
}

# What a user writes in place of the template's FILL_ME_IN, per dialect.
FILLED = {
    "postgresql": {"score": PG_NEW_FROM_OLD, **PG_OLD_FROM_NEW, "email": "\"name\" || '@example.com'"},
    "sqlite": {"score": SQLITE_NEW_FROM_OLD, **SQLITE_OLD_FROM_NEW, "email": "\"name\" || '@example.com'"},
}

# Rows in every table the plans change, before the expand (so "no rows yet" never applies).
ROWS = {
    "replace_columns": ['INSERT INTO "Match" ("id", "player1Points", "player1Games") VALUES (\'m1\', \'15\', 2), (\'m2\', \'40\', 5)'],
    "required_column": ['INSERT INTO "User" ("id", "name") VALUES (1, \'ada\'), (2, \'bob\')'],
    "type_change": ['INSERT INTO "Counter" ("id", "n") VALUES (1, 10), (2, 20)'],
    "type_change_indexed": [
        'INSERT INTO "Account" ("id", "code") VALUES (1, \'a\'), (2, \'b\')',
        'INSERT INTO "Item" ("id", "n", "label", "ownerCode") VALUES (1, 10, \'x\', \'a\'), (2, 20, \'y\', \'b\')',
    ],
}


def generate(root: Path, kind: str, provider: str) -> tuple[Path, PhasedMigrations]:
    """`root/migrations`: an init migration (the schema before) and the plan's three phases."""
    before, after = KINDS[kind]
    root.mkdir(parents=True, exist_ok=True)
    (root / "before.prisma").write_text(DATASOURCE[provider] + before)
    (root / "schema.prisma").write_text(DATASOURCE[provider] + after)
    previous = schema_from_file(root / "before.prisma")
    migrations = root / "migrations"
    init = diff(Schema(), previous, provider)
    write_migration(migrations, "init", migration_script(init, provider), provider=provider)
    plan = create_phased_migrations(root / "schema.prisma", migrations, kind, previous=previous)
    toml = plan.folders[0] / "migration.toml"
    filled = re.sub(
        rf"^(\w+) = '{PLACEHOLDER}'$",
        lambda m: f"{m.group(1)} = {json.dumps(FILLED[provider][m.group(1)])}",  # a valid TOML string
        toml.read_text(),
        flags=re.M,
    )
    toml.write_text(filled)
    assert MigrationSettings.load(plan.folders[0]).placeholders() == []
    return migrations, plan
