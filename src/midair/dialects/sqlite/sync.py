"""SQLite SQL for expand/contract: dual-write triggers, backfill batches, progress table.

SQLite triggers cannot change `NEW`, so dual writes are ``AFTER`` triggers that update the row
they fired for, chosen by ``WHEN`` clauses with the same rules as PostgreSQL (see
`dialects/postgres/sync.py`). With ``recursive_triggers`` off (the default) a trigger does not fire
itself again; the other direction's trigger may fire once and recompute the old columns from the
new ones, which leaves them unchanged as long as the two expressions are inverse (the contract
verification checks the result). There is no lock machinery: one writer at a time, readers
unaffected in WAL mode; batches are short write transactions with pauses between them long enough
for waiting writers to get in (`PAUSE_FOR_WAITING_WRITERS_MS`).
"""

from __future__ import annotations

from typing import Any

from midair.migrations.settings import SyncSettings


def q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def sync_name(sync: SyncSettings) -> str:
    return f"_midair_sync_{sync.table}_{sync.new[0]}"


def _key_match(sync: SyncSettings) -> str:
    return " AND ".join(f"{q(k)} = NEW.{q(k)}" for k in sync.key)


def _changed(cols: tuple[str, ...]) -> str:
    return "(" + " OR ".join(f"NEW.{q(c)} IS NOT OLD.{q(c)}" for c in cols) + ")"


def _update(sync: SyncSettings, targets: tuple[tuple[str, str], ...]) -> str:
    sets = ", ".join(f"{q(col)} = ({expr})" for col, expr in targets)
    return f"UPDATE {q(sync.table)} SET {sets} WHERE {_key_match(sync)};"


def create_sync_triggers(sync: SyncSettings) -> list[str]:
    name = sync_name(sync)
    t = q(sync.table)
    new_null = " AND ".join(f"NEW.{q(c)} IS NULL" for c in sync.new)
    out = [*drop_sync_triggers(sync)]
    if sync.new_from_old:
        up = _update(sync, sync.new_from_old)
        out.append(f"CREATE TRIGGER {q(name + '_ins_up')} AFTER INSERT ON {t} FOR EACH ROW WHEN {new_null} BEGIN {up} END")
        if sync.old:  # with no old columns (a new required column) only inserts need filling in
            out.append(
                f"CREATE TRIGGER {q(name + '_upd_up')} AFTER UPDATE ON {t} FOR EACH ROW "
                f"WHEN {_changed(sync.old)} AND NOT {_changed(sync.new)} BEGIN {up} END"
            )
    if sync.old_from_new and sync.old:
        down = _update(sync, sync.old_from_new)
        out += [
            f"CREATE TRIGGER {q(name + '_ins_down')} AFTER INSERT ON {t} FOR EACH ROW WHEN NOT ({new_null}) BEGIN {down} END",
            f"CREATE TRIGGER {q(name + '_upd_down')} AFTER UPDATE ON {t} FOR EACH ROW "
            f"WHEN {_changed(sync.new)} AND NOT {_changed(sync.old)} BEGIN {down} END",
        ]
    return out


def drop_sync_triggers(sync: SyncSettings) -> list[str]:
    name = sync_name(sync)
    return [f"DROP TRIGGER IF EXISTS {q(name + s)}" for s in ("_ins_up", "_upd_up", "_ins_down", "_upd_down")]


def sync_triggers_exist(connection: object, sync: SyncSettings) -> bool:
    rows = connection.query(  # type: ignore[attr-defined]
        "SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name LIKE ?", (sync_name(sync) + "%",)
    )
    return bool(rows)


PROGRESS_TABLE = "_midair_backfill"
PARAM = "?"

CREATE_PROGRESS = f"""CREATE TABLE IF NOT EXISTS {PROGRESS_TABLE} (
    name TEXT PRIMARY KEY,
    table_name TEXT NOT NULL,
    key_column TEXT NOT NULL,
    last_key TEXT,
    rows_updated INTEGER NOT NULL DEFAULT 0,
    batches INTEGER NOT NULL DEFAULT 0,
    started_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
    finished_at TEXT
)"""


def begin_batch(lock_timeout_ms: int | None) -> list[str]:
    return []


# The backfill's shortest pause between two batches. SQLite has no queue of lock waiters: an app
# write that finds a batch holding the write lock sleeps in its busy handler and tries again,
# sleeping longer each time, up to 100 ms between tries (sqliteDefaultBusyCallback, the handler
# behind every busy_timeout). Batches run back to back would release the lock for microseconds
# only, which the app's tries almost never hit: it waited for the whole backfill and, past its
# busy timeout, failed with "database is locked". A pause longer than the handler's longest
# sleep lets every waiting writer in after at most one batch.
PAUSE_FOR_WAITING_WRITERS_MS = 110


def key_type_cast(connection: object, table: str, key: str) -> str | None:
    rows = connection.query(f"SELECT type FROM pragma_table_info({_lit(table)}) WHERE name = ?", (key,))  # type: ignore[attr-defined]
    return rows[0][0] if rows else None


def _lit(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def now_sql() -> str:
    return "CURRENT_TIMESTAMP"


def lock_rows_clause() -> str:
    return ""  # the write transaction (BEGIN IMMEDIATE) already excludes other writers


def is_lock_timeout(exc: BaseException) -> bool:
    return "database is locked" in str(exc) or "database table is locked" in str(exc)


def is_missing_table(exc: BaseException) -> bool:
    return "no such table" in str(exc)


__all__ = ["CREATE_PROGRESS", "PROGRESS_TABLE", "create_sync_triggers", "drop_sync_triggers", "sync_name"]


def bound_user_update(sql: str, key: str, *, lower: bool = True) -> tuple[str, str]:
    """A user's ``UPDATE … WHERE …`` restricted to one key range (`?` parameters: the lower bound,
    exclusive, when `lower`; the upper bound, inclusive) and the table it updates. Raises
    `ValueError`."""
    import re
    import sqlite3

    text = sql.strip().rstrip(";").strip()
    if not sqlite3.complete_statement(text + ";") or ";" in text:
        raise ValueError("expected exactly one UPDATE statement")
    m = re.match(r'(?is)^UPDATE\s+(?:OR\s+\w+\s+)?("(?:[^"]|"")+"|`[^`]+`|\[[^\]]+\]|[\w.]+)', text)
    if not m:
        raise ValueError("expected an UPDATE statement")
    if re.search(r"(?i)\bRETURNING\b", text):
        raise ValueError("RETURNING is not supported in a batched UPDATE")
    raw = m.group(1)
    table = raw[1:-1].replace('""', '"') if raw[0] in '"`[' else raw
    bound = f"{q(key)} > ? AND {q(key)} <= ?" if lower else f"{q(key)} <= ?"
    # The WHERE clause is the last top-level one (SQLite's UPDATE has no clause after it that we
    # accept); wrap it in parentheses so an OR inside it cannot escape the key range.
    parts = re.split(r"(?i)\bWHERE\b", text)
    if len(parts) == 1:
        return f"{text} WHERE {bound}", table
    head, tail = "WHERE".join(parts[:-1]), parts[-1]
    return f"{head} WHERE ({tail.strip()}) AND {bound}", table


def swap_column_sql(change: Any, expanded: Any, target: Any) -> tuple[str, str]:
    """(backfill phase SQL, contract SQL) for a type change through a shadow column (`change`: an
    `operations.ChangeType`; `expanded` and `target` are the table before the contract and after).

    SQLite cannot change a column's type in place, so the contract is Prisma's table rebuild with
    one difference: the column is copied from the shadow column. The rebuild recreates the
    table's indexes and foreign keys under their names; it runs in the contract's one write
    transaction (readers continue in WAL mode), together with the triggers' removal. Nothing runs
    after the backfill: the contract's completeness check is the proof."""
    from midair.diff.changes import RedefineTable
    from midair.dialects.sqlite.rebuild import rebuild_statements
    from midair.dialects.sqlite.render import SqliteRenderer
    from midair.schema.pair import Pair

    pairs = []
    for column in target.columns:
        source = expanded.column(change.shadow if column.name == change.previous.name else column.name)
        if source is not None:
            pairs.append(Pair(source, column))
    copied = {p.previous.name for p in pairs}
    dropped = tuple(c for c in expanded.columns if c.name not in copied)
    redefine = RedefineTable(Pair(expanded, target), tuple(pairs), dropped=dropped)
    renderer = SqliteRenderer()
    statements = rebuild_statements([redefine], renderer.create_table, renderer.create_index)
    return "", "-- midair: swap the converted column in (table rebuild)\n" + "".join(f"{st};\n" for st in statements)
