"""The start-up fast path of `migrate diff` (`midair.cli.fast_path`) behaves exactly as the Typer
command: same exit code, stdout, stderr and output file, on valid and invalid command lines; it
leaves every other command line to Typer; and it imports neither Typer, Rich, Pydantic nor lark."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "golden"))

from cases import SHARED, TENNIS  # noqa: E402

from midair.cli.fast_path import parse_diff_args  # noqa: E402

SCHEMAS = SHARED / "tools" / "prisma-oracle" / "examples" / "schemas"
STEP3 = str(TENNIS / "steps" / "03_add_is_public.prisma")
STEP7 = str(TENNIS / "steps" / "07_add_user_email.prisma")
BASE = str(SCHEMAS / "0-base.prisma")
D = str(SCHEMAS / "D-drop-player-score-fields.prisma")


def _run(args: list[str], capsys: pytest.CaptureFixture[str], *, typer_only: bool) -> tuple[int, str, str]:
    capsys.readouterr()
    if typer_only:
        from midair.cli import _load
        from midair.cli.app import app

        _load()
        try:
            app(args=args, prog_name="midair", standalone_mode=True)
            code = 0
        except SystemExit as e:
            code = int(e.code or 0)
    else:
        from midair.cli import main

        code = main(args)
    out = capsys.readouterr()
    return code, out.out, out.err


COMMAND_LINES = {
    "script from empty": ["--from-empty", "--to-schema", STEP7, "--script"],
    "summary": ["--from-schema", BASE, "--to-schema", D],
    "equals forms": ["--from-schema=" + BASE, "--to-schema=" + D, "--provider=sqlite", "--script"],
    "exit code 2": ["--from-empty", "--to-schema", STEP3, "--exit-code"],
    "no difference": ["--from-schema", STEP3, "--to-schema", STEP3, "--exit-code"],
    "no from": ["--to-empty"],
    "no provider": ["--from-empty", "--to-empty"],
    "two froms": ["--from-empty", "--from-schema", STEP3, "--to-empty"],
    "missing file": ["--from-empty", "--to-schema", "/nonexistent/schema.prisma"],
    "missing migrations": ["--from-migrations", "/nonexistent/migrations", "--to-schema", STEP3, "--provider", "sqlite"],
}


@pytest.mark.parametrize("name", sorted(COMMAND_LINES))
def test_fast_path_equals_typer(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["migrate", "diff", *COMMAND_LINES[name]]
    assert parse_diff_args(args) is not None  # this command line does take the fast path
    assert _run(args, capsys, typer_only=False) == _run(args, capsys, typer_only=True)


def test_schema_errors_and_output_file_equal_typer(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    for name, line, error in (("invalid", "b Strin", "bad.prisma:7:5"), ("syntax", "c Int @@", "bad.prisma:7:9")):
        bad = tmp_path / name / "bad.prisma"
        bad.parent.mkdir()
        bad.write_text(f'datasource db {{\n  provider = "postgresql"\n}}\n\nmodel A {{\n  id Int @id\n  {line}\n}}\n')
        args = ["migrate", "diff", "--from-empty", "--to-schema", str(bad), "--script"]
        fast = _run(args, capsys, typer_only=False)
        assert fast[0] == 1 and error in fast[2], fast
        assert fast == _run(args, capsys, typer_only=True)
    files = []
    for typer_only in (False, True):
        out = tmp_path / f"{typer_only}" / "m.sql"
        r = _run(["migrate", "diff", "--from-schema", STEP3, "--to-schema", STEP7, "--script", "-o", str(out)], capsys, typer_only=typer_only)
        assert r == (0, "", "")
        files.append(out.read_text())
    assert files[0] == files[1] and "ALTER TABLE" in files[0]


@pytest.mark.parametrize(
    "args",
    [
        ["migrate", "diff", "--help"],
        ["migrate", "diff", "--from-empty", "--to-schema"],  # no value
        ["migrate", "diff", "--from-empty", "--to-schema", ""],  # empty value
        ["migrate", "diff", "--from-empty", "--to-schema", "--script"],  # an option as the value
        ["migrate", "diff", "--script", "--script", "--from-empty", "--to-empty"],  # repeated
        ["migrate", "diff", "--from-empty", "--to-empty", "-ofile.sql"],
        ["migrate", "diff", "--script=yes", "--from-empty", "--to-empty"],
        ["migrate", "diff", "--bogus"],
        ["migrate", "status"],
        ["validate"],
        [],
    ],
)
def test_other_command_lines_go_the_typer_way(args: list[str]) -> None:
    assert parse_diff_args(args) is None


def test_fast_path_does_not_import_typer_rich_pydantic_or_lark() -> None:
    probe = (
        "import sys\n"
        "from midair.cli import main\n"
        f"code = main(['migrate', 'diff', '--from-empty', '--to-schema', {STEP7!r}, '--script'])\n"
        "print(code, sorted(m for m in ('typer', 'rich', 'pydantic', 'lark') if m in sys.modules))\n"
    )
    p = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert p.stdout.splitlines()[-1] == "0 []"


def test_fast_path_knows_exactly_the_typer_commands_options() -> None:
    """An option added to, renamed in or removed from the Typer command must be mirrored in the
    fast path's tables (or the two ways would read a command line differently)."""
    import typer._click as click
    import typer.main

    from midair.cli import _load
    from midair.cli.app import app
    from midair.cli.fast_path import _FLAGS, _PATHS, _STRINGS

    _load()
    root = typer.main.get_command(app)
    ctx = click.Context(root)
    command = root.get_command(ctx, "migrate").get_command(ctx, "diff")  # type: ignore[attr-defined]
    typer_options = {opt: (p.name, p.is_flag) for p in command.params for opt in p.opts}
    assert all(not p.secondary_opts and not p.multiple and p.nargs == 1 for p in command.params)
    fast_options = {
        **{opt: (name, True) for opt, name in _FLAGS.items()},
        **{opt: (name, False) for opt, name in {**_PATHS, **_STRINGS}.items()},
    }
    assert fast_options == typer_options
