"""Calendar helpers shared by the mapper and the figures.

Every figure compares *local* calendar dates in the configured time zone
(metrics.md), while Asana hands out UTC timestamps. These helpers are the one
place where that conversion happens, so no module does it slightly differently.
"""

from __future__ import annotations

import os
import re
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
    text = flag or os.environ.get("PODVIEW_TODAY")
    return parse_date(text) if text else date.today()


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
