"""The manifest: a small JSON file beside each backup that says what the backup holds.

It names the database (URL without password), the server version, the tool that wrote the
file, the schema checksum, the applied migrations, the row count of every table, and the file's
size and SHA-256 — so a restore can refuse a damaged file before touching anything, and check
the restored database against what was backed up.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from midair.backup.facts import DatabaseFacts
from midair.errors import BackupError

FORMAT = "midair-backup/1"
SUFFIX = ".manifest.json"


def manifest_path(backup_file: Path) -> Path:
    """Where the manifest of `backup_file` lives: beside it, ``<file>.manifest.json``."""
    return backup_file.with_name(backup_file.name + SUFFIX)


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


@dataclass(frozen=True, slots=True)
class Manifest:
    """What one backup file holds and how it was made."""

    file: str  # the backup's file name (the manifest sits beside it)
    database: str  # the URL without its password
    provider: str
    server_version: str
    tool: str  # ``pg_dump 15.20``, ``sqlite3 backup API 3.40.1``
    schema_checksum: str
    last_migration: str | None
    applied_migrations: tuple[str, ...]
    tables: tuple[tuple[str, int], ...]
    size: int
    sha256: str
    created_at: str  # ISO 8601, UTC, microseconds (orders backups taken in the same second)
    duration_seconds: float
    reason: str = "manual"
    format: str = FORMAT

    @property
    def rows(self) -> int:
        return sum(n for _, n in self.tables)

    @property
    def facts(self) -> DatabaseFacts:
        return DatabaseFacts(self.server_version, self.tables, self.schema_checksum, self.applied_migrations)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["tables"] = dict(self.tables)
        data["applied_migrations"] = list(self.applied_migrations)
        data["rows"] = self.rows
        return data

    def write(self, path: Path) -> None:
        tmp = path.with_name("." + path.name + ".partial")
        tmp.write_text(json.dumps(self.to_json(), indent=2) + "\n")
        os.replace(tmp, path)

    @classmethod
    def read(cls, path: Path) -> Manifest:
        try:
            data = json.loads(path.read_text())
        except FileNotFoundError:
            raise BackupError(
                f"The manifest `{path}` is missing: without it the backup cannot be checked.",
                hint="midair writes `<backup>.manifest.json` beside each backup; restore the pair together.",
            ) from None
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
            raise BackupError(f"The manifest `{path}` cannot be read: {e}.") from None
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise BackupError(f"`{path}` is not a midair backup manifest (expected format `{FORMAT}`).")
        try:
            return cls(
                file=str(data["file"]),
                database=str(data["database"]),
                provider=str(data["provider"]),
                server_version=str(data["server_version"]),
                tool=str(data["tool"]),
                schema_checksum=str(data["schema_checksum"]),
                last_migration=data.get("last_migration"),
                applied_migrations=tuple(str(m) for m in data["applied_migrations"]),
                tables=tuple((str(k), int(v)) for k, v in sorted(data["tables"].items())),
                size=int(data["size"]),
                sha256=str(data["sha256"]),
                created_at=str(data["created_at"]),
                duration_seconds=float(data.get("duration_seconds", 0.0)),
                reason=str(data.get("reason", "manual")),
            )
        except (KeyError, TypeError, ValueError, AttributeError) as e:
            raise BackupError(f"The manifest `{path}` is incomplete or malformed ({type(e).__name__}: {e}).") from None


def check_file(path: Path, manifest: Manifest) -> None:
    """Refuse a backup file whose size or checksum differs from its manifest."""
    if not path.is_file():
        raise BackupError(f"The backup file `{path}` does not exist.")
    size = path.stat().st_size
    if size != manifest.size:
        what = "truncated" if size < manifest.size else "longer than when it was written"
        raise BackupError(
            f"The backup file `{path}` is {what}: {size} bytes, its manifest says {manifest.size}. Nothing was restored.",
            hint="Use another copy of the backup; this one cannot be trusted.",
        )
    digest = sha256_file(path)
    if digest != manifest.sha256:
        raise BackupError(
            f"The backup file `{path}` is corrupted: its SHA-256 is {digest}, its manifest says {manifest.sha256}. Nothing was restored.",
            hint="Use another copy of the backup; this one cannot be trusted.",
        )
