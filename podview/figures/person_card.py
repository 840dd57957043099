"""One person on one card: their week, their setbacks, tests, training and clients, read in one worker run.

Nothing here is counted anew: the person's row is People's own
(`people_report`), their goals are Weekly's rows (`goals_by_week`) picked by
the assignee People counts them for (`assigned_by_week`), their tests are
the tactics report's (`tactics_of`), their modules training.py's, their
re-created goals the ones People counts. So a card always adds up to its
row on the People screen.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, replace
from datetime import date
from zoneinfo import ZoneInfo

from podview.dates import Week
from podview.figures.common import ClientInfo, ScopeError, clients_in_scope
from podview.figures.goals import LATE, MISSED, POSTPONED
from podview.figures.people import Person, people_report, recreated_in
from podview.figures.postponed import RecreatedGoal
from podview.figures.row_marks import RowMarks, row_marks
from podview.figures.tactics import UserTactic, tactics_of
from podview.figures.training import Module, modules_of
from podview.figures.weekly import WeeklyGoal, assigned_by_week, goals_by_week

SETBACKS = (MISSED, LATE, POSTPONED)
"""The statuses of a weekly goal that did not land in its week (a moved deadline is a setback too)."""


@dataclass(frozen=True)
class Setback:
    """A goal of the window that was missed, late, postponed, moved or re-created, with its reason."""

    week: str
    task_gid: str
    name: str | None
    client: str | None
    what: str
    """`missed`, `late`, `postponed`, `deadline_moved` or `recreated`."""
    reason: str | None = None
    """The `Postpone reason` typed in Asana (postponed goals)."""


@dataclass(frozen=True)
class ActionItem:
    """An open action item assigned to the person."""

    task_gid: str
    name: str | None
    client: str | None
    due_on: date | None
    overdue: bool


@dataclass(frozen=True)
class PersonCard:
    """What the person card shows."""

    person: Person
    window: list[str]
    """The ISO weeks People counts over, oldest first."""
    since: date
    """Tests completed (or created) on or after this day are theirs here, as on People."""
    weeks: list[tuple[Week, list[WeeklyGoal]]]
    """This week's goals, then last week's."""
    setbacks: list[Setback]
    actions: list[ActionItem]
    tactics: list[UserTactic]
    modules: list[Module]
    clients: list[ClientInfo]
    marks: RowMarks


def person_card(
    conn: sqlite3.Connection,
    user_gid: str,
    *,
    today: date,
    zone: ZoneInfo,
    confidence: float = 95.0,
    weeks: int = 4,
) -> PersonCard:
    """Everything the card shows of one person; raises ScopeError when People has no row for them."""
    current = Week.of(today)
    window = [current.shift(-back) for back in range(weeks, 0, -1)]
    shown = [current, current.shift(-1)]
    span = sorted(set(window) | set(shown))
    assigned = assigned_by_week(conn, span, today=today, zone=zone)
    report = people_report(
        conn, today=today, zone=zone, weeks=weeks, confidence=confidence, trend=False, assigned=assigned
    )
    person = next((row for row in report.people if row.user_gid == user_gid), None)
    if person is None:
        raise ScopeError(f"no person with gid {user_gid!r} in the cache")
    mine = {week: {row.task_gid for row in rows if row.assignee_gid == user_gid} for week, rows in assigned.items()}
    served = {row.client_gid for week in window for row in assigned[week] if row.assignee_gid == user_gid}
    wanted = {row.client_gid for rows in assigned.values() for row in rows if row.assignee_gid == user_gid}
    goals = goals_by_week(conn, span, today=today, zone=zone, client_gids=wanted)
    theirs = {week: [goal for goal in goals[week] if goal.task_gid in mine[week]] for week in span}
    clients = clients_in_scope(conn)
    tactics = tactics_of(conn, user_gid, since=report.since, confidence=confidence, zone=zone)
    served |= {tactic.client_gid for tactic in tactics}
    recreated = recreated_in(conn, window, zone).get(user_gid, [])
    return PersonCard(
        person=person,
        window=report.weeks,
        since=report.since,
        weeks=[(week, theirs[week]) for week in shown],
        setbacks=_setbacks(conn, window, theirs, recreated),
        actions=open_actions(conn, user_gid, today),
        tactics=tactics,
        modules=modules_of(conn, user_gid, today=today, zone=zone),
        clients=sorted((clients[gid] for gid in served if gid in clients), key=lambda c: (c.name.casefold(), c.gid)),
        marks=row_marks(conn, today),
    )


def _setbacks(
    conn: sqlite3.Connection, window: list[Week], theirs: dict[Week, list[WeeklyGoal]], recreated: list[RecreatedGoal]
) -> list[Setback]:
    """The window's setbacks, newest week first: each goal by its status, a moved deadline, then the re-created ones."""
    found = []
    for week in reversed(window):
        for goal in theirs[week]:
            if goal.status in SETBACKS:
                found.append(Setback(week.name, goal.task_gid, goal.name, goal.client, goal.status))
            if goal.deadline_moved and not goal.carried_over:
                found.append(Setback(week.name, goal.task_gid, goal.name, goal.client, "deadline_moved"))
    for goal in sorted(recreated, key=lambda goal: goal.created_at, reverse=True):
        week = Week.of(goal.created_at.date()).name
        found.append(Setback(week, goal.task_gid, goal.name, goal.client, "recreated"))
    reasons = _reasons(conn, [item.task_gid for item in found if item.what == POSTPONED])
    return [replace(item, reason=reasons.get(item.task_gid)) if item.what == POSTPONED else item for item in found]


def _reasons(conn: sqlite3.Connection, gids: list[str]) -> dict[str, str]:
    """The `Postpone reason` of each task (those without one left out)."""
    found: dict[str, str] = {}
    for start in range(0, len(gids), 500):
        chunk = gids[start : start + 500]
        query = f"SELECT gid, postpone_reason FROM tasks WHERE gid IN ({','.join('?' * len(chunk))})"
        found.update({row["gid"]: row["postpone_reason"] for row in conn.execute(query, chunk) if row["postpone_reason"]})
    return found


def open_actions(conn: sqlite3.Connection, user_gid: str, today: date) -> list[ActionItem]:
    """The person's action items not done yet, the oldest due first (those without a due date last)."""
    rows = conn.execute(
        "SELECT t.gid, t.name, c.name AS client, t.due_on FROM tasks t LEFT JOIN clients c ON c.gid = t.client_gid "
        "WHERE t.kind = 'action_item' AND t.assignee_gid = ? AND NOT t.completed "
        "ORDER BY t.due_on IS NULL, t.due_on, t.name COLLATE NOCASE, t.gid",
        [user_gid],
    )
    found = []
    for row in rows:
        due = date.fromisoformat(row["due_on"]) if row["due_on"] else None
        found.append(ActionItem(row["gid"], row["name"], row["client"], due, due is not None and due < today))
    return found
