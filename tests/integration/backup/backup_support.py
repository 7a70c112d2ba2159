"""Helpers for the backup tests (imported by conftest.py and the tests): schemas with every column type Prisma lowers to, and ordered
row dumps that compare byte for byte."""

from __future__ import annotations

import sqlite3
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
from midair.urls import parse_url

# Prisma's SQL for a schema using every scalar type it lowers (enum, list, Json, Bytes, Decimal,
# BigInt, DateTime with and without time zone, Uuid), plus its history table.
PG_SCHEMA = """
CREATE TYPE "Role" AS ENUM ('PLAYER', 'UMPIRE', 'ADMIN');

CREATE TABLE "User" (
    "id" SERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "role" "Role" NOT NULL DEFAULT 'PLAYER',
    "roles" "Role"[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "Everything" (
    "id" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "varchar" VARCHAR(191),
    "int" INTEGER,
    "big" BIGINT,
    "float" DOUBLE PRECISION,
    "dec" DECIMAL(65,30),
    "money" DECIMAL(10,2),
    "flag" BOOLEAN,
    "at" TIMESTAMP(3),
    "atTz" TIMESTAMPTZ(6),
    "day" DATE,
    "json" JSONB,
    "jsonText" JSON,
    "bytes" BYTEA,
    "uuid" UUID,
    "tags" TEXT[],
    "scores" INTEGER[],
    "bigs" BIGINT[],
    "userId" INTEGER,
    CONSTRAINT "Everything_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "User_email_key" ON "User"("email");
CREATE INDEX "Everything_userId_idx" ON "Everything"("userId");
ALTER TABLE "Everything" ADD CONSTRAINT "Everything_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

CREATE TABLE _prisma_migrations (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
);
"""

PG_DATA = r"""
INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES
  ('a0000000-0000-4000-8000-000000000001', repeat('a', 64), '2025-03-13 12:34:33+00', '20250313123432_init', '2025-03-13 12:34:32+00', 1),
  ('a0000000-0000-4000-8000-000000000002', repeat('b', 64), '2025-03-14 09:00:01+00', '20250314090000_everything', '2025-03-14 09:00:00+00', 1);
INSERT INTO "User" (email, name, role, roles, "createdAt") VALUES
  ('zoe@example.com', 'Zoë Ångström 🎾', 'ADMIN', '{PLAYER,ADMIN}', '2025-03-13 12:00:00.123'),
  ('li@example.com', '李小龍 — «quotes» "double" ''single'' \ backslash', 'UMPIRE', '{}', '1999-12-31 23:59:59.999'),
  ('nil@example.com', NULL, 'PLAYER', NULL, '1970-01-01 00:00:00');
INSERT INTO "Everything" VALUES
  ('e1', E'tab\there\nnewline and emoji 🏆', 'varchar ✓', -2147483648, 9223372036854775807, 1.0000000000000002,
   '12345678901234567890123456789012345.123456789012345678901234567890', 99999999.99, true,
   '2025-06-01 10:11:12.345', '2025-06-01 10:11:12.345678+02:00', '0001-01-01',
   '{"nested": {"list": [1, 2.5, "three", null, true]}, "unicode": "ü€𝄞"}', '{ "kept":  "as written" , "b":1}',
   '\x00ff10807f', 'f47ac10b-58cc-4372-a567-0e02b2c3d479', '{"a b",c,NULL,"d,e"}', '{1,-2,3}', '{-9223372036854775808,0}', 1),
  ('e2', '', NULL, 0, -9223372036854775808, -1.5e300, 'NaN', -0.01, false,
   '9999-12-31 23:59:59.999', '1900-01-01 00:00:00+00', '2024-02-29',
   '[]', 'null', '\x', NULL, '{}', NULL, NULL, 2),
  ('e3', 'all nulls', NULL, NULL, NULL, 'Infinity', NULL, NULL, NULL, NULL, NULL, NULL, 'null', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
"""

# The same model lowered for SQLite (enums and lists become TEXT/JSON as Prisma does).
SQLITE_SCHEMA = """
CREATE TABLE "User" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "role" TEXT NOT NULL DEFAULT 'PLAYER',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE TABLE "Everything" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "text" TEXT NOT NULL,
    "int" INTEGER,
    "big" BIGINT,
    "float" REAL,
    "dec" DECIMAL,
    "flag" BOOLEAN,
    "at" DATETIME,
    "json" JSONB,
    "bytes" BLOB,
    "userId" INTEGER,
    CONSTRAINT "Everything_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");
CREATE INDEX "Everything_userId_idx" ON "Everything"("userId");
CREATE TABLE "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
);
"""

SQLITE_DATA = [
    ("INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES (?, ?, ?, ?, ?, 1)",
     [("m1", "a" * 64, 1741869273000, "20250313123432_init", 1741869272000),
      ("m2", "b" * 64, 1741942801000, "20250314090000_everything", 1741942800000)]),
    ('INSERT INTO "User" (email, name, role, "createdAt") VALUES (?, ?, ?, ?)',
     [("zoe@example.com", "Zoë Ångström 🎾", "ADMIN", 1741867200123),
      ("li@example.com", "李小龍 — «quotes» \"double\" 'single' \\ backslash", "UMPIRE", 946684799999),
      ("nil@example.com", None, "PLAYER", 0)]),
    ('INSERT INTO "Everything" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
     [("e1", "tab\there\nnewline and emoji 🏆", -2147483648, 9223372036854775807, 1.0000000000000002,
       "12345678901234567890.123456789", 1, 1748772672345, '{"nested":{"list":[1,2.5,"three",null,true]},"unicode":"ü€𝄞"}',
       bytes(range(256)), 1),
      ("e2", "", 0, -9223372036854775808, -1.5e300, "-0.01", 0, "2025-06-01T10:11:12.345+00:00", "[]", b"", 2),
      ("e3", "all nulls", None, None, None, None, None, None, None, None, None)]),
]  # fmt: skip


def pg_execute(url: str, sql: str) -> None:
    with psycopg.connect(url, autocommit=True) as c:
        c.execute(sql.encode())


def pg_tables(url: str) -> list[str]:
    with psycopg.connect(url, autocommit=True) as c:
        rows = c.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1").fetchall()
    return [r[0] for r in rows]


def pg_dump_rows(url: str) -> dict[str, bytes]:
    """Every table's rows in PostgreSQL's text format, in the order of their text: byte-comparable."""
    out: dict[str, bytes] = {}
    with psycopg.connect(url, autocommit=True) as c:
        for table in pg_tables(url):
            data = bytearray()
            with c.cursor().copy(f'COPY (SELECT * FROM "{table}" AS r ORDER BY r::text COLLATE "C") TO STDOUT') as copy:
                for chunk in copy:
                    data += chunk
            out[table] = bytes(data)
    return out


def pg_schema_text(url: str) -> str:
    """`pg_dump --schema-only` of the database, without the lines that differ between runs."""
    from midair.dialects.postgres.backup import find_client

    client = find_client("pg_dump", 0, why="test")
    text = subprocess.run([str(client.path), "--schema-only", "--no-owner", f"--dbname={url}"], check=True, capture_output=True, text=True).stdout
    # \restrict carries a random key per run (PostgreSQL 15.14+).
    return "\n".join(line for line in text.splitlines() if not line.startswith(("\\restrict", "\\unrestrict")))


def sqlite_path(url: str) -> Path:
    path = parse_url(url).path
    assert path is not None
    return path


def sqlite_execute(url: str, sql: str) -> None:
    con = sqlite3.connect(sqlite_path(url))
    try:
        con.executescript(sql)
    finally:
        con.close()


def sqlite_dump_rows(url: str) -> dict[str, list[str]]:
    """Every table's rows with their storage classes, ordered by rowid: `repr` keeps bytes exact."""
    con = sqlite3.connect(sqlite_path(url))
    try:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        out = {}
        for t in tables:
            cols = [r[1] for r in con.execute(f'PRAGMA table_info("{t}")')]
            typed = ", ".join(f'"{c}", typeof("{c}")' for c in cols)
            out[t] = [repr(r) for r in con.execute(f'SELECT {typed} FROM "{t}" ORDER BY rowid')]
        return out
    finally:
        con.close()


def sqlite_schema_text(url: str) -> list[tuple[str, ...]]:
    con = sqlite3.connect(sqlite_path(url))
    try:
        return con.execute("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name").fetchall()
    finally:
        con.close()


def database_exists(url: str) -> bool:
    from midair.testing.postgres import server_url

    name = urlsplit(url).path.lstrip("/")
    with psycopg.connect(server_url(), autocommit=True) as c:
        return bool(c.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchall())


def databases_like(prefix: str) -> list[str]:
    from midair.testing.postgres import server_url

    with psycopg.connect(server_url(), autocommit=True) as c:
        rows = c.execute("SELECT datname FROM pg_database WHERE starts_with(datname, %s)", (prefix,)).fetchall()
    return [r[0] for r in rows]
