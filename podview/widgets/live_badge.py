"""How fresh a meeting's data is: `● live · updated 12 s ago`, or `⚠ offline since 10:42`.

While a meeting is open the app refreshes the cache from Asana every minute
(podview.tui.syncing); this badge, in the status strip of every data screen,
says when that last worked, counting the seconds on its own, or since when it
has not. Each state has an icon and words, never colour alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal

from textual.content import Content
from textual.reactive import reactive
from textual.timer import Timer
from textual.widgets import Static

TICK_SECONDS = 5.0
"""How often `updated 12 s ago` is counted again: finer would only redraw more often."""


@dataclass(frozen=True)
class LiveState:
    """The live refresh as the strip tells it."""

    live: bool = False
    """A meeting is open and its data is refreshed."""
    updated_at: datetime | None = None
    """When a sync last ended well during this meeting (None until the first one has)."""
    trouble: Literal["", "offline", "failing"] = ""
    """`offline`: Asana could not be reached or refused the token; `failing`: anything else."""
    since: datetime | None = None
    """When the trouble began (the first refresh that failed)."""
    tried_at: datetime | None = None
    """When the latest refresh ended, well or not: offline, the strip counts from it."""
    note: str = ""
    """Why an open meeting is not live (no Asana token), said instead."""


def local_time(moment: datetime) -> str:
    """`10:42`, on this machine's clock: the one in the corner of the room's screen."""
    return moment.astimezone().strftime("%H:%M")


def ago(seconds: float) -> str:
    """`12 s ago`, `3 min ago`: how long since the last update, as a ticking clock says it."""
    seconds = max(0, int(seconds))
    if seconds < 60:
        return f"{seconds} s ago"
    return f"{seconds // 60} min ago"


def live_text(state: LiveState, now: datetime) -> Content:
    """The badge's words for `state` at `now`; empty while no meeting is open."""
    if state.note:
        return Content.assemble(("◌ ", "dim"), f"not live: {state.note}")
    if not state.live:
        return Content("")
    if state.trouble and state.since is not None:
        what = "offline" if state.trouble == "offline" else "refresh failing"
        tried = (now - (state.tried_at or state.since)).total_seconds()
        return Content.assemble(
            (f"⚠ {what} since {local_time(state.since)}", "bold $warning"),
            (f" · tried {ago(tried)}, tries again every minute", "dim"),
        )
    if state.updated_at is None:
        return Content.assemble(("● live", "bold"), " · updating…")
    seconds = (now - state.updated_at).total_seconds()
    return Content.assemble(("● live", "bold $success"), f" · updated {ago(seconds)}")


class LiveBadge(Static):
    """The live refresh's state; hidden while no meeting is open."""

    DEFAULT_CSS = """
    LiveBadge {
        width: auto;
        height: 1;
        padding: 0 1;
        background: $boost;
        display: none;
    }
    LiveBadge.-shown {
        display: block;
    }
    """

    state: reactive[LiveState | None] = reactive(None)
    """As the app last set it; None before any meeting."""

    _ticks: Timer | None = None

    def on_mount(self) -> None:
        self._ticks = self.set_interval(TICK_SECONDS, self._draw, pause=True)
        self.watch_state(self.state)

    def watch_state(self, state: LiveState | None) -> None:
        """Show or hide the badge; count the seconds only while there is a last update to count from."""
        shown = state is not None and (state.live or bool(state.note))
        self.set_class(shown, "-shown")
        if self._ticks is not None:
            if shown and state.live:
                self._ticks.resume()
            else:
                self._ticks.pause()
        self._draw()

    def _draw(self) -> None:
        state = self.state
        self.update(live_text(state, datetime.now(UTC)) if state is not None else "")
