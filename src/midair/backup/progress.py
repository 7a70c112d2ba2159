"""Progress of a backup or restore on stderr (rich), or nothing when not wanted."""

from __future__ import annotations

from contextlib import contextmanager
from typing import Callable, Iterator

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

ProgressFn = Callable[[int, int, str], None]
"""Called as `(done, total, current item)`; the dialect modules report tables as they go."""


@contextmanager
def reporter(enabled: bool, label: str) -> Iterator[ProgressFn | None]:
    """A progress bar on stderr while the block runs (removed when done)."""
    if not enabled:
        yield None
        return
    console = Console(stderr=True, highlight=False, soft_wrap=True)
    if not console.is_terminal:
        # A log gets one line, not the frames of a progress bar.
        console.print(f"{label} …", markup=False)
        yield None
        return
    columns = (SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task(label, total=None)

        def update(done: int, total: int, item: str) -> None:
            bar.update(task, completed=done, total=total, description=f"{label} {item}")

        yield update


def say(message: str) -> None:
    """One line on stderr (for messages printed by library calls such as `auto_backup`)."""
    Console(stderr=True, highlight=False, soft_wrap=True).print(message)
