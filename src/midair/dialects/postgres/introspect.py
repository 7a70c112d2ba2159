"""Read a live PostgreSQL database into a `Schema`.

The catalog is read with six queries whatever the number of tables (one round trip each, files in
`queries/`): tables, columns, constraints (primary and foreign keys), indexes (one row per index
column), enums, extensions (all but plpgsql; the differ compares them only against a schema file
that manages extensions, as Prisma does). Rows are then grouped in Python. The result goes through
`normalize` so it compares equal to the lowering of the schema.prisma that built the database.

Tables and enums an extension owns (pg_depend deptype 'e', such as PostGIS's ``spatial_ref_sys``)
are left out, with their columns, keys and indexes, as Prisma's introspection leaves them out: they
are the extension's, so no migration may drop them and `db pull` does not write them as models.

Namespaces: the URL's ``?schema=`` (default ``public``) unless the caller asks for several. With one
namespace, tables carry no `schema` (as a lowered single-schema Prisma file); with several, each
table, enum and foreign key names its namespace and `Schema.namespaces` lists them.
"""

from __future__ import annotations

from collections import defaultdict
from functools import cache
from importlib.resources import files
from typing import Any, Sequence

from midair.dialects.postgres.normalize import normalize, normalize_default, normalize_type
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

# pg_constraint.confdeltype / confupdtype codes.
_ACTIONS: dict[str, ReferentialAction] = {
    "a": "NO ACTION",
    "r": "RESTRICT",
    "c": "CASCADE",
    "n": "SET NULL",
    "d": "SET DEFAULT",
}


@cache
def query_text(name: str) -> str:
    """The text of `queries/<name>.sql`."""
    return files("midair.dialects.postgres").joinpath("queries", f"{name}.sql").read_text()


def is_internal_table(name: str) -> bool:
    """Tables that are bookkeeping, not the application's schema."""
    return name == "_prisma_migrations" or name.startswith("_midair")


def introspect(connection: Any, namespaces: Sequence[str] | None = None) -> Schema:
    """The normalised `Schema` of the database behind `connection`."""
    spaces = list(namespaces) if namespaces else [connection.url.pg_schema]
    multi = len(spaces) > 1

    def ns(name: str) -> str | None:
        return name if multi else None

    table_rows = connection.query(query_text("tables"), (spaces,))
    column_rows = connection.query(query_text("columns"), (spaces,))
    constraint_rows = connection.query(query_text("constraints"), (spaces,))
    index_rows = connection.query(query_text("indexes"), (spaces,))
    enum_rows = connection.query(query_text("enums"), (spaces,))

    enum_values: dict[tuple[str, str], list[str]] = defaultdict(list)
    for namespace, name, value in enum_rows:
        enum_values[(namespace, name)].append(value)

    columns: dict[tuple[str, str], list[Column]] = defaultdict(list)
    for row in column_rows:
        columns[(row[0], row[1])].append(_column(row))

    pks: dict[tuple[str, str], PrimaryKey] = {}
    fks: dict[tuple[str, str], list[ForeignKey]] = defaultdict(list)
    grouped: dict[tuple[str, str, str], list[tuple[Any, ...]]] = {}
    for row in constraint_rows:
        grouped.setdefault((row[0], row[1], row[2]), []).append(row)
    for (namespace, table, name), rows in grouped.items():
        (_n, _t, _c, kind, _col, ref_ns, ref_table, _ref_col, on_delete, on_update) = rows[0]
        key = (namespace, table)
        if kind == "p":
            pks[key] = PrimaryKey(name, tuple(IndexColumn(r[4]) for r in rows))
        else:
            fks[key].append(
                ForeignKey(
                    name=name,
                    columns=tuple(r[4] for r in rows),
                    referenced_table=ref_table,
                    referenced_columns=tuple(r[7] for r in rows),
                    on_delete=_ACTIONS[on_delete],
                    on_update=_ACTIONS[on_update],
                    referenced_schema=ns(ref_ns),
                )
            )

    indexes = _indexes(index_rows)

    tables = []
    for namespace, name in table_rows:
        if is_internal_table(name):
            continue
        key = (namespace, name)
        tables.append(
            Table(
                name=name,
                columns=tuple(columns.get(key, ())),
                primary_key=pks.get(key),
                # The queries return catalog (oid) order; a Schema keeps the catalog's name order.
                indexes=tuple(sorted(indexes.get(key, ()), key=lambda i: i.name)),
                foreign_keys=tuple(sorted(fks.get(key, ()), key=lambda f: f.name or "")),
                schema=ns(namespace),
            )
        )
    enums = tuple(Enum(name, tuple(values), ns(namespace)) for (namespace, name), values in enum_values.items())
    extensions = tuple(
        Extension(name, namespace, version, relocatable)
        for name, namespace, version, relocatable in connection.query(query_text("extensions"))
    )
    schema = Schema(
        tables=tuple(tables), enums=enums, namespaces=tuple(spaces) if multi else (), extensions=extensions
    )
    return normalize(schema)


def _column(row: tuple[Any, ...]) -> Column:
    (
        _namespace,
        _table,
        name,
        formatted,
        type_name,
        type_kind,
        element_type_name,
        element_type_kind,
        not_null,
        default_expr,
        identity,
        _generated,
        owns_sequence,
    ) = row
    array = element_type_name is not None
    if array:
        kind, base_name = element_type_kind, element_type_name
        formatted = formatted[:-2] if formatted.endswith("[]") else formatted
    else:
        kind, base_name = type_kind, type_name
    if kind == "e":
        ctype = ColumnType(base_name, enum=base_name, array=array)
    else:
        # normalize() maps the catalog's spelling to Prisma's, or marks the type unsupported.
        ctype = ColumnType(formatted, array=array)
    autoincrement = bool(identity) or (
        default_expr is not None and default_expr.startswith("nextval(") and bool(owns_sequence)
    )
    # Built in normal form already (both helpers are cached), so `normalize` keeps it as it is.
    ctype = normalize_type(ctype)
    return Column(
        name=name,
        type=ctype,
        nullable=True if ctype.array else not not_null,
        default=None if autoincrement else normalize_default(default_expr, ctype),
        autoincrement=autoincrement,
    )


def _indexes(rows: list[tuple[Any, ...]]) -> dict[tuple[str, str], list[Index]]:
    grouped: dict[tuple[str, str, str], list[tuple[Any, ...]]] = {}
    for row in rows:
        grouped.setdefault((row[0], row[1], row[2]), []).append(row)
    out: dict[tuple[str, str], list[Index]] = defaultdict(list)
    for (namespace, table, name), index_rows in grouped.items():
        first = index_rows[0]
        if any(r[7] is None for r in index_rows):
            # An index on an expression cannot be written in schema.prisma. Prisma's introspection
            # leaves such indexes out, so no migration ever proposes to drop them; so does midair.
            continue
        cols = []
        for r in index_rows:
            (_n, _t, _i, _u, _m, _p, _pos, column_name, descending, opclass, opclass_default) = r
            cols.append(
                IndexColumn(
                    name=column_name,
                    sort="DESC" if descending else None,
                    opclass=None if opclass_default or opclass is None else opclass,
                )
            )
        out[(namespace, table)].append(
            Index(
                name=name,
                columns=tuple(cols),
                unique=bool(first[3]),
                method=None if first[4] == "btree" else first[4].upper(),
                where=first[5],
            )
        )
    return out


__all__ = ["introspect", "is_internal_table", "query_text"]
