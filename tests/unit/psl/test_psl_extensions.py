"""The datasource's `extensions`: Prisma's rules (PostgreSQL only, behind the `postgresqlExtensions`
preview feature) and its wording, with file:line:col; and what lowering makes of them."""

from __future__ import annotations

import pytest

from midair.psl import parse_schema, validate
from midair.schema.lower import lower
from midair.schema.model import Extension


def schema(extensions: str, provider: str = "postgresql", preview: str = '"postgresqlExtensions"') -> str:
    return f"""generator client {{
  provider        = "prisma-client-js"
  previewFeatures = [{preview}]
}}

datasource db {{
  provider   = "{provider}"
  extensions = {extensions}
}}

model User {{
  id Int @id
}}
"""


def messages(text: str) -> list[str]:
    return [str(d).splitlines()[0] for d in validate(parse_schema(text, "schema.prisma"))]


def test_a_value_of_the_wrong_kind_gets_both_of_prismas_errors() -> None:
    assert messages(schema("[pgcrypto(version: true)]")) == [
        "schema.prisma:8:35: error: Expected a string value, but received literal value `true`.",
        "schema.prisma:8:35: error: Error validating: The `version` argument must be a string literal",
    ]


@pytest.mark.parametrize(
    ("extensions", "provider", "preview", "expected"),
    [
        ('["pgcrypto"]', "postgresql", '"postgresqlExtensions"',
         'schema.prisma:8:17: error: Expected a constant or function value, but received string value `"pgcrypto"`.'),
        ('[pgcrypto(foo: "x")]', "postgresql", '"postgresqlExtensions"',
         'schema.prisma:8:26: error: Argument not known: "foo".'),
        ('[pgcrypto("x")]', "postgresql", '"postgresqlExtensions"',
         "schema.prisma:8:26: error: Error validating: The argument must have a name"),
        ("[pgcrypto]", "postgresql", "",
         "schema.prisma:8:3: error: The `extensions` property is only available with the `postgresqlExtensions` preview feature."),
        ("[pgcrypto]", "sqlite", '"postgresqlExtensions"', 'schema.prisma:8:3: error: Property not known: "extensions".'),
    ],
)
def test_bad_extensions_are_reported_as_prisma_words_them(extensions: str, provider: str, preview: str, expected: str) -> None:
    assert messages(schema(extensions, provider, preview)) == [expected]


def test_good_extensions_validate_and_lower_sorted_by_schema_name() -> None:
    text = schema('[pgcrypto, zzz(map: "aaa"), hstore(schema: "ext"), ltree(version: "1.2"), uuid_ossp(map: "uuid-ossp")]')
    assert messages(text) == []
    lowered = lower(parse_schema(text), "postgresql")
    assert lowered.manages_extensions
    assert lowered.extensions == (
        Extension("hstore", "ext", None),
        Extension("ltree", None, "1.2"),
        Extension("pgcrypto"),
        Extension("uuid-ossp"),
        Extension("aaa"),
    )


def test_a_single_extension_without_brackets_and_duplicates() -> None:
    assert lower(parse_schema(schema("pgcrypto")), "postgresql").extensions == (Extension("pgcrypto"),)
    twice = lower(parse_schema(schema('[a(map: "pgcrypto"), b(map: "pgcrypto")]')), "postgresql")
    assert twice.extensions == (Extension("pgcrypto"),)


def test_without_the_preview_feature_nothing_is_managed() -> None:
    text = schema("[pgcrypto]", preview="").replace("  extensions = [pgcrypto]\n", "")
    lowered = lower(parse_schema(text), "postgresql")
    assert lowered.extensions == () and not lowered.manages_extensions
