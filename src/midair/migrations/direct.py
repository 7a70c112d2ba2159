"""Changing a database without writing migrations: `db push` and `db execute`.

`push`: the schema file is applied straight to the database (prototyping, as Prisma's `db push`):
introspect, diff against the schema, read the data (`plan_checks` + `evaluate`), refuse
unexecutable steps, ask consent for data loss (the caller's `consent`), then run the SQL in one
transaction under the database lock. No history row is written.

`execute`: run a SQL script as one command (Prisma's `db execute`); only success or failure is
reported.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from midair.errors import ConfigError, MigrationError, UnsafeChangeError
from midair.migrations.apply import error_text, indent, open_target
from midair.urls import DatabaseUrl

Consent = Callable[[str, str, str], None]  # (question, flag, why): returns or raises


def _refuse(question: str, flag: str, why: str) -> None:
    raise UnsafeChangeError(f"{why}\nNothing was changed.", hint=f"Run it again with {flag} to go ahead.")


@dataclass(frozen=True, slots=True)
class PushResult:
    """What `db push` did: the SQL it ran (empty when already in sync) and the data-loss warnings
    that were accepted."""

    sql: str
    steps: int
    warnings: tuple[str, ...] = ()

    @property
    def in_sync(self) -> bool:
        return self.steps == 0


def push(
    schema_path: Path,
    url: str | DatabaseUrl,
    *,
    accept_data_loss: bool = False,
    consent: Consent = _refuse,
    lock_timeout: float = 60.0,
    base_dir: Path | None = None,
) -> PushResult:
    from midair.checks import evaluate, plan_checks
    from midair.diff import diff
    from midair.introspect import introspect
    from midair.render import migration_script
    from midair.schema.lower import schema_from_file

    target = open_target(url, base_dir=base_dir)
    provider = target.dialect.name
    try:
        wanted = schema_from_file(Path(schema_path), provider)
        with target.ops.database_lock(target.conn, lock_timeout):
            migration = diff(introspect(target.conn), wanted, provider)
            if not migration.steps:
                return PushResult("", 0)
            report = evaluate(plan_checks(migration.steps, provider), target.conn)
            if report.unexecutable:
                raise UnsafeChangeError(
                    "The schema cannot be pushed: these changes cannot run against the data in the database:\n"
                    + "\n".join(f"  - {f}" for f in report.unexecutable),
                    hint="Fix the data first (or change the schema), then push again.",
                )
            warnings = tuple(str(f) for f in report.warnings)
            if warnings and not accept_data_loss:
                consent(
                    "Push the schema and lose this data?",
                    "--accept-data-loss",
                    "Pushing the schema loses data:\n" + "\n".join(f"  - {w}" for w in warnings),
                )
            sql = migration_script(migration, provider)
            try:
                target.ops.run_script(target.conn, sql, transactional=bool(target.dialect.transactional_ddl), finish=lambda: None)
            except Exception as e:
                message, code = error_text(e, sql)
                raise MigrationError(
                    "The schema could not be pushed; nothing was changed.\n"
                    + (f"Database error code: {code}\n" if code else "")
                    + f"Database error:\n{indent(message)}"
                ) from None
            return PushResult(sql, len(migration.steps), warnings)
    finally:
        target.close()


def execute(url: str | DatabaseUrl, sql: str, *, base_dir: Path | None = None) -> None:
    """Run `sql` on the database as one script (its own transaction control, if any, applies)."""
    if not sql.strip():
        raise ConfigError("The script is empty.")
    target = open_target(url, base_dir=base_dir)
    try:
        try:
            target.conn.script(sql)
        except Exception as e:
            message, code = error_text(e, sql)
            raise MigrationError(
                "The script failed.\n" + (f"Database error code: {code}\n" if code else "") + f"Database error:\n{indent(message)}",
                code="M3018",
            ) from None
    finally:
        target.close()
