"""`midair lint` on the fixture migrations: every unsafe one is flagged with its code, no safe one is.

Each folder under tests/fixtures/lint/unsafe/ is named `<code>_<what>`; the code must be among
its findings. The article's real migrations (tennis app history) are linted too.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from midair.lint import lint_paths, lint_sql
from midair.lint.rules import RULES
from tests.conftest import TENNIS_CORPUS

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "lint"
UNSAFE = sorted(p for p in (FIXTURES / "unsafe").iterdir() if p.is_dir())
SAFE = sorted(p for p in (FIXTURES / "safe").iterdir() if p.is_dir())
# SQLite projects (`provider = "sqlite"` in migration_lock.toml): app-compatibility rules only.
SQLITE_UNSAFE = sorted(p for p in (FIXTURES / "sqlite" / "unsafe").iterdir() if p.is_dir())
SQLITE_SAFE = sorted(p for p in (FIXTURES / "sqlite" / "safe").iterdir() if p.is_dir())


@pytest.mark.parametrize("folder", UNSAFE + SQLITE_UNSAFE, ids=lambda p: f"{p.parent.parent.name}-{p.name}")
def test_unsafe_migration_is_flagged(folder: Path) -> None:
    expected = folder.name.split("_", 1)[0].upper()
    findings = lint_paths([folder])
    assert expected in {f.code for f in findings}, [str(f) for f in findings]
    for f in findings:
        assert f.file.endswith("migration.sql") and f.line >= 1 and f.column >= 1
        assert f.alternative  # every finding says what to do instead


@pytest.mark.parametrize("folder", SAFE + SQLITE_SAFE, ids=lambda p: f"{p.parent.parent.name}-{p.name}")
def test_safe_migration_is_not_flagged(folder: Path) -> None:
    findings = lint_paths([folder])
    assert [str(f) for f in findings if f.severity != "info"] == []
    # A contract's drops are explained, not flagged: each info finding says why it is planned.
    assert all(f.reason for f in findings)


def test_every_rule_has_an_unsafe_fixture() -> None:
    covered = {p.name.split("_", 1)[0].upper() for p in UNSAFE}
    assert covered >= set(RULES) - {"ZD304", "ZD505"}


def test_the_articles_migrations() -> None:
    history = TENNIS_CORPUS / "migrations"
    codes = {m.name: {f.code for f in lint_paths([m])} for m in sorted(history.iterdir()) if m.is_dir()}
    # Step 3 makes `score` required with a plain SET NOT NULL; step 4 drops the old columns in a
    # migration that does not say it is a contract.
    assert "ZD301" in codes["20250314130911_make_json_score_mandatory"]
    assert "ZD503" in codes["20250314131907_drop_old_score_fields"]
    drops = [f for f in lint_paths([history / "20250314131907_drop_old_score_fields"]) if f.code == "ZD503"]
    assert {f.severity for f in drops} == {"error"} and len(drops) == 4
    # Creating new tables (with their indexes and foreign keys) is safe.
    assert not {c for c in codes["20250313160331_matches"] if RULES[c].severity == "error"}


def test_position_of_syntax_error() -> None:
    (f,) = lint_sql("SELECT 1;\nALTER TABLE x ADD COLUMNN y int;\n", "m.sql")
    assert (f.code, f.line, f.column) == ("ZD001", 2, 29)


def test_validated_check_makes_set_not_null_cheap_only_after_validation() -> None:
    sql = (
        'ALTER TABLE t ADD CONSTRAINT c CHECK (a IS NOT NULL) NOT VALID;\n'
        'ALTER TABLE t ALTER COLUMN a SET NOT NULL;\n'
        'ALTER TABLE t VALIDATE CONSTRAINT c;\n'
        'ALTER TABLE t ALTER COLUMN a SET NOT NULL;\n'
    )
    assert [(f.code, f.line) for f in lint_sql(sql) if f.severity == "error"] == [("ZD301", 2)]


def test_cli_exit_codes_and_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from midair.cli import main

    assert main(["lint", str(FIXTURES / "unsafe" / "zd101_create_index"), "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["errors"] == 1 and data["findings"][0]["code"] == "ZD101" and data["findings"][0]["line"] == 3
    assert main(["lint", str(FIXTURES / "safe")]) == 0
    out = capsys.readouterr().out
    assert "0 errors, 0 warnings." in out
    # The declared contract's drops are shown as info, with the reason, and do not fail the run.
    assert "info ZD503" in out and "planned: " in out and "planned steps explained (info)." in out
    assert main(["lint", str(tmp_path / "nope")]) == 1
    err = capsys.readouterr().err
    assert "No such file or folder" in err and "Traceback" not in err
