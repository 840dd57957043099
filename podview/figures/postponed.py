"""The postponement ledger: every moved or re-created weekly goal, and the data problems found.

A growth review asks "who moves deadlines, and how?": sanctioned
postponements, silent moves and the "create a new task" loophole are listed
whatever their week (conventions.md "The deadline rule"). Field names are the
JSON keys of cli.md's `postponed` report.

Row orders: postponements and moves newest fixed deadline first; re-creations
newest first; problems by client, task name and problem. Ties fall back to
client, task name and gid, so the order is stable.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from itertools import groupby
from typing import Any
from zoneinfo import ZoneInfo

from podview.dates import local_date, parse_timestamp
from podview.figures.goals import (
    DEADLINE_MOVED,
    GOAL_COLUMNS,
    GOAL_JOINS,
    POSTPONED,
    WEEKLY_GOAL,
    GoalDates,
    client_clause,
    completed_by_week_end,
    local_stamp,
    scope_gids,
    text_key,
)

NO_DUE_DATE = "no due date"
"""Problem text of a weekly goal without a due date, which counts in no week."""


@dataclass(frozen=True)
class PostponedGoal:
    """A sanctioned postponement: D later than F with a reason (also within one week)."""

    task_gid: str
    name: str | None
    client: str | None
    pod: str | None
    assignee: str | None
    fixed_due_on: date
    due_on: date
    reason: str
    completed: bool


@dataclass(frozen=True)
class MovedGoal:
    """An unsanctioned move: D later than F without a valid postponement; it still counts in F's week."""

    task_gid: str
    name: str | None
    client: str | None
    pod: str | None
    assignee: str | None
    fixed_due_on: date
    due_on: date
    completed: bool


@dataclass(frozen=True)
class RecreatedGoal:
    """A goal created after an earlier same-named goal's deadline passed unmet; names the earliest one."""

    task_gid: str
    name: str | None
    client: str | None
    pod: str | None
    original_task_gid: str
    created_at: datetime | None


@dataclass(frozen=True)
class TaskProblem:
    """Something in a task podview could not read as the conventions expect."""

    task_gid: str
    name: str | None
    client: str | None
    problem: str


@dataclass(frozen=True)
class PostponedReport:
    """The `postponed` report's four lists."""

    postponed: list[PostponedGoal]
    deadline_moved: list[MovedGoal]
    recreated: list[RecreatedGoal]
    problems: list[TaskProblem]


def postponed_report(
    conn: sqlite3.Connection,
    *,
    today: date,
    zone: ZoneInfo,
    pod: str | None = None,
    client: str | None = None,
) -> PostponedReport:
    """The ledger within the `--pod`/`--client` filters.

    `today` is taken so that every report has the same signature; the ledger
    lists the cache as it is, whatever its week. Raises ScopeError when a
    filter names nothing in the cache.
    """
    gids = scope_gids(conn, pod, client)
    postponed, moved = moved_goals(conn, client_gids=gids)
    return PostponedReport(
        postponed=postponed,
        deadline_moved=moved,
        recreated=recreated_goals(conn, zone=zone, client_gids=gids),
        problems=task_problems(conn, client_gids=gids),
    )


_MOVED = f"""
SELECT {GOAL_COLUMNS} FROM tasks t {GOAL_JOINS}
WHERE t.kind = ? AND t.due_on > t.fixed_due_on
"""


def moved_goals(
    conn: sqlite3.Connection,
    *,
    client_gids: Collection[str] | None = None,
    fixed_span: tuple[date, date] | None = None,
) -> tuple[list[PostponedGoal], list[MovedGoal]]:
    """Every weekly goal whose D is later than F, split into sanctioned postponements and moves.

    `fixed_span` (first, last day) keeps only moves whose F falls in it, as
    the at-risk score counts those of the last four weeks.
    """
    extra, params = client_clause(client_gids)
    if fixed_span is not None:
        extra += " AND t.fixed_due_on BETWEEN ? AND ?"
        params += [day.isoformat() for day in fixed_span]
    postponed: list[PostponedGoal] = []
    moved: list[MovedGoal] = []
    for row in conn.execute(_MOVED + extra, [WEEKLY_GOAL, *params]):
        dates = GoalDates.from_row(row)
        common = {
            "task_gid": row["task_gid"],
            "name": row["name"],
            "client": row["client"],
            "pod": row["pod"],
            "assignee": row["assignee"],
            "fixed_due_on": dates.fixed_due_on,
            "due_on": dates.due_on,
            "completed": dates.completed,
        }
        if dates.kind == POSTPONED:
            postponed.append(PostponedGoal(**common, reason=(dates.postpone_reason or "").strip()))
        elif dates.kind == DEADLINE_MOVED:
            moved.append(MovedGoal(**common))
    postponed.sort(key=_ledger_order)
    moved.sort(key=_ledger_order)
    return postponed, moved


def _ledger_order(row: PostponedGoal | MovedGoal) -> tuple[Any, ...]:
    """Newest fixed deadline first: the latest moves are what a review discusses."""
    return (-row.fixed_due_on.toordinal(), text_key(row.client), text_key(row.name), row.task_gid)


_SAME_NAME = f"""
WITH repeated AS (
    SELECT client_gid, norm_name FROM tasks
    WHERE kind = ? AND norm_name IS NOT NULL {{extra}}
    GROUP BY client_gid, norm_name HAVING COUNT(*) > 1
)
SELECT {GOAL_COLUMNS} FROM repeated r
JOIN tasks t ON t.client_gid = r.client_gid AND t.norm_name = r.norm_name AND t.kind = ?
{GOAL_JOINS}
ORDER BY t.client_gid, t.norm_name
"""


def recreated_goals(
    conn: sqlite3.Connection, *, zone: ZoneInfo, client_gids: Collection[str] | None = None
) -> list[RecreatedGoal]:
    """Goals re-created after an earlier same-named goal of the client missed its deadline.

    SQL narrows the cache to the (client, normalized name) groups with more
    than one weekly goal; only those few rows are compared here.
    """
    extra, params = client_clause(client_gids, column="client_gid")
    rows = conn.execute(_SAME_NAME.format(extra=extra), [WEEKLY_GOAL, *params, WEEKLY_GOAL])
    found: list[RecreatedGoal] = []
    for _, group in groupby(rows, key=lambda row: (row["client_gid"], row["norm_name"])):
        found.extend(_recreations(list(group), zone))
    found.sort(key=_recreated_order)
    return found


RECURRING_WEEKS = 3
"""A name whose goals have F in this many distinct ISO weeks is a recurring goal, never re-created."""


def _recreations(group: list[sqlite3.Row], zone: ZoneInfo) -> list[RecreatedGoal]:
    """Within one same-named group, each goal created (local date) after an unmet earlier goal's F.

    Earlier means created earlier; the flag names the earliest such goal, the
    one whose deadline a chain of re-creations first escaped. A goal without
    a creation time cannot be placed in the chain and is left out.

    A recurring goal ("Send weekly client report" every week) is no loophole:
    each instance is a goal of its own week and a missed one already counts as
    missed, so a group whose fixed deadlines span three or more distinct ISO
    weeks flags nothing (conventions.md).
    """
    judged = {row["task_gid"]: GoalDates.from_row(row) for row in group}
    if len({dates.fixed_week for dates in judged.values() if dates.fixed_week}) >= RECURRING_WEEKS:
        return []
    created = sorted(
        (
            (stamp, row["task_gid"], row)
            for row in group
            if (stamp := parse_timestamp(row["created_at"]))
        ),
        key=lambda item: item[:2],
    )
    unmet = [
        (stamp, row, dates)
        for stamp, _, row in created
        if (dates := judged[row["task_gid"]]).fixed_due_on
        and not completed_by_week_end(dates, zone)
    ]
    found = []
    for stamp, _, later in created:
        day = local_date(stamp, zone)
        original = next(
            (row for since, row, dates in unmet if since < stamp and day > dates.fixed_due_on), None
        )
        if original is not None:
            found.append(_recreated(later, original["task_gid"], zone))
    return found


def _recreated(row: sqlite3.Row, original_gid: str, zone: ZoneInfo) -> RecreatedGoal:
    return RecreatedGoal(
        task_gid=row["task_gid"],
        name=row["name"],
        client=row["client"],
        pod=row["pod"],
        original_task_gid=original_gid,
        created_at=local_stamp(row["created_at"], zone),
    )


def _recreated_order(row: RecreatedGoal) -> tuple[Any, ...]:
    """Newest re-creation first."""
    stamp = -row.created_at.timestamp() if row.created_at else 0.0
    return (stamp, text_key(row.client), text_key(row.name), row.task_gid)


_PROBLEMS = """
SELECT tp.task_gid, t.name, c.name AS client, tp.problem FROM task_problems tp
CROSS JOIN tasks t ON t.gid = tp.task_gid
LEFT JOIN clients c ON c.gid = t.client_gid
WHERE 1 {extra}
UNION
SELECT t.gid, t.name, c.name AS client, ? FROM tasks t
LEFT JOIN clients c ON c.gid = t.client_gid
WHERE t.kind = ? AND t.due_on IS NULL {extra}
"""


def task_problems(
    conn: sqlite3.Connection, *, client_gids: Collection[str] | None = None
) -> list[TaskProblem]:
    """Problems the mapper recorded on any task, plus weekly goals without a due date (counted in no week).

    The CROSS JOIN keeps SQLite reading the few problem rows first instead of
    scanning every task.
    """
    extra, params = client_clause(client_gids)
    rows = conn.execute(_PROBLEMS.format(extra=extra), [*params, NO_DUE_DATE, WEEKLY_GOAL, *params])
    problems = [
        TaskProblem(row["task_gid"], row["name"], row["client"], row["problem"]) for row in rows
    ]
    problems.sort(
        key=lambda row: (text_key(row.client), text_key(row.name), row.task_gid, row.problem)
    )
    return problems


@dataclass(frozen=True)
class Original:
    """The goal a re-created one replaces, as the ledger names it."""

    name: str | None
    fixed_due_on: date | None
    """Its fixed deadline; its due date when the cache fixed none."""


def originals(conn: sqlite3.Connection, recreated: Iterable[RecreatedGoal]) -> dict[str, Original]:
    """The goals these re-created ones replace, by gid (one query, however many there are)."""
    gids = sorted({goal.original_task_gid for goal in recreated})
    rows = conn.execute(
        "SELECT gid, name, fixed_due_on, due_on FROM tasks "
        "WHERE gid IN (SELECT value FROM json_each(?))",
        [json.dumps(gids)],
    )
    return {
        row["gid"]: Original(row["name"], _day(row["fixed_due_on"] or row["due_on"]))
        for row in rows
    }


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text[:10]) if text else None
