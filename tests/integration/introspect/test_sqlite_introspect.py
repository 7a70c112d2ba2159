"""SQLite introspection of hand-written DDL: pragmas plus what only the CREATE text tells."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from midair.connection import connect
from midair.introspect import introspect
from midair.schema.model import Column, ColumnType, ForeignKey, Index, IndexColumn, PrimaryKey

DDL = """
CREATE TABLE "User" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "email" TEXT NOT NULL,
    "name" TEXT DEFAULT 'anon',
    "score" INTEGER NOT NULL DEFAULT 0,
    "ratio" REAL NOT NULL DEFAULT 0.5,
    "price" DECIMAL,
    "active" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "avatar" BLOB,
    "big" BIGINT,
    "legacy" varchar(20) DEFAULT ('x')
);
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");
CREATE INDEX "User_score_name_idx" ON "User"("score" DESC, "name");
CREATE INDEX "User_active_partial" ON "User"("email") WHERE "active" = 1;
CREATE INDEX "User_lower_email" ON "User"(lower("email"));
CREATE TABLE "Post" (
    "authorId" INTEGER NOT NULL,
    "slug" TEXT NOT NULL,
    "editorId" INTEGER,

    PRIMARY KEY ("authorId", "slug"),
    CONSTRAINT "Post_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Post_editorId_fkey" FOREIGN KEY ("editorId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    UNIQUE ("slug", "editorId")
);
CREATE TABLE "Comment" (
    "id" TEXT PRIMARY KEY,
    "postAuthor" INTEGER NOT NULL,
    "postSlug" TEXT NOT NULL,
    FOREIGN KEY ("postAuthor", "postSlug") REFERENCES "Post" ("authorId", "slug") ON DELETE CASCADE
);
CREATE TABLE "Plain" ("id" INTEGER PRIMARY KEY, "parentId" INTEGER REFERENCES "Plain");
CREATE TABLE "_prisma_migrations" ("id" TEXT PRIMARY KEY);
CREATE TABLE "_midair_backfill" ("id" INTEGER PRIMARY KEY);
"""


@pytest.fixture
def conn(sqlite_url: str) -> Iterator[object]:
    c = connect(sqlite_url)
    c.script(DDL)
    try:
        yield c
    finally:
        c.close()


def test_columns_types_defaults_autoincrement(conn) -> None:
    schema = introspect(conn)
    assert sorted(t.name for t in schema.tables) == ["Comment", "Plain", "Post", "User"]
    user = schema.table("User")
    cols = {c.name: c for c in user.columns}
    assert user.column_names[:3] == ("id", "email", "name")
    assert cols["id"] == Column("id", ColumnType("INTEGER"), autoincrement=True)
    assert cols["name"] == Column("name", ColumnType("TEXT"), nullable=True, default="'anon'")
    assert cols["score"].default == "0"
    assert cols["ratio"] == Column("ratio", ColumnType("REAL"), default="0.5")
    assert cols["price"].type.name == "DECIMAL"
    assert cols["active"] == Column("active", ColumnType("BOOLEAN"), default="false")
    assert cols["createdAt"] == Column("createdAt", ColumnType("DATETIME"), default="CURRENT_TIMESTAMP")
    assert cols["avatar"].type.name == "BLOB"
    assert cols["big"].type.name == "BIGINT"
    # Parentheses around a default are dropped.
    # A type Prisma does not write is Unsupported("…").
    assert cols["legacy"] == Column("legacy", ColumnType("varchar(20)", unsupported=True), nullable=True, default="'x'")
    # An INTEGER PRIMARY KEY without AUTOINCREMENT is the rowid too: numbered by the database.
    assert schema.table("Plain").column("id") == Column("id", ColumnType("INTEGER"), autoincrement=True)
    # A TEXT primary key declared without NOT NULL is still required.
    assert not schema.table("Comment").column("id").nullable


def test_keys_indexes_foreign_keys(conn) -> None:
    schema = introspect(conn)
    user, post, comment = schema.table("User"), schema.table("Post"), schema.table("Comment")
    assert user.primary_key == PrimaryKey(None, (IndexColumn("id"),))
    assert post.primary_key == PrimaryKey(None, (IndexColumn("authorId"), IndexColumn("slug")))
    indexes = {i.name: i for i in user.indexes}
    assert indexes["User_email_key"] == Index("User_email_key", (IndexColumn("email"),), unique=True)
    assert indexes["User_score_name_idx"].columns == (IndexColumn("score", "DESC"), IndexColumn("name"))
    assert indexes["User_active_partial"].where == '"active" = 1'
    assert "User_lower_email" not in indexes  # expression indexes are left out, as Prisma does
    (unique,) = post.indexes
    assert unique.unique and unique.column_names == ("slug", "editorId")
    fks = {f.name: f for f in post.foreign_keys}
    assert fks["Post_authorId_fkey"] == ForeignKey(
        "Post_authorId_fkey", ("authorId",), "User", ("id",), on_delete="RESTRICT", on_update="CASCADE"
    )
    assert fks["Post_editorId_fkey"].on_delete == "SET NULL"
    (composite,) = comment.foreign_keys
    assert composite.name is None
    assert composite.referenced_columns == ("authorId", "slug")
    assert composite.on_delete == "CASCADE" and composite.on_update == "NO ACTION"
    # `REFERENCES "Plain"` without columns points at the primary key.
    assert schema.table("Plain").foreign_keys[0].referenced_columns == ("id",)


def test_bookkeeping_tables_are_left_out(conn) -> None:
    names = {t.name for t in introspect(conn).tables}
    assert not names & {"_prisma_migrations", "_midair_backfill", "sqlite_sequence"}
