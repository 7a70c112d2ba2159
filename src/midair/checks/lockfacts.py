"""Lock facts, dialect-neutral: what a step locks, scans and rewrites, and how long it works.

Every dialect keeps its facts as data in `dialects/<d>/locks.py`:

- `LockMode`: the dialect's lock levels, weakest first (an `IntEnum` with `label`, `blocks_reads`,
  `blocks_writes`: PostgreSQL's eight table lock modes, SQLite's shared and write locks);
- `FACTS = facts_table(LockFacts(kind, title, lock, cost, …), …)`: one row per step kind or
  statement form: the lock it takes, what it does to the data (`Cost`: catalog only, scan,
  rewrite, index build), whether it can run in a transaction, the safe alternative;
- `RATES = EstimateRates(…)`: how the table's size becomes seconds, and how the estimate is said;
- `class Effect(lockfacts.Effect): facts_by_kind = FACTS` — a statement's effects read the
  dialect's table;
- `classify` / `analyze_sql` (the dialect's SQL parser) and `table_size` (its catalog).

The value types and the rules derived from the facts (scan, rewrite, risky, JSON, estimates) live
here, once: adding a database is a new table, not a new copy of these classes. Readers: `midair
lint`, `midair migrate plan`, the safe-form executor.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, ClassVar, Literal, Mapping, Protocol


class LockLevel(Protocol):
    """What the core asks of a dialect's lock mode (an `IntEnum`: stronger compares greater)."""

    @property
    def label(self) -> str: ...

    @property
    def blocks_reads(self) -> bool: ...

    @property
    def blocks_writes(self) -> bool: ...

    def __lt__(self, other: Any) -> bool: ...


class Cost(enum.Enum):
    """What the statement does to the table's data once it holds its lock."""

    CATALOG = "catalog"  # catalog-only (schema text on SQLite): milliseconds whatever the size
    SCAN = "scan"  # reads every row (validation)
    REWRITE = "rewrite"  # writes a new copy of the table and all its indexes
    INDEX_BUILD = "index build"  # sorts the table into a new index


@dataclass(frozen=True, slots=True)
class LockFacts:
    """What one kind of step does on one dialect.

    `lock` is taken on the target table; `referenced_lock` on the table a foreign key points to.
    `transactional` is False for statements the database refuses inside a transaction block.
    `safe_alternative` names the form that avoids the risk, when there is one.
    """

    kind: str
    title: str
    lock: Any  # the dialect's LockMode (see LockLevel)
    cost: Cost
    transactional: bool = True
    referenced_lock: Any = None
    safe_alternative: str | None = None

    @property
    def rewrite(self) -> bool:
        return self.cost is Cost.REWRITE

    @property
    def scan(self) -> bool:
        """Reads every row: a validation scan, and also a rewrite or an index build."""
        return self.cost is not Cost.CATALOG

    @property
    def blocks_reads(self) -> bool:
        return bool(self.lock.blocks_reads)

    @property
    def blocks_writes(self) -> bool:
        return bool(self.lock.blocks_writes)

    @property
    def risky(self) -> bool:
        """Holds a lock that blocks the app for longer than a catalog change would."""
        return self.cost is not Cost.CATALOG and self.blocks_writes

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "lock": self.lock.label,
            "referencedLock": self.referenced_lock.label if self.referenced_lock else None,
            "rewrite": self.rewrite,
            "scan": self.scan,
            "cost": self.cost.value,
            "transactional": self.transactional,
            "blocksReads": self.blocks_reads,
            "blocksWrites": self.blocks_writes,
            "safeAlternative": self.safe_alternative,
        }


def facts_table(*rows: LockFacts) -> Mapping[str, LockFacts]:
    """A dialect's facts by kind (read-only: one table, reviewed in one place)."""
    table = {f.kind: f for f in rows}
    if len(table) != len(rows):
        raise ValueError("a step kind appears twice in a lock-facts table")
    return MappingProxyType(table)


@dataclass(frozen=True, slots=True)
class Effect:
    """One step a statement performs: `kind` (a key of the dialect's facts) on `table`.

    `column` and `constraint` name what it touches when known; `referenced_table` is the parent
    of a foreign key. Each dialect subclasses it to bind `facts_by_kind` to its table.
    """

    kind: str
    table: str | None
    column: str | None = None
    constraint: str | None = None
    referenced_table: str | None = None
    detail: str | None = None

    facts_by_kind: ClassVar[Mapping[str, LockFacts]] = MappingProxyType({})

    @property
    def facts(self) -> LockFacts:
        return self.facts_by_kind[self.kind]


@dataclass(frozen=True, slots=True)
class StatementFacts:
    """A statement of a script with its effects, and where it is (`line`, `column`, 1-based).

    `node` is the dialect parser's tree when it has one (pglast), else None."""

    sql: str
    node: Any
    effects: tuple[Effect, ...]
    line: int
    column: int
    transaction_control: bool = False  # BEGIN/COMMIT/SET …

    @property
    def lock(self) -> Any:
        return max((e.facts.lock for e in self.effects), default=None)

    @property
    def transactional(self) -> bool:
        return all(e.facts.transactional for e in self.effects)

    @property
    def tables(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(e.table for e in self.effects if e.table))


# --- estimates from the table's size -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class EstimateRates:
    """How one dialect turns a table's size into the seconds a step works on it, and says so.

    `per` is the unit the measured rates are given in; `slower` multiplies the rate of kinds that
    do the same work more slowly (a concurrent index build). The wording: `approximate` sizes come
    from statistics (shown with `~` and the size in MB); `catalog_words` for a catalog-only step;
    `holding` follows the seconds; `floor` is said for less than 0.01 s (None: "~0.01 s").
    """

    per: Literal["GB", "million rows"]
    seconds: Mapping[Cost, float]
    slower: Mapping[str, float] = field(default_factory=dict)
    approximate: bool = False
    catalog_words: str = "catalog only"
    holding: str = ""
    floor: str | None = None


@dataclass(frozen=True, slots=True)
class TableSize:
    """A table's size: rows, and pages of `page_bytes` (0 pages when the dialect does not say)."""

    table: str
    rows: int
    pages: int
    page_bytes: int = 8192

    @property
    def bytes(self) -> int:
        return self.pages * self.page_bytes


@dataclass(frozen=True, slots=True)
class Estimate:
    """How long a step works on its table (lock held for it, unless its facts are non-blocking)."""

    size: TableSize | None
    seconds: float
    catalog_only: bool = False
    rates: EstimateRates | None = None

    def describe(self) -> str:
        if self.size is None:
            return "table not found (new table: instant)"
        rates = self.rates or EstimateRates("GB", {})
        if rates.approximate:
            rows = f"~{self.size.rows:,} rows, {self.size.bytes / 1_048_576:.1f} MB"
        else:
            rows = f"{self.size.rows:,} rows"
        if self.catalog_only:
            return f"{rows}: instant ({rates.catalog_words})"
        if self.seconds < 0.01 and rates.floor is not None:
            return f"{rows}: {rates.floor}{rates.holding}"
        return f"{rows}: ~{max(self.seconds, 0.01):.2f} s{rates.holding}"


def estimate(size: TableSize | None, facts: LockFacts, rates: EstimateRates) -> Estimate:
    """The time `facts`' step works on a table of `size`, at the dialect's measured `rates`."""
    if size is None:
        return Estimate(None, 0.0, rates=rates)
    rate = rates.seconds[facts.cost]
    if rates.per == "GB":
        seconds = rate * (size.bytes / 1_073_741_824) * rates.slower.get(facts.kind, 1.0)
    else:
        seconds = rate * size.rows / 1_000_000 * rates.slower.get(facts.kind, 1.0)
    return Estimate(size, seconds, facts.cost is Cost.CATALOG, rates)


__all__ = [
    "Cost",
    "Effect",
    "Estimate",
    "EstimateRates",
    "LockFacts",
    "LockLevel",
    "StatementFacts",
    "TableSize",
    "estimate",
    "facts_table",
]
