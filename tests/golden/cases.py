"""The golden cases: Prisma's SQL (from the oracle, see `regenerate.sh`) next to midair's.

- `corpus/<schema>.<provider>.sql`: the shared corpus schema from an empty database;
- `tennis/NN_<step>.sql`: each tennis step from the previous one (step 1 from empty), and
  `tennis-sqlite/` the same history diffed for SQLite;
- `<provider>/<case>/`: ``from.prisma`` (optional) → ``to.prisma``, ``expected.sql``.

A case folder with ``divergence.md`` is one where midair deliberately writes something else; it
holds the reason, and ``expected.midair.sql`` holds midair's text. The test still checks that
Prisma's text differs, so a fixed Prisma shows up.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

GOLDEN = Path(__file__).resolve().parent
ROOT = GOLDEN.parent.parent


def _shared() -> Path:
    for c in (os.environ.get("MIDAIR_SHARED_DIR"), ROOT.parent / "shared", Path("/work/shared")):
        if c and (Path(c) / "corpus").is_dir():
            return Path(c)
    raise RuntimeError("The shared corpus was not found: set MIDAIR_SHARED_DIR")


SHARED = _shared()
CORPUS = SHARED / "corpus" / "prisma"
TENNIS = SHARED / "corpus" / "tennis-score-app"

# Corpus schemas whose Prisma output midair does not reproduce, with the reason. The test checks
# that the difference is exactly the named step kind and nothing else. None since PostgreSQL
# extensions are managed (formbricks' `CREATE EXTENSION "vector"` was the last difference).
KNOWN_DIFFERENCES: dict[str, tuple[str, str]] = {}


@dataclass(frozen=True)
class Case:
    """One golden comparison: schemas in, Prisma's SQL out."""

    id: str
    provider: str
    previous: Path | None  # None: from an empty database
    next: Path
    expected: Path

    @property
    def from_empty(self) -> bool:
        return self.previous is None

    @property
    def divergence(self) -> Path | None:
        d = self.expected.parent / "divergence.md"
        return d if d.exists() and self.expected.name == "expected.sql" else None


def expected_text(path: Path) -> str:
    """The oracle's output without the blank lines the CLI prints after the engine's text.

    The engine's script ends with the last statement's newline (or, for an empty migration, with
    no newline); compare it with `midair_sql(case).rstrip("\\n")`. The exact file ending is checked
    by the tennis ``migration.sql`` tests."""
    return path.read_text().rstrip("\n")


def corpus_cases() -> list[Case]:
    out = []
    for g in sorted((GOLDEN / "corpus").glob("*.sql")):
        stem, provider = g.name[: -len(".sql")].rsplit(".", 1)
        src = CORPUS / f"{stem}.prisma"
        if not src.exists():
            src = CORPUS / stem  # a multi-file schema folder
        out.append(Case(f"corpus/{stem}", provider, None, src, g))
    return out


def tennis_cases() -> list[Case]:
    steps = sorted((TENNIS / "steps").glob("*.prisma"))
    return [
        Case(f"{folder}/{s.stem}", provider, steps[i - 1] if i else None, s, GOLDEN / folder / f"{s.stem}.sql")
        for folder, provider in (("tennis", "postgresql"), ("tennis-sqlite", "sqlite"))
        for i, s in enumerate(steps)
    ]


def own_cases() -> list[Case]:
    out = []
    for provider in ("postgresql", "sqlite"):
        for d in sorted((GOLDEN / provider).iterdir()):
            if not (d / "to.prisma").exists():
                continue
            prev = d / "from.prisma"
            out.append(Case(f"{provider}/{d.name}", provider, prev if prev.exists() else None, d / "to.prisma", d / "expected.sql"))
    return out


def all_cases() -> list[Case]:
    return corpus_cases() + tennis_cases() + own_cases()


def midair_sql(case: Case) -> str:
    """midair's ``migrate diff --script`` text for the case."""
    from midair.diff import diff
    from midair.psl import load_schema
    from midair.render import migration_script
    from midair.schema.lower import lower
    from midair.schema.model import EMPTY_SCHEMA

    previous = lower(load_schema(case.previous), case.provider) if case.previous else EMPTY_SCHEMA
    nxt = lower(load_schema(case.next), case.provider)
    migration = diff(previous, nxt, case.provider, create_default_namespace=case.from_empty)
    return migration_script(migration, case.provider)


def drop_step(sql: str, description: str) -> str:
    """`sql` without its ``-- <description>`` steps."""
    blocks = sql.split("\n\n")
    return "\n\n".join(b for b in blocks if not b.startswith(f"-- {description}\n"))
