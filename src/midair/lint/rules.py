"""The lint rules: stable code, severity, message template and safe alternative, in one place.

Codes are grouped by concern (SAFETY-REFERENCE §2.1, squawk × strong_migrations × Atlas merged):
``ZD0xx`` input, ``ZD1xx`` indexes, ``ZD2xx`` adding columns and keys, ``ZD3xx`` constraints and
NOT NULL, ``ZD4xx`` type changes, ``ZD5xx`` changes that break the running app version, ``ZD6xx``
data changes, ``ZD7xx`` lock discipline. A code never changes meaning once released.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Rule:
    """One lint rule: `code`, `name` (squawk-style), `severity` and the texts shown to the user."""

    code: str
    name: str
    severity: str  # "error" | "warning"
    message: str  # str.format() with table, column, name, detail
    alternative: str


RULES: dict[str, Rule] = {
    r.code: r
    for r in (
        Rule("ZD001", "syntax-error", "error", "cannot parse the SQL: {detail}", "fix the statement"),
        Rule("ZD101", "require-concurrent-index-creation", "error",
             "`CREATE INDEX {name}` on the existing table `{table}` takes a SHARE lock that blocks writes for the whole build",
             "CREATE INDEX CONCURRENTLY, in a migration with `transactional = false` in migration.toml"),
        Rule("ZD102", "require-concurrent-index-deletion", "warning",
             "`DROP INDEX {name}` takes an ACCESS EXCLUSIVE lock on its table (blocks reads and writes)",
             "DROP INDEX CONCURRENTLY, outside a transaction"),
        Rule("ZD103", "concurrent-in-transaction", "error",
             "`{detail}` cannot run inside a transaction block",
             "put it in a migration with `transactional = false` in migration.toml and no BEGIN/COMMIT"),
        Rule("ZD201", "adding-field-with-volatile-default", "error",
             "adding `{table}.{column}` with a volatile default rewrites the whole table and its indexes under an ACCESS EXCLUSIVE lock",
             "add the column without a default, SET DEFAULT for new rows, then `midair backfill` the existing rows"),
        Rule("ZD202", "adding-required-field", "error",
             "adding the required column `{table}.{column}` without a default fails on a non-empty table and breaks inserts of the running app",
             "add it nullable (or with a constant default), backfill, then SET NOT NULL behind a validated CHECK (`midair migrate expand-contract`)"),
        Rule("ZD203", "adding-rewriting-field", "error",
             "adding `{table}.{column}` as {detail} rewrites the whole table under an ACCESS EXCLUSIVE lock",
             "a plain column filled by a trigger and a batched backfill"),
        Rule("ZD204", "disallowed-unique-constraint", "error",
             "adding a UNIQUE/PRIMARY KEY constraint on `{table}` builds its index under an ACCESS EXCLUSIVE lock",
             "CREATE UNIQUE INDEX CONCURRENTLY, then ALTER TABLE … ADD CONSTRAINT … UNIQUE USING INDEX"),
        Rule("ZD301", "adding-not-nullable-field", "error",
             "`SET NOT NULL` on `{table}.{column}` scans the whole table under an ACCESS EXCLUSIVE lock",
             "ADD CONSTRAINT … CHECK ({column} IS NOT NULL) NOT VALID; VALIDATE CONSTRAINT; SET NOT NULL; DROP CONSTRAINT"),
        Rule("ZD302", "constraint-missing-not-valid", "error",
             "adding the CHECK constraint {name} on `{table}` scans the whole table under an ACCESS EXCLUSIVE lock",
             "ADD CONSTRAINT … NOT VALID, then VALIDATE CONSTRAINT in a separate transaction"),
        Rule("ZD303", "adding-foreign-key-constraint", "error",
             "adding the foreign key {name} on `{table}` scans it while blocking writes on `{table}` and `{detail}`",
             "ADD CONSTRAINT … NOT VALID, then VALIDATE CONSTRAINT in a separate transaction"),
        Rule("ZD304", "validate-in-same-transaction", "warning",
             "VALIDATE CONSTRAINT {name} runs in the same transaction as the locks taken before it, which stay held during its scan",
             "validate in its own transaction (`transactional = false` in migration.toml runs each statement alone)"),
        Rule("ZD401", "changing-column-type", "error",
             "changing the type of `{table}.{column}` to {detail} rewrites the table under an ACCESS EXCLUSIVE lock and breaks the running app's reads",
             "expand/contract: a new column of the new type, dual-write triggers, backfill, then drop the old one (`midair migrate expand-contract`)"),
        Rule("ZD501", "renaming-column", "error",
             "renaming `{table}.{column}` to `{detail}` breaks the running app version, which still uses the old name",
             "expand/contract: add the new column, keep both in step with triggers, backfill, drop the old one later"),
        Rule("ZD502", "renaming-table", "error",
             "renaming the table `{table}` to `{detail}` breaks the running app version",
             "create the new table and dual-write, or keep a view under the old name until the app is updated"),
        Rule("ZD503", "ban-drop-column", "error",
             "dropping `{table}.{column}` breaks the running app version if it still reads or writes it, and loses its data",
             "drop it in a contract migration (`phase = \"contract\"` in migration.toml) after the app stopped using it and a backup"),
        Rule("ZD504", "ban-drop-table", "error",
             "dropping the table `{table}` breaks the running app version and loses its data",
             "drop it in a contract migration (`phase = \"contract\"`) after the app stopped using it and a backup"),
        Rule("ZD505", "ban-drop-not-null", "warning",
             "dropping NOT NULL on `{table}.{column}` lets NULLs in that the running app may not expect",
             "make sure every app version handles NULL first"),
        Rule("ZD601", "unbatched-update", "warning",
             "`UPDATE {table}` in a migration updates every matching row in one transaction, locking them all until it commits",
             "a batched backfill: `midair backfill --sql '…'` (short transactions by key range, resumable)"),
        Rule("ZD701", "require-lock-timeout", "warning",
             "`{detail}` takes an {lock} lock on `{table}` with no lock_timeout: while it waits, every query on `{table}` queues behind it",
             "set `lock_timeout = \"2s\"` and `retries` in migration.toml (or `SET lock_timeout` at the top of the file)"),
    )
}


__all__ = ["RULES", "Rule"]
