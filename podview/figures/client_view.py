"""What a client on a call may see, decided here once: client-safe mode shows only what passes.

An account manager shares the screen with a client. The client may see
their own work: their 90-day goals and how each paces, their weekly goals
and how each week went, and their tactics' results. Everything the agency
uses to judge itself or its clients stays inside: other clients, money, the
risk score and its reasons, loss streaks, moved deadlines and re-created
goals, postponements and their internal reasons, Asana's status reports,
recorded decisions, staff hit rates, and anything about people.

The screens in client-safe mode draw figures that went through the
functions below, so a field withheld here cannot reach the screen whatever
a screen's layout does; `tests/screens/test_client_safe_walk.py` walks every
screen in client-safe mode and looks for each item of `HIDDEN_FROM_CLIENTS`.
"""

from __future__ import annotations

from dataclasses import replace

from podview.figures.card import CardData, ClientFacts
from podview.figures.weekly import WeeklyGoal, WeeklyReport

SHOWN_TO_CLIENTS = (
    "their 90-day goals and how each paces",
    "their weekly goals and each week's progress",
    "their tactics' wins, losses and win rates",
)
"""What a watching client sees, in the help's words."""

HIDDEN_FROM_CLIENTS = (
    "other clients",
    "MRR and budgets",
    "the risk score and its reasons",
    "loss streaks",
    "moved deadlines and re-created goals",
    "postponements and their reasons",
    "Asana status reports",
    "recorded decisions",
    "staff hit rates",
    "anything about people",
)
"""What never shows while a client watches, in the help's words."""


def card_for_client(card: CardData) -> CardData:
    """The client card with everything internal withheld (None or empty, which the card leaves out)."""
    return replace(
        card,
        facts=ClientFacts(client_since=card.facts.client_since),
        risk=None,
        ranking=None,
        goals=[replace(goal, asana_status=None) for goal in card.goals],
        weeks=[weekly_report_for_client(report) for report in card.weeks],
        tactics=replace(
            card.tactics,
            rows=[replace(row, loss_streak=None) for row in card.tactics.rows],
            by_designer=[],
            by_pod=[],
        ),
        moves=None,
        statuses=[],
        decisions=[],
    )


def weekly_report_for_client(report: WeeklyReport) -> WeeklyReport:
    """One week of the client's goals, without their deadlines' history or each assignee's totals."""
    totals = {group: ([] if group == "assignee" else rows) for group, rows in report.totals.items()}
    return replace(report, goals=goals_for_client(report.goals), totals=totals)


def goals_for_client(goals: list[WeeklyGoal]) -> list[WeeklyGoal]:
    """Weekly goals with no sign of a moved deadline (the due date shown is the one in force)."""
    return [replace(goal, deadline_moved=False) if goal.deadline_moved else goal for goal in goals]
