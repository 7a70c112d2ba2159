"""`plan_checks` + `evaluate` on real databases: for each kind of check, a populated table where it
fires with the exact count, and a clean one where it does not (or where it is always reported)."""

from __future__ import annotations

import json

import pytest
from check_db import INTEGER, TEXT, change_columns, col, insert, open_db, provider, replaced, table, with_column, without

from midair.checks import evaluate, plan_checks
from midair.diff.changes import (
    AddColumn,
    AddForeignKey,
    AlterTable,
    CreateIndex,
    DropColumn,
    DropPrimaryKey,
    DropTable,
)
from midair.schema.model import ForeignKey, Index, IndexColumn
from midair.schema.pair import Pair

USER = table("User", col("id", INTEGER, nullable=False), col("email"), col("name"))


def user_db(url: str, rows: list[tuple]):
    conn = open_db(url, 'CREATE TABLE "User" ("id" INTEGER PRIMARY KEY, "email" TEXT, "name" TEXT)')
    insert(conn, "User", ("id", "email", "name"), rows)
    return conn


def report(url: str, steps: list, **kw):
    with open_db(url) as conn:
        return evaluate(plan_checks(steps, provider(url)), conn, **kw)


def test_drop_table_counts_rows(any_url: str) -> None:
    user_db(any_url, [(1, "a", None), (2, "b", None), (3, None, None)]).close()
    r = report(any_url, [DropTable(USER)])
    assert [f.message for f in r.warnings] == ["Dropping the table `User` loses 3 rows."]
    assert r.warnings[0].code == "MC101" and r.warnings[0].count == 3 and r.warnings[0].objects == ("User",)
    assert "--accept-data-loss" in r.warnings[0].hint
    assert r.unexecutable == ()


def test_drop_table_empty_is_silent(any_url: str) -> None:
    user_db(any_url, []).close()
    assert report(any_url, [DropTable(USER)]).clean


def test_drop_column_counts_non_null_values(any_url: str) -> None:
    user_db(any_url, [(1, "a", "Ann"), (2, "b", None), (3, None, "Cy")]).close()
    step = AlterTable(Pair(USER, without(USER, "name")), (DropColumn(USER.column("name")),))
    r = report(any_url, [step])
    assert [f.message for f in r.warnings] == ["Dropping `User.name` loses 2 non-null values."]
    assert r.warnings[0].objects == ("User.name",)


def test_drop_column_all_null_is_silent(any_url: str) -> None:
    user_db(any_url, [(1, "a", None), (2, "b", None)]).close()
    step = AlterTable(Pair(USER, without(USER, "name")), (DropColumn(USER.column("name")),))
    assert report(any_url, [step]).clean


@pytest.mark.parametrize("client_default", [False, True])
def test_required_column_without_default_on_non_empty_table(any_url: str, client_default: bool) -> None:
    user_db(any_url, [(1, "a", None), (2, "b", None)]).close()
    added = col("uid", nullable=False)
    step = AlterTable(Pair(USER, with_column(USER, added)), (AddColumn(added, client_default=client_default),))
    r = report(any_url, [step])
    assert r.warnings == ()
    (f,) = r.unexecutable
    assert f.count == 2
    assert f.code == ("MC203" if client_default else "MC202")
    assert f.message.startswith("Adding the required column `User.uid` without a database default")
    assert f.message.endswith("will fail: the table `User` has 2 rows.")


def test_required_column_on_empty_table_is_silent(any_url: str) -> None:
    user_db(any_url, []).close()
    added = col("uid", nullable=False)
    step = AlterTable(Pair(USER, with_column(USER, added)), (AddColumn(added),))
    assert report(any_url, [step]).clean


def test_made_required_counts_nulls(any_url: str) -> None:
    user_db(any_url, [(1, "a", None), (2, None, None), (3, None, "x")]).close()
    after = replaced(USER, col("email", nullable=False))
    r = report(any_url, [change_columns(USER, after, provider(any_url))])
    assert [f.message for f in r.unexecutable] == ["Making `User.email` required will fail: 2 rows hold NULL."]
    assert "UPDATE" in r.unexecutable[0].hint


def test_made_required_without_nulls_is_silent(any_url: str) -> None:
    user_db(any_url, [(1, "a", None), (2, "b", None)]).close()
    after = replaced(USER, col("email", nullable=False))
    assert report(any_url, [change_columns(USER, after, provider(any_url))]).clean


EMAIL_KEY = Index("User_email_key", (IndexColumn("email"),), unique=True)


def test_unique_index_over_duplicates(any_url: str) -> None:
    emails = ["a", "a", "a", "b", "b", "c", "c", "d", None, None]
    user_db(any_url, [(i, e, None) for i, e in enumerate(emails)]).close()
    r = report(any_url, [CreateIndex(USER, EMAIL_KEY)])
    assert [f.message for f in r.unexecutable] == [
        "The unique index `User_email_key` cannot be created: 3 values of `email` appear more than once (7 rows)."
    ]
    f = r.unexecutable[0]
    assert (f.count, f.rows, f.objects) == (3, 7, ("User_email_key", "User.email"))
    # The count is the truth: the index really cannot be created.
    with open_db(any_url) as conn, pytest.raises(Exception):
        conn.execute('CREATE UNIQUE INDEX "User_email_key" ON "User"("email")')


def test_unique_index_without_duplicates_is_still_reported(any_url: str) -> None:
    user_db(any_url, [(1, "a", None), (2, "b", None), (3, None, None), (4, None, None)]).close()
    r = report(any_url, [CreateIndex(USER, EMAIL_KEY)])
    assert r.unexecutable == ()
    assert [f.message for f in r.warnings] == [
        "The unique index `User_email_key` is added on `User` over `email`: no duplicate values today."
    ]
    with open_db(any_url) as conn:
        conn.execute('CREATE UNIQUE INDEX "User_email_key" ON "User"("email")')


def test_unique_index_on_a_new_optional_column_needs_no_count(any_url: str) -> None:
    base = without(USER, "email")
    conn = open_db(any_url, 'CREATE TABLE "User" ("id" INTEGER PRIMARY KEY, "name" TEXT)')
    insert(conn, "User", ("id", "name"), [(1, "x"), (2, "x")])
    conn.close()
    steps = [AlterTable(Pair(base, USER), (AddColumn(USER.column("email")),)), CreateIndex(USER, EMAIL_KEY)]
    r = report(any_url, steps)
    assert r.unexecutable == ()
    assert [f.count for f in r.warnings] == [0]


def test_compound_unique_index(any_url: str) -> None:
    user_db(any_url, [(1, "a", "x"), (2, "a", "x"), (3, "a", "y")]).close()
    index = Index("User_email_name_key", (IndexColumn("email"), IndexColumn("name")), unique=True)
    r = report(any_url, [CreateIndex(USER, index)])
    assert [f.message for f in r.unexecutable] == [
        "The unique index `User_email_name_key` cannot be created: 1 combination of (`email`, `name`) appears more than once (2 rows)."
    ]


POST = table("Post", col("id", INTEGER, nullable=False), col("authorId", INTEGER))
POST_FK = ForeignKey("Post_authorId_fkey", ("authorId",), "User", ("id",))


def post_db(url: str, authors: list[int | None]):
    conn = user_db(url, [(1, "a", None), (2, "b", None)])
    conn.execute('CREATE TABLE "Post" ("id" INTEGER PRIMARY KEY, "authorId" INTEGER)')
    insert(conn, "Post", ("id", "authorId"), list(enumerate(authors)))
    conn.close()


def test_foreign_key_over_orphans(any_url: str) -> None:
    post_db(any_url, [1, 2, 7, 7, 9, None])
    r = report(any_url, [AddForeignKey(POST, POST_FK)])
    assert [f.message for f in r.unexecutable] == [
        "The foreign key `Post_authorId_fkey` cannot be added: 3 rows of `Post` point to a missing `User` (`authorId`)."
    ]
    assert r.unexecutable[0].code == "MC206"


def test_foreign_key_without_orphans_is_silent(any_url: str) -> None:
    post_db(any_url, [1, 2, 2, None])
    assert report(any_url, [AddForeignKey(POST, POST_FK)]).clean


def test_primary_key_change_counts_rows(any_url: str) -> None:
    user_db(any_url, [(1, "a", None), (2, "b", None)]).close()
    step = AlterTable(Pair(USER, USER), (DropPrimaryKey(USER.primary_key),))
    r = report(any_url, [step])
    assert [f.count for f in r.warnings] == [2]
    assert r.warnings[0].message.startswith("The primary key of `User` changes over 2 rows")


def test_objects_created_by_the_migration_are_not_counted(any_url: str) -> None:
    from midair.diff.changes import CreateTable

    user_db(any_url, []).close()
    steps = [CreateTable(POST), AddForeignKey(POST, POST_FK), CreateIndex(POST, Index("Post_authorId_key", (IndexColumn("authorId"),), unique=True))]
    assert plan_checks(steps, provider(any_url)) == []


def test_missing_table_gives_the_conditional_message(any_url: str) -> None:
    r = report(any_url, [DropTable(USER)])
    (f,) = r.warnings
    assert f.count is None
    assert f.message == (
        "Dropping the table `User` deletes every row it holds. "
        "(Not counted: the table does not exist in the target database.)"
    )


def test_each_count_runs_once(any_url: str) -> None:
    """Two checks asking for the same rows share one count (the cache)."""
    user_db(any_url, [(1, "a", None)]).close()
    a, b = col("x", nullable=False), col("y", nullable=False)
    step = AlterTable(Pair(USER, with_column(with_column(USER, a), b)), (AddColumn(a), AddColumn(b)))
    checks = plan_checks([step], provider(any_url))
    assert checks[0].counts == checks[1].counts
    with open_db(any_url) as conn:
        r = evaluate(checks, conn)
    assert [f.count for f in r.unexecutable] == [1, 1]


def test_report_json(any_url: str) -> None:
    user_db(any_url, [(1, None, "n")]).close()
    steps = [
        AlterTable(Pair(USER, without(USER, "name")), (DropColumn(USER.column("name")),)),
        change_columns(without(USER, "name"), replaced(without(USER, "name"), col("email", nullable=False)), provider(any_url)),
    ]
    data = json.loads(report(any_url, steps).to_json())
    assert data["warnings"][0]["code"] == "MC102"
    assert data["warnings"][0]["count"] == 1
    assert data["warnings"][0]["objects"] == ["User.name"]
    assert data["unexecutable"][0]["code"] == "MC201"
    assert data["unexecutable"][0]["message"] == "Making `User.email` required will fail: 1 row holds NULL."
    assert data["unexecutable"][0]["step"] == 1


@pytest.mark.postgres
def test_tables_in_another_namespace(postgres_url: str) -> None:
    from dataclasses import replace

    with open_db(postgres_url, 'CREATE SCHEMA "audit"', 'CREATE TABLE "audit"."User" ("id" INTEGER PRIMARY KEY, "email" TEXT, "name" TEXT)') as conn:
        conn.execute('INSERT INTO "audit"."User" VALUES (1, NULL, NULL), (2, NULL, NULL)')
    r = report(postgres_url, [DropTable(replace(USER, schema="audit"))])
    assert [f.count for f in r.warnings] == [2]


def test_unique_index_in_a_sqlite_rebuild_is_counted_but_not_in_the_file(sqlite_url: str) -> None:
    """SQLite's rebuild creates the new table's indexes itself (no `CreateIndex` step): the
    duplicates are still counted, while the warnings block stays Prisma's (which has no line)."""
    from dataclasses import replace

    from midair.checks import pure_warnings
    from midair.diff.changes import RedefineTable

    user_db(sqlite_url, [(1, "a", None), (2, "a", None), (3, "b", None)]).close()
    after = replace(USER, indexes=(EMAIL_KEY,))
    step = RedefineTable(Pair(USER, after), tuple(Pair(c, c) for c in USER.columns))
    assert pure_warnings([step], "sqlite") == []
    r = report(sqlite_url, [step])
    assert [f.message for f in r.unexecutable] == [
        "The unique index `User_email_key` cannot be created: 1 value of `email` appears more than once (2 rows)."
    ]


def test_counts_of_one_table_take_one_scan(sqlite_url: str) -> None:
    user_db(sqlite_url, [(1, "a", None), (2, None, "n"), (3, "c", "m")]).close()
    after = without(USER, "email", "name")
    steps = [
        AlterTable(Pair(USER, after), (DropColumn(USER.column("email")), DropColumn(USER.column("name")))),
        DropTable(after),
    ]
    statements: list[str] = []
    with open_db(sqlite_url) as conn:
        conn.raw.set_trace_callback(statements.append)
        r = evaluate(plan_checks(steps, "sqlite"), conn)
    assert [f.count for f in r.warnings] == [2, 2, 3]
    assert [s for s in statements if s.startswith("SELECT")] == [
        'SELECT COUNT(t."email"), COUNT(t."name"), COUNT(*) FROM "User" AS t'
    ]


def test_one_scan_falls_back_to_single_counts(any_url: str) -> None:
    """A missing column spoils the one-scan query: each count is then taken alone."""
    user_db(any_url, [(1, "a", None)]).close()
    ghost = col("ghost")
    steps = [AlterTable(Pair(with_column(USER, ghost), USER), (DropColumn(ghost), DropColumn(USER.column("email"))))]
    r = report(any_url, steps)
    assert [f.count for f in r.warnings] == [None, 1]
    assert r.warnings[0].message.endswith("(Not counted: the column does not exist in the target database.)")


def test_foreign_key_added_by_a_sqlite_rebuild_counts_orphans(sqlite_url: str) -> None:
    from dataclasses import replace

    from midair.diff.changes import RedefineTable

    post_db(sqlite_url, [1, 7, 7, None])
    after = replace(POST, foreign_keys=(POST_FK,))
    step = RedefineTable(Pair(POST, after), tuple(Pair(c, c) for c in POST.columns))
    r = report(sqlite_url, [step])
    assert [(f.code, f.count) for f in r.unexecutable] == [("MC206", 2)]
    with open_db(sqlite_url) as conn:
        conn.execute('DELETE FROM "Post" WHERE "authorId" = 7')
    assert report(sqlite_url, [step]).clean
