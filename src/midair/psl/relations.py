"""Relations between models: pairs of relation fields, as Prisma resolves them.

How fields are paired (Prisma's parser-database rules):

1. A *relation field* is a field of a `model` whose type is another (or the same) `model`.
2. Its relation name is the `@relation("name")` / `@relation(name: "name")` argument, or else
   Prisma's generated name: the two model names sorted and joined with ``To`` (``PostToUser``;
   ``UserToUser`` for a self-relation).
3. Fields are grouped by (the two models, relation name); a group of exactly one field on each
   side (two fields of the same model for a self-relation) is a relation. Anything else (a
   missing back relation, two unnamed relations between the same models) is left out here and
   reported by `midair.psl.validate`.
4. The kind follows the arities: both lists is ``m:n`` (an implicit many-to-many table), one list
   is ``1:n`` with the singular side referencing, both singular is ``1:1`` with the side that has
   ``fields:`` referencing. For ``m:n`` the referencing side is the model whose name sorts first
   (for a self-relation, the field whose name sorts first): that is Prisma's column ``A``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from midair.psl import ast

RelationKind = Literal["1:1", "1:n", "m:n"]


@dataclass(frozen=True, slots=True)
class RelationSide:
    """One end of a relation: the model and its relation field."""

    model: str
    field: str


@dataclass(frozen=True, slots=True)
class Relation:
    """A relation between two models (or a model and itself), resolved from its two fields.

    `referencing` holds the foreign key (the side with ``fields:``/``references:``; for ``m:n`` the
    side whose model name sorts first); `fields` are its scalar fields and `references` the fields
    of `referenced` they point to (both empty for ``m:n``). `on_delete`/`on_update` are the PSL
    referential actions as written (``Cascade``, ``SetNull``…) or None; `map` is the foreign key
    constraint name given with ``map:``."""

    name: str
    kind: RelationKind
    referencing: RelationSide
    referenced: RelationSide
    fields: tuple[str, ...] = ()
    references: tuple[str, ...] = ()
    on_delete: str | None = None
    on_update: str | None = None
    map: str | None = None

    @property
    def is_self_relation(self) -> bool:
        return self.referencing.model == self.referenced.model


@dataclass(frozen=True, slots=True)
class RelationField:
    """A relation field with its model and the relation name it belongs to."""

    model: ast.Model
    field: ast.Field
    target: str
    name: str
    explicit_name: bool

    @property
    def key(self) -> tuple[frozenset[str], str]:
        return frozenset((self.model.name, self.target)), self.name


def default_relation_name(model_a: str, model_b: str) -> str:
    """Prisma's generated relation name: the model names sorted, joined with ``To``."""
    first, second = sorted((model_a, model_b))
    return f"{first}To{second}"


def relation_name_argument(attribute: ast.Attribute | None) -> str | None:
    """The name given to `@relation` (first positional string, or ``name:``), if any."""
    if attribute is None:
        return None
    arg = attribute.argument("name", 0)
    if arg is not None and isinstance(arg.value, ast.StringValue):
        return arg.value.value
    return None


def relation_fields(doc: ast.Document) -> list[RelationField]:
    """Every relation field of every model, in document order."""
    models = {m.name for m in doc.models}
    out: list[RelationField] = []
    for model in doc.models:
        for field in model.fields:
            if field.type.name not in models or field.type.unsupported is not None:
                continue
            explicit = relation_name_argument(field.attribute("relation"))
            name = explicit if explicit is not None else default_relation_name(model.name, field.type.name)
            out.append(RelationField(model, field, field.type.name, name, explicit is not None))
    return out


def group_relation_fields(doc: ast.Document) -> dict[tuple[frozenset[str], str], list[RelationField]]:
    """Relation fields grouped by (the two models, relation name), in document order."""
    groups: dict[tuple[frozenset[str], str], list[RelationField]] = {}
    for rf in relation_fields(doc):
        groups.setdefault(rf.key, []).append(rf)
    return groups


def pair_group(group: list[RelationField]) -> tuple[RelationField, RelationField] | None:
    """The two fields of a well-formed group, or None (missing back relation or ambiguity)."""
    if len(group) != 2:
        return None
    a, b = group
    if a.model.name == a.target:  # self-relation: both fields in the same model
        return (a, b) if b.model.name == a.model.name else None
    return (a, b) if a.model.name != b.model.name else None


def names_in(value: ast.Expression | None) -> tuple[str, ...]:
    """Field names in ``[a, b]`` (or a single bare name)."""
    if isinstance(value, ast.ArrayValue):
        return tuple(i.name for i in value.items if isinstance(i, (ast.ConstantValue, ast.FunctionCall)))
    if isinstance(value, (ast.ConstantValue, ast.FunctionCall)):
        return (value.name,)
    return ()


def _named(attribute: ast.Attribute | None, name: str) -> ast.Expression | None:
    if attribute is None:
        return None
    for a in attribute.arguments:
        if a.name == name:
            return a.value
    return None


def _has_fields(rf: RelationField) -> bool:
    return _named(rf.field.attribute("relation"), "fields") is not None


def _build(name: str, a: RelationField, b: RelationField) -> Relation:
    a_list, b_list = a.field.type.list, b.field.type.list
    if a_list and b_list:
        referencing, referenced = sorted((a, b), key=lambda rf: (rf.model.name, rf.field.name))
        return Relation(
            name,
            "m:n",
            RelationSide(referencing.model.name, referencing.field.name),
            RelationSide(referenced.model.name, referenced.field.name),
        )
    if a_list or b_list:
        kind: RelationKind = "1:n"
        referencing, referenced = (b, a) if a_list else (a, b)
    else:
        kind = "1:1"
        if _has_fields(a) != _has_fields(b):
            referencing, referenced = (a, b) if _has_fields(a) else (b, a)
        else:  # invalid (reported by validation): pick a stable side
            referencing, referenced = sorted((a, b), key=lambda rf: (rf.model.name, rf.field.name))
    attribute = referencing.field.attribute("relation")
    on_delete = _named(attribute, "onDelete")
    on_update = _named(attribute, "onUpdate")
    map_ = _named(attribute, "map")
    return Relation(
        name,
        kind,
        RelationSide(referencing.model.name, referencing.field.name),
        RelationSide(referenced.model.name, referenced.field.name),
        names_in(_named(attribute, "fields")),
        names_in(_named(attribute, "references")),
        on_delete.name if isinstance(on_delete, ast.ConstantValue) else None,
        on_update.name if isinstance(on_update, ast.ConstantValue) else None,
        map_.value if isinstance(map_, ast.StringValue) else None,
    )


def resolve_relations(doc: ast.Document) -> tuple[Relation, ...]:
    """Every relation of the document, sorted by (referencing model, referencing field)."""
    relations: list[Relation] = []
    for (_, name), group in group_relation_fields(doc).items():
        pair = pair_group(group)
        if pair is not None:
            relations.append(_build(name, *pair))
    relations.sort(key=lambda r: (r.referencing.model, r.referencing.field, r.name))
    return tuple(relations)


__all__ = ["Relation", "RelationKind", "RelationSide", "default_relation_name", "resolve_relations"]
