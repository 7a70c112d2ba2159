"""`migrate diff --from-url` after applying `--from-empty`: no difference, for the spellings that
PostgreSQL prints back differently from the way schema.prisma (and Prisma's SQL) writes them."""

from __future__ import annotations

from pathlib import Path

import pytest

from midair.cli import main
from midair.connection import connect



SCHEMA = r'''
datasource db {
  provider = "postgresql"
  url      = env("DATABASE_URL")
}

enum Role {
  USER
  ADMIN
}

model Shape {
  id    Int                            @id @default(autoincrement())
  c     Unsupported("Circle")?
  n     Unsupported("numeric(10, 2)")?
  ts    Unsupported("tsvector")?
  tags  String[]                       @default(["a", "b"])
  roles Role[]                         @default([USER])
  doc   Json                           @default("{\"b\": 1, \"a\": [1, 2]}")
  at    DateTime                       @default("2020-01-02T03:04:05.678+02:00") @db.Timestamptz(3)
  since DateTime                       @default("2020-01-02T03:04:05.678Z")
  day   DateTime                       @default("2020-01-02T00:00:00Z") @db.Date
  blob  Bytes                          @default("aGVsbG8=")
  price Decimal                        @default(-1.5) @db.Decimal(10, 2)
  big   BigInt                         @default(-3)
  role  Role                           @default(ADMIN)

  @@index([tags(ops: ArrayOps)], type: Gin)
  @@index([doc(ops: JsonbPathOps)], type: Gin)
}
'''


@pytest.mark.postgres
def test_from_url_after_from_empty_is_no_difference(postgres_url: str, tmp_path: Path, capsys) -> None:
    schema = tmp_path / "schema.prisma"
    schema.write_text(SCHEMA)
    assert main(["migrate", "diff", "--from-empty", "--to-schema", str(schema), "--script"]) == 0
    script = capsys.readouterr().out
    conn = connect(postgres_url)
    try:
        conn.script(script)
    finally:
        conn.close()
    code = main(["migrate", "diff", "--from-url", postgres_url, "--to-schema", str(schema), "--exit-code"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "No difference detected." in out

    # And the schema pulled from that database diffs empty against the original.
    assert main(["db", "pull", "--url", postgres_url, "--print"]) == 0
    pulled = tmp_path / "pulled.prisma"
    pulled.write_text(capsys.readouterr().out)
    code = main(["migrate", "diff", "--from-schema", str(pulled), "--to-schema", str(schema), "--exit-code"])
    assert code == 0, capsys.readouterr().out


SQLITE_SCHEMA = r'''
datasource db {
  provider = "sqlite"
  url      = env("DATABASE_URL")
}

enum Role {
  USER
  ADMIN
}

model Shape {
  id    Int                          @id @default(autoincrement())
  v     Unsupported("varchar(20)")?
  doc   Json?
  at    DateTime                     @default("2020-01-02T03:04:05.678+02:00")
  blob  Bytes                        @default("aGVsbG8=")
  price Decimal                      @default(-1.5)
  big   BigInt                       @default(-3)
  role  Role                         @default(ADMIN)
  on    Boolean                      @default(true)
  f     Float                        @default(1.0)
}

model Plain {
  id   Int    @id
  name String @unique
}
'''


def test_sqlite_from_url_after_from_empty_is_no_difference(sqlite_url: str, tmp_path: Path, capsys) -> None:
    schema = tmp_path / "schema.prisma"
    schema.write_text(SQLITE_SCHEMA)
    assert main(["migrate", "diff", "--from-empty", "--to-schema", str(schema), "--script"]) == 0
    conn = connect(sqlite_url)
    try:
        conn.script(capsys.readouterr().out)
    finally:
        conn.close()
    code = main(["migrate", "diff", "--from-url", sqlite_url, "--to-schema", str(schema), "--exit-code"])
    assert code == 0, capsys.readouterr().out
    capsys.readouterr()
    assert main(["db", "pull", "--url", sqlite_url, "--print"]) == 0
    text = capsys.readouterr().out
    assert '@default("2020-01-02T03:04:05.678+02:00")' in text and '@default("aGVsbG8=")' in text
    pulled = tmp_path / "pulled.prisma"
    pulled.write_text(text)
    code = main(["migrate", "diff", "--from-schema", str(pulled), "--to-schema", str(schema), "--exit-code"])
    assert code == 0, capsys.readouterr().out
