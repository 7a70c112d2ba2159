"""How a command reports a `MidairError`: the message on stderr (passwords redacted), or as JSON
on stdout with ``--json``, and the exit code. Free of Typer so that the start-up fast path
(`fast_path.py`) reports errors exactly as `app.handle_errors` does."""

from __future__ import annotations

import json
import sys

from midair.errors import EXIT_ERROR, MidairError, SchemaError
from midair.urls import redact


def report_error(e: MidairError, json_output: bool = False) -> int:
    """Print `e` as every command does; returns the exit code to leave with."""
    if json_output:
        payload = {"error": {"code": e.code, "message": redact(e.message), "hint": e.hint}}
        if isinstance(e, SchemaError):
            payload["error"]["diagnostics"] = [
                {"file": d.file, "line": d.line, "column": d.column, "message": d.message, "severity": d.severity}
                for d in e.diagnostics
            ]
        print(json.dumps(payload, indent=2))
    else:
        print(f"Error {e.code}: {redact(e.message)}", file=sys.stderr)
        if e.hint:
            print(redact(e.hint), file=sys.stderr)
    return e.exit_code or EXIT_ERROR
