"""What each step of the stand-up shows: its heading, its rows, and the sentence said when it has none.

Kept apart from the screen, which is about keys, tabs and the meeting: this
turns one pod's agenda into the six steps' contents, in meeting order, and
draws nothing itself.
"""

from __future__ import annotations

from datetime import date
from typing import Any, NamedTuple

from podview.date_words import week_span
from podview.figures.weekly import summarize
from podview.screens.old_business import old_business_step
from podview.screens.standup_agenda import Agenda, moves_heading
from podview.screens.standup_rows import Row, decision_rows, goal_rows, move_rows, people_rows
from podview.screens.weekly import totals_cells


class StepContent(NamedTuple):
    step: str
    """The step's pane id."""
    heading: str
    rows: list[Row]
    empty: str
    """Said instead of the table when `rows` is empty."""


def agenda_steps(agenda: Agenda, scope: str, today: date, styles: Any, meeting_open: bool) -> list[StepContent]:
    """The six steps of `agenda`, the postponed one in `scope`.

    The postponed step's heading adds the moved and re-created goals of the
    same scope that it also lists; its tab counts the postponements only.
    """
    steps = [StepContent("step-old", *old_business_step(agenda.carried, "stand-up", styles))]
    for step, goals, week, ended in (
        ("step-last", agenda.last, agenda.this_week.shift(-1), True),
        ("step-this", agenda.this, agenda.this_week, False),
    ):
        totals = totals_cells(summarize(None, goals), ended) if goals else ("no goals", "")
        span = week_span(week, week, today)
        heading = " · ".join([span, *(part for part in totals if part)])
        rows = goal_rows(goals, ended, styles, agenda.marks, today)
        steps.append(StepContent(step, heading, rows, f"No weekly goals for {agenda.pod} in {span}."))
    moves = agenda.moves_in(scope)
    steps.append(
        StepContent(
            "step-postponed",
            moves_heading(agenda.pod, moves, scope, agenda.this_week.monday),
            move_rows(moves, agenda.client_gids, styles, today),
            "No goal of this pod was postponed or moved.",
        )
    )
    decided = (
        f"{len(agenda.decisions)} recorded in this meeting so far"
        if meeting_open
        else "No meeting open, so no decisions are grouped here."
    )
    steps.append(
        StepContent("step-decisions", decided, decision_rows(agenda.decisions, today), "No decisions recorded in this meeting yet.")
    )
    steps.append(
        StepContent(
            "step-people",
            f"{agenda.pod}: {len(agenda.people)} people · their week · optional: e ends the meeting",
            people_rows(agenda.people),
            f"No members of {agenda.pod} in the cache.",
        )
    )
    return steps


def step_counts(agenda: Agenda, scope: str) -> tuple[int, ...]:
    """What each step's tab counts: old business, last and this week's goals, postponements in scope, decisions, people."""
    return (
        len(agenda.carried.items), len(agenda.last), len(agenda.this),
        len(agenda.moves_in(scope).postponed), len(agenda.decisions), len(agenda.people),
    )
