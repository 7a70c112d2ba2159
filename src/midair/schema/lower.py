"""Lowering: a parsed ``schema.prisma`` (`Document`) × provider → the SQL-level `Schema`.

Follows Prisma's schema calculator so that the result equals the introspection of the database
Prisma's migrations build:

1. Enums in declaration order (native types on PostgreSQL; plain ``TEXT`` columns on SQLite).
2. One table per model, in declaration order (``@@ignore``d models and ``@ignore``d fields are still
   created: they are hidden from the client, not from the database). Columns are the scalar fields
   in order, typed by `dialects/<d>/types.py`, with the constant defaults spelled there;
   client-side defaults (``uuid()``, ``cuid()``, ``nanoid()``, ``ulid()``, ``@updatedAt``) give no
   database default.
3. The primary key (``@id``/``@@id``), then the indexes in Prisma's order: field-level ``@unique``
   in field order, then every ``@@index``, then every ``@@unique``. Names come from ``map:`` or from
   `midair.schema.naming` (``@@index(name: …)`` is the legacy spelling of ``map:``).
4. Foreign keys from each ``@relation(fields: …, references: …)``, in the order of the fields that
   carry them. Default actions: ON DELETE SET NULL when the relation field and all its scalar
   fields are optional, RESTRICT otherwise; ON UPDATE CASCADE. ``relationMode = "prisma"`` creates none.
5. Implicit many-to-many tables ``_<Relation>`` after all model tables, in the order of the
   relation fields of model A (the model whose name sorts first).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from types import ModuleType

from midair._gc import paused
from midair.errors import ConfigError, UnsupportedError
from midair.psl import ast
from midair.schema import naming
from midair.schema.literal import Literal
from midair.schema.model import (
    Column,
    ColumnType,
    Enum,
    Extension,
    ForeignKey,
    Index,
    IndexColumn,
    PrimaryKey,
    ReferentialAction,
    Schema,
    Table,
)
from midair.schema.predicate import where_sql

SCALARS = frozenset({"String", "Boolean", "Int", "BigInt", "Float", "Decimal", "DateTime", "Json", "Bytes"})

# Defaults that Prisma Client computes: the database sees no default.
CLIENT_DEFAULTS = frozenset({"uuid", "cuid", "nanoid", "ulid"})

_ACTIONS: dict[str, ReferentialAction] = {
    "Cascade": "CASCADE",
    "Restrict": "RESTRICT",
    "NoAction": "NO ACTION",
    "SetNull": "SET NULL",
    "SetDefault": "SET DEFAULT",
}

_INDEX_METHODS = {"BTree": None, "Hash": "HASH", "Gist": "GIST", "Gin": "GIN", "SpGist": "SPGIST", "Brin": "BRIN"}


def dialect_module(provider: str, module: str) -> ModuleType:
    """`dialects/<d>/<module>.py` for a provider (``types``, ``render``, …)."""
    from midair.dialects import get_dialect

    try:
        dialect = get_dialect(provider)
    except ConfigError:
        raise UnsupportedError(
            f"The provider `{provider}` is not supported: midair builds migrations for `postgresql` and `sqlite`.",
            hint="Change the datasource's `provider`, or use Prisma's own CLI for this database.",
        ) from None
    package = type(dialect).__module__.rsplit(".", 1)[0]
    return import_module(f"{package}.{module}")


def schema_from_file(path: Path, provider: str | None = None) -> Schema:
    """Load, validate and lower a schema file or folder."""
    from midair import psl

    load_valid = getattr(psl, "load_valid_schema", None)
    doc = load_valid(path) if load_valid else psl.load_schema(path)
    return lower(doc, provider or document_provider(doc))


def document_provider(doc: ast.Document) -> str:
    """The datasource's ``provider``."""
    ds = doc.datasource
    prop = ds.property("provider") if ds else None
    if prop is None or not isinstance(prop.value, ast.StringValue):
        raise ConfigError("The schema has no `datasource` block with a `provider`.")
    return prop.value.value


def lower(doc: ast.Document, provider: str) -> Schema:
    """The SQL-level schema Prisma's migrations build for `doc` on `provider`."""
    types = dialect_module(provider, "types")
    with paused():
        return _Lowering(doc, provider, types).run()


# --- helpers on the syntax tree --------------------------------------------------------------


def _string_arg(attr: ast.Attribute | None, name: str | None, position: int = 0) -> str | None:
    if attr is None:
        return None
    arg = attr.argument(name, position) if name else attr.argument(None, position)
    if arg is not None and isinstance(arg.value, ast.StringValue):
        return arg.value.value
    return None


def _named_string(attr: ast.Attribute | None, name: str) -> str | None:
    """A string argument given by name only (``map: "x"``)."""
    if attr is None:
        return None
    v = _named_arg(attr, name)
    return v.value if isinstance(v, ast.StringValue) else None


def _named_arg(attr: ast.Attribute, name: str) -> ast.Expression | None:
    for a in attr.arguments:
        if a.name == name:
            return a.value
    return None


def _constant(expr: ast.Expression | None) -> str | None:
    return expr.name if isinstance(expr, ast.ConstantValue) else None


def _opclass(expr: ast.Expression | None) -> str | None:
    """``ops: JsonbPathOps`` → ``jsonb_path_ops``; ``ops: raw("x")`` → ``x``."""
    if expr is None:
        return None
    if isinstance(expr, ast.FunctionCall) and expr.name == "raw" and expr.arguments:
        v = expr.arguments[0].value
        return v.value if isinstance(v, ast.StringValue) else None
    name = _constant(expr)
    if name is None:
        return None
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


@dataclass(frozen=True, slots=True)
class _IndexField:
    field: str
    sort: str | None = None
    length: int | None = None
    opclass: str | None = None


def _index_fields(expr: ast.Expression | None) -> list[_IndexField]:
    if isinstance(expr, (ast.ConstantValue, ast.FunctionCall)):
        expr = ast.ArrayValue((expr,), expr.span)  # `@@index(orgId)`: one field, no brackets
    if not isinstance(expr, ast.ArrayValue):
        return []
    out = []
    for item in expr.items:
        if isinstance(item, ast.ConstantValue):
            out.append(_IndexField(item.name))
        elif isinstance(item, ast.FunctionCall):
            sort = length = ops = None
            for a in item.arguments:
                if a.name == "sort":
                    sort = _constant(a.value)
                elif a.name == "length" and isinstance(a.value, ast.NumberValue):
                    length = int(a.value.value)
                elif a.name == "ops":
                    ops = _opclass(a.value)
            out.append(_IndexField(item.name, sort.upper() if sort else None, length, ops))
    return out


def _fields_arg(attr: ast.Attribute) -> ast.Expression | None:
    arg = attr.argument("fields", 0)
    return arg.value if arg is not None else None


# --- the lowering ----------------------------------------------------------------------------


class _Lowering:
    def __init__(self, doc: ast.Document, provider: str, types: ModuleType) -> None:
        self.doc = doc
        self.provider = provider
        self.types = types
        from midair.dialects import get_dialect

        self.dialect = get_dialect(provider)
        self.limit = self.dialect.max_identifier_length or naming.UNLIMITED
        self.named_pk = self.dialect.supports_named_primary_keys
        ds = doc.datasource
        mode = ds.property("relationMode") if ds else None
        self.foreign_keys = not (mode is not None and isinstance(mode.value, ast.StringValue) and mode.value.value == "prisma")
        schemas = ds.property("schemas") if ds else None
        self.namespaces: tuple[str, ...] = ()
        if schemas is not None and isinstance(schemas.value, ast.ArrayValue):
            self.namespaces = tuple(i.value for i in schemas.value.items if isinstance(i, ast.StringValue))
        self.models = {m.name: m for m in doc.models}
        self.enums = {e.name: e for e in doc.enums}
        self.native_prefixes = tuple(f"{ds}." for ds in self.datasource_names())  # `@db.` for native types

    # names
    def table_name(self, model: ast.Model) -> str:
        a = next(iter(model.attributes_named("map")), None)
        return _string_arg(a, "name") or model.name

    def table_schema(self, block: ast.Model | ast.EnumDecl) -> str | None:
        for a in block.attributes:
            if a.name == "schema":
                return _string_arg(a, None)
        return None

    @staticmethod
    def column_name(f: ast.Field) -> str:
        return _string_arg(f.attribute("map"), "name") or f.name

    def enum_name(self, e: ast.EnumDecl) -> str:
        a = next((x for x in e.attributes if x.name == "map"), None)
        return _string_arg(a, "name") or e.name

    @staticmethod
    def enum_value_name(v: ast.EnumValue) -> str:
        a = next((x for x in v.attributes if x.name == "map"), None)
        return _string_arg(a, "name") or v.name

    def is_scalar(self, f: ast.Field) -> bool:
        t = f.type
        return t.unsupported is not None or t.name == "Unsupported" or t.name in SCALARS or t.name in self.enums

    def run(self) -> Schema:
        enums = tuple(self.lower_enum(e) for e in self.doc.enums) if self.types.SUPPORTS_ENUMS else ()
        tables = [self.lower_model(m) for m in self.doc.models]
        tables.extend(self.join_tables(tables))
        return Schema(
            tables=tuple(tables),
            enums=enums,
            namespaces=self.namespaces,
            extensions=self.extensions(),
            manages_extensions=self.manages_extensions(),
        )

    def manages_extensions(self) -> bool:
        from midair.psl.datasource import preview_features

        return getattr(self.types, "SUPPORTS_EXTENSIONS", False) and "postgresqlExtensions" in preview_features(self.doc)

    def extensions(self) -> tuple[Extension, ...]:
        """The datasource's ``extensions``, managed by Prisma only with the ``postgresqlExtensions``
        preview feature and only on PostgreSQL; sorted by their schema name, as Prisma sorts them,
        one per database name (the last one wins, as in Prisma's differ)."""
        from midair.psl.datasource import extension_entries

        if not self.manages_extensions():
            return ()
        entries = sorted(extension_entries(self.doc)[0], key=lambda e: e.name)
        last = {e.db_name: e for e in entries}
        return tuple(Extension(e.db_name, e.schema, e.version) for e in entries if last[e.db_name] is e)

    def lower_enum(self, e: ast.EnumDecl) -> Enum:
        return Enum(self.enum_name(e), tuple(self.enum_value_name(v) for v in e.values), self.table_schema(e))

    def lower_model(self, model: ast.Model) -> Table:
        name = self.table_name(model)
        scalar_fields = [f for f in model.fields if self.is_scalar(f)]
        by_name = {f.name: f for f in scalar_fields}
        pk = self.primary_key(model, name, scalar_fields, by_name)
        single_pk = pk.column_names[0] if pk is not None and len(pk.columns) == 1 else None
        columns = tuple(self.lower_field(model, f, single_pk) for f in scalar_fields)
        indexes = self.indexes(model, name, scalar_fields, by_name)
        fks = self.model_foreign_keys(model, name) if self.foreign_keys else ()
        return Table(name, columns, pk, indexes, fks, self.table_schema(model))

    def lower_field(self, model: ast.Model, f: ast.Field, single_pk: str | None) -> Column:
        t = f.type
        col_name = self.column_name(f)
        default_attr = f.attribute("default")
        default_arg = default_attr.argument("value", 0) if default_attr else None
        default_expr = default_arg.value if default_arg else None
        autoincrement = isinstance(default_expr, ast.FunctionCall) and default_expr.name == "autoincrement"
        if t.unsupported is not None or t.name == "Unsupported":
            ctype = ColumnType(t.unsupported or "", array=t.list, unsupported=True)
            scalar = "Unsupported"
        elif t.name in self.enums:
            enum = self.enums[t.name]
            ctype = self.types.enum_column_type(self.enum_name(enum), array=t.list)
            scalar = "Enum"
        else:
            native = None
            for a in f.attributes:
                if a.name.startswith(self.native_prefixes):
                    args = tuple(self._native_arg(x.value) for x in a.arguments)
                    native = (a.name.split(".", 1)[1], args)
            ctype = self.types.column_type(t.name, native, array=t.list)
            scalar = t.name
        if not autoincrement:
            autoincrement = self.types.implicit_autoincrement(scalar, single_pk == col_name)
        default = None if autoincrement else self.default(default_expr, scalar, ctype, f)
        client_default = f.attribute("updatedAt") is not None or (
            isinstance(default_expr, ast.FunctionCall) and default_expr.name in CLIENT_DEFAULTS
        )
        return Column(
            col_name,
            ctype,
            nullable=t.optional,
            default=default,
            autoincrement=autoincrement,
            client_default=client_default,
        )

    def datasource_names(self) -> tuple[str, ...]:
        ds = self.doc.datasource
        return (ds.name,) if ds else ("db",)

    @staticmethod
    def _native_arg(v: ast.Expression) -> str:
        if isinstance(v, ast.NumberValue):
            return v.text
        if isinstance(v, ast.StringValue):
            return v.value
        if isinstance(v, ast.ConstantValue):
            return v.name
        return ""

    def default(self, expr: ast.Expression | None, scalar: str, ctype: ColumnType, f: ast.Field) -> str | None:
        if expr is None:
            return None
        if isinstance(expr, ast.FunctionCall):
            if expr.name == "now":
                return "CURRENT_TIMESTAMP"
            if expr.name == "dbgenerated":
                if expr.arguments and isinstance(expr.arguments[0].value, ast.StringValue):
                    return expr.arguments[0].value.value
                return None
            return None  # uuid(), cuid(), nanoid(), ulid(), sequence(), auto(): not the database's
        lit = self.literal(expr, scalar, f)
        if lit is None:
            return None
        schema = None
        if ctype.enum is not None:
            schema = self.table_schema(self.enums[f.type.name])
        full_type = self.types.render_type(ctype, self.dialect.quote, schema)
        return self.types.render_literal(lit, full_type)

    def literal(self, expr: ast.Expression, scalar: str, f: ast.Field) -> Literal | None:
        if isinstance(expr, ast.ArrayValue):
            items = [self.literal(i, scalar, f) for i in expr.items]
            return Literal("list", tuple(i for i in items if i is not None))
        if scalar == "Enum":
            enum = self.enums[f.type.name]
            name = _constant(expr)
            for v in enum.values:
                if v.name == name:
                    return Literal("enum", self.enum_value_name(v))
            return Literal("enum", name)
        if isinstance(expr, ast.NumberValue):
            if scalar in ("Int", "BigInt"):
                return Literal("int", int(float(expr.text)) if any(c in expr.text for c in ".eE") else int(expr.text))
            return Literal("float", expr.text)
        if isinstance(expr, ast.StringValue):
            kind = {"DateTime": "datetime", "Json": "json", "Bytes": "bytes", "Decimal": "float"}.get(scalar, "string")
            return Literal(kind, expr.value)
        if isinstance(expr, ast.ConstantValue) and expr.name in ("true", "false"):
            return Literal("bool", expr.name == "true")
        return None

    def primary_key(
        self, model: ast.Model, table: str, fields: list[ast.Field], by_name: dict[str, ast.Field]
    ) -> PrimaryKey | None:
        for f in fields:
            a = f.attribute("id")
            if a is not None:
                sort = _constant(_named_arg(a, "sort"))
                length = _named_arg(a, "length")
                col = IndexColumn(
                    self.column_name(f),
                    sort.upper() if sort else None,  # type: ignore[arg-type]
                    length=int(length.value) if isinstance(length, ast.NumberValue) else None,
                )
                return PrimaryKey(self.pk_name(table, _named_string(a, "map")), (col,))
        for a in model.attributes_named("id"):
            cols = tuple(self.index_column(x, by_name) for x in _index_fields(_fields_arg(a)))
            return PrimaryKey(self.pk_name(table, _named_string(a, "map")), cols)
        return None

    def pk_name(self, table: str, mapped: str | None) -> str | None:
        if not self.named_pk:
            return None
        return mapped or naming.primary_key_name(table, self.limit)

    def index_column(self, x: _IndexField, by_name: dict[str, ast.Field]) -> IndexColumn:
        f = by_name.get(x.field)
        name = self.column_name(f) if f is not None else x.field
        return IndexColumn(name, x.sort, x.opclass, x.length)  # type: ignore[arg-type]

    def indexes(
        self, model: ast.Model, table: str, fields: list[ast.Field], by_name: dict[str, ast.Field]
    ) -> tuple[Index, ...]:
        out: list[Index] = []
        for f in fields:
            a = f.attribute("unique")
            if a is None:
                continue
            sort = _constant(_named_arg(a, "sort"))
            length = _named_arg(a, "length")
            col = IndexColumn(
                self.column_name(f),
                sort.upper() if sort else None,  # type: ignore[arg-type]
                length=int(length.value) if isinstance(length, ast.NumberValue) else None,
            )
            name = _named_string(a, "map") or naming.unique_index_name(table, [col.name], self.limit)
            out.append(Index(name, (col,), unique=True))
        for kind in ("index", "unique"):
            for a in model.attributes_named(kind):
                cols = tuple(self.index_column(x, by_name) for x in _index_fields(_fields_arg(a)))
                mapped = _named_string(a, "map")
                if kind == "index":
                    mapped = mapped or _named_string(a, "name")
                    name = mapped or naming.index_name(table, [c.name for c in cols], self.limit)
                else:
                    name = mapped or naming.unique_index_name(table, [c.name for c in cols], self.limit)
                method = _INDEX_METHODS.get(_constant(_named_arg(a, "type")) or "BTree")
                where = None
                w = _named_arg(a, "where")
                if isinstance(w, ast.FunctionCall) and w.name == "raw" and w.arguments:
                    v = w.arguments[0].value
                    where = v.value if isinstance(v, ast.StringValue) else None
                elif isinstance(w, ast.ObjectValue):
                    where = where_sql(w, lambda n: self.where_field(model, n))
                out.append(Index(name, cols, unique=kind == "unique", method=method, where=where))
        return tuple(out)

    def where_field(self, model: ast.Model, name: str) -> tuple[str, bool] | None:
        """A field of a partial index's ``where: {…}``: its column name, whether it is a relation."""
        f = model.field(name)
        return None if f is None else (self.column_name(f), f.type.name in self.models)

    def model_foreign_keys(self, model: ast.Model, table: str) -> tuple[ForeignKey, ...]:
        out = []
        own = {f.name: f for f in model.fields}
        for f in model.fields:
            a = f.attribute("relation")
            if a is None or f.type.name not in self.models:
                continue
            fields = [x.field for x in _index_fields(_named_arg(a, "fields"))]
            refs = [x.field for x in _index_fields(_named_arg(a, "references"))]
            if not fields:
                continue
            target = self.models[f.type.name]
            target_fields = {x.name: x for x in target.fields}
            cols = tuple(self.column_name(own[n]) if n in own else n for n in fields)
            ref_cols = tuple(self.column_name(target_fields[n]) if n in target_fields else n for n in refs)
            on_delete = _ACTIONS.get(_constant(_named_arg(a, "onDelete")) or "", None)
            if on_delete is None:
                # Prisma's "referential arity": required as soon as one scalar field is required.
                required = any(n in own and not own[n].type.optional for n in fields)
                on_delete = "RESTRICT" if required or not f.type.optional else "SET NULL"
            on_update = _ACTIONS.get(_constant(_named_arg(a, "onUpdate")) or "", "CASCADE")
            name = _named_string(a, "map") or naming.foreign_key_name(table, cols, self.limit)
            target_schema = self.table_schema(target)
            out.append(
                ForeignKey(name, cols, self.table_name(target), ref_cols, on_delete, on_update, target_schema)
            )
        return tuple(out)

    # implicit many-to-many
    def many_to_many(self) -> list[tuple[str, ast.Model, ast.Model]]:
        """(relation name, model A, model B) for each implicit m:n relation, in Prisma's order."""
        found: list[tuple[tuple[int, int], str, ast.Model, ast.Model]] = []
        models = list(self.doc.models)
        for mi, model in enumerate(models):
            for fi, f in enumerate(model.fields):
                if not f.type.list or f.type.name not in self.models:
                    continue
                rel = f.attribute("relation")
                if rel is not None and _named_arg(rel, "fields") is not None:
                    continue
                rel_name = _string_arg(rel, "name")
                other = self.models[f.type.name]
                opposite = None
                for g in other.fields:
                    if g is f or g.type.name != model.name or not g.type.list:
                        continue
                    if _string_arg(g.attribute("relation"), "name") == rel_name:
                        opposite = g
                        break
                if opposite is None:
                    continue
                if model.name > other.name:
                    continue
                if model.name == other.name and f.name > opposite.name:
                    continue
                name = rel_name or "To".join(sorted([model.name, other.name]))
                found.append(((mi, fi), name, model, other))
        found.sort(key=lambda x: x[0])
        return [(n, a, b) for _, n, a, b in found]

    def join_tables(self, tables: list[Table]) -> list[Table]:
        by_model = {m.name: t for m, t in zip(self.doc.models, tables)}
        out = []
        for relation, a, b in self.many_to_many():
            ta, tb = by_model[a.name], by_model[b.name]
            if ta.primary_key is None or tb.primary_key is None:
                continue
            name = naming.join_table_name(relation, self.limit)

            def id_type(t: Table) -> ColumnType:
                col = t.column(t.primary_key.columns[0].name)  # type: ignore[union-attr]
                assert col is not None
                return col.type

            cols = (Column("A", id_type(ta)), Column("B", id_type(tb)))
            ab = (IndexColumn("A"), IndexColumn("B"))
            pk = None
            indexes: list[Index] = []
            if self.types.JOIN_TABLE_PRIMARY_KEY:
                pk = PrimaryKey(naming.join_table_key_name(name, "_AB_pkey", self.limit), ab)
            else:
                indexes.append(Index(naming.join_table_key_name(name, "_AB_unique", self.limit), ab, unique=True))
            indexes.append(Index(naming.join_table_index_name(name, self.limit), (IndexColumn("B"),)))
            fks: tuple[ForeignKey, ...] = ()
            if self.foreign_keys:
                fa, fb = naming.join_table_foreign_key_names(name, self.limit)
                fks = (
                    ForeignKey(fa, ("A",), ta.name, (ta.primary_key.columns[0].name,), "CASCADE", "CASCADE", ta.schema),  # type: ignore[union-attr]
                    ForeignKey(fb, ("B",), tb.name, (tb.primary_key.columns[0].name,), "CASCADE", "CASCADE", tb.schema),  # type: ignore[union-attr]
                )
            out.append(Table(name, cols, pk, tuple(indexes), fks, ta.schema))
        return out


__all__ = ["dialect_module", "document_provider", "lower", "schema_from_file"]
