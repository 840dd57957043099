"""The decision form's model: the item decided on, the decisions it takes, what the form says.

Plain data and the words the form shows; `DecideMenu` and `DecideScreen`
(podview.screens.decide) draw them. The form's worker calls `load_about`,
which reads the cache through `podview.decisions.targets`.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from podview.cache import holds_demo
from podview.date_words import day
from podview.decisions.common import DecisionError, Problem
from podview.decisions.meetings import open_meeting
from podview.decisions.targets import (
    assignee_emails,
    client_tactics,
    goal_facts,
    module_facts,
    task_facts,
)
from podview.decisions.validate import INPUTS, TARGET_KEY
from podview.screens.requests import Target
from podview.widgets.decision_form import FIELDS, Field

TITLES = {
    "postpone": "Postpone this {what}",
    "comment": "Comment on this {what}",
    "result": "Record a tactic's result",
    "status": "Post a client status update",
    "action": "Add an action item for the client",
    "goal": "Update this 90-day goal",
    "reminder": "Remind them to finish this {what}",
}
WHAT = {
    "weekly_goal": "weekly goal",
    "action_item": "action item",
    "tactic": "tactic",
    "task": "task",
    "client": "client",
    "goal": "90-day goal",
    "training_module": "training module",
}


def title_for(kind: str, target: Target) -> str:
    """The form's title, naming what the selected item is (a comment goes on any task)."""
    return TITLES[kind].format(what=WHAT.get(target.kind, "task"))


@dataclass(frozen=True)
class About:
    """What the form says about its target and meeting, and what it can prefill or offer."""

    lines: list[str]
    prefill: dict[str, str] = field(default_factory=dict)
    choices: list[tuple[str, str]] = field(default_factory=list)
    """The tactics to pick from, when a result is recorded from a client."""
    people: list[str] = field(default_factory=list)
    demo: bool = False
    """The cache is the demo agency's: saved decisions stay in the outbox."""


@dataclass(frozen=True)
class Invalid:
    """Validation refused the input; each problem names its field and the fix."""

    problems: tuple[Problem, ...]

    @classmethod
    def of(cls, error: DecisionError) -> Invalid:
        """Every problem a refusal names (a refusal that is not validation's is one problem)."""
        return cls(getattr(error, "problems", None) or (Problem(None, str(error)),))


def fields_for(kind: str, target: Target) -> tuple[Field, ...]:
    """The form's fields: the kind's own, plus a tactic picker when a result starts from a client."""
    fields = FIELDS[kind]
    if TARGET_KEY[kind] == "task" and target.kind == "client":
        picker = Field("task", "Tactic", "choice", "Choose one of the client's tactics…")
        return (picker, *fields)
    return fields


def inputs_for(kind: str, target: Target, values: dict[str, str | None]) -> dict[str, Any]:
    """`validate.INPUTS[kind]` from the form's values and the target (unless the form picked it)."""
    inputs = {key: values.get(key) for key in INPUTS[kind] if key in values}
    inputs.setdefault(TARGET_KEY[kind], target.gid)
    return inputs


def load_about(
    conn: sqlite3.Connection, kind: str, target: Target, today: date, *, meeting: bool = True
) -> About:
    """Describe the target and the open meeting, and find prefills and choices (worker thread).

    `meeting=False` leaves the open meeting out: an edited decision keeps the one it was made in.
    """
    lines, prefill, choices, people = [], {}, [], []
    if target.kind in ("weekly_goal", "action_item", "tactic", "task"):
        lines.append(_task_line(conn, target, prefill, today))
    elif target.kind == "goal":
        lines.append(_goal_line(conn, target))
    elif target.kind == "training_module":
        lines.append(_module_line(conn, target, prefill, today))
    else:
        lines.append(f"Client {target.label}")
        if kind == "result":
            choices = _tactics(conn, target.gid)
        if kind == "action":
            people = assignee_emails(conn, target.gid)
    if meeting:
        lines.append(_meeting_line(conn))
    if kind == "postpone" and "due" in prefill:
        prefill = {"to": (date.fromisoformat(prefill["due"]) + timedelta(days=7)).isoformat()}
    return About(
        lines, prefill if kind in ("postpone", "result", "reminder") else {}, choices, people, holds_demo(conn)
    )


def _meeting_line(conn: sqlite3.Connection) -> str:
    meeting = open_meeting(conn)
    if meeting is None:
        return "No meeting is open: it is recorded on its own."
    return f"Joins the open meeting: {meeting.title}"


def _task_line(conn: sqlite3.Connection, target: Target, prefill: dict[str, str], today: date) -> str:
    task = task_facts(conn, target.gid)
    if task is None:
        return f"Task {target.gid} is no longer in the cache."
    what = WHAT.get(task.kind, "task").capitalize()
    due = f" · due {day(date.fromisoformat(task.due_on), today)}" if task.due_on else ""
    if task.due_on:
        prefill["due"] = task.due_on
    if task.result:
        prefill["result"] = task.result
    return f"{what} “{task.name}” · {task.client or 'no client'}{due}"


def _module_line(conn: sqlite3.Connection, target: Target, prefill: dict[str, str], today: date) -> str:
    """The module, whose and where; a reminder is due on the module's own date, or a week on when that is past."""
    module = module_facts(conn, target.gid)
    if module is None:
        return f"Training module {target.gid} is no longer in the cache."
    own_due = module.due_on if module.due_on and module.due_on >= today.isoformat() else None
    prefill["due"] = own_due or (today + timedelta(days=7)).isoformat()
    due = f" · due {day(date.fromisoformat(module.due_on), today)}" if module.due_on else ""
    done = " · completed" if module.completed else ""
    return f"Training module “{module.name}” · {module.assignee or 'nobody'} · {module.project}{due}{done}"


def _goal_line(conn: sqlite3.Connection, target: Target) -> str:
    goal = goal_facts(conn, target.gid)
    if goal is None:
        return f"Goal {target.gid} is no longer in the cache."
    now = "no metric" if goal.current is None else f"now {goal.current:,g}"
    of = "" if goal.target is None else f" of {goal.target:,g}"
    return f"90-day goal “{goal.name}” · {now}{of}"


def _tactics(conn: sqlite3.Connection, client_gid: str) -> list[tuple[str, str]]:
    """The client's tactics to pick from, those still without a result first."""
    return [
        (f"{t.name or t.tactic or 'tactic'} · {t.result or 'running'}", t.gid)
        for t in client_tactics(conn, client_gid)
    ]
