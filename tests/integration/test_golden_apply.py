"""Every golden case's SQL runs on a real database, and the database it builds is the schema:
introspecting it and diffing against the lowered ``to.prisma`` gives no step (convergence)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "golden"))

from cases import Case, all_cases, midair_sql  # noqa: E402

from midair.connection import connect  # noqa: E402
from midair.diff import diff  # noqa: E402
from midair.introspect import introspect  # noqa: E402
from midair.psl import load_schema  # noqa: E402
from midair.render import migration_script  # noqa: E402
from midair.schema.lower import lower  # noqa: E402
from midair.schema.model import EMPTY_SCHEMA  # noqa: E402
from midair.testing import postgres  # noqa: E402
from tests.integration import pg_extensions  # noqa: E402


def _missing_extensions(case: Case) -> set[str]:
    if case.provider != "postgresql":
        return set()
    return pg_extensions.missing_extensions(case.expected.read_text())


# A case whose SQL needs an extension this server cannot install (pgvector for formbricks; PostGIS
# where its package is missing) is not applied; its SQL is still compared with Prisma's in
# tests/golden. The server is asked once per run, the same answer for every xdist worker.
CASES = [c for c in all_cases() if not _missing_extensions(c)]


def _namespaces(case: Case) -> list[str] | None:
    from midair.schema.lower import lower as _lower

    schema = _lower(load_schema(case.next), case.provider)
    return list(schema.namespaces) or None


def _apply_and_rediff(case: Case, url: str) -> None:
    conn = connect(url)
    try:
        if case.provider == "postgresql":
            # Extensions whose types the schema uses without managing them (`@db.Citext`,
            # `Unsupported("geography")`) are installed first, as a DBA would.
            expected = case.expected.read_text()
            for extension in sorted({"citext"} | pg_extensions.type_extensions(expected)):
                if extension not in pg_extensions.created_extensions(expected):
                    conn.execute(f'CREATE EXTENSION IF NOT EXISTS "{extension}"')
        if case.previous is not None:
            before = lower(load_schema(case.previous), case.provider)
            conn.script(migration_script(diff(EMPTY_SCHEMA, before, case.provider), case.provider))
        if (case.expected.parent / "apply_fails.md").exists():
            # Prisma's SQL (which midair reproduces) cannot run here: the file says why.
            with pytest.raises(Exception):  # noqa: B017 - the driver's error class varies
                conn.script(midair_sql(case))
            return
        conn.script(midair_sql(case))
        live = introspect(conn, _namespaces(case))
    finally:
        conn.close()
    target = lower(load_schema(case.next), case.provider)
    rest = diff(live, target, case.provider)
    assert rest.steps == (), migration_script(rest, case.provider)


@pytest.fixture(scope="module")
def shared_postgres_url() -> Iterator[str]:
    """One database for all the PostgreSQL cases (creating and dropping one per case costs seconds
    each); `fresh_postgres_url` empties it before every case."""
    url = postgres.create_database()
    try:
        yield url
    finally:
        postgres.drop_database(url)


@pytest.fixture
def fresh_postgres_url(shared_postgres_url: str) -> str:
    conn = connect(shared_postgres_url)
    try:
        rows = conn.query(
            "SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema'"
        )
        for (name,) in rows:
            conn.execute(f'DROP SCHEMA "{name}" CASCADE')
        conn.execute('CREATE SCHEMA "public"')
    finally:
        conn.close()
    return shared_postgres_url


@pytest.mark.postgres
@pytest.mark.parametrize("case", [c for c in CASES if c.provider == "postgresql"], ids=lambda c: c.id)
def test_postgres_case_applies_and_converges(case: Case, fresh_postgres_url: str) -> None:
    _apply_and_rediff(case, fresh_postgres_url)


@pytest.mark.parametrize("case", [c for c in CASES if c.provider == "sqlite"], ids=lambda c: c.id)
def test_sqlite_case_applies_and_converges(case: Case, sqlite_url: str) -> None:
    _apply_and_rediff(case, sqlite_url)
