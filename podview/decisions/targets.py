"""What the decision form reads about the item a decision is about, before anything is typed.

The form (`podview.screens.decide`) names its target, prefills what it can
(a postponement starts a week after the current due date, a result from the
tactic's) and offers choices: a client's tactics, everyone's email with the
client's pod first. Each is one small query, run in the form's worker.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass


@dataclass(frozen=True)
class TaskFacts:
    """A task (weekly goal, tactic or other) as the form names it."""

    name: str | None
    kind: str | None
    due_on: str | None
    result: str | None
    """A tactic's recorded result: `win`, `loss`, `inconclusive`, or None while it runs."""
    confidence: float | None
    client: str | None
    """The client's name; None when the task has none."""


@dataclass(frozen=True)
class GoalFacts:
    """A 90-day goal as the form names it."""

    name: str | None
    current: float | None
    target: float | None
    status: str | None


@dataclass(frozen=True)
class ModuleFacts:
    """A training module as the form names it: whose, in which training project, due when."""

    name: str | None
    project: str | None
    assignee: str | None
    due_on: str | None
    completed: bool


@dataclass(frozen=True)
class TacticChoice:
    """One of a client's tactics, to record a result for."""

    gid: str
    name: str | None
    tactic: str | None
    """The tactic's kind (`Tactic` field), said when the task has no name."""
    result: str | None


def task_facts(conn: sqlite3.Connection, gid: str) -> TaskFacts | None:
    """The task and its client's name; None when the cache no longer has it."""
    row = conn.execute(
        "SELECT t.name, t.kind, t.due_on, t.result, t.confidence, c.name AS client FROM tasks t "
        "LEFT JOIN clients c ON c.gid = t.client_gid WHERE t.gid = ?",
        [gid],
    ).fetchone()
    return TaskFacts(**dict(row)) if row else None


def goal_facts(conn: sqlite3.Connection, gid: str) -> GoalFacts | None:
    """The goal's metric and Asana status; None when the cache no longer has it."""
    row = conn.execute(
        "SELECT name, current, target, status FROM goals WHERE gid = ?", [gid]
    ).fetchone()
    return GoalFacts(**dict(row)) if row else None


def module_facts(conn: sqlite3.Connection, gid: str) -> ModuleFacts | None:
    """The training module, its project and assignee; None when the cache no longer has it."""
    row = conn.execute(
        "SELECT m.name, p.name AS project, COALESCE(NULLIF(TRIM(u.name), ''), u.email) AS assignee, "
        "m.due_on, m.completed FROM training_modules m LEFT JOIN training_projects p ON p.gid = m.project_gid "
        "LEFT JOIN users u ON u.gid = m.assignee_gid WHERE m.gid = ?",
        [gid],
    ).fetchone()
    return ModuleFacts(**{**dict(row), "completed": bool(row["completed"])}) if row else None


def client_tactics(conn: sqlite3.Connection, client_gid: str) -> list[TacticChoice]:
    """The client's tactics, those still without a result first, open before completed, by name."""
    rows = conn.execute(
        "SELECT gid, name, tactic, result FROM tasks WHERE client_gid = ? AND kind = 'tactic' "
        "ORDER BY result IS NOT NULL, completed, name COLLATE NOCASE",
        [client_gid],
    )
    return [TacticChoice(**dict(row)) for row in rows]


def assignee_emails(conn: sqlite3.Connection, client_gid: str) -> list[str]:
    """Everyone's email, the client's pod first (an action item's assignee is typed as an email)."""
    rows = conn.execute(
        "SELECT u.email FROM users u WHERE u.email IS NOT NULL ORDER BY u.gid NOT IN "
        "(SELECT m.user_gid FROM pod_members m JOIN clients c ON c.pod_gid = m.pod_gid "
        "WHERE c.gid = ?), u.email",
        [client_gid],
    )
    return [row[0] for row in rows]


def user_email(conn: sqlite3.Connection, gid: str) -> str | None:
    """The user's email; None when the cache has no such user or no email for them."""
    row = conn.execute("SELECT email FROM users WHERE gid = ?", [gid]).fetchone()
    return row[0] if row is not None and row[0] else None
