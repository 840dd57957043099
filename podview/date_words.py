"""How a date reads to a person: on every screen and in table and Markdown reports.

One style everywhere, so a date read on Weekly is the date read on the card
and in `podview report … --format md`: `Wed 2 Dec` for a day (no leading
zero), `25 Nov → 2 Dec` for a deadline moved, `23–29 Nov` for a period (and for a week: never its ISO name),
`Wed 2 Dec 14:05` for a moment. A year is written only when it is not the
year of `today` (the app's or command line's today, so `--today` moves it),
or when the caller says the context needs one. JSON and CSV keep ISO dates
for machines and never come here.
"""

from __future__ import annotations

from datetime import date, datetime

from podview.dates import Week


def day(when: date, today: date, *, year: bool = False) -> str:
    """`Wed 2 Dec`; `2 Dec 2025` in another year than today's (or when `year` is asked for)."""
    if year or when.year != today.year:
        return dated(when)
    return f"{when:%a} {when.day} {when:%b}"


def dated(when: date) -> str:
    """`2 Dec 2026`: a day whose year the context needs."""
    return f"{when.day} {when:%b %Y}"


def moment(when: datetime, today: date) -> str:
    """`Wed 2 Dec 14:05` (a local time: convert to the configured zone first)."""
    return f"{day(when.date(), today)} {when:%H:%M}"


def move(before: date, after: date, today: date) -> str:
    """A deadline moved: `25 Nov → 2 Dec`; years appear when either is not today's year."""
    return _two(before, after, today, " → ")


def period(first: date, last: date, today: date) -> str:
    """A span of days: `23–29 Nov`, `30 Nov – 6 Dec`, `28 Dec 2026 – 3 Jan 2027`; no part said twice."""
    if (first.year, first.month) == (last.year, last.month):
        tail = f" {last:%Y}" if last.year != today.year else ""
        return f"{first.day}–{last.day} {last:%b}{tail}"
    return _two(first, last, today, " – ")


def week_span(first: Week | str, last: Week | str, today: date) -> str:
    """Weeks (or ISO week names) said as the days they span: `23–29 Nov` for one, `26 Oct – 22 Nov` for several."""
    first = Week.parse(first) if isinstance(first, str) else first
    last = Week.parse(last) if isinstance(last, str) else last
    return period(first.monday, last.sunday, today)


def _two(first: date, last: date, today: date, joint: str) -> str:
    """Two days without weekdays, the year said once when they share one that is not today's."""
    if first.year != last.year:
        return f"{dated(first)}{joint}{dated(last)}"
    tail = f" {last:%Y}" if last.year != today.year else ""
    return f"{first.day} {first:%b}{joint}{last.day} {last:%b}{tail}"
