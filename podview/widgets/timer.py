"""A meeting timer: elapsed time, and against a time box the time left or how far over.

Meetings run to a time box, and a room looking at a projector needs to see
"over time" in words, not only as a red patch. The timer redraws itself once
a second with `set_interval` (no threads); the clock is read through
`monotonic` in this module so tests can patch it, or call `tick()` after
moving a fake clock, and get the same picture every run. In the app's
presenter mode the clock is also drawn in three-row digits, readable from
the back of the room, with the words beside it.
"""

from __future__ import annotations

from collections.abc import Callable
from time import monotonic

from rich.console import RenderableType
from rich.table import Table
from textual.renderables.digits import Digits
from textual.widgets import Static

from podview.widgets.themes import follow_presenter, presenting

ICONS = {"idle": "◌", "running": "▶", "over": "⚠", "stopped": "■"}
"""One icon per state, beside the words that say the same thing."""


def clock_text(seconds: float) -> str:
    """`04:07` under an hour, `1:04:07` from an hour on (a 160-client review runs for hours)."""
    whole = max(0, int(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


def timer_state(elapsed: float | None, box: float | None, stopped: bool) -> str:
    """`idle` before the start, `stopped` after the end, else `over` past the box or `running`."""
    if elapsed is None:
        return "idle"
    if stopped:
        return "stopped"
    if box is not None and elapsed > box:
        return "over"
    return "running"


def timer_text(label: str, elapsed: float | None, box: float | None, stopped: bool = False) -> str:
    """What the timer says, readable without colour: elapsed, then time left or OVER TIME by how much."""
    state = timer_state(elapsed, box, stopped)
    icon = ICONS[state]
    if state == "idle":
        return f"{icon} {label} not started"
    elapsed = int(elapsed)  # whole seconds, so elapsed and time left always add up to the box
    text = f"{icon} {label} {clock_text(elapsed)}"
    if state == "stopped":
        return f"{text} · stopped"
    if box is None:
        return text
    if state == "over":
        return f"{text} · OVER TIME by {clock_text(elapsed - box)} (box {clock_text(box)})"
    return f"{text} · {clock_text(box - elapsed)} left of {clock_text(box)}"


def big_text(figure: str, words: RenderableType) -> Table:
    """`figure` in three-row digits with `words` beside it: big for the room, still said in words."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=True)
    grid.add_column(vertical="middle")
    grid.add_row(Digits(figure, style="bold"), words)
    return grid


class MeetingTimer(Static):
    """Counts up from `start()`; with a `box` (seconds) it also says what is left, or that time is over.

    The state is also a CSS class (`-idle`, `-running`, `-over`, `-stopped`)
    for colour on top of the words.
    """

    DEFAULT_CSS = """
    MeetingTimer {
        width: auto;
        height: auto;
        padding: 0 1;
    }
    MeetingTimer.-idle, MeetingTimer.-stopped {
        color: $text-muted;
    }
    MeetingTimer.-over {
        background: $error 25%;
        color: $text-error;
        text-style: bold;
    }
    """

    def __init__(
        self,
        label: str,
        *,
        box: float | None = None,
        clock: Callable[[], float] | None = None,
        big_for_presenter: bool = True,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__("", id=id, classes=classes)
        self.label = label
        """Says whose time this is: `Meeting`, `This client`."""
        self.clock = clock
        """Seconds from any fixed point; None reads this module's `monotonic` (patchable in tests)."""
        self.big_for_presenter = big_for_presenter
        """Whether presenter mode draws this timer's clock in big digits (one per screen is enough)."""
        self.big = False
        """Drawn in big digits now (presenter mode is on, and this timer takes part)."""
        self._box = box
        self._started: float | None = None
        self._stopped: float | None = None

    def on_mount(self) -> None:
        """Redraw once a second for as long as the widget is on screen (the timer dies with it).

        Follows the app's presenter mode.
        """
        self.set_interval(1.0, self.tick)
        if self.big_for_presenter:
            self.big = presenting(self)
            follow_presenter(self, self._presenter_changed)
        self.tick()

    def _presenter_changed(self, presenter: bool) -> None:
        self.big = bool(presenter)
        self.tick()

    def now(self) -> float:
        """The clock's reading now."""
        return self.clock() if self.clock is not None else monotonic()

    @property
    def box(self) -> float | None:
        """The time box in seconds; None: no box, only elapsed time is shown."""
        return self._box

    @box.setter
    def box(self, seconds: float | None) -> None:
        self._box = seconds
        self.tick()

    @property
    def elapsed(self) -> float | None:
        """Seconds since the start (frozen once stopped); None before the start."""
        if self._started is None:
            return None
        if self._stopped is not None:
            return self._stopped
        return self.now() - self._started

    @property
    def state(self) -> str:
        """`idle`, `running`, `over` or `stopped`."""
        return timer_state(self.elapsed, self._box, self._stopped is not None)

    @property
    def over(self) -> bool:
        """Past the time box (and still running)."""
        return self.state == "over"

    def start(self, already: float = 0.0) -> None:
        """Count from now, as if `already` seconds had passed (a resumed meeting keeps its time)."""
        self._started = self.now() - already
        self._stopped = None
        self.tick()

    def reset(self) -> None:
        """Start again from 00:00 (the next client in a walkthrough)."""
        self.start(0.0)

    def stop(self) -> None:
        """Freeze the time shown (the meeting ended)."""
        if self._started is not None and self._stopped is None:
            self._stopped = self.now() - self._started
        self.tick()

    def tick(self) -> None:
        """Redraw the text and the state class from the clock."""
        state, elapsed = self.state, self.elapsed
        for name in ICONS:
            self.set_class(name == state, f"-{name}")
        words = timer_text(self.label, elapsed, self._box, self._stopped is not None)
        if self.big and elapsed is not None:
            self.update(big_text(clock_text(elapsed), words.replace(" · ", "\n")))
        else:
            self.update(words)
