"""What a pod's stand-up shows, read in one worker run: old business, two weeks of goals, the ledger, the decisions.

Kept apart from the screen so the screen stays about steps and the meeting.
The old business (the previous stand-up's action items) is read against the
meeting once it is open, so a resumed stand-up still looks back from its own
start.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from podview.dates import Week
from podview.decisions.carried import Carried, carried_action_items
from podview.decisions.meetings import POD_STANDUP, Meeting
from podview.decisions.outbox import Decision, list_decisions
from podview.figures.common import clients_in_scope
from podview.figures.postponed import PostponedReport, postponed_report
from podview.figures.weekly import WeeklyGoal, weekly_report
from podview.screens.context import ViewContext


@dataclass(frozen=True)
class Agenda:
    """One pod's stand-up figures: old business, two weeks of goals, its ledger, this meeting's decisions."""

    pod: str
    carried: Carried
    this_week: Week
    last: list[WeeklyGoal]
    this: list[WeeklyGoal]
    moves: PostponedReport
    decisions: list[Decision]
    client_gids: dict[str, str]
    """Client name → gid, to open a card from ledger rows (which carry only the name)."""


@dataclass(frozen=True)
class StandupData:
    """The pods to choose from, and the agenda once a pod is chosen."""

    pods: list[str]
    agenda: Agenda | None


def read_agenda(conn: sqlite3.Connection, context: ViewContext, pod: str | None, meeting: Meeting | None) -> StandupData:
    """The pod names; with a pod chosen, its agenda (`meeting` once the stand-up is open) (worker thread)."""
    clients = clients_in_scope(conn).values()
    pods = sorted({info.pod for info in clients if info.pod}, key=str.casefold)
    if pod is None:
        return StandupData(pods, None)
    today, zone = context.today, context.zone
    week = Week.of(today)
    goals = [
        weekly_report(conn, week=w, today=today, zone=zone, pod=pod).goals
        for w in (week.shift(-1), week)
    ]
    scoped = clients_in_scope(conn, pod=pod).values()
    return StandupData(
        pods,
        Agenda(
            pod=next((info.pod for info in scoped if info.pod), pod),
            carried=carried_action_items(conn, POD_STANDUP, pod, before=meeting and meeting.id, today=today, zone=zone),
            this_week=week,
            last=goals[0],
            this=goals[1],
            moves=postponed_report(conn, today=today, zone=zone, pod=pod),
            decisions=list_decisions(conn, meeting_id=meeting.id) if meeting else [],
            client_gids={info.name: info.gid for info in scoped},
        ),
    )
