"""SQLite's copy-and-swap table rebuild (Prisma's ``RedefineTables``), rendered.

SQLite's ALTER TABLE cannot change a column's type, nullability or default, nor keys; Prisma (after
https://www.sqlite.org/lang_altertable.html, "Making Other Kinds Of Table Schema Changes") writes,
once for all the tables rebuilt by one migration::

    PRAGMA defer_foreign_keys=ON;  PRAGMA foreign_keys=OFF;
    -- for each table:
    CREATE TABLE "new_X" (…);  INSERT INTO "new_X" (…) SELECT … FROM "X";
    DROP TABLE "X";  ALTER TABLE "new_X" RENAME TO "X";  CREATE INDEX …;
    PRAGMA foreign_keys=ON;  PRAGMA defer_foreign_keys=OFF;

The INSERT copies the columns present on both sides (by name order); a column that becomes
required and has a default is copied through ``coalesce(col, default)`` so NULLs get the default.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from midair.diff.changes import RedefineTable
from midair.schema.model import Index, Table

PROLOGUE = ["PRAGMA defer_foreign_keys=ON", "PRAGMA foreign_keys=OFF"]
EPILOGUE = ["PRAGMA foreign_keys=ON", "PRAGMA defer_foreign_keys=OFF"]


def q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def rebuild_statements(
    redefines: Sequence[RedefineTable],
    create_table: Callable[[Table, str], str],
    create_index: Callable[[Table, Index], str],
) -> list[str]:
    """All statements of one RedefineTables step (without ``;``)."""
    out = list(PROLOGUE)
    for r in redefines:
        prev, nxt = r.tables.previous, r.tables.next
        tmp = f"new_{nxt.name}"
        out.append(create_table(nxt, q(tmp)))
        if r.column_pairs:
            dest = ", ".join(q(p.next.name) for p in r.column_pairs)
            sources = []
            for p in r.column_pairs:
                became_required = p.previous.nullable and not p.next.nullable and p.next.default is not None
                if became_required:
                    sources.append(f"coalesce({q(p.previous.name)}, {p.next.default}) AS {q(p.previous.name)}")
                else:
                    sources.append(q(p.previous.name))
            out.append(f"INSERT INTO {q(tmp)} ({dest}) SELECT {', '.join(sources)} FROM {q(prev.name)}")
        out.append(f"DROP TABLE {q(prev.name)}")
        out.append(f"ALTER TABLE {q(tmp)} RENAME TO {q(nxt.name)}")
        for index in nxt.indexes:
            out.append(create_index(nxt, index))
    out.extend(EPILOGUE)
    return out


__all__ = ["EPILOGUE", "PROLOGUE", "rebuild_statements"]
