"""The app's work in the background: a sync, decisions and their outbox, and the strip that shows both.

`PodviewApp` mixes this in. Both kinds of work run in thread workers with
an event loop of their own, so neither Asana's answers nor the SQLite writes
after them hold up the screen; their outcomes come back through the app's
`on_worker_state_changed` (groups `sync`, `send`, `outbox-count`) to the
handlers here. The sync and the sender are injected (`make_app(sync=,
outbox=)`), so tests run them against fakes.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Coroutine
from functools import partial
from typing import TYPE_CHECKING, Any

from textual import work
from textual.containers import Horizontal
from textual.screen import Screen
from textual.worker import Worker, get_current_worker

from podview.cache import is_demo_cache as is_demo
from podview.figures.outbox import OutboxCounts
from podview.notices import DEMO_SYNC, describe_send
from podview.screens.context import DataScreen
from podview.widgets.outbox_badge import OutboxBadge
from podview.widgets.sync_bar import SyncBar

if TYPE_CHECKING:
    from podview.app import PodviewApp

    _Base = PodviewApp
else:
    _Base = object


class BackgroundWork(_Base):
    """Sync, decide, send and count the outbox; show progress and the outbox at the foot of each data screen."""

    # -- the foot of every screen: sync progress and the outbox ------------------

    def take_in(self, screen: Screen) -> None:
        """Give a data screen the status strip once, and remember it for reloads.

        Called when a screen is shown, and when one is built ahead unseen:
        its strip then takes its row before the screen is first drawn, not
        during the first visit, where it would lay the whole screen out again.
        """
        if isinstance(screen, DataScreen) or getattr(screen, "STATUS_STRIP", False):
            self._screens.add(screen)
            screen.call_later(self._add_strip, screen)

    async def _add_strip(self, screen: Screen) -> None:
        """Sync progress and the outbox badge, below the screen's own content, following the app's state."""
        if not screen.is_attached or screen.query(".status-strip"):
            return
        bar, badge = SyncBar(), OutboxBadge()
        await screen.mount(Horizontal(bar, badge, classes="status-strip"))
        bar.watch(self, "sync_progress", lambda progress: setattr(bar, "progress", progress))
        badge.watch(self, "outbox_state", lambda counts: setattr(badge, "counts", counts))

    def refresh_screens(self) -> None:
        """Reload every data screen still alive (after a sync, or a send that changed the cache)."""
        for screen in list(self._screens):
            if isinstance(screen, DataScreen) and screen.is_attached:
                screen.refresh_data()

    # -- sync -------------------------------------------------------------------

    def action_sync(self) -> None:
        """Read Asana into the cache in the background; the line at the foot follows it."""
        if any(worker.group == "sync" and worker.is_running for worker in self.workers):
            self.notify("A sync is already running; its progress is at the foot of the screen.")
            return
        if is_demo(self.context.cache_path):
            self.notify(DEMO_SYNC, title="Sync", severity="warning", timeout=8)
            return
        self._sync_started = time.monotonic()
        self._sync()
        if not self.screen.query(SyncBar):
            self.notify("Syncing with Asana in the background…", title="Sync")

    @work(thread=True, exclusive=True, group="sync", exit_on_error=False)
    def _sync(self) -> Any:
        """One sync on an event loop of its own, so its HTTP and its cache writes never block the screen."""
        from podview.sync.engine import SyncProgress

        def report(progress: SyncProgress) -> None:
            self.post_message(SyncBar.Progressed(progress))

        report(SyncProgress("starting"))
        run = self.sync(self.context, report)
        return asyncio.run(_stopped_with(get_current_worker(), run.run(full=False, audit=False)))

    def on_sync_bar_progressed(self, message: SyncBar.Progressed) -> None:
        """The newest progress of the running sync (older ones were replaced on the way)."""
        if any(worker.group == "sync" and worker.is_running for worker in self.workers):
            self.sync_progress = message.progress
            if message.progress.stage == "waiting":
                self.notify(
                    f"Another sync is running on {self.context.cache_path}; this one starts when it has finished.",
                    title="Sync waiting",
                )

    def _synced(self, result: Any) -> None:
        """Say what the sync did, then reload everything that shows the cache."""
        from podview.sync.engine import SyncResult

        self.sync_progress = None
        if isinstance(result, SyncResult):
            from podview.sync.summary import summary

            seconds = time.monotonic() - getattr(self, "_sync_started", time.monotonic())
            self.notify(summary(result, seconds), title="Synced", timeout=8)
        else:
            self.notify("The cache is up to date.", title="Synced")
        if not self.has_cache:
            self.has_cache = True
            self.refresh_bindings()
            self.switch_mode("home")
        self.refresh_screens()
        self._load_directory()
        self.refresh_outbox()

    # -- decisions --------------------------------------------------------------

    def action_decide(self) -> None:
        """Offer the decisions that apply to the selected item (weekly goal, tactic, client, 90-day goal)."""
        from podview.screens.decide import DecideMenu, Target

        picked = self.screen.selected_target()
        if picked is None:
            self.notify(
                "Move the cursor to a weekly goal, tactic, client or 90-day goal first.",
                title="Nothing selected",
            )
            return
        target = Target(*picked)
        self.push_screen(DecideMenu(target), partial(self._decide_kind, target))

    def _decide_kind(self, target: Any, kind: str | None) -> None:
        """Open the chosen decision's form, with the draft left there last time."""
        from podview.screens.decide import DecideScreen

        if kind is None:
            return
        draft = self.drafts.pop((kind, target.gid), None)
        form = DecideScreen(self.context, kind, target, draft)
        self.push_screen(form, partial(self._decided, kind, target))

    def _decided(self, kind: str, target: Any, outcome: Any) -> None:
        """A recorded decision is sent; a form closed unsaved keeps its text as a draft."""
        if outcome is None:
            return
        if isinstance(outcome, dict):
            self.drafts[(kind, target.gid)] = outcome
            self.notify(
                "Not saved. What you typed is kept: press d and choose it again to go on.",
                title="Draft kept",
            )
            return
        joined = " and joined to the open meeting" if outcome.meeting_id else ""
        self.notify(f"Saved to the outbox{joined}; sending it to Asana…", title="Decision saved")
        self.refresh_outbox()
        self.send_decisions([outcome.id])

    def send_decisions(self, ids: list[str]) -> None:
        """Send these decisions in the background; a notification and the badge tell how it went."""
        if ids:
            self._send(list(ids))

    @work(thread=True, group="send", exit_on_error=False)
    def _send(self, ids: list[str]) -> tuple[Any, list[Any]]:
        """Send on an event loop of its own, then read back where each decision ended."""
        from podview.decisions.outbox import list_decisions

        result = asyncio.run(self.outbox(self.context, ids))
        conn = self.context.reader()
        try:
            return result, list_decisions(conn, ids=ids)
        finally:
            conn.close()

    def _sent(self, result: Any, decisions: list[Any]) -> None:
        title, message, severity = describe_send(result, decisions)
        self.notify(message, title=title, severity=severity, timeout=10)
        self.refresh_outbox()
        self.refresh_screens()

    def refresh_outbox(self) -> None:
        """Count the outbox again in the background (the badge follows)."""
        self._count_outbox()

    @work(thread=True, exclusive=True, group="outbox-count", exit_on_error=False)
    def _count_outbox(self) -> OutboxCounts:
        from podview.figures.outbox import outbox_counts

        conn = self.context.reader()
        try:
            return outbox_counts(conn)
        finally:
            conn.close()

    def action_outbox(self) -> None:
        """List the decisions with their state and error, to retry, discard or send them."""
        from podview.screens.outbox import OutboxScreen

        if not isinstance(self.screen, OutboxScreen):
            self.push_screen(OutboxScreen(self.context))


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
