"""Semantic checks on a parsed `Document`, as Prisma's schema validation makes them.

`validate(doc)` collects every problem (it never stops at the first) as `Diagnostic`s pointing at
the offending node. In order:

1. configuration blocks: one datasource, a known provider, required properties;
2. names: models, views, composite types and enums share one namespace; fields and enum values
   are unique within their block;
3. fields: types resolve (with "Did you mean …?"), no optional lists, scalar lists only where the
   connector has them;
4. attributes: known names, arguments checked against a table of specs (positional/named,
   required, value kind), where they may appear (`@updatedAt` on DateTime, no `@default` on a
   relation field…), `@default` values against the field type, native types against the
   connector (`connectors.py`);
5. block attributes: field lists refer to existing scalar fields; one id criterion per model, and
   at least one unique criterion unless the model is `@@ignore`d;
6. relations (`relations.py` groups the fields): a back relation for every relation field, no
   ambiguity, `fields`/`references` on exactly the right side, of the same length, naming existing
   fields of matching types, and `references` naming a unique criterion.

A provider midair cannot migrate (MySQL, SQL Server, MongoDB, CockroachDB) is not an error here:
such a schema validates as in Prisma, and lowering refuses it later.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from midair.errors import Diagnostic, SchemaError
from midair.psl import ast
from midair.psl.connectors import NATIVE_TYPES, PROVIDERS, SCALAR_LISTS, SCALAR_TYPES
from midair.psl.datasource import extension_entries, preview_features
from midair.psl.diagnostics import at
from midair.psl.relations import RelationField, group_relation_fields, names_in
from midair.schema.predicate import where_problems

# --- attribute argument specs --------------------------------------------------------------------

# Value kinds an argument may take.
STRING, NUMBER, BOOL, FIELDS, ANY, STRINGS = "string", "number", "boolean", "fields", "any", "strings"
ACTIONS = frozenset({"Cascade", "Restrict", "NoAction", "SetNull", "SetDefault"})
SORT = frozenset({"Asc", "Desc"})
INDEX_TYPES = frozenset({"BTree", "Hash", "Gist", "Gin", "SpGist", "Brin"})


@dataclass(frozen=True, slots=True)
class AttributeSpec:
    """What an attribute accepts: positional argument names in order, every named argument with
    its kind (a kind string, or a frozenset of allowed constants), which are required, and
    whether it may be repeated."""

    positional: tuple[str, ...] = ()
    named: dict[str, str | frozenset[str]] = field(default_factory=dict)
    required: tuple[str, ...] = ()
    repeatable: bool = False


_INDEX_ARGS: dict[str, str | frozenset[str]] = {"fields": FIELDS, "name": STRING, "map": STRING, "clustered": BOOL}
FIELD_ATTRIBUTES: dict[str, AttributeSpec] = {
    "id": AttributeSpec(named={"map": STRING, "length": NUMBER, "sort": SORT, "clustered": BOOL}),
    "unique": AttributeSpec(named={"map": STRING, "length": NUMBER, "sort": SORT, "clustered": BOOL}),
    "default": AttributeSpec(("value",), {"value": ANY, "map": STRING}, ("value",)),
    "updatedAt": AttributeSpec(),
    "map": AttributeSpec(("name",), {"name": STRING}, ("name",)),
    "relation": AttributeSpec(
        ("name",),
        {"name": STRING, "fields": FIELDS, "references": FIELDS, "onDelete": ACTIONS, "onUpdate": ACTIONS, "map": STRING},
    ),
    "ignore": AttributeSpec(),
    "shardKey": AttributeSpec(),
}
BLOCK_ATTRIBUTES: dict[str, AttributeSpec] = {
    "id": AttributeSpec(("fields",), dict(_INDEX_ARGS), ("fields",)),
    "unique": AttributeSpec(("fields",), {**_INDEX_ARGS, "where": ANY}, ("fields",), repeatable=True),
    "index": AttributeSpec(("fields",), {**_INDEX_ARGS, "type": INDEX_TYPES, "where": ANY}, ("fields",), repeatable=True),
    "fulltext": AttributeSpec(("fields",), {"fields": FIELDS, "map": STRING, "name": STRING}, ("fields",), repeatable=True),
    "map": AttributeSpec(("name",), {"name": STRING}, ("name",)),
    "ignore": AttributeSpec(),
    "schema": AttributeSpec(("name",), {"name": STRING}, ("name",)),
    "shardKey": AttributeSpec(("fields",), {"fields": FIELDS}, ("fields",)),
}
ENUM_VALUE_ATTRIBUTES = {"map": FIELD_ATTRIBUTES["map"]}
ENUM_ATTRIBUTES = {"map": BLOCK_ATTRIBUTES["map"], "schema": BLOCK_ATTRIBUTES["schema"]}
FIELD_REF_ARGS: dict[str, str | frozenset[str]] = {"sort": SORT, "length": NUMBER, "ops": ANY}

DEFAULT_FUNCTIONS: dict[str, frozenset[str] | None] = {
    # function -> scalar types it may be used on (None: any type)
    "autoincrement": frozenset({"Int", "BigInt"}),
    "sequence": frozenset({"Int", "BigInt"}),
    "now": frozenset({"DateTime"}),
    "uuid": frozenset({"String"}),
    "cuid": frozenset({"String"}),
    "ulid": frozenset({"String"}),
    "nanoid": frozenset({"String"}),
    "auto": None,
    "dbgenerated": None,
}
_ID_KINDS = {"Int": "numeric", "BigInt": "numeric", "Float": "numeric", "Decimal": "numeric", "Boolean": "boolean"}


def _kind_of(expr: ast.Expression) -> str:
    if isinstance(expr, ast.NumberValue):
        return "numeric"
    if isinstance(expr, ast.ConstantValue):
        return "literal"
    if isinstance(expr, ast.FunctionCall):
        return "functional"
    if isinstance(expr, ast.ArrayValue):
        return "array"
    return "string"


def _show(expr: ast.Expression) -> str:
    if isinstance(expr, ast.StringValue):
        return f'"{expr.value}"'
    if isinstance(expr, ast.NumberValue):
        return expr.text
    if isinstance(expr, ast.ConstantValue):
        return expr.name
    if isinstance(expr, ast.FunctionCall):
        return f"{expr.name}()"
    return "[…]"


class _Validator:
    def __init__(self, doc: ast.Document) -> None:
        self.doc = doc
        self.texts = {f.path: f.text for f in doc.files}
        self.diagnostics: list[Diagnostic] = []
        # _unique_criteria / _all_unique by (kind, id(model)); the document keeps the models alive.
        self._criteria: dict[tuple[str, int], list[tuple[str, ...]]] = {}
        blocks = doc.blocks
        self.models = {b.name: b for b in blocks if isinstance(b, ast.Model) and b.kind == "model"}
        self.views = {b.name: b for b in blocks if isinstance(b, ast.Model) and b.kind == "view"}
        self.composites = {b.name: b for b in blocks if isinstance(b, ast.Model) and b.kind == "type"}
        self.enums = {b.name: b for b in blocks if isinstance(b, ast.EnumDecl)}
        ds = doc.datasource
        self.datasource_name = ds.name if ds is not None else None
        prov = ds.property("provider") if ds is not None else None
        value = prov.value.value if prov is not None and isinstance(prov.value, ast.StringValue) else None
        self.provider = value if value in PROVIDERS else None
        schemas = ds.property("schemas") if ds is not None else None
        self.schemas: set[str] | None = None
        if schemas is not None and isinstance(schemas.value, ast.ArrayValue):
            self.schemas = {i.value for i in schemas.value.items if isinstance(i, ast.StringValue)}

    def error(self, span: ast.Span, message: str) -> None:
        self.diagnostics.append(at(span, message, self.texts.get(span.file)))

    # --- 1. configuration ----------------------------------------------------------------------

    def config(self) -> None:
        datasources = [b for b in self.doc.blocks if isinstance(b, ast.ConfigBlock) and b.kind == "datasource"]
        for extra in datasources[1:]:
            self.error(extra.span, "You defined more than one datasource. This is not allowed yet because support for multiple databases has not been implemented yet.")
        for block in (b for b in self.doc.blocks if isinstance(b, ast.ConfigBlock)):
            seen: set[str] = set()
            for prop in block.properties:
                if prop.name in seen:
                    self.error(prop.span, f'Key "{prop.name}" is already defined in {block.kind} "{block.name}".')
                seen.add(prop.name)
            prov = block.property("provider")
            if prov is None:
                self.error(block.span, f'Argument "provider" is missing in {block.kind} block "{block.name}".')
                continue
            if block.kind != "datasource":
                continue
            if not isinstance(prov.value, ast.StringValue):
                self.error(prov.value.span, "The datasource provider must be a string literal, like \"postgresql\".")
            elif prov.value.value not in PROVIDERS:
                hint = self._did_you_mean(prov.value.value, PROVIDERS)
                self.error(prov.value.span, f'Datasource provider not known: "{prov.value.value}".{hint}')
            self.extensions(block)

    def extensions(self, datasource: ast.ConfigBlock) -> None:
        """``extensions = [...]``: PostgreSQL only, behind the ``postgresqlExtensions`` preview
        feature (Prisma's rule and wording), each entry a name or ``name(map:, schema:, version:)``."""
        prop = datasource.property("extensions")
        if prop is None or self.provider is None:
            return
        if self.provider not in ("postgresql", "postgres"):
            self.error(prop.span, 'Property not known: "extensions".')
            return
        if "postgresqlExtensions" not in preview_features(self.doc):
            self.error(prop.span, "The `extensions` property is only available with the `postgresqlExtensions` preview feature.")
            return
        for span, message in extension_entries(self.doc)[1]:
            self.error(span, message)

    # --- 2. names ------------------------------------------------------------------------------

    def names(self) -> None:
        seen: dict[str, str] = {}
        for block in self.doc.blocks:
            if isinstance(block, ast.ConfigBlock):
                continue
            kind = block.kind if isinstance(block, ast.Model) else "enum"
            label = {"type": "composite type"}.get(kind, kind)
            if block.name in seen:
                # Prisma's wording, article included ("a enum").
                self.error(block.span, f'The {label} "{block.name}" cannot be defined because a {seen[block.name]} with that name already exists.')
            else:
                seen[block.name] = label
            if block.name in SCALAR_TYPES or block.name == "Unsupported":
                self.error(block.span, f'The {label} "{block.name}" cannot be defined because "{block.name}" is a reserved scalar type name.')
        for kind in ("datasource", "generator"):
            names: set[str] = set()
            for b in self.doc.blocks:
                if isinstance(b, ast.ConfigBlock) and b.kind == kind:
                    if b.name in names:
                        self.error(b.span, f'The {kind} "{b.name}" cannot be defined because a {kind} with that name already exists.')
                    names.add(b.name)

    # --- helpers -------------------------------------------------------------------------------

    @staticmethod
    def _did_you_mean(name: str, candidates: object) -> str:
        matches = difflib.get_close_matches(name, list(candidates), n=1, cutoff=0.6)  # type: ignore[call-overload]
        return f' Did you mean "{matches[0]}"?' if matches else ""

    def _arguments(
        self, attribute: ast.Attribute, spec: AttributeSpec, owner: str
    ) -> dict[str, ast.Argument] | None:
        """The attribute's arguments by name, checked against `spec` (None if they are wrong)."""
        label = ("@@" if attribute.block else "@") + attribute.name
        by_name: dict[str, ast.Argument] = {}
        position = 0
        ok = True
        for arg in attribute.arguments:
            if arg.name is None:
                if position >= len(spec.positional):
                    self.error(arg.span, f'Attribute "{label}" takes {len(spec.positional) or "no"} positional argument{"s" if len(spec.positional) != 1 else ""}; remove this one or give it a name.')
                    ok = False
                    continue
                name = spec.positional[position]
                position += 1
            else:
                name = arg.name
                if name not in spec.named:
                    known = ", ".join(sorted(spec.named)) or "none"
                    self.error(arg.span, f'Attribute "{label}" has no argument named "{name}". Known arguments: {known}.')
                    ok = False
                    continue
            if name in by_name:
                self.error(arg.span, f'Argument "{name}" is already specified for attribute "{label}".')
                ok = False
                continue
            by_name[name] = arg
            if not self._check_kind(arg.value, spec.named.get(name, ANY), label, name, owner):
                ok = False
        for name in spec.required:
            if name not in by_name:
                self.error(attribute.span, f'Error parsing attribute "{label}": Argument "{name}" is missing.')
                ok = False
        return by_name if ok else None

    def _check_kind(self, value: ast.Expression, kind: str | frozenset[str], label: str, name: str, owner: str) -> bool:
        where = f'argument "{name}" of attribute "{label}"'
        if isinstance(kind, frozenset):
            if isinstance(value, ast.ConstantValue) and value.name in kind:
                return True
            shown = _show(value)
            if kind is SORT:
                self.error(value.span, f'Error parsing attribute "{label}": The `sort` argument can only be `Asc` or `Desc` you provided: {shown}.')
                return False
            if kind is ACTIONS:
                self.error(value.span, f'Error parsing attribute "{label}": Invalid referential action: `{shown}`')
                return False
            hint = self._did_you_mean(shown, kind) if isinstance(value, ast.ConstantValue) else ""
            self.error(value.span, f"Invalid value {shown} for {where}: expected one of {', '.join(sorted(kind))}.{hint}")
            return False
        if kind == STRING and not isinstance(value, ast.StringValue):
            self.error(value.span, f"Expected a string value, but received {_kind_of(value)} value `{_show(value)}`.")
            return False
        if kind == NUMBER and not isinstance(value, ast.NumberValue):
            self.error(value.span, f"Expected a number for {where}, but found {_show(value)}.")
            return False
        if kind == BOOL and not (isinstance(value, ast.ConstantValue) and value.name in ("true", "false")):
            self.error(value.span, f"Expected true or false for {where}, but found {_show(value)}.")
            return False
        if kind == FIELDS:
            items = value.items if isinstance(value, ast.ArrayValue) else (value,)
            for item in items:
                if isinstance(item, ast.ConstantValue):
                    continue
                if isinstance(item, ast.FunctionCall) and "." not in item.name:
                    fake = ast.Attribute(item.name, item.arguments, item.span)
                    if self._arguments(fake, AttributeSpec(named=FIELD_REF_ARGS), owner) is None:
                        return False
                    continue
                self.error(item.span, f"Expected a list of field names for {where}, but found {_show(item)}.")
                return False
        return True

    # --- 3/4. fields and their attributes ------------------------------------------------------

    def blocks(self) -> None:
        for block in self.doc.blocks:
            if isinstance(block, ast.Model):
                self.model(block)
            elif isinstance(block, ast.EnumDecl):
                self.enum(block)

    def enum(self, enum: ast.EnumDecl) -> None:
        if not enum.values:
            self.error(enum.span, f'Enum "{enum.name}" must have at least one value.')
        seen: set[str] = set()
        for value in enum.values:
            if value.name in seen:
                self.error(value.span, f'Value "{value.name}" is already defined on enum "{enum.name}".')
            seen.add(value.name)
            self._attributes(value.attributes, ENUM_VALUE_ATTRIBUTES, f'enum "{enum.name}"')
        self._attributes(enum.attributes, ENUM_ATTRIBUTES, f'enum "{enum.name}"')
        self._schema(enum.attributes)

    def _attributes(self, attributes: tuple[ast.Attribute, ...], specs: dict[str, AttributeSpec], owner: str) -> dict[str, dict[str, ast.Argument] | None]:
        """Check names, repetition and arguments; returns the valid ones' arguments by name."""
        found: dict[str, dict[str, ast.Argument] | None] = {}
        for attribute in attributes:
            label = ("@@" if attribute.block else "@") + attribute.name
            spec = specs.get(attribute.name)
            if spec is None:
                prefix = "@@" if attribute.block else "@"
                matches = difflib.get_close_matches(attribute.name, list(specs), n=1, cutoff=0.6)
                hint = f' Did you mean "{prefix}{matches[0]}"?' if matches else ""
                self.error(attribute.span, f'Attribute not known: "{label}".{hint}')
                continue
            if attribute.name in found and not spec.repeatable:
                self.error(attribute.span, f'Attribute "{label}" can only be defined once.')
                continue
            args = self._arguments(attribute, spec, owner)
            if attribute.name not in found or found[attribute.name] is None:
                found[attribute.name] = args
        return found

    def _schema(self, attributes: tuple[ast.Attribute, ...]) -> None:
        for attribute in attributes:
            if attribute.name != "schema" or not attribute.block:
                continue
            arg = attribute.argument("name", 0)
            if arg is None or not isinstance(arg.value, ast.StringValue):
                continue
            if self.schemas is None:
                self.error(attribute.span, 'The "@@schema" attribute needs the datasource property "schemas" listing the database schemas.')
            elif arg.value.value not in self.schemas:
                self.error(arg.value.span, 'This schema is not defined in the datasource. Read more on `@@schema` at https://pris.ly/d/multi-schema')

    def model(self, model: ast.Model) -> None:
        label = {"type": "composite type"}.get(model.kind, model.kind)
        owner = f'{label} "{model.name}"'
        seen: set[str] = set()
        for f in model.fields:
            if f.name in seen:
                self.error(f.span, f'Field "{f.name}" is already defined on {owner}.')
            seen.add(f.name)
            self.field(model, f)
        block_attrs = self._attributes(model.attributes, BLOCK_ATTRIBUTES, owner)
        self._schema(model.attributes)
        for attribute in model.attributes:
            spec = BLOCK_ATTRIBUTES.get(attribute.name)
            if spec is None or FIELDS not in spec.named.values():
                continue
            arg = attribute.argument("fields", 0)
            if arg is not None:
                self._field_list(model, attribute, arg.value)
            self._partial_index(model, attribute)
        if model.kind != "model":
            return
        id_fields = [f for f in model.fields if f.attribute("id") is not None]
        for extra in id_fields[1:]:
            self.error(extra.attribute("id").span, f'Error validating model "{model.name}": At most one field must be marked as the id field with the `@id` attribute.')  # type: ignore[union-attr]
        compound_id = model.attributes_named("id")
        if id_fields and compound_id:
            self.error(compound_id[0].span, f'Error validating model "{model.name}": Each model must have at most one id criteria. You can\'t have `@id` and `@@id` at the same time.')
        if "ignore" not in block_attrs and not self._unique_criteria(model):
            optional = [", ".join(c) for c in self._all_unique(model)]
            also = (
                " The following unique criterias were not considered as they contain fields that are not required:\n"
                + "\n".join(f"- {c}" for c in optional)
                if optional
                else ""
            )
            self.error(
                model.span,
                f'Error validating model "{model.name}": Each model must have at least one unique criteria that has only '
                "required fields. Either mark a single field with `@id`, `@unique` or add a multi field criterion with "
                f"`@@id([])` or `@@unique([])` to the model.{also}",
            )

    def _partial_index(self, model: ast.Model, attribute: ast.Attribute) -> None:
        """``where:`` of ``@@index``/``@@unique``: behind the ``partialIndexes`` preview feature;
        ``raw("…")`` or an object of scalar fields (`midair.schema.predicate`), in Prisma's words."""
        where = next((a.value for a in attribute.arguments if a.name == "where"), None)
        if where is None or attribute.name not in ("index", "unique"):
            return
        if "partialIndexes" not in preview_features(self.doc):
            self.error(attribute.span, f'Error parsing attribute "@@{attribute.name}": Partial indexes are a preview feature. Add "partialIndexes" to previewFeatures in your generator block.')
            return

        def field(name: str) -> tuple[str, bool] | None:
            f = model.field(name)
            return None if f is None else (name, f.type.name in self.models or f.type.name in self.views)

        for span, message in where_problems(where, field, attribute.name, model.name):
            self.error(span, message)

    def _unique_criteria(self, model: ast.Model) -> list[tuple[str, ...]]:
        """The model's unique criteria made of existing, required scalar fields (computed once per
        model: every relation to it asks again)."""
        known = self._criteria.get(("required", id(model)))
        if known is None:
            known = self._criteria[("required", id(model))] = self._compute_unique_criteria(model)
        return known

    def _compute_unique_criteria(self, model: ast.Model) -> list[tuple[str, ...]]:
        criteria: list[tuple[str, ...]] = []
        for f in model.fields:
            if (f.attribute("id") or f.attribute("unique")) and not f.type.optional and not f.type.list:
                criteria.append((f.name,))
        for name in ("id", "unique"):
            for attribute in model.attributes_named(name):
                arg = attribute.argument("fields", 0)
                names = names_in(arg.value) if arg is not None else ()
                fields = [model.field(n) for n in names]
                if names and all(f is not None and not f.type.optional for f in fields):
                    criteria.append(names)
        return criteria

    def _field_list(self, model: ast.Model, attribute: ast.Attribute, value: ast.Expression) -> None:
        label = ("@@" if attribute.block else "@") + attribute.name
        what = {"id": "id definition", "unique": "unique index definition", "index": "index definition",
                "fulltext": "fulltext index definition"}.get(attribute.name, f"{label} attribute")
        prefix = f'Error validating model "{model.name}": '
        items = value.items if isinstance(value, ast.ArrayValue) else (value,)
        if not items:
            self.error(value.span, f"{prefix}The {what} needs at least one field.")
        unknown: list[ast.ConstantValue | ast.FunctionCall] = []
        for item in items:
            if not isinstance(item, (ast.ConstantValue, ast.FunctionCall)):
                continue
            f = model.field(item.name)
            if f is None:
                unknown.append(item)
            elif f.type.name in self.models or f.type.name in self.views:
                self.error(item.span, f"{prefix}The {what} refers to the relation fields {item.name}. Index definitions must reference only scalar fields.")
            elif attribute.name == "id" and (f.type.optional or f.type.list):
                self.error(item.span, f"{prefix}The id definition refers to the optional field `{item.name}`. ID definitions must reference only required fields.")
        if unknown:
            hint = self._did_you_mean(unknown[0].name, [x.name for x in model.fields]) if len(unknown) == 1 else ""
            names = ", ".join(i.name for i in unknown)
            self.error(unknown[0].span, f"{prefix}The {what} refers to the unknown fields: {names}.{hint}")

    def field(self, model: ast.Model, f: ast.Field) -> None:
        t = f.type
        owner = f'{model.kind} "{model.name}"'
        type_ok = True
        if t.unsupported is not None:
            if t.name != "Unsupported":
                self.error(t.span, f'Type "{t.name}" is not a type constructor: only Unsupported("…") takes an argument.')
                type_ok = False
        elif t.name not in SCALAR_TYPES and t.name not in self.models and t.name not in self.enums and t.name not in self.views and t.name not in self.composites:
            candidates = [*SCALAR_TYPES, *self.models, *self.enums, *self.views, *self.composites]
            hint = self._did_you_mean(t.name, candidates)
            self.error(t.span, f'Type "{t.name}" is neither a built-in type, nor refers to another model, composite type, or enum.{hint}')
            type_ok = False
        if t.list and t.optional:
            self.error(t.span, "Optional lists are not supported. Use either `Type[]` or `Type?`.")
        is_relation = t.name in self.models or t.name in self.views
        if t.list and not is_relation and type_ok and t.name not in self.composites and self.provider is not None and self.provider not in SCALAR_LISTS:
            self.error(t.span, f'Field "{f.name}" in {owner} can\'t be a list. The current connector does not support lists of primitive types.')

        plain = tuple(a for a in f.attributes if "." not in a.name)
        natives = [a for a in f.attributes if "." in a.name]
        found = self._attributes(plain, FIELD_ATTRIBUTES, owner)
        # The first attribute of each name, as `f.attribute(name)` finds it (one pass, not seven).
        first: dict[str, ast.Attribute] = {}
        for a in f.attributes:
            first.setdefault(a.name, a)
        for name in ("id", "unique"):
            a = first.get(name)
            if a is not None and is_relation:
                self.error(a.span, f'The field "{f.name}" is a relation field and cannot be marked with "@{name}". Only scalar fields can be made unique.')
        a = first.get("id")
        if a is not None and (t.optional or t.list) and not is_relation:
            self.error(a.span, 'Error parsing attribute "@id": Fields that are marked as id must be required.')
        a = first.get("map")
        if a is not None and is_relation:
            self.error(a.span, 'Error parsing attribute "@map": The attribute `@map` cannot be used on relation fields.')
        a = first.get("updatedAt")
        if a is not None and t.name != "DateTime":
            self.error(a.span, 'Error parsing attribute "@updatedAt": Fields that are marked with @updatedAt must be of type DateTime.')
        a = first.get("relation")
        if a is not None and not is_relation and type_ok:
            self.error(a.span, 'Error parsing attribute "@relation": Invalid field type, not a relation.')
        a = first.get("default")
        if a is not None and found.get("default") is not None and type_ok:
            if is_relation:
                self.error(a.span, "Cannot set a default value on a relation field.")
            else:
                self._default(f, a.arguments[0].value if a.arguments else None, a)
        if type_ok:
            for native in natives:
                self._native(model, f, native, natives, is_relation)

    # --- defaults ------------------------------------------------------------------------------

    def _default(self, f: ast.Field, value: ast.Expression | None, attribute: ast.Attribute) -> None:
        arg = attribute.argument("value", 0)
        if arg is None:
            return
        value = arg.value
        t = f.type
        if isinstance(value, ast.FunctionCall):
            self._default_function(f, value)
            return
        if t.unsupported is not None:
            self.error(value.span, 'Only @default(dbgenerated("…")) can be used on Unsupported fields.')
            return
        if t.name in self.composites:
            return
        if t.list:
            if not isinstance(value, ast.ArrayValue):
                self.error(value.span, 'Error parsing attribute "@default": The default value of a list field must be a list.')
                return
            for item in value.items:
                self._default_literal(f, item)
            return
        if isinstance(value, ast.ArrayValue):
            self.error(value.span, 'Error parsing attribute "@default": The default value of a non-list field cannot be a list.')
            return
        self._default_literal(f, value)

    def _default_function(self, f: ast.Field, call: ast.FunctionCall) -> None:
        name = call.name
        if name not in DEFAULT_FUNCTIONS:
            hint = self._did_you_mean(name, DEFAULT_FUNCTIONS)
            self.error(call.span, f"Unknown function in @default(): `{name}` is not known. You can read about the available functions here: https://pris.ly/d/attribute-functions{hint}")
            return
        allowed = DEFAULT_FUNCTIONS[name]
        t = f.type
        if allowed is not None and (t.name not in allowed or t.unsupported is not None):
            self.error(call.span, f'Error parsing attribute "@default": The function `{name}()` cannot be used on fields of type `{t.name}`.')
            return
        args = [a.value for a in call.arguments]
        if name == "dbgenerated" and args and not isinstance(args[0], ast.StringValue):
            self.error(args[0].span, "The argument of dbgenerated() must be a string with the SQL expression.")
        elif name == "uuid" and args and not (isinstance(args[0], ast.NumberValue) and args[0].text in ("4", "7")):
            self.error(args[0].span, 'Error parsing attribute "@default": `uuid()` takes either no argument, or a single integer argument which is either 4 or 7.')
        elif name == "cuid" and args and not (isinstance(args[0], ast.NumberValue) and args[0].text in ("1", "2")):
            self.error(args[0].span, "cuid() takes an optional version: 1 or 2.")
        elif name == "nanoid" and args and not (isinstance(args[0], ast.NumberValue) and isinstance(args[0].value, int) and 2 <= args[0].value <= 255):
            self.error(args[0].span, "nanoid() takes an optional length between 2 and 255.")
        elif name in ("autoincrement", "now", "ulid", "auto") and args:
            self.error(call.span, f"The function `{name}()` takes no arguments.")

    def _default_literal(self, f: ast.Field, value: ast.Expression) -> None:
        t = f.type.name
        if isinstance(value, ast.FunctionCall):
            self._default_function(f, value)
            return
        if t in self.enums:
            values = {v.name for v in self.enums[t].values}
            if not isinstance(value, ast.ConstantValue) or value.name not in values:
                hint = self._did_you_mean(_show(value), values)
                self.error(value.span, f"The defined default value `{_show(value)}` is not a valid value of the enum `{t}` specified for the field.{hint}")
            return
        wrong = False
        if t in ("Int", "BigInt"):
            if isinstance(value, ast.NumberValue) and not isinstance(value.value, int):
                self.error(value.span, f'Error parsing attribute "@default": Parse error: "{value.text}" is not a valid integer.')
                return
            wrong = not isinstance(value, ast.NumberValue)
        elif t in ("Float", "Decimal"):
            wrong = not isinstance(value, ast.NumberValue)
        elif t == "Boolean":
            wrong = not (isinstance(value, ast.ConstantValue) and value.name in ("true", "false"))
        elif t in ("String", "Json", "Bytes"):
            wrong = not isinstance(value, ast.StringValue)
        elif t == "DateTime":
            if not isinstance(value, ast.StringValue):
                wrong = True
            else:
                try:
                    datetime.fromisoformat(value.value.replace("Z", "+00:00"))
                except ValueError:
                    self.error(value.span, f'Error parsing attribute "@default": Parse error: "{value.value}" is not a valid rfc3339 datetime string.')
                    return
        if wrong:
            self.error(value.span, f'Error parsing attribute "@default": Expected a {t} value, but found `{_show(value)}`.')

    # --- native types --------------------------------------------------------------------------

    def _native(self, model: ast.Model, f: ast.Field, attribute: ast.Attribute, natives: list[ast.Attribute], is_relation: bool) -> None:
        prefix, _, name = attribute.name.partition(".")
        if prefix != self.datasource_name:
            if self.datasource_name:
                self.error(attribute.span, f"The prefix {prefix} is invalid. It must be equal to the name of an existing datasource e.g. {self.datasource_name}. Did you mean to use {self.datasource_name}.{name}?")
            else:
                self.error(attribute.span, f'Attribute not known: "@{attribute.name}".')
            return
        if attribute is not natives[0]:
            self.error(attribute.span, f'Field "{f.name}" can only have one native type attribute.')
            return
        if self.provider is None:
            return
        if is_relation or f.type.name in self.enums or f.type.unsupported is not None or f.type.name not in SCALAR_TYPES:
            # Prisma's wording: on a non-scalar field a native type is no attribute at all.
            self.error(attribute.span, f'Attribute not known: "@{attribute.name}".')
            return
        table = NATIVE_TYPES[self.provider]
        native = table.get(name)
        if native is None:
            hint = self._did_you_mean(name, table)
            self.error(attribute.span, f"Native type {name} is not supported for {self.provider} connector.{hint}")
            return
        n = len(attribute.arguments)
        if not native.min_args <= n <= native.max_args:
            # Prisma's wording for both cases.
            if native.min_args == native.max_args:
                self.error(attribute.span, f'Function "{name}" takes {native.max_args} arguments, but received {n}.')
            else:
                self.error(attribute.span, f"Native type {name} takes {native.max_args} optional arguments, but received {n}.")
            return
        for arg in attribute.arguments:
            ok = isinstance(arg.value, ast.NumberValue) or (isinstance(arg.value, ast.ConstantValue) and arg.value.name == "Max")
            if arg.name is not None or not ok:
                self.error(arg.span, f"Expected a nonnegative integer, but found ({_show(arg.value)}).")
                return
        if native.scalars and f.type.name not in native.scalars:
            expected = " or ".join(sorted(native.scalars))
            self.error(attribute.span, f"Native type {name} is not compatible with declared field type {f.type.name}, expected field type {expected}.")

    # --- 5b. database names ------------------------------------------------------------------------

    @staticmethod
    def _string(attribute: ast.Attribute | None, name: str, position: int | None = 0) -> str | None:
        if attribute is None:
            return None
        arg = attribute.argument(name, position) if position is not None else attribute.argument(name, 99)
        return arg.value.value if arg is not None and isinstance(arg.value, ast.StringValue) else None

    def database_names(self) -> None:
        """Table names, and primary key / index / unique constraint names (explicit `map:` or
        Prisma's default ``Table_col_key``), must be unique: the database has one namespace."""
        tables: dict[tuple[str | None, str], str] = {}
        constraints: set[tuple[str | None, str]] = set()
        for model in [*self.models.values(), *self.views.values()]:
            schema = self._string(next(iter(model.attributes_named("schema")), None), "name")
            table = self._string(next(iter(model.attributes_named("map")), None), "name") or model.name
            if (schema, table) in tables and tables[(schema, table)] != model.name:
                self.error(
                    model.span,
                    f'The {model.kind} with database name "{table}" could not be defined because another model or view '
                    f'with this name exists: "{tables[(schema, table)]}"',
                )
            tables.setdefault((schema, table), model.name)
            if model.kind != "model":
                continue
            column = {f.name: self._string(f.attribute("map"), "name") or f.name for f in model.fields}
            entries: list[tuple[ast.Attribute, str, tuple[str, ...]]] = []
            for f in model.fields:
                for kind in ("id", "unique"):
                    a = f.attribute(kind)
                    if a is not None:
                        entries.append((a, "pkey" if kind == "id" else "key", (f.name,)))
            for kind, suffix in (("id", "pkey"), ("unique", "key"), ("index", "idx")):
                for a in model.attributes_named(kind):
                    arg = a.argument("fields", 0)
                    entries.append((a, suffix, names_in(arg.value) if arg is not None else ()))
            custom: set[str] = set()
            pkey_seen = False
            for a, suffix, fields in entries:
                map_arg = a.argument("map", 99)
                if map_arg is not None and not isinstance(map_arg.value, ast.StringValue):
                    continue  # reported as a wrong argument already
                if suffix == "pkey":
                    if pkey_seen:
                        continue  # two ids: reported as such already
                    pkey_seen = True
                given = self._string(a, "name", None)
                if given is not None and a.block:
                    if given in custom:
                        self.error(a.span, f'Error parsing attribute "@@{a.name}": The given custom name `{given}` has to be unique on the model. Please provide a different name for the `name` argument.')
                    custom.add(given)
                explicit = self._string(a, "map", None)
                if suffix == "pkey":
                    name = explicit or f"{table}_pkey"
                else:
                    name = explicit or "_".join([table, *(column.get(f, f) for f in fields), suffix])
                if (schema, name) in constraints:
                    label = ("@@" if a.block else "@") + a.name
                    self.error(
                        a.span,
                        f'Error parsing attribute "{label}": The given constraint name `{name}` has to be unique in the '
                        "following namespace: global for primary key, indexes and unique constraints. Please provide a "
                        "different name using the `map` argument.",
                    )
                constraints.add((schema, name))

    # --- 6. relations --------------------------------------------------------------------------

    def relations(self) -> None:
        for (_, name), group in group_relation_fields(self.doc).items():
            by_model: dict[str, list[RelationField]] = {}
            for rf in group:
                by_model.setdefault(rf.model.name, []).append(rf)
            first = group[0]
            self_relation = first.model.name == first.target
            if self_relation:
                fields = by_model[first.model.name]
                if len(fields) == 1:
                    self._missing_opposite(first)
                    continue
                if len(fields) > 2:
                    self._ambiguous(fields)
                    continue
                self._pair(fields[0], fields[1])
                continue
            sides = list(by_model.values())
            ambiguous = False
            for side in sides:
                if len(side) > 1:
                    self._ambiguous(side)
                    ambiguous = True
            if ambiguous:
                continue
            if len(sides) == 1:
                self._missing_opposite(first)
                continue
            self._pair(sides[0][0], sides[1][0])

    def _missing_opposite(self, rf: RelationField) -> None:
        self.error(
            rf.field.span,
            f"Error validating field `{rf.field.name}` in model `{rf.model.name}`: The relation field `{rf.field.name}` "
            f"on model `{rf.model.name}` is missing an opposite relation field on the model `{rf.target}`. Either run "
            "`prisma format` or add it manually.",
        )

    def _ambiguous(self, fields: list[RelationField]) -> None:
        a, b = fields[0], fields[1]
        if a.explicit_name:
            message = (
                f'Error validating model "{a.model.name}": Wrongly named relation detected. The fields `{a.field.name}` and '
                f"`{b.field.name}` in model `{a.model.name}` both use the same relation name. Please provide different "
                "relation names for them through `@relation(<name>)`."
            )
        else:
            message = (  # Prisma's wording, down to the unclosed backtick
                f'Error validating model "{a.model.name}": Ambiguous relation detected. The fields `{a.field.name}` and '
                f"`{b.field.name}` in model `{a.model.name}` both refer to `{a.target}`. Please provide different relation "
                "names for them by adding `@relation(<name>)."
            )
        for rf in fields[1:]:
            self.error(rf.field.span, message)

    @staticmethod
    def _relation_args(rf: RelationField) -> dict[str, ast.Expression]:
        attribute = rf.field.attribute("relation")
        if attribute is None:
            return {}
        return {a.name: a.value for a in attribute.arguments if a.name is not None}

    def _pair(self, a: RelationField, b: RelationField) -> None:
        a_args, b_args = self._relation_args(a), self._relation_args(b)
        a_def = "fields" in a_args or "references" in a_args
        b_def = "fields" in b_args or "references" in b_args
        a_list, b_list = a.field.type.list, b.field.type.list
        if a_list and b_list:
            for rf, defines in ((a, a_def), (b, b_def)):
                if defines:
                    self.error(rf.field.attribute("relation").span, f'Error parsing attribute "@relation": The relation field `{rf.field.name}` on Model `{rf.model.name}` is part of an implicit many-to-many relation and must not specify the `fields` or `references` argument.')  # type: ignore[union-attr]
            return
        if a_list or b_list:
            many, one = (a, b) if a_list else (b, a)
            if (a_def if many is a else b_def):
                self.error(
                    many.field.attribute("relation").span,  # type: ignore[union-attr]
                    f'Error parsing attribute "@relation": The relation field `{many.field.name}` on Model `{many.model.name}` must not specify the `fields` or `references` argument in the @relation attribute. You must only specify it on the opposite field `{one.field.name}` on model `{one.model.name}`.',
                )
                return
            if not (b_def if many is a else a_def):
                self.error(one.field.span, f'Error parsing attribute "@relation": The relation field `{one.field.name}` on Model `{one.model.name}` must specify the `fields` argument in the @relation attribute. You can run `prisma format` to fix this automatically.')
                return
            self._referencing(one, b_args if one is b else a_args, "1:n")
            return
        if a_def and b_def:
            for argument in ("references", "fields"):
                if argument in a_args and argument in b_args:
                    for rf in (a, b):
                        self.error(
                            rf.field.span,
                            f'Error parsing attribute "@relation": The relation fields `{a.field.name}` on Model `{a.model.name}` and '
                            f"`{b.field.name}` on Model `{b.model.name}` both provide the `{argument}` argument in the @relation "
                            "attribute. You have to provide it only on one of the two fields.",
                        )
            return
        if not a_def and not b_def:
            self.error(b.field.span, f'Error parsing attribute "@relation": The relation fields `{a.field.name}` on Model `{a.model.name}` and `{b.field.name}` on Model `{b.model.name}` do not provide the `fields` argument in the @relation attribute. You have to provide it on one of the two fields.')
            return
        referencing, back = (a, b) if a_def else (b, a)
        if not back.field.type.optional:
            self.error(
                back.field.span,
                f'Error parsing attribute "@relation": The relation field `{back.field.name}` on Model `{back.model.name}` is required. '
                "This is not valid because it's not possible to enforce this constraint on the database level. Please change the "
                f"field type from `{back.field.type.name}` to `{back.field.type.name}?` to fix this.",
            )
        self._referencing(referencing, a_args if referencing is a else b_args, "1:1")

    def _referencing(self, rf: RelationField, args: dict[str, ast.Expression], kind: str) -> None:
        relation = rf.field.attribute("relation")
        assert relation is not None
        if "fields" not in args:
            self.error(relation.span, f'Error parsing attribute "@relation": The relation field `{rf.field.name}` on Model `{rf.model.name}` must specify the `fields` argument in the @relation attribute.')
            return
        if "references" not in args:
            self.error(relation.span, f'The relation field "{rf.field.name}" on model "{rf.model.name}" must specify the "references" argument in the @relation attribute.')
            return
        fields, references = names_in(args["fields"]), names_in(args["references"])
        if len(fields) != len(references):
            self.error(relation.span, 'Error parsing attribute "@relation": You must specify the same number of fields in `fields` and `references`.')
            return
        target = self.models[rf.target]
        ok = True
        scalars: list[ast.Field] = []
        for name in fields:
            f = rf.model.field(name)
            if f is None or f.type.name in self.models:
                hint = self._did_you_mean(name, [x.name for x in rf.model.fields])
                self.error(args["fields"].span, f"Error validating: The argument fields must refer only to existing fields. The following fields do not exist in this model: {name}{hint}")
                ok = False
            else:
                scalars.append(f)
        referenced: list[ast.Field] = []
        for name in references:
            f = target.field(name)
            if f is None or f.type.name in self.models:
                hint = self._did_you_mean(name, [x.name for x in target.fields])
                self.error(args["references"].span, f"Error validating: The argument `references` must refer only to existing fields in the related model `{target.name}`. The following fields do not exist in the related model: {name}")
                ok = False
            else:
                referenced.append(f)
        if not ok:
            return
        for mine, theirs in zip(scalars, referenced):
            if mine.type.name != theirs.type.name:
                self.error(args["fields"].span, f"Error validating: The type of the field `{mine.name}` in the model `{rf.model.name}` is not matching the type of the referenced field `{theirs.name}` in model `{target.name}`.")
                return
        if set(references) not in [set(c) for c in self._unique_criteria(target)] and not self._any_unique(target, references):
            consider = (
                f"Consider adding an `@unique` attribute to the field `{references[0]}` in the model `{target.name}`."
                if len(references) == 1
                else f"Consider adding an `@@unique([{', '.join(references)}])` attribute to the model `{target.name}`."
            )
            self.error(args["references"].span, f"Error validating: The argument `references` must refer to a unique criterion in the related model. {consider}")
        if not rf.field.type.optional and any(s.type.optional for s in scalars):
            self.error(rf.field.span, f"Error validating: The relation field `{rf.field.name}` uses the scalar fields {', '.join(fields)}. At least one of those fields is optional. Hence the relation field must be optional as well.")
        if kind == "1:1" and set(fields) not in [set(c) for c in self._all_unique(rf.model)]:
            self.error(args["fields"].span, f'Error parsing attribute "@relation": A one-to-one relation must use unique fields on the defining side. Either add an `@unique` attribute to the field `{fields[0]}`, or change the relation to one-to-many.' if len(fields) == 1 else f'Error parsing attribute "@relation": A one-to-one relation must use unique fields on the defining side. Either add an `@@unique([{", ".join(fields)}])` attribute to the model, or change the relation to one-to-many.')

    def _all_unique(self, model: ast.Model) -> list[tuple[str, ...]]:
        """Every id/unique criterion, including those with optional fields (once per model)."""
        known = self._criteria.get(("all", id(model)))
        if known is None:
            known = self._criteria[("all", id(model))] = self._compute_all_unique(model)
        return known

    def _compute_all_unique(self, model: ast.Model) -> list[tuple[str, ...]]:
        out: list[tuple[str, ...]] = [(f.name,) for f in model.fields if f.attribute("id") or f.attribute("unique")]
        for name in ("id", "unique"):
            for attribute in model.attributes_named(name):
                arg = attribute.argument("fields", 0)
                if arg is not None:
                    out.append(names_in(arg.value))
        return out

    def _any_unique(self, model: ast.Model, references: tuple[str, ...]) -> bool:
        return set(references) in [set(c) for c in self._all_unique(model)]


def validate(doc: ast.Document) -> list[Diagnostic]:
    """Every semantic problem of `doc`, in source order (empty: the schema is valid)."""
    from midair.psl.parser import paused_gc

    v = _Validator(doc)
    with paused_gc():
        v.config()
        v.names()
        v.blocks()
        v.database_names()
        v.relations()
    order = {f.path: i for i, f in enumerate(doc.files)}
    return sorted(v.diagnostics, key=lambda d: (order.get(d.file, 0), d.line, d.column))


def load_valid_schema(path: Path | str) -> ast.Document:
    """Load a schema file or folder and validate it; `SchemaError` lists every problem."""
    from midair.psl.parser import load_schema

    doc = load_schema(path)
    diagnostics = validate(doc)
    if diagnostics:
        raise SchemaError(diagnostics)
    return doc


__all__ = ["load_valid_schema", "validate"]
