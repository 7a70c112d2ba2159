"""③ diff: `Schema` × `Schema` → ordered `Change` steps (`Migration`). See `differ.py`."""

from __future__ import annotations

from midair.diff.changes import Change, Migration
from midair.diff.differ import diff

__all__ = ["Change", "Migration", "diff"]
