"""`midair migrate expand-contract` on the tennis app's real history: the article's scenario 3.

The migrations folder holds the app's first three migrations (old score format); the schema file
is the article's final one (`score Json`, the four columns gone). The planner writes the three
phases; `migrate deploy` refuses the template until it is filled, applies expand, runs the
backfill, and refuses the contract until no row is left behind.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from midair.connection import connect
from midair.errors import MidairError, UnsafeChangeError
from midair.expand_contract.phases import status
from midair.expand_contract.planner import breaking_operations
from tests.conftest import TENNIS_CORPUS
from tests.integration.zero_downtime.helpers import PG_NEW_FROM_OLD, PG_OLD_FROM_NEW

pytestmark = pytest.mark.postgres

HISTORY = ("20250313123432_auth", "20250313160331_matches", "20250314114715_add_is_public")


def _project(tmp_path: Path) -> tuple[Path, Path]:
    migrations = tmp_path / "prisma" / "migrations"
    migrations.mkdir(parents=True)
    for name in HISTORY:
        shutil.copytree(TENNIS_CORPUS / "migrations" / name, migrations / name)
    (migrations / "migration_lock.toml").write_text('provider = "postgresql"\n')
    schema = tmp_path / "prisma" / "schema.prisma"
    shutil.copy(TENNIS_CORPUS / "steps" / "06_drop_old_score_fields.prisma", schema)
    return schema, migrations


def _fill(toml: Path) -> None:
    text = toml.read_text()
    text = text.replace("score = 'FILL_ME_IN'", f"score = '''{PG_NEW_FROM_OLD}'''")
    for col, expr in PG_OLD_FROM_NEW.items():
        text = text.replace(f"{col} = 'FILL_ME_IN'", f"{col} = '''{expr}'''")
    toml.write_text(text)


def test_planner_writes_the_three_phases_and_deploy_runs_them(postgres_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from midair.cli import main
    from midair.migrations.apply import deploy

    schema, migrations = _project(tmp_path)
    code = main(["migrate", "expand-contract", "--name", "score format", "--schema", str(schema), "--url", postgres_url])
    out = capsys.readouterr()
    assert code == 0, out.err
    assert "`Match`: `player1Points`, `player2Points`, `player1Games`, `player2Games` → `score`" in out.out
    assert "replace the 5 `FILL_ME_IN` expressions" in out.out
    expand, backfill, contract = sorted(p for p in migrations.iterdir() if p.is_dir() and p.name not in HISTORY)
    assert (expand.name.endswith("_score_format_expand"), backfill.name.endswith("_backfill"), contract.name.endswith("_contract")) == (True, True, True)
    assert expand.joinpath("migration.sql").read_text() == '-- AlterTable\nALTER TABLE "Match" ADD COLUMN     "score" JSONB;\n'
    contract_sql = contract.joinpath("migration.sql").read_text()
    assert 'ALTER COLUMN "score" SET NOT NULL' in contract_sql and contract_sql.count("DROP COLUMN") == 4
    assert "You are about to drop the column `player1Games`" in contract_sql  # Prisma's warnings kept

    # Some matches written by the old app, before the change.
    conn = connect(postgres_url)
    deploy(postgres_url, _only_history(migrations, tmp_path), backup="never")
    conn.execute('INSERT INTO "User" (id) VALUES (\'u1\')')
    conn.execute(
        'INSERT INTO "Match" (id, "createdById", "player1Name", "player2Name", "player1Points", "player1Games") '
        "SELECT 'm' || i, 'u1', 'A', 'B', '15', i % 6 FROM generate_series(1, 105) i"
    )

    # Deploy refuses the unfilled template, runs nothing, and records nothing as failed.
    with pytest.raises(MidairError, match="still to fill in"):
        deploy(postgres_url, migrations, backup="never")
    assert conn.query("SELECT count(*) FROM information_schema.columns WHERE table_name = 'Match' AND column_name = 'score'") == [(0,)]
    assert conn.query("SELECT count(*) FROM _prisma_migrations WHERE finished_at IS NULL") == [(0,)]

    _fill(expand / "migration.toml")
    # The first deploy runs the expand and the backfill, then stops before the contract: the old
    # app version may still be running and reading the four columns.
    with pytest.raises(UnsafeChangeError, match="waits for the app rollout"):
        deploy(postgres_url, migrations, backup="never")
    assert conn.query("SELECT count(*) FROM _prisma_migrations WHERE finished_at IS NULL") == [(0,)]
    assert conn.query('SELECT count(*) FROM "Match" WHERE score IS NULL') == [(0,)]
    states = {s.phase: s.state for s in status(conn, migrations)}
    assert states == {"expand": "applied", "backfill": "complete", "contract": "ready"}

    # `migrate status` says where the change stands.
    capsys.readouterr()
    assert main(["migrate", "status", "--url", postgres_url, "--migrations", str(migrations), "--no-drift"]) == 2
    out = capsys.readouterr().out
    assert "Expand/contract:" in out
    assert f"  - {backfill.name} (backfill): complete, updated 105 rows in 1 batch\n" in out
    assert f"  - {contract.name} (contract): ready, backfill complete: no row left behind" in out

    # After the rollout, the next deploy contracts.
    deployed = deploy(postgres_url, migrations, backup="never")
    assert list(deployed.applied) == [contract.name]
    scores = {r[0]: r[1] for r in conn.query('SELECT id, score FROM "Match"')}
    assert len(scores) == 105
    assert scores["m7"] == {"player1": {"points": "15", "games": 1}, "player2": {"points": "0", "games": 0}}
    assert "player1Games" not in [r[0] for r in conn.query("SELECT column_name FROM information_schema.columns WHERE table_name = 'Match'")]
    states = {s.phase: s.state for s in status(conn, migrations)}
    assert states == {"expand": "applied", "backfill": "complete", "contract": "applied"}
    conn.close()


def _only_history(migrations: Path, tmp_path: Path) -> Path:
    only = tmp_path / "history"
    only.mkdir()
    for name in HISTORY:
        shutil.copytree(migrations / name, only / name)
    return only


def test_breaking_operations_and_type_change_refusal() -> None:
    from midair.errors import UnsupportedError
    from midair.schema.model import Column, ColumnType, Index, IndexColumn, PrimaryKey, Schema, Table

    pk = PrimaryKey("t_pkey", (IndexColumn("id"),))
    base = Table("t", (Column("id", ColumnType("INTEGER")), Column("a", ColumnType("TEXT"))), pk)
    renamed = Table("t", (Column("id", ColumnType("INTEGER")), Column("b", ColumnType("TEXT"))), pk)
    (op,) = breaking_operations(Schema((base,)), Schema((renamed,)))
    assert op.summary() == "`t`: `a` → `b`"
    required = Table("t", (*base.columns, Column("c", ColumnType("TEXT"))), pk)
    (op,) = breaking_operations(Schema((base,)), Schema((required,)))
    assert op.summary() == "`t`: new required column `c` without a default"
    optional = Table("t", (*base.columns, Column("c", ColumnType("TEXT"), nullable=True)), pk)
    assert breaking_operations(Schema((base,)), Schema((optional,))) == []
    retyped = Table("t", (Column("id", ColumnType("INTEGER")), Column("a", ColumnType("INTEGER"))), pk)
    (op,) = breaking_operations(Schema((base,)), Schema((retyped,)))
    assert op.summary() == "`t`: `a` changes type (TEXT → INTEGER) through a shadow column"
    assert op.sync().new_from_old == (("a__midair_new", 'CAST("a" AS INTEGER)'),)
    indexed = Table("t", retyped.columns, pk, (Index("t_a_idx", (IndexColumn("a"),)),))
    (op,) = breaking_operations(Schema((base,)), Schema((indexed,)))
    assert op.summary() == "`t`: `a` changes type (TEXT → INTEGER) through a shadow column (1 index rebuilt on it)"
    assert [(i.name, i.column_names) for i in op.shadow_indexes()] == [("t_a_idx__midair_new", ("a__midair_new",))]
    partial = Table("t", retyped.columns, pk, (Index("t_id_idx", (IndexColumn("id"),), where='"a" > 0'),))
    with pytest.raises(UnsupportedError, match="partial index `t_id_idx` reads it"):
        breaking_operations(Schema((base,)), Schema((partial,)))
    rekeyed = Table("t", (Column("id", ColumnType("BIGINT")), Column("a", ColumnType("TEXT"))), pk)
    with pytest.raises(UnsupportedError, match="is in the primary key"):
        breaking_operations(Schema((base,)), Schema((rekeyed,)))


def test_migrate_dev_expand_contract_writes_the_same_phases(postgres_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`migrate dev --expand-contract` is the same planner as `migrate expand-contract`; it writes
    the phases and applies none of them (each ships with its app version through deploy)."""
    from midair.cli import main

    schema, migrations = _project(tmp_path)
    assert main(["migrate", "dev", "--expand-contract", "--schema", str(schema), "--url", postgres_url]) == 1
    assert "--expand-contract needs --name" in capsys.readouterr().err
    code = main(["migrate", "dev", "--expand-contract", "--name", "score format", "--schema", str(schema), "--url", postgres_url])
    out = capsys.readouterr()
    assert code == 0, out.err
    assert "replace the 5 `FILL_ME_IN` expressions" in out.out
    phases = sorted(p.name for p in migrations.iterdir() if p.is_dir() and p.name not in HISTORY)
    assert [p.rsplit("_", 1)[1] for p in phases] == ["expand", "backfill", "contract"]
    conn = connect(postgres_url)
    try:
        assert conn.query("SELECT count(*) FROM information_schema.tables WHERE table_name = '_prisma_migrations'") == [(0,)]
    finally:
        conn.close()
