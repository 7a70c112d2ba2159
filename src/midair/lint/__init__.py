"""`midair lint`: find the statements of hand-written migration SQL that would hurt a live app.

Algorithm:

1. Parse the file with pglast (PostgreSQL's own parser); a syntax error is finding ZD001 at its
   file:line:col.
2. Classify each statement into step kinds with their lock facts (`dialects/postgres/locks.py`).
3. Walk the statements in order, remembering what the file itself did before: tables it created
   (empty, so index builds and scans on them are harmless), CHECK constraints it validated (so a
   later SET NOT NULL is cheap), whether it set a lock_timeout, explicit BEGIN/COMMIT blocks.
4. Read the migration folder's `migration.toml`: a contract phase may drop columns and tables (the
   point of contracting), `transactional = false` runs concurrent statements outside a transaction,
   and `lock_timeout` covers the lock-queue rule. With `transactional = false` midair's executor
   applies the safe forms itself, so plain CREATE INDEX / SET NOT NULL / ADD CONSTRAINT pass.
5. Report findings with a stable code (`rules.py`), the safe alternative, and exit 1 on any error.

SQLite migrations (``provider = "sqlite"`` in `migration_lock.toml`) get `lint_sqlite_sql`: the
app-compatibility and data rules only, since SQLite has no lock levels to lower.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from pglast import ast
from pglast.parser import ParseError

from midair.dialects.postgres.locks import LockMode, analyze_sql
from midair.errors import ConfigError
from midair.lint.rules import RULES, Rule
from midair.migrations.settings import MigrationSettings


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem at `file:line:column`, under a stable `code`."""

    code: str
    severity: str
    message: str
    alternative: str
    file: str
    line: int
    column: int
    statement: str

    @property
    def rule(self) -> Rule:
        return RULES[self.code]

    def __str__(self) -> str:
        return (
            f"{self.file}:{self.line}:{self.column}: {self.severity} {self.code} ({self.rule.name}): {self.message}\n"
            f"  safe alternative: {self.alternative}"
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "rule": self.rule.name,
            "severity": self.severity,
            "message": self.message,
            "safeAlternative": self.alternative,
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "statement": self.statement,
        }


def _finding(code: str, file: str, line: int, col: int, stmt: str, **fields: Any) -> Finding:
    rule = RULES[code]
    values = {"table": "?", "column": "?", "name": "", "detail": ""} | {k: v for k, v in fields.items() if v is not None}
    if values["name"] and not str(values["name"]).startswith("`"):
        values["name"] = f"`{values['name']}`"
    return Finding(code, rule.severity, rule.message.format(**values), rule.alternative.format(**values), file, line, col, " ".join(stmt.split()))


def _line_col(text: str, index: int) -> tuple[int, int]:
    before = text[:index]
    return before.count("\n") + 1, index - (before.rfind("\n") + 1) + 1


def lint_sql(sql: str, file: str = "migration.sql", settings: MigrationSettings | None = None) -> list[Finding]:
    """The findings for one migration script (see the module docstring)."""
    settings = settings or MigrationSettings()
    try:
        statements = analyze_sql(sql)
    except ParseError as e:
        msg, index = (e.args + (0,))[:2]
        line, col = _line_col(sql, int(index or 0))
        return [_finding("ZD001", file, line, col, sql.splitlines()[line - 1] if sql else "", detail=msg)]
    contract = settings.phase == "contract"
    # With `transactional = false` midair's executor runs the safe form of index builds, NOT NULL
    # and constraints itself (`dialects/postgres/safe.py`), so those statements are fine as written.
    auto_safe = not settings.transactional
    created: set[str] = set()
    validated_not_null: set[tuple[str, str]] = set()  # (table, column) with a validated CHECK
    pending_checks: dict[str, tuple[str, str]] = {}  # NOT VALID check name -> (table, column)
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
            table = e.table
            existing = table is not None and table not in created
            k = e.kind
            if k == "create_table":
                created.add(table or "")
            elif k == "create_index" and existing and not auto_safe:
                out.append(_finding("ZD101", *here, table=table, name=e.constraint))
            elif k in ("create_index_concurrently", "drop_index_concurrently", "reindex_concurrently") and in_transaction:
                out.append(_finding("ZD103", *here, detail=" ".join(st.sql.split()[:4])))
            elif k == "drop_index":
                out.append(_finding("ZD102", *here, name=e.constraint))
            elif k == "add_column_volatile_default" and existing:
                out.append(_finding("ZD201", *here, table=table, column=e.column))
            elif k == "add_column_not_null" and existing:
                out.append(_finding("ZD202", *here, table=table, column=e.column))
            elif k == "add_column_rewrite" and existing:
                out.append(_finding("ZD203", *here, table=table, column=e.column, detail=e.detail))
            elif k in ("add_unique", "add_column_unique") and existing:
                out.append(_finding("ZD204", *here, table=table))
            elif k == "set_not_null" and existing and not auto_safe and (table, e.column) not in validated_not_null:
                out.append(_finding("ZD301", *here, table=table, column=e.column))
            elif k == "add_check" and existing and not auto_safe:
                out.append(_finding("ZD302", *here, table=table, name=e.constraint))
            elif k == "add_foreign_key" and existing and not auto_safe:
                out.append(_finding("ZD303", *here, table=table, name=e.constraint, detail=e.referenced_table))
            elif k == "add_check_not_valid":
                col = _not_null_check_column(node)
                if col and e.constraint:
                    pending_checks[e.constraint] = (table or "", col)
            elif k == "validate_constraint":
                if e.constraint in pending_checks:
                    validated_not_null.add(pending_checks[e.constraint])
                if in_transaction and block_locks:
                    out.append(_finding("ZD304", *here, name=e.constraint))
            elif k == "alter_column_type" and existing:
                out.append(_finding("ZD401", *here, table=table, column=e.column, detail=e.detail))
            elif k == "rename_column" and existing:
                out.append(_finding("ZD501", *here, table=table, column=e.column, detail=e.detail))
            elif k == "rename_table" and existing:
                out.append(_finding("ZD502", *here, table=table, detail=e.detail))
            elif k == "drop_column" and existing and not contract:
                out.append(_finding("ZD503", *here, table=table, column=e.column))
            elif k == "drop_table" and existing and not contract:
                out.append(_finding("ZD504", *here, table=table))
            elif k == "drop_not_null" and existing:
                out.append(_finding("ZD505", *here, table=table, column=e.column))
            elif k == "update" and existing:
                out.append(_finding("ZD601", *here, table=table))
            if existing and e.facts.lock >= LockMode.SHARE_ROW_EXCLUSIVE and k not in ("create_table",):
                block_locks = True
        lock = st.lock
        tables = [t for t in st.tables if t not in created]
        if lock is not None and lock >= LockMode.SHARE_ROW_EXCLUSIVE and tables and not lock_timeout and not _reported_lock(out):
            out.append(_finding("ZD701", *here, table=tables[0], lock=lock.label, detail=" ".join(st.sql.split()[:4])))
    return out


_RENAME_TO = re.compile(r'(?is)^ALTER\s+TABLE\s+("(?:[^"]|"")+"|[\w.]+)\s+RENAME\s+TO\s+("(?:[^"]|"")+"|[\w.]+)')
_RENAME_COLUMN = re.compile(r'(?is)\bRENAME\s+(?:COLUMN\s+)?("(?:[^"]|"")+"|\w+)\s+TO\s+("(?:[^"]|"")+"|\w+)')
_DROP_COLUMN = re.compile(r'(?is)\bDROP\s+(?:COLUMN\s+)?("(?:[^"]|"")+"|\w+)')


def _unquote(name: str) -> str:
    return name[1:-1].replace('""', '"') if name.startswith('"') else name


def lint_sqlite_sql(sql: str, file: str = "migration.sql", settings: MigrationSettings | None = None) -> list[Finding]:
    """The findings for a SQLite migration: no lock levels to lower (one writer at a time), so
    only the changes that break the running app version and unbatched data changes. Prisma's
    table rebuild (``new_X`` copied, ``X`` dropped, ``new_X`` renamed to ``X``) is not a drop."""
    from midair.dialects.sqlite.locks import analyze_sql as analyze_sqlite

    settings = settings or MigrationSettings()
    contract = settings.phase == "contract"
    statements = analyze_sqlite(sql)
    renamed_into = {}
    for st in statements:
        m = _RENAME_TO.match(st.sql)
        if m:
            renamed_into[_unquote(m.group(2))] = _unquote(m.group(1))
    created: set[str] = set()
    out: list[Finding] = []
    for st in statements:
        here = (file, st.line, st.column, st.sql)
        for e in st.effects:
            table = e.table
            existing = table is not None and table not in created
            if e.kind == "create_table":
                created.add(table or "")
            elif e.kind == "drop_table" and existing and not contract and renamed_into.get(table or "") not in created:
                out.append(_finding("ZD504", *here, table=table))
            elif e.kind == "rename" and existing:
                m = _RENAME_TO.match(st.sql)
                if m:
                    out.append(_finding("ZD502", *here, table=table, detail=_unquote(m.group(2))))
                else:
                    c = _RENAME_COLUMN.search(st.sql)
                    out.append(_finding("ZD501", *here, table=table, column=_unquote(c.group(1)) if c else "?",
                                        detail=_unquote(c.group(2)) if c else "?"))
            elif e.kind == "drop_column" and existing and not contract:
                c = _DROP_COLUMN.search(st.sql)
                out.append(_finding("ZD503", *here, table=table, column=_unquote(c.group(1)) if c else "?"))
            elif e.kind == "update" and existing:
                out.append(_finding("ZD601", *here, table=table))
    return out


def _provider_of(file: Path) -> str:
    """The provider in the nearest `migration_lock.toml` (the migration's folder or its parent)."""
    from midair.migrations.folder import read_lock

    for folder in (file.parent, file.parent.parent):
        provider = read_lock(folder)
        if provider:
            return provider
    return "postgresql"


def _reported_lock(found: list[Finding]) -> bool:
    # One lock_timeout finding per file is enough: the fix (a setting) covers every statement.
    return any(f.code == "ZD701" for f in found)


def _not_null_check_column(node: Any) -> str | None:
    """The column of ``ADD CONSTRAINT … CHECK (col IS NOT NULL) NOT VALID``, if it is that form."""
    try:
        expr = node.cmds[0].def_.raw_expr
    except (AttributeError, IndexError, TypeError):
        return None
    if isinstance(expr, ast.NullTest) and expr.nulltesttype.name == "IS_NOT_NULL" and isinstance(expr.arg, ast.ColumnRef):
        return expr.arg.fields[-1].sval
    return None


def migration_files(paths: Iterable[Path]) -> list[Path]:
    """The SQL files under `paths`: files as given, folders searched for ``*.sql`` (sorted)."""
    files: list[Path] = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            files += sorted(p.rglob("*.sql"))
        elif p.is_file():
            files.append(p)
        else:
            raise ConfigError(f"No such file or folder: {p}")
    return files


def lint_paths(paths: Iterable[Path]) -> list[Finding]:
    """Findings for every SQL file under `paths`, each read with its folder's migration.toml."""
    out: list[Finding] = []
    for f in migration_files(paths):
        try:
            text = f.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as e:
            raise ConfigError(f"Cannot read {f}: {e}") from None
        lint = lint_sqlite_sql if _provider_of(f) == "sqlite" else lint_sql
        out += lint(text, str(f), MigrationSettings.load(f.parent))
    return out


def to_json(findings: list[Finding]) -> str:
    errors = sum(f.severity == "error" for f in findings)
    return json.dumps(
        {"findings": [f.to_json() for f in findings], "errors": errors, "warnings": len(findings) - errors},
        indent=2,
    )


__all__ = ["Finding", "lint_paths", "lint_sql", "lint_sqlite_sql", "migration_files", "to_json"]
