"""90-day goal pacing (metrics.md, "90-day goal pacing").

Asana's own goal status is what someone last typed; pacing says where the
metric stands against the time used. Both are shown side by side, the computed
status never replacing Asana's.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import date, timedelta

from podview.figures.common import ClientInfo, clients_in_scope

DEFAULT_WINDOW = timedelta(days=90)
"""How far before its due date a goal without any start is taken to start."""


@dataclass(frozen=True)
class Pace:
    """The computed figures of one goal, unrounded; `pace` is what the status thresholds saw."""

    status: str
    progress: float | None = None
    expected: float | None = None
    pace: float | None = None
    projected: float | None = None
    days_left: int | None = None


@dataclass
class GoalPacing:
    """One row of the `pacing` report: a goal as seen from one client it supports."""

    goal_gid: str
    name: str | None
    client: str
    client_gid: str
    pod: str | None
    start_on: date | None
    due_on: date | None
    initial: float | None
    current: float | None
    target: float | None
    unit: str | None
    progress: float | None
    expected: float | None
    pace: float | None
    projected: float | None
    days_left: int | None
    status: str
    asana_status: str | None


@dataclass
class PacingReport:
    """The `pacing` report."""

    goals: list[GoalPacing] = field(default_factory=list)


def effective_window(
    start_on: date | None,
    due_on: date | None,
    period_start: date | None = None,
    period_end: date | None = None,
) -> tuple[date | None, date | None]:
    """The goal's S and U: its own dates, else its time period's, else S = U − 90 days.

    (None, None) when there is no due date and no period end: the goal has
    no dates. A start later than the due date is pulled back to it, so that
    a goal never has a negative length.
    """
    due = due_on or period_end
    if due is None:
        return None, None
    start = start_on or period_start or due - DEFAULT_WINDOW
    return min(start, due), due


def goal_pace(
    start: date | None,
    due: date | None,
    initial: float | None,
    current: float | None,
    target: float | None,
    has_metric: bool,
    today: date,
    on_track: float = 0.9,
    at_risk: float = 0.7,
) -> Pace:
    """Compute one goal's figures and status from its effective window (S, U) and metric (I, C, G).

    Pace is computed as one division, (C − I)·total / ((G − I)·elapsed), so
    that a pace exactly at a threshold (say 45 of 100 halfway) compares equal
    to it instead of landing a rounding error below. A goal without dates is
    `no dates` even when it has no metric either (nothing can be computed);
    a metric lacking its initial, current or target value counts as no metric.
    """
    if start is None or due is None:
        return Pace(status="no dates")
    total = (due - start).days
    elapsed = min(max((today - start).days, 0), total)
    expected = elapsed / total if total else 1.0
    days_left = max(0, (due - today).days)
    if not has_metric or initial is None or current is None or target is None:
        return Pace(status="no metric", expected=expected, days_left=days_left)
    progress = _progress(initial, current, target)
    pace = _pace(initial, current, target, progress, total, elapsed)
    projected = initial + (current - initial) * total / elapsed if elapsed else None
    status = _status(today, start, due, progress, pace, on_track, at_risk)
    return Pace(status, progress, expected, pace, projected, days_left)


def pacing_report(
    conn: sqlite3.Connection,
    *,
    today: date,
    on_track: float = 0.9,
    at_risk: float = 0.7,
    pod: str | None = None,
    client: str | None = None,
) -> PacingReport:
    """One row per (goal, client) for the goals the clients in scope support.

    Rows come client by client (in scope order: name, then gid), and within a
    client by effective due date (no dates last), goal name ignoring case,
    goal gid. Raises ScopeError when `pod` or `client` names nothing.
    """
    clients = clients_in_scope(conn, pod, client)
    rows = [
        _pacing_row(row, clients[row["client_gid"]], today, on_track, at_risk)
        for row in _goal_rows(conn)
        if row["client_gid"] in clients
    ]
    position = {gid: index for index, gid in enumerate(clients)}
    rows.sort(key=lambda r: (position[r.client_gid], *_goal_order(r)))
    return PacingReport(goals=rows)


def _goal_order(row: GoalPacing) -> tuple[bool, date, str, int, str]:
    """Soonest due first, goals without dates last; then name, then gid (numerically)."""
    return (
        row.due_on is None,
        row.due_on or date.min,
        (row.name or "").casefold(),
        len(row.goal_gid),
        row.goal_gid,
    )


def _pacing_row(
    row: sqlite3.Row, info: ClientInfo, today: date, on_track: float, at_risk: float
) -> GoalPacing:
    """A cached goal row as one client's report row, its ratios rounded to 4 decimals."""
    start, due = effective_window(
        _day(row["start_on"]),
        _day(row["due_on"]),
        _day(row["period_start"]),
        _day(row["period_end"]),
    )
    initial, current, target = row["initial"], row["current"], row["target"]
    pace = goal_pace(
        start, due, initial, current, target, bool(row["has_metric"]), today, on_track, at_risk
    )
    return GoalPacing(
        goal_gid=row["gid"],
        name=row["name"],
        client=info.name,
        client_gid=info.gid,
        pod=info.pod,
        start_on=start,
        due_on=due,
        initial=initial,
        current=current,
        target=target,
        unit=row["unit"],
        progress=_round(pace.progress),
        expected=_round(pace.expected),
        pace=_round(pace.pace),
        projected=_round(pace.projected),
        days_left=pace.days_left,
        status=pace.status,
        asana_status=row["status"],
    )


def _progress(initial: float, current: float, target: float) -> float:
    """Share of the way from I to G, for falling targets too; with G = I, done only at G."""
    if target == initial:
        return 1.0 if current == target else 0.0
    return (current - initial) / (target - initial)


def _pace(
    initial: float, current: float, target: float, progress: float, total: int, elapsed: int
) -> float | None:
    """progress / expected, None when nothing is expected yet (the start day)."""
    if total == 0:
        return progress
    if elapsed == 0:
        return None
    if target == initial:
        return progress * total / elapsed
    return (current - initial) * total / ((target - initial) * elapsed)


def _status(
    today: date,
    start: date,
    due: date,
    progress: float,
    pace: float | None,
    on_track: float,
    at_risk: float,
) -> str:
    """metrics.md's status table below `no metric`, first match wins."""
    if today < start:
        return "not started"
    if progress >= 1:
        return "achieved"
    if today > due:
        return "missed"
    if pace is None or pace >= on_track:
        return "on track"
    if pace >= at_risk:
        return "at risk"
    return "off track"


def _goal_rows(conn: sqlite3.Connection) -> list[sqlite3.Row]:
    return conn.execute(
        "SELECT g.gid, g.name, g.start_on, g.due_on, g.status, g.has_metric, g.unit, "
        "g.initial, g.current, g.target, gc.client_gid, "
        "tp.start_on AS period_start, tp.end_on AS period_end "
        "FROM goals g JOIN goal_clients gc ON gc.goal_gid = g.gid "
        "LEFT JOIN time_periods tp ON tp.gid = g.time_period_gid"
    ).fetchall()


def _day(text: str | None) -> date | None:
    """A cached `YYYY-MM-DD` (or longer ISO) date; None when empty or unreadable."""
    if not text:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)
