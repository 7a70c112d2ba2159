"""Partial indexes written with the object form of `where:` on a real PostgreSQL: PostgreSQL stores
its own spelling of the predicate (``((active = true) AND (status = 'live'::"Status"))``); the
database re-diffs to nothing against the schema file, a changed predicate is seen, and `db pull`
writes the stored predicate back as ``raw("…")``, which re-diffs to nothing too."""

from __future__ import annotations

import pytest

from midair.connection import connect
from midair.diff import diff
from midair.diff.changes import CreateIndex, DropIndex
from midair.introspect import introspect
from midair.psl import parse_schema, validate
from midair.pull import pull
from midair.render import migration_script
from midair.schema.lower import lower
from midair.schema.model import EMPTY_SCHEMA

SCHEMA = """generator client {
  provider        = "prisma-client-js"
  previewFeatures = ["partialIndexes"]
}

datasource db {
  provider = "postgresql"
  url      = env("DATABASE_URL")
}

enum Status {
  draft
  live
}

model User {
  id        Int       @id
  email     String
  status    Status    @default(draft)
  ratio     Float     @default(0)
  active    Boolean   @default(true)
  deletedAt DateTime? @map("deleted_at")

  @@index([email], where: %s)
  @@unique([email], map: "User_live_email_key", where: { active: true, status: "live", ratio: { not: 1.5 } })
}
"""


@pytest.mark.postgres
def test_object_predicates_converge_change_and_pull_back(postgres_url: str) -> None:
    target = lower(parse_schema(SCHEMA % "{ deletedAt: null }"), "postgresql")
    conn = connect(postgres_url)
    try:
        conn.script(migration_script(diff(EMPTY_SCHEMA, target, "postgresql"), "postgresql"))
        live = introspect(conn)
    finally:
        conn.close()
    stored = {i.name: i.where for i in live.table("User").indexes}  # type: ignore[union-attr]
    assert stored["User_live_email_key"] == "(active = true) AND (status = 'live'::\"Status\") AND (ratio <> (1.5)::double precision)"
    assert diff(live, target, "postgresql").steps == ()

    changed = lower(parse_schema(SCHEMA % "{ deletedAt: { not: null } }"), "postgresql")
    steps = diff(live, changed, "postgresql").steps
    assert [type(s) for s in steps] == [DropIndex, CreateIndex]
    assert steps[1].index.where == '"deleted_at" IS NOT NULL'  # type: ignore[union-attr]

    text = pull(postgres_url, existing=SCHEMA % "{ deletedAt: null }")
    assert 'where: raw("(active = true) AND (status = \'live\'::\\"Status\\") AND' in text, text
    doc = parse_schema(text)
    assert validate(doc) == []
    assert diff(live, lower(doc, "postgresql"), "postgresql").steps == ()
