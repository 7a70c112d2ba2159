"""The object form of a partial index's `where:`: Prisma's errors (file:line:col) and the predicate
text lowering gives (checked byte for byte against Prisma in tests/golden/*/partial_index_object)."""

from __future__ import annotations

import pytest

from midair.dialects.postgres.normalize import canonical_predicate
from midair.psl import parse_schema, validate
from midair.schema.lower import lower


def schema(where: str, preview: str = '"partialIndexes"') -> str:
    return f"""generator client {{
  provider        = "prisma-client-js"
  previewFeatures = [{preview}]
}}

datasource db {{
  provider = "postgresql"
}}

enum Status {{
  draft
  live
}}

model User {{
  id        Int       @id
  email     String
  status    Status
  score     Int
  deletedAt DateTime? @map("deleted_at")
  posts     Post[]

  @@index([email], where: {where})
}}

model Post {{
  id     Int  @id
  userId Int
  user   User @relation(fields: [userId], references: [id])
}}
"""


PREFIX = "schema.prisma:23:"


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        ("{ nope: null }", "29: error: Error parsing attribute \"@index\": Field 'nope' does not exist in model 'User'."),
        ("{ posts: null }", "29: error: Error parsing attribute \"@index\": Field 'posts' is a relation field. Only scalar fields can be used in the where clause."),
        ("{ score: { gt: 5 } }", "38: error: Error parsing attribute \"@index\": Unknown key 'gt' in nested where clause object. Only 'not' is supported."),
        ("{}", "27: error: Error parsing attribute \"@index\": The `where` argument cannot be an empty object."),
        ("{ status: live }", "37: error: Error parsing attribute \"@index\": Invalid value 'live' in where clause. Expected true, false, null, a string, a number, or an object like { not: null }."),
        ("{ score: { not: { not: null } } }", "43: error: Error parsing attribute \"@index\": Invalid value in where clause. Expected true, false, null, a string, a number, or an object like { not: null }."),
        ('"x"', "27: error: Error parsing attribute \"@index\": The `where` argument must be either a raw() function call or an object literal, e.g. `where: raw(\"status = 'active'\")` or `where: { active: true }`."),
    ],
)
def test_bad_where_objects_are_reported_as_prisma_words_them(where: str, expected: str) -> None:
    found = [str(d).splitlines()[0] for d in validate(parse_schema(schema(where), "schema.prisma"))]
    assert found == [PREFIX + expected]


def test_partial_indexes_need_the_preview_feature() -> None:
    found = [str(d).splitlines()[0] for d in validate(parse_schema(schema("{ deletedAt: null }", preview=""), "schema.prisma"))]
    assert found == [
        'schema.prisma:23:3: error: Error parsing attribute "@@index": Partial indexes are a preview feature. '
        'Add "partialIndexes" to previewFeatures in your generator block.'
    ]


def test_the_predicate_uses_column_names_in_the_order_written() -> None:
    where = "{ deletedAt: null, status: \"live\", score: { not: -3 }, email: { not: \"it's\" } }"
    doc = parse_schema(schema(where), "schema.prisma")
    assert validate(doc) == []
    index = lower(doc, "postgresql").table("User").indexes[0]  # type: ignore[union-attr]
    assert index.where == "\"deleted_at\" IS NULL AND \"status\" = 'live' AND \"score\" != -3 AND \"email\" != 'it''s'"


@pytest.mark.parametrize(
    ("written", "stored"),
    [
        ('"deletedAt" IS NULL', '("deletedAt" IS NULL)'),
        ("\"active\" = true AND \"status\" = 'live'", "((active = true) AND (status = 'live'::\"Status\"))"),
        ("\"ratio\" = 1.5 AND \"score\" != -3", "((ratio = '1.5'::double precision) AND (score <> '-3'::integer))"),
    ],
)
def test_postgres_stored_predicates_compare_equal_to_the_written_ones(written: str, stored: str) -> None:
    assert canonical_predicate(written) == canonical_predicate(stored)
    assert canonical_predicate(written) != canonical_predicate(written.replace("AND", "OR").replace("NULL", "NOT NULL"))


def test_both_parsers_build_the_same_object_values() -> None:
    """The fast parser reads the object form itself (no fallback to lark), as lark does."""
    from midair.psl.fast_parser import fast_parse
    from midair.psl.lark_parser import lark_parse_file

    text = schema('{\n    deletedAt: null,\n    status: "live", score: { not: -3 },\n  }')
    lark_file, problems = lark_parse_file(text, "schema.prisma")
    assert problems == []
    assert fast_parse(text, "schema.prisma") == lark_file.blocks
