"""The pod stand-up: one pod's meeting, walked as an agenda with a timer.

Choosing the pod asks for the meeting's length and who attends (the pod's
members, all ticked), then starts a `pod-standup` meeting, so decisions
recorded meanwhile belong to it. The agenda is four steps, `n`/`p` move between
them: last week's goals, this week's goals, the pod's postponed and moved
deadlines, and the decisions recorded in this meeting so far. `e` asks,
then ends the meeting and shows its minutes.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import (
    ContentSwitcher,
    DataTable,
    Header,
    OptionList,
    Static,
    TabbedContent,
    TabPane,
)

from podview.dates import Week
from podview.decisions.meeting_plan import Plan
from podview.decisions.meetings import POD_STANDUP
from podview.decisions.outbox import Decision
from podview.figures.members import Member
from podview.figures.postponed import PostponedReport
from podview.figures.weekly import WeeklyGoal, summarize
from podview.screens.context import DataScreen, ViewContext
from podview.screens.meeting import (
    DECIDE_BINDING,
    END_BINDING,
    MINUTES_BINDING,
    Ended,
    MeetingMixin,
    Started,
    next_length,
)
from podview.screens.meeting_dialogs import MeetingSetupScreen, Setup
from podview.screens.requests import OpenClient, Target
from podview.screens.standup_rows import (
    DECISION_COLUMNS,
    GOAL_COLUMNS,
    MOVE_COLUMNS,
    Row,
    decision_rows,
    goal_rows,
    ledger,
    move_rows,
)
from podview.screens.weekly import day_span, totals_cells
from podview.widgets.fit_table import FitTable
from podview.widgets.key_footer import KeyFooter
from podview.widgets.status import tone_styles
from podview.widgets.timer import MeetingTimer

STEPS = ("step-last", "step-this", "step-postponed", "step-decisions")
"""The agenda in meeting order (tab pane ids)."""
STEP_TITLES = ("Last week", "This week", "Postponed", "Decisions")

STEP_KEYS = Binding.Group("Step", compact=True)
"""n and p share one footer entry, so the footer has room for `d` and `e` at 80 columns."""

BOXES = (10, 15, 20, 30)
"""Stand-up lengths in minutes that the start dialog offers and `b` cycles through; 15 to start."""


@dataclass(frozen=True)
class Agenda:
    """One pod's stand-up figures: two weeks of goals, its ledger, this meeting's decisions."""

    pod: str
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


class StandupScreen(MeetingMixin, DataScreen):
    """A pod's stand-up: choose the pod, then walk four agenda steps against a time box."""

    CSS_PATH = "standup.tcss"
    TITLE = "Pod stand-up"
    MEETING_KIND = POD_STANDUP
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "step(1)", "Next step", id="standup.next", group=STEP_KEYS),
        Binding("p", "step(-1)", "Previous step", id="standup.previous", group=STEP_KEYS),
        Binding("b", "cycle_box", "Time box", id="standup.box"),
        END_BINDING,
        MINUTES_BINDING,
        DECIDE_BINDING,
    ]

    def __init__(self, context: ViewContext, pod: str | None = None, **kwargs: Any) -> None:
        super().__init__(context, **kwargs)
        self.pod = pod
        """The pod's name (or gid); None until chosen."""
        self.chose_here = pod is None
        """The pod was chosen on this screen: cancelling the start dialog goes back to the choice."""
        self.box_minutes = BOXES[1]
        self.data: StandupData | None = None
        self.rows: dict[str, list[Row]] = {}
        """Each step's rows as drawn, for Enter and `d`."""
        self._state = ""
        """The meeting's state as last said; said again once the agenda spells the pod's name."""

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="standup-bar"):
            yield Static("", id="standup-state")
            yield MeetingTimer("Meeting", box=self.box_minutes * 60, id="standup-timer")
        with ContentSwitcher(id="standup-body", initial="standup-loading"):
            yield Static("Loading…", id="standup-loading")
            with Vertical(id="standup-choose"):
                yield Static("Whose stand-up? Choose the pod and press Enter.", id="choose-title")
                yield OptionList(id="standup-pods")
            with TabbedContent(id="standup-agenda"):
                tables = (GOAL_COLUMNS, GOAL_COLUMNS, MOVE_COLUMNS, DECISION_COLUMNS)
                for step, title, columns in zip(STEPS, STEP_TITLES, tables):
                    with TabPane(title, id=step):
                        yield Static(classes="step-heading", id=f"{step}-heading")
                        yield FitTable(columns, id=f"{step}-table")
                        yield Static(classes="step-empty", id=f"{step}-empty")
        yield KeyFooter()

    def on_mount(self) -> None:
        """Title the screen; DataScreen's own on_mount then loads (pods, or the agenda)."""
        self.sub_title = "Pod stand-up"
        self.title = self.pod or "Choose a pod"
        self._say_state(
            "◌ Choose a pod to start the stand-up."
            if self.pod is None
            else "◌ Starting the stand-up…"
        )
        if self.pod is not None:
            self._choose(self.pod)

    def export_title(self) -> str:
        """`Pod Atlas stand-up`: the pod's name as its agenda spells it, once known."""
        pod = self.data.agenda.pod if self.data and self.data.agenda else self.pod
        return f"{pod} stand-up" if pod else "Pod stand-up"

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Steps and the time box only once the agenda is shown."""
        if action in ("step", "cycle_box"):
            return self.pod is not None
        return super().check_action(action, parameters)

    def load(self, conn: sqlite3.Connection) -> StandupData:
        """The pod names; with a pod chosen, its two weeks of goals, ledger and this meeting's decisions."""
        from podview.decisions.outbox import list_decisions
        from podview.figures.common import clients_in_scope
        from podview.figures.postponed import postponed_report
        from podview.figures.weekly import weekly_report

        clients = clients_in_scope(conn).values()
        pods = sorted({info.pod for info in clients if info.pod}, key=str.casefold)
        if self.pod is None:
            return StandupData(pods, None)
        context, pod, meeting = self.context, self.pod, self.meeting
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
                this_week=week,
                last=goals[0],
                this=goals[1],
                moves=postponed_report(conn, today=today, zone=zone, pod=pod),
                decisions=list_decisions(conn, meeting_id=meeting.id) if meeting else [],
                client_gids={info.name: info.gid for info in scoped},
            ),
        )

    def show(self, data: StandupData) -> None:
        """The pod list until a pod is chosen, then the agenda."""
        self.data = data
        switcher = self.query_one("#standup-body", ContentSwitcher)
        if data.agenda is None:
            pods = self.query_one("#standup-pods", OptionList)
            pods.clear_options()
            pods.add_options(data.pods)
            pods.highlighted = 0 if data.pods else None
            switcher.current = "standup-choose"
            pods.focus()
            return
        first = switcher.current != "standup-agenda"
        switcher.current = "standup-agenda"
        self.title = data.agenda.pod
        self._say_state(self._state)
        self._draw(data.agenda)
        if first:
            self._focus_step()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """A pod was chosen: start its meeting and load its agenda."""
        self._choose(str(event.option.prompt))

    def _choose(self, pod: str) -> None:
        self.pod = pod
        self.title = pod
        self._say_state("◌ Starting the stand-up…")
        self.refresh_bindings()
        self.prepare_meeting(pod)
        if self.data is not None:
            self.refresh_data()

    # -- the meeting ---------------------------------------------------------------

    def setup_screen(self, members: list[Member]) -> MeetingSetupScreen:
        """How long, and who of the pod attends (all ticked: untick who is away)."""
        return MeetingSetupScreen(
            f"Start the stand-up of {self.pod}",
            lengths=BOXES,
            length=self.box_minutes,
            members=members,
            tick_all=True,
        )

    def meeting_set_up(self, setup: Setup) -> None:
        """Start the pod's meeting with its length and attendees."""
        self._box(setup.minutes)
        self.begin_meeting(self.pod, setup.attendees, Plan(minutes=setup.minutes))

    def meeting_cancelled(self) -> None:
        """Back to the choice of pod if it was made here; else the stand-up closes unstarted."""
        if not self.chose_here:
            super().meeting_cancelled()
            return
        self.pod = None
        self.title = "Choose a pod"
        self._say_state("◌ Choose a pod to start the stand-up.")
        self.refresh_bindings()
        self.refresh_data()

    def meeting_started(self, started: Started) -> None:
        """Start the clock (a resumed meeting keeps its time and length) and pick up its decisions."""
        plan = started.meeting.plan
        if started.resumed and plan and plan.minutes:
            self._box(plan.minutes)
        self.query_one("#standup-timer", MeetingTimer).start(started.already)
        word = "resumed" if started.resumed else "open"
        self._say_state(f"● Meeting {word}")
        if started.resumed:
            self.notify(
                "This pod's stand-up was still open; carrying on with it.", title="Stand-up resumed"
            )
        self.refresh_data()

    def meeting_ended(self, ended: Ended) -> None:
        """Stop the clock; the minutes stay one key away."""
        self.query_one("#standup-timer", MeetingTimer).stop()
        self._say_state("■ Meeting ended · m shows the minutes again")

    def meeting_failed(self, starting: bool, message: str) -> None:
        """Without a meeting the agenda still shows, but decisions are not grouped under it."""
        if starting:
            self._say_state("✖ Not recorded as a meeting (see the message)")

    def _say_state(self, text: str) -> None:
        """The meeting's state, after the pod's name: presenter mode hides the header that has it."""
        pod = self.data.agenda.pod if self.data and self.data.agenda else self.pod
        self._state = text
        self.query_one("#standup-state", Static).update(f"{pod} · {text}" if pod else text)

    # -- keys ------------------------------------------------------------------------

    def action_step(self, offset: int) -> None:
        """The next (or previous) agenda step; stops at either end."""
        tabs = self.query_one("#standup-agenda", TabbedContent)
        index = STEPS.index(tabs.active) if tabs.active in STEPS else 0
        tabs.active = STEPS[max(0, min(len(STEPS) - 1, index + offset))]
        self._focus_step()

    def action_cycle_box(self) -> None:
        """The next time box (10 → 15 → 20 → 30 → 10 minutes)."""
        self._box(next_length(self.box_minutes, BOXES))

    def _box(self, minutes: int) -> None:
        self.box_minutes = minutes
        self.query_one("#standup-timer", MeetingTimer).box = minutes * 60

    @property
    def step(self) -> str:
        """The agenda step on show (its pane id)."""
        return self.query_one("#standup-agenda", TabbedContent).active

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        """Reaching the decisions step re-reads them: a form may have recorded one since."""
        if event.pane.id == "step-decisions" and self.data is not None:
            self.refresh_data()

    def on_screen_resume(self) -> None:
        """Back from a decision form or the minutes: show what was recorded meanwhile."""
        if self.data is not None and self.data.agenda is not None:
            self.refresh_data()

    def _current_row(self) -> Row | None:
        """The row under the cursor in the step on show."""
        if self.data is None or self.data.agenda is None:
            return None
        rows = self.rows.get(self.step, [])
        table = self.query_one(f"#{self.step}-table", FitTable)
        if not rows or not table.row_count:
            return None
        return rows[min(table.cursor_row, len(rows) - 1)]

    def selected_target(self) -> Target | None:
        """What `d` decides on: the weekly goal under the cursor, or the client of a group row."""
        row = self._current_row()
        return row.target if row else None

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter on a row opens that client's card."""
        row = self._current_row()
        if row is not None and row.client_gid:
            self.post_message(OpenClient(row.client_gid))

    def _focus_step(self) -> None:
        table = self.query_one(f"#{self.step}-table", FitTable)
        if table.display:
            table.focus()

    # -- drawing ---------------------------------------------------------------------

    def _draw(self, agenda: Agenda) -> None:
        """Every step's heading, table and tab label (with its count), from memory."""
        styles = tone_styles(self.app.theme_variables)
        for step, goals, week, ended in (
            ("step-last", agenda.last, agenda.this_week.shift(-1), True),
            ("step-this", agenda.this, agenda.this_week, False),
        ):
            totals = totals_cells(summarize(None, goals), ended) if goals else ("no goals", "")
            span = day_span(week.monday, week.sunday)
            heading = " · ".join([week.name, span, *(part for part in totals if part)])
            empty = f"No weekly goals for {agenda.pod} in {week.name}."
            self._fill(step, heading, goal_rows(goals, ended, styles), empty)
        moves = agenda.moves
        counts = (
            f"{len(moves.postponed)} postponed · {len(moves.deadline_moved)} moved without a "
            f"reason · {len(moves.recreated)} re-created"
        )
        rows = move_rows(moves, agenda.client_gids, styles)
        empty = "No goal of this pod was postponed or moved."
        self._fill("step-postponed", f"{agenda.pod} · {counts}", rows, empty)
        heading = (
            f"{len(agenda.decisions)} recorded in this meeting so far"
            if self.meeting
            else "No meeting open, so no decisions are grouped here."
        )
        empty = "No decisions recorded in this meeting yet."
        self._fill("step-decisions", heading, decision_rows(agenda.decisions), empty)
        tabs = self.query_one("#standup-agenda", TabbedContent)
        counts = (len(agenda.last), len(agenda.this), len(ledger(moves)), len(agenda.decisions))
        for step, title, count in zip(STEPS, STEP_TITLES, counts):
            tabs.get_tab(step).label = f"{title} ({count})"

    def _fill(self, step: str, heading: str, rows: list[Row], empty: str) -> None:
        """One step: 'Step n of 4' and its heading, then its table, or the sentence saying it is empty."""
        self.rows[step] = rows
        position = STEPS.index(step) + 1
        self.query_one(f"#{step}-heading", Static).update(
            f"Step {position} of {len(STEPS)} · {heading}"
        )
        table = self.query_one(f"#{step}-table", FitTable)
        table.set_rows([(row.key, row.cells) for row in rows])
        table.display = bool(rows)
        note = self.query_one(f"#{step}-empty", Static)
        note.update(empty)
        note.display = not rows
