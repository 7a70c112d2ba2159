"""A type change deployed one phase per deploy, as a team rolls it out over days: expand alone,
then the backfill folder alone, then the contract.

The backfill folder's own SQL (the NOT NULL proof on the shadow column) runs after its batches
have filled that column. Its data checks must not count the column as it is before the deploy
(every row NULL until the backfill runs) and refuse the migration for it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from midair.connection import connect
from midair.expand_contract.planner import create_phased_migrations
from midair.migrations.apply import deploy

from .test_type_change_dependents import ROWS, project, schema_text

pytestmark = pytest.mark.postgres


def test_expand_then_backfill_then_contract_in_separate_deploys(postgres_url: str, tmp_path: Path) -> None:
    schema, migrations = project(tmp_path, postgres_url)
    schema.write_text(schema_text(n="BigInt"))
    expand, backfill, contract = create_phased_migrations(schema, migrations, "n bigint", url=postgres_url).folders
    assert "CHECK" in backfill.joinpath("migration.sql").read_text()  # the proof the checks must not pre-count
    later = tmp_path / "later"
    later.mkdir()
    for folder in (backfill, contract):
        shutil.move(str(folder), later / folder.name)

    assert deploy(postgres_url, migrations, backup="never").applied == (expand.name,)
    conn = connect(postgres_url)
    assert conn.query('SELECT count(*) FROM "Item" WHERE "n__midair_new" IS NULL') == [(ROWS,)]

    shutil.move(str(later / backfill.name), backfill)
    result = deploy(postgres_url, migrations, backup="never")
    assert result.applied == (backfill.name,)
    # Not refused; the check on the filled column is reported as not counted in advance, and why.
    assert any("its backfill" in w for w in result.warnings), result.warnings
    assert conn.query('SELECT count(*) FROM "Item" WHERE "n__midair_new" IS NULL') == [(0,)]

    shutil.move(str(later / contract.name), contract)
    assert deploy(postgres_url, migrations, backup="never").applied == (contract.name,)
    assert conn.query("SELECT data_type FROM information_schema.columns WHERE table_name = 'Item' AND column_name = 'n'") == [("bigint",)]
    assert conn.query('SELECT count(*) FROM "Item" WHERE n <> id * 10') == [(0,)]
    conn.close()
