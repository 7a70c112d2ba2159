"""The object form of a partial index's ``where:`` (Prisma's ``partialIndexes`` preview feature).

``@@index([email], where: { deletedAt: null, active: true, role: { not: "guest" } })`` is Prisma's
spelling of ``"deletedAt" IS NULL AND "active" = true AND "role" != 'guest'``: one condition per
key, in the order written, joined by ``AND``; columns are the fields' database names (``@map``),
quoted. Values: ``null`` (``IS NULL``), ``true``/``false``, a string, a number, or ``{ not: v }``
(``IS NOT NULL`` / ``!=``). Anything else is an error worded as Prisma words it.

`where_sql` gives the predicate text (without the parentheses PostgreSQL's renderer adds);
`where_problems` the validation errors. Both take `fields`: a field's name → (column name,
whether it is a relation field), or None when the model has no such field.
"""

from __future__ import annotations

from collections.abc import Callable

from midair.psl import ast

FieldLookup = Callable[[str], "tuple[str, bool] | None"]

_EXPECTED = "Expected true, false, null, a string, a number, or an object like { not: null }."


def where_sql(where: ast.ObjectValue, fields: FieldLookup) -> str:
    """The SQL predicate of a valid ``where: {…}`` object."""
    conditions = []
    for entry in where.fields:
        found = fields(entry.name or "")
        column = _quote(found[0] if found else entry.name or "")
        value = entry.value
        if isinstance(value, ast.ObjectValue):
            negated = value.fields[0].value
            conditions.append(f"{column} IS NOT NULL" if _is_null(negated) else f"{column} != {_literal(negated)}")
        elif _is_null(value):
            conditions.append(f"{column} IS NULL")
        else:
            conditions.append(f"{column} = {_literal(value)}")
    return " AND ".join(conditions)


def where_problems(where: ast.Expression, fields: FieldLookup, attribute: str, model: str) -> list[tuple[ast.Span, str]]:
    """Prisma's errors for a ``where:`` value of `model` (`attribute` is ``index`` or ``unique``)."""
    prefix = f'Error parsing attribute "@{attribute}": '
    if isinstance(where, ast.FunctionCall) and where.name == "raw":
        return []
    if not isinstance(where, ast.ObjectValue):
        return [
            (
                where.span,
                prefix + "The `where` argument must be either a raw() function call or an object literal, "
                "e.g. `where: raw(\"status = 'active'\")` or `where: { active: true }`.",
            )
        ]
    if not where.fields:
        return [(where.span, prefix + "The `where` argument cannot be an empty object.")]
    out = []
    for entry in where.fields:
        name = entry.name or ""
        found = fields(name)
        if found is None:
            out.append((entry.span, f"{prefix}Field '{name}' does not exist in model '{model}'."))
            continue
        if found[1]:
            out.append((entry.span, f"{prefix}Field '{name}' is a relation field. Only scalar fields can be used in the where clause."))
            continue
        value = entry.value
        if isinstance(value, ast.ObjectValue):
            for inner in value.fields:
                if inner.name != "not":
                    out.append((inner.span, f"{prefix}Unknown key '{inner.name}' in nested where clause object. Only 'not' is supported."))
                elif not (_is_null(inner.value) or _is_literal(inner.value)):
                    out.append((inner.value.span, f"{prefix}Invalid value in where clause. {_EXPECTED}"))
            if not value.fields:
                out.append((value.span, f"{prefix}Invalid value in where clause. {_EXPECTED}"))
        elif not (_is_null(value) or _is_literal(value)):
            shown = f" '{value.name}'" if isinstance(value, ast.ConstantValue) else ""
            out.append((value.span, f"{prefix}Invalid value{shown} in where clause. {_EXPECTED}"))
    return out


def _is_null(value: ast.Expression) -> bool:
    return isinstance(value, ast.ConstantValue) and value.name == "null"


def _is_literal(value: ast.Expression) -> bool:
    if isinstance(value, ast.ConstantValue):
        return value.name in ("true", "false")
    return isinstance(value, (ast.StringValue, ast.NumberValue))


def _literal(value: ast.Expression) -> str:
    if isinstance(value, ast.StringValue):
        return "'" + value.value.replace("'", "''") + "'"
    if isinstance(value, ast.NumberValue):
        return value.text
    return value.name if isinstance(value, ast.ConstantValue) else ""


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


__all__ = ["FieldLookup", "where_problems", "where_sql"]
