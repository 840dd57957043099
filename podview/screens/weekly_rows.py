"""The weekly table's rows: goals walked pod → client → account manager, and each row's cells.

Kept apart from the screen so the grouping and the cells can be read (and
tested) on plain goals; the stand-up walks the same goals with the same rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text

from podview.date_words import day, moment
from podview.figures.goals import text_key
from podview.figures.row_marks import RowMarks
from podview.figures.weekly import Totals, WeeklyGoal, summarize
from podview.screens.weekly_text import totals_cells
from podview.widgets.row_marks import note_cell, status_cell
from podview.widgets.status import FLAGS, status_text

NO_POD, NO_CLIENT, UNASSIGNED = "(no pod)", "(no client)", "(unassigned)"
COLUMNS = (("status", "Status", 14), ("due", "Due", 10), ("note", "Note", 16))
"""The columns beside the goal name (key, title, width); the name takes what is left."""
WIDE_COLUMNS = (("done", "Completed", 16),)
"""Added when the terminal is wide enough (WIDE), for telling a hit from a late one."""
WIDE = 110
GOAL_WIDTH = (24, 96)
"""The goal column's narrowest and widest: between them, its longest line (wider only spreads the
columns apart; a goal written as a paragraph is cut at the widest, never pushing Status off screen)."""


@dataclass(frozen=True)
class Line:
    """One row of the walkthrough: a group (pod, client, account manager) with its totals, or a goal."""

    level: int
    label: str
    totals: Totals | None = None
    goal: WeeklyGoal | None = None


def walkthrough(goals: list[WeeklyGoal]) -> Iterator[Line]:
    """Goals grouped pod → client → account manager, each group headed by its totals.

    Goals arrive in report order (pod, client, due date); account managers
    within a client are ordered by name, unassigned last.
    """
    for pod, in_pod in _groups(goals, lambda goal: goal.pod or NO_POD):
        yield Line(0, pod, summarize(pod, in_pod))
        for client, in_client in _groups(in_pod, lambda goal: goal.client or NO_CLIENT):
            yield Line(1, client, summarize(client, in_client))
            by_manager = sorted(
                _groups(in_client, _manager), key=lambda pair: _manager_key(pair[0])
            )
            for manager, own in by_manager:
                yield Line(2, manager, summarize(manager, own))
                yield from (Line(3, goal.name or "(unnamed goal)", goal=goal) for goal in own)


def _manager(goal: WeeklyGoal) -> str:
    return goal.assignee or UNASSIGNED


def _manager_key(name: str) -> tuple[bool, str]:
    return text_key(None if name == UNASSIGNED else name)


def _groups(goals: Iterable[WeeklyGoal], key) -> list[tuple[str, list[WeeklyGoal]]]:
    """Consecutive-or-not goals gathered under their key, keys in order of first appearance."""
    groups: dict[str, list[WeeklyGoal]] = {}
    for goal in goals:
        groups.setdefault(key(goal), []).append(goal)
    return list(groups.items())


def matches(goal: WeeklyGoal, pod: str | None, search: str) -> bool:
    """The pod filter (a pod name, None for all) and the search on goal or client name, ignoring case."""
    if pod is not None and goal.pod != pod:
        return False
    needle = search.strip().casefold()
    return not needle or any(needle in (text or "").casefold() for text in (goal.name, goal.client))


def columns_for(width: int):
    """The columns beside the goal name at a screen `width`: the completion time only when wide."""
    return COLUMNS + (WIDE_COLUMNS if width >= WIDE else ())


def goal_width(columns, width: int, goals: Iterable[WeeklyGoal]) -> int:
    """The goal column: as wide as its longest line, in what the other columns, padding and scrollbar leave."""
    fixed = sum(size for _, _, size in columns) + 2 * (len(columns) + 1) + 2
    narrowest, widest = GOAL_WIDTH
    return max(narrowest, min(longest_line(goals), widest, width - fixed))


def longest_line(goals: Iterable[WeeklyGoal]) -> int:
    """The widest line `walkthrough` makes of `goals`, indents included, without walking them."""
    widest = 0
    for goal in goals:
        labels = (goal.pod or NO_POD, goal.client or NO_CLIENT, _manager(goal), goal.name or "(unnamed goal)")
        widest = max(widest, *(2 * level + cell_len(label) for level, label in enumerate(labels)))
    return widest


def goal_note(goal: WeeklyGoal, styles, today: date) -> Text | str:
    """How the goal's deadline moved, in words: carried over, moved without sanction, or where it went."""
    if goal.carried_over:
        return status_text(FLAGS["carried_over"], styles)
    if goal.deadline_moved:
        return status_text(FLAGS["deadline_moved"], styles)
    if goal.status == "postponed" and goal.due_on:
        return f"→ due {day(goal.due_on, today)}"
    return ""


def cells(line: Line, ended: bool, styles, marks: RowMarks, today: date) -> list[Text | str]:
    """A group row carries its totals in the Status and Due cells; a goal row its status and flags.

    `marks` turn an open goal past its due date into `overdue`, and show a
    decision about the goal still waiting in the outbox.
    """
    indent = "  " * line.level
    if line.goal is None:
        weight = Style(bold=line.level < 2, italic=line.level == 2)
        first, second = totals_cells(line.totals, ended)
        name = Text(indent + line.label, style=weight, no_wrap=True, overflow="ellipsis")
        return [name, Text(first, style=weight), Text(second, style=weight), "", ""]
    goal = line.goal
    due = goal.due_on if goal.carried_over else goal.fixed_due_on
    return [
        Text(indent + line.label, no_wrap=True, overflow="ellipsis"),
        status_cell(goal, marks, styles),
        day(due, today) if due else "—",
        note_cell(goal, marks, styles, goal_note(goal, styles, today)),
        moment(goal.completed_at, today) if goal.completed_at else "",
    ]
