"""PostgreSQL extensions on a real server (pgcrypto, citext, uuid-ossp, ltree, hstore ship with
PostgreSQL's contrib): created by the migration, read back, re-diffed to nothing, moved by
ALTER EXTENSION when relocatable, and written back by `db pull`."""

from __future__ import annotations

import pytest

from midair.connection import connect
from midair.diff import diff
from midair.diff.changes import AlterExtension
from midair.introspect import introspect
from midair.psl import parse_schema
from midair.pull import pull
from midair.render import migration_script
from midair.schema.lower import lower
from midair.schema.model import EMPTY_SCHEMA, Extension

SCHEMA = """generator client {
  provider        = "prisma-client-js"
  previewFeatures = ["postgresqlExtensions"]
}

datasource db {
  provider   = "postgresql"
  url        = env("DATABASE_URL")
  extensions = %s
}

model User {
  id    String @id @default(dbgenerated("gen_random_uuid()")) @db.Uuid
  email String @unique @db.Citext
  token String @default(dbgenerated("uuid_generate_v4()")) @db.Uuid
}
"""


def _extensions(url: str) -> dict[str, tuple[str, str]]:
    conn = connect(url)
    try:
        rows = conn.query("SELECT e.extname, n.nspname, e.extversion FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace")
    finally:
        conn.close()
    return {name: (ns, version) for name, ns, version in rows}


@pytest.mark.postgres
def test_extensions_are_created_read_back_and_rediff_to_nothing(postgres_url: str) -> None:
    target = lower(parse_schema(SCHEMA % '[pgcrypto, citext(schema: "public", version: "1.6"), uuid_ossp(map: "uuid-ossp")]'), "postgresql")
    conn = connect(postgres_url)
    try:
        conn.script(migration_script(diff(EMPTY_SCHEMA, target, "postgresql"), "postgresql"))
        live = introspect(conn)
    finally:
        conn.close()
    assert [e.name for e in live.extensions] == ["citext", "pgcrypto", "uuid-ossp"]  # plpgsql left out
    assert live.extensions[0] == Extension("citext", "public", "1.6")
    assert diff(live, target, "postgresql").steps == ()
    assert _extensions(postgres_url)["citext"] == ("public", "1.6")


@pytest.mark.postgres
def test_a_relocatable_extension_is_updated_in_place(postgres_url: str) -> None:
    conn = connect(postgres_url)
    try:
        conn.execute("CREATE EXTENSION citext VERSION '1.4'")
        conn.execute('CREATE EXTENSION pgcrypto')
        conn.execute('CREATE EXTENSION "uuid-ossp"')
        live = introspect(conn)
        target = lower(parse_schema(SCHEMA % '[pgcrypto, citext(version: "1.6"), uuid_ossp(map: "uuid-ossp")]'), "postgresql")
        migration = diff(live, target, "postgresql")
        assert [type(s) for s in migration.steps if not hasattr(s, "table")] == [AlterExtension]
        script = migration_script(migration, "postgresql")
        assert '-- AlterExtension\nALTER EXTENSION "citext" UPDATE TO "1.6";' in script
        conn.script(script)
        assert diff(introspect(conn), target, "postgresql").steps == ()
    finally:
        conn.close()
    assert _extensions(postgres_url)["citext"] == ("public", "1.6")


@pytest.mark.postgres
def test_db_pull_writes_the_installed_extensions_back(postgres_url: str) -> None:
    conn = connect(postgres_url)
    try:
        for ext in ("citext", "pgcrypto", '"uuid-ossp"', "hstore"):
            conn.execute(f"CREATE EXTENSION {ext}")
        conn.execute("CREATE EXTENSION ltree VERSION '1.1'")
        conn.script('CREATE TABLE "Tag" ("id" INTEGER NOT NULL, "name" CITEXT NOT NULL, CONSTRAINT "Tag_pkey" PRIMARY KEY ("id"))')
        live = introspect(conn)
    finally:
        conn.close()
    existing = SCHEMA % '[pgcrypto, ltree(version: "1.2")]'
    text = pull(postgres_url, existing=existing)
    # Listed ones keep their arguments with the database's values; unlisted ones are added only
    # from Prisma's allow list (citext, uuid-ossp: yes; hstore: no), with their schema.
    assert (
        '  extensions = [citext(schema: "public"), ltree(version: "1.1"), pgcrypto, '
        'uuid_ossp(map: "uuid-ossp", schema: "public")]\n' in text
    ), text
    pulled = lower(parse_schema(text), "postgresql")
    assert diff(live, pulled, "postgresql").steps == ()
    # Without the preview feature the datasource is kept as it was (Prisma introspects none).
    plain = existing.replace('  previewFeatures = ["postgresqlExtensions"]\n', "").replace('  extensions = [pgcrypto, ltree(version: "1.2")]\n', "")
    assert "extensions" not in pull(postgres_url, existing=plain)


@pytest.mark.postgres
def test_migrate_dev_creates_then_updates_extensions_and_then_has_nothing_to_do(tmp_path, postgres_url: str, capsys) -> None:  # type: ignore[no-untyped-def]
    """Deliberately unlike Prisma 7 (prisma/orm#26231), which reads no extension from the shadow
    database and so writes every declared extension into every new migration: midair compares the
    shadow database's extensions, so a version change is an ``ALTER EXTENSION … UPDATE TO``."""
    from tests.integration.migrations.support import cli

    schema = tmp_path / "schema.prisma"

    def dev(extensions: str, name: str) -> str:
        schema.write_text(SCHEMA % extensions)
        code, out, err = cli(capsys, "migrate", "dev", "--schema", str(schema), "--url", postgres_url, "--name", name)
        assert code == 0, out + err
        return out

    dev('[pgcrypto, citext, uuid_ossp(map: "uuid-ossp"), ltree(version: "1.1")]', "init")
    dev('[pgcrypto, citext, uuid_ossp(map: "uuid-ossp"), ltree(version: "1.2")]', "ltree")
    assert "Already in sync" in dev('[pgcrypto, citext, uuid_ossp(map: "uuid-ossp"), ltree(version: "1.2")]', "nothing")
    folders = sorted(p for p in (tmp_path / "migrations").iterdir() if p.is_dir())
    assert [p.name.split("_", 1)[1] for p in folders] == ["init", "ltree"]
    assert (folders[1] / "migration.sql").read_text() == '-- AlterExtension\nALTER EXTENSION "ltree" UPDATE TO "1.2";\n'
    assert _extensions(postgres_url)["ltree"] == ("public", "1.2")
