"""`Pair[T]`: the previous and next version of one thing (a table, a column, a schema)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Generic, TypeVar

T = TypeVar("T")
U = TypeVar("U")


@dataclass(frozen=True, slots=True)
class Pair(Generic[T]):
    """The `previous` and `next` states of one object across a migration."""

    previous: T
    next: T

    def map(self, f: Callable[[T], U]) -> Pair[U]:
        return Pair(f(self.previous), f(self.next))

    @property
    def changed(self) -> bool:
        return self.previous != self.next
