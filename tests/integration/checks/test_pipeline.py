"""The whole path on the article's data: the tennis schema steps lowered and diffed by midair,
checked on a database built by Prisma's own migrations and holding 105 matches (12 without score)."""

from __future__ import annotations

from check_db import open_db
from test_sql_checks import TENNIS_MIGRATIONS
from test_tennis_scenario import MATCHES, OLD, WITHOUT_SCORE, seed

from midair.checks import evaluate, plan_checks
from midair.diff import diff
from midair.schema.lower import schema_from_file
from tests.conftest import TENNIS_CORPUS

STEPS = sorted((TENNIS_CORPUS / "steps").glob("*.prisma"))


def step_report(url: str, n: int):
    """Checks of tennis step `n` (1-based) against the database at `url`."""
    previous = schema_from_file(STEPS[n - 2], "postgresql")
    nxt = schema_from_file(STEPS[n - 1], "postgresql")
    with open_db(url) as conn:
        return evaluate(plan_checks(diff(previous, nxt, "postgresql").steps, "postgresql"), conn)


def test_tennis_steps_checked_on_the_articles_data(postgres_url: str) -> None:
    with open_db(postgres_url) as conn:
        for folder in TENNIS_MIGRATIONS[:4]:
            conn.script((folder / "migration.sql").read_text())
        seed(conn, "%s")
    step5 = step_report(postgres_url, 5)
    assert [f.message for f in step5.unexecutable] == [
        f"Making `Match.score` required will fail: {WITHOUT_SCORE} rows hold NULL."
    ]
    with open_db(postgres_url) as conn:
        conn.execute("""UPDATE "Match" SET "score" = '{}' WHERE "score" IS NULL""")
        conn.script((TENNIS_MIGRATIONS[4] / "migration.sql").read_text())
    step6 = step_report(postgres_url, 6)
    assert step6.unexecutable == ()
    assert [f.message for f in step6.warnings] == [
        f"Dropping `Match.{c}` loses {MATCHES} non-null values." for c in OLD
    ]
    with open_db(postgres_url) as conn:
        conn.script((TENNIS_MIGRATIONS[5] / "migration.sql").read_text())
    # Step 7 adds `User.email String? @unique`: a new optional column holds no duplicates.
    step7 = step_report(postgres_url, 7)
    assert step7.unexecutable == ()
    assert [(f.code, f.count) for f in step7.warnings] == [("MC107", 0)]
