"""Safe forms of PostgreSQL DDL: the same end state without long blocking locks.

`safe_steps(sql)` turns a migration script into `ExecStep`s, one lock-taking statement each, so the
executor can run each under a short `lock_timeout` and retry it alone (SAFETY-REFERENCE §1.4:
"give each lock-taking step its own transaction"). On tables that existed before the migration:

- ``CREATE [UNIQUE] INDEX`` → ``CREATE … INDEX CONCURRENTLY``, outside a transaction; an INVALID
  index left by an earlier failed attempt is dropped first (``DROP INDEX CONCURRENTLY``), and the
  executor drops it again if the build fails (`cleanup_index`);
- ``ADD CONSTRAINT … FOREIGN KEY/CHECK`` → ``… NOT VALID``, then ``VALIDATE CONSTRAINT`` in its own
  transaction (SHARE UPDATE EXCLUSIVE: reads and writes continue);
- ``ALTER COLUMN … SET NOT NULL`` → ``ADD CONSTRAINT <t>_<c>_not_null CHECK (c IS NOT NULL) NOT VALID``;
  ``VALIDATE CONSTRAINT``; ``SET NOT NULL`` (PG 12+ skips the scan thanks to the validated check);
  ``DROP CONSTRAINT`` (a separate statement: dropping it in the same ALTER brings the scan back);
- an ``ALTER TABLE`` with several subcommands is split, one subcommand per statement.

Tables created earlier in the same script are empty, so their statements are kept as written.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

from pglast import ast, enums
from pglast.stream import RawStream

from midair.dialects.postgres.locks import Effect, analyze_sql, classify


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


@dataclass(frozen=True, slots=True)
class ExecStep:
    """One statement to run on its own. `transactional` False: outside any transaction block.

    `cleanup_index` names an index to drop if this step fails (a failed CONCURRENTLY build leaves
    an INVALID index that still slows writes and, if unique, still enforces uniqueness).
    `drop_invalid_first` asks the executor to drop an INVALID index of that name before running.
    """

    sql: str
    transactional: bool = True
    effects: tuple[Effect, ...] = ()
    cleanup_index: str | None = None
    drop_invalid_first: str | None = None
    original: str | None = None
    change: object = None  # the `Change` this step comes from, when planned from a `Plan`  # the statement of migration.sql this step comes from

    @property
    def takes_lock(self) -> bool:
        return bool(self.effects)


def _render(node: object) -> str:
    return RawStream()(node)


def _split_alter(node: ast.AlterTableStmt) -> list[ast.AlterTableStmt]:
    out = []
    for cmd in node.cmds:
        single = copy.deepcopy(node)
        single.cmds = (copy.deepcopy(cmd),)
        out.append(single)
    return out


def _not_null_check_name(table: str, column: str) -> str:
    name = f"{table}_{column}_not_null"
    return name[:63]


def safe_steps(sql: str) -> list[ExecStep]:
    """The safe execution of a migration script, statement by statement."""
    created: set[str] = set()
    steps: list[ExecStep] = []
    for st in analyze_sql(sql):
        node = st.node
        if isinstance(node, ast.TransactionStmt):
            continue  # the executor owns transactions
        if isinstance(node, ast.CreateStmt):
            created.add(node.relation.relname)
        new_table = any(e.table in created for e in st.effects) and not isinstance(node, ast.CreateStmt)
        if isinstance(node, ast.IndexStmt) and not node.concurrent and node.relation.relname not in created:
            safe = copy.deepcopy(node)
            safe.concurrent = True
            steps.append(
                ExecStep(
                    _render(safe),
                    transactional=False,
                    effects=tuple(classify(safe)),
                    cleanup_index=node.idxname,
                    drop_invalid_first=node.idxname,
                    original=st.sql,
                )
            )
            continue
        if isinstance(node, ast.AlterTableStmt) and not new_table and node.objtype == enums.ObjectType.OBJECT_TABLE:
            steps += _safe_alter(node, st.sql)
            continue
        transactional = st.transactional
        steps.append(ExecStep(st.sql, transactional=transactional, effects=st.effects, original=st.sql))
    return steps


def _transformable(cmd: ast.AlterTableCmd) -> bool:
    T = enums.AlterTableType
    C = enums.ConstrType
    if cmd.subtype == T.AT_SetNotNull:
        return True
    return (
        cmd.subtype == T.AT_AddConstraint
        and cmd.def_.contype in (C.CONSTR_FOREIGN, C.CONSTR_CHECK)
        and not cmd.def_.skip_validation
        and bool(cmd.def_.conname)
    )


def _safe_alter(node: ast.AlterTableStmt, original: str) -> list[ExecStep]:
    T = enums.AlterTableType
    table = node.relation.relname
    # Split a multi-command ALTER only when a command gets a safe form: the others keep sharing
    # one lock acquisition (and one scan, if any), as the author wrote them.
    needs_split = len(node.cmds) > 1 and any(_transformable(cmd) for cmd in node.cmds)
    out: list[ExecStep] = []
    for single in _split_alter(node) if needs_split else [node]:
        cmd = single.cmds[0]
        if cmd.subtype == T.AT_AddConstraint and _transformable(cmd):
            nv = copy.deepcopy(single)
            nv.cmds[0].def_.skip_validation = True
            nv.cmds[0].def_.initially_valid = False
            out.append(ExecStep(_render(nv), effects=tuple(classify(nv)), original=original))
            validate = f"ALTER TABLE {quote(table)} VALIDATE CONSTRAINT {quote(cmd.def_.conname)}"
            out.append(ExecStep(validate, effects=(Effect("validate_constraint", table, constraint=cmd.def_.conname),), original=original))
        elif cmd.subtype == T.AT_SetNotNull:
            col = cmd.name
            check = _not_null_check_name(table, col)
            t, c, k = quote(table), quote(col), quote(check)
            out += [
                # DROP … IF EXISTS first: a re-run after a failed VALIDATE starts clean (the name is ours).
                ExecStep(f"ALTER TABLE {t} DROP CONSTRAINT IF EXISTS {k}, ADD CONSTRAINT {k} CHECK ({c} IS NOT NULL) NOT VALID",
                         effects=(Effect("add_check_not_valid", table, col, check),), original=original),
                ExecStep(f"ALTER TABLE {t} VALIDATE CONSTRAINT {k}",
                         effects=(Effect("validate_constraint", table, col, check),), original=original),
                ExecStep(f"ALTER TABLE {t} ALTER COLUMN {c} SET NOT NULL",
                         effects=(Effect("set_not_null_checked", table, col),), original=original),
                ExecStep(f"ALTER TABLE {t} DROP CONSTRAINT {k}",
                         effects=(Effect("drop_constraint", table, col, check),), original=original),
            ]
        else:
            text = original if not needs_split else _render(single)
            out.append(ExecStep(text, effects=tuple(classify(single)), original=original))
    return out


__all__ = ["ExecStep", "safe_steps"]


def begin_step(lock_timeout_ms: int | None, statement_timeout_ms: int | None) -> list[str]:
    """Statements at the start of a step's transaction: timeouts local to that transaction
    (``SET LOCAL``, so they work behind PgBouncer's transaction pooling)."""
    out = []
    if lock_timeout_ms is not None:
        out.append(f"SET LOCAL lock_timeout = '{int(lock_timeout_ms)}ms'")
    if statement_timeout_ms is not None:
        out.append(f"SET LOCAL statement_timeout = '{int(statement_timeout_ms)}ms'")
    return out


def session_timeouts(lock_timeout_ms: int | None, statement_timeout_ms: int | None) -> list[str]:
    """For steps that cannot run in a transaction block (CONCURRENTLY): session settings."""
    out = []
    if lock_timeout_ms is not None:
        out.append(f"SET lock_timeout = '{int(lock_timeout_ms)}ms'")
    if statement_timeout_ms is not None:
        out.append(f"SET statement_timeout = '{int(statement_timeout_ms)}ms'")
    return out


def reset_session_timeouts() -> list[str]:
    return ["RESET lock_timeout", "RESET statement_timeout"]


def drop_invalid_index(connection: object, name: str) -> bool:
    """Drop the index `name` if it exists and is INVALID (left by a failed CONCURRENTLY build)."""
    rows = connection.query(  # type: ignore[attr-defined]
        "SELECT 1 FROM pg_index i WHERE i.indexrelid = to_regclass(%s) AND NOT i.indisvalid", (quote(name),)
    )
    if rows:
        connection.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {quote(name)}")  # type: ignore[attr-defined]
        return True
    return False


def is_lock_timeout(exc: BaseException) -> bool:
    return getattr(exc, "sqlstate", None) in ("55P03", "40P01")  # lock_not_available, deadlock_detected


def split(sql: str) -> list[str]:
    """The statements of a script as written, without transaction control (BEGIN/COMMIT)."""
    return [st.sql for st in analyze_sql(sql) if not isinstance(st.node, ast.TransactionStmt)]


def before_transaction(lock_timeout_ms: int | None) -> list[str]:
    """Statements before a step's transaction starts (PostgreSQL sets its timeouts inside it)."""
    return []


def after_transaction() -> list[str]:
    return []
