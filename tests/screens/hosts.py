"""A tiny App that hosts one screen on a demo cache, so screens are tested without the app shell.

The demo cache is built for a fixed day and zone: every rendered figure, and
so every snapshot, is the same on any machine and any date.
"""

from __future__ import annotations

import asyncio
import re
import sqlite3
import threading
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, fields
from datetime import date
from pathlib import Path
from typing import Any

from textual.app import App
from textual.message import Message
from textual.pilot import Pilot
from textual.screen import Screen
from textual.worker import Worker, WorkerCancelled, WorkerFailed, WorkerState

from podview.config import Config
from podview.demo.build import build_demo_cache
from podview.screens.context import ViewContext
from podview.screens.meeting_dialogs import MeetingSetupScreen
from tests.shown import screen_lines

TODAY = date(2026, 11, 25)
CONFIG = Config(timezone="America/New_York")


SNAPSHOT_AT = "2026-11-25T17:00:00.000Z"
"""When the demo's goal snapshots are said to be taken (the loader stamps the wall clock)."""


def demo_context(folder: Path) -> ViewContext:
    """Build the demo agency's cache in `folder` and a context counted on TODAY.

    Goal snapshots are re-stamped to SNAPSHOT_AT so that the pacing trend,
    and every snapshot of it, reads the same whenever the tests run.
    """
    path = folder / "demo.db"
    build_demo_cache(path, today=TODAY, config=CONFIG)
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE goal_snapshots SET taken_at = ?", [SNAPSHOT_AT])
    conn.close()
    return ViewContext(cache_path=path, config=CONFIG, today=TODAY)


@dataclass(frozen=True)
class WatchedContext(ViewContext):
    """A context that notes the thread of every read connection opened, to prove none is the UI's."""

    threads: list[str] = field(default_factory=list, compare=False)
    """The name of the thread each read connection was opened on, in order."""

    def reader(self) -> sqlite3.Connection:
        self.threads.append(threading.current_thread().name)
        return super().reader()


def watched(context: ViewContext) -> WatchedContext:
    """The same context, watching its read connections (with a fresh record)."""
    values = {item.name: getattr(context, item.name) for item in fields(context)}
    return WatchedContext(**values)


class Host(App):
    """Pushes the screen `make(context)` builds on start; keeps the workers started and those that finished."""

    def __init__(self, make: Callable[[ViewContext], Screen], context: ViewContext) -> None:
        super().__init__()
        self.make = make
        self.context = context
        self.finished: list[tuple[str, WorkerState]] = []
        self.started: list[Worker] = []
        self._one_started = asyncio.Event()
        add = self.workers.add_worker

        def adding(worker: Worker, *args, **kwargs) -> None:
            self.started.append(worker)
            self._one_started.set()
            add(worker, *args, **kwargs)

        self.workers.add_worker = adding

    def on_mount(self) -> None:
        self.push_screen(self.make(self.context))

    def record(self, message: Message) -> None:
        """Note each worker that ends (its messages do not bubble, so they are caught by the hook)."""
        if isinstance(message, Worker.StateChanged) and message.state in _ENDED:
            self.finished.append((message.worker.group, message.state))

    async def ended(self, group: str, timeout: float = 10) -> WorkerState:
        """Wait until the first worker of `group` has run to its end (at once if it has); a pause then lets its outcome land."""
        try:
            while not (found := [worker for worker in self.started if worker.group == group]):
                self._one_started.clear()
                await asyncio.wait_for(self._one_started.wait(), timeout)
            await asyncio.wait_for(found[0].wait(), timeout)
        except TimeoutError:
            raise AssertionError(
                f"no {group} worker ended; these started: {self.started}"
            ) from None
        except (WorkerFailed, WorkerCancelled):
            pass
        return found[0].state


_ENDED = (WorkerState.SUCCESS, WorkerState.ERROR, WorkerState.CANCELLED)


def drive(
    app: Host, scenario: Callable[[Pilot], Awaitable[Any]], size: tuple[int, int] = (100, 30)
) -> Any:
    """Run `scenario` against the app once its first load is on screen; its result is returned."""

    async def main() -> Any:
        async with app.run_test(size=size, message_hook=app.record) as pilot:
            await settle(pilot)
            return await scenario(pilot)

    return asyncio.run(main())


def screen_text(app: App) -> str:
    """What the terminal shows, as plain lines."""
    return "\n".join(screen_lines(app))


async def started(pilot) -> None:
    """Answer the start dialog with its defaults (Enter) if it asks, then wait until the
    meeting-start worker has ended and its outcome has reached the screen and been drawn.

    The card (or agenda) can land before the meeting row is written; a
    screen that looks settled may still be waiting for its meeting.
    """
    await asking(pilot)
    if isinstance(pilot.app.screen, MeetingSetupScreen):
        await pilot.press("enter")
    await pilot.app.ended("meeting-start")
    for _ in range(3):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def asking(pilot) -> None:
    """Wait until the meeting screen has read who may attend: its start dialog is up, or it resumed without one."""
    await pilot.app.ended("meeting-setup")
    for _ in range(3):
        await pilot.pause()


async def settle(pilot) -> None:
    """Wait until the screen has its data, no worker runs, and two renders in a row agree.

    A worker may start a moment after the screen mounts, and a DataTable sizes
    itself when idle, so one wait could see the screen half drawn; the
    screen's `data` says the load landed, equal renders that layout is done.
    """
    app, previous = pilot.app, None
    for _ in range(100):
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        loaded = getattr(app.screen, "data", None) is not None
        idle = not any(worker.is_running for worker in app.workers)
        current = screen_text(app)
        if loaded and idle and current == previous:
            return
        previous = current
    raise AssertionError("the screen never settled")


def squash(text: str) -> str:
    """Runs of spaces as one, for asserting on text that table columns pad."""
    return re.sub(r" +", " ", text)
