"""The app's work in the background: a sync, sending decisions, counting the outbox, and three chores.

Each is a small object the app holds, running its work in a thread worker
with an event loop of its own (so neither Asana's answers nor the SQLite
writes after them hold up the screen) and posting a typed message to the
app when it ends (podview.tui.messages); a failure posts `JobFailed`. The
sync and the sender are injected (`make_app(sync=, outbox=)`), so tests run
them against fakes.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

from textual.app import App
from textual.worker import Worker, WorkerState, get_current_worker

from podview.figures.outbox import outbox_counts
from podview.screens.context import ViewContext
from podview.screens.threads import run_in_thread
from podview.tui.backends import Sender, SyncFactory
from podview.tui.messages import (
    DemoBuilt,
    Directory,
    DirectoryLoaded,
    Exported,
    OutboxCounted,
    Sent,
    Synced,
)
from podview.widgets.sync_bar import SyncBar


class SyncJob:
    """One sync at a time, its progress posted as it goes (unless quiet), `Synced` at the end."""

    JOB = "sync"

    def __init__(self, app: App, context: Callable[[], ViewContext], factory: SyncFactory) -> None:
        self.app = app
        self.context = context
        """The app's context now (it changes when the demo is built)."""
        self.factory = factory
        self.quiet = False
        """Whether the latest sync is a live refresh, shown by the status strip alone; `s` pressed
        meanwhile clears it, and the progress and the notice at the end are shown after all."""
        self._worker: Worker[None] | None = None
        self._untold = False

    @property
    def running(self) -> bool:
        """Whether a sync runs, or has ended but its end is not `told` yet (unless it was cancelled).

        So `s` pressed as a live refresh ends still finds it, and no second
        sync starts before the first one's outcome has been handled.
        """
        worker = self._worker
        return self._untold and worker is not None and worker.state != WorkerState.CANCELLED

    def told(self) -> None:
        """The latest sync's end (`Synced`, or `JobFailed`) was handled: another may start."""
        self._untold = False

    def start(self, *, quiet: bool = False) -> None:
        """Start a sync in the background (`quiet`: a live refresh, whose progress is not posted)."""
        from podview.sync.progress import SyncProgress

        context, started = self.context(), time.monotonic()
        self.quiet, self._untold = quiet, True

        def report(progress: SyncProgress) -> None:
            if not self.quiet:
                self.app.post_message(SyncBar.Progressed(progress))

        def work() -> Any:
            report(SyncProgress("starting"))
            run = self.factory(context, report)
            return asyncio.run(
                _stopped_with(get_current_worker(), run.run(full=False, audit=False))
            )

        def done(result: Any) -> None:
            self.app.post_message(Synced(result, time.monotonic() - started))

        self._worker = run_in_thread(self.app, work, done, job=self.JOB)


class OutboxJobs:
    """Sending recorded decisions (`Sent`), and counting the outbox for its badge (`OutboxCounted`)."""

    def __init__(self, app: App, context: Callable[[], ViewContext], sender: Sender) -> None:
        self.app = app
        self.context = context
        self.sender = sender

    def send(self, ids: list[str]) -> None:
        """Send these decisions in the background; then read back where each one ended."""
        if not ids:
            return
        context, ids = self.context(), list(ids)

        def work() -> Sent:
            from podview.decisions.outbox import list_decisions

            result = asyncio.run(self.sender(context, ids))
            return Sent(result, context.read(lambda conn: list_decisions(conn, ids=ids)))

        run_in_thread(self.app, work, self.app.post_message, job="send", exclusive=False)

    def count(self) -> None:
        """Count the outbox again in the background (a newer count cancels an older one)."""
        context = self.context()

        def work() -> OutboxCounted:
            return OutboxCounted(context.read(outbox_counts))

        run_in_thread(self.app, work, self.app.post_message, job="outbox-count")


def build_demo(app: App, path: Path, context: ViewContext, *, reset: bool = False) -> None:
    """Build (or, with `reset`, rebuild) the demo agency at `path` in the background; `DemoBuilt` when ready."""
    from podview.demo.build import prepare_demo_cache

    def work() -> DemoBuilt:
        prepare_demo_cache(path, today=context.today, config=context.config, reset=reset)
        return DemoBuilt(path)

    run_in_thread(app, work, app.post_message, job="demo")


def load_directory(app: App, context: ViewContext) -> None:
    """Read the pods and clients the palette offers, in the background; `DirectoryLoaded` when read."""
    from podview.figures.common import clients_in_scope

    def work() -> DirectoryLoaded:
        clients = list(context.read(clients_in_scope).values())
        pods = sorted({client.pod for client in clients if client.pod}, key=str.casefold)
        return DirectoryLoaded(Directory(pods, clients))

    run_in_thread(app, work, app.post_message, job="directory")


def save_screenshot(app: App, folder: Path, name: str, svg: str) -> None:
    """Write a screenshot as `folder/name.svg` (`name 2.svg`… if taken) off the UI thread; `Exported` when saved."""
    from podview.files import write_new_private

    def work() -> Exported:
        return Exported(write_new_private(folder, name, ".svg", svg))

    run_in_thread(app, work, app.post_message, job="export")


async def _stopped_with(worker: Worker, run: Coroutine[Any, Any, Any]) -> Any:
    """Run the sync, cancelling it when its worker is cancelled (the app quits).

    A sync waiting for another one, or a long one, must not hold the app
    open; what it read so far is staged, and the next sync goes on from there.
    """
    task = asyncio.ensure_future(run)
    while not task.done():
        await asyncio.wait([task], timeout=0.2)
        if worker.is_cancelled:
            task.cancel()
    return await task
