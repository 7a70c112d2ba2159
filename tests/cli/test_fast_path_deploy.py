"""The start-up fast path of `migrate deploy` (`midair.cli.fast_path`) behaves exactly as the
Typer command: same exit code, stdout and stderr, and the same database afterwards, over a
sequence of deploys (applied, nothing pending, failed, blocked, refused, JSON, bad options); it
leaves every other command line to Typer; and it imports neither Typer, Rich nor Pydantic."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from midair.cli.fast_path import parse_deploy_args
from midair.connection import connect

LOCK = 'provider = "{provider}"\n'
GOOD = {
    "20250101000000_init": 'CREATE TABLE "a" ("id" INTEGER NOT NULL PRIMARY KEY, "name" TEXT);\nINSERT INTO "a" ("id") VALUES (1);\n',
    "20250102000000_b": 'CREATE TABLE "b" ("id" INTEGER NOT NULL PRIMARY KEY);\nCREATE INDEX "b_id_idx" ON "b"("id");\n',
}
BROKEN = {"20250103000000_broken": 'CREATE TABLE "c" ("id" INTEGER NOT NULL PRIMARY KEY);\nSELECT * FROM "missing";\n'}
UNEXECUTABLE = {"20250103000000_required": 'ALTER TABLE "a" ADD COLUMN "email" TEXT NOT NULL;\n'}
TIME = re.compile(r"\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d(\.\d+)?")


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


def _history(url: str) -> list[tuple[object, ...]]:
    conn = connect(url)
    try:
        rows = conn.query(
            "SELECT migration_name, checksum, finished_at IS NULL, logs, rolled_back_at IS NULL, applied_steps_count "
            "FROM _prisma_migrations ORDER BY migration_name"
        )
        return [tuple(TIME.sub("TIME", v) if isinstance(v, str) else v for v in r) for r in rows]
    finally:
        conn.close()


def _steps(root: Path, url: str, provider: str, capsys: pytest.CaptureFixture[str], *, typer_only: bool) -> list[object]:
    """The same sequence of deploys, each step adding migrations to the folder first."""
    mig = root / "prisma" / "migrations"
    mig.mkdir(parents=True)
    (mig / "migration_lock.toml").write_text(LOCK.format(provider=provider))
    (root / "prisma" / "schema.prisma").write_text(
        f'datasource db {{\n  provider = "{provider}"\n  url = env("MIDAIR_TEST_URL")\n}}\n'
    )
    schema = str(root / "prisma" / "schema.prisma")
    steps: list[tuple[dict[str, str], list[str]]] = [
        ({}, ["--url", url, "--migrations", str(mig)]),  # nothing to apply
        ({}, ["--url", url, "--migrations", str(mig / "missing")]),  # no folder
        (GOOD, ["--url=" + url, "--migrations=" + str(mig), "--backup", "bogus"]),  # pending + bad mode
        ({}, ["--url", url, "--migrations", str(mig), "--backup", "never", "--lock-timeout", "5"]),
        ({}, ["--schema", schema, "--backup", "never"]),  # nothing pending, URL from the schema
        ({}, ["--schema", schema, "--json"]),
        (UNEXECUTABLE, ["--url", url, "--migrations", str(mig), "--backup", "never"]),  # refused
        ({}, ["--url", url, "--migrations", str(mig), "--json", "--backup", "never"]),
    ]
    results: list[object] = []
    for add, options in steps:
        for name, sql in add.items():
            (mig / name).mkdir()
            (mig / name / "migration.sql").write_text(sql)
        args = ["migrate", "deploy", *options]
        assert parse_deploy_args(args) is not None  # this command line does take the fast path
        code, out, err = _run(args, capsys, typer_only=typer_only)
        text = (out + "\x00" + err).replace(str(root), "ROOT").replace(url, "URL")
        results.append((code, TIME.sub("TIME", text)))
    # A failed migration, then the deploy it blocks (plain and JSON).
    for name in UNEXECUTABLE:
        (mig / name / "migration.sql").unlink()
        (mig / name).rmdir()
    for name, sql in BROKEN.items():
        (mig / name).mkdir()
        (mig / name / "migration.sql").write_text(sql)
    for extra in ([], [], ["--json"]):
        code, out, err = _run(["migrate", "deploy", "--url", url, "--migrations", str(mig), *extra], capsys, typer_only=typer_only)
        text = (out + "\x00" + err).replace(str(root), "ROOT").replace(url, "URL")
        results.append((code, TIME.sub("TIME", text)))
    results.append(_history(url))
    return results


def _both_ways(tmp_path: Path, urls: tuple[str, str], provider: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    outcomes = []
    for typer_only, url in zip((False, True), urls):
        monkeypatch.setenv("MIDAIR_TEST_URL", url)
        monkeypatch.delenv("DATABASE_URL", raising=False)
        outcomes.append(_steps(tmp_path / str(typer_only), url, provider, capsys, typer_only=typer_only))
    fast, typer = outcomes
    assert fast == typer
    codes = [r[0] for r in fast[:-1]]  # type: ignore[index]
    assert codes[0] == 0 and codes[2] != 0 and codes[3] == 0 and codes[6] != 0 and codes[-1] != 0, fast
    assert len(fast[-1]) == 3 and "Applied 2 migration(s)" in fast[3][1]  # type: ignore[index,operator]


def test_fast_path_deploy_equals_typer_sqlite(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    _both_ways(tmp_path, (f"file:{tmp_path / 'fast.db'}", f"file:{tmp_path / 'typer.db'}"), "sqlite", capsys, monkeypatch)


def test_fast_path_deploy_equals_typer_postgres(
    tmp_path: Path, postgres_url: str, postgres_shadow_url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _both_ways(tmp_path, (postgres_url, postgres_shadow_url), "postgresql", capsys, monkeypatch)


def test_no_url_equals_typer(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    for extra in ([], ["--json"]):
        args = ["migrate", "deploy", *extra]
        fast = _run(args, capsys, typer_only=False)
        assert fast[0] != 0 and "No database URL" in fast[1] + fast[2]
        assert fast == _run(args, capsys, typer_only=True)


@pytest.mark.parametrize(
    "args",
    [
        ["migrate", "deploy", "--help"],
        ["migrate", "deploy", "--url"],  # no value
        ["migrate", "deploy", "--url", ""],  # empty value
        ["migrate", "deploy", "--url", "--json"],  # an option as the value
        ["migrate", "deploy", "--json", "--json"],  # repeated
        ["migrate", "deploy", "--json=yes"],
        ["migrate", "deploy", "--lock-timeout", "1e3"],  # not plain digits: Click reads it
        ["migrate", "deploy", "--lock-timeout", " 5"],
        ["migrate", "deploy", "--lock-timeout", "-1"],
        ["migrate", "deploy", "--lock-timeout", "inf"],
        ["migrate", "deploy", "--bogus"],
        ["migrate", "deploy", "extra"],
        ["migrate", "deploy", "--", "--json"],
        ["migrate", "deploys"],
        ["migrate", "status"],
    ],
)
def test_other_command_lines_go_the_typer_way(args: list[str]) -> None:
    assert parse_deploy_args(args) is None


def test_fast_path_deploy_does_not_import_typer_rich_or_pydantic(tmp_path: Path) -> None:
    mig = tmp_path / "migrations"
    (mig / "20250101000000_init").mkdir(parents=True)
    (mig / "migration_lock.toml").write_text(LOCK.format(provider="sqlite"))
    (mig / "20250101000000_init" / "migration.sql").write_text(GOOD["20250101000000_init"])
    probe = (
        "import sys\n"
        "from midair.cli import main\n"
        f"code = main(['migrate', 'deploy', '--url', {'file:' + str(tmp_path / 'x.db')!r}, '--migrations', {str(mig)!r}])\n"
        "print(code, sorted(m for m in ('typer', 'rich', 'pydantic') if m in sys.modules))\n"
    )
    p = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert p.stdout.splitlines()[-1] == "0 []", p.stdout


def test_fast_path_knows_exactly_the_typer_deploy_options() -> None:
    """An option added to, renamed in or removed from the Typer command must be mirrored in the
    fast path's tables (or the two ways would read a command line differently)."""
    import typer._click as click
    import typer.main

    from midair.cli import _load
    from midair.cli.app import app
    from midair.cli.fast_path import _DEPLOY_FLAGS, _DEPLOY_FLOATS, _DEPLOY_PATHS, _DEPLOY_STRINGS

    _load()
    root = typer.main.get_command(app)
    ctx = click.Context(root)
    command = root.get_command(ctx, "migrate").get_command(ctx, "deploy")  # type: ignore[attr-defined]
    typer_options = {opt: (p.name, p.is_flag) for p in command.params for opt in p.opts}
    assert all(not p.secondary_opts and not p.multiple and p.nargs == 1 for p in command.params)
    fast_options = {
        **{opt: (name, True) for opt, name in _DEPLOY_FLAGS.items()},
        **{opt: (name, False) for opt, name in {**_DEPLOY_PATHS, **_DEPLOY_STRINGS, **_DEPLOY_FLOATS}.items()},
    }
    assert fast_options == typer_options
