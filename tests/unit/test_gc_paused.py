"""`midair._gc.paused`: the collector is off inside, restored after (also nested), the objects made
inside skip the young generation, cycles made inside are still collected, and a program's own
`gc.freeze()` is left alone."""

from __future__ import annotations

import gc
import weakref

from midair._gc import paused


class _Node:
    pass


def test_paused_restores_the_collector_and_nests() -> None:
    assert gc.isenabled()
    with paused():
        assert not gc.isenabled()
        with paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with paused():
            pass
        assert not gc.isenabled()  # it was off before: it stays off
    finally:
        gc.enable()


def test_objects_made_inside_skip_the_young_generation_and_cycles_are_still_found() -> None:
    with paused():
        kept = _Node()
        cycle = _Node()
        cycle.me = cycle  # type: ignore[attr-defined]
        dead = weakref.ref(cycle)
        del cycle
    assert not any(o is kept for o in gc.get_objects(generation=0))
    assert any(o is kept for o in gc.get_objects(generation=2))
    assert dead() is not None  # a cycle: reference counting cannot free it
    gc.collect()
    assert dead() is None


def test_a_programs_own_frozen_objects_stay_frozen() -> None:
    gc.collect()
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        assert frozen > 0
        with paused():
            _Node()
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()
