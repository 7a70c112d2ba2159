"""Every message the data checks print, in one place, so the wording is reviewed here only.

Three texts per check kind:

- `pure(check)`: no database was read (the ``/* Warnings: */`` block of a generated
  ``migration.sql``). Where Prisma has its own sentence and the tennis history shows it (dropping a
  column, making a column required), the text is Prisma's, byte for byte, because it is written
  into migration files that must match Prisma's. Everything else is in our own words with the same
  information: the objects in backticks and, for a step that may fail, the conditional sentence
  ("… will fail if …").
- `counted(check, count)`: the text once the target database was read; it gives the number.
- `hint(check)`: the safe way to do it and, where one exists, the flag that overrides the refusal.

Messages name objects as `` `Table.column` ``, `` `Table` ``, `` `Index_name` ``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from midair.checks.plan import Check, CountResult

ACCEPT_DATA_LOSS = "--accept-data-loss"


def _tick(name: str) -> str:
    return f"`{name}`"


def _ticks(names: tuple[str, ...] | list[str]) -> str:
    return ", ".join(_tick(n) for n in names)


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def _col(check: Check) -> str:
    return _tick(f"{check.table}.{check.columns[0]}")


def _at(check: Check) -> str:
    """Where a statement read from a file is: ``line 4`` or ``line 4 of `20250314_x```."""
    return f"line {check.line}" + (f" of `{check.source}`" if check.source else "")


def _index_columns(check: Check) -> str:
    if len(check.columns) == 1:
        return _tick(check.columns[0])
    return "(" + _ticks(check.columns) + ")"


# --- without a database -----------------------------------------------------------------------


def pure(check: Check) -> str:
    """The message when nothing is known about the data."""
    from midair.checks.plan import CheckKind as K

    k = check.kind
    if k is K.DROP_COLUMN:
        # Prisma's wording (tennis history, 20250314131907_drop_old_score_fields).
        return (
            f"You are about to drop the column `{check.columns[0]}` on the `{check.table}` table. "
            "All the data in the column will be lost."
        )
    if k is K.MADE_REQUIRED:
        # Prisma's wording (tennis history, 20250314130911_make_json_score_mandatory).
        return (
            f"Made the column `{check.columns[0]}` on table `{check.table}` required. "
            "This step will fail if there are existing NULL values in that column."
        )
    if k is K.DROP_TABLE:
        return f"Dropping the table `{check.table}` deletes every row it holds."
    if k is K.ADDED_REQUIRED_COLUMN:
        return (
            f"The required column {_col(check)} is added without a default value. "
            f"This step will fail if the table `{check.table}` is not empty."
        )
    if k is K.ADDED_REQUIRED_CLIENT_DEFAULT:
        return (
            f"The required column {_col(check)} is added with a default that only the client applies "
            f"(the database sees no default). This step will fail if the table `{check.table}` is not empty."
        )
    if k is K.RISKY_CAST:
        return (
            f"The type of {_col(check)} changes from `{check.types.previous}` to `{check.types.next}`. "
            "This step will fail if a value cannot be converted."
        )
    if k is K.NOT_CASTABLE:
        return (
            f"The type of {_col(check)} changes from `{check.types.previous}` to `{check.types.next}`, "
            "which has no conversion: the column is dropped and recreated, and its values are lost."
        )
    if k is K.DROP_RECREATE_REQUIRED:
        return (
            f"The required column {_col(check)} is dropped and recreated without a default "
            f"(no conversion from `{check.types.previous}` to `{check.types.next}`). "
            f"This step will fail if the table `{check.table}` is not empty."
        )
    if k is K.SCALAR_TO_LIST:
        return (
            f"The column {_col(check)} becomes a list. "
            "This step will fail if the column holds values."
        )
    if k is K.ENUM_VALUES_REMOVED:
        values = _ticks(check.values)
        word = "value" if len(check.values) == 1 else "values"
        return (
            f"The {word} {values} of the enum `{check.name}` {'is' if len(check.values) == 1 else 'are'} removed. "
            "This step will fail if a row still uses "
            f"{'it' if len(check.values) == 1 else 'them'}."
        )
    if k is K.PRIMARY_KEY_CHANGE:
        return (
            f"The primary key of the table `{check.table}` changes. If the step fails half-way, "
            "the table may be left without a primary key."
        )
    if k is K.UNIQUE_ADDITION:
        return (
            f"A unique index `{check.name}` is added on `{check.table}` over {_index_columns(check)}. "
            "This step will fail if there are duplicate values."
        )
    if k is K.FOREIGN_KEY_ORPHANS:
        return (
            f"The foreign key `{check.name}` is added from `{check.table}` ({_ticks(check.columns)}) "
            f"to `{check.referenced}`. This step will fail if a row points to a missing `{check.referenced}`."
        )
    if k is K.CHECK_VIOLATIONS:
        return (
            f"The check constraint `{check.name}` is added on `{check.table}` ({check.detail}). "
            "This step will fail if a row breaks it."
        )
    if k is K.DELETE_ROWS:
        return f"The statement on {_at(check)} deletes rows from `{check.table}`."
    if k is K.TRUNCATE:
        return f"The statement on {_at(check)} empties the table `{check.table}` (TRUNCATE)."
    if k is K.UNREADABLE_SQL:
        return (
            f"The SQL on {_at(check)} could not be read ({check.detail}); "
            "its effect on the data is not checked."
        )
    raise AssertionError(f"no message for {k}")  # pragma: no cover - every kind is listed above


# --- with counts --------------------------------------------------------------------------------


def _amount(result: CountResult, one: str, many: str | None = None) -> str:
    if result.at_least:
        return f"at least {_plural(result.value, one, many)}"
    return _plural(result.value, one, many)


def counted(check: Check, result: CountResult) -> str:
    """The message once the target database told how many rows are concerned."""
    from midair.checks.plan import CheckKind as K

    k = check.kind
    n = result.value
    if k is K.DROP_TABLE:
        return f"Dropping the table `{check.table}` loses {_amount(result, 'row')}."
    if k is K.DROP_COLUMN:
        return f"Dropping {_col(check)} loses {_amount(result, 'non-null value')}."
    if k is K.MADE_REQUIRED:
        verb = "holds" if n == 1 else "hold"
        return f"Making {_col(check)} required will fail: {_amount(result, 'row')} {verb} NULL."
    if k in (K.ADDED_REQUIRED_COLUMN, K.ADDED_REQUIRED_CLIENT_DEFAULT):
        extra = " (its default is applied by the client only)" if k is K.ADDED_REQUIRED_CLIENT_DEFAULT else ""
        return (
            f"Adding the required column {_col(check)} without a database default{extra} will fail: "
            f"the table `{check.table}` has {_amount(result, 'row')}."
        )
    if k is K.DROP_RECREATE_REQUIRED:
        return (
            f"Recreating the required column {_col(check)} as `{check.types.next}` without a default will fail: "
            f"the table `{check.table}` has {_amount(result, 'row')}."
        )
    if k is K.RISKY_CAST:
        verb = "does" if n == 1 else "do"
        return (
            f"Changing the type of {_col(check)} from `{check.types.previous}` to `{check.types.next}` "
            f"will fail: {_amount(result, 'value')} {verb} not convert."
        )
    if k is K.NOT_CASTABLE:
        return (
            f"Changing the type of {_col(check)} from `{check.types.previous}` to `{check.types.next}` "
            f"drops and recreates the column: {_amount(result, 'non-null value')} will be lost."
        )
    if k is K.SCALAR_TO_LIST:
        verb = "holds" if n == 1 else "hold"
        return f"Turning {_col(check)} into a list will fail: {_amount(result, 'row')} {verb} a value."
    if k is K.ENUM_VALUES_REMOVED:
        values = _ticks(check.values)
        if n == 0 and not result.at_least:
            return f"Removing {values} from the enum `{check.name}`: no row uses {'it' if len(check.values) == 1 else 'them'}."
        where = _ticks([f"{t}.{c}" for t, c in check.used_by])
        return (
            f"Removing {values} from the enum `{check.name}` will fail: "
            f"{_amount(result, 'row')} still {'uses' if n == 1 else 'use'} "
            f"{'it' if len(check.values) == 1 else 'them'} ({where})."
        )
    if k is K.PRIMARY_KEY_CHANGE:
        return (
            f"The primary key of `{check.table}` changes over {_amount(result, 'row')}; if the step fails "
            "half-way, the table may be left without a primary key."
        )
    if k is K.UNIQUE_ADDITION:
        if n == 0 and not result.at_least:
            return f"The unique index `{check.name}` is added on `{check.table}` over {_index_columns(check)}: no duplicate values today."
        what = "value" if len(check.columns) == 1 else "combination"
        of = f"of {_index_columns(check)}" if len(check.columns) == 1 else f"of {_index_columns(check)}"
        rows = f" ({_plural(result.rows, 'row')})" if result.rows is not None else ""
        verb = "appears" if n == 1 else "appear"
        return (
            f"The unique index `{check.name}` cannot be created: {_amount(result, what)} {of} "
            f"{verb} more than once{rows}."
        )
    if k is K.FOREIGN_KEY_ORPHANS:
        verb = "points" if n == 1 else "point"
        return (
            f"The foreign key `{check.name}` cannot be added: {_amount(result, 'row')} of `{check.table}` "
            f"{verb} to a missing `{check.referenced}` ({_ticks(check.columns)})."
        )
    if k is K.CHECK_VIOLATIONS:
        verb = "breaks" if n == 1 else "break"
        return (
            f"The check constraint `{check.name}` cannot be added: {_amount(result, 'row')} of "
            f"`{check.table}` {verb} it ({check.detail})."
        )
    if k is K.DELETE_ROWS:
        return (
            f"The statement on {_at(check)} deletes rows from `{check.table}`, "
            f"which holds {_amount(result, 'row')}."
        )
    if k is K.TRUNCATE:
        return f"The statement on {_at(check)} empties the table `{check.table}`: {_amount(result, 'row')} lost."
    return pure(check)


def unknown(check: Check, reason: str) -> str:
    """The message when the count could not be taken (timeout, missing table): the conditional one."""
    return f"{pure(check)} (Not counted: {reason}.)"


# --- the way out ----------------------------------------------------------------------------------


def hint(check: Check) -> str:
    """The safe alternative and, for data loss, the flag that accepts it."""
    from midair.checks.plan import CheckKind as K

    k = check.kind
    if k is K.DROP_TABLE:
        return f"Back up or copy the rows you need first; pass `{ACCEPT_DATA_LOSS}` to drop the table."
    if k is K.DROP_COLUMN:
        return (
            "To keep the values, copy them to their new place first (expand, backfill, then contract); "
            f"pass `{ACCEPT_DATA_LOSS}` to drop the column."
        )
    if k is K.NOT_CASTABLE:
        return (
            "Add a new column of the new type and convert the values with a backfill instead; "
            f"pass `{ACCEPT_DATA_LOSS}` to drop and recreate the column."
        )
    if k is K.MADE_REQUIRED:
        return (
            f"Fill the NULL rows first (UPDATE \"{check.table}\" SET \"{check.columns[0]}\" = … "
            f"WHERE \"{check.columns[0]}\" IS NULL), or give the column a default."
        )
    if k in (K.ADDED_REQUIRED_COLUMN, K.ADDED_REQUIRED_CLIENT_DEFAULT, K.DROP_RECREATE_REQUIRED):
        return (
            "Give the column a database default (`@default(…)`), or add it as optional, "
            "backfill it, then make it required."
        )
    if k is K.RISKY_CAST:
        return "Fix the values that do not convert first, or add a new column and convert with a backfill."
    if k is K.SCALAR_TO_LIST:
        return "Add a new list column and copy the values into it with a backfill."
    if k is K.ENUM_VALUES_REMOVED:
        return "Move the rows to another value first (UPDATE … SET … WHERE … IN (…))."
    if k is K.PRIMARY_KEY_CHANGE:
        return "Back up the table first; on a large table build the new unique index concurrently beforehand."
    if k is K.UNIQUE_ADDITION:
        return "Remove or merge the duplicate rows first, then create the index."
    if k is K.FOREIGN_KEY_ORPHANS:
        return "Delete or repair the rows that point nowhere first, or set them to NULL if the relation is optional."
    if k is K.CHECK_VIOLATIONS:
        return "Fix the rows that break it first (the constraint can be added NOT VALID meanwhile, then validated)."
    if k in (K.DELETE_ROWS, K.TRUNCATE):
        return f"Back up the table first; pass `{ACCEPT_DATA_LOSS}` to run the statement."
    if k is K.UNREADABLE_SQL:
        return "Check the statement by hand before deploying, or split it into simpler statements."
    raise AssertionError(f"no hint for {k}")  # pragma: no cover


__all__ = ["ACCEPT_DATA_LOSS", "counted", "hint", "pure", "unknown"]
