"""The `midair` command line: a thin layer over importable functions.

Each command group lives in its own module and registers itself on `app` (or on `migrate_app` /
`db_app`) when imported; `COMMAND_MODULES` lists them. Commands catch `MidairError` only, print it
(passwords redacted) and exit with its code; see `midair.errors` for the exit codes.

Typer (with Rich and Pydantic) and the command modules are imported only when a command line
goes the Typer way: `fast_path.run_fast` runs the plain forms of `migrate diff` without them.
"""

from __future__ import annotations

import gc
import sys
from importlib import import_module

COMMAND_MODULES = (
    "midair.cli.schema_commands",  # validate, format
    "midair.cli.diff_commands",  # migrate diff
    "midair.cli.migrate_commands",  # migrate dev/deploy/status/resolve/reset, db push, db execute
    "midair.cli.pull_commands",  # db pull
    "midair.cli.backup_commands",  # db backup/restore/backups
    "midair.cli.zero_downtime_commands",  # lint, migrate plan, backfill
)


def _load() -> None:
    for name in COMMAND_MODULES:
        try:
            import_module(name)
        except ModuleNotFoundError as e:
            if e.name != name:  # a real import error inside an existing module
                raise


def main(argv: list[str] | None = None) -> int:
    # A command builds a few hundred thousand small frozen objects and frees them at exit; the
    # default collector thresholds spend a third of a 1,000-model diff in full collections.
    gc.set_threshold(50_000, 20, 100)
    args = argv if argv is not None else sys.argv[1:]
    from midair._gc import paused
    from midair.cli.fast_path import run_fast

    # `migrate diff` is one computation over acyclic frozen values, freed by reference counting:
    # the cyclic collector would only walk them (a tenth of a 1,000-model diff), so it waits.
    with paused():
        code = run_fast(args)
    if code is not None:
        return code
    from midair.cli.app import app

    _load()
    try:
        app(args=args, prog_name="midair", standalone_mode=True)
    except SystemExit as e:
        return int(e.code or 0) if not isinstance(e.code, str) else 1
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
