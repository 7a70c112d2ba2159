"""A type change through a shadow column on SQLite: the same phases without the lock machinery.

`Item.n` goes from String to Int with a conversion the user writes, while it is indexed, part of
a unique index, and `Item` has a foreign key. Expand adds the shadow column and the dual-write
triggers; the backfill fills it in batches; the contract rebuilds the table (SQLite cannot change
a type in place), copying the shadow column into `n` and recreating the indexes and the key under
Prisma's names. An old-app and a new-app connection write through every phase.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import pytest

from midair.cli import main
from midair.connection import connect
from midair.errors import UnsafeChangeError
from midair.expand_contract.planner import create_phased_migrations
from midair.migrations.apply import deploy

SCHEMA = """datasource db {
  provider = "sqlite"
  url      = env("DATABASE_URL")
}

model Account {
  id    Int    @id
  code  %s @unique
  items Item[]
}

model Item {
  id        Int     @id
  n         %s
  label     String
  ownerCode String
  owner     Account @relation(fields: [ownerCode], references: [code])

  @@index([n])
  @@unique([label, n])
}
"""
ROWS = 120
# The old values are zero-padded text: a plain CAST would keep them, the user's expression does not.
NEW_FROM_OLD = "CAST(ltrim(\"n\", '0') AS INTEGER)"
OLD_FROM_NEW = "printf('%06d', \"n__midair_new\")"


def project(tmp_path: Path, url: str, capsys: pytest.CaptureFixture[str]) -> tuple[Path, Path]:
    migrations = tmp_path / "prisma" / "migrations"
    init = migrations / "20250101000000_init"
    init.mkdir(parents=True)
    (migrations / "migration_lock.toml").write_text('provider = "sqlite"\n')
    schema = tmp_path / "prisma" / "schema.prisma"
    schema.write_text(SCHEMA % ("String", "String"))
    capsys.readouterr()
    assert main(["migrate", "diff", "--from-empty", "--to-schema", str(schema), "--script", "-o", str(init / "migration.sql")]) == 0
    deploy(url, migrations, backup="never")
    conn = connect(url)
    with conn.transaction():
        for a in range(1, 4):
            conn.execute('INSERT INTO "Account" (id, code) VALUES (?, ?)', (a, f"acct-{a}"))
        for i in range(1, ROWS + 1):
            conn.execute(
                'INSERT INTO "Item" (id, n, label, "ownerCode") VALUES (?, ?, ?, ?)',
                (i, f"{i * 10:06d}", f"item-{i % 7}", f"acct-{1 + i % 3}"),
            )
    conn.close()
    return schema, migrations


def fill(toml: Path) -> None:
    text = toml.read_text()
    # Triple-quoted TOML literals: the expressions hold single quotes.
    text = text.replace("""'CAST("n" AS INTEGER)'""", "'''" + NEW_FROM_OLD + "'''")
    text = text.replace("""'CAST("n__midair_new" AS TEXT)'""", "'''" + OLD_FROM_NEW + "'''")
    assert NEW_FROM_OLD in text and OLD_FROM_NEW in text
    toml.write_text(text)


def test_sqlite_string_to_int_on_an_indexed_keyed_column(sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    schema, migrations = project(tmp_path, sqlite_url, capsys)
    schema.write_text(SCHEMA % ("String", "Int"))
    result = create_phased_migrations(schema, migrations, "n int", url=sqlite_url)
    expand, backfill, contract = result.folders
    assert result.lines()[1].endswith("(TEXT → INTEGER) through a shadow column (2 indexes rebuilt on it)")
    fill(expand / "migration.toml")
    contract_sql = contract.joinpath("migration.sql").read_text()
    assert 'SELECT "id", "n__midair_new", "label", "ownerCode" FROM "Item"' in contract_sql
    assert 'CREATE UNIQUE INDEX "Item_label_n_key" ON "Item"("label", "n")' in contract_sql

    stop = threading.Event()
    errors: list[BaseException] = []
    increments: dict[int, int] = {}
    inserted: dict[int, int] = {}
    writes = [0]

    def old_app() -> None:  # reads and writes `n` as zero-padded text
        c = connect(sqlite_url)
        i = 0
        try:
            while not stop.is_set():
                i = i % ROWS + 1
                (value,) = c.query('SELECT n FROM "Item" WHERE id = ?', (i,))[0]
                c.execute('UPDATE "Item" SET n = ? WHERE id = ?', (f"{int(value) + 1:06d}", i))
                increments[i] = increments.get(i, 0) + 1
                writes[0] += 1
                time.sleep(0.002)
        except BaseException as e:  # noqa: BLE001
            errors.append(e)
        finally:
            c.close()

    def new_app() -> None:  # inserts items; `n` as the new app has it (an integer)
        c = connect(sqlite_url)
        i = 10_000
        try:
            while not stop.is_set():
                i += 1
                c.execute('INSERT INTO "Item" (id, n, label, "ownerCode") VALUES (?, ?, ?, ?)', (i, f"{i:06d}", "new", "acct-2"))
                inserted[i] = i
                writes[0] += 1
                time.sleep(0.002)
        except BaseException as e:  # noqa: BLE001
            errors.append(e)
        finally:
            c.close()

    def writes_continue(n: int = 20) -> None:
        target, deadline = writes[0] + n, time.monotonic() + 60
        while writes[0] < target and time.monotonic() < deadline and not errors:
            time.sleep(0.01)

    threads = [threading.Thread(target=old_app), threading.Thread(target=new_app)]
    for t in threads:
        t.start()
    try:
        writes_continue()
        with pytest.raises(UnsafeChangeError, match="waits for the app rollout"):
            deploy(sqlite_url, migrations, backup="never")
        writes_continue()
        check = connect(sqlite_url)
        assert check.query(f'SELECT count(*) FROM "Item" WHERE "n__midair_new" IS NOT {NEW_FROM_OLD}') == [(0,)]
        check.close()
        deploy(sqlite_url, migrations, backup="never")
        writes_continue()
    finally:
        stop.set()
        for t in threads:
            t.join(timeout=60)
    assert errors == [], repr(errors[0])

    conn = connect(sqlite_url)
    assert [(r[1], r[2]) for r in conn.query('PRAGMA table_info("Item")')] == [
        ("id", "INTEGER"), ("n", "INTEGER"), ("label", "TEXT"), ("ownerCode", "TEXT")
    ]
    values: dict[int, Any] = dict(conn.query('SELECT id, n FROM "Item"'))
    assert increments and inserted
    assert all(values[i] == i * 10 + increments.get(i, 0) for i in range(1, ROWS + 1))
    assert all(values[i] == n for i, n in inserted.items())
    assert conn.query('SELECT count(*) FROM "Item" WHERE typeof(n) <> \'integer\'') == [(0,)]
    assert conn.query("SELECT count(*) FROM sqlite_master WHERE type = 'trigger'") == [(0,)]
    assert conn.query("PRAGMA foreign_key_check") == []
    with pytest.raises(Exception, match="UNIQUE"):
        conn.execute('INSERT INTO "Item" (id, n, label, "ownerCode") SELECT 999999, n, label, "ownerCode" FROM "Item" WHERE id = 1')
    conn.close()
    capsys.readouterr()
    assert main(["migrate", "diff", "--from-url", sqlite_url, "--to-schema", str(schema), "--exit-code"]) == 0, capsys.readouterr().out
    assert main(["migrate", "diff", "--from-migrations", str(migrations), "--to-schema", str(schema), "--exit-code"]) == 0, capsys.readouterr().out
