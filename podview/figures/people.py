"""People, the God-view of staff (metrics.md, "People"): one row per person, coaching signals, habits.

Every figure is taken from the figure that already defines it, so People can
never disagree with the other reports: weekly rows are the weekly report's
rows (weekly.py), tactics the tactics report's `by_designer` tallies
(tactics.py), re-creations the postponed report's list (postponed.py);
training.py counts the modules and habits.py compares the top half by hit
rate with the rest. People are keyed by user gid.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field, fields
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from podview.dates import Week
from podview.figures.common import ScopeError, local_day, ratio, user_names
from podview.figures.goals import HIT, LATE, MISSED, POSTPONED
from podview.figures.habits import habits
from podview.figures.members import pod_members
from podview.figures.postponed import RecreatedGoal, recreated_goals
from podview.figures.tactics import TallyRow, tactics_by_user
from podview.figures.training import Training, training_by_user
from podview.figures.weekly import AssignedGoal, assigned_by_week

TREND_WEEKS = 12
"""How many ended weeks the hit-rate trend shows."""

WEEKS_ALLOWED = range(1, 17)
"""`--weeks N`: 1 to 16 ended weeks."""

COACH_SIGNALS = (
    "hit_rate_low",
    "deadline_moved",
    "postpones_often",
    "plans_late",
    "losing_tests",
    "training_overdue",
    "training_score_low",
)
"""The coaching signals in metrics.md's order."""


@dataclass
class PersonWeekly:
    """A person's weekly goals over the window, and their hit rate in each of the last 12 ended weeks."""

    goals: int = 0
    hit: int = 0
    late: int = 0
    missed: int = 0
    postponed: int = 0
    hit_rate: float | None = None
    deadline_moved: int = 0
    recreated: int = 0
    planned_by_monday: float | None = None
    trend: list[float | None] = field(default_factory=list)


@dataclass
class PersonTactics:
    """A person's row of the tactics report's `by_designer`, without the name."""

    running: int = 0
    win: int = 0
    loss: int = 0
    inconclusive: int = 0
    win_rate: float | None = None
    win_rate_ci: list[float] | None = None


@dataclass
class Person:
    """One row of the `people` report."""

    user_gid: str
    name: str
    pods: list[str]
    clients: int
    weekly: PersonWeekly
    tactics: PersonTactics
    training: Training
    coach: list[str]


@dataclass
class PeopleReport:
    """The `people` report: the window, the tactics settings, the rows and the habits of the rows shown."""

    weeks: list[str]
    since: date
    confidence: float
    people: list[Person]
    habits: dict[str, dict[str, float | None]]


@dataclass
class _Tally:
    """What the weekly rows of one person add up to, before the rates are taken."""

    statuses: dict[str, int] = field(default_factory=dict)
    moved: int = 0
    planned: int = 0
    judged: int = 0
    clients: set[str] = field(default_factory=set)


def people_report(
    conn: sqlite3.Connection,
    *,
    today: date,
    zone: ZoneInfo,
    weeks: int = 4,
    since: date | None = None,
    confidence: float = 95.0,
    pod: str | None = None,
    trend: bool = True,
    assigned: dict[Week, list[AssignedGoal]] | None = None,
) -> PeopleReport:
    """Every pod member, and every assignee in no pod with a counted row, over the last `weeks` ended weeks.

    `since` defaults to the tactics report's (today − 90 days). `pod` keeps the
    people of that pod (name, ignoring case, or gid); the habits are those of
    the rows kept. `trend=False` leaves each trend empty and reads only the
    window's weeks (Home and the stand-up need the signals, not twelve weeks
    of trend). `assigned` is `assigned_by_week` already read for these weeks
    (a person card reads it anyway), so it is not read twice. Raises ScopeError when `pod` names no pod, ValueError when
    `weeks` is outside 1–16.
    """
    if weeks not in WEEKS_ALLOWED:
        raise ValueError(f"weeks must be from 1 to 16, got {weeks}")
    since = since or today - timedelta(days=90)
    current = Week.of(today)
    window = [current.shift(-back) for back in range(weeks, 0, -1)]
    trend_weeks = [current.shift(-back) for back in range(TREND_WEEKS, 0, -1)] if trend else []
    wanted = sorted(set(window) | set(trend_weeks))
    if assigned is not None and all(week in assigned for week in wanted):
        rows = assigned
    else:
        rows = assigned_by_week(conn, wanted, today=today, zone=zone)
    tallies = _weekly_tallies(window, rows, zone)
    rates = {week: _hit_rates(rows[week]) for week in trend_weeks}
    tactics = tactics_by_user(conn, since=since, confidence=confidence, zone=zone)
    recreated = _recreated_by_user(conn, window, zone)
    training = training_by_user(conn, today=today, zone=zone)
    people = []
    for gid, name, pods in _who(conn, tallies, tactics, pod):
        tally = tallies.get(gid, _Tally())
        designer, served = tactics.get(gid, (TallyRow(name), set()))
        person = Person(
            user_gid=gid,
            name=name,
            pods=pods,
            clients=len(tally.clients | served),
            weekly=_weekly(tally, recreated.get(gid, 0), [rates[week].get(gid) for week in trend_weeks]),
            tactics=PersonTactics(**{key.name: getattr(designer, key.name) for key in fields(PersonTactics)}),
            training=training.get(gid, Training()),
            coach=[],
        )
        person.coach = coaching(person)
        people.append(person)
    return PeopleReport(
        weeks=[week.name for week in window],
        since=since,
        confidence=confidence,
        people=people,
        habits=habits(people, weeks),
    )


def coaching(person: Person) -> list[str]:
    """The coaching signals that fire for `person`, in metrics.md's order; a null input fires nothing."""
    weekly, training = person.weekly, person.training
    high = person.tactics.win_rate_ci[1] if person.tactics.win_rate_ci else None
    checks = (
        ("hit_rate_low", weekly.hit_rate is not None and weekly.hit_rate < 0.7),
        ("deadline_moved", weekly.deadline_moved + weekly.recreated >= 1),
        ("postpones_often", weekly.postponed >= 3),
        ("plans_late", weekly.planned_by_monday is not None and weekly.planned_by_monday < 0.5),
        ("losing_tests", high is not None and high < 0.5),
        ("training_overdue", training.overdue >= 1),
        ("training_score_low", training.avg_score is not None and training.avg_score < 70),
    )
    return [signal for signal, fires in checks if fires]


def _weekly_tallies(window: list[Week], rows: dict[Week, list[AssignedGoal]], zone: ZoneInfo) -> dict[str, _Tally]:
    """Each assignee's weekly rows over the window; unassigned rows count for nobody.

    A row whose task has no creation time cannot say whether it was set by
    Monday, so it is left out of `planned_by_monday` (not counted as late).
    """
    tallies: dict[str, _Tally] = {}
    for week in window:
        for goal in rows[week]:
            if goal.assignee_gid is None:
                continue
            tally = tallies.setdefault(goal.assignee_gid, _Tally())
            tally.statuses[goal.status] = tally.statuses.get(goal.status, 0) + 1
            tally.clients.add(goal.client_gid)
            if goal.carried_over:
                continue
            tally.moved += goal.deadline_moved
            day = local_day(goal.created_at, zone)
            if day is not None:
                tally.judged += 1
                tally.planned += day <= week.monday
    return tallies


def _weekly(tally: _Tally, recreated: int, trend: list[float | None]) -> PersonWeekly:
    count = tally.statuses.get
    hit, late, missed = count(HIT, 0), count(LATE, 0), count(MISSED, 0)
    return PersonWeekly(
        goals=sum(tally.statuses.values()),
        hit=hit,
        late=late,
        missed=missed,
        postponed=count(POSTPONED, 0),
        hit_rate=ratio(hit, hit + late + missed),
        deadline_moved=tally.moved,
        recreated=recreated,
        planned_by_monday=ratio(tally.planned, tally.judged),
        trend=trend,
    )


def _hit_rates(rows: list[AssignedGoal]) -> dict[str, float | None]:
    """Each assignee's hit rate in one week (None for a week without a decided row)."""
    counts: dict[str, list[int]] = {}
    for goal in rows:
        if goal.assignee_gid is not None:
            hit_decided = counts.setdefault(goal.assignee_gid, [0, 0])
            hit_decided[0] += goal.status == HIT
            hit_decided[1] += goal.status in (HIT, LATE, MISSED)
    return {gid: ratio(hit, decided) for gid, (hit, decided) in counts.items()}


def _recreated_by_user(conn: sqlite3.Connection, window: list[Week], zone: ZoneInfo) -> dict[str, int]:
    """How many of each assignee's goals in the postponed report's `recreated` list were created in the window."""
    return {gid: len(goals) for gid, goals in recreated_in(conn, window, zone).items()}


def recreated_in(conn: sqlite3.Connection, window: list[Week], zone: ZoneInfo) -> dict[str, list[RecreatedGoal]]:
    """Each assignee's goals in the postponed report's `recreated` list created in the window (what `recreated` counts)."""
    first, last = window[0].monday, window[-1].sunday
    goals = {
        goal.task_gid: goal
        for goal in recreated_goals(conn, zone=zone)
        if goal.created_at is not None and first <= goal.created_at.date() <= last
    }
    gids = list(goals)
    found: dict[str, list[RecreatedGoal]] = {}
    for start in range(0, len(gids), 500):
        chunk = gids[start : start + 500]
        query = f"SELECT gid, assignee_gid FROM tasks WHERE assignee_gid IS NOT NULL AND gid IN ({','.join('?' * len(chunk))})"
        for row in conn.execute(query, chunk):
            found.setdefault(row["assignee_gid"], []).append(goals[row["gid"]])
    return found


def _who(
    conn: sqlite3.Connection, tallies: dict[str, _Tally], tactics: dict, pod: str | None
) -> list[tuple[str, str, list[str]]]:
    """(gid, name, pods) of every person with a row, by name ignoring case, then gid.

    Pod members always; an assignee in no pod only through a weekly row of
    the window or an in-scope tactic. With `pod`, that pod's members only.
    """
    if pod is not None:
        _check_pod(conn, pod)
    members = {member.gid: member for member in pod_members(conn, pod)}
    if pod is not None:
        everyone = {member.gid: member for member in pod_members(conn)}
        found = [(gid, m.name, _sorted(everyone[gid].pods)) for gid, m in members.items()]
    else:
        names = user_names(conn)
        found = [(gid, m.name, _sorted(m.pods)) for gid, m in members.items()]
        outside = {gid for gid in [*tallies, *tactics] if gid is not None and gid not in members}
        found.extend((gid, names.get(gid) or gid, []) for gid in outside)
    return sorted(found, key=lambda person: (person[1].casefold(), person[0]))


def _sorted(pods: tuple[str, ...]) -> list[str]:
    return sorted(pods, key=lambda name: (name.casefold(), name))


def _check_pod(conn: sqlite3.Connection, pod: str) -> None:
    """A `--pod` that names no pod is an error listing the pods there are."""
    rows = conn.execute("SELECT gid, name FROM pods").fetchall()
    wanted = pod.strip()
    if not any(wanted == row["gid"] or wanted.casefold() == (row["name"] or "").strip().casefold() for row in rows):
        names = sorted((row["name"] or row["gid"] for row in rows), key=str.casefold)
        raise ScopeError(f"no pod named {pod!r}; pods in the cache: {', '.join(names) or 'none'}")
