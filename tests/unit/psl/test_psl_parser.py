"""The PSL parser: the corpus parses, nodes carry exact spans, syntax errors are diagnostics."""

from __future__ import annotations

from pathlib import Path

import pytest
from psl_helpers import CORPUS_IDS, CORPUS_SCHEMAS

from midair.errors import ConfigError, SchemaError
from midair.psl import ast, load_schema, parse_schema


@pytest.mark.parametrize("path", CORPUS_SCHEMAS, ids=CORPUS_IDS)
def test_corpus_schema_parses(path: Path) -> None:
    doc = load_schema(path)
    assert doc.blocks
    for block in doc.blocks:
        assert block.span.line >= 1 and block.span.column >= 1
        text = next(f.text for f in doc.files if f.path == block.span.file)
        # A block's span starts at its keyword and ends after its closing brace.
        assert text[block.span.start : block.span.end].rstrip().endswith("}")
        assert text[block.span.start :].startswith(("model", "view", "type", "enum", "datasource", "generator"))


def test_multi_file_schema_reads_every_file() -> None:
    folder = next(p for p in CORPUS_SCHEMAS if p.is_dir())
    doc = load_schema(folder)
    assert sorted(Path(f.path).name for f in doc.files) == ["Post.prisma", "User.prisma", "db.prisma"]
    post = doc.model("Post")
    assert post is not None and Path(post.span.file).name == "Post.prisma"
    assert doc.datasource is not None and Path(doc.datasource.span.file).name == "db.prisma"


SAMPLE = '''datasource db {
  provider = "postgresql"
  url      = env("DATABASE_URL")
  schemas  = ["public", "auth"]
}

/// A person.
/// Two lines.
model User {
  id    Int     @id @default(autoincrement())
  /// The login.
  email String  @unique @db.VarChar(255) /// trailing doc
  name  String? @map("full_name") // not a doc
  tags  String[]
  geo   Unsupported("\\"public\\".geography")?
  score Float   @default(-1.5)
  note  String  @default("tab\\there \\"q\\" é")
  view  Int
  type  Int

  @@index([email(sort: Desc), name(ops: raw("gin_trgm_ops"))], type: Gin, map: "ix")
  @@map("users")
}

enum Role {
  ADMIN @map("admin")
  USER
  @@map("roles")
}'''


def test_sample_tree_and_spans() -> None:
    doc = parse_schema(SAMPLE, "s.prisma")
    ds = doc.datasource
    assert ds is not None and ds.name == "db"
    url = ds.property("url")
    assert url is not None and isinstance(url.value, ast.FunctionCall)
    assert url.value.name == "env" and url.value.arguments[0].value == ast.StringValue(
        "DATABASE_URL", ast.Span("s.prisma", 3, 18, SAMPLE.index('"DATABASE_URL"'), SAMPLE.index('"DATABASE_URL"') + 14)
    )
    schemas = ds.property("schemas")
    assert schemas is not None and isinstance(schemas.value, ast.ArrayValue)
    assert [i.value for i in schemas.value.items] == ["public", "auth"]  # type: ignore[union-attr]

    user = doc.model("User")
    assert user is not None
    assert user.doc == "A person.\nTwo lines."
    assert (user.span.line, user.span.column) == (9, 1)
    assert [f.name for f in user.fields] == ["id", "email", "name", "tags", "geo", "score", "note", "view", "type"]
    email = user.field("email")
    assert email is not None
    assert email.doc == "The login.\ntrailing doc"
    assert (email.span.line, email.span.column) == (12, 3)
    varchar = email.attribute("db.VarChar")
    assert varchar is not None and (varchar.span.line, varchar.span.column) == (12, 25)
    assert SAMPLE[varchar.span.start : varchar.span.end] == "@db.VarChar(255)"
    name = user.field("name")
    assert name is not None and name.doc is None and name.type.optional and not name.type.list
    tags = user.field("tags")
    assert tags is not None and tags.type.list and not tags.type.optional
    geo = user.field("geo")
    assert geo is not None and geo.type.name == "Unsupported" and geo.type.unsupported == '"public".geography'
    assert geo.type.optional
    score = user.field("score")
    assert score is not None
    default = score.attribute("default")
    assert default is not None and isinstance(default.arguments[0].value, ast.NumberValue)
    assert default.arguments[0].value.value == -1.5
    note = user.field("note")
    assert note is not None
    assert note.attributes[0].arguments[0].value.value == 'tab\there "q" é'  # type: ignore[union-attr]

    index = user.attributes_named("index")[0]
    assert index.block and (index.span.line, index.span.column) == (21, 3)
    fields = index.argument(None, 0)
    assert fields is not None and isinstance(fields.value, ast.ArrayValue)
    first, second = fields.value.items
    assert isinstance(first, ast.FunctionCall) and first.name == "email"
    assert first.arguments[0].name == "sort" and first.arguments[0].value == ast.ConstantValue("Desc", first.arguments[0].value.span)
    assert isinstance(second, ast.FunctionCall) and isinstance(second.arguments[0].value, ast.FunctionCall)
    assert second.arguments[0].value.name == "raw"
    assert index.argument("type") is not None and index.argument("map") is not None

    role = doc.enum("Role")
    assert role is not None and [v.name for v in role.values] == ["ADMIN", "USER"]
    assert role.values[0].attributes[0].name == "map" and role.attributes[0].name == "map"


def test_crlf_and_missing_trailing_newline() -> None:
    text = 'model A {\r\n  id Int @id\r\n  b  String\r\n}'
    doc = parse_schema(text)
    model = doc.models[0]
    assert (model.fields[1].span.line, model.fields[1].span.column) == (3, 3)
    assert model.fields[1].type.name == "String"


def test_non_ascii_columns_are_characters() -> None:
    text = '// café ☕\nmodel A {\n  id Int @id @default(1) // ünïcode\n  é  Int\n}\n'
    with pytest.raises(SchemaError) as e:
        parse_schema(text)
    d = e.value.diagnostics[0]
    assert (d.line, d.column) == (4, 3)
    assert "Unexpected character `é`" in d.message


def test_syntax_errors_are_collected_per_block() -> None:
    text = 'model A {\n  id Int @id\n  name String @default(\n}\n\nmodel B {\n  id Int @id\n}\n\nmodel C {\n  id Int @@@id\n}\n'
    with pytest.raises(SchemaError) as e:
        parse_schema(text, "x.prisma")
    assert [(d.line, d.column) for d in e.value.diagnostics] == [(4, 1), (11, 10)]
    assert all(d.file == "x.prisma" for d in e.value.diagnostics)
    assert "^" in (e.value.diagnostics[0].excerpt or "")


def test_unclosed_block_at_end_of_file() -> None:
    with pytest.raises(SchemaError) as e:
        parse_schema("model A {\n  id Int @id\n", "t.prisma")
    [d] = e.value.diagnostics
    assert (d.line, d.column) == (3, 1)
    assert d.message == "Unexpected end of file: the block `model A` (line 1) is never closed."


def test_missing_schema_is_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError):
        load_schema(tmp_path / "nope.prisma")
    with pytest.raises(ConfigError):
        load_schema(tmp_path)


def test_provider_and_datasource_url() -> None:
    from midair.psl import datasource_url, provider

    doc = parse_schema('datasource db {\n  provider = "postgresql"\n  url = env("DB_URL")\n}\n')
    assert provider(doc) == "postgresql"
    assert datasource_url(doc, {"DB_URL": "postgresql://u@h/d"}) == "postgresql://u@h/d"
    assert datasource_url(doc, {}) is None
    literal = parse_schema('datasource db {\n  provider = "sqlite"\n  url = "file:./dev.db"\n}\n')
    assert (provider(literal), datasource_url(literal, {})) == ("sqlite", "file:./dev.db")
    with pytest.raises(ConfigError):
        provider(parse_schema("model A {\n  id Int @id\n}\n"))


def test_each_bad_line_of_a_block_is_reported() -> None:
    text = "model A {\n  id Int @id,\n  name String @default(1))\n  ok Int\n  x Int ??\n}\nmodel B {\n  id Int @id\n  y String,\n}\n"
    with pytest.raises(SchemaError) as e:
        parse_schema(text)
    assert [(d.line, d.column) for d in e.value.diagnostics] == [(2, 13), (3, 26), (5, 10), (9, 11)]
    assert e.value.diagnostics[1].message == "Unexpected `)`: expected `}`, a block attribute (`@@…`), a name or an attribute (`@…`)."


def test_many_errors_in_a_large_schema_are_capped() -> None:
    from big_schema import big_schema

    lines = big_schema(1000).split("\n")
    for i in range(500, len(lines), 900):
        lines[i] += " ,"
    with pytest.raises(SchemaError) as e:
        parse_schema("\n".join(lines))
    assert len(e.value.diagnostics) == 20  # capped
