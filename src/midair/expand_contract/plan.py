"""`midair migrate plan`: each step of the pending change with its lock facts and a size estimate.

The pending change is the SQL that `migrate dev` would write (database → schema file, rendered by
`midair.render`), or a given migration.sql. Each statement is classified by the dialect's lock facts
(`dialects/<d>/locks.py`, types in `midair.checks.lockfacts`) and, for tables that exist, the time it works on the table is estimated
from `pg_class` (rows, pages) and the measured rates in SAFETY-REFERENCE §4.2.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from midair.checks.lockfacts import Estimate, LockFacts
from midair.errors import ConfigError
from midair.expand_contract._dialect import dialect_module


@dataclass(frozen=True, slots=True)
class ExplainedStep:
    """One statement of the plan: its SQL, lock facts per effect, and estimates per table."""

    sql: str
    facts: tuple[LockFacts, ...]
    tables: tuple[str | None, ...]
    estimates: tuple[Estimate, ...]  # one per effect
    transactional: bool

    def one_line(self) -> str:
        text = " ".join(self.sql.split())
        return text if len(text) <= 100 else text[:97] + "…"

    def detail_lines(self) -> list[str]:
        out = []
        for f, table, est in zip(self.facts, self.tables, self.estimates, strict=True):
            blocks = "blocks reads and writes" if f.blocks_reads else "blocks writes" if f.blocks_writes else "reads and writes continue"
            work = "rewrites the table" if f.rewrite else f"{f.cost.value}" if f.scan else "catalog only"
            where = f" on `{table}`" if table else ""
            tx = "" if f.transactional else " · cannot run in a transaction"
            out.append(f"{f.title}: {f.lock.label} lock{where} ({blocks}) · {work}{tx}")
            if table:
                out.append(f"  {est.describe()}")
            if f.safe_alternative and f.risky:
                out.append(f"  safe alternative: {f.safe_alternative}")
        return out

    def to_json(self) -> dict[str, Any]:
        return {
            "sql": self.sql,
            "transactional": self.transactional,
            "effects": [
                f.to_json()
                | {
                    "table": t,
                    "estimatedRows": e.size.rows if e.size else None,
                    "estimatedBytes": e.size.bytes if e.size else None,
                    "estimatedSeconds": round(e.seconds, 3),
                }
                for f, t, e in zip(self.facts, self.tables, self.estimates, strict=True)
            ],
        }


def pending_sql(url: Any, schema_path: Path) -> str:
    """The migration.sql that would bring the database at `url` to the schema file."""
    return pending_change(url, schema_path)[0]


def breaking_notes(url: Any, schema_path: Path) -> list[str]:
    """One line per change in the pending schema change that the running app would not survive,
    with the command that plans it as expand and contract."""
    from midair.errors import MidairError
    from midair.expand_contract.planner import breaking_operations

    _sql, current, target = pending_change(url, schema_path)
    try:
        ops = breaking_operations(current, target)
    except MidairError as e:
        return [f"Breaking: {e.message}"]
    return [f"Breaking for the running app: {op.summary()}" for op in ops] + (
        ["Plan it as expand, backfill and contract: midair migrate expand-contract --name <name>"] if ops else []
    )


def pending_change(url: Any, schema_path: Path) -> tuple[str, Any, Any]:
    """(migration.sql, the database's schema, the schema file's) for the pending change."""
    from midair.connection import connect
    from midair.introspect import introspect
    from midair.schema.lower import schema_from_file

    try:
        from midair.diff import diff
        from midair.render import migration_script
    except ImportError as e:  # the render stage is not installed
        raise ConfigError(
            f"Cannot compute the pending change ({e}).", hint="Pass --sql path/to/migration.sql to explain a file."
        ) from None
    if not Path(schema_path).exists():
        raise ConfigError(f"The schema file `{schema_path}` does not exist.", hint="Pass --schema or --sql.")
    target = schema_from_file(Path(schema_path))
    conn = connect(url)
    try:
        current = introspect(conn)
    finally:
        conn.close()
    migration = diff(current, target, url.provider)
    return (migration_script(migration.steps, url.provider) if migration.steps else ""), current, target


def explain(url: Any, *, schema_path: Path, sql: str | None = None, safe: bool = False) -> list[ExplainedStep]:
    """The steps of `sql` (default: the pending change) with lock facts and estimates."""
    from midair.connection import connect

    if sql is None:
        sql = pending_sql(url, schema_path)
    conn = connect(url)
    try:
        locks = dialect_module(conn, "locks")
        safe_mod = dialect_module(conn, "safe")
        try:
            if safe:
                items = [(s.sql, s.effects, s.transactional) for s in safe_mod.safe_steps(sql)]
            else:
                items = [(s.sql, s.effects, s.transactional) for s in locks.analyze_sql(sql) if not s.transaction_control]
        except Exception as e:  # noqa: BLE001 - a parse error from the dialect's SQL parser
            raise ConfigError(f"Cannot parse the migration SQL: {e}", hint="Run `midair lint` on it for the location.") from None
        sizes: dict[str, Any] = {}
        out = []
        for text, effects, transactional in items:
            facts, tables, estimates = [], [], []
            for e in effects:
                if e.table and e.table not in sizes:
                    sizes[e.table] = locks.table_size(conn, e.table)
                size = sizes.get(e.table) if e.table else None
                facts.append(e.facts)
                tables.append(e.table)
                estimates.append(locks.estimate(size, e.facts))
            out.append(ExplainedStep(text, tuple(facts), tuple(tables), tuple(estimates), transactional))
        return out
    finally:
        conn.close()


__all__ = ["ExplainedStep", "breaking_notes", "explain", "pending_change", "pending_sql"]
