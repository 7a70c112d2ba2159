"""`midair migrate diff` itself, without Typer: the sources, the comparison and the output.

Both ways into the command run `diff_main`: the Typer command (`diff_commands.py`, which parses
and documents the options) and the start-up fast path (`fast_path.py`, which recognises the plain
forms of the command line and skips importing Typer, Rich and Pydantic, about a third of a large
diff's time). Sources (exactly one ``--from-*`` and one ``--to-*``): ``empty``, ``schema FILE`` (a
schema file or folder, lowered), ``url URL`` (a live database, introspected), ``migrations DIR``
(replayed on a throwaway database, then introspected).

Output: the summary (``[+] Added tables`` …) by default, the migration SQL with ``--script``;
``-o FILE`` writes it to a file instead of stdout. Exit codes: 0 (with ``--exit-code``: no
difference), 2 (``--exit-code`` and a difference), 1 (error). As in Prisma, the script has no
warnings block (``migrate dev`` writes those), and a script from ``--from-empty`` on PostgreSQL
starts with ``CREATE SCHEMA IF NOT EXISTS "public"``.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from midair.errors import EXIT_CHANGES, ConfigError

if TYPE_CHECKING:
    from midair.psl.ast import Document
    from midair.schema.model import Schema


@dataclass(frozen=True)
class Source:
    """One side of the comparison: `kind` is ``empty``, ``schema``, ``url`` or ``migrations``."""

    kind: str
    value: str | None = None

    def describe(self) -> str:
        from midair.urls import redact

        return self.kind if self.value is None else f"{self.kind} {redact(self.value)}"


def _pick(side: str, empty: bool, schema: Path | None, url: str | None, migrations: Path | None) -> Source:
    given = [
        s
        for s in (
            Source("empty") if empty else None,
            Source("schema", str(schema)) if schema is not None else None,
            Source("url", url) if url else None,
            Source("migrations", str(migrations)) if migrations is not None else None,
        )
        if s is not None
    ]
    if len(given) != 1:
        options = f"--{side}-empty, --{side}-schema, --{side}-url or --{side}-migrations"
        what = "several" if given else "none"
        raise ConfigError(f"Give exactly one of {options} (got {what}).")
    return given[0]


def _document(path: Path, documents: dict[str, Document] | None) -> Document:
    """The parsed schema at `path`; `documents` keeps it for the rest of one command, which asks
    for the same file twice (its provider, then its tables): a large schema is parsed once."""
    from midair.psl import load_schema

    if documents is None:
        return load_schema(path)
    key = str(path)
    if key not in documents:
        documents[key] = load_schema(path)
    return documents[key]


def source_provider(source: Source, documents: dict[str, Document] | None = None) -> str | None:
    """The provider a source implies, if it implies one."""
    if source.kind == "schema":
        from midair.schema.lower import document_provider

        return document_provider(_document(Path(source.value or ""), documents))
    if source.kind == "url":
        from midair.urls import parse_url

        return parse_url(source.value or "").provider
    if source.kind == "migrations":
        from midair.migrations.folder import read_lock

        return read_lock(Path(source.value or ""))
    return None


def load_source(
    source: Source,
    provider: str,
    shadow_database_url: str | None = None,
    namespaces: tuple[str, ...] = (),
    documents: dict[str, Document] | None = None,
) -> Schema:
    """The `Schema` a source stands for (`namespaces`: the schemas to introspect for a ``url``)."""
    if source.kind == "empty":
        from midair.schema.model import EMPTY_SCHEMA

        return EMPTY_SCHEMA
    if source.kind == "schema":
        from midair.schema.lower import lower

        path = Path(source.value or "")
        if not path.exists():
            raise ConfigError(f"Could not find a Prisma schema at {path}.")
        from midair import psl

        doc = _document(path, documents)
        validate = getattr(psl, "validate", None)
        if validate is not None:
            from midair.errors import SchemaError

            diagnostics = [d for d in validate(doc) if d.severity == "error"]
            if diagnostics:
                raise SchemaError(diagnostics)
        return lower(doc, provider)
    if source.kind == "url":
        from midair.connection import connect
        from midair.introspect import introspect

        conn = connect(source.value or "")
        try:
            return introspect(conn, namespaces or None)
        finally:
            conn.close()
    from midair.migrations.shadow import replay

    path = Path(source.value or "")
    if not path.is_dir():
        raise ConfigError(f"The migrations folder {path} does not exist.")
    # PostgreSQL makes the throwaway database on the development server (DATABASE_URL), as Prisma.
    import os

    return replay(path, provider, url=os.environ.get("DATABASE_URL") or None, shadow_url=shadow_database_url)


def run_diff(
    previous: Source,
    next: Source,
    *,
    provider: str | None = None,
    script: bool = False,
    shadow_database_url: str | None = None,
) -> tuple[str, bool]:
    """The text `migrate diff` prints, and whether there is a difference."""
    from midair.diff import diff

    documents: dict[str, Document] = {}
    provider = provider or source_provider(next, documents) or source_provider(previous, documents)
    if provider is None:
        raise ConfigError(
            "Cannot tell which database this is for.",
            hint="Pass --provider postgresql|sqlite (both sides are empty or have no provider).",
        )
    if provider == "postgres":
        provider = "postgresql"
    # A database is read in the namespaces the other side spans (a multi-schema datasource).
    if previous.kind == "url" and next.kind != "url":
        after = load_source(next, provider, shadow_database_url, documents=documents)
        before = load_source(previous, provider, shadow_database_url, after.namespaces, documents=documents)
    else:
        before = load_source(previous, provider, shadow_database_url, documents=documents)
        after = load_source(next, provider, shadow_database_url, before.namespaces, documents=documents)
    documents.clear()  # the trees are not needed any more: free them before the diff
    migration = diff(before, after, provider, create_default_namespace=previous.kind == "empty")
    if script:
        from midair.render import migration_script

        return migration_script(migration, provider), bool(migration.steps)
    from midair.diff.summary import summary

    return summary(migration.steps), bool(migration.steps)


@dataclass(frozen=True)
class DiffOptions:
    """The command line of `migrate diff`, as both ways into the command parse it."""

    from_empty: bool = False
    from_schema: Path | None = None
    from_url: str | None = None
    from_migrations: Path | None = None
    to_empty: bool = False
    to_schema: Path | None = None
    to_url: str | None = None
    to_migrations: Path | None = None
    script: bool = False
    exit_code: bool = False
    output: Path | None = None
    provider: str | None = None
    shadow_database_url: str | None = None


def diff_main(o: DiffOptions) -> int:
    """Run the command; returns its exit code (`MidairError`s are the caller's to report)."""
    previous = _pick("from", o.from_empty, o.from_schema, o.from_url, o.from_migrations)
    nxt = _pick("to", o.to_empty, o.to_schema, o.to_url, o.to_migrations)
    text, changed = run_diff(previous, nxt, provider=o.provider, script=o.script, shadow_database_url=o.shadow_database_url)
    if o.output is not None:
        o.output.parent.mkdir(parents=True, exist_ok=True)
        o.output.write_text(text)
    else:
        # Prisma's CLI prints the text followed by two blank lines.
        sys.stdout.write(text.rstrip("\n") + "\n\n\n")
    if o.exit_code and changed:
        return EXIT_CHANGES
    return 0


__all__ = ["DiffOptions", "Source", "diff_main", "load_source", "run_diff", "source_provider"]
