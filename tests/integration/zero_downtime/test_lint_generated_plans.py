"""`midair lint` on midair's own expand/contract plans: no error, no warning.

Each kind of plan the planner writes (columns replaced as in the article's scenario 3, a required
column, a type change, a type change of an indexed and keyed column), on PostgreSQL and SQLite, is
generated into a temporary migrations folder and linted as a history. The contract's drops and the
shadow column's swap are reported as info, with the expand and backfill that planned them; the same
statements without the phases stay errors. On a real PostgreSQL server, applied the way `migrate
deploy` applies them, the plans make PostgreSQL neither rewrite nor scan a populated table under
its ACCESS EXCLUSIVE lock (its DEBUG1 messages say so), and the SET NOT NULL that lint passes
because of a CHECK validated in an earlier migration is the one PostgreSQL proves without a scan.
"""

from __future__ import annotations

import json
from pathlib import Path

import psycopg
import pytest

from midair.cli import main
from midair.connection import connect
from midair.expand_contract.executor import apply_migration
from midair.lint import lint_paths
from midair.migrations.settings import MigrationSettings
from tests.integration.zero_downtime.lint_plans import KINDS, ROWS, generate

CASES = [(kind, provider) for kind in KINDS for provider in ("postgresql", "sqlite")]
# What each contract explains as planned: the columns it drops (on SQLite, those its table rebuild
# does not copy) and, on PostgreSQL, the rename that swaps a type change's shadow column in.
DROPPED = [("ZD503", c) for c in ("player1Games", "player1Points", "player2Games", "player2Points")]
PLANNED = {
    ("replace_columns", "postgresql"): DROPPED,
    ("replace_columns", "sqlite"): DROPPED,
    ("required_column", "postgresql"): [],
    ("required_column", "sqlite"): [],
    ("type_change", "postgresql"): [("ZD503", "n"), ("ZD501", "n__midair_new")],
    ("type_change", "sqlite"): [("ZD503", "n")],
    ("type_change_indexed", "postgresql"): [("ZD503", "n"), ("ZD501", "n__midair_new")],
    ("type_change_indexed", "sqlite"): [("ZD503", "n")],
}


def _column(message: str) -> str:
    return message.split("`")[1].split(".", 1)[1]


@pytest.mark.parametrize(("kind", "provider"), CASES, ids=[f"{k}-{p}" for k, p in CASES])
def test_generated_plan_lints_clean(tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str, provider: str) -> None:
    migrations, plan = generate(tmp_path, kind, provider)
    findings = lint_paths([migrations])
    assert [str(f) for f in findings if f.severity != "info"] == []
    expand, backfill, contract = plan.folders
    for f in findings:
        assert f.file == str(contract / "migration.sql"), str(f)
        assert expand.name in (f.reason or "") and backfill.name in (f.reason or ""), str(f)
    expected = PLANNED[(kind, provider)]
    assert sorted((f.code, _column(f.message)) for f in findings) == sorted(expected)
    # Linting the contract alone reads the migrations before it: the same verdicts.
    assert lint_paths([contract]) == findings

    assert main(["lint", str(migrations), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["errors"], data["warnings"], data["info"]) == (0, 0, len(expected))
    assert all(f["reason"] for f in data["findings"])


# The contract's statements a hand-written migration without phases would be flagged for.
WITHOUT_PHASES = {
    ("replace_columns", "postgresql"): {"ZD503", "ZD301"},  # plain SET NOT NULL: no CHECK proves `score` complete
    ("required_column", "postgresql"): {"ZD301"},
    # The backfill's validated CHECK still proves the column complete: SET NOT NULL passes, but the
    # drop and the rename break whatever app still runs.
    ("type_change", "postgresql"): {"ZD503", "ZD501"},
    ("type_change_indexed", "postgresql"): {"ZD503", "ZD501"},
    # SQLite: the rebuild that does not copy the old columns is their drop.
    ("replace_columns", "sqlite"): {"ZD503"},
    ("type_change", "sqlite"): {"ZD503"},
    ("type_change_indexed", "sqlite"): {"ZD503"},
}


@pytest.mark.parametrize(("kind", "provider"), list(WITHOUT_PHASES), ids=[f"{k}-{p}" for k, p in WITHOUT_PHASES])
def test_the_same_statements_without_phases_stay_flagged(tmp_path: Path, kind: str, provider: str) -> None:
    migrations, plan = generate(tmp_path, kind, provider)
    for folder in plan.folders:
        (folder / "migration.toml").unlink()
    contract = plan.folders[2] / "migration.sql"
    findings = [f for f in lint_paths([migrations]) if f.file == str(contract)]
    assert {f.code for f in findings if f.severity == "error"} == WITHOUT_PHASES[(kind, provider)], [str(f) for f in findings]
    assert not [f for f in findings if f.severity == "info"]


def _apply_phases(url: str, migrations: Path, kind: str, *, plain_contract: bool = False) -> list[tuple[str, str, str]]:
    """Apply the init migration, add rows, then each phase as `migrate deploy` does (each in its
    own deploy, so the contract's rollout wait is met; `plain_contract`: the contract as Prisma
    would run it, one script without midair's phase handling). Returns PostgreSQL's DEBUG1 messages as
    (migration, statement that was running, message)."""
    folders = sorted(p for p in migrations.iterdir() if p.is_dir())
    conn = connect(url)
    try:
        conn.script(folders[0].joinpath("migration.sql").read_text())
        for statement in ROWS[kind]:
            conn.execute(statement)
    finally:
        conn.close()
    messages: list[tuple[str, str, str]] = []
    running = [""]

    class Recording(psycopg.Cursor):  # type: ignore[type-arg]
        """Notes the statement it sends, so each server message is attributed to one."""

        def execute(self, query, params=None, **kw):  # type: ignore[no-untyped-def,override]
            running[0] = query.decode() if isinstance(query, bytes) else query if isinstance(query, str) else query.as_string(self)
            return super().execute(query, params, **kw)

    for folder in folders[1:]:
        conn = connect(url)
        try:
            conn.raw.cursor_factory = Recording
            conn.raw.add_notice_handler(lambda d, name=folder.name: messages.append((name, running[0], d.message_primary or "")))
            conn.execute("SET client_min_messages = debug1")
            sql = folder.joinpath("migration.sql").read_text()
            if plain_contract and folder == folders[-1]:
                conn.script(sql)
            else:
                apply_migration(conn, folder, sql, MigrationSettings.load(folder))
        finally:
            conn.close()
    return messages


def _heavy(messages: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """ALTER TABLE's table rewrite and its verification scan under the statement's own lock
    (PostgreSQL's tablecmds.c, DEBUG1), but VALIDATE CONSTRAINT's scan, which holds only SHARE
    UPDATE EXCLUSIVE (reads and writes continue)."""
    return [
        m for m in messages
        if m[2].startswith(("rewriting table", "verifying table")) and "VALIDATE CONSTRAINT" not in m[1].upper()
    ]


@pytest.mark.postgres
@pytest.mark.parametrize("kind", list(KINDS))
def test_postgres_agrees_the_plan_is_safe(postgres_url: str, tmp_path: Path, kind: str) -> None:
    migrations, plan = generate(tmp_path, kind, "postgresql")
    assert [f for f in lint_paths([migrations]) if f.severity != "info"] == []
    messages = _apply_phases(postgres_url, migrations, kind)
    assert _heavy(messages) == []
    # Every contract makes a column required. Lint passed its SET NOT NULL because of a CHECK
    # validated earlier (a type change: in the backfill migration; otherwise the executor's safe
    # form); PostgreSQL used that CHECK instead of scanning.
    column = {"replace_columns": "Match.score", "required_column": "User.email"}.get(kind, "Counter.n" if kind == "type_change" else "Item.n")
    proof = f'existing constraints on column "{column}" are sufficient to prove that it does not contain nulls'
    assert proof in [text for name, _, text in messages if name == plan.folders[2].name]


@pytest.mark.postgres
def test_postgres_scans_where_lint_says_it_would(postgres_url: str, tmp_path: Path) -> None:
    """The replace plan's contract run as a plain script (no phases, as Prisma would): lint flags
    its SET NOT NULL (ZD301), and PostgreSQL does verify the populated table under the lock."""
    migrations, plan = generate(tmp_path, "replace_columns", "postgresql")
    contract = plan.folders[2]
    (contract / "migration.toml").unlink()
    assert "ZD301" in {f.code for f in lint_paths([contract]) if f.severity == "error"}
    messages = _apply_phases(postgres_url, migrations, "replace_columns", plain_contract=True)
    assert [(name, text) for name, _, text in _heavy(messages)] == [(contract.name, 'verifying table "Match"')]
