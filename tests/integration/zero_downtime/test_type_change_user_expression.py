"""`String` → `Int` with a conversion the user writes, on an indexed column, on both dialects.

`Item.n` holds zero-padded text (a plain CAST would not do on PostgreSQL, and on SQLite would keep
the text); it is indexed, part of a unique index, and `Item` has a foreign key. Expand adds the
shadow column and the dual-write triggers; the backfill fills it in batches; on PostgreSQL the
indexes are then built on the shadow column concurrently and renamed at the contract, on SQLite
the contract rebuilds the table (SQLite cannot change a type in place), copying the shadow column
into `n` and recreating the indexes and the key under Prisma's names. An old-app and a new-app
connection write through every phase; at the end every value is what they wrote, converted, and
`migrate diff` from the database and from the migrations to the schema file is empty.
"""

from __future__ import annotations

import sqlite3
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

SCHEMA = """datasource db {
  provider = "%s"
  url      = env("DATABASE_URL")
}

model Account {
  id    Int    @id
  code  String @unique
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
NEW_FROM_OLD = "CAST(ltrim(\"n\", '0') AS INTEGER)"
OLD_FROM_NEW = {
    "sqlite": "printf('%06d', \"n__midair_new\")",
    "postgresql": "lpad(CAST(\"n__midair_new\" AS TEXT), 6, '0')",
}


def provider_of(url: str) -> str:
    return "sqlite" if url.startswith("sqlite") else "postgresql"


def sql(url: str, text: str) -> str:
    """`text` with `?` parameters, in the connection's parameter style."""
    return text if provider_of(url) == "sqlite" else text.replace("?", "%s")


def project(tmp_path: Path, url: str, capsys: pytest.CaptureFixture[str]) -> tuple[Path, Path]:
    provider = provider_of(url)
    migrations = tmp_path / "prisma" / "migrations"
    init = migrations / "20250101000000_init"
    init.mkdir(parents=True)
    (migrations / "migration_lock.toml").write_text(f'provider = "{provider}"\n')
    schema = tmp_path / "prisma" / "schema.prisma"
    schema.write_text(SCHEMA % (provider, "String"))
    capsys.readouterr()
    assert main(["migrate", "diff", "--from-empty", "--to-schema", str(schema), "--script", "-o", str(init / "migration.sql")]) == 0
    deploy(url, migrations, backup="never")
    conn = connect(url)
    with conn.transaction():
        for a in range(1, 4):
            conn.execute(sql(url, 'INSERT INTO "Account" (id, code) VALUES (?, ?)'), (a, f"acct-{a}"))
        for i in range(1, ROWS + 1):
            conn.execute(
                sql(url, 'INSERT INTO "Item" (id, n, label, "ownerCode") VALUES (?, ?, ?, ?)'),
                (i, f"{i * 10:06d}", f"item-{i % 7}", f"acct-{1 + i % 3}"),
            )
    conn.close()
    return schema, migrations


def fill(toml: Path, provider: str) -> None:
    text = toml.read_text()
    # Triple-quoted TOML literals: the expressions hold single quotes.
    text = text.replace("""'CAST("n" AS INTEGER)'""", "'''" + NEW_FROM_OLD + "'''")
    text = text.replace("""'CAST("n__midair_new" AS TEXT)'""", "'''" + OLD_FROM_NEW[provider] + "'''")
    assert NEW_FROM_OLD in text and OLD_FROM_NEW[provider] in text
    toml.write_text(text)


class Writers:
    """App connections writing in a loop until stopped; a failed write stops its writer and is kept."""

    def __init__(self, url: str, *bodies: Callable[[Any], None]) -> None:
        self.url, self.stop, self.errors, self.writes = url, threading.Event(), [], 0
        self.threads = [threading.Thread(target=self._loop, args=(b,)) for b in bodies]

    def _loop(self, body: Callable[[Any], None]) -> None:
        c = connect(self.url)
        try:
            while not self.stop.is_set():
                body(c)
                self.writes += 1
                time.sleep(0.002)
        except BaseException as e:  # noqa: BLE001 - reported by the test
            self.errors.append(e)
        finally:
            c.close()

    def __enter__(self) -> Writers:
        for t in self.threads:
            t.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        for t in self.threads:
            t.join(timeout=60)

    def wait(self, n: int = 20) -> None:
        target, deadline = self.writes + n, time.monotonic() + 60
        while self.writes < target and time.monotonic() < deadline and not self.errors:
            time.sleep(0.01)


def test_string_to_int_with_a_user_expression(
    any_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], request: pytest.FixtureRequest
) -> None:
    url, provider = any_url, provider_of(any_url)
    schema, migrations = project(tmp_path, url, capsys)
    schema.write_text(SCHEMA % (provider, "Int"))
    result = create_phased_migrations(schema, migrations, "n int", url=url)
    expand, backfill, contract = result.folders
    assert result.lines()[1].endswith("(TEXT → INTEGER) through a shadow column (2 indexes rebuilt on it)")
    fill(expand / "migration.toml", provider)
    contract_sql = contract.joinpath("migration.sql").read_text()
    if provider == "sqlite":
        assert 'SELECT "id", "n__midair_new", "label", "ownerCode" FROM "Item"' in contract_sql
        assert 'CREATE UNIQUE INDEX "Item_label_n_key" ON "Item"("label", "n")' in contract_sql
    else:
        assert 'CREATE UNIQUE INDEX "Item_label_n_key__midair_new" ON "Item"("label", "n__midair_new");' in backfill.joinpath("migration.sql").read_text()
        assert 'ALTER INDEX "Item_label_n_key__midair_new" RENAME TO "Item_label_n_key";' in contract_sql

    increments: dict[int, int] = {}
    inserted: list[int] = []

    def old_app(c: Any) -> None:  # reads and writes `n` as zero-padded text, row after row
        i = 1 + sum(increments.values()) % ROWS
        (value,) = c.query(sql(url, 'SELECT n FROM "Item" WHERE id = ?'), (i,))[0]
        c.execute(sql(url, 'UPDATE "Item" SET n = ? WHERE id = ?'), (f"{int(value) + 1:06d}", i))
        increments[i] = increments.get(i, 0) + 1

    def new_app(c: Any) -> None:  # inserts items
        # `n` as a quoted literal, which PostgreSQL types from the column: the same statement
        # works before the swap (TEXT) and after it (INTEGER). An app binding a typed text
        # parameter would have to wait for the contract (see docs/zero-downtime.md).
        i = 10_001 + len(inserted)
        c.execute(f"INSERT INTO \"Item\" (id, n, label, \"ownerCode\") VALUES ({i}, '{i:06d}', 'new', 'acct-2')")
        inserted.append(i)

    with Writers(url, new_app) as new, Writers(url, old_app) as old:
        new.wait()
        with pytest.raises(UnsafeChangeError, match="waits for the app rollout"):
            deploy(url, migrations, backup="never")  # expand, backfill (+ the indexes on PostgreSQL)
        old.wait()
        check = connect(url)
        differs = "IS NOT" if provider == "sqlite" else "IS DISTINCT FROM"
        assert check.query(f'SELECT count(*) FROM "Item" WHERE "n__midair_new" {differs} {NEW_FROM_OLD}') == [(0,)]
        check.close()
        old.__exit__()  # the rollout: the old app version stops before the contract
        deploy(url, migrations, backup="never")  # the contract
        new.wait()
    assert old.errors == [] and new.errors == [], repr((old.errors + new.errors)[0])

    conn = connect(url)
    if provider == "sqlite":
        assert [(r[1], r[2]) for r in conn.query('PRAGMA table_info("Item")')] == [
            ("id", "INTEGER"), ("n", "INTEGER"), ("label", "TEXT"), ("ownerCode", "TEXT")
        ]
        assert conn.query('SELECT count(*) FROM "Item" WHERE typeof(n) <> \'integer\'') == [(0,)]
        assert conn.query("PRAGMA foreign_key_check") == []
        assert conn.query("SELECT count(*) FROM sqlite_master WHERE type = 'trigger'") == [(0,)]
    else:
        assert conn.query("SELECT data_type FROM information_schema.columns WHERE table_name = 'Item' AND column_name = 'n'") == [("integer",)]
        assert conn.query("SELECT count(*) FROM pg_index WHERE NOT indisvalid") == [(0,)]
        assert conn.query("SELECT count(*) FROM pg_trigger WHERE tgrelid = '\"Item\"'::regclass AND NOT tgisinternal") == [(0,)]
    values: dict[int, Any] = dict(conn.query('SELECT id, n FROM "Item"'))
    assert increments and inserted
    assert len(values) == ROWS + len(inserted)
    assert all(values[i] == i * 10 + increments.get(i, 0) for i in range(1, ROWS + 1))
    assert all(values[i] == i for i in inserted)
    with pytest.raises(Exception, match="UNIQUE|Item_label_n_key"):
        conn.execute('INSERT INTO "Item" (id, n, label, "ownerCode") SELECT 999999, n, label, "ownerCode" FROM "Item" WHERE id = 1')
    conn.close()
    capsys.readouterr()
    assert main(["migrate", "diff", "--from-url", url, "--to-schema", str(schema), "--exit-code"]) == 0, capsys.readouterr().out
    shadow = [] if provider == "sqlite" else ["--shadow-database-url", request.getfixturevalue("postgres_shadow_url")]
    assert main(["migrate", "diff", "--from-migrations", str(migrations), "--to-schema", str(schema), "--exit-code", *shadow]) == 0, capsys.readouterr().out


def test_sqlite_deploys_leave_the_database_unlocked_between_their_statements(
    sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Whenever a deploy reports a step (a migration starts, the triggers are made, the backfill
    is done), midair holds no SQLite lock: an app connection that does not wait at all (busy
    timeout 0) reads and writes. A deploy holding the database for its whole run (SQLite's
    EXCLUSIVE locking mode, Prisma's deploy lock) fails every one of these writes."""
    url = sqlite_url
    schema, migrations = project(tmp_path, url, capsys)
    schema.write_text(SCHEMA % ("sqlite", "Int"))
    expand, _, _ = create_phased_migrations(schema, migrations, "n int", url=url).folders
    fill(expand / "migration.toml", "sqlite")
    app = sqlite3.connect(str(tmp_path / "test.db"), timeout=0, isolation_level=None)
    probes: list[tuple[str, str]] = []

    def app_writes(step: str) -> None:
        i = 20_001 + len(probes)
        try:
            app.execute(f"INSERT INTO \"Item\" (id, n, label, \"ownerCode\") VALUES ({i}, '{i:06d}', 'probe', 'acct-1')")
            app.execute('SELECT count(*) FROM "Item"').fetchall()
            probes.append((step, "ok"))
        except sqlite3.OperationalError as e:
            probes.append((step, str(e)))

    with pytest.raises(UnsafeChangeError, match="waits for the app rollout"):
        deploy(url, migrations, backup="never", report=app_writes)
    deploy(url, migrations, backup="never", report=app_writes)
    app.close()
    steps = [step for step, _ in probes]
    # expand, backfill, the contract (refused before the rollout), the contract
    assert sum(step.startswith("Applying migration") for step in steps) == 4, steps
    assert any(step.startswith("backfill `Item`") for step in steps), steps
    assert [p for p in probes if p[1] != "ok"] == []
    conn = connect(url)
    assert conn.query("SELECT count(*), min(typeof(n)) FROM \"Item\" WHERE label = 'probe'") == [(len(probes), "integer")]
    conn.close()
