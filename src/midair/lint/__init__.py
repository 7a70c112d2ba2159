"""`midair lint`: find the statements of migration SQL that would hurt a live app.

Algorithm:

1. Parse each file with pglast (PostgreSQL's own parser); a syntax error is finding ZD001 at its
   file:line:col.
2. Classify each statement into step kinds with their lock facts (`dialects/postgres/locks.py`).
3. Read a migrations folder as a history, oldest first (`history.py`): what earlier migrations
   established is carried forward — validated ``CHECK (col IS NOT NULL)`` constraints (so a later
   SET NOT NULL is cheap, even in another migration), tables that cannot hold rows yet (created by
   the same migration, or by a pending one when `applied` is known), indexes built, and the phases
   of `migration.toml`. A migration of a migrations folder (its parent holds `migration_lock.toml`,
   or it is named like Prisma's ``<14-digit timestamp>_name``) is read after its earlier siblings,
   even when only it is linted; other scripts are read alone.
4. Read each migration's `migration.toml`: with `transactional = false` midair's executor applies
   the safe forms itself, so plain CREATE INDEX / SET NOT NULL / ADD CONSTRAINT pass; `lock_timeout`
   covers the lock-queue rule; a contract's drops, and the rename that swaps a type change's shadow
   column in, are reported as *info* with the reason (the expand and backfill that prepared them),
   not as errors. The same statements in a migration without phases stay errors.
5. Report findings with a stable code (`rules.py`), the safe alternative, and exit 1 on any error.

SQLite migrations (``provider = "sqlite"`` in `migration_lock.toml`) get `lint_sqlite_sql`: the
app-compatibility and data rules only, since SQLite has no lock levels to lower.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Collection, Iterable

from midair.errors import ConfigError
from midair.lint.findings import INFO, Finding, counts, summary_line, to_json
from midair.lint.history import History
from midair.lint.postgres import lint_sql
from midair.lint.sqlite import lint_sqlite_sql
from midair.migrations.settings import MigrationSettings

SCRIPT = "migration.sql"
LOCK_FILE = "migration_lock.toml"


def _provider_of(file: Path) -> str:
    """The provider in the nearest `migration_lock.toml` (the migration's folder or its parent)."""
    from midair.migrations.folder import read_lock

    for folder in (file.parent, file.parent.parent):
        provider = read_lock(folder)
        if provider:
            return provider
    return "postgresql"


def migration_files(paths: Iterable[Path]) -> list[Path]:
    """The SQL files under `paths`: files as given, folders searched for ``*.sql`` (sorted)."""
    files: list[Path] = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            files += sorted(p.rglob("*.sql"))
        elif p.is_file():
            files.append(p)
        else:
            raise ConfigError(f"No such file or folder: {p}")
    return files


_PRISMA_FOLDER = re.compile(r"^\d{14}_")


def history_root(file: Path) -> Path | None:
    """The migrations folder `file` belongs to as one migration of a history, else None: its
    parent holds `migration_lock.toml` (as every Prisma migrations folder does), or its folder is
    named like a Prisma migration (``20250314130911_…``; an old history may have lost its lock)."""
    if file.name != SCRIPT:
        return None
    root = file.parent.parent
    return root if (root / LOCK_FILE).is_file() or _PRISMA_FOLDER.match(file.parent.name) else None


def _read(file: Path) -> str:
    try:
        return file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigError(f"Cannot read {file}: {e}") from None


def lint_history(root: Path, applied: Collection[str] | None = None) -> dict[Path, list[Finding]]:
    """The findings of every migration of the migrations folder `root`, linted in order, each
    against what the ones before it established. `applied`: the migrations the target database
    has applied (unknown: None)."""
    history = History(applied=None if applied is None else frozenset(applied))
    from midair.migrations.folder import read_lock

    lint = lint_sqlite_sql if read_lock(root) == "sqlite" else lint_sql
    out: dict[Path, list[Finding]] = {}
    for folder in sorted(p for p in root.iterdir() if (p / SCRIPT).is_file()):
        file = folder / SCRIPT
        out[file] = lint(_read(file), str(file), MigrationSettings.load(folder), history, folder.name)
    return out


def lint_paths(paths: Iterable[Path], *, applied: Collection[str] | None = None) -> list[Finding]:
    """Findings for every SQL file under `paths`, each read with its folder's migration.toml and,
    for a migration of a migrations folder, with the history of the migrations before it."""
    histories: dict[Path, dict[Path, list[Finding]]] = {}
    out: list[Finding] = []
    for f in migration_files(paths):
        root = history_root(f)
        if root is None:
            lint = lint_sqlite_sql if _provider_of(f) == "sqlite" else lint_sql
            out += lint(_read(f), str(f), MigrationSettings.load(f.parent))
            continue
        if root not in histories:
            histories[root] = {k.resolve(): v for k, v in lint_history(root, applied).items()}
        # Reported under the path as the user gave it.
        out += [_at(x, str(f)) for x in histories[root].get(f.resolve(), [])]
    return out


def _at(found: Finding, file: str) -> Finding:
    from dataclasses import replace

    return found if found.file == file else replace(found, file=file)


__all__ = [
    "INFO",
    "Finding",
    "History",
    "counts",
    "history_root",
    "lint_history",
    "lint_paths",
    "lint_sql",
    "lint_sqlite_sql",
    "migration_files",
    "summary_line",
    "to_json",
]
