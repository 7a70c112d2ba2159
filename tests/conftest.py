"""Shared fixtures: real databases only (see midair.testing.pytest_plugin)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

pytest_plugins = ["midair.testing.pytest_plugin"]

ROOT = Path(__file__).resolve().parent.parent


def _shared_dir() -> Path:
    """The workplace's shared material (article, corpus, oracle). It is not copied into the
    repository (the corpus schemas belong to their projects); CI runs on a machine that has it."""
    for candidate in (os.environ.get("MIDAIR_SHARED_DIR"), ROOT.parent / "shared", Path("/work/shared")):
        if candidate and (Path(candidate) / "corpus").is_dir():
            return Path(candidate)
    raise RuntimeError("The shared corpus was not found: set MIDAIR_SHARED_DIR to the folder holding corpus/")


SHARED = _shared_dir()
CORPUS = SHARED / "corpus"
TENNIS_CORPUS = CORPUS / "tennis-score-app"
GOLDEN = ROOT / "tests" / "golden"


@pytest.fixture
def corpus_dir() -> Path:
    return CORPUS
