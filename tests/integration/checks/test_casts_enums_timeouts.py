"""Type changes (real cast tests), enum value removals, and counts that cannot be taken."""

from __future__ import annotations

import pytest
from check_db import INTEGER, TEXT, change_columns, col, insert, open_db, provider, replaced, table

from midair.checks import evaluate, plan_checks
from midair.diff.changes import AlterEnum, AlterTable, ColumnChange, DropAndRecreateColumn, DropTable
from midair.schema.model import ColumnType, Enum
from midair.schema.pair import Pair

ITEM = table("Item", col("id", INTEGER, nullable=False), col("qty", TEXT))


def item_db(url: str, values: list[str | None]) -> None:
    conn = open_db(url, 'CREATE TABLE "Item" ("id" INTEGER PRIMARY KEY, "qty" TEXT)')
    insert(conn, "Item", ("id", "qty"), list(enumerate(values)))
    conn.close()


def cast_report(url: str, to: ColumnType):
    step = change_columns(ITEM, replaced(ITEM, col("qty", to)), provider(url))
    with open_db(url) as conn:
        return evaluate(plan_checks([step], provider(url)), conn)


@pytest.mark.postgres
def test_text_to_integer_counts_values_that_do_not_cast_postgres(postgres_url: str) -> None:
    item_db(postgres_url, ["1", " 7 ", "-3", "x", "3.5", "99999999999", None])
    r = cast_report(postgres_url, INTEGER)
    assert [f.message for f in r.unexecutable] == [
        "Changing the type of `Item.qty` from `TEXT` to `INTEGER` will fail: 3 values do not convert."
    ]
    # The count is the truth: PostgreSQL refuses the change, and accepts it once they are fixed.
    with open_db(postgres_url) as conn:
        with pytest.raises(Exception):
            conn.execute('ALTER TABLE "Item" ALTER COLUMN "qty" SET DATA TYPE INTEGER USING ("qty"::INTEGER)')
        conn.execute("""UPDATE "Item" SET "qty" = '0' WHERE "qty" IN ('x', '3.5', '99999999999')""")
    assert cast_report(postgres_url, INTEGER).clean
    with open_db(postgres_url) as conn:
        conn.execute('ALTER TABLE "Item" ALTER COLUMN "qty" SET DATA TYPE INTEGER USING ("qty"::INTEGER)')


@pytest.mark.postgres
@pytest.mark.parametrize(
    ("to", "values", "bad"),
    [
        (ColumnType("BOOLEAN"), ["true", "no", "maybe", "1"], 1),
        (ColumnType("DOUBLE PRECISION"), ["1.5", "2e3", "abc", ".5"], 1),
        (ColumnType("VARCHAR(3)"), ["abc", "abcd", "ab"], 1),
        (ColumnType("DATE"), ["2024-01-02", "yesterday-ish"], 1),  # no predicate: the probe
    ],
)
def test_other_risky_casts_postgres(postgres_url: str, to: ColumnType, values: list[str], bad: int) -> None:
    item_db(postgres_url, values)
    (f,) = cast_report(postgres_url, to).unexecutable
    assert f.count == bad
    assert f.at_least == (to.name == "DATE")
    if f.at_least:
        assert "at least 1 value does not convert" in f.message


def test_text_to_integer_on_sqlite_counts_values_left_as_text(sqlite_url: str) -> None:
    # SQLite does not refuse: its rebuild copies a value it cannot convert unchanged, so the count
    # is of the values that would stay text in an INTEGER column ('3.5' becomes a REAL 3.5).
    item_db(sqlite_url, ["1", "-3", "x", "3.5", "y", None])
    (f,) = cast_report(sqlite_url, INTEGER).unexecutable
    assert f.message == "Changing the type of `Item.qty` from `TEXT` to `INTEGER` will fail: 2 values do not convert."


def test_safe_casts_are_not_checked(any_url: str) -> None:
    item_db(any_url, ["x"])
    step = change_columns(
        table("Item", col("id", INTEGER, nullable=False), col("qty", INTEGER)),
        table("Item", col("id", INTEGER, nullable=False), col("qty", TEXT)),
        provider(any_url),
    )
    assert plan_checks([step], provider(any_url)) == []


def test_drop_and_recreate_counts_lost_values(any_url: str) -> None:
    item_db(any_url, ["a", None, "b"])
    after = col("qty", ColumnType("INTEGER", array=True))
    step = AlterTable(Pair(ITEM, replaced(ITEM, after)), ())
    step = AlterTable(
        Pair(ITEM, replaced(ITEM, after)),
        (DropAndRecreateColumn(Pair(ITEM.column("qty"), after), ColumnChange.TYPE),),
    )
    with open_db(any_url) as conn:
        r = evaluate(plan_checks([step], provider(any_url)), conn)
    assert [f.message for f in r.warnings] == [
        "Changing the type of `Item.qty` from `TEXT` to `INTEGER[]` drops and recreates the column: 2 non-null values will be lost."
    ]


def test_drop_and_recreate_required_column(any_url: str) -> None:
    item_db(any_url, [None, None])
    after = col("qty", INTEGER, nullable=False)
    step = AlterTable(
        Pair(ITEM, replaced(ITEM, after)),
        (DropAndRecreateColumn(Pair(ITEM.column("qty"), after), ColumnChange.TYPE),),
    )
    with open_db(any_url) as conn:
        r = evaluate(plan_checks([step], provider(any_url)), conn)
    assert [f.count for f in r.unexecutable] == [2]
    assert r.unexecutable[0].code == "MC204"


STATUS = Enum("Status", ("DRAFT", "LIVE", "ARCHIVED"))


def enum_db(url: str, statuses: list[str]) -> None:
    conn = open_db(
        url,
        """CREATE TYPE "Status" AS ENUM ('DRAFT', 'LIVE', 'ARCHIVED')""",
        """CREATE TABLE "Doc" ("id" INTEGER PRIMARY KEY, "status" "Status", "history" "Status"[])""",
    )
    for i, s in enumerate(statuses):
        conn.execute('INSERT INTO "Doc" VALUES (%s, %s, %s)', (i, s, ["DRAFT", s]))
    conn.close()


def enum_step() -> AlterEnum:
    used = (
        ("Doc", col("status", ColumnType("Status", enum="Status"))),
        ("Doc", col("history", ColumnType("Status", enum="Status", array=True))),
    )
    return AlterEnum(Pair(STATUS, Enum("Status", ("DRAFT", "LIVE"))), (), ("ARCHIVED",), used)


@pytest.mark.postgres
def test_enum_value_in_use(postgres_url: str) -> None:
    enum_db(postgres_url, ["DRAFT", "ARCHIVED", "LIVE", "ARCHIVED"])
    with open_db(postgres_url) as conn:
        r = evaluate(plan_checks([enum_step()], "postgresql"), conn)
    # Two rows hold it in `status` and the same two in `history`: counted per column.
    assert [f.message for f in r.unexecutable] == [
        "Removing `ARCHIVED` from the enum `Status` will fail: 4 rows still use it (`Doc.status`, `Doc.history`)."
    ]
    assert r.unexecutable[0].objects == ("Status", "Doc.status", "Doc.history")


@pytest.mark.postgres
def test_enum_value_unused_is_still_reported(postgres_url: str) -> None:
    enum_db(postgres_url, ["DRAFT", "LIVE"])
    with open_db(postgres_url) as conn:
        r = evaluate(plan_checks([enum_step()], "postgresql"), conn)
    assert r.unexecutable == ()
    assert [f.message for f in r.warnings] == ["Removing `ARCHIVED` from the enum `Status`: no row uses it."]


@pytest.mark.postgres
def test_slow_count_times_out_postgres(postgres_url: str) -> None:
    open_db(postgres_url, 'CREATE VIEW "Slow" AS SELECT x FROM generate_series(1, 3) AS x, pg_sleep(2) AS s').close()
    with open_db(postgres_url) as conn:
        r = evaluate(plan_checks([DropTable(table("Slow", col("x", INTEGER)))], "postgresql"), conn, timeout=0.3)
    (f,) = r.warnings
    assert f.count is None
    assert f.message.endswith("(Not counted: it took longer than 0.3 s.)")


def test_slow_count_times_out_sqlite(sqlite_url: str) -> None:
    open_db(
        sqlite_url,
        'CREATE VIEW "Slow" AS WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT x FROM n',
    ).close()
    with open_db(sqlite_url) as conn:
        r = evaluate(plan_checks([DropTable(table("Slow", col("x", INTEGER)))], "sqlite"), conn, timeout=0.3)
    (f,) = r.warnings
    assert f.count is None
    assert f.message.endswith("(Not counted: it took longer than 0.3 s.)")


@pytest.mark.postgres
def test_counts_inside_the_callers_transaction_leave_it_usable(postgres_url: str) -> None:
    """A deploy may count while it holds its own transaction: a failing count must not abort it,
    and the caller's statement timeout must be what it was."""
    item_db(postgres_url, ["1", "x"])
    steps = [DropTable(table("Missing", col("x", INTEGER))), DropTable(ITEM)]
    with open_db(postgres_url) as conn:
        conn.execute("SET statement_timeout = '7s'")
        with conn.transaction():
            r = evaluate(plan_checks(steps, "postgresql"), conn)
            assert conn.query("SHOW statement_timeout") == [("7s",)]
            conn.execute('INSERT INTO "Item" VALUES (100, \'y\')')  # the transaction still works
    assert [f.count for f in r.warnings] == [None, 2]


def test_clean_data_gives_no_finding(any_url: str) -> None:
    """The same kinds on data that makes them harmless: all NULL, empty, or convertible."""
    item_db(any_url, [None, None])
    recreated = col("qty", ColumnType("INTEGER", array=True))
    lossy = AlterTable(
        Pair(ITEM, replaced(ITEM, recreated)),
        (DropAndRecreateColumn(Pair(ITEM.column("qty"), recreated), ColumnChange.TYPE),),
    )
    cast = change_columns(ITEM, replaced(ITEM, col("qty", INTEGER)), provider(any_url))
    with open_db(any_url) as conn:
        assert evaluate(plan_checks([lossy, cast], provider(any_url)), conn).clean
        conn.execute('DELETE FROM "Item"')
        required = col("qty", INTEGER, nullable=False)
        step = AlterTable(
            Pair(ITEM, replaced(ITEM, required)),
            (DropAndRecreateColumn(Pair(ITEM.column("qty"), required), ColumnChange.TYPE),),
        )
        from midair.diff.changes import DropPrimaryKey

        pk = AlterTable(Pair(ITEM, ITEM), (DropPrimaryKey(ITEM.primary_key),))
        assert evaluate(plan_checks([step, pk], provider(any_url)), conn).clean


def test_sqlite_text_to_integer_with_numbers_only_is_clean(sqlite_url: str) -> None:
    item_db(sqlite_url, ["1", "-3", "42", None])
    assert cast_report(sqlite_url, INTEGER).clean


@pytest.mark.postgres
def test_scalar_made_a_list(postgres_url: str) -> None:
    item_db(postgres_url, ["a", None, "b"])
    step = change_columns(ITEM, replaced(ITEM, col("qty", ColumnType("TEXT", array=True))), "postgresql")
    with open_db(postgres_url) as conn:
        r = evaluate(plan_checks([step], "postgresql"), conn)
        assert [f.message for f in r.unexecutable] == ["Turning `Item.qty` into a list will fail: 2 rows hold a value."]
        conn.execute('UPDATE "Item" SET "qty" = NULL')
        assert evaluate(plan_checks([step], "postgresql"), conn).clean
