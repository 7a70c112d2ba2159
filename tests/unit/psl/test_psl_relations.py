"""Relation resolution: kinds, sides, default names, self-relations, implicit many-to-many."""

from __future__ import annotations

import pytest
from psl_helpers import CORPUS_IDS, CORPUS_SCHEMAS, PRISMA_CORPUS

from midair.psl import load_schema, parse_schema
from midair.psl.relations import Relation, RelationSide, resolve_relations


def test_tennis_schema_relations() -> None:
    doc = load_schema(PRISMA_CORPUS / "wasp-lang__tennis-score-app__schema.prisma")
    assert resolve_relations(doc) == (
        Relation(
            "CreatedBy",
            "1:n",
            RelationSide("Match", "createdBy"),
            RelationSide("User", "matches"),
            ("createdById",),
            ("id",),
        ),
        Relation(
            "MatchToSet",
            "1:n",
            RelationSide("Set", "match"),
            RelationSide("Match", "sets"),
            ("matchId",),
            ("id",),
            on_delete="Cascade",
        ),
    )


KINDS = """
model User {
  id        Int      @id
  profile   Profile?
  posts     Post[]
  tags      Tag[]
  friends   User[]   @relation("friends")
  friendOf  User[]   @relation("friends")
  managerId Int?     @unique
  manager   User?    @relation("mgmt", fields: [managerId], references: [id], onUpdate: NoAction, map: "mgr_fk")
  report    User?    @relation("mgmt")
}

model Profile {
  id     Int  @id
  userId Int  @unique
  user   User @relation(fields: [userId], references: [id], onDelete: SetNull)
}

model Post {
  id       Int  @id
  authorId Int
  author   User @relation(fields: [authorId], references: [id])
}

model Tag {
  id    Int    @id
  users User[]
}
"""


def test_kinds_and_sides() -> None:
    relations = {r.name: r for r in resolve_relations(parse_schema(KINDS))}
    assert set(relations) == {"ProfileToUser", "PostToUser", "TagToUser", "friends", "mgmt"}
    assert relations["ProfileToUser"] == Relation(
        "ProfileToUser", "1:1", RelationSide("Profile", "user"), RelationSide("User", "profile"), ("userId",), ("id",), "SetNull"
    )
    assert relations["PostToUser"].kind == "1:n"
    assert relations["PostToUser"].referencing == RelationSide("Post", "author")
    # m:n: the referencing side is the model whose name sorts first (Prisma's column A).
    assert relations["TagToUser"] == Relation("TagToUser", "m:n", RelationSide("Tag", "users"), RelationSide("User", "tags"))
    # Self m:n: the field whose name sorts first.
    assert relations["friends"] == Relation("friends", "m:n", RelationSide("User", "friendOf"), RelationSide("User", "friends"))
    mgmt = relations["mgmt"]
    assert mgmt.kind == "1:1" and mgmt.is_self_relation
    assert (mgmt.referencing, mgmt.referenced) == (RelationSide("User", "manager"), RelationSide("User", "report"))
    assert (mgmt.on_update, mgmt.map, mgmt.on_delete) == ("NoAction", "mgr_fk", None)


def test_unnamed_self_relation_gets_generated_name() -> None:
    doc = parse_schema(
        "model Node {\n  id Int @id\n  parentId Int?\n"
        "  parent Node? @relation(fields: [parentId], references: [id])\n  children Node[]\n}\n"
    )
    [r] = resolve_relations(doc)
    assert (r.name, r.kind, r.referencing, r.referenced) == ("NodeToNode", "1:n", RelationSide("Node", "parent"), RelationSide("Node", "children"))


def test_unpaired_fields_are_left_to_validation() -> None:
    doc = parse_schema("model A {\n  id Int @id\n  b B[]\n}\nmodel B {\n  id Int @id\n}\n")
    assert resolve_relations(doc) == ()


@pytest.mark.parametrize("path", CORPUS_SCHEMAS, ids=CORPUS_IDS)
def test_every_corpus_relation_field_is_paired(path) -> None:  # type: ignore[no-untyped-def]
    doc = load_schema(path)
    relations = resolve_relations(doc)
    paired = {(r.referencing.model, r.referencing.field) for r in relations} | {
        (r.referenced.model, r.referenced.field) for r in relations
    }
    model_names = {m.name for m in doc.models}
    relation_fields = {(m.name, f.name) for m in doc.models for f in m.fields if f.type.name in model_names}
    assert paired == relation_fields
    for r in relations:
        assert (r.kind == "m:n") == (not r.fields)
        assert len(r.fields) == len(r.references)
