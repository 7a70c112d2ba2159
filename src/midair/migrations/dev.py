"""`migrate dev`: the development loop (Prisma's flow, with checks that read the data).

1. Diagnose the development database against the migrations folder: failed migrations, applied
   migrations edited or deleted since, and drift (the database differs from what its applied
   migrations build, measured on a shadow database). Any of these needs a reset: it is explained
   object by object, and done only with consent (`--force`, or a yes at a terminal).
2. Apply the pending migrations to the development database (and to the shadow).
3. Diff the schema file against the shadow state (what the migrations build).
4. Nothing to do: "Already in sync". Otherwise read the data: `plan_checks` + `evaluate` on the
   development database (how many values a drop loses, how many NULLs block a NOT NULL);
   unexecutable steps stop here (unless `--create-only`); data loss needs consent
   (`--accept-data-loss`, or a yes at a terminal).
5. Write `<timestamp>_<name>/migration.sql` with Prisma's warnings block (`pure_warnings`) and the
   lock file, and apply it unless `--create-only`.

Questions go through the `Prompter` given by the caller; the CLI answers them at a terminal and
refuses (naming the flag) without one, so `migrate dev` never hangs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from midair.errors import ConfigError, UnsafeChangeError
from midair.migrations.apply import (
    Report,
    _quiet,
    apply_one,
    failed_rows,
    modified,
    open_target,
    pending,
    take_backup,
)
from midair.migrations.folder import MigrationDir, check_lock, list_migrations, validate_name, write_migration
from midair.migrations.history import History
from midair.dialects import get_dialect
from midair.migrations.dialect_ops import ops_for
from midair.urls import DatabaseUrl, parse_url


class Prompter(Protocol):
    """How `migrate dev` asks its questions (the CLI implements it)."""

    def name(self) -> str | None:
        """A name for the new migration, or None when nobody can be asked."""

    def consent(self, question: str, flag: str, why: str) -> None:
        """Return if the person agrees; raise `UnsafeChangeError` (naming `flag`) otherwise."""


class NonInteractive:
    """No terminal: never asks; stops with a message naming the flag that answers the question."""

    def name(self) -> str | None:
        return None

    def consent(self, question: str, flag: str, why: str) -> None:
        raise UnsafeChangeError(
            f"{why}\nThis needs a confirmation and there is no terminal to ask in.",
            hint=f"Run it again with {flag} to go ahead.",
        )


@dataclass(frozen=True, slots=True)
class DevResult:
    """What `migrate dev` did."""

    reset: bool = False
    reset_reasons: tuple[str, ...] = ()
    applied_pending: tuple[str, ...] = ()
    created: MigrationDir | None = None
    applied_new: bool = False
    warnings: tuple[str, ...] = ()
    unexecutable: tuple[str, ...] = ()
    in_sync: bool = False
    notes: tuple[str, ...] = field(default=())
    backup: Path | None = None  # taken before the new migration was applied


def dev(
    schema_path: Path,
    url: str | DatabaseUrl,
    migrations_dir: Path,
    *,
    name: str | None = None,
    create_only: bool = False,
    shadow_url: str | None = None,
    accept_data_loss: bool = False,
    force: bool = False,
    prompter: Prompter | None = None,
    report: Report = _quiet,
    base_dir: Path | None = None,
    backup: str = "auto",
    backup_dir: Path | None = None,
) -> DevResult:
    """Run `migrate dev` (see the module docstring). Raises `UnsafeChangeError` where consent is
    missing, `MigrationError` (M3006) when the folder does not replay on the shadow."""
    from midair.checks import evaluate, plan_checks, pure_warnings
    from midair.diff import diff
    from midair.introspect import introspect
    from midair.migrations.drift import detect
    from midair.migrations.shadow import Shadow
    from midair.render import migration_script
    from midair.schema.lower import schema_from_file

    prompter = prompter or NonInteractive()
    if name is not None:
        validate_name(name)  # refuse a bad name before any work
    migrations_dir = Path(migrations_dir)
    parsed = url if isinstance(url, DatabaseUrl) else parse_url(url, base_dir=base_dir)
    if ops_for(get_dialect(parsed.provider)).create_database_if_missing(parsed):
        report(f"Created the development database {parsed.redacted}")
    target = open_target(parsed)
    provider = target.dialect.name
    try:
        from midair.psl import load_schema
        from midair.psl import provider as schema_provider

        declared = schema_provider(load_schema(Path(schema_path)))
        if {"postgres": "postgresql"}.get(declared, declared) != provider:
            raise ConfigError(
                f"The schema `{schema_path}` is for `{declared}` but the database URL is for `{provider}`.",
                hint="Point DATABASE_URL (or --url) at a database of the schema's provider.",
            )
        wanted = schema_from_file(Path(schema_path), provider)
        check_lock(migrations_dir, provider)
        migrations = list_migrations(migrations_dir)
        history = History(target.conn, target.ops)
        rows = history.rows()

        # 1. Diagnose.
        reasons: list[str] = []
        for r in failed_rows(rows):
            reasons.append(f"The migration `{r.migration_name}` failed in the development database.")
        for m, r in modified(rows, migrations):
            reasons.append(
                f"The migration `{m.name}` was modified after it was applied "
                f"(recorded checksum {r.checksum}, the file's is now {m.checksum})."
            )
        folder_names = {m.name for m in migrations}
        for gone in sorted({r.migration_name for r in rows if r.applied and r.migration_name not in folder_names}):
            reasons.append(f"The migration `{gone}` is recorded as applied but missing from the migrations folder.")
        applied_names = {r.migration_name for r in rows if r.applied}
        with Shadow(provider, url=target.url.raw, shadow_url=shadow_url, base_dir=base_dir) as shadow:
            done = [m for m in migrations if m.name in applied_names]
            for m in done:
                shadow.apply(m)
            if not reasons:
                drift = detect(shadow.schema(), introspect(target.conn), provider)
                if drift:
                    reasons.append("Drift detected: the database differs from what its migrations build:\n" + drift.summary())
            for m in migrations:
                if m.name not in applied_names:
                    shadow.apply(m)
            built = shadow.schema()

        # 2. Reset with consent, or apply what is pending.
        did_reset = False
        applied_pending: list[str] = []
        if reasons:
            why = "\n".join(reasons) + f"\n\nTo continue, all data in {target.url.redacted} will be lost."
            if force:
                for line in reasons:
                    report(line)
            else:
                prompter.consent("Reset the development database? All data will be lost.", "--force", why)
            with target.ops.database_lock(target.conn, 60.0):
                target.ops.reset(target.conn)
                history.drop()
            did_reset = True
            report(f"Database reset: {target.url.redacted}")
        with target.ops.database_lock(target.conn, 60.0):
            history.ensure()
            for m in pending(history.rows(), migrations):
                apply_one(target, history, m, report)
                applied_pending.append(m.name)
        for n in applied_pending:
            report(f"Applied migration `{n}`")

        # 3. Diff the schema file against what the migrations build.
        migration = diff(built, wanted, provider)
        if not migration.steps and not create_only:
            report("Already in sync, no schema change or pending migration was found.")
            return DevResult(did_reset, tuple(reasons), tuple(applied_pending), in_sync=True)

        # 4. Read the data.
        findings = evaluate(plan_checks(migration.steps, provider), target.conn) if migration.steps else None
        warnings = tuple(str(f) for f in findings.warnings) if findings else ()
        unexecutable = tuple(str(f) for f in findings.unexecutable) if findings else ()
        if warnings:
            report("Warnings for the development database:")
            for w in warnings:
                report(f"  • {w}")
        if unexecutable and not create_only:
            raise UnsafeChangeError(
                "These changes cannot be executed on the development database:\n"
                + "\n".join(f"  - {u}" for u in unexecutable),
                hint="Use `midair migrate dev --create-only` to write the migration and edit it (for example to "
                "fill the NULL rows first), then run `midair migrate dev` to apply it.",
            )
        if warnings and not accept_data_loss and not create_only:
            prompter.consent(
                "Are you sure you want to create and apply this migration?",
                "--accept-data-loss",
                "The migration loses data in the development database:\n" + "\n".join(f"  - {w}" for w in warnings),
            )

        # 5. Write (and apply).
        if name is None:
            name = prompter.name() or ""
        sql = migration_script(migration, provider, warnings=pure_warnings(migration.steps, provider))
        created = write_migration(migrations_dir, name, sql, provider=provider)
        report(f"Created migration `{created.name}`")
        if create_only:
            report("Edit it if needed, then run `midair migrate dev` to apply it.")
            return DevResult(did_reset, tuple(reasons), tuple(applied_pending), created, False, warnings, unexecutable)
        # The same automatic backup as `migrate deploy`: `auto` takes one when the checks found
        # data that this migration loses in the development database.
        backup_path = take_backup(
            target.url,
            backup,
            destructive=bool(warnings),
            directory=backup_dir or migrations_dir.parent / ".midair" / "backups",
            reason=f"before migrate dev applies {created.name}",
        )
        if backup_path:
            report(f"Backup saved to {backup_path}")
        with target.ops.database_lock(target.conn, 60.0):
            apply_one(target, history, created, report)
        report(f"Applied migration `{created.name}`; the database is in sync with the schema.")
        return DevResult(
            did_reset, tuple(reasons), tuple(applied_pending), created, True, warnings, unexecutable, backup=backup_path
        )
    finally:
        target.close()
