"""The words the weekly screen says about a week: its heading, its totals, its trend.

Kept apart from the screen because they are pure text from plain values, and
because the stand-up says the same things (day spans, totals) the same way.
"""

from __future__ import annotations

from datetime import date

from podview.date_words import week_span
from podview.dates import Week
from podview.figures.weekly import Totals
from podview.words import progress


def totals_label(totals: Totals, ended: bool) -> str:
    """metrics.md: the hit rate for an ended week, "x of y done" for the current (or a future) one."""
    first, second = totals_cells(totals, ended)
    return f"{first} ({second})" if second else first


def totals_cells(totals: Totals, ended: bool) -> tuple[str, str]:
    """The totals split over a group row's Status and Due cells: `hit rate 83%`, `5 of 6`."""
    if ended:
        judged = totals.hit + totals.late + totals.missed
        rate = "—" if totals.hit_rate is None else f"{totals.hit_rate:.0%}"
        return f"hit rate {rate}", f"{totals.hit} of {judged}"
    return progress(totals.hit, totals.total, totals.postponed), ""


def week_heading(week: Week, today: date) -> str:
    """The week's dates and whether it is this week, ended, or still to come (no ISO name: one date style on screen)."""
    current = Week.of(today)
    when = "this week" if week == current else "ended" if week.has_ended(today) else "upcoming"
    return f"{week_span(week, week, today)} · {when}"


def trend_note(rates: list[float | None]) -> str:
    """The latest known rate with the range, since a sparkline on a 0–100 % scale hides small swings."""
    known = [rate for rate in rates if rate is not None]
    if not known:
        return "no ended week with goals"
    return f"latest {known[-1]:.0%} · low {min(known):.0%} · high {max(known):.0%}"

