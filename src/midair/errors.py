"""Errors midair reports to users. The CLI catches `MidairError` only; anything else is a bug.

Hierarchy (each carries a stable `code`, a message, and a one-line `hint` saying what to do)::

    MidairError
    ├── SchemaError              invalid schema.prisma: a list of Diagnostics (file:line:col)
    ├── ConfigError              missing/invalid URL, schema file, migrations folder, provider
    ├── ConnectionError          cannot reach or open the database
    ├── UnsupportedError         a feature or change a dialect cannot do (names the way out)
    ├── MigrationError           a migration failed to apply, or history is inconsistent
    │   ├── FailedMigrationError   an earlier migration failed and is unresolved (like P3009)
    │   ├── ChecksumMismatchError  an applied migration's file changed since
    │   ├── DriftError             the database differs from what the migrations build
    │   └── LockTimeout            another deployer held the database lock too long
    ├── UnsafeChangeError        checks refused the change (data loss, unexecutable step)
    └── BackupError              backup or restore failed or did not verify

Exit codes (`EXIT_*`) are documented in README.md and used by every command.
"""

from __future__ import annotations

from dataclasses import dataclass

EXIT_OK = 0
EXIT_ERROR = 1  # invalid input, failed command
EXIT_CHANGES = 2  # `--exit-code`: there is a difference / pending work
EXIT_UNSAFE = 3  # refused: data loss or unexecutable steps without consent


class MidairError(Exception):
    """Base of every error midair reports to users."""

    code: str = "M0000"
    exit_code: int = EXIT_ERROR

    def __init__(self, message: str, *, hint: str | None = None, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        if code is not None:
            self.code = code

    def __str__(self) -> str:
        return self.message if not self.hint else f"{self.message}\n{self.hint}"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem in a schema file, at `file:line:col`."""

    message: str
    file: str
    line: int
    column: int
    severity: str = "error"  # or "warning"
    excerpt: str | None = None  # the source line with a caret under the column

    def __str__(self) -> str:
        text = f"{self.file}:{self.line}:{self.column}: {self.severity}: {self.message}"
        if self.excerpt:
            text += "\n" + self.excerpt
        return text


class SchemaError(MidairError):
    """The schema file is invalid; `diagnostics` lists every problem found."""

    code = "M1012"

    def __init__(self, diagnostics: list[Diagnostic] | tuple[Diagnostic, ...]) -> None:
        self.diagnostics = tuple(diagnostics)
        n = len(self.diagnostics)
        head = f"The schema has {n} error{'s' if n != 1 else ''}:"
        super().__init__("\n".join([head, *(str(d) for d in self.diagnostics)]))


class ConfigError(MidairError):
    code = "M1001"


class ConnectionError(MidairError):  # noqa: A001 - shadowing the builtin is deliberate here
    code = "M1002"


class UnsupportedError(MidairError):
    code = "M1003"


class MigrationError(MidairError):
    code = "M3000"


class FailedMigrationError(MigrationError):
    code = "M3009"


class LockTimeout(MigrationError):
    """Another deployer held the database lock for longer than the timeout."""

    code = "M3030"


class ChecksumMismatchError(MigrationError):
    code = "M3010"


class DriftError(MigrationError):
    code = "M3011"


class UnsafeChangeError(MidairError):
    code = "M3020"
    exit_code = EXIT_UNSAFE


class BackupError(MidairError):
    code = "M4000"


__all__ = [
    "EXIT_CHANGES",
    "EXIT_ERROR",
    "EXIT_OK",
    "EXIT_UNSAFE",
    "BackupError",
    "ChecksumMismatchError",
    "ConfigError",
    "ConnectionError",
    "Diagnostic",
    "DriftError",
    "FailedMigrationError",
    "LockTimeout",
    "MidairError",
    "MigrationError",
    "SchemaError",
    "UnsafeChangeError",
    "UnsupportedError",
]
