"""A one-line text sparkline that keeps gaps where a value is missing.

Textual's own Sparkline stretches its data over its width and has no notion
of a missing value; a weekly hit rate does (a week with no ended goals has
none), and squeezing the gap out would make two distant weeks look adjacent.
One character per value keeps each week in its place.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

BLOCKS = "▁▂▃▄▅▆▇█"
GAP = "·"
"""Drawn for a missing value (None)."""


def sparkline_text(
    values: Sequence[float | None],
    *,
    low: float | None = None,
    high: float | None = None,
    width: int | None = None,
) -> str:
    """One block per value, scaled between `low` and `high` (default: the values' own range).

    Give fixed bounds (0 and 1 for rates) when the height itself means
    something; a flat series draws mid-height blocks. With `width`, only the
    most recent `width` values are drawn.
    """
    if width is not None:
        values = values[-width:] if width > 0 else []
    known = [value for value in values if value is not None]
    if not known:
        return GAP * len(values)
    bottom = min(known) if low is None else low
    top = max(known) if high is None else high
    return "".join(GAP if value is None else _block(value, bottom, top) for value in values)


def _block(value: float, low: float, high: float) -> str:
    if high <= low:
        return BLOCKS[len(BLOCKS) // 2 - 1]
    share = min(1.0, max(0.0, (value - low) / (high - low)))
    return BLOCKS[round(share * (len(BLOCKS) - 1))]


class Spark(Widget):
    """A series as a one-line sparkline, one character per value, newest on the right."""

    COMPONENT_CLASSES = {"spark--gap"}

    DEFAULT_CSS = """
    Spark { height: 1; width: auto; color: $accent; }
    Spark > .spark--gap { color: $foreground 40%; }
    """

    values: reactive[tuple[float | None, ...]] = reactive((), layout=True)
    """The series, oldest first; None is a gap."""
    low: reactive[float | None] = reactive(None)
    """The value drawn as the lowest block; None means the series' minimum."""
    high: reactive[float | None] = reactive(None)
    """The value drawn as the highest block; None means the series' maximum."""

    def __init__(
        self,
        values: Sequence[float | None] = (),
        *,
        low: float | None = None,
        high: float | None = None,
        **kwargs,
    ) -> None:
        super().__init__(**kwargs)
        self.set_reactive(Spark.values, tuple(values))
        self.set_reactive(Spark.low, low)
        self.set_reactive(Spark.high, high)

    def get_content_width(self, container, viewport) -> int:
        return len(self.values)

    def render(self) -> Text:
        plain = sparkline_text(self.values, low=self.low, high=self.high, width=self.size.width)
        gap = self.get_component_rich_style("spark--gap", partial=True)
        return Text.assemble(*((char, gap if char == GAP else "") for char in plain), no_wrap=True)
