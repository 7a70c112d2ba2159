"""Helpers that turn spans into `Diagnostic`s with a Prisma-like source excerpt."""

from __future__ import annotations

from midair.errors import Diagnostic
from midair.psl.ast import Span


def excerpt(text: str, line: int, column: int, length: int = 1) -> str:
    """The source line `line` of `text` with a caret line under `column` (`length` wide)::

          3 |   id Int @id @defalt(now())
            |              ^^^^^^^
    """
    lines = text.split("\n")
    if not 1 <= line <= len(lines):
        return ""
    source = lines[line - 1].rstrip("\r").expandtabs(1)
    # Control characters (random bytes) would garble a terminal: show them as '?'.
    source = "".join(c if c.isprintable() or c == " " else "?" for c in source)
    width = len(str(line))
    length = max(1, min(length, max(1, len(source) - column + 1)))
    gutter = " " * width
    return f"{line:>{width}} | {source}\n{gutter} | {' ' * (column - 1)}{'^' * length}"


def span_length_on_line(span: Span, text: str) -> int:
    """How many characters of `span` lie on its first line."""
    if span.end <= span.start:
        return 1
    newline = text.find("\n", span.start, span.end)
    end = span.end if newline == -1 else newline
    return max(1, end - span.start)


def at(span: Span, message: str, text: str | None, severity: str = "error") -> Diagnostic:
    """A diagnostic at `span` (with an excerpt when the file's text is known)."""
    ex = excerpt(text, span.line, span.column, span_length_on_line(span, text)) if text is not None else None
    return Diagnostic(message, span.file, span.line, span.column, severity=severity, excerpt=ex or None)
