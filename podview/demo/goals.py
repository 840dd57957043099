"""The demo's 90-day client goals and their status updates.

Each goal is built for a pacing status (cast.GOAL_KINDS): its window is set
relative to today and its current value is placed well inside that status's
band (metrics.md "90-day goal pacing"), so the status holds on any date.
"""

from __future__ import annotations

import math
from datetime import date, timedelta

from podview.demo import records
from podview.demo.model import Client
from podview.demo.wording import GOAL_STATUS_TEXT, METRICS, MONTHS, NO_METRIC_GOALS
from podview.demo.workspace import Workspace
from podview.sync.dump import Record

START_OFFSET = {
    "on_track": (-40, -20),
    "ending": (-76, -76),
    "at_risk": (-50, -40),
    "off_track": (-50, -50),
    "achieved": (-60, -60),
    "missed": (-100, -100),
    "not_started": (10, 10),
    "no_metric": (-30, -30),
}
"""Days from today to `start_on`, as a (low, high) range; every dated goal runs 90 days."""

PACE = {"on_track": 1.12, "ending": 1.06, "at_risk": 0.8, "off_track": 0.35, "quarter": 1.05}
"""progress ÷ expected a goal is built at: far enough from 0.9 and 0.7 for rounding."""

ASANA_STATUS = {
    "at_risk": "yellow",
    "off_track": "red",
    "achieved": "achieved",
    "missed": "missed",
    "no_metric": None,
}
UPDATE_TYPE = {
    "at_risk": "at_risk",
    "off_track": "off_track",
    "achieved": "achieved",
    "missed": "missed",
}
TOWARD_TARGET = ("on_track", "ending", "quarter", "achieved")
"""Kinds whose current value is rounded toward the target, so rounding never drops them a band."""

SHARED = ("Co-marketing challenge: {target:,.0f} sign-ups", "none", None, 0, 0.0, 500.0)


class Goals:
    """Adds Asana goals to client projects, remembering the quarter time periods it made."""

    def __init__(self, ws: Workspace) -> None:
        self.ws = ws
        self.periods: dict[date, Record] = {}

    def for_client(self, client: Client) -> None:
        """The plan's goals, each with a different metric."""
        keys = self.ws.rng.sample(sorted(METRICS), k=len(client.plan.goals))
        for kind, key in zip(client.plan.goals, keys, strict=True):
            goal = self.goal(client, kind, METRICS[key])
            if client.optimistic and kind == "off_track":
                goal["status"] = "green"

    def shared(self, first: Client, second: Client) -> Record:
        """One goal supported by two client projects, listed under both."""
        goal = self.goal(first, "on_track", SHARED)
        self.ws.dump["goals"][second.gid].append(goal)
        return goal

    def goal(self, client: Client, kind: str, metric: tuple) -> Record:
        """A goal record (GOAL_FIELDS) built to show pacing status `kind`."""
        ws, rng = self.ws, self.ws.rng
        start, due = self._dates(kind)
        with_period = rng.random() < 0.5
        period = (
            self._quarter() if kind == "quarter" or (with_period and kind != "no_dates") else None
        )
        template, unit, currency, precision, initial, target = metric
        owner = rng.choice(client.pod.managers)
        progress = self._progress(
            kind, start or _parse(period, "start_on"), due or _parse(period, "end_on")
        )
        gid = ws.gid()
        goal = {
            "gid": gid,
            "name": ws.words.choice(NO_METRIC_GOALS)
            if kind == "no_metric"
            else template.format(target=target),
            "owner": records.ref(owner),
            "start_on": None if start is None else start.isoformat(),
            "due_on": None if due is None else due.isoformat(),
            "status": ASANA_STATUS.get(kind, "green"),
            "time_period": None if period is None else dict(period),
            "metric": None
            if kind == "no_metric"
            else records.metric(
                ws.gid(),
                unit,
                currency,
                precision,
                initial,
                _value(
                    initial,
                    target,
                    progress,
                    precision + (2 if unit == "percentage" else 0),
                    kind in TOWARD_TARGET,
                ),
                target,
            ),
        }
        ws.dump["goals"][client.gid].append(goal)
        self._updates(goal, UPDATE_TYPE.get(kind, "on_track"), owner, optimistic=client.optimistic)
        return goal

    def _dates(self, kind: str) -> tuple[date | None, date | None]:
        if kind not in START_OFFSET:
            return None, None
        low, high = START_OFFSET[kind]
        start = self.ws.today + timedelta(days=self.ws.rng.randint(low, high))
        return start, start + timedelta(days=90)

    def _quarter(self) -> Record:
        """The calendar quarter holding today, one time period record per quarter."""
        today = self.ws.today
        start = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
        following = date(start.year + (start.month == 10), (start.month + 2) % 12 + 1, 1)
        if start not in self.periods:
            self.periods[start] = records.time_period(
                self.ws.gid(), start, following - timedelta(days=1)
            )
        return self.periods[start]

    def _progress(self, kind: str, start: date | None, due: date | None) -> float:
        """The progress (C − I) / (G − I) that puts the goal in its intended status today."""
        if kind == "achieved":
            return 1.04
        if kind == "missed":
            return 0.62
        if kind == "not_started" or start is None or due is None:
            return 0.0 if kind == "not_started" else 0.55
        total = (due - start).days
        expected = min(max((self.ws.today - start).days, 0), total) / total if total else 1.0
        return (
            min(0.97, expected * PACE[kind])
            if kind == "quarter"
            else expected * PACE.get(kind, 1.0)
        )

    def _updates(self, goal: Record, latest: str, owner: Record, *, optimistic: bool) -> None:
        """One or two goal status updates, newest first; an optimistic owner reports on track."""
        ws, rng = self.ws, self.ws.rng
        if optimistic and latest == "off_track":
            latest = "on_track"
        day = ws.today - timedelta(days=rng.randint(1, 10))
        kinds = [latest] + (["on_track"] if rng.random() < 0.5 else [])
        updates = ws.dump["status_updates"].setdefault(goal["gid"], [])
        for status_type in kinds:
            when = max(day, ws.first.monday)
            created = ws.at(when, 14 * 60, 18 * 60)
            title = f"Goal check-in — {MONTHS[when.month - 1][:3]} {when.day}"
            updates.append(
                records.status_update(
                    ws.gid(),
                    status_type,
                    title,
                    GOAL_STATUS_TEXT[status_type],
                    created,
                    owner,
                    goal,
                    "goal_status_update",
                )
            )
            day -= timedelta(days=rng.randint(14, 28))


def _parse(period: Record | None, key: str) -> date | None:
    return None if period is None else date.fromisoformat(period[key])


def _value(
    initial: float, target: float, progress: float, decimals: int, toward_target: bool
) -> float:
    """I + progress × (G − I) at the metric's precision, rounded toward G when asked."""
    exact = initial + progress * (target - initial)
    scale = 10**decimals
    if not toward_target:
        return round(exact, decimals)
    step = math.ceil if target > initial else math.floor
    return round(step(exact * scale - (1e-9 if target > initial else -1e-9)) / scale, decimals)
