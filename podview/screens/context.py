"""What every screen needs to find its data, and the one way screens load it.

Screens never query on the UI thread: `DataScreen.load` runs in a thread
worker with its own read connection, and `DataScreen.show` receives the
result back on the UI thread. Figures stay pure functions over the cache.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from textual.screen import Screen
from textual.worker import Worker

from podview.cache import open_reader
from podview.config import Config
from podview.screens.threads import run_in_thread

T = TypeVar("T")


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

    def read(self, query: Callable[[sqlite3.Connection], T]) -> T:
        """`query(conn)` on a read connection of its own, closed after (call it from a worker thread)."""
        conn = self.reader()
        try:
            return query(conn)
        finally:
            conn.close()


class DataScreen(Screen):
    """A screen whose data comes from the cache through a thread worker.

    Subclasses implement `load(conn)` (runs off the UI thread, returns plain
    data) and `show(data)` (runs on the UI thread, updates widgets). Call
    `refresh_data()` whenever what the screen shows should change.
    """

    def __init__(self, context: ViewContext, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.context = context
        self.load_worker: Worker[None] | None = None
        """The latest load, until it is replaced: awaiting it waits until its data is on the screen."""

    def on_mount(self) -> None:
        if not self.has_data():
            self.refresh_data()

    def has_data(self) -> bool:
        """Whether the screen was given its data when built (Home at launch); it then loads only on request."""
        return False

    def refresh_data(self) -> None:
        """Reload in the background; a newer request cancels an older one, and a failure is told by the app."""
        self.load_worker = self.read_in_background(self.load, self.show, job="load")

    def read_in_background(
        self, read: Callable[[sqlite3.Connection], T], then: Callable[[T], object], *, job: str
    ) -> Worker[None]:
        """`read(conn)` on a read connection of its own in a thread worker, then `then(result)` on the UI thread.

        Starting the same job again cancels the older one, whose result is dropped.
        """

        return run_in_thread(self, lambda: self.context.read(read), then, job=job, what=self.sub_title or type(self).__name__)

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
