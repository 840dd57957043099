"""What every screen needs to find its data, and the one way screens load it.

Screens never query on the UI thread: `DataScreen.load` runs in a thread
worker with its own read connection, and `DataScreen.show` receives the
result back on the UI thread. Figures stay pure functions over the cache.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from textual import work
from textual.screen import Screen
from textual.worker import Worker, get_current_worker

from podview.cache import open_reader
from podview.config import Config


@dataclass(frozen=True)
class ViewContext:
    """The cache, the configuration and the day the figures are counted on."""

    cache_path: Path
    config: Config
    today: date
    client_safe: str | None = None
    """A client gid: only that client's goals and weekly progress may be shown (calls with a client)."""

    @property
    def zone(self) -> ZoneInfo:
        """The configured time zone."""
        return ZoneInfo(self.config.timezone)

    def reader(self) -> sqlite3.Connection:
        """A fresh read connection; open one per worker thread, close it when done."""
        return open_reader(self.cache_path)


class DataScreen(Screen):
    """A screen whose data comes from the cache through a thread worker.

    Subclasses implement `load(conn)` (runs off the UI thread, returns plain
    data) and `show(data)` (runs on the UI thread, updates widgets). Call
    `refresh_data()` whenever what the screen shows should change.
    """

    def __init__(self, context: ViewContext, *, awaiting: bool = False, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.context = context
        self.awaiting = awaiting
        """Someone else is loading this screen's data and will hand it to `show` (the app, at launch)."""

    def on_mount(self) -> None:
        if not self.awaiting:
            self.refresh_data()

    def refresh_data(self) -> None:
        """Reload in the background; a newer request cancels an older one."""
        self._load_worker()

    @work(thread=True, exclusive=True, exit_on_error=False, group="load")
    def _load_worker(self) -> None:
        conn = self.context.reader()
        try:
            data = self.load(conn)
        finally:
            conn.close()
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self.show, data)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Hand worker outcomes to the app, which reports every failure in one place (these events do not bubble)."""
        self.app.post_message(Worker.StateChanged(event.worker, event.state))

    def load(self, conn: sqlite3.Connection) -> Any:
        """Compute what the screen shows (worker thread)."""
        raise NotImplementedError

    def show(self, data: Any) -> None:
        """Put `data` on screen (UI thread)."""
        raise NotImplementedError


class DrawnToWidth:
    """Mix into a screen whose `draw()` lays its rows out for the screen's width.

    A screen shown for the first time is sent a resize at the size it was
    built at; redrawing a thousand rows for it costs 150 ms and changes
    nothing. `draw()` calls `drawn_at_width()`, and only a resize to another
    width redraws.
    """

    _drawn_width: int | None = None

    def drawn_at_width(self) -> None:
        """Note the width the rows are being laid out for."""
        self._drawn_width = self.size.width

    def on_resize(self) -> None:
        if self.size.width != self._drawn_width:
            self.draw()
