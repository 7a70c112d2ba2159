"""CLI transcripts: each `tests/cli/*.txt` is a session of commands with their expected stdout,
stderr and exit code, run in a fresh folder against a fresh database.

Format (txtar-like)::

    # what the transcript shows            (comments)
    # dialects: sqlite postgresql          (which databases to run it on; default sqlite)
    -- migrations/x/migration.sql --       (a file written before the script runs)
    CREATE TABLE …
    -- script --
    $ midair migrate status --url $URL     (a command; $URL is the test database)
    > stdout line                          (expected stdout, exactly)
    ! stderr line                          (expected stderr, exactly)
    ? 2                                    (expected exit code)
    $ write migrations/y/migration.sql     (built-in: replace a file with the `| ` lines after it)
    | SELECT 1;

Output is normalised before comparing: the database URL becomes `$URL`, the temporary folder
`$TMP`, UTC timestamps `<time>`, new migration folders' timestamps `<ts>`, backup files'
timestamps `<backup-ts>`.
Run with MIDAIR_UPDATE_GOLDEN=1 to rewrite the expectations from real runs (then review the diff).
"""

from __future__ import annotations

import os
import re
import shlex
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from midair.cli import main
from midair.testing import postgres

HERE = Path(__file__).parent
TRANSCRIPTS = sorted(HERE.glob("*.txt"))


@dataclass
class Step:
    command: list[str]
    out: list[str] = field(default_factory=list)
    err: list[str] = field(default_factory=list)
    code: int = 0
    body: list[str] = field(default_factory=list)  # for `write`


@dataclass
class Transcript:
    header: list[str]
    files: dict[str, str]
    steps: list[Step]
    dialects: list[str]


def parse(path: Path) -> Transcript:
    header: list[str] = []
    files: dict[str, str] = {}
    steps: list[Step] = []
    section: str | None = None
    buf: list[str] = []
    for line in path.read_text().split("\n"):
        m = re.fullmatch(r"-- (.+) --", line)
        if m:
            if section and section != "script":
                files[section] = "\n".join(buf) + "\n"
            section, buf = m.group(1), []
            continue
        if section is None:
            header.append(line)
        elif section != "script":
            buf.append(line)
        elif line.startswith("$ "):
            steps.append(Step(shlex.split(line[2:])))
        elif line.startswith("> ") or line == ">":
            steps[-1].out.append(line[2:])
        elif line.startswith("! ") or line == "!":
            steps[-1].err.append(line[2:])
        elif line.startswith("| ") or line == "|":
            steps[-1].body.append(line[2:])
        elif line.startswith("? "):
            steps[-1].code = int(line[2:])
    if section and section != "script":
        files[section] = "\n".join(buf).rstrip("\n") + "\n"
    dialects = ["sqlite"]
    for h in header:
        if h.startswith("# dialects:"):
            dialects = h.split(":", 1)[1].split()
    return Transcript(header, files, steps, dialects)


def render(t: Transcript, steps: list[Step]) -> str:
    lines = list(t.header)
    for name, body in t.files.items():
        lines.append(f"-- {name} --")
        lines += body.rstrip("\n").split("\n")
    lines.append("-- script --")
    for s in steps:
        lines.append("$ " + shlex.join(s.command))
        lines += [("| " + b).rstrip() for b in s.body]
        if s.command[0] == "write":
            continue
        lines += [("> " + o).rstrip() for o in s.out]
        lines += [("! " + e).rstrip() for e in s.err]
        lines.append(f"? {s.code}")
    return "\n".join(lines) + "\n"


def normalise(text: str, url: str, tmp: Path) -> list[str]:
    from midair.urls import redact

    for u in sorted({url, redact(url)}, key=len, reverse=True):
        text = text.replace(u, "$URL")
    text = text.replace(str(tmp), "$TMP")
    text = re.sub(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC", "<time>", text)
    text = re.sub(r"\b(\d{14})_", _recent_timestamp, text)
    text = re.sub(r"\b\d{17}(_[\w.-]+\.(?:sqlite|dump))", r"<backup-ts>\1", text)  # automatic backups
    return [line.rstrip() for line in text.rstrip("\n").split("\n")] if text.strip() else []


def _recent_timestamp(m: re.Match[str]) -> str:
    """A migration folder created during the run (its timestamp is now) becomes `<ts>_`."""
    from datetime import datetime, timedelta

    try:
        moment = datetime.strptime(m.group(1), "%Y%m%d%H%M%S")
    except ValueError:
        return m.group(0)
    return "<ts>_" if abs(datetime.utcnow() - moment) < timedelta(days=2) else m.group(0)


def cases() -> list:  # type: ignore[type-arg]
    out = []
    for path in TRANSCRIPTS:
        for dialect in parse(path).dialects:
            marks = [pytest.mark.postgres] if dialect == "postgresql" else []
            out.append(pytest.param(path, dialect, id=f"{path.stem}-{dialect}", marks=marks))
    return out


@pytest.mark.parametrize(("path", "dialect"), cases())
def test_transcript(path: Path, dialect: str, tmp_path: Path, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    t = parse(path)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    for name, body in t.files.items():
        target = tmp_path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(body.replace("$PROVIDER", dialect))
    if dialect == "sqlite":
        url = f"sqlite:///{tmp_path / 'app.db'}"
    else:
        url = postgres.create_database("midair_cli")
    try:
        actual: list[Step] = []
        for step in t.steps:
            args = [a.replace("$URL", url).replace("$TMP", str(tmp_path)) for a in step.command]
            if args[0] == "write":
                (tmp_path / args[1]).parent.mkdir(parents=True, exist_ok=True)
                (tmp_path / args[1]).write_text("\n".join(step.body) + "\n")
                actual.append(step)
                continue
            assert args[0] == "midair", f"{path.name}: unknown command {args[0]}"
            capsys.readouterr()
            code = main(args[1:])
            captured = capsys.readouterr()
            actual.append(Step(step.command, normalise(captured.out, url, tmp_path), normalise(captured.err, url, tmp_path), code))
        if os.environ.get("MIDAIR_UPDATE_GOLDEN"):
            path.write_text(render(t, actual))
            return
        for want, got in zip(t.steps, actual):
            where = f"{path.name}: $ {shlex.join(want.command)}"
            assert (got.out, got.err, got.code) == (want.out, want.err, want.code), where
    finally:
        if dialect != "sqlite":
            postgres.drop_database(url)
