"""Backups: `db backup`, `db restore` (verified against a manifest), automatic backups before
risky migrations, and `db backups`. See `api.py` for the steps and the dialects' `backup.py`
modules for the database-specific work."""

from __future__ import annotations

from midair.backup.api import (
    DEFAULT_KEEP,
    BackupEntry,
    BackupResult,
    RestoreResult,
    auto_backup,
    backup,
    backup_module,
    list_backups,
    prune,
    restore,
)
from midair.backup.facts import DatabaseFacts
from midair.backup.manifest import Manifest, manifest_path

__all__ = [
    "DEFAULT_KEEP",
    "BackupEntry",
    "BackupResult",
    "DatabaseFacts",
    "Manifest",
    "RestoreResult",
    "auto_backup",
    "backup",
    "backup_module",
    "list_backups",
    "manifest_path",
    "prune",
    "restore",
]
