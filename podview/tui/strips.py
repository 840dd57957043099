"""The strip at the foot of every data screen: sync progress, how fresh a meeting's data is, the outbox.

All three follow the app's state (`sync_progress`, `live_state`,
`outbox_state`), so a screen opened in the middle of a sync shows it at
once. The strips also remember every data screen still alive, so a finished
sync or send reloads them all.
"""

from __future__ import annotations

import weakref

from textual.app import App
from textual.containers import Horizontal
from textual.screen import Screen

from podview.screens.context import DataScreen
from podview.widgets.live_badge import LiveBadge
from podview.widgets.outbox_badge import OutboxBadge
from podview.widgets.sync_bar import SyncBar


class StatusStrips:
    """Gives each data screen its strip once, and reloads every data screen on request."""

    def __init__(self, app: App) -> None:
        self.app = app
        self._screens: weakref.WeakSet[DataScreen] = weakref.WeakSet()

    def take_in(self, screen: Screen) -> None:
        """Give a data screen shown for the first time its strip, and remember it for reloads."""
        if isinstance(screen, DataScreen) and screen not in self._screens:
            self._screens.add(screen)
            screen.call_later(self._add_strip, screen)

    async def _add_strip(self, screen: Screen) -> None:
        if not screen.is_attached or screen.query(".status-strip"):
            return
        bar, live, badge = SyncBar(), LiveBadge(), OutboxBadge()
        await screen.mount(Horizontal(bar, live, badge, classes="status-strip"))
        bar.watch(self.app, "sync_progress", lambda progress: setattr(bar, "progress", progress))
        live.watch(self.app, "live_state", lambda state: setattr(live, "state", state))
        badge.watch(self.app, "outbox_state", lambda counts: setattr(badge, "counts", counts))

    def reload_all(self) -> None:
        """Reload every data screen still alive (after a sync, or a send that changed the cache)."""
        for screen in list(self._screens):
            if screen.is_attached:
                screen.refresh_data()
