"""Training modules per person (metrics.md, People: "Training").

Each top-level task of a training project assigned to someone is one of
their modules; the sync keeps one row per task (a task in two training
projects is one module) and none for subtasks, so what is left here is
counting, and reading a module's due date as the day it is due locally.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date
from zoneinfo import ZoneInfo

from podview.figures.common import local_day, ratio


@dataclass
class Training:
    """One person's modules: how many, passed, overdue, the share passed and the mean test score."""

    assigned: int = 0
    completed: int = 0
    overdue: int = 0
    completion: float | None = None
    avg_score: float | None = None


def training_by_user(conn: sqlite3.Connection, *, today: date, zone: ZoneInfo) -> dict[str, Training]:
    """Every assignee's training, keyed by user gid; unassigned modules count for nobody.

    A module is overdue when it is not completed and due before today; one
    with only `due_at` is due on that moment's local date, one without a due
    date is never overdue. The mean score is over completed modules that
    have one.
    """
    found: dict[str, Training] = {}
    scores: dict[str, list[float]] = {}
    rows = conn.execute(
        "SELECT assignee_gid, completed, due_on, due_at, score FROM training_modules WHERE assignee_gid IS NOT NULL"
    )
    for row in rows:
        person = found.setdefault(row["assignee_gid"], Training())
        person.assigned += 1
        if row["completed"]:
            person.completed += 1
            if row["score"] is not None:
                scores.setdefault(row["assignee_gid"], []).append(row["score"])
            continue
        if is_overdue(row, today, zone):
            person.overdue += 1
    for gid, person in found.items():
        person.completion = ratio(person.completed, person.assigned)
        marks = scores.get(gid)
        person.avg_score = round(sum(marks) / len(marks), 4) if marks else None
    return found


@dataclass(frozen=True)
class Module:
    """One training module of one person, as their card lists it."""

    task_gid: str
    name: str | None
    project: str | None
    completed: bool
    overdue: bool
    due: date | None
    score: float | None


def modules_of(conn: sqlite3.Connection, user_gid: str, *, today: date, zone: ZoneInfo) -> list[Module]:
    """The person's modules, the ones still to do first (by due date), then the passed ones; overdue as `training_by_user` counts it."""
    rows = conn.execute(
        "SELECT m.gid, m.name, p.name AS project, m.completed, m.due_on, m.due_at, m.score "
        "FROM training_modules m LEFT JOIN training_projects p ON p.gid = m.project_gid "
        "WHERE m.assignee_gid = ?",
        [user_gid],
    )
    found = [
        Module(
            row["gid"], row["name"], row["project"], bool(row["completed"]),
            not row["completed"] and is_overdue(row, today, zone), due_day(row, zone), row["score"],
        )
        for row in rows
    ]
    return sorted(found, key=lambda m: (m.completed, m.due or date.max, (m.name or "").casefold(), m.task_gid))


def due_day(row: sqlite3.Row, zone: ZoneInfo) -> date | None:
    """The day a module is due: its `due_on`, else the local date of its `due_at`, else none."""
    return date.fromisoformat(row["due_on"]) if row["due_on"] else local_day(row["due_at"], zone)


def is_overdue(row: sqlite3.Row, today: date, zone: ZoneInfo) -> bool:
    """A module not passed whose due day is before today (one without a due date never is)."""
    due = due_day(row, zone)
    return not row["completed"] and due is not None and due < today
