"""`sql_checks` + `evaluate`: migration SQL read from files, counted on the target before it runs.

The schema before the migration is introspected from the target, as `migrate deploy` does."""

from __future__ import annotations

from pathlib import Path

import pytest
from check_db import open_db, provider
from test_tennis_scenario import MATCHES, OLD, WITHOUT_SCORE, seed

from midair.checks import evaluate
from midair.checks.sqlcheck import sql_checks
from midair.dialects import get_dialect
from tests.conftest import SHARED, TENNIS_CORPUS

TENNIS_MIGRATIONS = sorted((TENNIS_CORPUS / "migrations").iterdir())
SQLITE_EXAMPLES = SHARED / "tools" / "prisma-oracle" / "examples" / "migrate-dev" / "sqlite"


def check_sql(url: str, sql: str, **kw):
    with open_db(url) as conn:
        before = get_dialect(provider(url)).introspect(conn)
        return evaluate(sql_checks(sql, before, provider(url)), conn, **kw)


@pytest.fixture
def tennis_pg(postgres_url: str) -> str:
    with open_db(postgres_url) as conn:
        for folder in TENNIS_MIGRATIONS[:4]:
            conn.script((folder / "migration.sql").read_text())
        seed(conn, "%s")
    return postgres_url


@pytest.fixture
def tennis_sqlite(sqlite_url: str) -> str:
    """The same history, as Prisma writes it for SQLite (the oracle's `migrate dev` run)."""
    with open_db(sqlite_url) as conn:
        for f in sorted(SQLITE_EXAMPLES.glob("*.migration.sql"))[:3]:
            conn.script(f.read_text())
        # This variant of the app names its users: a name is required.
        conn.execute("""CREATE TRIGGER "name_users" BEFORE INSERT ON "User" WHEN NEW."username" IS NULL
                        BEGIN INSERT INTO "User" VALUES (NEW."id", NEW."id"); SELECT RAISE(IGNORE); END""")
        seed(conn, "?")
        conn.execute('DROP TRIGGER "name_users"')
    return sqlite_url


def test_tennis_migrations_on_postgres(tennis_pg: str) -> None:
    made_required = check_sql(tennis_pg, (TENNIS_MIGRATIONS[4] / "migration.sql").read_text())
    assert [(f.message, f.line) for f in made_required.unexecutable] == [
        (f"Making `Match.score` required will fail: {WITHOUT_SCORE} rows hold NULL.", 8)
    ]
    dropped = check_sql(tennis_pg, (TENNIS_MIGRATIONS[5] / "migration.sql").read_text())
    assert [f.message for f in dropped.warnings] == [
        f"Dropping `Match.{c}` loses {MATCHES} non-null values." for c in OLD
    ]
    assert {f.line for f in dropped.warnings} == {11}


def test_tennis_migrations_on_sqlite(tennis_sqlite: str) -> None:
    """Prisma's SQLite migrations rebuild the table: the checks compare the copy with the old table."""
    made_required = check_sql(tennis_sqlite, (SQLITE_EXAMPLES / "04_score_required.migration.sql").read_text())
    assert [f.message for f in made_required.unexecutable] == [
        f"Making `Match.score` required will fail: {WITHOUT_SCORE} rows hold NULL."
    ]
    assert made_required.warnings == ()
    dropped = check_sql(tennis_sqlite, (SQLITE_EXAMPLES / "05_drop_player_score_fields.migration.sql").read_text())
    assert sorted(f.message for f in dropped.warnings) == [
        f"Dropping `Match.{c}` loses {MATCHES} non-null values." for c in OLD
    ]


def test_earlier_migrations_are_clean(tennis_pg: str) -> None:
    # Creating tables and adding optional columns or columns with defaults risks nothing.
    for folder in TENNIS_MIGRATIONS[1:4]:
        assert check_sql(tennis_pg, (folder / "migration.sql").read_text()).clean, folder.name


HAND_WRITTEN = """\
-- A hand-written migration
ALTER TABLE "User" ADD COLUMN "plan" TEXT NOT NULL;
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");
DELETE FROM "User" WHERE "email" LIKE '%@spam.test';
ALTER TABLE "Post" ADD CONSTRAINT "Post_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id");
ALTER TABLE "Post" ALTER COLUMN "title" SET NOT NULL;
TRUNCATE "Log";
DROP TABLE "Log";
"""


def hand_db(url: str) -> None:
    with open_db(
        url,
        'CREATE TABLE "User" ("id" INTEGER PRIMARY KEY, "email" TEXT)',
        'CREATE TABLE "Post" ("id" INTEGER PRIMARY KEY, "authorId" INTEGER, "title" TEXT)',
        'CREATE TABLE "Log" ("id" INTEGER PRIMARY KEY)',
    ) as conn:
        conn.execute("""INSERT INTO "User" VALUES (1, 'a@x.test'), (2, 'a@x.test'), (3, 'b@spam.test'), (4, 'c@spam.test')""")
        conn.execute("""INSERT INTO "Post" VALUES (1, 1, 'one'), (2, 9, NULL), (3, 8, NULL), (4, NULL, 'four')""")
        conn.execute('INSERT INTO "Log" VALUES (1), (2), (3)')


@pytest.mark.postgres
def test_hand_written_sql_postgres(postgres_url: str) -> None:
    hand_db(postgres_url)
    r = check_sql(postgres_url, HAND_WRITTEN)
    got = [(f.code, f.line, f.count, f.message) for f in r.findings]
    # Warnings first, then the unexecutable steps, each in statement order.
    assert got == [
        ("MC301", 4, 2, "The statement on line 4 deletes rows from `User`, which holds 2 rows."),
        # The DELETE on line 4 changes `User` before the foreign key is added: its orphans cannot be
        # counted before the migration runs, so the step is shown, not refused.
        ("MC206", 5, None, "The foreign key `Post_authorId_fkey` is added from `Post` (`authorId`) to `User`. "
         "This step will fail if a row points to a missing `User`. (Not counted: the statement on line 4 changes its rows first.)"),
        ("MC302", 7, 3, "The statement on line 7 empties the table `Log`: 3 rows lost."),
        # The TRUNCATE on line 7 empties the table first: nothing to count when it is dropped.
        ("MC101", 8, None, "Dropping the table `Log` deletes every row it holds. "
         "(Not counted: the statement on line 7 changes its rows first.)"),
        ("MC202", 2, 4, "Adding the required column `User.plan` without a database default will fail: the table `User` has 4 rows."),
        ("MC107", 3, 1, "The unique index `User_email_key` cannot be created: 1 value of `email` appears more than once (2 rows)."),
        ("MC201", 6, 2, "Making `Post.title` required will fail: 2 rows hold NULL."),
    ]


@pytest.mark.postgres
def test_backfill_before_set_not_null_is_not_counted_as_failing(postgres_url: str) -> None:
    hand_db(postgres_url)
    sql = 'UPDATE "Post" SET "title" = \'untitled\' WHERE "title" IS NULL;\nALTER TABLE "Post" ALTER COLUMN "title" SET NOT NULL;\n'
    r = check_sql(postgres_url, sql)
    assert r.unexecutable == ()
    (f,) = r.warnings
    assert f.code == "MC201" and f.count is None  # shown with the conditional wording, not refused
    assert f.message.endswith("(Not counted: the statement on line 1 changes its rows first.)")


HAND_WRITTEN_SQLITE = """\
ALTER TABLE "User" ADD COLUMN "plan" TEXT NOT NULL DEFAULT 'free';
ALTER TABLE "User" ADD COLUMN "tier" INTEGER NOT NULL;
CREATE UNIQUE INDEX IF NOT EXISTS "User_email_key" ON "User" ("email" COLLATE NOCASE);
/* clean up */ DELETE FROM "Post" AS p WHERE p."title" IS NULL;
DELETE FROM "Log";
DROP TABLE "Log";
"""


def test_hand_written_sql_sqlite(sqlite_url: str) -> None:
    hand_db(sqlite_url)
    r = check_sql(sqlite_url, HAND_WRITTEN_SQLITE)
    got = [(f.code, f.line, f.count) for f in r.findings]
    assert got == [
        ("MC301", 4, 2),
        ("MC301", 5, 3),
        ("MC101", 6, None),
        ("MC202", 2, 4),
        ("MC107", 3, 1),
    ]


def test_unreadable_sql_names_the_line_and_reads_the_rest(any_url: str) -> None:
    hand_db(any_url)
    sql = 'DROP TABLE "Log";\n\nALTER TABLE "Post" FROBNICATE;\nALTER TABLE "Post" DROP COLUMN "title";\n'
    r = check_sql(any_url, sql)
    unreadable = [f for f in r.warnings if f.code == "MC303"]
    assert len(unreadable) == 1 and unreadable[0].line == 3
    assert unreadable[0].message.startswith("The SQL on line 3 could not be read (")
    assert [f.message for f in r.warnings if f.code != "MC303"] == [
        "Dropping the table `Log` loses 3 rows.",
        "Dropping `Post.title` loses 2 non-null values.",
    ]


@pytest.mark.postgres
def test_several_pending_migrations_are_read_as_one_run(postgres_url: str) -> None:
    """`migrate deploy` checks all pending migrations before running any: lines are per file, each
    finding names its migration, and a write in an earlier migration makes later counts stale."""
    from midair.checks import migrations_checks

    hand_db(postgres_url)
    scripts = [
        ("20250101000000_cleanup", '-- tidy up\nDELETE FROM "Post" WHERE "title" IS NULL;\n'),
        ("20250102000000_constrain", 'ALTER TABLE "Post" ALTER COLUMN "title" SET NOT NULL;\nDROP TABLE "Log";\n'),
    ]
    with open_db(postgres_url) as conn:
        before = get_dialect("postgresql").introspect(conn)
        r = evaluate(migrations_checks(scripts, before, "postgresql"), conn)
    assert [(f.source, f.line, f.code, f.count) for f in r.findings] == [
        ("20250101000000_cleanup", 2, "MC301", 2),
        ("20250102000000_constrain", 1, "MC201", None),
        ("20250102000000_constrain", 2, "MC101", 3),
    ]
    assert r.warnings[0].message == (
        "The statement on line 2 of `20250101000000_cleanup` deletes rows from `Post`, which holds 2 rows."
    )
    assert r.warnings[1].message.endswith(
        "(Not counted: the statement on line 2 of `20250101000000_cleanup` changes its rows first.)"
    )
    assert r.unexecutable == ()


def test_renames_in_the_script_are_counted_under_the_old_names(any_url: str) -> None:
    hand_db(any_url)
    with open_db(any_url) as conn:
        conn.execute("""UPDATE "Post" SET "title" = NULL WHERE "id" = 1""")
    last = (
        'ALTER TABLE "Article" ALTER COLUMN "headline" SET NOT NULL;'
        if provider(any_url) == "postgresql"
        else 'ALTER TABLE "Article" DROP COLUMN "headline";'
    )
    sql = f'ALTER TABLE "Post" RENAME COLUMN "title" TO "headline";\nALTER TABLE "Post" RENAME TO "Article";\n{last}\n'
    (f,) = check_sql(any_url, sql).findings
    assert f.objects == ("Article.headline",)
    # Post.title: NULL in rows 1, 2, 3; set in row 4.
    assert f.count == (3 if provider(any_url) == "postgresql" else 1)


@pytest.mark.postgres
def test_delete_using_and_type_change_using_postgres(postgres_url: str) -> None:
    hand_db(postgres_url)
    sql = (
        'DELETE FROM "Post" AS p USING "User" AS u WHERE p."authorId" = u."id" AND u."email" LIKE \'a@%\';\n'
        'ALTER TABLE "User" ALTER COLUMN "email" TYPE INTEGER USING (length("email") / (length("email") - 8));\n'
    )
    r = check_sql(postgres_url, sql)
    # Post 1 is by User 1 (a@x.test); User 2 (a@x.test) wrote nothing.
    assert [(f.code, f.count) for f in r.warnings] == [("MC301", 1)]
    # The USING expression divides by zero for the 8-letter addresses: it is tried as written.
    (f,) = r.unexecutable
    assert (f.code, f.count, f.at_least) == ("MC105", 1, True)
    with open_db(postgres_url) as conn, pytest.raises(Exception):
        conn.execute('ALTER TABLE "User" ALTER COLUMN "email" TYPE INTEGER USING (length("email") / (length("email") - 8))')


@pytest.mark.postgres
@pytest.mark.parametrize("in_transaction", [False, True])
def test_counting_leaves_nothing_behind(postgres_url: str, in_transaction: bool) -> None:
    """Expressions read from a migration run inside the counts: their side effects are undone."""
    import contextlib

    hand_db(postgres_url)
    with open_db(
        postgres_url,
        """CREATE FUNCTION bump() RETURNS boolean LANGUAGE sql AS 'INSERT INTO "Log" SELECT MAX("id") + 1 FROM "Log"; SELECT true'""",
    ) as conn:
        before = get_dialect("postgresql").introspect(conn)
        checks = sql_checks('DELETE FROM "Post" WHERE bump();\n', before, "postgresql")
        with conn.transaction() if in_transaction else contextlib.nullcontext():
            r = evaluate(checks, conn)
            assert conn.query('SELECT COUNT(*) FROM "Log"') == [(3,)]
    (f,) = r.warnings
    # Outside a transaction the count is read-only and the write refused; inside, it is rolled back.
    assert f.count == (None if not in_transaction else 4)


def test_sqlite_rebuild_adding_a_foreign_key_counts_orphans(sqlite_url: str) -> None:
    hand_db(sqlite_url)
    sql = """\
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Post" (
    "id" INTEGER PRIMARY KEY,
    "authorId" INTEGER,
    "title" TEXT,
    CONSTRAINT "Post_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User" ("id")
);
INSERT INTO "new_Post" ("id", "authorId", "title") SELECT "id", "authorId", "title" FROM "Post";
DROP TABLE "Post";
ALTER TABLE "new_Post" RENAME TO "Post";
PRAGMA foreign_keys=ON;
"""
    r = check_sql(sqlite_url, sql)
    # Posts 2 and 3 point to users 9 and 8, who do not exist.
    assert [(f.code, f.count, f.line, f.objects) for f in r.findings] == [
        ("MC206", 2, 2, ("Post_authorId_fkey", "Post.authorId"))
    ]


@pytest.mark.postgres
def test_check_constraints_and_validation_postgres(postgres_url: str) -> None:
    hand_db(postgres_url)
    # Post 1 has authorId 1, 2 -> 9, 3 -> 8, 4 -> NULL (a CHECK passes on NULL).
    plain = 'ALTER TABLE "Post" ADD CONSTRAINT "Post_author_small" CHECK ("authorId" < 5);\n'
    (f,) = check_sql(postgres_url, plain).unexecutable
    assert (f.code, f.count, f.objects) == ("MC207", 2, ("Post_author_small",))
    assert f.message == (
        'The check constraint `Post_author_small` cannot be added: 2 rows of `Post` break it ("authorId" < 5).'
    )
    # NOT VALID checks nothing; the VALIDATE that follows does (the safe form of the same change).
    safe = (
        'ALTER TABLE "Post" ADD CONSTRAINT "Post_author_small" CHECK ("authorId" < 5) NOT VALID;\n'
        'ALTER TABLE "Post" ADD CONSTRAINT "Post_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") NOT VALID;\n'
        'ALTER TABLE "Post" VALIDATE CONSTRAINT "Post_author_small";\n'
        'ALTER TABLE "Post" VALIDATE CONSTRAINT "Post_authorId_fkey";\n'
    )
    r = check_sql(postgres_url, safe)
    assert [(f.code, f.line, f.count) for f in r.unexecutable] == [("MC207", 3, 2), ("MC206", 4, 2)]
    with open_db(postgres_url) as conn:
        conn.execute('UPDATE "Post" SET "authorId" = 1 WHERE "authorId" > 4')
    assert check_sql(postgres_url, plain).clean
    with open_db(postgres_url) as conn:
        conn.script(safe)  # and it really runs now


GOLDEN_KINDS = Path(__file__).resolve().parents[2] / "unit" / "checks" / "golden" / "kinds"


@pytest.mark.parametrize("dialect", ["postgresql", "sqlite"])
def test_prismas_migration_with_every_kind_of_risk(dialect: str, request: pytest.FixtureRequest) -> None:
    """Prisma's own SQL (oracle `migrate dev`, golden/kinds) read back and counted on real rows."""
    url = request.getfixturevalue("postgres_url" if dialect == "postgresql" else "sqlite_url")
    with open_db(url) as conn:
        conn.script((GOLDEN_KINDS / f"{dialect}.before.migration.sql").read_text())
        conn.execute("""INSERT INTO "User" ("id", "name", "role", "age") VALUES
            (1, 'ann', 'ADMIN', '30'), (2, NULL, 'GUEST', 'x'), (3, 'ann', 'EDITOR', NULL)""")
        conn.execute("""INSERT INTO "Post" ("id", "title", "authorId") VALUES (1, 't1', 1), (2, 't2', 3)""")
        conn.execute("""INSERT INTO "Log" ("id", "text") VALUES (1, 'a'), (2, 'b')""")
    r = check_sql(url, (GOLDEN_KINDS / f"{dialect}.migration.sql").read_text())
    got = sorted((f.severity, f.code, f.objects[-1], f.count) for f in r.findings)
    common = [
        ("unexecutable", "MC107", "User.name", 1),  # `ann` twice
        ("unexecutable", "MC201", "User.name", 1),
        ("unexecutable", "MC202", "User.rank", 3),
        ("unexecutable", "MC202", "User.token", 3),  # SQL does not say the default is the client's
        ("warning", "MC101", "Log", 2),
        ("warning", "MC102", "Post.title", 2),
    ]
    if dialect == "postgresql":
        extra = [
            ("unexecutable", "MC106", "User.role", 1),  # GUEST, removed from the enum
            ("warning", "MC102", "User.age", 2),  # dropped and added again as INTEGER
        ]
    else:
        extra = [("unexecutable", "MC105", "User.age", 1)]  # the rebuild copies 'x' into INTEGER
    assert got == sorted(common + extra)
