"""Start-up fast path for `midair migrate diff`, the command CI runs on large schemas.

Why: Typer 0.29 coerces every option value through a Pydantic `TypeAdapter`, so the Typer path
imports Typer, Rich and Pydantic and registers every command module before it runs anything:
about 0.3 s of CPU, a third of a 1,000-model diff. The plain forms of this one command line are
easy to read exactly, so `run_fast` reads them itself and runs the same `diff_core.diff_main`
inside the same error report (`report.report_error`) and the same exit handling as Typer's.

Anything else returns None and goes the Typer way: other commands, ``--help``, unknown or repeated
options, ``-oFILE`` forms, missing, empty or dash-leading values (`tests/cli/test_fast_path.py`
compares both ways on valid and invalid command lines).
"""

from __future__ import annotations

import errno
import sys
from collections.abc import Sequence
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


def parse_diff_args(argv: Sequence[str]) -> dict[str, object] | None:
    """`migrate diff`'s options from `argv` (without the program name), or None when the command
    line is not one this path reads exactly as Typer does."""
    if len(argv) < 2 or argv[0] != "migrate" or argv[1] != "diff":
        return None
    values: dict[str, object] = {}
    args = list(argv[2:])
    i = 0
    while i < len(args):
        arg = args[i]
        i += 1
        name, eq, inline = arg.partition("=") if arg.startswith("--") else (arg, "", "")
        if name in _FLAGS and not eq:
            key: str = _FLAGS[name]
            value: object = True
        elif name in _PATHS or name in _STRINGS:
            if eq:
                if name == "-o":
                    return None
                text = inline
            elif i < len(args):
                text = args[i]
                i += 1
            else:
                return None
            if not text or text.startswith("-"):
                return None
            key = _PATHS.get(name) or _STRINGS[name]
            value = Path(text) if name in _PATHS else text
        else:
            return None
        if key in values:
            return None
        values[key] = value
    return values


def run_fast(argv: Sequence[str]) -> int | None:
    """The exit code of the command, or None if `argv` is not for this path (nothing was run)."""
    options = parse_diff_args(argv)
    if options is None:
        return None
    from midair.cli.diff_core import DiffOptions, diff_main
    from midair.errors import MidairError

    try:
        try:
            return diff_main(DiffOptions(**options))  # type: ignore[arg-type]
        except MidairError as e:
            from midair.cli.report import report_error

            return report_error(e)
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


__all__ = ["parse_diff_args", "run_fast"]
