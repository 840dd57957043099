"""The stand-up's table rows: cells to show, plus the client a row opens and the item `d` decides on.

Kept apart from the screen so the screen stays about steps and the meeting,
and so each row knows what it is about without the screen searching again.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from rich.style import Style
from rich.text import Text

from podview.date_words import day, move
from podview.decisions.minutes import summary
from podview.decisions.outbox import Decision
from podview.figures.people_week import MemberWeek
from podview.figures.postponed import PostponedReport
from podview.figures.row_marks import RowMarks
from podview.figures.weekly import WeeklyGoal
from podview.screens.requests import Target
from podview.screens.weekly import goal_note, totals_cells, walkthrough
from podview.widgets.fit_table import Column
from podview.widgets.labels import DECISIONS
from podview.widgets.labels import status_text as label_text
from podview.widgets.row_marks import note_cell, status_cell
from podview.widgets.status import FLAGS, WEEKLY, status_text
from podview.words import DECISION_KINDS, NO_COACHING, short_coaching, word

GOAL_COLUMNS = (
    Column("Status", "status", 14),
    Column("Due", "due", 10),
    Column("Note", "note", 16, min_table_width=90),
    Column("Client / owner / goal", "goal"),
)
MOVE_COLUMNS = (
    Column("Kind", "kind", 11),
    Column("Client", "client", 16, fit=True),
    Column("Fixed → due", "span", 15),
    Column("Done", "done", 11, min_table_width=100),
    Column("Goal / reason", "goal"),
)
DECISION_COLUMNS = (
    Column("State", "state", 11),
    Column("Kind", "kind", 13),
    Column("Client", "client", 18, min_table_width=90, fit=True),
    Column("Decision", "what"),
)
PEOPLE_COLUMNS = (
    Column("Person", "person", 18, fit=True),
    Column("Last week", "last", 36),
    Column("This week", "now", 12, min_table_width=90),
    Column("Coaching", "coach"),
)


MOVED = replace(FLAGS["deadline_moved"], word="moved")
"""A deadline moved without a postponement, said in a word that fits the stand-up's narrow Kind column."""


@dataclass(frozen=True)
class Row:
    """One table row: its cells, the client Enter opens, and the `(kind, gid, label)` `d` decides on."""

    key: str
    """Names what the row is about (`goal:<gid>`, `client:<name>`…), not where it is: after a
    refresh the cursor stays on the same goal even when rows came or went above it."""
    cells: list[Any]
    client_gid: str | None = None
    target: Target | None = field(default=None)


def ledger(moves: PostponedReport) -> list[Any]:
    """The ledger rows a stand-up goes through (data problems belong to the Postponed screen)."""
    return [*moves.postponed, *moves.deadline_moved, *moves.recreated]


def goal_rows(
    goals: Sequence[WeeklyGoal], ended: bool, styles: Mapping, marks: RowMarks, today: date
) -> list[Row]:
    """Goals grouped client → owner with totals (the pod level is the whole table, so it is left out).

    `marks` say which open goals are overdue and which wait on a decision in the outbox.
    """
    lines = [line for line in walkthrough(list(goals)) if line.level]
    rows, keys, client = [], Keys(), ""
    for index, line in enumerate(lines):
        indent = "  " * (line.level - 1)
        if line.level == 1:
            client = line.label
        if line.goal is None:
            first, second = totals_cells(line.totals, ended)
            weight = Style(bold=line.level == 1, italic=line.level == 2)
            below = next((later.goal for later in lines[index + 1 :] if later.goal), None)
            gid = below.client_gid if below else None
            target = Target("client", gid, below.client or gid) if gid else None
            cells = [
                Text(first, style=weight),
                Text(second, style=weight),
                "",
                Text(indent + line.label, style=weight),
            ]
            key = f"client:{client}" if line.level == 1 else f"owner:{client}/{line.label}"
            rows.append(Row(keys.new(key), cells, gid, target))
            continue
        goal = line.goal
        due = goal.due_on if goal.carried_over else goal.fixed_due_on
        cells = [
            status_cell(goal, marks, styles),
            day(due, today) if due else "—",
            note_cell(goal, marks, styles, goal_note(goal, styles, today)),
            Text(indent + line.label),
        ]
        target = Target("weekly_goal", goal.task_gid, goal.name or goal.task_gid)
        rows.append(Row(keys.new(f"goal:{goal.task_gid}"), cells, goal.client_gid, target))
    return rows


def move_rows(
    moves: PostponedReport, client_gids: Mapping[str, str], styles: Mapping, today: date
) -> list[Row]:
    """Postponed, moved and re-created goals: what happened, whose, when, and why."""
    rows, keys = [], Keys()
    for row in ledger(moves):
        name = " ".join((row.name or "(unnamed)").split())
        gid = client_gids.get(row.client or "")
        target = Target("weekly_goal", row.task_gid, name)
        if hasattr(row, "original_task_gid"):
            created = f"created {day(row.created_at.date(), today)}" if row.created_at else "—"
            cells = [status_text(FLAGS["recreated"], styles), row.client or "—", created, "", name]
            rows.append(Row(keys.new(f"recreated:{row.task_gid}"), cells, gid, target))
            continue
        postponed = hasattr(row, "reason")
        goal = Text(name)
        if postponed:
            goal.append(f"\n↳ {row.reason}", style="dim")
        cells = [
            status_text(WEEKLY["postponed"] if postponed else MOVED, styles),
            row.client or "—",
            move(row.fixed_due_on, row.due_on, today),
            status_text(FLAGS["done" if row.completed else "not_done"], styles),
            goal,
        ]
        kind = "postponed" if postponed else "moved"
        rows.append(Row(keys.new(f"{kind}:{row.task_gid}"), cells, gid, target))
    return rows


def decision_rows(decisions: Sequence[Decision], today: date | None = None) -> list[Row]:
    """Each decision's state in words, its kind, its client, and what it says (dates as of `today`)."""
    rows = []
    for decision in decisions:
        what = summary(decision, today)
        if decision.error and decision.state != "sent":
            what += f" — {decision.error}"
        cells = [
            label_text(DECISIONS, decision.state),
            word(DECISION_KINDS, decision.kind),
            decision.fields.get("client_name") or "—",
            what,
        ]
        rows.append(Row(f"decision:{decision.id}", cells, decision.fields.get("client")))
    return rows


def people_rows(people: Sequence[MemberWeek]) -> list[Row]:
    """Each member's last week (hit, late, missed, postponed), this week's open goals, and what to coach."""
    rows = []
    for person in people:
        last = "no goals"
        if person.goals:
            counts = [f"{person.hit} hit", f"{person.late} late", f"{person.missed} missed"]
            if person.postponed:
                counts.append(f"{person.postponed} postponed")
            last = ", ".join(counts)
        now = f"{person.open_now} open of {person.this_week}" if person.this_week else "no goals"
        coach = ", ".join(short_coaching(key) for key in person.coach) or NO_COACHING
        rows.append(Row(f"person:{person.user_gid}", [person.name, last, now, coach]))
    return rows


class Keys:
    """Row keys, each new one unique: a second row about the same thing gets `#2`."""

    def __init__(self) -> None:
        self.seen: set[str] = set()

    def new(self, key: str) -> str:
        """`key`, or `key#2`, `key#3`… when taken."""
        unique, count = key, 1
        while unique in self.seen:
            count += 1
            unique = f"{key}#{count}"
        self.seen.add(unique)
        return unique
