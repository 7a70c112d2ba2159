"""`migration.toml` settings: defaults, durations, the template guard, and errors naming the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from midair.errors import ConfigError
from midair.migrations.settings import MigrationSettings


def test_no_file_means_prisma_defaults(tmp_path: Path) -> None:
    s = MigrationSettings.load(tmp_path)
    assert s.is_default and s.transactional and s.phase is None and not s.needs_executor


def test_full_file(tmp_path: Path) -> None:
    (tmp_path / "migration.toml").write_text(
        'phase = "expand"\ntransactional = false\nlock_timeout = "2s"\nretries = 3\nretry_backoff = "50ms"\n'
        '[sync]\ntable = "Match"\nold = ["a", "b"]\nnew = "c"\n[sync.new_from_old]\nc = "a || b"\n'
        '[sync.old_from_new]\na = "FILL_ME_IN"\nb = "c"\n'
        '[backfill]\nbatch_size = 10\nsleep = "5ms"\n'
    )
    s = MigrationSettings.load(tmp_path)
    assert (s.phase, s.transactional, s.lock_timeout_ms, s.retries, s.retry_backoff_ms) == ("expand", False, 2000, 3, 50)
    assert s.lock_timeout == "2s" and s.needs_executor
    assert s.sync is not None and s.sync.new == ("c",) and s.sync.key == ("id",)
    assert s.backfill is not None and s.backfill.table == "Match" and s.backfill.set == (("c", "a || b"),)
    assert s.backfill.sleep_ms == 5 and s.backfill.batch_size == 10
    assert s.placeholders() == ["sync.old_from_new.a"]
    with pytest.raises(ConfigError, match="old_from_new.a"):
        s.require_filled()


def test_bad_toml_names_file_line_col(tmp_path: Path) -> None:
    (tmp_path / "migration.toml").write_text('phase = "expand"\nretries = = 3\n')
    with pytest.raises(ConfigError, match=r"migration.toml:2:\d+"):
        MigrationSettings.load(tmp_path)


@pytest.mark.parametrize(
    "text,match",
    [('phase = "later"', "not one of"), ('lock_timeout = "soon"', "not a duration"), ("colour = 1", "unknown setting")],
)
def test_bad_values(tmp_path: Path, text: str, match: str) -> None:
    (tmp_path / "migration.toml").write_text(text + "\n")
    with pytest.raises(ConfigError, match=match):
        MigrationSettings.load(tmp_path)
