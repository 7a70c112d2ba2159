"""The PostgreSQL rules: one migration script, read with PostgreSQL's own parser (pglast), its
statements walked in order against the `History` of the migrations before it."""

from __future__ import annotations

from typing import Any

from pglast import ast
from pglast.parser import ParseError

from midair.dialects.postgres.locks import LockMode, analyze_sql
from midair.lint.findings import Finding, finding
from midair.lint.history import History
from midair.migrations.settings import MigrationSettings


def _line_col(text: str, index: int) -> tuple[int, int]:
    before = text[:index]
    return before.count("\n") + 1, index - (before.rfind("\n") + 1) + 1


def lint_sql(
    sql: str,
    file: str = "migration.sql",
    settings: MigrationSettings | None = None,
    history: History | None = None,
    migration: str | None = None,
) -> list[Finding]:
    """The findings for one migration script. `history` holds what the earlier migrations
    established and receives what this one (named `migration`) does; without it, the script alone."""
    settings = settings or MigrationSettings()
    history = history if history is not None else History()
    history.begin(migration or file, settings)
    try:
        return _lint(sql, file, settings, history)
    finally:
        history.end()


def _lint(sql: str, file: str, settings: MigrationSettings, history: History) -> list[Finding]:
    try:
        statements = analyze_sql(sql)
    except ParseError as e:
        msg, index = (e.args + (0,))[:2]
        line, col = _line_col(sql, int(index or 0))
        return [finding("ZD001", file, line, col, sql.splitlines()[line - 1] if sql else "", detail=msg)]
    # With `transactional = false` midair's executor runs the safe form of index builds, NOT NULL
    # and constraints itself (`dialects/postgres/safe.py`), so those statements are fine as written.
    auto_safe = not settings.transactional
    lock_timeout = settings.lock_timeout_ms is not None
    in_block = False
    block_locks = False
    out: list[Finding] = []
    for st in statements:
        node, here = st.node, (file, st.line, st.column, st.sql)
        if isinstance(node, ast.TransactionStmt):
            kind = node.kind.name
            if kind in ("TRANS_STMT_BEGIN", "TRANS_STMT_START"):
                in_block, block_locks = True, False
            elif kind in ("TRANS_STMT_COMMIT", "TRANS_STMT_ROLLBACK"):
                in_block = False
            continue
        if isinstance(node, ast.VariableSetStmt):
            if node.name == "lock_timeout":
                lock_timeout = True
            continue
        in_transaction = in_block or settings.transactional
        for e in st.effects:
            table, k = e.table, e.kind
            existing = table is not None and not history.has_no_rows(table)
            if k == "create_table":
                history.create_table(table or "")
            elif k in ("create_index", "create_index_concurrently"):
                if k == "create_index" and existing and not auto_safe and not _rebuilds_known_index(node, history):
                    out.append(finding("ZD101", *here, table=table, name=e.constraint))
                if k == "create_index_concurrently" and in_transaction:
                    out.append(finding("ZD103", *here, detail=" ".join(st.sql.split()[:4])))
                # The executor builds a plain CREATE INDEX concurrently when not transactional.
                history.build_index(e.constraint, table, concurrently=k == "create_index_concurrently" or auto_safe)
            elif k in ("drop_index_concurrently", "reindex_concurrently") and in_transaction:
                out.append(finding("ZD103", *here, detail=" ".join(st.sql.split()[:4])))
            elif k == "drop_index":
                built = history.indexes.get(e.constraint or "")
                # An index of a table without rows yet (known from the history) drops instantly.
                if built is None or not history.has_no_rows(built.table):
                    out.append(finding("ZD102", *here, name=e.constraint))
            elif k == "add_column_volatile_default" and existing:
                out.append(finding("ZD201", *here, table=table, column=e.column))
            elif k == "add_column_not_null" and existing:
                out.append(finding("ZD202", *here, table=table, column=e.column))
            elif k == "add_column_rewrite" and existing:
                out.append(finding("ZD203", *here, table=table, column=e.column, detail=e.detail))
            elif k in ("add_unique", "add_column_unique") and existing:
                out.append(finding("ZD204", *here, table=table))
            elif k == "set_not_null":
                if existing and not auto_safe and history.not_null_proven(table or "", e.column or "") is None:
                    out.append(finding("ZD301", *here, table=table, column=e.column))
            elif k in ("add_check", "add_check_not_valid"):
                if k == "add_check" and existing and not auto_safe:
                    out.append(finding("ZD302", *here, table=table, name=e.constraint))
                col = _not_null_check_column(node)
                if col and table:
                    history.add_not_null_check(table, col, e.constraint, validated=k == "add_check")
            elif k == "add_foreign_key" and existing and not auto_safe:
                out.append(finding("ZD303", *here, table=table, name=e.constraint, detail=e.referenced_table))
            elif k == "validate_constraint":
                if table and e.constraint:
                    history.validate(table, e.constraint)
                if in_transaction and block_locks:
                    out.append(finding("ZD304", *here, name=e.constraint))
            elif k == "drop_constraint" and table and e.constraint:
                history.drop_constraint(table, e.constraint)
            elif k == "alter_column_type" and existing:
                out.append(finding("ZD401", *here, table=table, column=e.column, detail=e.detail))
            elif k == "rename_column" and table:
                reason = history.planned_rename(table, e.column or "", e.detail or "")
                if existing:
                    out.append(finding("ZD501", *here, reason=reason, table=table, column=e.column, detail=e.detail))
                history.rename_column(table, e.column or "", e.detail or "")
            elif k == "rename_table" and table:
                if existing:
                    out.append(finding("ZD502", *here, table=table, detail=e.detail))
                history.rename_table(table, e.detail or "")
            elif k == "rename_index" and table:
                history.rename_index(table, e.detail or "")
            elif k == "drop_column" and table:
                if existing:
                    out.append(_drop(history, "ZD503", here, table, e.column))
                history.drop_column(table, e.column or "")
            elif k == "drop_table" and table:
                if existing:
                    out.append(_drop(history, "ZD504", here, table, None))
                history.drop_table(table)
            elif k == "drop_not_null" and existing:
                out.append(finding("ZD505", *here, table=table, column=e.column))
            elif k == "update" and existing:
                out.append(finding("ZD601", *here, table=table))
            if k in ("drop_index", "drop_index_concurrently"):
                history.drop_index(e.constraint)
            if existing and e.facts.lock >= LockMode.SHARE_ROW_EXCLUSIVE and k != "create_table":
                block_locks = True
        lock = st.lock
        tables = [t for t in st.tables if not history.has_no_rows(t)]
        if lock is not None and lock >= LockMode.SHARE_ROW_EXCLUSIVE and tables and not lock_timeout and not _reported_lock(out):
            out.append(finding("ZD701", *here, table=tables[0], lock=lock.label, detail=" ".join(st.sql.split()[:4])))
    return out


def _drop(history: History, code: str, here: tuple[str, int, int, str], table: str, column: str | None) -> Finding:
    """A drop: an error, unless the migration is a contract (then an info with the reason)."""
    if column is not None:
        return finding(code, *here, reason=history.planned_drop(table, column), table=table, column=column)
    reason = None
    if history.settings.phase == "contract":
        reason = 'the migration is declared a contract (phase = "contract"): dropping what the app no longer uses is its point'
    return finding(code, *here, reason=reason, table=table)


def _rebuilds_known_index(node: Any, history: History) -> bool:
    """``CREATE INDEX IF NOT EXISTS`` of an index an earlier migration built: nothing to build."""
    return bool(getattr(node, "if_not_exists", False)) and getattr(node, "idxname", None) in history.indexes


def _reported_lock(found: list[Finding]) -> bool:
    # One lock_timeout finding per file is enough: the fix (a setting) covers every statement.
    return any(f.code == "ZD701" for f in found)


def _not_null_check_column(node: Any) -> str | None:
    """The column of ``ADD CONSTRAINT … CHECK (col IS NOT NULL) [NOT VALID]``, if it is that form."""
    try:
        expr = node.cmds[0].def_.raw_expr
    except (AttributeError, IndexError, TypeError):
        return None
    if isinstance(expr, ast.NullTest) and expr.nulltesttype.name == "IS_NOT_NULL" and isinstance(expr.arg, ast.ColumnRef):
        return expr.arg.fields[-1].sval
    return None


__all__ = ["lint_sql"]
