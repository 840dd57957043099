"""The weekly goal figures: each goal's status in a week, and totals by pod, client and assignee.

Rows are read straight from the cache for the weeks asked for only, so the
report, the TUI's 12-week trend and the at-risk score stay fast on large
caches. Field names are the JSON keys of cli.md's `weekly` report.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo

from podview.dates import Week
from podview.figures.common import ratio
from podview.figures.goals import (
    DEADLINE_MOVED,
    GOAL_COLUMNS,
    GOAL_JOINS,
    HIT,
    LATE,
    MISSED,
    OPEN,
    POSTPONED,
    WEEKLY_GOAL,
    Counted,
    GoalDates,
    client_clause,
    counted_weeks,
    goal_status,
    scope_gids,
    text_key,
)


@dataclass(frozen=True, slots=True)
class WeeklyGoal:
    """One weekly goal as counted in one week (slotted: screens keep thousands of them in memory)."""

    task_gid: str
    name: str | None
    client: str | None
    client_gid: str
    pod: str | None
    assignee: str | None
    due_on: date | None
    fixed_due_on: date | None
    status: str
    completed_at: datetime | None
    carried_over: bool
    deadline_moved: bool


@dataclass(frozen=True)
class Totals:
    """Counts and rates of a set of goals in one week (a pod's, a client's or an assignee's)."""

    name: str | None
    total: int
    hit: int
    late: int
    missed: int
    open: int
    postponed: int
    hit_rate: float | None
    progress: float | None


@dataclass(frozen=True)
class WeeklyReport:
    """The `weekly` report: the week's goals and their totals by `pod`, `client` and `assignee`."""

    week: str
    start: date
    end: date
    goals: list[WeeklyGoal]
    totals: dict[str, list[Totals]]


class _Placed(NamedTuple):
    """A counted goal with the gids its totals are grouped by (kept out of the JSON row)."""

    goal: WeeklyGoal
    pod_gid: str | None
    assignee_gid: str | None


def weekly_report(
    conn: sqlite3.Connection,
    *,
    week: Week,
    today: date,
    zone: ZoneInfo,
    pod: str | None = None,
    client: str | None = None,
) -> WeeklyReport:
    """The weekly goals of `week` within the `--pod`/`--client` filters, with their totals.

    Raises ScopeError when a filter names nothing in the cache.
    """
    placed = _placed_by_week(
        conn, [week], today=today, zone=zone, client_gids=scope_gids(conn, pod, client)
    )[week]
    return WeeklyReport(
        week=week.name,
        start=week.monday,
        end=week.sunday,
        goals=[item.goal for item in placed],
        totals={
            "pod": _totals(placed, lambda item: item.pod_gid, lambda item: item.goal.pod),
            "client": _totals(
                placed, lambda item: item.goal.client_gid, lambda item: item.goal.client
            ),
            "assignee": _totals(
                placed, lambda item: item.assignee_gid, lambda item: item.goal.assignee
            ),
        },
    )


def goals_by_week(
    conn: sqlite3.Connection,
    weeks: Sequence[Week],
    *,
    today: date,
    zone: ZoneInfo,
    client_gids: Collection[str] | None = None,
) -> dict[Week, list[WeeklyGoal]]:
    """The goals counted in each of `weeks` (carried-over goals included), in report order.

    One query covers the span from the first week's Monday to the last week's
    Sunday, for trends and pooled rates over several weeks; `client_gids`
    None means every client.
    """
    placed = _placed_by_week(conn, weeks, today=today, zone=zone, client_gids=client_gids)
    return {week: [item.goal for item in items] for week, items in placed.items()}


class AssignedGoal(NamedTuple):
    """A weekly row as People needs it: who, for which client, its status and marks, when it was created."""

    task_gid: str
    client_gid: str
    assignee_gid: str | None
    created_at: str | None
    status: str
    carried_over: bool
    deadline_moved: bool


def assigned_by_week(
    conn: sqlite3.Connection, weeks: Sequence[Week], *, today: date, zone: ZoneInfo
) -> dict[Week, list[AssignedGoal]]:
    """Every client's goals counted in each of `weeks`, keyed by assignee gid rather than named.

    The rows `podview report weekly` gives for those weeks, counted by the
    same rules (`_counted_rows`, `goal_status`), so People can never
    disagree with Weekly; without the names, joins and order a report
    needs, since People reads twelve weeks of every client.
    """
    result: dict[Week, list[AssignedGoal]] = {week: [] for week in weeks}
    for row, dates, counted in _counted_rows(conn, weeks, _ASSIGNED_IN_SPAN, None):
        result[counted.week].append(
            AssignedGoal(
                row["task_gid"],
                row["client_gid"],
                row["assignee_gid"],
                row["created_at"],
                goal_status(dates, counted.week, today=today, zone=zone),
                counted.carried_over,
                dates.kind == DEADLINE_MOVED,
            )
        )
    return result


def summarize(name: str | None, goals: Iterable[WeeklyGoal]) -> Totals:
    """Totals of some goals of one week; a rate with nothing to divide by is None, never 0."""
    counts = dict.fromkeys((HIT, LATE, MISSED, OPEN, POSTPONED), 0)
    for goal in goals:
        counts[goal.status] += 1
    total = sum(counts.values())
    return Totals(
        name=name,
        total=total,
        hit=counts[HIT],
        late=counts[LATE],
        missed=counts[MISSED],
        open=counts[OPEN],
        postponed=counts[POSTPONED],
        hit_rate=ratio(counts[HIT], counts[HIT] + counts[LATE] + counts[MISSED]),
        progress=ratio(counts[HIT], total - counts[POSTPONED]),
    )


def client_statuses(
    conn: sqlite3.Connection,
    weeks: Sequence[Week],
    *,
    today: date,
    zone: ZoneInfo,
    client_gids: Collection[str] | None = None,
) -> list[tuple[str, str]]:
    """The client gid and status of every goal counted in `weeks` (carried-over goals included).

    What pooled rates per client need, as `goals_by_week` would count them,
    without the names, joins and ordering a report needs: the at-risk score
    reads four weeks of goals for every client.
    """
    return [
        (row["client_gid"], goal_status(dates, counted.week, today=today, zone=zone))
        for row, dates, counted in _counted_rows(conn, weeks, _STATUSES_IN_SPAN, client_gids)
    ]


_IN_SPAN = "WHERE t.kind = ? AND (t.fixed_due_on BETWEEN ? AND ? OR t.due_on BETWEEN ? AND ?)"
_GOALS_IN_SPAN = f"SELECT {GOAL_COLUMNS} FROM tasks t {GOAL_JOINS} {_IN_SPAN}"
_ASSIGNED_IN_SPAN = f"""
SELECT t.gid AS task_gid, t.client_gid, t.assignee_gid, t.created_at, t.due_on, t.fixed_due_on,
    t.original_due, t.postpone_reason, t.completed, t.completed_at
FROM tasks t {_IN_SPAN}"""
_STATUSES_IN_SPAN = f"""
SELECT t.client_gid, t.due_on, t.fixed_due_on, t.original_due, t.postpone_reason,
    t.completed, t.completed_at
FROM tasks t {_IN_SPAN}"""


def _placed_by_week(
    conn: sqlite3.Connection,
    weeks: Sequence[Week],
    *,
    today: date,
    zone: ZoneInfo,
    client_gids: Collection[str] | None,
) -> dict[Week, list[_Placed]]:
    """Every goal counted in `weeks`, placed in the weeks it counts in, in report order."""
    result: dict[Week, list[_Placed]] = {week: [] for week in weeks}
    for row, dates, counted in _counted_rows(conn, weeks, _GOALS_IN_SPAN, client_gids):
        result[counted.week].append(_place(row, dates, counted, today=today, zone=zone))
    for items in result.values():
        items.sort(key=_report_order)
    return result


def _counted_rows(
    conn: sqlite3.Connection,
    weeks: Sequence[Week],
    query: str,
    client_gids: Collection[str] | None,
) -> Iterator[tuple[sqlite3.Row, GoalDates, Counted]]:
    """Rows of `query` (F or D in a span), each once for every one of `weeks` it counts in.

    A goal counts in F's week or, carried over, in D's: rows with neither in
    the span cannot count in any of the weeks, and the two indexes on
    (kind, fixed_due_on) and (kind, due_on) find the others.
    """
    wanted = set(weeks)
    if not wanted:
        return
    first, last = min(wanted).monday.isoformat(), max(wanted).sunday.isoformat()
    extra, params = client_clause(client_gids)
    for row in conn.execute(query + extra, [WEEKLY_GOAL, first, last, first, last, *params]):
        dates = GoalDates.from_row(row)
        for counted in counted_weeks(dates):
            if counted.week in wanted:
                yield row, dates, counted


def _place(
    row: sqlite3.Row, dates: GoalDates, counted: Counted, *, today: date, zone: ZoneInfo
) -> _Placed:
    goal = WeeklyGoal(
        task_gid=row["task_gid"],
        name=row["name"],
        client=row["client"],
        client_gid=row["client_gid"],
        pod=row["pod"],
        assignee=row["assignee"],
        due_on=dates.due_on,
        fixed_due_on=dates.fixed_due_on,
        status=goal_status(dates, counted.week, today=today, zone=zone),
        completed_at=dates.completed_at.astimezone(zone) if dates.completed_at else None,
        carried_over=counted.carried_over,
        deadline_moved=dates.kind == DEADLINE_MOVED,
    )
    return _Placed(goal, row["pod_gid"], row["assignee_gid"])


def _report_order(item: _Placed) -> tuple[Any, ...]:
    """Pod, then client, then the day the goal is due now, then its name: how a meeting walks through them."""
    goal = item.goal
    return (
        text_key(goal.pod),
        text_key(goal.client),
        goal.client_gid,
        goal.due_on or date.max,
        text_key(goal.name),
        goal.task_gid,
    )


def _totals(
    placed: list[_Placed],
    key_of: Callable[[_Placed], str | None],
    name_of: Callable[[_Placed], str | None],
) -> list[Totals]:
    """One Totals row per group that has goals this week, grouped by gid, ordered by name (unnamed last)."""
    groups: dict[str | None, list[_Placed]] = {}
    for item in placed:
        groups.setdefault(key_of(item), []).append(item)
    rows = [
        (key, summarize(name_of(items[0]), (item.goal for item in items)))
        for key, items in groups.items()
    ]
    rows.sort(key=lambda pair: (text_key(pair[1].name), pair[0] is None, pair[0] or ""))
    return [totals for _, totals in rows]
