"""What the weekly screen keeps in memory, and the reads that fill it.

Kept apart from the screen so the rules of memory — which weeks the trend
needs, which are dropped as the shown week moves, how weeks are read in runs —
can be read (and tested) without the widgets. The reads go through
podview.figures, so no SQL lives here; they run in the screen's workers.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from podview.dates import Week
from podview.figures.client_view import goals_for_client
from podview.figures.common import clients_in_scope
from podview.figures.row_marks import RowMarks, row_marks
from podview.figures.weekly import WeeklyGoal, goals_by_week
from podview.screens.context import ViewContext

TREND_WEEKS = 12
"""How many weeks the hit-rate trend covers, the shown week last."""
KEPT_WEEKS = 2 * TREND_WEEKS
"""Weeks further than this from the shown one are dropped from memory (read again if shown)."""


@dataclass(frozen=True)
class WeeklyData:
    """What the screen shows from: the shown week, every week read so far, the pods to filter by."""

    week: Week
    today: date
    weeks: dict[Week, list[WeeklyGoal]]
    """The goals of each week read from the cache so far; always holds `week`."""
    pods: list[str]
    read: int = 0
    """Which reading of the cache the weeks come from: weeks of an older one are never mixed in."""
    marks: RowMarks | None = None
    """Overdue goals and the decisions waiting in the outbox, read at every load (None: not read yet)."""

    @property
    def ended(self) -> bool:
        """Ended weeks are judged by hit rate, the others by how much is done."""
        return self.week.has_ended(self.today)

    @property
    def trend_weeks(self) -> list[Week]:
        """The weeks of the hit-rate trend, oldest first, the shown week last."""
        return [self.week.shift(offset) for offset in range(1 - TREND_WEEKS, 1)]

    def missing(self) -> list[Week]:
        """The trend's weeks not read yet."""
        return [week for week in self.trend_weeks if week not in self.weeks]

    def adding(self, found: dict[Week, list[WeeklyGoal]]) -> WeeklyData:
        """The same data with more weeks, forgetting those far from the shown week."""
        weeks = {**self.weeks, **found}
        near = {
            week: goals
            for week, goals in weeks.items()
            if abs((week.monday - self.week.monday).days) <= 7 * KEPT_WEEKS
        }
        return replace(self, weeks=near)


def contiguous(weeks: Sequence[Week]) -> list[list[Week]]:
    """Weeks in runs of consecutive weeks, so each run is read with one query over its span only."""
    runs: list[list[Week]] = []
    for week in sorted(weeks):
        if runs and runs[-1][-1].shift(1) == week:
            runs[-1].append(week)
        else:
            runs.append([week])
    return runs


def read_pods(conn: sqlite3.Connection, context: ViewContext) -> list[str]:
    """The pods of the clients in scope, by name ignoring case: the pod filter's choices."""
    clients = clients_in_scope(conn, client=context.client_safe).values()
    return sorted({info.pod for info in clients if info.pod}, key=str.casefold)


def read_marks(conn: sqlite3.Connection, context: ViewContext) -> RowMarks:
    """What goal rows mark besides their status (worker thread); a watching client is not shown the outbox."""
    return row_marks(conn, context.today, with_outbox=not context.client_safe)


def read_weeks(
    conn: sqlite3.Connection, weeks: Sequence[Week], context: ViewContext
) -> dict[Week, list[WeeklyGoal]]:
    """The goals of `weeks`, one query per run of consecutive weeks (worker thread); a watching client's as `client_view` lets them be seen."""
    gids = {context.client_safe} if context.client_safe else None
    found: dict[Week, list[WeeklyGoal]] = {}
    for run in contiguous(weeks):
        found |= goals_by_week(conn, run, today=context.today, zone=context.zone, client_gids=gids)
    if context.client_safe:
        return {week: goals_for_client(goals) for week, goals in found.items()}
    return found
