"""`midair lint` reads a migrations folder as a history: facts established by earlier migrations
are carried forward, and the phases of `migration.toml` explain a contract's drops.

Also: what lint says about the tennis app's history, the example's (with its phases) and the
article's (without), and why each finding is right.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from midair.lint import lint_paths, to_json
from tests.conftest import TENNIS_CORPUS

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "tennis" / "migrations"

CREATE = 'CREATE TABLE "T" ("id" INTEGER PRIMARY KEY, "a" INTEGER, "b" TEXT);\n'
TIMEOUT = 'lock_timeout = "2s"\n'


def history(root: Path, *migrations: tuple[str, str, str | None], lock: bool = True) -> Path:
    """`root` holding one folder per (name, migration.sql, migration.toml or None)."""
    root.mkdir(parents=True, exist_ok=True)
    if lock:
        (root / "migration_lock.toml").write_text('provider = "postgresql"\n')
    for name, sql, toml in migrations:
        (root / name).mkdir()
        (root / name / "migration.sql").write_text(sql)
        if toml is not None:
            (root / name / "migration.toml").write_text(toml)
    return root


def codes(root: Path, name: str | None = None, **kw: object) -> list[tuple[str, str]]:
    """(code, severity) of the findings, for the migration `name` only when given."""
    found = lint_paths([root / name if name else root], **kw)  # type: ignore[arg-type]
    return [(f.code, f.severity) for f in found]


def test_set_not_null_after_a_check_validated_in_an_earlier_migration(tmp_path: Path) -> None:
    root = history(
        tmp_path,
        ("1_init", CREATE, None),
        ("2_check", 'ALTER TABLE "T" ADD CONSTRAINT "T_a_nn" CHECK ("a" IS NOT NULL) NOT VALID;\n', TIMEOUT),
        ("3_validate", 'ALTER TABLE "T" VALIDATE CONSTRAINT "T_a_nn";\n', TIMEOUT),
        ("4_required", 'ALTER TABLE "T" ALTER COLUMN "a" SET NOT NULL;\n', TIMEOUT),
    )
    assert codes(root) == []
    # Only 4 asked for: the migrations before it are still read.
    assert codes(root, "4_required") == []


def test_a_not_valid_check_proves_nothing(tmp_path: Path) -> None:
    root = history(
        tmp_path,
        ("1_init", CREATE, None),
        ("2_check", 'ALTER TABLE "T" ADD CONSTRAINT "T_a_nn" CHECK ("a" IS NOT NULL) NOT VALID;\n', TIMEOUT),
        ("3_required", 'ALTER TABLE "T" ALTER COLUMN "a" SET NOT NULL;\n', TIMEOUT),
    )
    assert codes(root, "3_required") == [("ZD301", "error")]


@pytest.mark.parametrize(
    "between",
    [
        'ALTER TABLE "T" DROP CONSTRAINT "T_a_nn";\n',
        'ALTER TABLE "T" DROP COLUMN "a";\nALTER TABLE "T" ADD COLUMN "a" INTEGER;\n',
        'DROP TABLE "T";\n' + CREATE,
    ],
    ids=["constraint dropped", "column dropped and re-added", "table recreated"],
)
def test_the_proof_is_forgotten_when_its_constraint_goes(tmp_path: Path, between: str) -> None:
    root = history(
        tmp_path,
        ("1_init", CREATE, None),
        ("2_check", 'ALTER TABLE "T" ADD CONSTRAINT "T_a_nn" CHECK ("a" IS NOT NULL) NOT VALID;\n'
                    'ALTER TABLE "T" VALIDATE CONSTRAINT "T_a_nn";\n', 'transactional = false\n' + TIMEOUT),
        ("3_between", between, 'phase = "contract"\n' + TIMEOUT),
        ("4_required", 'ALTER TABLE "T" ALTER COLUMN "a" SET NOT NULL;\n', TIMEOUT),
    )
    assert codes(root, "4_required") == [("ZD301", "error")]


def test_the_proof_follows_its_column_and_table_through_renames(tmp_path: Path) -> None:
    root = history(
        tmp_path,
        ("1_init", CREATE, None),
        ("2_check", 'ALTER TABLE "T" ADD CONSTRAINT "T_a_nn" CHECK ("a" IS NOT NULL) NOT VALID;\n'
                    'ALTER TABLE "T" VALIDATE CONSTRAINT "T_a_nn";\n', 'transactional = false\n' + TIMEOUT),
        ("3_renames", 'ALTER TABLE "T" RENAME COLUMN "a" TO "c";\nALTER TABLE "T" RENAME TO "U";\n', TIMEOUT),
        ("4_required", 'ALTER TABLE "U" ALTER COLUMN "c" SET NOT NULL;\n', TIMEOUT),
    )
    assert codes(root, "4_required") == []
    # The renames themselves break the running app: still errors.
    assert codes(root, "3_renames") == [("ZD501", "error"), ("ZD502", "error")]


def test_unrelated_scripts_are_not_a_history(tmp_path: Path) -> None:
    root = history(
        tmp_path,
        ("1_check", 'ALTER TABLE "T" ADD CONSTRAINT "T_a_nn" CHECK ("a" IS NOT NULL) NOT VALID;\n'
                    'ALTER TABLE "T" VALIDATE CONSTRAINT "T_a_nn";\n', 'transactional = false\n' + TIMEOUT),
        ("2_required", 'ALTER TABLE "T" ALTER COLUMN "a" SET NOT NULL;\n', TIMEOUT),
        lock=False,
    )
    # Unrelated scripts (lint fixtures, say): each is read alone.
    assert codes(root, "2_required") == [("ZD301", "error")]
    # Named like Prisma's migrations, a folder is a history even without its lock file.
    for old, new in (("1_check", "20250101000000_check"), ("2_required", "20250101000001_required")):
        (root / old).rename(root / new)
    assert codes(root, "20250101000001_required") == []


def test_tables_created_by_pending_migrations_have_no_rows(tmp_path: Path) -> None:
    root = history(
        tmp_path,
        ("1_init", CREATE, None),
        ("2_index", 'CREATE INDEX "T_a_idx" ON "T"("a");\n', TIMEOUT),
    )
    # Unknown which are applied: `T` may have rows by now.
    assert codes(root, "2_index") == [("ZD101", "error")]
    # Neither is applied: the deploy that creates `T` builds the index before any app writes.
    assert codes(root, "2_index", applied=set()) == []
    # `T` was created by an earlier deploy.
    assert codes(root, "2_index", applied={"1_init"}) == [("ZD101", "error")]


def test_a_contract_waiting_for_the_rollout_ends_the_deploy(tmp_path: Path) -> None:
    root = history(
        tmp_path,
        ("1_init", CREATE, None),
        ("2_contract", 'ALTER TABLE "T" DROP COLUMN "b";\n', 'phase = "contract"\n' + TIMEOUT),
        ("3_index", 'CREATE INDEX "T_a_idx" ON "T"("a");\n', TIMEOUT),
    )
    assert codes(root, "3_index", applied=set()) == [("ZD101", "error")]


def test_create_index_if_not_exists_of_an_index_built_concurrently_earlier(tmp_path: Path) -> None:
    root = history(
        tmp_path,
        ("1_init", CREATE, None),
        ("2_build", 'CREATE INDEX CONCURRENTLY "T_a_idx" ON "T"("a");\n', 'transactional = false\n' + TIMEOUT),
        ("3_again", 'CREATE INDEX IF NOT EXISTS "T_a_idx" ON "T"("a");\nCREATE INDEX IF NOT EXISTS "T_b_idx" ON "T"("b");\n', TIMEOUT),
    )
    found = lint_paths([root / "3_again"])
    assert [(f.code, f.line) for f in found] == [("ZD101", 2)]


def test_dropping_an_index_of_a_table_without_rows(tmp_path: Path) -> None:
    root = history(
        tmp_path,
        ("1_init", CREATE + 'CREATE INDEX "T_a_idx" ON "T"("a");\n', None),
        ("2_drop", 'DROP INDEX "T_a_idx";\n', TIMEOUT),
    )
    # Pending in the same deploy: `T` is empty, the index goes instantly; applied: it may be large.
    assert codes(root, "2_drop", applied=set()) == []
    assert codes(root, "2_drop", applied={"1_init"}) == [("ZD102", "warning")]


EXPAND = """phase = "expand"
lock_timeout = "2s"
[sync]
table = "T"
old = ["b"]
new = ["c"]
[sync.new_from_old]
c = "upper(b)"
[sync.old_from_new]
b = "lower(c)"
"""


def test_a_contract_after_its_expand_and_backfill_is_planned(tmp_path: Path) -> None:
    root = history(
        tmp_path,
        ("1_init", CREATE, None),
        ("2_expand", 'ALTER TABLE "T" ADD COLUMN "c" TEXT;\n', EXPAND + '[backfill]\ntable = "T"\n'),
        ("3_contract", 'ALTER TABLE "T" DROP COLUMN "b";\n', 'phase = "contract"\n' + TIMEOUT),
    )
    (f,) = lint_paths([root / "3_contract"])
    assert (f.code, f.severity) == ("ZD503", "info")
    assert "`2_expand`" in (f.reason or "") and "backfill" in (f.reason or "")
    assert "until the app rollout" in (f.reason or "")
    (root / "3_contract" / "migration.toml").write_text('phase = "contract"\nwait_for_rollout = false\n' + TIMEOUT)
    (g,) = lint_paths([root / "3_contract"])
    assert g.severity == "info" and "rollout" not in (g.reason or "")
    data = json.loads(to_json([f]))
    assert (data["errors"], data["warnings"], data["info"]) == (0, 0, 1)
    assert data["findings"][0]["reason"] == f.reason and data["findings"][0]["severity"] == "info"


def test_the_same_drop_without_phases_stays_an_error(tmp_path: Path) -> None:
    root = history(
        tmp_path,
        ("1_init", CREATE, None),
        ("2_expand", 'ALTER TABLE "T" ADD COLUMN "c" TEXT;\n', TIMEOUT),
        ("3_drop", 'ALTER TABLE "T" DROP COLUMN "b";\n', TIMEOUT),
    )
    assert codes(root, "3_drop") == [("ZD503", "error")]


def test_a_contract_without_a_backfill_relies_on_its_declaration(tmp_path: Path) -> None:
    root = history(
        tmp_path,
        ("1_init", CREATE, None),
        ("2_expand", 'ALTER TABLE "T" ADD COLUMN "c" TEXT;\n', EXPAND),  # no [backfill], no backfill phase
        ("3_contract", 'ALTER TABLE "T" DROP COLUMN "b";\n', 'phase = "contract"\n' + TIMEOUT),
    )
    (f,) = lint_paths([root / "3_contract"])
    assert f.severity == "info" and "declared a contract" in (f.reason or "")


def test_a_rename_in_a_contract_that_no_expand_planned_stays_an_error(tmp_path: Path) -> None:
    root = history(
        tmp_path,
        ("1_init", CREATE, None),
        ("2_contract", 'ALTER TABLE "T" DROP COLUMN "b";\nALTER TABLE "T" RENAME COLUMN "a" TO "b";\n',
         'phase = "contract"\n' + TIMEOUT),
    )
    assert codes(root, "2_contract") == [("ZD503", "info"), ("ZD501", "error")]


SQLITE_REBUILD = """PRAGMA foreign_keys=OFF;
CREATE TABLE "new_T" ("id" INTEGER NOT NULL PRIMARY KEY, "a" INTEGER NOT NULL);
INSERT INTO "new_T" ("id", "a") SELECT "id", "a" FROM "T";
DROP TABLE "T";
ALTER TABLE "new_T" RENAME TO "T";
PRAGMA foreign_keys=ON;
"""


def test_sqlite_a_rebuild_that_leaves_a_column_behind_drops_it(tmp_path: Path) -> None:
    root = history(
        tmp_path,
        ("1_init", 'CREATE TABLE "T" ("id" INTEGER NOT NULL PRIMARY KEY, "a" INTEGER, "b" TEXT);\n', None),
        ("2_expand", 'ALTER TABLE "T" ADD COLUMN "c" TEXT;\n', EXPAND + '[backfill]\ntable = "T"\n'),
        ("3_rebuild", SQLITE_REBUILD, None),
    )
    (root / "migration_lock.toml").write_text('provider = "sqlite"\n')
    # The history knows `T` had `b` and `c`: the copy leaves both behind.
    found = lint_paths([root / "3_rebuild"])
    assert [(f.code, f.severity, f.line, f.message.split("`")[1]) for f in found] == [
        ("ZD503", "error", 3, "T.b"), ("ZD503", "error", 3, "T.c")
    ]
    # The same rebuild as the contract of the expand that replaced `b` by `c`: `b` is planned.
    (root / "3_rebuild" / "migration.toml").write_text('phase = "contract"\n')
    found = lint_paths([root / "3_rebuild"])
    assert [(f.code, f.severity, f.message.split("`")[1]) for f in found] == [("ZD503", "info", "T.b"), ("ZD503", "info", "T.c")]
    assert "`2_expand`" in (found[0].reason or "") and "declared a contract" in (found[1].reason or "")


def test_sqlite_a_rebuild_that_copies_every_column_drops_none(tmp_path: Path) -> None:
    root = history(
        tmp_path,
        ("1_init", 'CREATE TABLE "T" ("id" INTEGER NOT NULL PRIMARY KEY, "a" INTEGER, "b" TEXT);\n', None),
        ("2_readd", 'ALTER TABLE "T" DROP COLUMN "b";\nALTER TABLE "T" RENAME COLUMN "a" TO "b";\nALTER TABLE "T" ADD COLUMN "a" INTEGER;\n', None),
        ("3_rebuild", SQLITE_REBUILD.replace('("id", "a") SELECT "id", "a"', '("id", "a", "b") SELECT "id", "a", "b"')
                                    .replace('"a" INTEGER NOT NULL)', '"a" INTEGER NOT NULL, "b" INTEGER)'), None),
    )
    (root / "migration_lock.toml").write_text('provider = "sqlite"\n')
    assert codes(root, "2_readd") == [("ZD503", "error"), ("ZD501", "error")]
    assert codes(root, "3_rebuild") == []


def _summary(root: Path) -> list[tuple[str, str, str]]:
    return [(Path(f.file).parent.name, f.code, f.severity) for f in lint_paths([root])]


def test_the_tennis_example_history() -> None:
    """The example app's history is the article's SQL byte for byte plus midair's migration.toml
    files: short lock timeouts on the ADD COLUMNs and the SET NOT NULL run statement by statement
    (midair's validated-CHECK form). Lint sees that; the same SQL without them is flagged below."""
    found = _summary(EXAMPLE)
    assert found == [
        # The old score columns go in a contract after the expand whose [backfill] read them.
        *[("20250314131907_drop_old_score_fields", "ZD503", "info")] * 4,
    ]
    reasons = {f.reason for f in lint_paths([EXAMPLE]) if f.severity == "info"}
    assert len(reasons) == 4 and all("`20250314125629_optional_json_score`" in r for r in reasons if r)


def test_the_articles_history_without_phases() -> None:
    found = _summary(TENNIS_CORPUS / "migrations")
    assert found == [
        ("20250314114715_add_is_public", "ZD701", "warning"),
        ("20250314125629_optional_json_score", "ZD701", "warning"),
        ("20250314130911_make_json_score_mandatory", "ZD301", "error"),
        ("20250314130911_make_json_score_mandatory", "ZD701", "warning"),
        # Hand-written without phases: dropping columns the running app may still read.
        *[("20250314131907_drop_old_score_fields", "ZD503", "error")] * 4,
        ("20250314131907_drop_old_score_fields", "ZD701", "warning"),
    ]
