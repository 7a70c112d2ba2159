"""Every kind of check has its texts, a unique stable code, and names its objects in backticks."""

from __future__ import annotations

import pytest

from midair.checks import messages
from midair.checks.plan import Check, CheckKind, CountResult
from midair.schema.pair import Pair


def sample(kind: CheckKind) -> Check:
    return Check(
        kind, 0, "Match", columns=("score",), name="Match_score_key", referenced="User",
        types=Pair("TEXT", "INTEGER"), values=("ARCHIVED",), used_by=(("Doc", "status"),), line=7,
        detail="syntax error at or near \"FOO\"",
    )


def test_codes_are_unique_and_stable_in_form() -> None:
    codes = [k.info.code for k in CheckKind]
    assert len(set(codes)) == len(codes)
    assert all(c.startswith("MC") and len(c) == 5 for c in codes)


@pytest.mark.parametrize("kind", list(CheckKind), ids=lambda k: k.name)
def test_every_kind_has_texts(kind: CheckKind) -> None:
    check = sample(kind)
    pure = messages.pure(check)
    assert pure.endswith(".")
    # Objects in backticks; an unreadable statement is named by its line instead.
    assert ("`" in pure) != (kind is CheckKind.UNREADABLE_SQL)
    if kind.info.severity == "unexecutable":
        assert "will fail if" in pure  # the conditional sentence when no count is known
    for n in (0, 1, 5):
        text = messages.counted(check, CountResult(n, rows=2 * n))
        assert ("`" in text) != (kind is CheckKind.UNREADABLE_SQL) and text.endswith(".")
    assert messages.hint(check)


@pytest.mark.parametrize(
    "kind", [CheckKind.DROP_TABLE, CheckKind.DROP_COLUMN, CheckKind.NOT_CASTABLE, CheckKind.DELETE_ROWS, CheckKind.TRUNCATE]
)
def test_data_loss_names_the_override_flag(kind: CheckKind) -> None:
    assert "`--accept-data-loss`" in messages.hint(sample(kind))


def test_counted_texts_give_the_number() -> None:
    c = Check(CheckKind.DROP_COLUMN, 0, "Match", columns=("player1Games",))
    assert messages.counted(c, CountResult(105)) == "Dropping `Match.player1Games` loses 105 non-null values."
    assert messages.counted(c, CountResult(1)) == "Dropping `Match.player1Games` loses 1 non-null value."
    c = Check(CheckKind.MADE_REQUIRED, 0, "Match", columns=("score",))
    assert messages.counted(c, CountResult(12)) == "Making `Match.score` required will fail: 12 rows hold NULL."
    c = Check(CheckKind.UNIQUE_ADDITION, 0, "User", columns=("email",), name="User_email_key")
    assert messages.counted(c, CountResult(3, rows=7)) == (
        "The unique index `User_email_key` cannot be created: 3 values of `email` appear more than once (7 rows)."
    )


def test_codes_table_in_the_package_docstring_is_true() -> None:
    import midair.checks

    rows = {}
    for line in (midair.checks.__doc__ or "").splitlines():
        if line.startswith("MC"):
            code, rest = line.split(None, 1)
            rows[code] = line
    for kind in CheckKind:
        row = rows.pop(kind.info.code)
        assert row.rstrip().endswith(kind.info.found), row
        assert ("*" in row) == kind.info.always, row
        if kind.info.in_pure:
            assert f"  {kind.info.severity}  " in row, row
    assert rows == {}


@pytest.mark.parametrize("kind", list(CheckKind), ids=lambda k: k.name)
def test_one_is_singular(kind: CheckKind) -> None:
    text = messages.counted(sample(kind), CountResult(1, rows=2))
    for wrong in ("1 rows", "1 values", "1 non-null values", "1 combinations", " 1 row hold ", " 1 row still use ", " 1 row point ", " 1 value do "):
        assert wrong not in text, text
