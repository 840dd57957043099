"""The rules for one weekly goal: how its deadline moved, which weeks count it, its status there.

The weekly report, the postponement ledger and the at-risk score all judge
goals through these functions, so a goal can never be `hit` on one screen and
`missed` on another (metrics.md "Weekly goal status", conventions.md "The
deadline rule").
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from functools import cached_property, lru_cache
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo

from podview.dates import Week, parse_timestamp
from podview.figures.common import clients_in_scope

POSTPONED = "postponed"
DEADLINE_MOVED = "deadline_moved"
HIT = "hit"
LATE = "late"
MISSED = "missed"
OPEN = "open"
STATUSES = (POSTPONED, HIT, LATE, MISSED, OPEN)
"""Every status a goal can have in a week, in the order the rules are tried."""

WEEKLY_GOAL = "weekly_goal"
"""`tasks.kind` of a weekly goal."""

GOAL_COLUMNS = """
    t.gid AS task_gid, t.name, t.client_gid, c.name AS client, c.pod_gid, p.name AS pod,
    t.assignee_gid, u.name AS assignee, t.due_on, t.fixed_due_on, t.original_due,
    t.postpone_reason, t.completed, t.completed_at, t.created_at, t.norm_name
"""
"""The columns every weekly-goal query selects, named as `GoalDates.from_row` and the reports read them."""

GOAL_JOINS = """
    LEFT JOIN clients c ON c.gid = t.client_gid
    LEFT JOIN pods p ON p.gid = c.pod_gid
    LEFT JOIN users u ON u.gid = t.assignee_gid
"""
"""Joins giving a task row its client, pod and assignee names without loading whole tables."""

DateLike = date | str | None


def as_date(value: DateLike) -> date | None:
    """A cache date (`YYYY-MM-DD` text) as a date; blank means no date."""
    if value is None or isinstance(value, date):
        return value
    text = value.strip()
    return date.fromisoformat(text) if text else None


def deadline_kind(
    due_on: DateLike, fixed_due_on: DateLike, original_due: DateLike, postpone_reason: str | None
) -> str | None:
    """`postponed`, `deadline_moved` or None: how a goal's due date D left its fixed deadline F.

    Only a non-blank reason with `Original due` empty or equal to F sanctions
    a move; a reason added after a silent move leaves `Original due` later
    than F and so cannot launder it.
    """
    due, fixed, original = as_date(due_on), as_date(fixed_due_on), as_date(original_due)
    if due is None or fixed is None or due <= fixed:
        return None
    sanctioned = bool((postpone_reason or "").strip()) and original in (None, fixed)
    return POSTPONED if sanctioned else DEADLINE_MOVED


@dataclass(frozen=True)
class GoalDates:
    """What decides a weekly goal's weeks and status, as read from its `tasks` row."""

    due_on: date | None
    fixed_due_on: date | None
    original_due: date | None = None
    postpone_reason: str | None = None
    completed: bool = False
    completed_at: datetime | None = None

    @classmethod
    def from_row(cls, row: sqlite3.Row | Mapping[str, Any]) -> GoalDates:
        """Read a row; F falls back to D when the cache has no fixed deadline (F ≤ D by definition).

        Asana's `completed` flag decides whether a goal is done; a stale
        `completed_at` on a reopened task is ignored.
        """
        due = as_date(row["due_on"])
        known = [day for day in (as_date(row["fixed_due_on"]), due) if day is not None]
        completed = bool(row["completed"])
        return cls(
            due_on=due,
            fixed_due_on=min(known) if known else None,
            original_due=as_date(row["original_due"]),
            postpone_reason=row["postpone_reason"],
            completed=completed,
            completed_at=parse_timestamp(row["completed_at"]) if completed else None,
        )

    @cached_property
    def kind(self) -> str | None:
        """`postponed`, `deadline_moved` or None (see `deadline_kind`)."""
        return deadline_kind(
            self.due_on, self.fixed_due_on, self.original_due, self.postpone_reason
        )

    @property
    def fixed_week(self) -> Week | None:
        """The week of F, where the goal is always judged."""
        return Week.of(self.fixed_due_on) if self.fixed_due_on else None

    @property
    def postponed_to_later_week(self) -> bool:
        """Sanctioned and moved past F's week: `postponed` in F's week and carried over into D's."""
        return (
            self.kind == POSTPONED
            and self.due_on is not None
            and self.fixed_due_on is not None
            and Week.of(self.due_on) > Week.of(self.fixed_due_on)
        )


class Counted(NamedTuple):
    """One week a goal is counted in, and whether it is there as carried over."""

    week: Week
    carried_over: bool


def counted_weeks(goal: GoalDates) -> list[Counted]:
    """The weeks a goal counts in: F's week, plus D's week when postponed into a later week.

    A goal with no due date counts nowhere (it is a data problem instead); an
    unsanctioned move never adds D's week, so moving a deadline cannot hide a miss.
    """
    if goal.due_on is None or goal.fixed_due_on is None:
        return []
    weeks = [Counted(Week.of(goal.fixed_due_on), False)]
    if goal.postponed_to_later_week:
        weeks.append(Counted(Week.of(goal.due_on), True))
    return weeks


def goal_status(goal: GoalDates, week: Week, *, today: date, zone: ZoneInfo) -> str:
    """The goal's status in `week`, the first rule of metrics.md's table that matches.

    The completion instant is compared with the end of the week in `zone`, so
    a Sunday-night completion that is Monday in UTC still counts as a hit. A
    completion without a timestamp cannot be shown to be late and counts as a hit.
    """
    if goal.postponed_to_later_week and week == goal.fixed_week:
        return POSTPONED
    if goal.completed:
        in_time = goal.completed_at is None or goal.completed_at <= week_end(week, zone)
        return HIT if in_time else LATE
    return MISSED if week.has_ended(today) else OPEN


@lru_cache(maxsize=256)
def week_end(week: Week, zone: ZoneInfo) -> datetime:
    """`week.end(zone)`, worked out once per week: every goal of a week is compared with it."""
    return week.end(zone)


def completed_by_week_end(goal: GoalDates, zone: ZoneInfo) -> bool:
    """Whether the goal was done by the end of F's week (an earlier goal that was is never 're-created')."""
    week = goal.fixed_week
    if not goal.completed or week is None:
        return False
    return goal.completed_at is None or goal.completed_at <= week_end(week, zone)


def scope_gids(conn: sqlite3.Connection, pod: str | None, client: str | None) -> set[str] | None:
    """The client gids the `--pod`/`--client` filters allow; None (every task) when there is no filter.

    None rather than every known client keeps a task whose client row is
    missing visible in unfiltered reports.
    """
    if pod is None and client is None:
        return None
    return set(clients_in_scope(conn, pod, client))


def client_clause(
    client_gids: Collection[str] | None, column: str = "t.client_gid"
) -> tuple[str, list[str]]:
    """An `AND … IN (…)` clause limiting a query to some clients, as one JSON parameter of any length."""
    if client_gids is None:
        return "", []
    return f" AND {column} IN (SELECT value FROM json_each(?))", [json.dumps(sorted(client_gids))]


def local_stamp(stamp: str | None, zone: ZoneInfo) -> datetime | None:
    """An Asana UTC timestamp as an aware datetime in the configured zone, for display."""
    value = parse_timestamp(stamp)
    return None if value is None else value.astimezone(zone)


def text_key(value: str | None) -> tuple[bool, str]:
    """Sort key for names: casefolded, missing names last."""
    return (value is None, (value or "").casefold())
