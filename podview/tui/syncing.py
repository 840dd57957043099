"""`s` and the live refresh of an open meeting: when the app syncs, and what it says when a sync ends.

`s` syncs at once, its progress at the foot of the screen and a notice at the
end. While a meeting is open (a meeting screen started or resumed it, until
it is ended, whether or not its screen is on show) the same incremental sync
runs quietly right away and then every `REFRESH_SECONDS`: no progress bar and
no notice, only the strip's `● live · updated 12 s ago`, and every data
screen reloads in place (podview.tui.strips), its cursor on the row it was on.

A refresh that fails never interrupts the meeting: the strip says
`⚠ offline since 10:42`, one notice says why, and one more when Asana answers
again. There is no refresh on the demo agency (no Asana behind it), none
without a token (the strip says why the meeting is not live), and none while
another sync runs (that one counts).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from textual.timer import Timer

from podview.screens.context import ViewContext
from podview.tui.backends import SyncFactory
from podview.tui.jobs import SyncJob
from podview.tui.messages import Synced
from podview.tui.notices import (
    DEMO_SYNC,
    LIVE_BACK,
    LIVE_NO_TOKEN,
    SYNC_RUNNING,
    SYNC_STARTED,
    NoTokenError,
    live_trouble,
    sync_waiting,
    synced,
)
from podview.widgets.live_badge import LiveState, local_time
from podview.widgets.sync_bar import SyncBar

REFRESH_SECONDS = 60.0
"""Seconds between a meeting's live refreshes. An incremental sync costs one events call per
client project plus the team and goal listings (about 60 requests for 60 clients), far inside
Asana's 1,500 a minute; and a minute old is as fresh as a meeting can tell."""


class Syncing:
    """Starts syncs (on `s`, and every minute of an open meeting) and tells how each one ended."""

    def __init__(
        self,
        app: Any,
        context: Callable[[], ViewContext],
        factory: SyncFactory,
        every: float = REFRESH_SECONDS,
    ) -> None:
        self.app = app
        """The PodviewApp: its `sync_progress` and `live_state` are what the strips show."""
        self.context = context
        self.job = SyncJob(app, context, factory)
        self.every = every
        """Seconds between live refreshes (`make_app(live_every=)`; tests also call `refresh_now`)."""
        self.meeting_id: str | None = None
        """The open meeting whose data is kept live; None while there is none."""
        self.state = LiveState()
        self._timer: Timer | None = None

    @property
    def running(self) -> bool:
        """Whether a sync (a live refresh too) runs now."""
        return self.job.running

    # -- s ------------------------------------------------------------------------

    def start(self) -> None:
        """`s`: sync now, the progress at the foot of the screen; a live refresh running is shown so."""
        from podview.cache import is_demo_cache

        if self.job.running:
            self.job.quiet = False
            self.app.notify(SYNC_RUNNING)
        elif is_demo_cache(self.context().cache_path):
            self.app.notify(DEMO_SYNC, title="Sync", severity="warning", timeout=8)
        else:
            self.job.start()
            if not self.app.screen.query(SyncBar):
                self.app.notify(SYNC_STARTED, title="Sync")

    def progressed(self, progress: Any) -> None:
        """The newest progress of the running sync (a quiet refresh posts none)."""
        if not self.job.running:
            return
        self.app.sync_progress = progress
        if progress.stage == "waiting":
            self.app.notify(sync_waiting(self.context().cache_path), title="Sync waiting")

    # -- the end of a sync ----------------------------------------------------------

    def ended(self, message: Synced) -> None:
        """A sync ended well: a notice after `s`; while a meeting is open, the strip says when.

        A refresh is loud when `s` was pressed while it ran, even after its
        work was done, so a refresh's end never swallows the notice `s` asked for.
        """
        self.job.told()
        self.app.sync_progress = None
        quiet = self.job.quiet
        if not quiet:
            self.app.notify(synced(message.result, message.seconds), title="Synced", timeout=8)
        if self.meeting_id is None:
            return
        if self.state.trouble and quiet:
            self.app.notify(LIVE_BACK, title="Live again")
        if self._timer is None:
            self._timer = self.app.set_interval(self.every, self.refresh_now)
        now = datetime.now(UTC)
        self._show(LiveState(live=True, updated_at=now, tried_at=now))

    def failed(self, error: BaseException) -> bool:
        """A sync failed: True when it was a live refresh, told by the strip and at most one notice.

        Unreachable or refused is `offline`, anything else `failing`; either
        way the meeting goes on and the next refresh tries again. Without a
        token the refresh stops for this meeting, and the strip says why. A
        damaged cache is no refresh's to tell: the app shows the welcome screen.
        """
        from podview.cache import cache_damaged
        from podview.sync.auth import TokenError
        from podview.sync.errors import AsanaUnreachable, AuthError, ForbiddenError

        self.job.told()
        self.app.sync_progress = None
        quiet = self.job.quiet
        if self.meeting_id is None or cache_damaged(error):
            return False
        if isinstance(error, (NoTokenError, TokenError)):
            self._stop_timer()
            self._show(LiveState(note=LIVE_NO_TOKEN))
            return quiet
        offline = isinstance(error, (AsanaUnreachable, AuthError, ForbiddenError))
        now = datetime.now(UTC)
        if not self.state.trouble and quiet:
            title, text = live_trouble(error, local_time(now))
            self.app.notify(text, title=title, severity="warning", timeout=12)
        since = self.state.since if self.state.trouble else now
        trouble = "offline" if offline else "failing"
        self._show(replace(self.state, trouble=trouble, since=since, tried_at=now))
        return quiet

    # -- the live refresh -----------------------------------------------------------

    def meeting_opened(self, meeting_id: str) -> None:
        """A meeting screen started or resumed a meeting: refresh now, then every `every` seconds."""
        from podview.cache import is_demo_cache

        if meeting_id == self.meeting_id or is_demo_cache(self.context().cache_path):
            return
        self._stop_timer()
        self.meeting_id = meeting_id
        self._show(LiveState(live=True))
        self._timer = self.app.set_interval(self.every, self.refresh_now)
        self.refresh_now()

    def meeting_ended(self, meeting_id: str) -> None:
        """The meeting was ended: no more refreshes, and the strip stops telling about them."""
        if meeting_id != self.meeting_id:
            return
        self.meeting_id = None
        self._stop_timer()
        self._show(LiveState())

    def refresh_now(self) -> None:
        """One quiet sync, unless no meeting is live or a sync already runs (the timer's tick)."""
        if self._timer is None or self.job.running or not self.app.has_cache:
            return
        self.job.start(quiet=True)

    def _stop_timer(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def _show(self, state: LiveState) -> None:
        self.state = state
        self.app.live_state = state
