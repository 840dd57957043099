"""What Home adds on a wall-sized screen: this week's goals due or overdue, and the latest decisions.

At 80×24 or 100×30 Home has room for the pods, the goals off pace and the
clients at risk, no more. On a wall screen (WALL: 140×40 and up) the lower
half of both columns would stay empty, so Home shows there what a leader
scans next. This module is loaded only when the screen is that big, so a
launch on a laptop does not pay for it.
"""

from __future__ import annotations

import sqlite3
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

from rich.text import Text
from textual.widget import Widget

from podview.date_words import day
from podview.dates import parse_timestamp
from podview.figures.home_model import DueGoal
from podview.widgets.fit_table import Column, FitTable
from podview.widgets.labels import DECISIONS, NONE, status_text
from podview.widgets.panel import Panel

LATEST = 8
"""Decisions listed, newest first; the outbox (o) lists them all."""

DUE_COLUMNS = [
    Column("Due", "due", 12),
    Column("Client", "client", 22, fit=True),
    Column("Assignee", "assignee", 15),
    Column("Goal", "goal"),
]
"""Narrow enough that the goal keeps its 16 columns beside a scrollbar in a 160-column Home; a wider one grows the client."""
DECISION_COLUMNS = [
    Column("State", "state", 10),
    Column("Recorded", "when", 16),
    Column("Decision", "what"),
]


def wall_panels() -> tuple[Widget, Widget]:
    """The panel of goals due (left column) and the panel of decisions (right column), empty."""
    due = Panel(FitTable(DUE_COLUMNS, id="due-goals"), title="Weekly goals due", id="due-panel")
    decided = Panel(
        FitTable(DECISION_COLUMNS, id="latest-decisions"), title="Latest decisions", id="decisions-panel"
    )
    return due, decided


def due_title(goals: list[DueGoal], today: date) -> str:
    """How many of this week's open goals are overdue and how many are due today."""
    overdue = sum(goal.due_on < today for goal in goals)
    return f"Weekly goals overdue — {overdue} · due today — {len(goals) - overdue}"


def due_rows(goals: list[DueGoal], today: date) -> list[tuple[str, tuple[Any, ...]]]:
    """One row per goal: since when it is due (overdue in red), client, assignee, goal; a row opens the client."""
    rows = []
    for goal in goals:
        late = (today - goal.due_on).days
        when = (
            Text(f"✖ {day(goal.due_on, today)} +{late}d", style="red")
            if late > 0
            else Text("◷ today", style="yellow")
        )
        rows.append(
            (
                f"{goal.client_gid}//{goal.task_gid}",
                (when, goal.client or NONE, goal.assignee or "unassigned", goal.name or NONE),
            )
        )
    return rows


def latest_decisions(conn: sqlite3.Connection) -> list[Any]:
    """The newest decisions in the outbox, newest first, whatever their state (worker thread)."""
    from podview.decisions.outbox import list_decisions

    return list_decisions(conn, latest=LATEST)[::-1]


def decision_rows(decisions: list[Any], zone: ZoneInfo) -> list[tuple[str, tuple[Any, ...]]]:
    """One row per decision: its state, when it was recorded, and what it says."""
    from podview.screens.outbox import about

    rows = []
    for decision in decisions:
        stamp = parse_timestamp(decision.created_at)
        when = f"{stamp.astimezone(zone):%a %d %b %H:%M}" if stamp else NONE
        rows.append((decision.id, (status_text(DECISIONS, decision.state), when, about(decision))))
    return rows


def decisions_title(decisions: list[Any]) -> str:
    """The panel's title: how many are shown, or that none was made yet."""
    if not decisions:
        return "Latest decisions — none yet (d decides on the highlighted row)"
    return f"Latest {len(decisions)} decisions"
