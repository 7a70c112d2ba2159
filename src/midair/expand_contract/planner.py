"""The expand/contract planner: a breaking schema change → expand, backfill and contract migrations.

Steps:

1. `previous` = the schema the migrations folder builds (replayed on a shadow database), `next` =
   the schema file.
2. `breaking_operations(previous, next)`: per table present in both, columns dropped and added
   together are a replacement (rename, split, merge: `ReplaceColumns`); required columns added
   without a default are `AddRequiredColumn`; a column whose type changes is `ChangeType` (a
   shadow column swapped in at the contract, with the column's indexes and foreign keys rebuilt
   on it; refused for a primary-key column).
3. `expanded` = `previous` with every operation's new columns added nullable and without default.
4. Three folders, in order (timestamps one second apart):
   - ``<ts>_<name>_expand``: migration.sql = diff(previous → expanded) (ADD COLUMN, no rewrite);
     migration.toml = phase, lock settings, `[sync]` with a `FILL_ME_IN` template for each
     expression (midair refuses to apply it until filled), `[backfill]` (batching);
   - ``<ts>_<name>_backfill``: an empty migration.sql (Prisma sees a no-op) and
     ``phase = "backfill"``: deploying it runs the expand's `[backfill]`;
   - ``<ts>_<name>_contract``: migration.sql = diff(expanded → next) with Prisma's warnings (SET NOT
     NULL, defaults, DROP COLUMN); ``phase = "contract"``, refused while rows are left behind.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from midair.errors import ConfigError, UnsupportedError
from midair.expand_contract.operations import AddRequiredColumn, ChangeType, Operation, ReplaceColumns
from midair.expand_contract.operations.change_type import ReferencingKey
from midair.migrations.settings import PLACEHOLDER
from midair.schema.model import Column, Schema, Table


@dataclass(frozen=True, slots=True)
class PhasedMigrations:
    """What `create_phased_migrations` wrote."""

    operations: tuple[Any, ...]
    folders: tuple[Path, ...]  # expand, backfill, contract
    placeholders: int

    def lines(self) -> list[str]:
        out = ["Breaking change" + ("s" if len(self.operations) > 1 else "") + ":"]
        out += [f"  {op.summary()}" for op in self.operations]
        out.append("Created 3 migrations:")
        what = (
            "adds the new columns (nullable, no rewrite) and dual-write triggers",
            "fills the new columns for existing rows, in batches (resumable)",
            "makes them strict and drops what they replace (refused until the backfill is complete)",
        )
        out += [f"  {f.name}  {w}" for f, w in zip(self.folders, what, strict=True)]
        if self.placeholders:
            out.append(
                f"Next: replace the {self.placeholders} `{PLACEHOLDER}` expressions in "
                f"{self.folders[0] / 'migration.toml'}, then deploy the phases one at a time "
                "(`midair migrate deploy`), rolling out the app between them."
            )
        else:
            out.append(
                f"Next: check the conversion expressions in {self.folders[0] / 'migration.toml'}, then "
                "`midair migrate deploy` (it stops before the contract: deploy again after the app rollout)."
            )
        return out

    def to_json(self) -> dict[str, Any]:
        return {
            "operations": [op.summary() for op in self.operations],
            "migrations": [str(f) for f in self.folders],
            "placeholders": self.placeholders,
        }


def _key(table: Table) -> tuple[str, ...]:
    if table.primary_key is None:
        raise UnsupportedError(
            f"The table `{table.name}` has no primary key: the backfill walks the table in key order.",
            hint="Add an @id (or @@id) to the model first.",
        )
    return table.primary_key.column_names


def breaking_operations(previous: Schema, next: Schema) -> list[Operation]:
    """The changes between `previous` and `next` that a running app would not survive."""
    ops: list[Operation] = []
    for nt in next.tables:
        pt = previous.table(nt.name, nt.schema)
        if pt is None:
            continue  # a new table breaks nobody
        prev_names, next_names = set(pt.column_names), set(nt.column_names)
        dropped = tuple(c for c in pt.columns if c.name not in next_names)
        added = tuple(c for c in nt.columns if c.name not in prev_names)
        for c in nt.columns:
            before = pt.column(c.name)
            if before is not None and before.type != c.type:
                ops.append(_change_type(next, pt, nt, before, c))
        if dropped and added:
            ops.append(ReplaceColumns(nt.name, _key(pt), dropped, added))
        elif added:
            required = tuple(c for c in added if not c.nullable and c.default is None and not c.autoincrement)
            if required:
                ops.append(AddRequiredColumn(nt.name, _key(pt), required))
    return ops


def _change_type(schema: Schema, previous: Table, table: Table, before: Column, after: Column) -> ChangeType:
    """A type change, with what depends on the column (rebuilt on the shadow column)."""
    column = c = after.name
    where = f"`{table.name}.{column}`"
    if table.primary_key and column in table.primary_key.column_names:
        raise UnsupportedError(
            f"The column {where} changes type ({before.type.name} → {after.type.name}) and is in the primary key: "
            "midair's backfill walks the table by its key, so it cannot expand this change.",
            hint=f"Add the new column under another name (e.g. `{c}V2`) and remove `{c}` in the schema: midair then "
            "plans it as a replacement with dual writes.",
        )
    indexes = tuple(i for i in table.indexes if column in i.column_names)
    for i in table.indexes:
        # Dropping the old column drops every index that reads it, the predicate included.
        if i.where and column in i.where:  # a textual test: a false alarm only refuses
            raise UnsupportedError(
                f"The column {where} changes type and the partial index `{i.name}` reads it in its predicate "
                f"({i.where}): midair cannot rewrite the predicate for the shadow column.",
                hint="Drop the index in one migration, change the type, then recreate it.",
            )
    own_keys = tuple(fk for fk in table.foreign_keys if column in fk.columns)
    referencing = tuple(
        ReferencingKey(t.name, fk)
        for t in schema.tables
        for fk in t.foreign_keys
        if fk.referenced_table == table.name and column in fk.referenced_columns
    )
    if any(fk.name is None for fk in own_keys) or any(r.key.name is None for r in referencing):
        raise UnsupportedError(f"A foreign key using {where} has no name: midair cannot rename its rebuilt copy.")
    return ChangeType(table.name, _key(previous), before, after, indexes, own_keys, referencing)


def expanded_schema(previous: Schema, ops: list[Operation]) -> Schema:
    by_table = {op.table: op for op in ops}
    tables = tuple(by_table[t.name].expanded(t) if t.name in by_table else t for t in previous.tables)
    return replace(previous, tables=tables)


def _toml_str(text: str) -> str:
    if "'''" not in text and "\n" not in text:
        return "'" + text + "'" if "'" not in text else "'''" + text + "'''"
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _names(cols: tuple[str, ...]) -> str:
    return "[" + ", ".join(f'"{c}"' for c in cols) + "]"


def _column_doc(c: Column) -> str:
    return f"{c.name} {c.type.name}{'[]' if c.type.array else ''}{'' if c.nullable else ' NOT NULL'}"


def expand_toml(ops: list[Operation], *, lock_machinery: bool) -> str:
    out = [
        "# midair expand phase (Prisma ignores this file).",
        f"# Replace every {PLACEHOLDER} with a SQL expression over the row's columns (quote mixed-case",
        '# names: "player1Points"); midair refuses to apply this migration until you have.',
        'phase = "expand"',
    ]
    out += _lock_lines(lock_machinery)
    for op in ops:
        sync = op.sync()
        old_cols = {c.name: c for c in op.old}
        new_cols = {c.name: c for c in op.new}
        out += ["", "[sync]", f'table = "{sync.table}"', f"key = {_names(sync.key)}", f"old = {_names(sync.old)}", f"new = {_names(sync.new)}"]
        out += ["", "# Each new column from the old ones (rows written by the old app, and the backfill)."]
        if op.old:
            out.append("# Old columns: " + ", ".join(_column_doc(c) for c in op.old))
        out.append("[sync.new_from_old]")
        out += [f"# {_column_doc(new_cols[col])}\n{col} = {_toml_str(expr)}" for col, expr in sync.new_from_old]
        if sync.old_from_new:
            out += ["", "# Each old column from the new ones (rows written by the new app).", "[sync.old_from_new]"]
            out += [f"# {_column_doc(old_cols[col])}\n{col} = {_toml_str(expr)}" for col, expr in sync.old_from_new]
        out += [
            "",
            "# The backfill phase runs this: the same expressions, in batches by primary key.",
            "[backfill]",
            f'table = "{sync.table}"',
            f'key = "{sync.key[0]}"',
            "batch_size = 1000",
            'target_batch_time = "100ms"',
            'sleep = "0ms"',
        ]
        break  # one table per expand/contract: see create_phased_migrations
    return "\n".join(out) + "\n"


# Below PostgreSQL's default deadlock_timeout (1 s): when a migration step and an app transaction
# wait for each other, the step's lock_timeout fires before the server looks for a deadlock, so the
# step is the one that gives up (and is retried), never the app's write.
DDL_LOCK_TIMEOUT = '"500ms"'
DDL_LOCK_LINES = [f"lock_timeout = {DDL_LOCK_TIMEOUT}", "retries = 20", 'retry_backoff = "200ms"']


def _lock_lines(lock_machinery: bool) -> list[str]:
    if lock_machinery:
        # Statement by statement, each under a short lock_timeout with retries (safe forms on).
        return ["transactional = false", *DDL_LOCK_LINES]
    # SQLite: the lock_timeout is the busy timeout on the write lock (no deadlock detector).
    return ["transactional = true", 'lock_timeout = "5s"', "retries = 5"]


def create_phased_migrations(
    schema_path: Path,
    migrations_dir: Path,
    name: str,
    *,
    url: str | None = None,
    previous: Schema | None = None,
) -> PhasedMigrations:
    """Write the expand, backfill and contract migrations for the breaking change between the
    migrations folder and the schema file. `previous` skips the shadow replay (tests)."""
    from midair.checks import pure_warnings
    from midair.dialects import get_dialect
    from midair.diff import diff
    from midair.migrations.folder import check_lock, write_migration
    from midair.render import migration_script
    from midair.schema.lower import dialect_module, document_provider, schema_from_file

    from midair import psl

    if not Path(schema_path).exists():
        raise ConfigError(f"The schema file `{schema_path}` does not exist.", hint="Pass --schema.")
    doc = psl.load_schema(Path(schema_path))
    provider = document_provider(doc)
    check_lock(migrations_dir, provider)
    next_schema = schema_from_file(Path(schema_path), provider)
    if previous is None:
        from midair.migrations.shadow import replay

        raw_url = url or os.environ.get("DATABASE_URL") or psl.datasource_url(doc, env=os.environ)
        previous = replay(migrations_dir, provider, url=raw_url, base_dir=Path(schema_path).parent.resolve())
    ops = breaking_operations(previous, next_schema)
    if not ops:
        raise ConfigError(
            "The change from the migrations to the schema is not breaking: nothing to expand and contract.",
            hint="Create an ordinary migration with `midair migrate dev`.",
        )
    tables = sorted({op.table for op in ops})
    if len(tables) > 1:
        raise UnsupportedError(
            f"The breaking change spans several tables ({', '.join(f'`{t}`' for t in tables)}).",
            hint="Change one table at a time: revert the others in the schema, run this, then the next.",
        )
    if len(ops) > 1:
        raise UnsupportedError(
            f"The table `{tables[0]}` has several breaking changes at once: " + "; ".join(op.summary() for op in ops) + ".",
            hint="Expand and contract one of them at a time: revert the others in the schema, run this, then the next.",
        )
    mid = expanded_schema(previous, ops)
    dialect = get_dialect(provider)
    expand_steps = diff(previous, mid, provider)
    contract_steps = diff(mid, next_schema, provider)
    # Other, non-breaking changes in the schema (a new table, an index) go with the expand.
    expand_sql = migration_script(expand_steps, provider, pure_warnings(expand_steps.steps, provider))
    contract_sql = migration_script(contract_steps, provider, pure_warnings(contract_steps.steps, provider))
    # The lock machinery (statement-by-statement safe forms) exists where indexes can be built
    # concurrently; elsewhere (SQLite) a contract's table rebuild must stay in one transaction.
    lock_machinery = bool(getattr(dialect, "supports_concurrent_index", False))
    op = ops[0]
    sync = op.sync()
    backfill_sql = "-- This is an empty migration."
    contract_lock_lines = _lock_lines(lock_machinery)
    if isinstance(op, ChangeType):
        # Everything else in the schema must already be migrated: the contract is the swap only.
        reverted = replace(next_schema, tables=tuple(
            replace(t, columns=tuple(op.previous if c.name == op.previous.name else c for c in t.columns)) if t.name == op.table else t
            for t in next_schema.tables
        ))
        if diff(previous, reverted, provider).steps:
            raise UnsupportedError(
                f"The schema changes more than the type of `{op.table}.{op.previous.name}`.",
                hint="Create an ordinary migration for the other changes first (`midair migrate dev`), then run this.",
            )
        sync_sql = dialect_module(provider, "sync")
        expanded_table, target_table = mid.table(op.table), next_schema.table(op.table)
        backfill_sql, contract_sql = sync_sql.swap_column_sql(op, expanded_table, target_table)
        if op.moves_dependents and lock_machinery:
            # The column's indexes and keys, built on the shadow column after the backfill (so
            # the backfill does not maintain them row by row): statement by statement, which
            # makes them CREATE INDEX CONCURRENTLY and NOT VALID + VALIDATE. SQLite's contract
            # rebuilds the table, indexes and keys included, instead.
            built = diff(mid, replace(mid, tables=op.with_shadow_objects(mid.tables)), provider)
            backfill_sql = migration_script(built, provider) + ("\n" + backfill_sql if backfill_sql else "")
        backfill_sql = backfill_sql or "-- This is an empty migration."
        # One transaction with the triggers' removal: writes to the old column keep reaching the
        # shadow one until the swap. Every step is catalog-only (or, on SQLite, one rebuild under
        # the write lock that readers do not wait for), so the lock is brief.
        contract_lock_lines = ["transactional = true", *(DDL_LOCK_LINES if lock_machinery else _lock_lines(False)[1:])]
    contract_toml = "\n".join(
        [
            "# midair contract phase: refused while the backfill has left rows behind.",
            'phase = "contract"',
            *contract_lock_lines,
            "",
            "# The dual-write triggers to drop before the old columns go.",
            "[sync]",
            f'table = "{sync.table}"',
            f"key = {_names(sync.key)}",
            f"old = {_names(sync.old)}",
            f"new = {_names(sync.new)}",
        ]
    ) + "\n"
    backfill_toml = (
        "# midair backfill phase: deploying it runs the [backfill] of the expand migration before it\n"
        "# (or run `midair backfill <this folder>` yourself; it resumes where it stopped), then this\n"
        "# folder's migration.sql, if any.\n"
        'phase = "backfill"\n'
        # Its own SQL (a type change's NOT NULL proof) runs statement by statement.
        + ("transactional = false\n" + "\n".join(DDL_LOCK_LINES) + "\n" if "ALTER TABLE" in backfill_sql or "CREATE" in backfill_sql else "")
    )
    slug = name.strip() or "change"
    folders = []
    for suffix, sql, toml in (
        ("expand", expand_sql, expand_toml(ops, lock_machinery=lock_machinery)),
        ("backfill", backfill_sql, backfill_toml),
        ("contract", contract_sql, contract_toml),
    ):
        m = write_migration(migrations_dir, f"{slug}_{suffix}", sql, provider=provider)
        (m.path / "migration.toml").write_text(toml, encoding="utf-8")
        folders.append(m.path)
    placeholders = sum(PLACEHOLDER in expr for o in ops for _, expr in o.sync().new_from_old + o.sync().old_from_new)
    return PhasedMigrations(tuple(ops), tuple(folders), placeholders)


__all__ = ["PhasedMigrations", "breaking_operations", "create_phased_migrations", "expanded_schema"]
