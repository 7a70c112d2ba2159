"""Lock facts for PostgreSQL 12+: what each kind of DDL statement locks, scans and rewrites.

The facts come from ../shared/SAFETY-REFERENCE.md §1.2 (observed on PostgreSQL 15 with `pg_locks`,
relfilenode comparison and `pg_stat_xact_user_tables`, and matching the ALTER TABLE / CREATE INDEX
reference pages). The module answers three questions:

1. `FACTS[kind]` — the lock level, rewrite/scan behaviour and transactionality of one step kind;
2. `classify(statement)` — which step kinds a parsed statement (pglast node) performs, on which
   table; `analyze_sql(sql)` does it for a whole script;
3. `estimate(table_size(connection, table), facts)` — how long the step would hold its lock on
   this database, from the table's size in `pg_class` (`reltuples`, `relpages`) and `RATES`.

The value types (`LockFacts`, `Effect`, `StatementFacts`, `TableSize`, `Estimate`) are shared by
every dialect (`midair.checks.lockfacts`); this module holds PostgreSQL's data and parser. The
linter (`midair.lint`), `midair migrate plan` and the safe-form executor all read these facts, so
one table is reviewed in one place.
"""

from __future__ import annotations

import enum
from typing import Any, Iterable, Mapping

from pglast import ast, enums

from midair.checks import lockfacts
from midair.checks.lockfacts import Cost, Estimate, EstimateRates, LockFacts, StatementFacts, TableSize, facts_table


class LockMode(enum.IntEnum):
    """PostgreSQL table lock modes, weakest first (mvcc.sgml, "Table-Level Lock Modes")."""

    ACCESS_SHARE = 1
    ROW_SHARE = 2
    ROW_EXCLUSIVE = 3
    SHARE_UPDATE_EXCLUSIVE = 4
    SHARE = 5
    SHARE_ROW_EXCLUSIVE = 6
    EXCLUSIVE = 7
    ACCESS_EXCLUSIVE = 8

    @property
    def label(self) -> str:
        return self.name.replace("_", " ")

    @property
    def blocks_reads(self) -> bool:
        # "Only an ACCESS EXCLUSIVE lock blocks a SELECT (without FOR UPDATE/SHARE)."
        return self is LockMode.ACCESS_EXCLUSIVE

    @property
    def blocks_writes(self) -> bool:
        # SHARE and stronger conflict with ROW EXCLUSIVE (INSERT/UPDATE/DELETE).
        return self >= LockMode.SHARE


AEL = LockMode.ACCESS_EXCLUSIVE
SUE = LockMode.SHARE_UPDATE_EXCLUSIVE
SRE = LockMode.SHARE_ROW_EXCLUSIVE


_f = LockFacts  # short, so each row of the table fits on a line or two

# One row per step kind (SAFETY-REFERENCE.md §1.2, the row number in brackets).
FACTS: Mapping[str, LockFacts] = facts_table(
    _f("create_table", "CREATE TABLE", AEL, Cost.CATALOG),
    _f("drop_table", "DROP TABLE", AEL, Cost.CATALOG, referenced_lock=AEL,
       safe_alternative="contract phase only, after a backup and once no app version uses the table"),  # [22]
    _f("rename_table", "RENAME TABLE", AEL, Cost.CATALOG,
       safe_alternative="expand/contract: new table + dual writes, or a view under the old name"),  # [21]
    _f("add_column", "ADD COLUMN (nullable or constant default)", AEL, Cost.CATALOG),  # [1][2]
    _f("add_column_volatile_default", "ADD COLUMN with a volatile default", AEL, Cost.REWRITE,
       safe_alternative="add the column nullable, SET DEFAULT for new rows, then backfill in batches"),  # [3]
    _f("add_column_not_null", "ADD COLUMN NOT NULL without a default", AEL, Cost.SCAN,
       safe_alternative="add it nullable (or with a constant default), backfill, then SET NOT NULL behind a validated CHECK"),  # [4]
    _f("add_column_rewrite", "ADD COLUMN serial/identity/generated stored", AEL, Cost.REWRITE,
       safe_alternative="a plain column + BEFORE trigger + batched backfill"),  # [5]
    _f("add_column_unique", "ADD COLUMN … UNIQUE/PRIMARY KEY", AEL, Cost.INDEX_BUILD,
       safe_alternative="add the column, CREATE UNIQUE INDEX CONCURRENTLY, then ADD CONSTRAINT … USING INDEX"),  # [6]
    _f("drop_column", "DROP COLUMN", AEL, Cost.CATALOG,
       safe_alternative="contract phase only, once no running app version reads or writes the column"),  # [8]
    _f("rename_column", "RENAME COLUMN", AEL, Cost.CATALOG,
       safe_alternative="expand/contract: add the new column, dual-write triggers, backfill, drop the old one"),  # [21]
    _f("alter_column_type", "ALTER COLUMN TYPE (rewrite)", AEL, Cost.REWRITE,
       safe_alternative="expand/contract: a new column of the new type, dual-write triggers, backfill, swap"),  # [9]
    _f("alter_column_type_coercible", "ALTER COLUMN TYPE (binary coercible)", AEL, Cost.CATALOG),  # [10]
    _f("set_not_null", "SET NOT NULL", AEL, Cost.SCAN,
       safe_alternative="ADD CONSTRAINT … CHECK (col IS NOT NULL) NOT VALID; VALIDATE CONSTRAINT; SET NOT NULL; DROP CONSTRAINT"),  # [11]
    _f("set_not_null_checked", "SET NOT NULL (validated CHECK exists)", AEL, Cost.CATALOG),  # [11] PG12+
    _f("drop_not_null", "DROP NOT NULL", AEL, Cost.CATALOG),  # [13]
    _f("set_default", "SET/DROP DEFAULT", AEL, Cost.CATALOG),  # [12]
    _f("add_check", "ADD CHECK (validated)", AEL, Cost.SCAN,
       safe_alternative="ADD CONSTRAINT … NOT VALID, then VALIDATE CONSTRAINT in its own transaction"),  # [14]
    _f("add_check_not_valid", "ADD CHECK … NOT VALID", AEL, Cost.CATALOG),
    _f("add_foreign_key", "ADD FOREIGN KEY (validated)", SRE, Cost.SCAN, referenced_lock=SRE,
       safe_alternative="ADD CONSTRAINT … NOT VALID, then VALIDATE CONSTRAINT in its own transaction"),  # [15]
    _f("add_foreign_key_not_valid", "ADD FOREIGN KEY … NOT VALID", SRE, Cost.CATALOG, referenced_lock=SRE),
    _f("validate_constraint", "VALIDATE CONSTRAINT", SUE, Cost.SCAN, referenced_lock=LockMode.ROW_SHARE),  # [16]
    _f("add_unique", "ADD UNIQUE / PRIMARY KEY", AEL, Cost.INDEX_BUILD,
       safe_alternative="CREATE UNIQUE INDEX CONCURRENTLY, then ADD CONSTRAINT … USING INDEX"),  # [6]
    _f("add_constraint_using_index", "ADD CONSTRAINT … USING INDEX", AEL, Cost.CATALOG),
    _f("drop_constraint", "DROP CONSTRAINT", AEL, Cost.CATALOG, referenced_lock=AEL),  # [22]
    _f("rename_constraint", "RENAME CONSTRAINT", AEL, Cost.CATALOG),
    _f("create_index", "CREATE INDEX", LockMode.SHARE, Cost.INDEX_BUILD,
       safe_alternative="CREATE INDEX CONCURRENTLY (outside a transaction)"),  # [17]
    _f("create_index_concurrently", "CREATE INDEX CONCURRENTLY", SUE, Cost.INDEX_BUILD, transactional=False),  # [18]
    _f("drop_index", "DROP INDEX", AEL, Cost.CATALOG, safe_alternative="DROP INDEX CONCURRENTLY"),  # [19]
    _f("drop_index_concurrently", "DROP INDEX CONCURRENTLY", SUE, Cost.CATALOG, transactional=False),
    _f("rename_index", "RENAME INDEX", SUE, Cost.CATALOG),
    _f("reindex", "REINDEX", LockMode.SHARE, Cost.INDEX_BUILD, safe_alternative="REINDEX … CONCURRENTLY"),  # [20]
    _f("reindex_concurrently", "REINDEX CONCURRENTLY", SUE, Cost.INDEX_BUILD, transactional=False),
    _f("create_trigger", "CREATE TRIGGER", SRE, Cost.CATALOG),  # [24]
    _f("drop_trigger", "DROP TRIGGER", AEL, Cost.CATALOG),
    _f("truncate", "TRUNCATE", AEL, Cost.CATALOG),  # [23]
    _f("create_enum", "CREATE TYPE", LockMode.ACCESS_SHARE, Cost.CATALOG),
    _f("alter_enum_add_value", "ALTER TYPE … ADD VALUE", LockMode.ACCESS_SHARE, Cost.CATALOG),  # [25]
    _f("drop_type", "DROP TYPE", LockMode.ACCESS_SHARE, Cost.CATALOG),
    _f("update", "UPDATE (data)", LockMode.ROW_EXCLUSIVE, Cost.SCAN,
       safe_alternative="a batched backfill: `midair backfill --sql …` (short transactions by key range)"),
    _f("delete", "DELETE (data)", LockMode.ROW_EXCLUSIVE, Cost.SCAN),
    _f("insert", "INSERT (data)", LockMode.ROW_EXCLUSIVE, Cost.CATALOG),
    _f("other", "other statement", LockMode.ACCESS_SHARE, Cost.CATALOG),
)

# Functions whose value differs per row, so a DEFAULT using them rewrites the table (PG15 ALTER
# TABLE Notes). Unknown functions are treated as volatile too: the safe assumption.
VOLATILE_FUNCTIONS = frozenset(
    {"random", "gen_random_uuid", "uuid_generate_v1", "uuid_generate_v4", "clock_timestamp",
     "timeofday", "nextval", "txid_current", "statement_timestamp", "setseed", "uuidv7", "uuidv4"}
)
STABLE_FUNCTIONS = frozenset(
    {"now", "transaction_timestamp", "current_timestamp", "current_date", "current_time",
     "localtimestamp", "localtime", "to_jsonb", "jsonb_build_object", "json_build_object", "lower", "upper"}
)

# Type changes that never rewrite whatever the previous type (SAFETY-REFERENCE §1.2 [10]): to an
# unbounded text or numeric type. Widening a varchar(n) also does not, but needs the old length.
COERCIBLE_TARGETS = frozenset({"text", "varchar", "numeric", "citext", "varbit"})


class Effect(lockfacts.Effect):
    """An effect whose facts are PostgreSQL's (`FACTS`)."""

    __slots__ = ()
    facts_by_kind = FACTS


def _name(rv: Any) -> str | None:
    return getattr(rv, "relname", None)


def _func_names(node: Any) -> list[str]:
    """Names of every function called inside an expression tree (lower-case, unqualified)."""
    found: list[str] = []

    def walk(n: Any) -> None:
        if isinstance(n, ast.FuncCall):
            found.append(n.funcname[-1].sval.lower())
        if isinstance(n, ast.SQLValueFunction):
            found.append(n.op.name.lower().replace("svfop_", ""))
        if isinstance(n, ast.Node):
            for attr in n:
                walk(getattr(n, attr))
        elif isinstance(n, (tuple, list)):
            for x in n:
                walk(x)

    walk(node)
    return found


def default_volatility(expr: Any) -> str:
    """``constant``, ``stable`` (evaluated once: no rewrite) or ``volatile`` (rewrite)."""
    names = _func_names(expr)
    if not names:
        return "constant"
    if any(n in VOLATILE_FUNCTIONS or n not in STABLE_FUNCTIONS for n in names):
        return "volatile"
    return "stable"


def _type_name(tn: Any) -> str:
    return ".".join(n.sval for n in tn.names if n.sval != "pg_catalog")


def _column_def_effects(table: str | None, col: Any) -> list[Effect]:
    """ADD COLUMN: which form (catalog-only, rewrite, scan, index build)."""
    cname = col.colname
    tname = _type_name(col.typeName).lower()
    constraints = col.constraints or ()
    kinds = {c.contype for c in constraints}
    C = enums.ConstrType
    if tname in {"serial", "bigserial", "smallserial", "serial4", "serial8", "serial2"} or C.CONSTR_IDENTITY in kinds or C.CONSTR_GENERATED in kinds:
        return [Effect("add_column_rewrite", table, cname, detail=tname)]
    effects: list[Effect] = []
    default = next((c for c in constraints if c.contype == C.CONSTR_DEFAULT), None)
    if default is not None and default_volatility(default.raw_expr) == "volatile":
        effects.append(Effect("add_column_volatile_default", table, cname))
    elif C.CONSTR_NOTNULL in kinds and default is None:
        effects.append(Effect("add_column_not_null", table, cname))
    if C.CONSTR_UNIQUE in kinds or C.CONSTR_PRIMARY in kinds:
        effects.append(Effect("add_column_unique", table, cname))
    for c in constraints:
        if c.contype == C.CONSTR_FOREIGN:
            effects.append(Effect("add_foreign_key", table, cname, c.conname, _name(c.pktable)))
        elif c.contype == C.CONSTR_CHECK:
            effects.append(Effect("add_check", table, cname, c.conname))
    return effects or [Effect("add_column", table, cname)]


def _constraint_effect(table: str | None, con: Any) -> Effect:
    C = enums.ConstrType
    not_valid = bool(con.skip_validation)
    if con.contype == C.CONSTR_FOREIGN:
        kind = "add_foreign_key_not_valid" if not_valid else "add_foreign_key"
        cols = ",".join(a.sval for a in con.fk_attrs or ())
        return Effect(kind, table, cols or None, con.conname, _name(con.pktable))
    if con.contype == C.CONSTR_CHECK:
        return Effect("add_check_not_valid" if not_valid else "add_check", table, None, con.conname)
    if con.contype in (C.CONSTR_UNIQUE, C.CONSTR_PRIMARY):
        return Effect("add_constraint_using_index" if con.indexname else "add_unique", table, None, con.conname)
    return Effect("add_check", table, None, con.conname)


def _alter_table_effects(stmt: Any) -> list[Effect]:
    table = _name(stmt.relation)
    T = enums.AlterTableType
    out: list[Effect] = []
    for cmd in stmt.cmds or ():
        st = cmd.subtype
        if st == T.AT_AddColumn:
            out += _column_def_effects(table, cmd.def_)
        elif st == T.AT_DropColumn:
            out.append(Effect("drop_column", table, cmd.name))
        elif st == T.AT_SetNotNull:
            out.append(Effect("set_not_null", table, cmd.name))
        elif st == T.AT_DropNotNull:
            out.append(Effect("drop_not_null", table, cmd.name))
        elif st == T.AT_ColumnDefault:
            if cmd.def_ is not None and default_volatility(cmd.def_) == "volatile":
                # SET DEFAULT only affects new rows: catalog-only even for volatile expressions.
                out.append(Effect("set_default", table, cmd.name, detail="volatile"))
            else:
                out.append(Effect("set_default", table, cmd.name))
        elif st == T.AT_AlterColumnType:
            target = _type_name(cmd.def_.typeName).lower()
            coercible = target in COERCIBLE_TARGETS and not cmd.def_.typeName.typmods and cmd.def_.raw_default is None
            out.append(Effect("alter_column_type_coercible" if coercible else "alter_column_type", table, cmd.name, detail=target))
        elif st == T.AT_AddConstraint:
            out.append(_constraint_effect(table, cmd.def_))
        elif st == T.AT_ValidateConstraint:
            out.append(Effect("validate_constraint", table, None, cmd.name))
        elif st == T.AT_DropConstraint:
            out.append(Effect("drop_constraint", table, None, cmd.name))
        elif st in (T.AT_EnableTrig, T.AT_DisableTrig, T.AT_EnableTrigAll, T.AT_DisableTrigAll):
            out.append(Effect("create_trigger", table))
        else:
            out.append(Effect("other", table, cmd.name, detail=st.name))
    return out


def classify(stmt: Any) -> list[Effect]:
    """The step kinds one parsed statement performs (empty for transaction control and SET)."""
    if isinstance(stmt, ast.AlterTableStmt):
        if stmt.objtype == enums.ObjectType.OBJECT_INDEX:
            return [Effect("other", _name(stmt.relation), detail="ALTER INDEX")]
        return _alter_table_effects(stmt)
    if isinstance(stmt, ast.CreateStmt):
        return [Effect("create_table", _name(stmt.relation))]
    if isinstance(stmt, ast.IndexStmt):
        kind = "create_index_concurrently" if stmt.concurrent else "create_index"
        return [Effect(kind, _name(stmt.relation), constraint=stmt.idxname, detail="unique" if stmt.unique else None)]
    if isinstance(stmt, ast.DropStmt):
        O = enums.ObjectType
        names = [".".join(p.sval for p in (o if isinstance(o, tuple) else getattr(o, "names", None) or (o,)) if hasattr(p, "sval")) for o in stmt.objects or ()]
        if stmt.removeType == O.OBJECT_TABLE:
            return [Effect("drop_table", n) for n in names]
        if stmt.removeType == O.OBJECT_INDEX:
            kind = "drop_index_concurrently" if stmt.concurrent else "drop_index"
            return [Effect(kind, None, constraint=n) for n in names]
        if stmt.removeType == O.OBJECT_TRIGGER:
            return [Effect("drop_trigger", n.rsplit(".", 1)[0] if "." in n else n) for n in names]
        if stmt.removeType == O.OBJECT_TYPE:
            return [Effect("drop_type", None, detail=n) for n in names]
        return [Effect("other", None, detail=f"DROP {stmt.removeType.name}")]
    if isinstance(stmt, ast.RenameStmt):
        O = enums.ObjectType
        table = _name(stmt.relation)
        if stmt.renameType == O.OBJECT_COLUMN:
            return [Effect("rename_column", table, stmt.subname, detail=stmt.newname)]
        if stmt.renameType == O.OBJECT_TABLE:
            return [Effect("rename_table", table, detail=stmt.newname)]
        if stmt.renameType == O.OBJECT_INDEX:
            return [Effect("rename_index", table, detail=stmt.newname)]
        if stmt.renameType == O.OBJECT_TABCONSTRAINT:
            return [Effect("rename_constraint", table, constraint=stmt.subname)]
        return [Effect("other", table, detail="RENAME")]
    if isinstance(stmt, ast.CreateTrigStmt):
        return [Effect("create_trigger", _name(stmt.relation), detail=stmt.trigname)]
    if isinstance(stmt, ast.TruncateStmt):
        return [Effect("truncate", _name(r)) for r in stmt.relations]
    if isinstance(stmt, ast.CreateEnumStmt):
        return [Effect("create_enum", None)]
    if isinstance(stmt, ast.AlterEnumStmt):
        return [Effect("alter_enum_add_value", None, detail=stmt.newVal)]
    if isinstance(stmt, ast.UpdateStmt):
        return [Effect("update", _name(stmt.relation), detail="where" if stmt.whereClause is not None else None)]
    if isinstance(stmt, ast.DeleteStmt):
        return [Effect("delete", _name(stmt.relation))]
    if isinstance(stmt, ast.InsertStmt):
        return [Effect("insert", _name(stmt.relation))]
    if isinstance(stmt, ast.ReindexStmt):
        concurrent = any(getattr(p, "defname", "") == "concurrently" for p in stmt.params or ())
        return [Effect("reindex_concurrently" if concurrent else "reindex", _name(stmt.relation))]
    if isinstance(stmt, (ast.TransactionStmt, ast.VariableSetStmt, ast.SelectStmt, ast.DoStmt, ast.CreateFunctionStmt, ast.CommentStmt, ast.CreateSchemaStmt, ast.CreateExtensionStmt)):
        return []
    return [Effect("other", None, detail=type(stmt).__name__)]


def _line_col(text: str, offset: int) -> tuple[int, int]:
    before = text.encode()[:offset].decode(errors="ignore")
    line = before.count("\n") + 1
    col = len(before) - (before.rfind("\n") + 1) + 1
    return line, col


def split_statements(sql: str) -> list[tuple[str, Any, int, int]]:
    """(statement text, parsed node, line, column) for each statement of a script.

    Raises `pglast.parser.ParseError` on invalid SQL (callers turn it into file:line:col).
    """
    from pglast import parse_sql

    data = sql.encode()
    out = []
    for raw in parse_sql(sql):
        # stmt_location is a byte offset of the statement's first token (comments skipped).
        start = raw.stmt_location or 0
        end = start + raw.stmt_len if raw.stmt_len else len(data)
        text = data[start:end].decode().strip()
        line, col = _line_col(sql, start)
        out.append((text, raw.stmt, line, col))
    return out


def analyze_sql(sql: str) -> list[StatementFacts]:
    """Every statement of `sql` with the step kinds it performs."""
    out = []
    for text, node, line, col in split_statements(sql):
        control = isinstance(node, (ast.TransactionStmt, ast.VariableSetStmt))
        out.append(StatementFacts(text, node, tuple(classify(node)), line, col, control))
    return out


# --- estimates from the table's size -----------------------------------------------------------

# Seconds per GB of heap, hot cache, 2 vCPU (SAFETY-REFERENCE §4.2): scans ≈0.4–1 s/GB, rewrites
# ≈16–28 s/GB including index rebuilds, index builds ≈17 s/GB (CIC 1.26× that). Sizes come from
# the planner's statistics (`reltuples`, `relpages`): approximate.
RATES = EstimateRates(
    per="GB",
    seconds={Cost.CATALOG: 0.0, Cost.SCAN: 0.6, Cost.REWRITE: 22.0, Cost.INDEX_BUILD: 17.5},
    slower={"create_index_concurrently": 1.26, "reindex_concurrently": 1.26},
    approximate=True,
    catalog_words="catalog only",
    floor="< 0.01 s",
)
PAGE_BYTES = 8192


def table_size(connection: Any, table: str) -> TableSize | None:
    """The size of `table` in the connection's search path, or None if it does not exist."""
    rows = connection.query(
        "SELECT c.reltuples::bigint, c.relpages FROM pg_class c "
        "WHERE c.oid = to_regclass(%s) AND c.relkind IN ('r', 'p')",
        ('"' + table.replace('"', '""') + '"',),
    )
    if not rows:
        return None
    reltuples, relpages = rows[0]
    # reltuples is -1 for a table never vacuumed or analyzed (PG 14+): fall back to a count.
    if reltuples is None or reltuples < 0:
        (n,) = connection.query(f'SELECT count(*) FROM "{table.replace(chr(34), chr(34) * 2)}"')[0]
        reltuples = n
    return TableSize(table, int(reltuples), int(relpages), PAGE_BYTES)


def estimate(size: TableSize | None, facts: LockFacts) -> Estimate:
    """How long the step works on a table of `size` on PostgreSQL (see `RATES`)."""
    return lockfacts.estimate(size, facts, RATES)


def kinds() -> Iterable[str]:
    return FACTS.keys()


__all__ = [
    "FACTS",
    "RATES",
    "Cost",
    "Effect",
    "Estimate",
    "LockFacts",
    "LockMode",
    "StatementFacts",
    "TableSize",
    "analyze_sql",
    "classify",
    "default_volatility",
    "estimate",
    "split_statements",
    "table_size",
]
