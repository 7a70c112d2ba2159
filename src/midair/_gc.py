"""`paused()`: run an allocation-heavy, cycle-free step without the cyclic garbage collector.

Parsing and lowering a large schema allocate hundreds of thousands of small frozen objects that
form no reference cycles (reference counting frees them). With the default thresholds the
collector runs full passes over all of them again and again: on a 1,000-model schema it was
about half of the lowering's time. Pausing it for the duration of the call changes nothing else;
the collector is restored afterwards (nesting is fine) and finds any cycle on a later run.

On the way out, the objects made during the pause go straight to the oldest generation
(`gc.freeze()` then `gc.unfreeze()`, two list splices): otherwise the first collection after the
pause walks all of them at once (about 0.05 s per 200,000 syntax nodes, twice in
`load_valid_schema`), only to find them alive. They are still walked by the next full collection
if they live that long, and freed by reference counting when they die. This is skipped when the
program froze objects itself (`gc.get_freeze_count()`), whose frozen set `unfreeze` would undo.
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
            if gc.get_freeze_count() == 0:
                gc.freeze()
                gc.unfreeze()
            gc.enable()
