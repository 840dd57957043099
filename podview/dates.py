"""Calendar helpers shared by the mapper, the figures and the decisions.

Every figure compares *local* calendar dates in the configured time zone
(metrics.md), while Asana hands out UTC timestamps. These helpers are the one
place where that conversion happens, so no module does it slightly differently.
Dates people type (`Dec 4`, `+1w`) and Asana's own clock are read here too.
"""

from __future__ import annotations

import os
import re
from calendar import isleap
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from time import monotonic
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

_WEEK_RE = re.compile(r"^(\d{4})-W(\d{2})$")


class DateError(ValueError):
    """A date, week or time zone given by the user could not be understood."""


def parse_date(text: str) -> date:
    """Parse a `YYYY-MM-DD` date, with a message a user can act on."""
    try:
        return date.fromisoformat(text)
    except (TypeError, ValueError):
        raise DateError(f"{text!r} is not a date; write it as YYYY-MM-DD, e.g. 2026-11-23") from None


USER_DATE_FORMS = "2026-12-04, Dec 4, 4 Dec, December 4 2026, +3d (days from today) or +1w (weeks)"
"""The forms `parse_user_date` reads, as error messages and help name them."""

_ISO_DAY_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_RELATIVE_RE = re.compile(r"^\+\s*(\d{1,4})\s*(d|days?|w|wks?|weeks?)$", re.IGNORECASE)
_MONTH_RE = re.compile(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b\.?", re.IGNORECASE)


def parse_user_date(text: str, today: date) -> date:
    """A date a person typed (a decision form, `--to`, `--due`), read as people write them.

    Accepted: `2026-12-04`; a named month in English with or without a year
    (`Dec 4`, `4 Dec`, `December 4 2026`, `Dec 4, 2026`); `+3d` / `+1w`
    (days or weeks after `today`, which is the app's or command line's
    today, so `--today` and `PODVIEW_TODAY` move it too).

    A date without a year is the one nearest to `today`: this year's, or
    next year's when this year's is more than about six months past (`Jan 8`
    typed in December), or last year's when this year's is more than about
    six months ahead. A slip into the recent past therefore stays in the past,
    where a postponement's check reports it, rather than silently becoming a
    date a year away. Ties go to the later date.

    All-numeric forms other than ISO (`12/04`) are refused: whether that is
    December 4 or April 12 depends on who typed it. dateutil is imported here,
    not at the top, so `podview --help` never loads it. Raises DateError
    naming every accepted form.
    """
    value = (text or "").strip()
    if _ISO_DAY_RE.match(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise DateError(f"{value!r} is not a day of the calendar; write {USER_DATE_FORMS}") from None
    relative = _RELATIVE_RE.match(value)
    if relative:
        amount = int(relative[1])
        days = amount * 7 if relative[2].lower().startswith("w") else amount
        return today + timedelta(days=days)
    if _MONTH_RE.search(value):
        named = _named_month_date(value, today)
        if named is not None:
            return named
    raise DateError(f"{value!r} is not a date podview can read; write {USER_DATE_FORMS}")


def _named_month_date(text: str, today: date) -> date | None:
    """`Dec 4`, `4 December 2026` …: dateutil reads it twice with different defaults to see what was left out.

    A field that comes out differently under the two defaults was not typed:
    a missing day makes it no date (None); a missing year is chosen as
    `parse_user_date` says. Leap years as defaults keep `Feb 29` readable.
    """
    from dateutil import parser

    try:
        first = parser.parse(text, default=datetime(2000, 1, 1))
        second = parser.parse(text, default=datetime(2004, 2, 2))
    except (parser.ParserError, ValueError, OverflowError):
        return None
    if first.day != second.day or first.month != second.month:
        return None
    if first.year == second.year:
        return first.date()
    candidates = []
    for year in (today.year - 1, today.year, today.year + 1):
        try:
            candidates.append(date(year, first.month, first.day))
        except ValueError:
            continue
    if not candidates:
        leap = next(year for year in range(today.year, today.year + 8) if isleap(year))
        raise DateError(f"{text!r} falls in no year near {today.year}; write the year too, e.g. {text} {leap}")
    return min(candidates, key=lambda day: (abs((day - today).days), -day.toordinal()))


def parse_timestamp(text: str | None) -> datetime | None:
    """Parse Asana's ISO 8601 timestamps (`2026-11-22T23:30:00.000Z`) to aware datetimes."""
    if not text:
        return None
    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value


def local_date(stamp: datetime | None, zone: ZoneInfo) -> date | None:
    """The calendar date an instant falls on in `zone`."""
    return None if stamp is None else stamp.astimezone(zone).date()


def local_zone_name() -> str:
    """The machine's IANA zone name: `TZ`, else `/etc/localtime`, else UTC."""
    name = os.environ.get("TZ", "").lstrip(":")
    if name and _is_zone(name):
        return name
    try:
        target = os.path.realpath("/etc/localtime")
    except OSError:
        target = ""
    marker = "zoneinfo/"
    if marker in target:
        name = target.split(marker, 1)[1]
        if _is_zone(name):
            return name
    try:
        name = open("/etc/timezone", encoding="utf-8").read().strip()
    except OSError:
        name = ""
    return name if name and _is_zone(name) else "UTC"


def _is_zone(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True


def zone(name: str) -> ZoneInfo:
    """Look up an IANA zone, raising DateError with the name when it is unknown."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise DateError(f"unknown time zone {name!r}; use an IANA name such as Europe/Berlin") from None


@dataclass(frozen=True, order=True)
class Week:
    """An ISO week, Monday to Sunday, named like `2026-W47`."""

    monday: date

    @classmethod
    def of(cls, day: date) -> Week:
        """The week that contains `day`."""
        return cls(day - timedelta(days=day.weekday()))

    @classmethod
    def parse(cls, text: str) -> Week:
        """Parse `2026-W47`."""
        match = _WEEK_RE.match(text.strip())
        if not match:
            raise DateError(f"{text!r} is not a week; write it as YYYY-Www, e.g. 2026-W47")
        try:
            monday = date.fromisocalendar(int(match[1]), int(match[2]), 1)
        except ValueError:
            raise DateError(f"{text!r} is not a week of that year") from None
        return cls(monday)

    @property
    def sunday(self) -> date:
        """The last day of the week."""
        return self.monday + timedelta(days=6)

    @property
    def name(self) -> str:
        """The ISO name, e.g. `2026-W47`."""
        year, week, _ = self.monday.isocalendar()
        return f"{year}-W{week:02d}"

    def shift(self, weeks: int) -> Week:
        """The week `weeks` later (earlier when negative)."""
        return Week(self.monday + timedelta(weeks=weeks))

    def end(self, zone: ZoneInfo) -> datetime:
        """The last instant of the week's Sunday in `zone` (23:59:59.999999)."""
        return datetime.combine(self.sunday, time.max, tzinfo=zone)

    def has_ended(self, today: date) -> bool:
        """A week has ended when today is after its Sunday."""
        return today > self.sunday

    def __str__(self) -> str:
        return self.name


def resolve_today(flag: str | None = None) -> date:
    """Today as metrics.md defines it: `--today`, else `PODVIEW_TODAY`, else the real date."""
    return chosen_today(flag) or date.today()


def chosen_today(flag: str | None = None) -> date | None:
    """The day `--today` or `PODVIEW_TODAY` names; None when neither is set (the real date applies)."""
    text = flag or os.environ.get("PODVIEW_TODAY")
    return parse_date(text) if text else None


def months_days(day: date) -> int:
    """Number of days in the month of `day`."""
    following = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    return (following - timedelta(days=1)).day


class ServerClock:
    """Asana's "now", read from the `Date` header of its responses.

    A look-up by `created_since` is judged by Asana's clock, not this
    machine's, which may be hours or days off (asana-api-facts.md §5). The
    header has whole seconds; the time elapsed since it arrived is added from
    the monotonic clock, so the reading stays current between responses.
    """

    def __init__(self) -> None:
        self._seen: tuple[datetime, float] | None = None

    def note(self, header: str | None) -> None:
        """Remember a response's `Date` header (an unreadable or missing one is ignored)."""
        from email.utils import parsedate_to_datetime

        if not header:
            return
        try:
            stamp = parsedate_to_datetime(header)
        except (TypeError, ValueError, IndexError):
            return
        if stamp.tzinfo is None:
            stamp = stamp.replace(tzinfo=UTC)
        self._seen = (stamp.astimezone(UTC), monotonic())

    def now(self) -> datetime | None:
        """Asana's current instant (UTC), or None before any response carried a `Date`."""
        if self._seen is None:
            return None
        stamp, at = self._seen
        return stamp + timedelta(seconds=monotonic() - at)

    def offset(self) -> timedelta | None:
        """How far Asana's clock is ahead of this machine's (negative when behind); None when unknown."""
        now = self.now()
        return None if now is None else now - datetime.now(UTC)
