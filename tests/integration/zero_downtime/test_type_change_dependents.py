"""Type changes of columns that indexes and foreign keys use, through the shadow column.

Each test: a populated table; the schema changes one column's type; `migrate expand-contract`
writes the phases; an "old app" thread updates existing rows and a "new app" thread inserts new
ones through every phase (both use the column's own name); deploy runs expand and backfill (the
shadow column's indexes and keys are built after the backfill), the next deploy contracts. At the
end: no write failed, every value is what the apps wrote, and `migrate diff` from the database
and from the migrations to the schema file is empty (same index and constraint names as Prisma).
"""

from __future__ import annotations

import random
import threading
import time
from pathlib import Path
from typing import Any, Callable

import pytest

from midair.cli import main
from midair.connection import connect
from midair.errors import UnsafeChangeError
from midair.expand_contract.planner import create_phased_migrations
from midair.migrations.apply import deploy

pytestmark = pytest.mark.postgres

HEADER = """datasource db {
  provider = "postgresql"
  url      = env("DATABASE_URL")
}
"""
ACCOUNT = """
model Account {
  id    Int    @id
  code  %s @unique
  items Item[]
}
"""
ITEM = """
model Item {
  id        Int     @id
  n         %s
  label     String
  ownerCode %s
  owner     Account @relation(fields: [ownerCode], references: [code])

  @@index([n])
  @@unique([label, n])
}
"""
INIT = """-- CreateTable
CREATE TABLE "Account" (
    "id" INTEGER NOT NULL,
    "code" TEXT NOT NULL,

    CONSTRAINT "Account_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Item" (
    "id" INTEGER NOT NULL,
    "n" INTEGER NOT NULL,
    "label" TEXT NOT NULL,
    "ownerCode" TEXT NOT NULL,

    CONSTRAINT "Item_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Account_code_key" ON "Account"("code");

-- CreateIndex
CREATE INDEX "Item_n_idx" ON "Item"("n");

-- CreateIndex
CREATE UNIQUE INDEX "Item_label_n_key" ON "Item"("label", "n");

-- AddForeignKey
ALTER TABLE "Item" ADD CONSTRAINT "Item_ownerCode_fkey" FOREIGN KEY ("ownerCode") REFERENCES "Account"("code") ON DELETE RESTRICT ON UPDATE CASCADE;
"""
ROWS = 400
ACCOUNTS = 5


def schema_text(*, n: str = "Int", code: str = "String", owner: str = "String") -> str:
    return HEADER + ACCOUNT % code + ITEM % (n, owner)


def project(tmp_path: Path, url: str) -> tuple[Path, Path]:
    migrations = tmp_path / "prisma" / "migrations"
    (migrations / "20250101000000_init").mkdir(parents=True)
    (migrations / "20250101000000_init" / "migration.sql").write_text(INIT)
    (migrations / "migration_lock.toml").write_text('provider = "postgresql"\n')
    schema = tmp_path / "prisma" / "schema.prisma"
    schema.write_text(schema_text())
    deploy(url, migrations, backup="never")
    conn = connect(url)
    conn.execute('INSERT INTO "Account" SELECT i, \'acct-\' || i FROM generate_series(1, %s) i' % ACCOUNTS)
    conn.execute(
        'INSERT INTO "Item" SELECT i, i * 10, \'item-\' || (i %% 7), \'acct-\' || (1 + i %% %s) FROM generate_series(1, %s) i'
        % (ACCOUNTS, ROWS)
    )
    conn.close()
    return schema, migrations


class Apps:
    """The old app (increments `n` of existing items) and the new app (inserts items), each on
    its own connection, until stopped; what each wrote is kept to check the end state."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.stop = threading.Event()
        self.errors: list[BaseException] = []
        self.increments: dict[int, int] = {}
        self.inserted: dict[int, tuple[int, str]] = {}
        self.writes = 0
        c = connect(url)
        ((last,),) = c.query('SELECT max(id) FROM "Item"')
        c.close()
        self.next_id = last + 1
        self.threads = [threading.Thread(target=self._run, args=(f,)) for f in (self._old_app, self._new_app)]

    def _run(self, body: Callable[[Any, random.Random], None]) -> None:
        c = connect(self.url)
        rnd = random.Random(id(body))
        try:
            while not self.stop.is_set():
                body(c, rnd)
                self.writes += 1
                time.sleep(0.002)
        except BaseException as e:  # noqa: BLE001 - reported by the test
            self.errors.append(e)
        finally:
            c.close()

    def _old_app(self, c: Any, rnd: random.Random) -> None:
        i = rnd.randint(1, ROWS)
        c.execute('UPDATE "Item" SET n = n + 1 WHERE id = %s', (i,))
        self.increments[i] = self.increments.get(i, 0) + 1

    def _new_app(self, c: Any, rnd: random.Random) -> None:
        i = self.next_id
        self.next_id += 1
        owner = f"acct-{rnd.randint(1, ACCOUNTS)}"
        c.execute('INSERT INTO "Item" (id, n, label, "ownerCode") VALUES (%s, %s, %s, %s)', (i, i * 10, "new", owner))
        self.inserted[i] = (i * 10, owner)

    def __enter__(self) -> Apps:
        for t in self.threads:
            t.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        for t in self.threads:
            t.join(timeout=60)

    def wait_for_writes(self, n: int = 20) -> None:
        """Until both apps have written `n` more times (bounded, so a stuck app fails the test)."""
        target = self.writes + n
        deadline = time.monotonic() + 60
        while self.writes < target and time.monotonic() < deadline and not self.errors:
            time.sleep(0.01)


def run_phases(url: str, schema: Path, migrations: Path, name: str) -> tuple[Apps, list[Path]]:
    result = create_phased_migrations(schema, migrations, name, url=url)
    assert result.placeholders == 0
    with Apps(url) as apps:
        apps.wait_for_writes()
        with pytest.raises(UnsafeChangeError, match="waits for the app rollout"):
            deploy(url, migrations, backup="never")  # expand, backfill + the shadow indexes and keys
        apps.wait_for_writes()
        deployed = deploy(url, migrations, backup="never")  # the contract
        apps.wait_for_writes()
    assert apps.errors == [], repr(apps.errors[0])
    assert list(deployed.applied) == [result.folders[2].name]
    return apps, list(result.folders)


def assert_no_difference(url: str, shadow_url: str, schema: Path, migrations: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    code = main(["migrate", "diff", "--from-url", url, "--to-schema", str(schema), "--exit-code"])
    assert code == 0, capsys.readouterr().out
    code = main(
        ["migrate", "diff", "--from-migrations", str(migrations), "--to-schema", str(schema), "--exit-code",
         "--shadow-database-url", shadow_url]
    )
    assert code == 0, capsys.readouterr().out


def catalog(conn: Any) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    indexes = conn.query(
        "SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() "
        "AND tablename IN ('Item', 'Account') ORDER BY 1, 2"
    )
    constraints = conn.query(
        "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
        "WHERE conrelid IN ('\"Item\"'::regclass, '\"Account\"'::regclass) ORDER BY 1, 2"
    )
    return indexes, constraints


def test_indexed_int_to_bigint(postgres_url: str, postgres_shadow_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    schema, migrations = project(tmp_path, postgres_url)
    conn = connect(postgres_url)
    before = catalog(conn)
    schema.write_text(schema_text(n="BigInt"))
    apps, (expand, backfill, contract) = run_phases(postgres_url, schema, migrations, "n bigint")

    built = backfill.joinpath("migration.sql").read_text()
    assert 'CREATE INDEX "Item_n_idx__midair_new" ON "Item"("n__midair_new");' in built
    assert 'CREATE UNIQUE INDEX "Item_label_n_key__midair_new" ON "Item"("label", "n__midair_new");' in built
    assert 'ALTER INDEX "Item_n_idx__midair_new" RENAME TO "Item_n_idx";' in contract.joinpath("migration.sql").read_text()

    assert conn.query("SELECT data_type FROM information_schema.columns WHERE table_name = 'Item' AND column_name = 'n'") == [("bigint",)]
    after = catalog(conn)
    # The same names, and the same definitions (the column keeps its name).
    assert after == before
    assert conn.query("SELECT count(*) FROM pg_index WHERE NOT indisvalid") == [(0,)]
    values = dict(conn.query('SELECT id, n FROM "Item"'))
    assert len(values) == ROWS + len(apps.inserted)
    assert all(values[i] == i * 10 + apps.increments.get(i, 0) for i in range(1, ROWS + 1))
    assert all(values[i] == n for i, (n, _) in apps.inserted.items())
    assert apps.increments and apps.inserted
    # The unique index still holds on the swapped column.
    with pytest.raises(Exception, match="Item_label_n_key"):
        conn.execute('INSERT INTO "Item" (id, n, label, "ownerCode") SELECT 1000000, n, label, "ownerCode" FROM "Item" WHERE id = 1')
    assert_no_difference(postgres_url, postgres_shadow_url, schema, migrations, capsys)
    conn.close()


def test_foreign_key_column_and_referenced_column(postgres_url: str, postgres_shadow_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`Item.ownerCode` (the foreign key's own column), then `Account.code` (the column it
    references, with its unique index), each to VARCHAR(32): the key is rebuilt on the shadow
    column NOT VALID, validated, and renamed to Prisma's name at the contract."""
    schema, migrations = project(tmp_path, postgres_url)
    conn = connect(postgres_url)
    before = catalog(conn)

    schema.write_text(schema_text(owner="String @db.VarChar(32)"))
    apps, (_, backfill, _) = run_phases(postgres_url, schema, migrations, "owner varchar")
    built = backfill.joinpath("migration.sql").read_text()
    assert 'ADD CONSTRAINT "Item_ownerCode_fkey__midair_new" FOREIGN KEY ("ownerCode__midair_new")' in built
    owners = dict(conn.query('SELECT id, "ownerCode" FROM "Item"'))
    assert all(owners[i] == owner for i, (_, owner) in apps.inserted.items())
    assert_no_difference(postgres_url, postgres_shadow_url, schema, migrations, capsys)

    schema.write_text(schema_text(code="String @db.VarChar(32)", owner="String @db.VarChar(32)"))
    apps, (_, backfill, contract) = run_phases(postgres_url, schema, migrations, "code varchar")
    assert 'REFERENCES "Account"("code__midair_new")' in backfill.joinpath("migration.sql").read_text()
    assert contract.joinpath("migration.sql").read_text().startswith(
        # Both tables locked at once first, so an app transaction cannot deadlock with the swap.
        '-- midair: swap the converted column in\nLOCK TABLE "Account", "Item" IN ACCESS EXCLUSIVE MODE;\n'
        'ALTER TABLE "Item" DROP CONSTRAINT "Item_ownerCode_fkey";'
    )
    assert conn.query(
        "SELECT table_name, column_name, data_type, character_maximum_length FROM information_schema.columns "
        "WHERE column_name IN ('code', 'ownerCode') ORDER BY 1"
    ) == [("Account", "code", "character varying", 32), ("Item", "ownerCode", "character varying", 32)]
    indexes, constraints = catalog(conn)
    assert (indexes, [c[:2] for c in constraints]) == (before[0], [c[:2] for c in before[1]])
    assert conn.query("SELECT count(*) FROM pg_constraint WHERE NOT convalidated") == [(0,)]
    assert conn.query('SELECT count(*) FROM "Item" i LEFT JOIN "Account" a ON a.code = i."ownerCode" WHERE a.id IS NULL') == [(0,)]
    with pytest.raises(Exception, match="Item_ownerCode_fkey"):  # the key still holds
        conn.execute('INSERT INTO "Item" (id, n, label, "ownerCode") VALUES (1000000, 1, \'x\', \'no-such-account\')')
    assert_no_difference(postgres_url, postgres_shadow_url, schema, migrations, capsys)
    conn.close()
