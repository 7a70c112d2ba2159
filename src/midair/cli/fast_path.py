"""Start-up fast paths for `midair migrate diff` (the command CI runs on large schemas) and
`midair migrate deploy` (run on the application's machine during a deploy).

Why: Typer 0.29 coerces every option value through a Pydantic `TypeAdapter`, so the Typer path
imports Typer, Rich and Pydantic and registers every command module before it runs anything:
about 0.3 s of CPU, a third of a 1,000-model diff, and most of a deploy with nothing pending. The
plain forms of these command lines are easy to read exactly, so `run_fast` reads them itself and
runs the same `diff_core.diff_main` / `deploy_core.deploy_main` inside the same error report
(`report.report_error`) and the same exit handling as Typer's.

Anything else returns None and goes the Typer way: other commands, ``--help``, unknown or repeated
options, ``-oFILE`` forms, missing, empty or dash-leading values, a ``--lock-timeout`` that is not
plain decimal digits (`tests/cli/test_fast_path.py` compares both ways on valid and invalid
command lines).
"""

from __future__ import annotations

import errno
import gc
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

# `migrate diff`'s options (see diff_commands.diff_command): flags, and options taking a value.
_FLAGS = {"--from-empty": "from_empty", "--to-empty": "to_empty", "--script": "script", "--exit-code": "exit_code"}
_PATHS = {
    "--from-schema": "from_schema",
    "--from-migrations": "from_migrations",
    "--to-schema": "to_schema",
    "--to-migrations": "to_migrations",
    "-o": "output",
    "--output": "output",
}
_STRINGS = {"--from-url": "from_url", "--to-url": "to_url", "--provider": "provider", "--shadow-database-url": "shadow_database_url"}


# `migrate deploy`'s options (see migrate_commands.deploy_command).
_DEPLOY_FLAGS = {"--json": "json_output"}
_DEPLOY_PATHS = {"--schema": "schema", "--migrations": "migrations"}
_DEPLOY_STRINGS = {"--url": "url", "--backup": "backup"}
_DEPLOY_FLOATS = {"--lock-timeout": "lock_timeout"}
# Values whose meaning is the same for `float()` and for Click's float type (no signs, exponents,
# underscores, spaces, inf or nan to argue about).
_PLAIN_NUMBER = re.compile(r"[0-9]+(\.[0-9]+)?\Z")


def _parse(
    args: Sequence[str],
    flags: dict[str, str],
    paths: dict[str, str],
    strings: dict[str, str],
    floats: dict[str, str] | None = None,
) -> dict[str, object] | None:
    """The options in `args`, or None when they are not a command line read exactly as Typer does."""
    floats = floats or {}
    values: dict[str, object] = {}
    i = 0
    while i < len(args):
        arg = args[i]
        i += 1
        name, eq, inline = arg.partition("=") if arg.startswith("--") else (arg, "", "")
        if name in flags and not eq:
            key: str = flags[name]
            value: object = True
        elif name in paths or name in strings or name in floats:
            if eq:
                text = inline
            elif i < len(args):
                text = args[i]
                i += 1
            else:
                return None
            if not text or text.startswith("-"):
                return None
            if name in floats:
                if not _PLAIN_NUMBER.match(text):
                    return None
                key, value = floats[name], float(text)
            else:
                key = paths.get(name) or strings[name]
                value = Path(text) if name in paths else text
        else:
            return None
        if key in values:
            return None
        values[key] = value
    return values


def parse_diff_args(argv: Sequence[str]) -> dict[str, object] | None:
    """`migrate diff`'s options from `argv` (without the program name), or None when the command
    line is not one this path reads exactly as Typer does."""
    if len(argv) < 2 or argv[0] != "migrate" or argv[1] != "diff":
        return None
    return _parse(argv[2:], _FLAGS, _PATHS, _STRINGS)


def parse_deploy_args(argv: Sequence[str]) -> dict[str, object] | None:
    """`migrate deploy`'s options from `argv` (without the program name), or None when the
    command line is not one this path reads exactly as Typer does."""
    if len(argv) < 2 or argv[0] != "migrate" or argv[1] != "deploy":
        return None
    return _parse(argv[2:], _DEPLOY_FLAGS, _DEPLOY_PATHS, _DEPLOY_STRINGS, _DEPLOY_FLOATS)


def run_fast(argv: Sequence[str]) -> int | None:
    """The exit code of the command, or None if `argv` is not for this path (nothing was run)."""
    options = parse_diff_args(argv)
    if options is not None:
        from midair.cli.diff_core import DiffOptions, diff_main

        return _as_typer(lambda: diff_main(DiffOptions(**options)), json_output=False)  # type: ignore[arg-type]
    options = parse_deploy_args(argv)
    if options is not None:
        from midair.cli.deploy_core import deploy_main

        def deploy() -> int:
            # The caller pauses the cyclic collector (right for a diff's acyclic values); a deploy
            # may run for long (backfills) and gets it back, as on the Typer way.
            was_enabled = gc.isenabled()
            gc.enable()
            try:
                deploy_main(**options)  # type: ignore[arg-type]
            finally:
                if not was_enabled:
                    gc.disable()
            return 0

        return _as_typer(deploy, json_output=bool(options.get("json_output")))
    return None


def _as_typer(command: Callable[[], int], *, json_output: bool) -> int:
    """Run `command` with `app.handle_errors`'s error report and Typer's exit handling."""
    from midair.errors import MidairError

    try:
        try:
            return command()
        except MidairError as e:
            from midair.cli.report import report_error

            return report_error(e, json_output)
    # As Typer's `_main` (typer/core.py) ends a command interrupted or cut off.
    except EOFError:
        print(file=sys.stderr)
        print("Aborted!", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except OSError as e:
        if e.errno != errno.EPIPE:
            raise
        from typer._click.utils import PacifyFlushWrapper

        sys.stdout = PacifyFlushWrapper(sys.stdout)  # type: ignore[assignment]
        sys.stderr = PacifyFlushWrapper(sys.stderr)  # type: ignore[assignment]
        return 1


__all__ = ["parse_deploy_args", "parse_diff_args", "run_fast"]
