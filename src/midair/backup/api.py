"""`backup`, `restore`, `auto_backup` and `list_backups`: the dialect-neutral part of backups.

The dialect's `backup` module (`midair.dialects.<d>.backup`) does the work that depends on the
database — `dump`, `facts`, `restore_target`, `state`, `check_restore_tool`, `create`, `load`,
`replace`, `discard`, `manifest_url`, `tool_major`, `EXTENSION` — and this module orders it:

backup:  dump into a hidden partial file → checksum → rename into place → manifest beside it.
restore: manifest → file size and checksum → target (new by default; a non-empty one only with
         `force`) → client version → load → read the restored database → compare with the
         manifest (tables, row counts, applied migrations, schema checksum).
"""

from __future__ import annotations

import os
import re
import shlex
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from importlib import import_module
from pathlib import Path
from types import ModuleType

from midair.backup.facts import DatabaseFacts, differences
from midair.backup.manifest import SUFFIX, Manifest, check_file, manifest_path, sha256_file
from midair.backup.progress import reporter, say
from midair.dialects import get_dialect
from midair.errors import BackupError, ConfigError, MidairError
from midair.urls import DatabaseUrl, parse_url, redact

DEFAULT_KEEP = 10
"""Automatic backups kept per database in the backup folder."""


@dataclass(frozen=True, slots=True)
class BackupResult:
    """A backup written: the file, its manifest, and older backups removed by retention."""

    path: Path
    manifest: Manifest
    manifest_path: Path
    pruned: tuple[Path, ...] = ()

    def restore_command(self, *, in_place: bool = False) -> str:
        """The command that restores this backup (into a new database, or over the original)."""
        cmd = f"midair db restore {shlex.quote(str(self.path))}"
        if in_place:
            # The manifest's URL has lost its password (if it had one): a URL with credentials
            # is read from the environment instead of being printed.
            url = '"$DATABASE_URL"' if "@" in self.manifest.database else shlex.quote(self.manifest.database)
            cmd += f" --to {url} --force"
        return cmd


@dataclass(frozen=True, slots=True)
class RestoreResult:
    """A restore done and checked: where it went and what differs from the manifest (if any)."""

    path: Path
    target: str  # the target URL, redacted
    created: bool  # a new database or file was made for it
    manifest: Manifest
    facts: DatabaseFacts  # read from the restored database
    differences: tuple[str, ...] = field(default=())
    duration_seconds: float = 0.0

    @property
    def verified(self) -> bool:
        return not self.differences


@dataclass(frozen=True, slots=True)
class BackupEntry:
    """One backup found in a folder (`db backups`)."""

    path: Path
    manifest: Manifest
    present: bool  # the backup file is there (the manifest alone may be left)


def backup_module(provider: str) -> ModuleType:
    """The dialect's `backup` module: the package of the provider's `Dialect` + ``.backup``."""
    dialect = get_dialect(provider)
    package = type(dialect).__module__.rsplit(".", 1)[0]
    return import_module(f"{package}.backup")


def _stamp(now: datetime) -> str:
    return now.strftime("%Y%m%d%H%M%S")


def _label(url: DatabaseUrl) -> str:
    name = url.database or (url.path.stem if url.path else "db")
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", name)


def _free_path(directory: Path, stem: str, ext: str) -> Path:
    candidate, n = directory / f"{stem}{ext}", 2
    while candidate.exists() or manifest_path(candidate).exists():
        candidate, n = directory / f"{stem}_{n}{ext}", n + 1
    return candidate


def _parse(url: str | DatabaseUrl) -> DatabaseUrl:
    return url if isinstance(url, DatabaseUrl) else parse_url(url)


def backup(
    url: str | DatabaseUrl,
    out: Path | None = None,
    *,
    progress: bool = True,
    directory: Path | None = None,
    reason: str = "manual",
) -> BackupResult:
    """Back up the database at `url` into `out` (default: a new file in `directory`, by default
    ``.midair/backups``) and write its manifest beside it. Never overwrites a file."""
    db = _parse(url)
    mod = backup_module(db.provider)
    now = datetime.now(timezone.utc)
    if out is None:
        folder = directory or Path(".midair/backups")
        folder.mkdir(parents=True, exist_ok=True)
        # Milliseconds in the name: a name freed by retention is never given to a newer backup.
        out = _free_path(folder, f"{now.strftime('%Y%m%d%H%M%S%f')[:17]}_{_label(db)}", mod.EXTENSION)
    out = Path(out)
    mpath = manifest_path(out)
    for existing in (out, mpath):
        if existing.exists():
            raise BackupError(f"`{existing}` already exists; a backup never overwrites a file.", hint="Choose another --out, or remove the old file first.")
    if not out.parent.is_dir():
        raise BackupError(f"The folder `{out.parent}` does not exist.", hint="Create it, or choose another --out.")
    partial = out.with_name("." + out.name + ".partial")
    started = time.monotonic()
    try:
        partial.unlink(missing_ok=True)
        with reporter(progress, f"Backing up {redact(db.raw)}") as update:
            found, tool = mod.dump(db, partial, progress=update)
        manifest = Manifest(
            file=out.name,
            database=mod.manifest_url(db),
            provider=db.provider,
            server_version=found.server_version,
            tool=tool,
            schema_checksum=found.schema_checksum,
            last_migration=found.last_migration,
            applied_migrations=found.applied_migrations,
            tables=found.tables,
            size=partial.stat().st_size,
            sha256=sha256_file(partial),
            created_at=now.isoformat(timespec="microseconds").replace("+00:00", "Z"),
            duration_seconds=round(time.monotonic() - started, 3),
            reason=reason,
        )
        # The manifest first: a backup file is never in place without the manifest that vouches for it.
        manifest.write(mpath)
        os.replace(partial, out)
    except BaseException as e:
        partial.unlink(missing_ok=True)
        if not out.exists():
            mpath.unlink(missing_ok=True)
        if isinstance(e, OSError):
            raise BackupError(f"Cannot write the backup `{out}`: {e.strerror or e}.") from None
        raise
    return BackupResult(out, manifest, mpath)


def restore(
    file: Path,
    to_url: str | DatabaseUrl | None = None,
    *,
    force: bool = False,
    url: str | DatabaseUrl | None = None,
    progress: bool = True,
) -> RestoreResult:
    """Restore `file` into `to_url`, or by default into a new database beside the original (on
    `url`'s server, else the manifest's), then check it against the manifest.

    Nothing is touched when the file is damaged, the target is of another kind, or the target
    is not empty and `force` is not given. Differences are returned in `RestoreResult.differences`
    (the CLI exits non-zero on any)."""
    file = Path(file)
    if not file.is_file():
        raise BackupError(f"The backup file `{file}` does not exist.")
    manifest = Manifest.read(manifest_path(file))
    check_file(file, manifest)
    mod = backup_module(manifest.provider)
    what = f"a {get_dialect(manifest.provider).name} backup of `{redact(manifest.database)}`"

    if to_url is not None:
        target = _parse(to_url)
        if target.provider != get_dialect(manifest.provider).name:
            raise BackupError(f"`{file}` is {what}; it cannot be restored into the {target.provider} database `{target.redacted}`.")
    else:
        origin = _parse(url) if url is not None else _parse(manifest.database)
        if origin.provider != get_dialect(manifest.provider).name:
            raise BackupError(f"`{file}` is {what}; `{origin.redacted}` is a {origin.provider} database.")
        stamp = _stamp(datetime.now(timezone.utc))
        target = mod.restore_target(origin, stamp)
        n = 2
        while mod.state(target) != "missing":  # two restores within one second
            target, n = mod.restore_target(origin, f"{stamp}_{n}"), n + 1

    state = mod.state(target)
    if state == "non-empty" and not force:
        raise BackupError(
            f"The database `{target.redacted}` is not empty; refusing to restore over it. Nothing was changed.",
            hint="Restore into a new database (leave out --to), or pass --force to replace its whole content.",
        )
    client = mod.check_restore_tool(target, mod.tool_major(manifest.tool))
    started = time.monotonic()
    created = state == "missing"
    if created:
        mod.create(target)
    try:
        with reporter(progress, f"Restoring into {target.redacted}") as update:
            load = mod.replace if state == "non-empty" else mod.load
            load(file, target, client, tables=len(manifest.tables), progress=update)
    except BaseException:
        if created:
            mod.discard(target)
        raise
    after = mod.facts(target)
    return RestoreResult(
        path=file,
        target=target.redacted,
        created=created,
        manifest=manifest,
        facts=after,
        differences=tuple(differences(manifest.facts, after)),
        duration_seconds=round(time.monotonic() - started, 3),
    )


def list_backups(directory: Path) -> list[BackupEntry]:
    """The backups in `directory` (those with a readable manifest), newest first."""
    if not directory.is_dir():
        return []
    entries: list[BackupEntry] = []
    for mpath in directory.glob("*" + SUFFIX):
        try:
            manifest = Manifest.read(mpath)
        except MidairError:
            continue  # not ours, or damaged: listing must not fail because of one file
        file = mpath.with_name(mpath.name[: -len(SUFFIX)])
        entries.append(BackupEntry(file, manifest, file.is_file()))
    return sorted(entries, key=lambda e: (e.manifest.created_at, e.path.name), reverse=True)


def prune(directory: Path, *, database: str, keep: int) -> tuple[Path, ...]:
    """Remove all but the newest `keep` backups of `database` in `directory` (file + manifest).
    Files without a midair manifest are never touched."""
    if keep < 1:
        raise ConfigError(f"Keeping {keep} backups would delete the one just taken.", hint="Use keep >= 1.")
    mine = [e for e in list_backups(directory) if e.manifest.database == database]
    removed: list[Path] = []
    for entry in mine[keep:]:
        entry.path.unlink(missing_ok=True)
        manifest_path(entry.path).unlink(missing_ok=True)
        removed.append(entry.path)
    return tuple(removed)


def auto_backup(
    url: str | DatabaseUrl,
    *,
    reason: str,
    directory: Path,
    keep: int = DEFAULT_KEEP,
    progress: bool = True,
) -> BackupResult:
    """Back up before a risky migration: a new file in `directory`, the `keep` newest backups of
    this database kept, and (with `progress`) the path and the undo command printed on stderr."""
    if keep < 1:
        raise ConfigError(f"Keeping {keep} backups would delete the one just taken.", hint="Use keep >= 1.")
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    result = backup(url, progress=progress, directory=directory, reason=reason)
    pruned = prune(directory, database=result.manifest.database, keep=keep)
    result = BackupResult(result.path, result.manifest, result.manifest_path, pruned)
    if progress:
        m = result.manifest
        tables = f"{len(m.tables)} table{'' if len(m.tables) == 1 else 's'}"
        say(f"Backed up {m.rows} row{'' if m.rows == 1 else 's'} in {tables} to {result.path} ({reason}).")
        say(f"To undo: {result.restore_command(in_place=True)}")
    return result
