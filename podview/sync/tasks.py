"""Running a sync's requests side by side without leaving any of them behind.

`asyncio.gather` lets the other tasks run on when one fails: they kept
sending requests after the sync had stopped and printed its message, and a
failure among them surfaced later as "Task exception was never retrieved"
with a traceback. `gather_all` runs them in a TaskGroup instead: the first
failure cancels the rest and waits for them, so when it returns or raises,
every task it started has ended and its outcome was taken.
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import Any, TypeVar

T = TypeVar("T")


async def gather_all(*coroutines: Coroutine[Any, Any, T]) -> list[T]:
    """The results in order; on a failure, the first error itself (not an ExceptionGroup), so callers catch it by type."""
    try:
        async with asyncio.TaskGroup() as group:
            tasks = [group.create_task(coroutine) for coroutine in coroutines]
    except BaseExceptionGroup as failed:
        raise first_error(failed) from None
    return [task.result() for task in tasks]


def first_error(group: BaseExceptionGroup) -> BaseException:
    """The error that failed the group first (TaskGroup lists them in the order they happened)."""
    error: BaseException = group
    while isinstance(error, BaseExceptionGroup):
        error = error.exceptions[0]
    return error


def take_outcome(task: asyncio.Future) -> None:
    """A done-callback that takes a task's error, so one that nobody awaits is never reported as unretrieved."""
    if not task.cancelled():
        task.exception()
