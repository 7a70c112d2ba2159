"""Fixtures for the migration workflow tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.integration.migrations.support import ADD_RANK, CREATE_MATCH, CREATE_PLAYER, make_migrations


@pytest.fixture
def three_migrations(tmp_path: Path, any_url: str) -> tuple[str, Path]:
    folder = make_migrations(
        tmp_path,
        any_url,
        ("20250101000000_players", CREATE_PLAYER),
        ("20250102000000_rank", ADD_RANK),
        ("20250103000000_matches", CREATE_MATCH),
    )
    return any_url, folder
