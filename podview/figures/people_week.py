"""A pod's people as its stand-up goes through them: last week's goals, this week's still open, what to coach.

The stand-up's last step. Last week is the People report over one ended week
(`people_report(weeks=1, pod=…)`), so the step can never disagree with People
or Weekly; this week's open goals are the weekly report's rows of the week
running, counted by the same rules. Like People, a person's goals are all
their goals, whichever client (a member of two pods has one week).
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from dataclasses import dataclass
from datetime import date
from zoneinfo import ZoneInfo

from podview.dates import Week
from podview.figures.common import ScopeError
from podview.figures.goals import OPEN
from podview.figures.people import people_report
from podview.figures.weekly import assigned_by_week


@dataclass(frozen=True)
class MemberWeek:
    """One pod member's week, as the stand-up says it."""

    user_gid: str
    name: str
    goals: int
    """Last ended week's weekly goals (rows of the weekly report, carried-over ones included)."""
    hit: int
    late: int
    missed: int
    postponed: int
    this_week: int
    """This week's weekly goals so far."""
    open_now: int
    """Of them, those still open."""
    coach: list[str]
    """The coaching signals over last week (and training), in metrics.md's order."""


def pod_people_week(
    conn: sqlite3.Connection, *, today: date, zone: ZoneInfo, pod: str, confidence: float = 95.0
) -> list[MemberWeek]:
    """Every member of `pod` (name or gid), by name; none when the cache has no such pod."""
    week = Week.of(today)
    both = assigned_by_week(conn, [week.shift(-1), week], today=today, zone=zone)
    try:
        report = people_report(
            conn, today=today, zone=zone, weeks=1, pod=pod, confidence=confidence, trend=False, assigned=both
        )
    except ScopeError:
        return []
    rows = both[week]
    total = Counter(row.assignee_gid for row in rows)
    still_open = Counter(row.assignee_gid for row in rows if row.status == OPEN)
    return [
        MemberWeek(
            user_gid=person.user_gid,
            name=person.name,
            goals=person.weekly.goals,
            hit=person.weekly.hit,
            late=person.weekly.late,
            missed=person.weekly.missed,
            postponed=person.weekly.postponed,
            this_week=total[person.user_gid],
            open_now=still_open[person.user_gid],
            coach=list(person.coach),
        )
        for person in report.people
    ]
