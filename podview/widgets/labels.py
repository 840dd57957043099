"""Words, icons and number formats every screen shows statuses and figures with.

A status is never told by colour alone: each one has an icon and a word, and
the colour (a Rich style name) only repeats them. Icons are single-width
characters that every terminal font has, so columns stay aligned.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from zoneinfo import ZoneInfo

from rich.text import Text

from podview import words
from podview.widgets import status as looks
from podview.widgets.widths import as_many_as_fit

NONE = "—"
"""How a missing figure or a ratio without denominator is shown (metrics.md)."""

TONE_COLOURS = {"good": "green", "warn": "yellow", "bad": "red", "info": "blue", "muted": "default"}
"""The Rich colour of each tone, for tables drawn without the theme (the client card)."""


def _table(source: dict[str, looks.StatusLook]) -> dict[str, tuple[str, str, str]]:
    """Icon, word and colour of each status, from the one place statuses are spelled (status.py)."""
    return {key: (look.icon, look.word, TONE_COLOURS[look.tone]) for key, look in source.items()}


PACING = _table(looks.PACING)
"""Computed 90-day goal statuses: icon, word, colour."""

WEEKLY = _table(looks.WEEKLY)
"""Weekly goal statuses: icon, word, colour."""

ASANA = _table(looks.ASANA)
"""Statuses typed in Asana (project status updates and goal statuses): icon, word, colour."""

DECISIONS = {
    state: (icon, words.DECISION_STATES[state], colour)
    for state, icon, colour in (("pending", "…", "yellow"), ("sent", "✔", "green"), ("failed", "✖", "red"), ("conflict", "!", "red"))
}
"""Outbox decision states: icon, word, colour."""

REASONS = words.SIGNALS
"""The at-risk signals in words a founder reads aloud (podview/words.py)."""

SHORT_REASONS = words.SHORT_SIGNALS
"""The at-risk signals in a few words, for narrow tables (podview/words.py)."""


def status_text(table: dict[str, tuple[str, str, str]], status: str | None) -> Text:
    """Icon and word of a status, coloured; unknown statuses keep their own name."""
    if not status:
        return Text(NONE, style="dim")
    icon, word, colour = table.get(status, ("?", words.word({}, status), "default"))
    return Text(f"{icon} {word}", style=colour)


def reasons_text(reasons: Iterable[str], short: bool = False, limit: int | None = None) -> str:
    """The fired signals in words, in the ranking's order; past `limit`, how many more."""
    return words.signals_text(reasons, short=short, limit=limit)


def reasons_fitting(reasons: list[str]):
    """A table cell for the reasons: as many as fit the column on one line, then how many more.

    A row that wraps pushes the next clients off the screen; the first
    reasons weigh most, and the client's card lists them all.
    """

    said = [words.signal(key, short=True) for key in reasons]

    def fit(width: int) -> str:
        return as_many_as_fit(said, width, words.SIGNAL_SEPARATOR) or reasons_text(reasons, short=True, limit=1)

    return fit


def percent(value: float | None) -> str:
    """A ratio as a whole percentage, or — when there is none."""
    return NONE if value is None else f"{value * 100:.0f}%"


def money(value: float | None) -> str:
    """An amount in whole units with thousands separators (MRR, budgets)."""
    return NONE if value is None else f"${value:,.0f}"


def metric(value: float | None, unit: str | None) -> str:
    """A goal's metric value in its unit: percentages are stored as fractions."""
    if value is None:
        return NONE
    if unit == "percentage":
        return f"{value * 100:.1f}%"
    if unit == "currency":
        return f"${value:,.2f}" if abs(value) < 1000 else f"${value:,.0f}"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


def interval(bounds: list[float] | None) -> str:
    """A Wilson interval as `40–90%`."""
    if not bounds:
        return NONE
    low, high = bounds
    return f"{low * 100:.0f}–{high * 100:.0f}%"


def days_ago(day: date | None, today: date) -> str:
    """How long before `today` a day was, in words that do not depend on the clock."""
    if day is None:
        return NONE
    delta = (today - day).days
    if delta == 0:
        return "today"
    if delta == 1:
        return "yesterday"
    if delta < 0:
        return f"in {-delta} days"
    return f"{delta} days ago"


def local_day(stamp: datetime | None, zone: ZoneInfo) -> date | None:
    """The local date of an instant (None stays None)."""
    return None if stamp is None else stamp.astimezone(zone).date()


def progress_bar(progress: float | None, expected: float | None, width: int = 10) -> Text:
    """A bar of `progress` with a `│` where the time used says it should be.

    The figures printed beside the bar carry the meaning; the bar only lets
    the eye compare rows.
    """
    if progress is None:
        return Text("·" * width, style="dim")
    filled = max(0, min(width, round(progress * width)))
    bar = Text()
    mark = None if expected is None else max(0, min(width - 1, round(expected * width) - 1))
    for index in range(width):
        inside = index < filled
        if index == mark:
            bar.append("│", style="bold reverse" if inside else "bold")
        else:
            bar.append("█" if inside else "░", style="" if inside else "dim")
    return bar
