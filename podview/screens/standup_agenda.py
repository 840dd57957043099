"""The stand-up's figures: what one pod's agenda holds, read in a worker, and the postponed step's scope.

The old business (the previous stand-up's action items) is read against the
meeting once it is open, so a resumed stand-up still looks back from its own
start.

Apart from the screen so that the screen is about steps, keys and the
meeting; nothing here draws.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import date

from podview.date_words import period
from podview.dates import Week
from podview.decisions.carried import Carried
from podview.decisions.meetings import POD_STANDUP, Meeting
from podview.decisions.outbox import Decision
from podview.figures.people_week import MemberWeek
from podview.figures.postponed import PostponedReport
from podview.figures.postponed_scope import ALL, LAST_AND_THIS_WEEK, scope_span, scoped
from podview.figures.row_marks import RowMarks
from podview.figures.weekly import WeeklyGoal
from podview.screens.context import ViewContext
from podview.words import POSTPONED_SCOPES, SHORT_POSTPONED_SCOPES

STEP_TITLES = ("Last meeting", "Last week", "This week", "Postponed", "Decisions", "People")
"""The stand-up's steps as their tabs name them, in meeting order."""
TIGHTER_TITLES = (
    ("Last meeting", "Last week", "This week", "Postp.", "Decisions", "People"),
    ("Old", "Last", "This", "Postp.", "Decided", "People"),
)
"""Shorter names, tried in turn when the full ones do not fit on one line (80 columns takes the last)."""


def tab_labels(counts: tuple[int, ...], scope: str, width: int) -> tuple[list[str], bool]:
    """Each step's tab label with its count, and whether the tabs must sit tighter (one space apart).

    The longest names that fit in `width` win, so every step stays in sight;
    the postponed step's label always says its scope, as every count does.
    """
    for titles, gap in ((STEP_TITLES, 2), *((titles, 1) for titles in TIGHTER_TITLES)):
        named = list(titles)
        named[3] += f" · {SHORT_POSTPONED_SCOPES[scope]}"
        labels = [f"{title} ({count})" for title, count in zip(named, counts)]
        if sum(len(label) + gap for label in labels) <= width - 2:
            break
    return labels, gap == 1


MOVES_SCOPES = (LAST_AND_THIS_WEEK, ALL)
"""The postponed step's scopes, in the order `a` goes through them: what the meeting can still act on first."""


@dataclass(frozen=True)
class Agenda:
    """One pod's stand-up figures: two weeks of goals, its whole ledger, this meeting's decisions."""

    pod: str
    carried: Carried
    """Old business: the previous stand-up's action items (and older ones still open), as Asana has them now."""
    this_week: Week
    last: list[WeeklyGoal]
    this: list[WeeklyGoal]
    moves: PostponedReport
    """Every move of the pod's goals (scope `all`); the step shows them in its scope (`moves_in`)."""
    decisions: list[Decision]
    client_gids: dict[str, str]
    """Client name → gid, to open a card from ledger rows (which carry only the name)."""
    marks: RowMarks
    """Overdue goals and decisions waiting in the outbox, by task, for the goal rows."""
    people: list[MemberWeek] = field(default_factory=list)
    """The pod's members: last week's goals, this week's still open, coaching signals (the last step)."""

    def moves_in(self, scope: str) -> PostponedReport:
        """The pod's moves in `scope`, counted from the Monday of this stand-up's week."""
        return scoped(self.moves, scope, self.this_week.monday)


@dataclass(frozen=True)
class StandupData:
    """The pods to choose from, and the agenda once a pod is chosen."""

    pods: list[str]
    agenda: Agenda | None


def load_standup(
    conn: sqlite3.Connection, context: ViewContext, pod: str | None, meeting: Meeting | None
) -> StandupData:
    """The pod names; with a pod chosen, its two weeks of goals, ledger, this meeting's decisions and its people."""
    from podview.decisions.carried import carried_action_items
    from podview.decisions.outbox import list_decisions
    from podview.figures.common import clients_in_scope
    from podview.figures.people_week import pod_people_week
    from podview.figures.postponed import postponed_report
    from podview.figures.row_marks import row_marks
    from podview.figures.weekly import weekly_report

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
    scoped_clients = clients_in_scope(conn, pod=pod).values()
    return StandupData(
        pods,
        Agenda(
            pod=next((info.pod for info in scoped_clients if info.pod), pod),
            carried=carried_action_items(
                conn, POD_STANDUP, pod, before=meeting and meeting.id, today=today, zone=zone
            ),
            this_week=week,
            last=goals[0],
            this=goals[1],
            moves=postponed_report(conn, today=today, zone=zone, pod=pod),
            decisions=list_decisions(conn, meeting_id=meeting.id) if meeting else [],
            client_gids={info.name: info.gid for info in scoped_clients},
            marks=row_marks(conn, today),
            people=pod_people_week(
                conn, today=today, zone=zone, pod=pod, confidence=context.config.tactics.confidence
            ),
        ),
    )


def outbox_part(
    conn: sqlite3.Connection, today: date, meeting: Meeting | None
) -> tuple[list[Decision], RowMarks]:
    """What of the agenda a decision form or the outbox can change: this meeting's decisions and the rows' marks.

    A fraction of a millisecond, against a whole agenda's 80 ms and six tables redrawn.
    """
    from podview.decisions.outbox import list_decisions
    from podview.figures.row_marks import row_marks

    return (list_decisions(conn, meeting_id=meeting.id) if meeting else [], row_marks(conn, today))


def moves_heading(pod: str, moves: PostponedReport, scope: str, today: date) -> str:
    """`Pod Atlas · last and this week (16–29 Nov 2026): 3 postponed · 1 moved without a reason · 0 re-created`.

    Every count carries the scope's label, and the days it covers.
    """
    span = scope_span(scope, today)
    days = f" ({period(*span, today)})" if span else ""
    return (
        f"{pod} · {POSTPONED_SCOPES[scope]}{days}: {len(moves.postponed)} postponed · "
        f"{len(moves.deadline_moved)} moved without a reason · {len(moves.recreated)} re-created"
    )
