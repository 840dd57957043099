"""A progress bar that also shows where progress should be by now.

A goal half done looks fine until you see that 80 % of its time is gone:
the marker at the expected progress makes that visible at a glance. The bar
is drawn by a pure function, so a table cell and the `PaceBar` widget draw
the same thing, and tests can check it character by character.
"""

from __future__ import annotations

import math

from rich.style import Style
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

FILL, EMPTY, MARKER = "█", "░", "│"
OVER, UNDER = "▶", "◀"
"""Drawn in the last (first) cell when progress is above 1 (below 0)."""
UNKNOWN = "·"
"""The bar of a goal whose progress is unknown (no metric)."""


def filled_cells(progress: float, width: int) -> int:
    """How many of `width` cells a progress fills: rounded, and within 0..width."""
    return min(width, max(0, math.floor(progress * width + 0.5)))


def marker_cell(expected: float, width: int) -> int:
    """The cell the expected-progress marker sits in.

    It is the first cell past an on-pace fill: a bar that reaches exactly up
    to the marker is on pace, one that stops short is behind. Expected 1 puts
    it in the last cell.
    """
    return min(width - 1, max(0, math.floor(expected * width + 0.5)))


def pace_cells(progress: float | None, expected: float | None, width: int) -> str:
    """The bar as plain characters, e.g. `████████░░░│░░░`.

    Progress above 1 fills the bar and ends it with `▶`, below 0 starts it
    with `◀`; None (no metric) draws dots. The marker is left out when
    `expected` is None.
    """
    if width <= 0:
        return ""
    if progress is None:
        cells = [UNKNOWN] * width
    else:
        filled = filled_cells(progress, width)
        cells = [FILL] * filled + [EMPTY] * (width - filled)
        if progress > 1:
            cells[-1] = OVER
        elif progress < 0:
            cells[0] = UNDER
    if expected is not None:
        cells[marker_cell(expected, width)] = MARKER
    return "".join(cells)


def pace_bar(
    progress: float | None,
    expected: float | None,
    width: int,
    *,
    fill: Style | str = "",
    empty: Style | str = "dim",
    marker: Style | str = "bold",
) -> Text:
    """The bar as Rich text: filled cells in `fill`, empty ones in `empty`, the marker in `marker`."""
    plain = pace_cells(progress, expected, width)
    text = Text(no_wrap=True)
    for char in plain:
        style = marker if char == MARKER else empty if char in (EMPTY, UNKNOWN) else fill
        text.append(char, style)
    return text


class PaceBar(Widget):
    """A goal's progress across the widget's width, with a marker where it should be by now."""

    COMPONENT_CLASSES = {"pace-bar--empty", "pace-bar--marker"}

    DEFAULT_CSS = """
    PaceBar { height: 1; width: 1fr; color: $primary; }
    PaceBar.-good { color: $success; }
    PaceBar.-warn { color: $warning; }
    PaceBar.-bad { color: $error; }
    PaceBar.-muted { color: $foreground 50%; }
    PaceBar > .pace-bar--empty { color: $foreground 30%; }
    PaceBar > .pace-bar--marker { color: $foreground; text-style: bold; }
    """

    progress: reactive[float | None] = reactive(None)
    """Share of the way from initial to target; above 1 is over-achievement, None unknown."""
    expected: reactive[float | None] = reactive(None)
    """Share of the goal's time used: where progress should be by now."""
    tone: reactive[str | None] = reactive(None)
    """The status tone that colours the fill (`good`, `warn`, `bad`, …; see widgets.status)."""

    def __init__(
        self, progress: float | None = None, expected: float | None = None, **kwargs
    ) -> None:
        super().__init__(**kwargs)
        self.set_reactive(PaceBar.progress, progress)
        self.set_reactive(PaceBar.expected, expected)

    def watch_tone(self, old: str | None, new: str | None) -> None:
        """Swap the tone class, so the theme decides the colour."""
        if old:
            self.remove_class(f"-{old}")
        if new:
            self.add_class(f"-{new}")

    def render(self) -> Text:
        return pace_bar(
            self.progress,
            self.expected,
            self.size.width,
            empty=self.get_component_rich_style("pace-bar--empty", partial=True),
            marker=self.get_component_rich_style("pace-bar--marker", partial=True),
        )
