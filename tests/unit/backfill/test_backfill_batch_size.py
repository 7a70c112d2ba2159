"""The batch-size controller: batches sized by measured time stay under the time target.

A model batch takes a fixed cost plus a per-row cost (what a key-range UPDATE costs); the
controller only sees each batch's measured time, as in `run_backfill`. No database, no clock."""

from __future__ import annotations

from midair.expand_contract.backfill import AIM, MAX_BATCH, _next_size


def _run(per_row_ms: list[float], target_ms: int = 100, first: int = 1000, fixed_ms: float = 3.0) -> list[tuple[int, float]]:
    """(size, ms) of each batch when batch i costs `fixed_ms + size × per_row_ms[i]`."""
    size, out = first, []
    for cost in per_row_ms:
        ms = fixed_ms + size * cost
        out.append((size, ms))
        size = _next_size(size, ms / 1000, target_ms)
    return out


def test_settles_at_the_aim_not_at_the_ceiling() -> None:
    batches = _run([0.01] * 30)
    steady = [ms for _, ms in batches[10:]]
    assert all(AIM * 100 * 0.9 <= ms <= AIM * 100 * 1.1 for ms in steady), steady


def test_grows_at_most_twofold_per_batch() -> None:
    batches = _run([0.0001] * 8, first=10)
    sizes = [s for s, _ in batches]
    assert all(b <= 2 * a for a, b in zip(sizes, sizes[1:]))
    assert sizes[-1] == 10 * 2**7  # far below the aim yet: doubling every time


def test_rows_getting_costlier_never_push_a_batch_over_the_target() -> None:
    # Rows grow 1.8× costlier at once (wider rows, a busier server): the headroom absorbs it.
    batches = _run([0.01] * 15 + [0.018] * 15)
    assert max(ms for _, ms in batches) <= 100


def test_one_slow_batch_shrinks_the_next_at_once() -> None:
    size = 5000
    after_slow = _next_size(size, 0.300, 100)  # 3× the target
    assert after_slow <= size // 4 + 1
    on_aim = _next_size(size, AIM * 0.100, 100)
    assert on_aim == size


def test_limits() -> None:
    assert _next_size(MAX_BATCH, 0.001, 100) == MAX_BATCH
    assert _next_size(1, 10.0, 100) == 1
    assert _next_size(40, 0.0, 100) == 80
