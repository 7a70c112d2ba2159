"""Read PostgreSQL migration SQL with pglast (PostgreSQL's own parser) into the data checks'
effects (`midair.checks.sqlcheck`).

The script is parsed whole; when that fails it is cut into statements with PostgreSQL's own
scanner (which knows quotes, dollar quotes and comments) and each is parsed alone, so one bad
statement becomes an `Unreadable` effect naming its line while the others are still read. A script
the scanner itself cannot read (an unterminated quote) is one `Unreadable` effect.

Only statements that can lose data or fail on existing rows give effects; the rest (CREATE INDEX,
comments, grants, functions, …) give none.
"""

from __future__ import annotations

from typing import Any, Iterator

from pglast import ast, enums
from pglast.parser import ParseError, parse_sql, scan
from pglast.stream import RawStream

from midair.checks.sqlcheck import (
    AddedCheck,
    AddedColumn,
    AddedForeignKey,
    AddedUnique,
    ChangedType,
    CreatedEnum,
    CreatedTable,
    Deleted,
    DroppedColumn,
    DroppedConstraint,
    DroppedTable,
    Effect,
    RenamedColumn,
    RenamedTable,
    SetNotNull,
    Truncated,
    Unreadable,
    ValidatedConstraint,
    Wrote,
)
from midair.dialects.postgres.normalize import canonical_type
from midair.schema.model import Column, ColumnType

_AT = enums.AlterTableType
_C = enums.ConstrType
_SERIAL = {"serial": "INTEGER", "serial4": "INTEGER", "bigserial": "BIGINT", "serial8": "BIGINT",
           "smallserial": "SMALLINT", "serial2": "SMALLINT"}


def _line(sql: str, offset: int) -> int:
    return sql.count("\n", 0, offset) + 1


def _first_token_line(sql: str, start: int, tokens: list[Any]) -> int:
    """The line of the first real token at or after `start` (statements include the comments
    and blank lines before them)."""
    for t in tokens:
        if t.start >= start and t.name not in ("SQL_COMMENT", "C_COMMENT"):
            return _line(sql, t.start)
    return _line(sql, start)


def _statements(sql: str) -> Iterator[tuple[Any | None, int, str | None]]:
    """(statement node or None, line, error) for each statement of `sql`."""
    try:
        tokens = list(scan(sql))
    except ParseError as e:
        yield None, _line(sql, _error_offset(e)), str(e.args[0])
        return
    try:
        raws = parse_sql(sql)
    except ParseError:
        raws = None
    if raws is not None:
        for raw in raws:
            yield raw.stmt, _first_token_line(sql, raw.stmt_location, tokens), None
        return
    # Cut at top-level semicolons (the scanner already kept quoted ones inside their tokens).
    start = 0
    pieces: list[tuple[int, int]] = []
    for t in tokens:
        if t.name == "ASCII_59":
            pieces.append((start, t.start))
            start = t.end + 1
    if sql[start:].strip():
        pieces.append((start, len(sql)))
    for begin, end in pieces:
        text = sql[begin:end]
        if not any(t.start >= begin and t.end < end and t.name not in ("SQL_COMMENT", "C_COMMENT") for t in tokens):
            continue
        line = _first_token_line(sql, begin, tokens)
        try:
            for raw in parse_sql(text):
                yield raw.stmt, line, None
        except ParseError as e:
            yield None, line, str(e.args[0])


def _error_offset(e: ParseError) -> int:
    return int(e.args[1]) - 1 if len(e.args) > 1 and isinstance(e.args[1], int) else 0


def _names(node: Any) -> list[str]:
    return [n.sval for n in (node or ()) if isinstance(n, ast.String)]


def column_type(tn: ast.TypeName) -> tuple[ColumnType, bool]:
    """A TypeName as the introspected schema spells it, and whether it is a serial type."""
    names = _names(tn.names)
    base = names[-1]
    array = bool(tn.arrayBounds)
    if base.lower() in _SERIAL and len(names) == 1:
        return ColumnType(_SERIAL[base.lower()], array=array), True
    args = []
    for m in tn.typmods or ():
        if isinstance(m, ast.A_Const) and isinstance(m.val, ast.Integer):
            args.append(str(m.val.ival))
    text = base + (f"({','.join(args)})" if args else "")
    known = canonical_type(text) if (len(names) == 1 or names[0] == "pg_catalog") else None
    if known is None and names[0] == "pg_catalog":
        known = text.upper()
    if known is not None:
        return ColumnType(known, array=array), False
    return ColumnType(base, enum=base, array=array), False


def _column(cd: ast.ColumnDef) -> Column:
    type_, serial = column_type(cd.typeName)
    nullable = not cd.is_not_null
    default: str | None = None
    for c in cd.constraints or ():
        if c.contype in (_C.CONSTR_NOTNULL, _C.CONSTR_PRIMARY):
            nullable = False
        elif c.contype == _C.CONSTR_NULL:
            nullable = True
        elif c.contype == _C.CONSTR_DEFAULT:
            default = RawStream()(c.raw_expr) if c.raw_expr is not None else "DEFAULT"
        elif c.contype in (_C.CONSTR_IDENTITY, _C.CONSTR_GENERATED):
            default = "GENERATED"
    return Column(cd.colname, type_, nullable=nullable, default=default, autoincrement=serial)


def _unique_columns(params: Any) -> tuple[str, ...]:
    cols = []
    for p in params or ():
        name = p.name if isinstance(p, ast.IndexElem) else getattr(p, "sval", None)
        if not name:
            return ()  # an expression
        cols.append(name)
    return tuple(cols)


def _is_plain_cast(expr: Any, column: str) -> bool:
    while isinstance(expr, ast.TypeCast):
        expr = expr.arg
    return isinstance(expr, ast.ColumnRef) and _names(expr.fields)[-1:] == [column]


def _alter_table(stmt: ast.AlterTableStmt, line: int) -> Iterator[Effect]:
    rel = stmt.relation
    table, schema = rel.relname, rel.schemaname
    for cmd in stmt.cmds or ():
        st = cmd.subtype
        if st == _AT.AT_AddColumn:
            yield AddedColumn(table, _column(cmd.def_), line, schema)
        elif st == _AT.AT_DropColumn:
            yield DroppedColumn(table, cmd.name, line, schema)
        elif st == _AT.AT_SetNotNull:
            yield SetNotNull(table, cmd.name, line, schema)
        elif st == _AT.AT_AlterColumnType:
            type_, _ = column_type(cmd.def_.typeName)
            using = cmd.def_.raw_default
            plain = using is None or _is_plain_cast(using, cmd.name)
            yield ChangedType(
                table, cmd.name, type_, plain, line, schema, None if plain else RawStream()(using)
            )
        elif st == _AT.AT_ValidateConstraint:
            yield ValidatedConstraint(table, cmd.name, line, schema)
        elif st == _AT.AT_DropConstraint:
            yield DroppedConstraint(table, cmd.name, line, schema)
        elif st == _AT.AT_AddConstraint:
            c = cmd.def_
            if c.contype == _C.CONSTR_FOREIGN:
                yield AddedForeignKey(
                    table, c.conname, tuple(_names(c.fk_attrs)), c.pktable.relname, tuple(_names(c.pk_attrs)),
                    validated=not c.skip_validation, line=line, schema=schema,
                    referenced_schema=c.pktable.schemaname,
                )
            elif c.contype == _C.CONSTR_CHECK:
                yield AddedCheck(table, c.conname, RawStream()(c.raw_expr), not c.skip_validation, line, schema)
            elif c.contype in (_C.CONSTR_UNIQUE, _C.CONSTR_PRIMARY):
                cols = tuple(_names(c.keys))
                if c.indexname:
                    # ADD CONSTRAINT … UNIQUE USING INDEX: the index was checked when created.
                    continue
                yield AddedUnique(table, c.conname, cols, False, line, schema)


def _effects(stmt: Any, line: int) -> Iterator[Effect]:
    if isinstance(stmt, ast.AlterTableStmt):
        if stmt.objtype == enums.ObjectType.OBJECT_TABLE:
            yield from _alter_table(stmt, line)
    elif isinstance(stmt, ast.CreateStmt):
        cols = tuple(_column(e) for e in stmt.tableElts or () if isinstance(e, ast.ColumnDef))
        yield CreatedTable(stmt.relation.relname, cols, line, stmt.relation.schemaname)
    elif isinstance(stmt, ast.CreateTableAsStmt):
        yield CreatedTable(stmt.into.rel.relname, (), line, stmt.into.rel.schemaname)
    elif isinstance(stmt, ast.DropStmt) and stmt.removeType == enums.ObjectType.OBJECT_TABLE:
        for obj in stmt.objects or ():
            names = _names(obj)
            yield DroppedTable(names[-1], line, names[-2] if len(names) > 1 else None)
    elif isinstance(stmt, ast.RenameStmt) and stmt.renameType == enums.ObjectType.OBJECT_TABLE:
        yield RenamedTable(stmt.relation.relname, stmt.newname, line, stmt.relation.schemaname)
    elif isinstance(stmt, ast.RenameStmt) and stmt.renameType == enums.ObjectType.OBJECT_COLUMN:
        yield RenamedColumn(stmt.relation.relname, stmt.subname, stmt.newname, line, stmt.relation.schemaname)
    elif isinstance(stmt, ast.IndexStmt) and stmt.unique:
        yield AddedUnique(
            stmt.relation.relname, stmt.idxname, _unique_columns(stmt.indexParams),
            stmt.whereClause is not None, line, stmt.relation.schemaname,
        )
    elif isinstance(stmt, ast.DeleteStmt):
        rel = stmt.relation
        where = RawStream()(stmt.whereClause) if stmt.whereClause is not None else None
        if stmt.usingClause:
            # DELETE … USING u WHERE c deletes the rows for which some row of u satisfies c.
            using = ", ".join(RawStream()(u) for u in stmt.usingClause)
            where = f"EXISTS (SELECT 1 FROM {using} WHERE {where or 'true'})"
        alias = rel.alias.aliasname if rel.alias else None
        yield Deleted(rel.relname, where, alias, line, rel.schemaname)
    elif isinstance(stmt, ast.TruncateStmt):
        for rel in stmt.relations or ():
            yield Truncated(rel.relname, line, rel.schemaname)
    elif isinstance(stmt, (ast.UpdateStmt, ast.InsertStmt)):
        yield Wrote(stmt.relation.relname, line, stmt.relation.schemaname)
    elif isinstance(stmt, ast.CreateEnumStmt):
        yield CreatedEnum(_names(stmt.typeName)[-1], tuple(_names(stmt.vals)), line)


def read(sql: str) -> list[Effect]:
    """The effects of the statements of `sql`, in order."""
    out: list[Effect] = []
    for stmt, line, error in _statements(sql):
        if stmt is None:
            out.append(Unreadable(error or "syntax error", line))
            continue
        out.extend(_effects(stmt, line))
    return out


__all__ = ["column_type", "read"]
