"""`db pull`: a hand-written database → schema.prisma → lowered again gives the same Schema."""

from __future__ import annotations

from pathlib import Path

import pytest

from midair.cli import main
from midair.connection import connect
from midair.dialects import get_dialect
from midair.introspect import introspect
from midair.psl.validate import validate
from midair.pull import schema_to_psl
from midair.psl import parse_schema
from midair.schema.lower import lower

PG_DDL = """
CREATE TYPE "Status" AS ENUM ('draft', 'in-progress', 'DONE');
CREATE TABLE "User" (
    "id" SERIAL NOT NULL,
    "email" VARCHAR(200) NOT NULL,
    "first name" TEXT,
    "balance" DECIMAL(12,2) NOT NULL DEFAULT 0,
    "joined" TIMESTAMPTZ(6) NOT NULL DEFAULT now(),
    "prefs" JSONB NOT NULL DEFAULT '{"theme": "dark"}',
    "nicknames" TEXT[] DEFAULT ARRAY['x']::TEXT[],
    "uid" UUID NOT NULL DEFAULT gen_random_uuid(),
    "search" tsvector,
    "statuses" "Status"[] DEFAULT ARRAY['draft', 'in-progress']::"Status"[],
    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");
CREATE UNIQUE INDEX "user_uid_unique" ON "User"("uid");
CREATE INDEX "User_prefs_idx" ON "User" USING GIN ("prefs" jsonb_path_ops);
CREATE INDEX "User_joined_idx" ON "User"("joined" DESC);
CREATE TABLE "Profile" (
    "userId" INTEGER NOT NULL,
    "bio" TEXT NOT NULL DEFAULT 'it''s me',
    CONSTRAINT "Profile_pkey" PRIMARY KEY ("userId")
);
ALTER TABLE "Profile" ADD CONSTRAINT "Profile_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
CREATE TABLE "Post" (
    "id" BIGSERIAL NOT NULL,
    "authorId" INTEGER NOT NULL,
    "editorId" INTEGER,
    "status" "Status" NOT NULL DEFAULT 'in-progress',
    "title" TEXT NOT NULL,
    CONSTRAINT "Post_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "Post_title_hash" ON "Post" USING HASH ("title");
CREATE UNIQUE INDEX "Post_authorId_title_key" ON "Post"("authorId", "title");
ALTER TABLE "Post" ADD CONSTRAINT "Post_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Post" ADD CONSTRAINT "post_editor" FOREIGN KEY ("editorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE NO ACTION;
CREATE TABLE "Tag" ("name" TEXT NOT NULL, CONSTRAINT "Tag_pkey" PRIMARY KEY ("name"));
CREATE TABLE "_PostToTag" ("A" BIGINT NOT NULL, "B" TEXT NOT NULL, CONSTRAINT "_PostToTag_AB_pkey" PRIMARY KEY ("A", "B"));
CREATE INDEX "_PostToTag_B_index" ON "_PostToTag"("B");
ALTER TABLE "_PostToTag" ADD CONSTRAINT "_PostToTag_A_fkey" FOREIGN KEY ("A") REFERENCES "Post"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "_PostToTag" ADD CONSTRAINT "_PostToTag_B_fkey" FOREIGN KEY ("B") REFERENCES "Tag"("name") ON DELETE CASCADE ON UPDATE CASCADE;
CREATE TABLE "employee-records" (
    "org" TEXT NOT NULL,
    "num" INTEGER NOT NULL,
    "managerOrg" TEXT,
    "managerNum" INTEGER,
    CONSTRAINT "employee-records_pkey" PRIMARY KEY ("org", "num")
);
ALTER TABLE "employee-records" ADD CONSTRAINT "employee-records_managerOrg_managerNum_fkey" FOREIGN KEY ("managerOrg", "managerNum") REFERENCES "employee-records"("org", "num") ON DELETE SET NULL ON UPDATE CASCADE;
"""

SQLITE_DDL = """
CREATE TABLE "User" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "email" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "score" REAL NOT NULL DEFAULT 1.5,
    "joined" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "avatar" BLOB,
    "legacy" varchar(20)
);
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");
CREATE TABLE "Post" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "authorId" INTEGER NOT NULL,
    "reviewerId" INTEGER,
    "title" TEXT NOT NULL DEFAULT '',
    CONSTRAINT "Post_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Post_reviewerId_fkey" FOREIGN KEY ("reviewerId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
CREATE INDEX "Post_title_idx" ON "Post"("title" DESC);
CREATE TABLE "Category" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "name" TEXT NOT NULL);
CREATE TABLE "_CategoryToPost" (
    "A" INTEGER NOT NULL,
    "B" TEXT NOT NULL,
    CONSTRAINT "_CategoryToPost_A_fkey" FOREIGN KEY ("A") REFERENCES "Category" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "_CategoryToPost_B_fkey" FOREIGN KEY ("B") REFERENCES "Post" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "_CategoryToPost_AB_unique" ON "_CategoryToPost"("A", "B");
CREATE INDEX "_CategoryToPost_B_index" ON "_CategoryToPost"("B");
CREATE TABLE "audit log" ("message" TEXT, "at" DATETIME);
"""


def _round_trip(url: str, ddl: str, provider: str) -> str:
    conn = connect(url)
    try:
        conn.script(ddl)
        db = introspect(conn)
    finally:
        conn.close()
    text = schema_to_psl(db, provider)
    doc = parse_schema(text)
    assert validate(doc) == [], text
    again = get_dialect(provider).normalize(lower(doc, provider))
    assert again.sorted() == db.sorted(), text
    return text


@pytest.mark.postgres
def test_postgres_pull_round_trips(postgres_url: str) -> None:
    text = _round_trip(postgres_url, PG_DDL, "postgresql")
    # Names that are not identifiers are mapped; enum values too.
    assert 'model employee_records {' in text and '@@map("employee-records")' in text
    assert 'first_name' in text and '@map("first name")' in text
    assert 'in_progress @map("in-progress")' in text and "@default(in_progress)" in text
    # Native types only where the type is not the scalar's default.
    assert "@db.VarChar(200)" in text and "@db.Decimal(12, 2)" in text and "@db.Timestamptz(6)" in text
    assert 'Unsupported("tsvector")' in text
    assert "@default([draft, in_progress])" in text
    # Relations: 1:1 back-relation, two relations to User disambiguated, m:n as lists, self relation.
    assert "Profile?" in text
    assert 'map: "post_editor"' in text and "onUpdate: NoAction" in text
    assert "Tag[]" in text and "Post[]" in text and "model _PostToTag" not in text
    assert '@unique(map: "user_uid_unique")' in text
    assert "ops: JsonbPathOps" in text and "type: Gin" in text and "type: Hash" in text


def test_sqlite_pull_round_trips(sqlite_url: str) -> None:
    text = _round_trip(sqlite_url, SQLITE_DDL, "sqlite")
    assert "@default(autoincrement())" in text and "@default(now())" in text
    assert 'Unsupported("varchar(20)")' in text
    assert "Category[]" in text and "model _CategoryToPost" not in text
    # A table without a primary key or unique index is kept, marked @@ignore as Prisma does.
    assert 'model audit_log {' in text and "@@ignore" in text and '@@map("audit log")' in text


@pytest.mark.postgres
def test_db_pull_command_keeps_the_datasource_block(postgres_url: str, tmp_path: Path, capsys) -> None:
    conn = connect(postgres_url)
    conn.script('CREATE TABLE "Thing" ("id" TEXT PRIMARY KEY, "n" INTEGER NOT NULL DEFAULT 3)')
    conn.close()
    schema = tmp_path / "prisma" / "schema.prisma"
    schema.parent.mkdir()
    schema.write_text('datasource db {\n  provider = "postgresql"\n  url      = env("APP_DB")\n}\n\nmodel Old {\n  id Int @id\n}\n')
    assert main(["db", "pull", "--schema", str(schema), "--url", postgres_url]) == 0
    text = schema.read_text()
    assert text.startswith('datasource db {\n  provider = "postgresql"\n  url      = env("APP_DB")\n}')
    assert "model Thing {" in text and "model Old" not in text and "@default(3)" in text
    assert "Introspected 1 models" in capsys.readouterr().out

    assert main(["db", "pull", "--schema", str(schema), "--url", postgres_url, "--print"]) == 0
    assert capsys.readouterr().out == text


@pytest.mark.postgres
def test_db_pull_reads_the_namespaces_the_datasource_lists(postgres_url: str, tmp_path: Path, capsys) -> None:
    conn = connect(postgres_url)
    conn.script(
        'CREATE SCHEMA "auth"; CREATE TABLE "auth"."Account" ("id" TEXT PRIMARY KEY);'
        'CREATE TABLE "public"."Note" ("id" TEXT PRIMARY KEY, "accountId" TEXT REFERENCES "auth"."Account"("id"))'
    )
    conn.close()
    schema = tmp_path / "schema.prisma"
    schema.write_text(
        'datasource db {\n  provider = "postgresql"\n  url      = env("DATABASE_URL")\n'
        '  schemas  = ["auth", "public"]\n}\n'
    )
    assert main(["db", "pull", "--schema", str(schema), "--url", postgres_url]) == 0
    text = schema.read_text()
    assert '@@schema("auth")' in text and '@@schema("public")' in text
    doc = parse_schema(text)
    assert validate(doc) == []
    lowered = lower(doc, "postgresql")
    assert {(t.schema, t.name) for t in lowered.tables} == {("auth", "Account"), ("public", "Note")}


def test_db_pull_refuses_an_empty_database_and_a_provider_mismatch(tmp_path: Path, capsys) -> None:
    db = tmp_path / "dev.db"
    schema = tmp_path / "schema.prisma"
    assert main(["db", "pull", "--schema", str(schema), "--url", f"sqlite:///{db}"]) == 1
    assert "The introspected database was empty" in capsys.readouterr().err
    assert not schema.exists()

    conn = connect(f"sqlite:///{db}")
    conn.script('CREATE TABLE "T" ("id" INTEGER PRIMARY KEY)')
    conn.close()
    schema.write_text('datasource db {\n  provider = "postgresql"\n  url = env("DATABASE_URL")\n}\n')
    assert main(["db", "pull", "--schema", str(schema), "--url", f"sqlite:///{db}"]) == 1
    err = capsys.readouterr().err
    assert "provider is `postgresql`" in err and "--force" in err and "Traceback" not in err
    assert main(["db", "pull", "--schema", str(schema), "--url", f"sqlite:///{db}", "--force"]) == 0
    assert 'provider = "sqlite"' in schema.read_text()


def test_db_pull_never_prints_the_password(capsys) -> None:
    url = "postgresql://someone:s3cret-pw@127.0.0.1:5432/midair_does_not_exist"
    assert main(["db", "pull", "--url", url, "--print"]) == 1
    captured = capsys.readouterr()
    assert "s3cret-pw" not in captured.out + captured.err
    assert "****" in captured.err
