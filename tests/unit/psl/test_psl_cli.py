"""Transcripts of `midair validate` and `midair format`: output and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from psl_helpers import MALFORMED, PRISMA_CORPUS

from midair.cli import main

TENNIS = PRISMA_CORPUS / "wasp-lang__tennis-score-app__schema.prisma"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_validate_valid_schema(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "validate", "--schema", str(TENNIS))
    assert (code, out, err) == (0, f"The schema at {TENNIS} is valid 🚀\n", "")


def test_validate_valid_schema_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "validate", "--schema", str(TENNIS), "--json")
    assert code == 0
    assert json.loads(out) == {"valid": True, "schema": str(TENNIS), "diagnostics": []}


def test_validate_default_path_is_prisma_folder(capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "prisma").mkdir()
    (tmp_path / "prisma" / "schema.prisma").write_text(TENNIS.read_text())
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "validate")
    assert (code, out) == (0, "The schema at prisma/schema.prisma is valid 🚀\n")


def test_validate_invalid_schema_prints_diagnostics(capsys: pytest.CaptureFixture[str]) -> None:
    path = MALFORMED / "missing_back_relation.prisma"
    code, out, err = run(capsys, "validate", "--schema", str(path))
    assert code == 1 and out == ""
    assert err.splitlines() == [
        "Error M1012: The schema has 1 error:",
        f"{path}:8:3: error: Error validating field `posts` in model `User`: The relation field `posts` on model `User` "
        "is missing an opposite relation field on the model `Post`. Either run `prisma format` or add it manually.",
        "8 |   posts Post[]",
        "  |   ^^^^^^^^^^^^",
    ]


def test_validate_invalid_schema_json(capsys: pytest.CaptureFixture[str]) -> None:
    path = MALFORMED / "unterminated_string.prisma"
    code, out, _ = run(capsys, "validate", "--schema", str(path), "--json")
    assert code == 1
    payload = json.loads(out)
    assert payload["error"]["code"] == "M1012"
    assert [(d["file"], d["line"], d["column"]) for d in payload["error"]["diagnostics"]] == [(str(path), 3, 25), (str(path), 8, 21)]
    assert payload["error"]["diagnostics"][0]["message"].startswith("This string is never closed")


def test_validate_missing_schema(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = run(capsys, "validate", "--schema", str(tmp_path / "nope.prisma"))
    assert code == 1 and out == ""
    assert err == f"Error M1001: Could not find a Prisma schema at {tmp_path / 'nope.prisma'}.\nPass --schema <file>, or create prisma/schema.prisma.\n"


def test_validate_multi_file_folder(capsys: pytest.CaptureFixture[str]) -> None:
    folder = PRISMA_CORPUS / "prisma__prisma-engines__multi-file-relation_list"
    code, out, _ = run(capsys, "validate", "--schema", str(folder))
    assert (code, out) == (0, f"The schema at {folder} is valid 🚀\n")


UNFORMATTED = 'datasource db {\n    provider = "sqlite"\n  url = "file:dev.db"\n}\nmodel A {\n  id Int @id\n  longName String? @unique // note\n}\n'
FORMATTED = 'datasource db {\n  provider = "sqlite"\n  url      = "file:dev.db"\n}\n\nmodel A {\n  id       Int     @id\n  longName String? @unique // note\n}\n'


def test_format_check_then_format(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    schema = tmp_path / "schema.prisma"
    schema.write_text(UNFORMATTED)
    code, out, err = run(capsys, "format", "--schema", str(schema), "--check")
    assert (code, out) == (1, "")
    assert err == f"{schema} is not formatted.\nRun `midair format` to format it.\n"
    assert schema.read_text() == UNFORMATTED  # --check changes nothing

    code, out, _ = run(capsys, "format", "--schema", str(schema))
    assert (code, out) == (0, f"Formatted {schema} 🚀\n")
    assert schema.read_text() == FORMATTED

    code, out, _ = run(capsys, "format", "--schema", str(schema), "--check")
    assert (code, out) == (0, f"The schema at {schema} is formatted.\n")


def test_format_refuses_invalid_syntax(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    schema = tmp_path / "schema.prisma"
    schema.write_text("model A {\n  id Int @id\n")
    code, _, err = run(capsys, "format", "--schema", str(schema))
    assert code == 1
    assert f"{schema}:3:1: error: Unexpected end of file" in err
    assert schema.read_text() == "model A {\n  id Int @id\n"
