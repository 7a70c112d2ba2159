"""`paused()`: run an allocation-heavy, cycle-free step without the cyclic garbage collector.

Parsing and lowering a large schema allocate hundreds of thousands of small frozen objects that
form no reference cycles (reference counting frees them). With the default thresholds the
collector runs full passes over all of them again and again: on a 1,000-model schema it was
about half of the lowering's time. Pausing it for the duration of the call changes nothing else;
the collector is restored afterwards (nesting is fine) and finds any cycle on its next run.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator


@contextmanager
def paused() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
