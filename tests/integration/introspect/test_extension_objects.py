"""What an extension brings, as PostGIS does.

Objects an extension owns (PostGIS's `spatial_ref_sys`, pg_depend deptype 'e') are the extension's,
not the application's: introspection leaves them out, as Prisma's does, so no migration proposes to
drop them and `db pull` does not write them as models, and a database holding only them is empty
to `migrate deploy` (a DBA may run ``CREATE EXTENSION postgis`` before the first deploy).

A type from an extension's schema is written ``Unsupported("\\"public\\".geography")`` in
schema.prisma (Prisma's PostGIS example) and read back from the catalog as ``geography``: one type.

The extension-owned table and enum are made with ``ALTER EXTENSION plpgsql ADD …``: plpgsql is in
every database, so the test needs no optional package, and the catalog then records exactly what
``CREATE EXTENSION postgis`` records for its table. (The PostGIS corpus schema checks the real thing
in tests/integration/test_corpus_roundtrip.py when the server has PostGIS.)
"""

from __future__ import annotations

from pathlib import Path

import pytest

from midair.connection import connect
from midair.dialects.postgres.normalize import normalize
from midair.diff import diff
from midair.introspect import introspect
from midair.migrations.apply import deploy
from midair.psl import parse_schema
from midair.pull import schema_to_psl
from midair.schema.lower import lower
from midair.schema.model import Column, ColumnType, Schema, Table
from tests.integration.migrations.support import CREATE_PLAYER, make_migrations

pytestmark = pytest.mark.postgres

DDL = """
CREATE TABLE "Place" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    CONSTRAINT "Place_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "Place_name_idx" ON "Place"("name");
CREATE TABLE "ref_sys" (
    "srid" INTEGER NOT NULL,
    "placeId" INTEGER REFERENCES "Place"("id"),
    CONSTRAINT "ref_sys_pkey" PRIMARY KEY ("srid")
);
CREATE INDEX "ref_sys_placeId_idx" ON "ref_sys"("placeId");
CREATE TYPE "ext_kind" AS ENUM ('a', 'b');
ALTER EXTENSION plpgsql ADD TABLE "ref_sys";
ALTER EXTENSION plpgsql ADD TYPE "ext_kind";
"""

SCHEMA = """datasource db {
  provider = "postgresql"
  url      = env("DATABASE_URL")
}

model Place {
  id   Int    @id @default(autoincrement())
  name String

  @@index([name])
}
"""


def _introspect(url: str):  # noqa: ANN202 - a Schema
    conn = connect(url)
    try:
        conn.script(DDL)
        return introspect(conn)
    finally:
        conn.close()


def test_extension_owned_tables_and_enums_are_left_out(postgres_url: str) -> None:
    live = _introspect(postgres_url)
    assert [t.name for t in live.tables] == ["Place"]
    assert live.enums == ()
    # The database is what the schema describes: nothing to drop, nothing to change.
    assert diff(live, lower(parse_schema(SCHEMA), "postgresql"), "postgresql").steps == ()


def test_db_pull_does_not_write_extension_owned_tables(postgres_url: str) -> None:
    text = schema_to_psl(_introspect(postgres_url), "postgresql")
    assert "model Place" in text
    assert "ref_sys" not in text and "ext_kind" not in text


def test_a_database_holding_only_extension_objects_deploys_without_a_baseline(tmp_path: Path, postgres_url: str) -> None:
    conn = connect(postgres_url)
    try:
        conn.script(
            'CREATE TABLE "ref_sys" ("srid" INTEGER PRIMARY KEY); CREATE VIEW "ref_cols" AS SELECT 1 AS x;'
            'ALTER EXTENSION plpgsql ADD TABLE "ref_sys"; ALTER EXTENSION plpgsql ADD VIEW "ref_cols";'
        )
    finally:
        conn.close()
    folder = make_migrations(tmp_path, postgres_url, ("20250101000000_players", CREATE_PLAYER))
    assert deploy(postgres_url, folder).applied == ("20250101000000_players",)


def test_a_schema_qualifier_does_not_make_an_unsupported_type_differ() -> None:
    def table(*types: str) -> Schema:
        columns = tuple(Column(f"c{i}", ColumnType(t, unsupported=True)) for i, t in enumerate(types))
        return Schema((Table("T", columns),))

    written = table('"public".geography', "public.geography(Point, 4326)", '"gis"."Geo"')
    catalog = table("geography", "geography(Point,4326)", '"Geo"')
    assert normalize(written) == normalize(catalog)
    assert diff(catalog, written, "postgresql").steps == ()
    # The type itself still counts.
    assert diff(catalog, table("geometry", "geography(Point,4326)", '"Geo"'), "postgresql").steps != ()
