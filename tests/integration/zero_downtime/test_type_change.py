"""A column type change (INTEGER → BIGINT) through a shadow column, under a concurrent writer.

The app keeps writing `n` through every phase; the shadow column follows by trigger, the backfill
fills the rest, the backfill phase proves it complete with a validated CHECK, and the contract swaps
it in within one short transaction. Every increment must survive the swap.
"""

from __future__ import annotations

import random
import threading
import time
from collections import Counter
from pathlib import Path

import pytest

from midair.connection import connect
from midair.errors import UnsafeChangeError
from midair.expand_contract.planner import create_phased_migrations

pytestmark = pytest.mark.postgres

SCHEMA = """datasource db {
  provider = "postgresql"
  url      = env("DATABASE_URL")
}

model Item {
  id    Int    @id
  n     %s
  label String
}
"""
INIT = """-- CreateTable
CREATE TABLE "Item" (
    "id" INTEGER NOT NULL,
    "n" INTEGER NOT NULL,
    "label" TEXT NOT NULL,

    CONSTRAINT "Item_pkey" PRIMARY KEY ("id")
);
"""
ROWS = 300


def test_int_to_bigint_under_a_concurrent_writer(postgres_url: str, tmp_path: Path) -> None:
    from midair.migrations.apply import deploy

    migrations = tmp_path / "prisma" / "migrations"
    (migrations / "20250101000000_init").mkdir(parents=True)
    (migrations / "20250101000000_init" / "migration.sql").write_text(INIT)
    (migrations / "migration_lock.toml").write_text('provider = "postgresql"\n')
    schema = tmp_path / "prisma" / "schema.prisma"
    schema.write_text(SCHEMA % "Int")
    deploy(postgres_url, migrations, backup="never")
    conn = connect(postgres_url)
    conn.execute('INSERT INTO "Item" SELECT i, i * 10, \'x\' FROM generate_series(1, %s) i' % ROWS)

    schema.write_text(SCHEMA % "BigInt")
    result = create_phased_migrations(schema, migrations, "n bigint", url=postgres_url)
    assert result.placeholders == 0  # a plain cast is filled in for a type change
    assert "`Item`: `n` changes type (INTEGER → BIGINT) through a shadow column" in "\n".join(result.lines())
    expand, backfill, contract = result.folders
    assert 'ADD COLUMN     "n__midair_new" BIGINT;' in expand.joinpath("migration.sql").read_text()
    assert "VALIDATE CONSTRAINT" in backfill.joinpath("migration.sql").read_text()

    stop = threading.Event()
    increments: Counter[int] = Counter()
    errors: list[BaseException] = []
    latencies: list[float] = []

    def app() -> None:
        c = connect(postgres_url)
        rnd = random.Random(7)
        try:
            while not stop.is_set():
                i = rnd.randint(1, ROWS)
                t0 = time.monotonic()
                c.execute('UPDATE "Item" SET n = n + 1 WHERE id = %s', (i,))
                latencies.append(time.monotonic() - t0)
                increments[i] += 1
        except BaseException as e:  # noqa: BLE001
            errors.append(e)
        finally:
            c.close()

    def writes_continue(n: int = 15) -> None:
        target = len(latencies) + n
        deadline = time.monotonic() + 30
        while len(latencies) < target and time.monotonic() < deadline and not errors:
            time.sleep(0.01)

    writer = threading.Thread(target=app)
    writer.start()
    try:
        writes_continue()
        with pytest.raises(UnsafeChangeError, match="waits for the app rollout"):
            deploy(postgres_url, migrations, backup="never")  # expand + backfill, then it stops
        writes_continue()  # the old app writes `n` while the shadow column follows
        assert conn.query('SELECT count(*) FROM "Item" WHERE "n__midair_new" IS DISTINCT FROM n') == [(0,)]
        deployed = deploy(postgres_url, migrations, backup="never")  # the contract: the swap
        writes_continue()
        assert list(deployed.applied) == [contract.name]
    finally:
        stop.set()
        writer.join(timeout=30)

    assert errors == [], repr(errors[0])
    assert sum(increments.values()) >= 45
    assert max(latencies) < 2.5  # no write waited longer than about one lock_timeout (2 s)
    assert conn.query(
        "SELECT data_type, is_nullable FROM information_schema.columns WHERE table_name = 'Item' AND column_name = 'n'"
    ) == [("bigint", "NO")]
    columns = [r[0] for r in conn.query("SELECT column_name FROM information_schema.columns WHERE table_name = 'Item'")]
    assert sorted(columns) == ["id", "label", "n"]
    assert conn.query("SELECT count(*) FROM pg_trigger WHERE tgrelid = '\"Item\"'::regclass AND NOT tgisinternal") == [(0,)]
    assert conn.query("SELECT count(*) FROM pg_constraint WHERE conrelid = '\"Item\"'::regclass AND contype = 'c'") == [(0,)]
    values = dict(conn.query('SELECT id, n FROM "Item"'))
    assert all(values[i] == i * 10 + increments[i] for i in range(1, ROWS + 1))
    conn.close()
