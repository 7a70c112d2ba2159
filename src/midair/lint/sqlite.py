"""The SQLite rules: no lock levels to lower (one writer at a time), so only the changes that break
the running app version and unbatched data changes, read against the same `History` as PostgreSQL's
(tables without rows yet, the phases of the earlier migrations)."""

from __future__ import annotations

import re

from midair.lint.findings import Finding, finding
from midair.lint.history import History
from midair.migrations.settings import MigrationSettings

_RENAME_TO = re.compile(r'(?is)^ALTER\s+TABLE\s+("(?:[^"]|"")+"|[\w.]+)\s+RENAME\s+TO\s+("(?:[^"]|"")+"|[\w.]+)')
_RENAME_COLUMN = re.compile(r'(?is)\bRENAME\s+(?:COLUMN\s+)?("(?:[^"]|"")+"|\w+)\s+TO\s+("(?:[^"]|"")+"|\w+)')
_DROP_COLUMN = re.compile(r'(?is)\bDROP\s+(?:COLUMN\s+)?("(?:[^"]|"")+"|\w+)')


def _unquote(name: str) -> str:
    return name[1:-1].replace('""', '"') if name.startswith('"') else name


def lint_sqlite_sql(
    sql: str,
    file: str = "migration.sql",
    settings: MigrationSettings | None = None,
    history: History | None = None,
    migration: str | None = None,
) -> list[Finding]:
    """The findings for a SQLite migration. Prisma's table rebuild (``new_X`` copied, ``X``
    dropped, ``new_X`` renamed to ``X``) is not a drop."""
    from midair.dialects.sqlite.locks import analyze_sql as analyze_sqlite

    settings = settings or MigrationSettings()
    history = history if history is not None else History()
    history.begin(migration or file, settings)
    try:
        statements = analyze_sqlite(sql)
        # A rebuild's lost columns, read before the statements below change `created_here`.
        lost = _lost_in_rebuilds(sql, history.columns)
        renamed_into = {}
        for st in statements:
            m = _RENAME_TO.match(st.sql)
            if m:
                renamed_into[_unquote(m.group(2))] = _unquote(m.group(1))
        out: list[Finding] = []
        for st in statements:
            here = (file, st.line, st.column, st.sql)
            for e in st.effects:
                table = e.table
                existing = table is not None and not history.has_no_rows(table)
                if e.kind == "create_table":
                    history.create_table(table or "")
                elif e.kind == "drop_table" and table:
                    rebuilt = renamed_into.get(table) in history.created_here
                    if existing and not rebuilt:
                        reason = (
                            'the migration is declared a contract (phase = "contract"): dropping what the app no longer uses is its point'
                            if settings.phase == "contract" else None
                        )
                        out.append(finding("ZD504", *here, reason=reason, table=table))
                    if not rebuilt:
                        history.drop_table(table)
                elif e.kind == "rename" and existing and table:
                    m = _RENAME_TO.match(st.sql)
                    if m:
                        out.append(finding("ZD502", *here, table=table, detail=_unquote(m.group(2))))
                    else:
                        c = _RENAME_COLUMN.search(st.sql)
                        old, new = (_unquote(c.group(1)), _unquote(c.group(2))) if c else ("?", "?")
                        out.append(finding("ZD501", *here, reason=history.planned_rename(table, old, new),
                                           table=table, column=old, detail=new))
                elif e.kind == "drop_column" and existing and table:
                    c = _DROP_COLUMN.search(st.sql)
                    column = _unquote(c.group(1)) if c else "?"
                    out.append(finding("ZD503", *here, reason=history.planned_drop(table, column), table=table, column=column))
                    history.drop_column(table, column)
                elif e.kind == "update" and existing:
                    out.append(finding("ZD601", *here, table=table))
        for line, table, column in lost:
            if not history.has_no_rows(table):
                text = next((st.sql for st in statements if st.line == line), sql.splitlines()[line - 1])
                out.append(finding("ZD503", file, line, 1, text, reason=history.planned_drop(table, column), table=table, column=column))
        return sorted(out, key=lambda f: f.line)
    finally:
        history.end()


def _lost_in_rebuilds(sql: str, columns: dict[str, list[str]]) -> list[tuple[int, str, str]]:
    """(line, table, column) for each column a table rebuild leaves behind: the copy into
    ``new_X`` does not read it. Only for tables whose columns the history knows (it created them);
    `columns` is brought up to date with the script."""
    from midair.checks.sqlcheck import (
        AddedColumn,
        CopiedRows,
        CreatedTable,
        DroppedColumn,
        DroppedTable,
        RenamedColumn,
        RenamedTable,
    )
    from midair.dialects.sqlite.sqlread import read

    lost: list[tuple[int, str, str]] = []
    for e in read(sql):
        if isinstance(e, CreatedTable):
            columns[e.table] = [c.name for c in e.columns]
        elif isinstance(e, AddedColumn) and e.table in columns:
            columns[e.table].append(e.column.name)
        elif isinstance(e, DroppedColumn) and e.column in columns.get(e.table, ()):
            columns[e.table].remove(e.column)
        elif isinstance(e, RenamedColumn) and e.table in columns:
            columns[e.table] = [e.to if c == e.column else c for c in columns[e.table]]
        elif isinstance(e, RenamedTable) and e.table in columns:
            columns[e.to] = columns.pop(e.table)
        elif isinstance(e, DroppedTable):
            columns.pop(e.table, None)
        elif isinstance(e, CopiedRows) and e.source in columns:
            lost += [(e.line, e.source, c) for c in columns[e.source] if c not in e.from_columns]
    return lost


__all__ = ["lint_sqlite_sql"]
