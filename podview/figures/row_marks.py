"""What a weekly goal's row shows besides its outcome: overdue, and a decision about it still in the outbox.

Neither is an outcome of metrics.md: an overdue goal is still `open` in the
figures and the reports, and a postponement waiting in the outbox has not
moved anything in Asana yet. They are what a meeting needs to see on the row
all the same: which open goals are already past their day, and which ones
were decided on and only wait to be sent. The outbox is read once per load,
in one query on the state index, so screens can read it again after every
decision without the user noticing.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from podview.figures.goals import OPEN
from podview.figures.weekly import WeeklyGoal

UNSENT = ("pending", "failed", "conflict")
"""Outbox states of a decision that has not reached Asana and may still: it waits, or waits for the user."""
OVERDUE, POSTPONING, WAITING = "overdue", "postponing", "pending"
"""The row states these marks add to metrics.md's statuses (their words are podview/words.py's ROW_STATES)."""


@dataclass(frozen=True)
class Waiting:
    """A decision about one item, recorded in the outbox and not sent yet."""

    kind: str
    state: str
    to: date | None = None
    """A postponement's new due date."""


@dataclass(frozen=True)
class RowMarks:
    """Today, and the unsent decisions by the gid of the item they are about: what a goal row needs."""

    today: date
    waiting: Mapping[str, tuple[Waiting, ...]] = field(default_factory=dict)

    def status(self, goal: WeeklyGoal) -> str:
        """The state the row shows: `postponing` while a postponement waits, `overdue`, or the goal's status."""
        if self.postponing_to(goal) is not None:
            return POSTPONING
        return OVERDUE if is_overdue(goal, self.today) else goal.status

    def postponing_to(self, goal: WeeklyGoal) -> date | None:
        """The new due date of the latest postponement of `goal` waiting in the outbox, if any."""
        dates = [item.to for item in self.waiting.get(goal.task_gid, ()) if item.kind == "postpone"]
        return dates[-1] if dates else None

    def other_waiting(self, goal: WeeklyGoal) -> bool:
        """Whether some other decision (a comment) about `goal` waits in the outbox."""
        return any(item.kind != "postpone" for item in self.waiting.get(goal.task_gid, ()))


def is_overdue(goal: WeeklyGoal, today: date) -> bool:
    """An open goal whose deadline is before `today`.

    The deadline is the due date in force: the current one when the goal was
    carried over or postponed with a reason, the fixed one when it was moved
    without one (such a move does not save a goal, metrics.md).
    """
    if goal.status != OPEN:
        return False
    deadline = goal.fixed_due_on if goal.deadline_moved else goal.due_on
    deadline = deadline or goal.due_on or goal.fixed_due_on
    return deadline is not None and deadline < today


def row_marks(conn: sqlite3.Connection, today: date, *, with_outbox: bool = True) -> RowMarks:
    """Today's marks with every unsent decision by target, oldest first; `with_outbox` False leaves them out (a client watching)."""
    return RowMarks(today, waiting_by_target(conn) if with_outbox else {})


def waiting_by_target(conn: sqlite3.Connection) -> dict[str, tuple[Waiting, ...]]:
    """The decisions not sent yet (pending, failed, conflicting), by the gid of what they are about, oldest first."""
    rows = conn.execute(
        f"SELECT kind, state, target_gid, payload FROM decisions "
        f"WHERE state IN ({', '.join('?' * len(UNSENT))}) AND target_gid IS NOT NULL "
        "ORDER BY created_at, id",
        UNSENT,
    ).fetchall()
    found: dict[str, list[Waiting]] = {}
    for kind, state, gid, payload in rows:
        found.setdefault(gid, []).append(Waiting(kind, state, _new_due(kind, payload)))
    return {gid: tuple(items) for gid, items in found.items()}


def _new_due(kind: str, payload: str | None) -> date | None:
    """A postponement's `to` as a date; None for other kinds or a payload that does not say."""
    if kind != "postpone":
        return None
    try:
        return date.fromisoformat(json.loads(payload or "{}").get("to"))
    except (ValueError, TypeError, AttributeError):
        return None
