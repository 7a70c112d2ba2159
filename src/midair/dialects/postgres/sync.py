"""PostgreSQL SQL for expand/contract: dual-write triggers, backfill batches, progress table.

Dual writes use one ``BEFORE INSERT OR UPDATE`` row trigger per expand (pgroll's up/down pair in
one function). The trigger decides the direction from what the statement changed, so neither app
needs to announce its version:

- INSERT with the new columns NULL → the old app wrote: new from old; otherwise old from new;
- UPDATE that changed old columns only → new from old; new columns only → old from new;
- both or neither changed → the writer kept them in step itself: left alone.

The user's expressions are written over the row's columns (``"player1Games"``); the trigger
evaluates them against the row being written with ``SELECT … FROM (SELECT NEW.*) AS "<table>"``,
the backfill against the stored row.

A backfill batch sets the transaction-local ``midair.backfill`` so the trigger does not copy the
freshly computed new value back into the old columns.
"""

from __future__ import annotations

from typing import Any

from midair.migrations.settings import SyncSettings


def q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def sync_name(sync: SyncSettings) -> str:
    """The trigger and function name of one expand: ``_midair_sync_<table>_<first new column>``."""
    return f"_midair_sync_{sync.table}_{sync.new[0]}"[:63]


def _tuple(prefix: str, cols: tuple[str, ...]) -> str:
    return "ROW(" + ", ".join(f"{prefix}.{q(c)}" for c in cols) + ")"


def _assign(targets: tuple[tuple[str, str], ...], table: str) -> str:
    if not targets:
        return "NULL;"
    exprs = ", ".join(f"({expr})" for _, expr in targets)
    into = ", ".join(f"NEW.{q(col)}" for col, _ in targets)
    return f"SELECT {exprs} INTO {into} FROM (SELECT NEW.*) AS {q(table)};"


def create_sync_triggers(sync: SyncSettings) -> list[str]:
    name = sync_name(sync)
    new_null = " AND ".join(f"NEW.{q(c)} IS NULL" for c in sync.new)
    new_changed = f"{_tuple('NEW', sync.new)} IS DISTINCT FROM {_tuple('OLD', sync.new)}"
    old_changed = f"{_tuple('NEW', sync.old)} IS DISTINCT FROM {_tuple('OLD', sync.old)}"
    up = _assign(sync.new_from_old, sync.table)
    down = _assign(sync.old_from_new, sync.table)
    function = f"""CREATE OR REPLACE FUNCTION {q(name)}() RETURNS trigger LANGUAGE plpgsql AS $midair$
BEGIN
  IF current_setting('midair.backfill', true) = 'on' THEN
    RETURN NEW;
  END IF;
  IF TG_OP = 'INSERT' THEN
    IF {new_null} THEN
      {up}
    ELSE
      {down}
    END IF;
  ELSIF {old_changed} AND NOT {new_changed} THEN
    {up}
  ELSIF {new_changed} AND NOT {old_changed} THEN
    {down}
  END IF;
  RETURN NEW;
END
$midair$"""
    trigger = (
        f"CREATE TRIGGER {q(name)} BEFORE INSERT OR UPDATE ON {q(sync.table)} "
        f"FOR EACH ROW EXECUTE FUNCTION {q(name)}()"
    )
    return [function, f"DROP TRIGGER IF EXISTS {q(name)} ON {q(sync.table)}", trigger]


def drop_sync_triggers(sync: SyncSettings) -> list[str]:
    name = sync_name(sync)
    return [f"DROP TRIGGER IF EXISTS {q(name)} ON {q(sync.table)}", f"DROP FUNCTION IF EXISTS {q(name)}()"]


def sync_triggers_exist(connection: object, sync: SyncSettings) -> bool:
    rows = connection.query(  # type: ignore[attr-defined]
        "SELECT 1 FROM pg_trigger WHERE tgname = %s AND tgrelid = to_regclass(%s)", (sync_name(sync), q(sync.table))
    )
    return bool(rows)


# --- backfill ------------------------------------------------------------------------------------

PROGRESS_TABLE = "_midair_backfill"
PARAM = "%s"

CREATE_PROGRESS = f"""CREATE TABLE IF NOT EXISTS {PROGRESS_TABLE} (
    name TEXT PRIMARY KEY,
    table_name TEXT NOT NULL,
    key_column TEXT NOT NULL,
    last_key TEXT,
    rows_updated BIGINT NOT NULL DEFAULT 0,
    batches INTEGER NOT NULL DEFAULT 0,
    started_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    finished_at TIMESTAMPTZ
)"""


def begin_batch(lock_timeout_ms: int | None) -> list[str]:
    """Statements at the start of each batch transaction."""
    out = ["SET LOCAL midair.backfill = 'on'"]
    if lock_timeout_ms:
        out.append(f"SET LOCAL lock_timeout = '{int(lock_timeout_ms)}ms'")
    return out


def key_type_cast(connection: object, table: str, key: str) -> str:
    """The key column's type, so the text kept in the progress table compares correctly."""
    rows = connection.query(  # type: ignore[attr-defined]
        "SELECT format_type(a.atttypid, a.atttypmod) FROM pg_attribute a "
        "WHERE a.attrelid = to_regclass(%s) AND a.attname = %s AND NOT a.attisdropped",
        (q(table), key),
    )
    return rows[0][0] if rows else "text"


def now_sql() -> str:
    return "now()"


def lock_rows_clause() -> str:
    # Row locks taken in key order so two backfills, or a backfill and the app, cannot deadlock on
    # the batch; FOR NO KEY UPDATE does not block foreign-key checks on the rows.
    return " FOR NO KEY UPDATE"


def is_lock_timeout(exc: BaseException) -> bool:
    return getattr(exc, "sqlstate", None) in ("55P03", "40P01", "40001")  # lock timeout, deadlock, serialization


def is_missing_table(exc: BaseException) -> bool:
    return getattr(exc, "sqlstate", None) == "42P01"


__all__ = [
    "CREATE_PROGRESS",
    "PROGRESS_TABLE",
    "begin_batch",
    "create_sync_triggers",
    "drop_sync_triggers",
    "is_lock_timeout",
    "sync_name",
]


def bound_user_update(sql: str, key: str, *, lower: bool = True) -> tuple[str, str]:
    """A user's ``UPDATE … WHERE …`` restricted to one key range: (the statement with `%s`
    parameters — lower bound exclusive when `lower`, then upper bound inclusive —, the table
    updated). Raises `ValueError`. Two forms rather than ``(key > $1 OR $1 IS NULL)``, which would
    keep PostgreSQL from using the key's index for the range."""
    from pglast import ast, parse_sql
    from pglast.parser import ParseError
    from pglast.stream import RawStream

    try:
        stmts = parse_sql(sql)
    except ParseError as e:
        raise ValueError(f"not valid SQL: {e}") from None
    if len(stmts) != 1 or not isinstance(stmts[0].stmt, ast.UpdateStmt):
        raise ValueError("expected exactly one UPDATE statement")
    node = stmts[0].stmt
    if getattr(node, "returningClause", None) or getattr(node, "returningList", None):
        raise ValueError("RETURNING is not supported in a batched UPDATE")
    table = node.relation.relname
    alias = node.relation.alias.aliasname if node.relation.alias else table
    ref = f"{q(alias)}.{q(key)}"
    cond = f"{ref} > $1 AND {ref} <= $2" if lower else f"{ref} <= $1"
    bound = parse_sql(f"SELECT 1 WHERE {cond}")[0].stmt.whereClause
    if node.whereClause is not None:
        # The first batch's bound is one comparison, the others' an AND of two.
        parts = bound.args if isinstance(bound, ast.BoolExpr) else (bound,)
        bound = ast.BoolExpr(boolop=0, args=(node.whereClause, *parts))  # AND_EXPR
    node.whereClause = bound
    text = RawStream()(node).replace("%", "%%").replace("$1", "%s").replace("$2", "%s")
    return text, table


def swap_column_sql(change: Any, expanded: Any, target: Any) -> tuple[str, str]:
    """(backfill phase SQL, contract SQL) for a type change through a shadow column (`change`: an
    `operations.ChangeType`; `expanded` and `target` are the table before the contract and after).

    The backfill phase ends by proving the shadow column has no NULL (a validated CHECK, under
    SHARE UPDATE EXCLUSIVE: reads and writes continue); the planner puts the shadow column's
    indexes and keys before that proof. The contract is then catalog-only — drop the foreign keys
    of other tables that point at the old column, drop it (its indexes and keys go with it),
    rename the shadow column, SET NOT NULL without a scan thanks to the validated CHECK, drop the
    CHECK, give the shadow indexes and keys their Prisma names — so its one transaction holds
    ACCESS EXCLUSIVE for milliseconds."""
    table, column, shadow = change.table, change.previous.name, change.shadow
    t, c, s = q(table), q(column), q(shadow)
    check = q(f"{table}_{column}_not_null"[:63])
    backfill = ""
    contract = [f"ALTER TABLE {q(r.table)} DROP CONSTRAINT {q(r.key.name)};" for r in change.referencing]
    contract += [f"ALTER TABLE {t} DROP COLUMN {c};", f"ALTER TABLE {t} RENAME COLUMN {s} TO {c};"]
    # Every table the swap locks, taken at once before anything else: the app's transactions lock
    # these tables too (an insert checks its foreign key on the referenced table), so a contract
    # that took them one statement at a time could hold one and wait for another that an app
    # transaction holds while it waits for the first: a deadlock in which PostgreSQL may cancel
    # the app's write. Taking them in one statement under a lock_timeout shorter than
    # deadlock_timeout makes the contract the side that gives up (and retries).
    locked = [table] + sorted({r.table for r in change.referencing} | {fk.referenced_table for fk in change.foreign_keys} - {table})
    if len(locked) > 1:
        contract.insert(0, f"LOCK TABLE {', '.join(q(n) for n in locked)} IN ACCESS EXCLUSIVE MODE;")
    contract[0] = "-- midair: swap the converted column in\n" + contract[0]
    if not change.next.nullable:
        backfill = (
            f"-- midair: prove the converted column complete (after the backfill)\n"
            f"ALTER TABLE {t} ADD CONSTRAINT {check} CHECK ({s} IS NOT NULL) NOT VALID;\n"
            f"ALTER TABLE {t} VALIDATE CONSTRAINT {check};\n"
        )
        contract += [f"ALTER TABLE {t} ALTER COLUMN {c} SET NOT NULL;", f"ALTER TABLE {t} DROP CONSTRAINT {check};"]
    if change.next.default is not None:
        contract.append(f"ALTER TABLE {t} ALTER COLUMN {c} SET DEFAULT {change.next.default};")
    for index, built in zip(change.indexes, change.shadow_indexes(), strict=True):
        contract.append(f"ALTER INDEX {q(built.name)} RENAME TO {q(index.name)};")
    for fk, built in zip(change.foreign_keys, change.shadow_foreign_keys(), strict=True):
        contract.append(f"ALTER TABLE {t} RENAME CONSTRAINT {q(built.name)} TO {q(fk.name)};")
    for r, built in zip(change.referencing, change.shadow_referencing(), strict=True):
        contract.append(f"ALTER TABLE {q(r.table)} RENAME CONSTRAINT {q(built.key.name)} TO {q(r.key.name)};")
    return backfill, "\n".join(contract) + "\n"
