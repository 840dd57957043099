"""When things happen in the demo: plausible working-hours moments, never after the snapshot.

Every part of the generator dates what it makes (a goal set at Monday's pod
meeting, completed before Friday, modified a little later), and all of it
must stay before noon on `today`, when the demo is taken. Those rules live
here once, drawing from the generator's one random stream so the same seed
gives the same moments.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from podview.dates import Week
from podview.demo.model import NOW, WEEKS, ZONE, Client


class Clock:
    """Today, its week, the first week of history, and moments drawn within them."""

    def __init__(self, today: date, rng: random.Random) -> None:
        self.today = today
        self.rng = rng
        self.current = Week.of(today)
        self.first = self.current.shift(-(WEEKS - 1))
        self.now = datetime.combine(today, NOW, ZONE)

    def at(self, day: date, first_minute: int, last_minute: int) -> datetime:
        """A local moment on `day`; on today it stays before noon, when the demo is taken."""
        if day >= self.today:
            day = self.today
            last_minute = min(last_minute, NOW.hour * 60 - 30)
            first_minute = min(first_minute, last_minute)
        minute = self.rng.randint(first_minute, last_minute)
        return datetime.combine(day, time(minute // 60, minute % 60), ZONE)

    def after(self, start: datetime, last_day: date) -> datetime:
        """A working-hours moment after `start`, on or before `last_day`, never after now."""
        first = start.date()
        days = max(0, (min(last_day, self.today) - first).days)
        day = first + timedelta(days=self.rng.randint(0, days))
        if day.weekday() > 4 and day - timedelta(days=day.weekday() - 4) >= first:
            day -= timedelta(days=day.weekday() - 4)
        moment = self.at(day, 9 * 60, 18 * 60 + 30)
        moment = max(moment, start + timedelta(minutes=self.rng.randint(15, 90)))
        return min(moment, self.now)

    def modified(self, *moments: datetime | None) -> datetime:
        """`modified_at`: a little after the last thing that happened to a task, never after now."""
        latest = max(moment for moment in moments if moment is not None)
        return min(latest + timedelta(minutes=self.rng.randint(0, 2880)), self.now)

    def created_for(self, client: Client, k: int) -> datetime:
        """Weekly goals are set at Monday's pod meeting, some on the Friday before."""
        monday = self.first.shift(k).monday
        if k > client.start and self.rng.random() < 0.2:
            return self.at(monday - timedelta(days=3), 14 * 60, 17 * 60 + 30)
        return self.at(monday, 9 * 60, 11 * 60 + 30)

    def completion(self, outcome: str, start: datetime, due: date, week: Week) -> datetime | None:
        """When a goal with `outcome` in `week` was completed, or None when it wasn't."""
        if outcome == "hit":
            if week.has_ended(self.today) and self.rng.random() < 0.06:
                return self.at(week.sunday, 21 * 60, 23 * 60 + 50)
            earliest = min(due - timedelta(days=2), self.today)
            return self.after(max(start, datetime.combine(earliest, time(8), ZONE)), due)
        if outcome == "late":
            monday = week.sunday + timedelta(days=1)
            return self.after(datetime.combine(monday, time(8), ZONE), monday + timedelta(days=4))
        return None
