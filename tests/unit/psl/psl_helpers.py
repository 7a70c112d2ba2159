"""Paths and helpers shared by the PSL tests (imported by name: pytest puts this folder on sys.path)."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
MALFORMED = ROOT / "tests" / "fixtures" / "malformed"


def _corpus() -> Path:
    for candidate in (os.environ.get("MIDAIR_SHARED_DIR"), ROOT.parent / "shared", Path("/work/shared")):
        if candidate and (Path(candidate) / "corpus").is_dir():
            return Path(candidate) / "corpus" / "prisma"
    raise RuntimeError("The shared corpus was not found: set MIDAIR_SHARED_DIR to the folder holding corpus/")


PRISMA_CORPUS = _corpus()
CORPUS_SCHEMAS = sorted(PRISMA_CORPUS.iterdir())
CORPUS_IDS = [p.name for p in CORPUS_SCHEMAS]
