"""`db pull`: write a schema.prisma from a live database's `Schema`.

The written file round-trips: lowering it gives back the introspected `Schema`. Steps:

1. find implicit many-to-many tables (``_AToB`` with columns ``A``/``B`` and foreign keys to two
   models): they become list fields on both models, not models;
2. name models, fields and enums: database names that are not valid Prisma identifiers get a
   sanitised name plus ``@map``/``@@map``;
3. per table: columns become scalar fields (the dialect's `pull.scalar_type` gives the type and
   the ``@db.*`` attribute when it is not the scalar's default; `pull.default_attribute` the
   ``@default``), keys and indexes become ``@id``/``@@id``/``@unique``/``@@unique``/``@@index``
   (``map:`` only where the name is not Prisma's default), foreign keys become relation fields
   named as Prisma's introspection names them (the other model's name; ``{Model}_{relation}`` when
   two models are related more than once), with a back-relation field on the other model;
4. enums, then the datasource and generator blocks (kept from the existing file when there is one;
   PostgreSQL writes the installed extensions into its `extensions` when the file manages them).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib import import_module
from typing import Any

from midair.dialects import get_dialect
from midair.schema import naming
from midair.schema.model import Column, ForeignKey, Index, IndexColumn, Schema, Table

_IDENTIFIER = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")

# Prisma's names for index access methods and referential actions.
_METHODS = {"HASH": "Hash", "GIN": "Gin", "GIST": "Gist", "SPGIST": "SpGist", "BRIN": "Brin"}
_ACTIONS = {
    "CASCADE": "Cascade",
    "RESTRICT": "Restrict",
    "NO ACTION": "NoAction",
    "SET NULL": "SetNull",
    "SET DEFAULT": "SetDefault",
}


def _dialect_pull(provider: str) -> Any:
    """The dialect's `pull` module (type and default spellings for PSL)."""
    package = type(get_dialect(provider)).__module__.rsplit(".", 1)[0]
    return import_module(f"{package}.pull")


def sanitize(name: str) -> str:
    """A valid Prisma identifier for a database name (``my-table`` → ``my_table``)."""
    if _IDENTIFIER.match(name):
        return name
    out = re.sub(r"[^A-Za-z0-9_]", "_", name)
    out = out.lstrip("_0123456789") or "x"
    return out


def _quote(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


@dataclass
class _Field:
    name: str
    type: str
    attributes: list[str] = field(default_factory=list)
    comment: str | None = None


@dataclass
class _Model:
    table: Table
    name: str
    fields: list[_Field] = field(default_factory=list)
    block_attributes: list[str] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)
    field_names: dict[str, str] = field(default_factory=dict)  # column -> field name
    used: set[str] = field(default_factory=set)

    def unique_field_name(self, wanted: str) -> str:
        name = wanted
        n = 2
        while name in self.used:
            name = f"{wanted}_{n}"
            n += 1
        self.used.add(name)
        return name


@dataclass(frozen=True, slots=True)
class JoinTable:
    """An implicit many-to-many table: `relation` is its name without the leading ``_``."""

    table: Table
    relation: str
    a: str  # table referenced by column A
    b: str  # table referenced by column B


def find_join_tables(schema: Schema) -> list[JoinTable]:
    """Tables shaped as Prisma's implicit many-to-many tables."""
    out = []
    for t in schema.tables:
        if not t.name.startswith("_") or t.column_names != ("A", "B"):
            continue
        fks = {f.columns: f for f in t.foreign_keys}
        if set(fks) != {("A",), ("B",)} or len(t.foreign_keys) != 2:
            continue
        a, b = fks[("A",)], fks[("B",)]
        keyed = (t.primary_key is not None and t.primary_key.column_names == ("A", "B")) or any(
            i.unique and i.column_names == ("A", "B") for i in t.indexes
        )
        if not keyed:
            continue
        ta, tb = schema.table(a.referenced_table), schema.table(b.referenced_table)
        if ta is None or tb is None:
            continue
        out.append(JoinTable(t, t.name[1:], a.referenced_table, b.referenced_table))
    return out


def schema_to_psl(
    schema: Schema,
    provider: str,
    datasource_url_env: str = "DATABASE_URL",
    *,
    existing: str | None = None,
) -> str:
    """The schema.prisma text for `schema`; `existing` keeps that file's datasource/generator blocks."""
    dialect = get_dialect(provider)
    dpull = _dialect_pull(provider)
    limit = dialect.max_identifier_length or naming.UNLIMITED
    joins = find_join_tables(schema)
    join_names = {j.table.name for j in joins}

    # ── names ──
    models: dict[str, _Model] = {}
    taken: set[str] = set()
    enum_names: dict[str, str] = {}
    enum_values: dict[str, dict[str, str]] = {}  # enum -> database value -> PSL name
    for e in schema.enums:
        enum_names[e.name] = _unique(sanitize(e.name), taken)
        used_values: set[str] = set()
        enum_values[e.name] = {v: _unique(sanitize(v), used_values) for v in e.values}
    for t in schema.tables:
        if t.name in join_names:
            continue
        models[t.name] = _Model(t, _unique(sanitize(t.name), taken))
    for m in models.values():
        for c in m.table.columns:
            m.field_names[c.name] = m.unique_field_name(sanitize(c.name))

    # ── scalar fields ──
    for m in models.values():
        _scalar_fields(m, dpull, enum_names, enum_values, limit)

    # ── relations ──
    pair_count: dict[frozenset[str], int] = {}
    for m in models.values():
        for fk in m.table.foreign_keys:
            if fk.referenced_table in models:
                key = frozenset((m.table.name, fk.referenced_table))
                pair_count[key] = pair_count.get(key, 0) + 1
    for j in joins:
        key = frozenset((j.a, j.b))
        pair_count[key] = pair_count.get(key, 0) + 1
    for m in models.values():
        for fk in m.table.foreign_keys:
            target = models.get(fk.referenced_table)
            if target is None:
                m.comments.append(f"// Foreign key `{fk.name}` references `{fk.referenced_table}`, which was not introspected.")
                continue
            _relation(m, target, fk, pair_count, limit)
    for j in joins:
        _many_to_many(models[j.a], models[j.b], j, pair_count)

    # ── text ──
    blocks = [_config_blocks(provider, datasource_url_env, existing, schema)]
    for m in models.values():
        blocks.append(_render_model(m, schema))
    for e in schema.enums:
        lines = [f"enum {enum_names[e.name]} {{"]
        for v in e.values:
            name = enum_values[e.name][v]
            lines.append(f"  {name}" + (f" @map({_quote(v)})" if name != v else ""))
        if enum_names[e.name] != e.name:
            lines.append("")
            lines.append(f"  @@map({_quote(e.name)})")
        if schema.namespaces and e.schema:
            lines.append(f"  @@schema({_quote(e.schema)})")
        lines.append("}")
        blocks.append("\n".join(lines))
    return "\n\n".join(b for b in blocks if b) + "\n"


def _unique(name: str, taken: set[str]) -> str:
    out, n = name, 2
    while out in taken:
        out = f"{name}{n}"
        n += 1
    taken.add(out)
    return out


def _index_args(m: _Model, cols: tuple[IndexColumn, ...]) -> str:
    parts = []
    for c in cols:
        name = m.field_names.get(c.name, c.name)
        args = []
        if c.sort == "DESC":
            args.append("sort: Desc")
        if c.opclass:
            args.append(f"ops: {_opclass(c.opclass)}")
        if c.length is not None:
            args.append(f"length: {c.length}")
        parts.append(name + (f"({', '.join(args)})" if args else ""))
    return "[" + ", ".join(parts) + "]"


def _opclass(opclass: str) -> str:
    # Prisma names the GIN/GiST/BRIN operator classes it knows in CamelCase; others are raw().
    camel = "".join(p.capitalize() for p in opclass.split("_"))
    known = {
        "jsonb_ops", "jsonb_path_ops", "array_ops", "inet_ops", "text_ops", "int4_ops", "int8_ops",
        "timestamp_ops", "timestamptz_ops", "date_ops", "uuid_ops", "bpchar_ops", "varchar_ops",
    }
    if opclass in known:
        return camel
    return f"raw({_quote(opclass)})"


def _scalar_fields(
    m: _Model, dpull: Any, enum_names: dict[str, str], enum_values: dict[str, dict[str, str]], limit: int
) -> None:
    t = m.table
    pk_cols = t.primary_key.column_names if t.primary_key else ()
    single_uniques: dict[str, Index] = {}
    for ix in t.indexes:
        if (
            ix.unique
            and len(ix.columns) == 1
            and ix.columns[0].name in m.field_names
            and ix.columns[0].sort is None
            and ix.columns[0].opclass is None
            and ix.method is None
            and ix.where is None
            and ix.columns[0].name not in single_uniques
        ):
            single_uniques[ix.columns[0].name] = ix
    for c in t.columns:
        f = _Field(m.field_names[c.name], "")
        type_attr = None
        if c.type.unsupported:
            f.type = f"Unsupported({_quote(c.type.name)})"
            scalar = "Unsupported"
        elif c.type.enum is not None:
            f.type = enum_names.get(c.type.enum, sanitize(c.type.enum))
            scalar = "Enum"
        else:
            scalar, type_attr = dpull.scalar_type(c.type)
            if not scalar:
                f.type = f"Unsupported({_quote(c.type.name)})"
                scalar = "Unsupported"
            else:
                f.type = scalar
        if c.type.array:
            f.type += "[]"
        elif c.nullable:
            f.type += "?"
        if len(pk_cols) == 1 and pk_cols[0] == c.name:
            pk = t.primary_key
            args = []
            if pk.name is not None and pk.name != naming.primary_key_name(t.name, limit):
                args.append(f"map: {_quote(pk.name)}")
            if pk.columns[0].sort == "DESC":
                args.append("sort: Desc")
            f.attributes.append("@id" + (f"({', '.join(args)})" if args else ""))
        default = _enum_default(c, enum_values) or dpull.default_attribute(c, scalar)
        if default:
            f.attributes.append(default)
        ix = single_uniques.get(c.name)
        if ix is not None:
            default_name = naming.unique_index_name(t.name, (c.name,), limit)
            f.attributes.append("@unique" + (f"(map: {_quote(ix.name)})" if ix.name != default_name else ""))
        if f.name != c.name:
            f.attributes.append(f"@map({_quote(c.name)})")
        if type_attr:
            f.attributes.append(type_attr)
        m.fields.append(f)

    if len(pk_cols) > 1:
        pk = t.primary_key
        args = [_index_args(m, pk.columns)]
        if pk.name is not None and pk.name != naming.primary_key_name(t.name, limit):
            args.append(f"map: {_quote(pk.name)}")
        m.block_attributes.append(f"@@id({', '.join(args)})")
    for ix in t.indexes:
        if single_uniques.get(ix.columns[0].name) is ix:
            continue
        if any(c.name not in m.field_names for c in ix.columns):
            m.comments.append(f"// The index `{ix.name}` uses an expression, which Prisma's schema cannot describe.")
            continue
        cols = tuple(c.name for c in ix.columns)
        default_name = (naming.unique_index_name if ix.unique else naming.index_name)(t.name, cols, limit)
        args = [_index_args(m, ix.columns)]
        if ix.name != default_name:
            args.append(f"map: {_quote(ix.name)}")
        if ix.method:
            args.append(f"type: {_METHODS.get(ix.method, ix.method.capitalize())}")
        if ix.where:
            args.append(f"where: raw({_quote(ix.where)})")
        m.block_attributes.append(f"@@{'unique' if ix.unique else 'index'}({', '.join(args)})")
    if t.primary_key is None and not any(i.unique and _all_required(t, i) for i in t.indexes):
        m.comments.append(
            "/// The underlying table does not contain a valid unique identifier and can therefore currently not be handled by Prisma Client."
        )
        m.block_attributes.append("@@ignore")
    if m.name != t.name:
        m.block_attributes.append(f"@@map({_quote(t.name)})")


def _enum_default(c: Column, enum_values: dict[str, dict[str, str]]) -> str | None:
    """``@default(VALUE)`` / ``@default([A, B])`` for an enum column, with the values' PSL names."""
    if c.type.enum is None or c.default is None or c.type.enum not in enum_values:
        return None
    names = enum_values[c.type.enum]
    literals = re.findall(r"'((?:[^']|'')*)'", c.default)
    values = [names.get(v.replace("''", "'")) for v in literals]
    if not literals or any(v is None for v in values):
        return None
    if c.type.array:
        if not re.match(r"^ARRAY\[", c.default):
            return None
        return "@default([" + ", ".join(v for v in values if v) + "])"
    if len(values) != 1 or c.default != f"'{literals[0]}'":
        return None
    return f"@default({values[0]})"


def _all_required(t: Table, ix: Index) -> bool:
    """An index over required columns only (Prisma accepts it as the model's unique criteria)."""
    columns = [t.column(c.name) for c in ix.columns]
    return all(c is not None and not c.nullable for c in columns)


def _is_unique_on(t: Table, columns: tuple[str, ...]) -> bool:
    if t.primary_key is not None and set(t.primary_key.column_names) == set(columns):
        return True
    return any(i.unique and i.where is None and set(i.column_names) == set(columns) for i in t.indexes)


def _relation(m: _Model, target: _Model, fk: ForeignKey, pair_count: dict[frozenset[str], int], limit: int) -> None:
    t = m.table
    ambiguous = pair_count[frozenset((t.name, target.table.name))] > 1
    relation_name = None
    if ambiguous:
        relation_name = f"{m.name}_{'_'.join(m.field_names[c] for c in fk.columns)}To{target.name}"
    elif m is target:
        relation_name = f"{m.name}To{m.name}"
    optional = any((t.column(c) is not None and t.column(c).nullable) for c in fk.columns)
    if ambiguous:
        forward_name = f"{target.name}_{relation_name}"
        back_name = f"other_{m.name}_{relation_name}" if m is target else f"{m.name}_{relation_name}"
    else:
        forward_name = target.name
        back_name = f"other_{m.name}" if m is target else m.name
    forward = m.unique_field_name(forward_name)
    args = []
    if relation_name:
        args.append(_quote(relation_name))
    args.append("fields: [" + ", ".join(m.field_names[c] for c in fk.columns) + "]")
    args.append("references: [" + ", ".join(target.field_names.get(c, c) for c in fk.referenced_columns) + "]")
    # Prisma's defaults: onDelete Restrict (required) / SetNull (optional), onUpdate Cascade.
    if fk.on_delete != ("SET NULL" if optional else "RESTRICT"):
        args.append(f"onDelete: {_ACTIONS[fk.on_delete]}")
    if fk.on_update != "CASCADE":
        args.append(f"onUpdate: {_ACTIONS[fk.on_update]}")
    if fk.name is not None and fk.name != naming.foreign_key_name(t.name, fk.columns, limit):
        args.append(f"map: {_quote(fk.name)}")
    m.fields.append(_Field(forward, target.name + ("?" if optional else ""), [f"@relation({', '.join(args)})"]))
    back = target.unique_field_name(back_name)
    one_to_one = _is_unique_on(t, fk.columns)
    back_attr = [f"@relation({_quote(relation_name)})"] if relation_name else []
    target.fields.append(_Field(back, m.name + ("?" if one_to_one else "[]"), back_attr))


def _many_to_many(a: _Model, b: _Model, j: JoinTable, pair_count: dict[frozenset[str], int]) -> None:
    from midair.psl.relations import default_relation_name

    default = default_relation_name(a.name, b.name)
    explicit = a is b or j.relation != default or pair_count[frozenset((a.table.name, b.table.name))] > 1
    attr = [f"@relation({_quote(j.relation)})"] if explicit else []
    if a is b:
        a.fields.append(_Field(a.unique_field_name(f"A_{j.relation}"), f"{b.name}[]", list(attr)))
        a.fields.append(_Field(a.unique_field_name(f"B_{j.relation}"), f"{a.name}[]", list(attr)))
        return
    a.fields.append(_Field(a.unique_field_name(b.name if not explicit else f"{b.name}_{j.relation}"), f"{b.name}[]", list(attr)))
    b.fields.append(_Field(b.unique_field_name(a.name if not explicit else f"{a.name}_{j.relation}"), f"{a.name}[]", list(attr)))


def _render_model(m: _Model, schema: Schema) -> str:
    lines = [c for c in m.comments if c.startswith("///")]
    lines.append(f"model {m.name} {{")
    name_w = max((len(f.name) for f in m.fields), default=0)
    type_w = max((len(f.type) for f in m.fields), default=0)
    for f in m.fields:
        line = f"  {f.name.ljust(name_w)} {f.type.ljust(type_w)} {' '.join(f.attributes)}".rstrip()
        lines.append(line)
    extra = [c for c in m.comments if not c.startswith("///")]
    block = list(m.block_attributes)
    if schema.namespaces and m.table.schema:
        block.append(f"@@schema({_quote(m.table.schema)})")
    if block or extra:
        lines.append("")
        lines.extend(f"  {c}" for c in extra)
        lines.extend(f"  {b}" for b in block)
    lines.append("}")
    return "\n".join(lines)


_BLOCK_START = re.compile(r"^(datasource|generator)\s+\w+\s*\{", re.MULTILINE)


def config_blocks(text: str) -> list[str]:
    """The ``datasource`` and ``generator`` blocks of a schema file, verbatim."""
    out = []
    for m in _BLOCK_START.finditer(text):
        depth, i = 0, m.start()
        in_str = False
        while i < len(text):
            ch = text[i]
            if in_str:
                if ch == "\\":
                    i += 1
                elif ch == '"':
                    in_str = False
            elif ch == '"':
                in_str = True
            elif ch == "{":
                depth += 1
            elif ch == "}":
                depth -= 1
                if depth == 0:
                    out.append(text[m.start(): i + 1])
                    break
            i += 1
    return out


def _config_blocks(provider: str, env: str, existing: str | None, schema: Schema) -> str:
    if existing:
        # The dialect rewrites what it introspects into the datasource (PostgreSQL: `extensions`).
        rewrite = getattr(_dialect_pull(provider), "rewrite_extensions", None)
        if rewrite is not None:
            existing = rewrite(existing, schema)
        kept = config_blocks(existing)
        if kept:
            return "\n\n".join(kept)
    lines = ["datasource db {", f'  provider = "{provider}"', f'  url      = env("{env}")']
    if schema.namespaces:
        lines.append("  schemas  = [" + ", ".join(_quote(n) for n in schema.namespaces) + "]")
    lines.append("}")
    lines += ["", "generator client {", '  provider = "prisma-client-js"', "}"]
    return "\n".join(lines)


def _existing_provider(text: str) -> str | None:
    for block in config_blocks(text):
        if block.startswith("datasource"):
            m = re.search(r'provider\s*=\s*"([^"]*)"', block)
            return m[1] if m else None
    return None


def pull(url: str, *, existing: str | None = None, force: bool = False, base_dir: Any = None) -> str:
    """Introspect the database at `url` and return the schema.prisma text for it.

    `existing` is the current schema file's text: its datasource and generator blocks are kept
    unless `force`. Raises `ConfigError` when the database has no tables (Prisma's P4001) or when
    the existing file's provider is not the database's (then `force` rewrites the blocks).
    """
    from midair.connection import connect
    from midair.errors import ConfigError
    from midair.introspect import introspect
    from midair.urls import parse_url

    parsed = parse_url(url, base_dir=base_dir)
    if existing and not force:
        current = _existing_provider(existing)
        if current is not None and current != parsed.provider and not (
            {current, parsed.provider} <= {"postgresql", "postgres"}
        ):
            raise ConfigError(
                f"The schema's datasource provider is `{current}` but the database at "
                f"`{parsed.redacted}` is `{parsed.provider}`.",
                hint="Pass --force to write a new datasource block for this database.",
            )
    # The namespaces the existing datasource lists (`schemas = ["a", "b"]`), else the URL's.
    namespaces = None
    if existing:
        for block in config_blocks(existing):
            m = re.search(r"schemas\s*=\s*\[([^\]]*)\]", block) if block.startswith("datasource") else None
            if m:
                namespaces = re.findall(r'"([^"]+)"', m[1]) or None
    conn = connect(parsed)
    try:
        schema = introspect(conn, namespaces)
    finally:
        conn.close()
    if not schema.tables and not schema.enums:
        raise ConfigError(
            f"The introspected database was empty: `{parsed.redacted}` has no tables.",
            hint="Create tables first (midair migrate dev / db push) or check the URL and ?schema=.",
            code="M4001",
        )
    env = "DATABASE_URL"
    if existing:
        m = re.search(r'url\s*=\s*env\(\s*"([^"]+)"\s*\)', existing)
        if m:
            env = m[1]
    return schema_to_psl(schema, parsed.provider, env, existing=None if force else existing)


__all__ = ["JoinTable", "config_blocks", "find_join_tables", "pull", "sanitize", "schema_to_psl"]
