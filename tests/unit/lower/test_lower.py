"""Lowering: Prisma's names (with the 63-byte rules), types, defaults and refusals."""

from __future__ import annotations

import pytest

from midair.errors import UnsupportedError
from midair.psl import parse_schema
from midair.schema import naming
from midair.schema.lower import lower


def schema(body: str, provider: str = "postgresql") -> str:
    return f'datasource db {{\n  provider = "{provider}"\n}}\n\n{body}\n'


def test_default_names_and_truncation() -> None:
    assert naming.primary_key_name("User", 63) == "User_pkey"
    assert naming.unique_index_name("User", ["email"], 63) == "User_email_key"
    assert naming.index_name("Session", ["userId", "createdAt"], 63) == "Session_userId_createdAt_idx"
    assert naming.foreign_key_name("Match", ["createdById"], 63) == "Match_createdById_fkey"
    long = "T" * 70
    assert naming.primary_key_name(long, 63) == "T" * 58 + "_pkey"
    assert len(naming.index_name(long, ["a"], 63)) == 63
    # "TTT…T_a" reaches 63 - 4 bytes: cut before the suffix
    assert naming.unique_index_name("T" * 58, ["a"], 63) == "T" * 58 + "__key"
    # UTF-8 bytes, never half a character
    cut = naming.primary_key_name("é" * 40, 63)
    assert len(cut.encode()) <= 63 and cut.endswith("_pkey")
    assert naming.join_table_foreign_key_names("_AToB", 63) == ("_AToB_A_fkey", "_AToB_B_fkey")


def test_types_defaults_and_client_side_defaults() -> None:
    doc = parse_schema(
        schema(
            """
model T {
  id    String   @id @default(uuid())
  n     Int      @default(autoincrement()) @db.SmallInt
  at    DateTime @default(now())
  up    DateTime @updatedAt
  tags  String[] @default(["a"])
  price Decimal  @db.Decimal(10, 2)
}"""
        )
    )
    t = lower(doc, "postgresql").tables[0]
    cols = {c.name: c for c in t.columns}
    assert cols["id"].default is None and cols["up"].default is None
    assert cols["n"].autoincrement and cols["n"].type.name == "SMALLINT" and cols["n"].default is None
    assert cols["at"].default == "CURRENT_TIMESTAMP"
    assert cols["tags"].type.array and cols["tags"].default == "ARRAY['a']::TEXT[]"
    assert cols["price"].type.name == "DECIMAL(10,2)"
    assert t.primary_key is not None and t.primary_key.name == "T_pkey"


def test_sqlite_integer_primary_keys_autoincrement_and_enums_are_text() -> None:
    doc = parse_schema(schema("enum E {\n  A\n}\n\nmodel T {\n  id Int @id\n  e  E  @default(A)\n}", "sqlite"))
    s = lower(doc, "sqlite")
    (t,) = s.tables
    assert s.enums == () and t.primary_key is not None and t.primary_key.name is None
    assert t.columns[0].autoincrement and t.columns[1].type.name == "TEXT" and t.columns[1].default == "'A'"


def test_relation_defaults_follow_the_arity_of_the_scalar_fields() -> None:
    doc = parse_schema(
        schema(
            """
model A {
  id Int @id
  bs B[]
  cs C[]
}
model B {
  id  Int  @id
  aId Int?
  a   A?   @relation(fields: [aId], references: [id])
}
model C {
  id  Int @id
  aId Int @default(0)
  a   A?  @relation(fields: [aId], references: [id])
}"""
        )
    )
    tables = {t.name: t for t in lower(doc, "postgresql").tables}
    assert tables["B"].foreign_keys[0].on_delete == "SET NULL"
    assert tables["C"].foreign_keys[0].on_delete == "RESTRICT"
    assert tables["C"].foreign_keys[0].on_update == "CASCADE"


@pytest.mark.parametrize("provider", ["mysql", "sqlserver", "mongodb", "cockroachdb"])
def test_other_providers_are_refused_by_name(provider: str) -> None:
    doc = parse_schema(schema("model T {\n  id Int @id\n}", provider))
    with pytest.raises(UnsupportedError) as e:
        lower(doc, provider)
    assert provider in e.value.message
