"""The pod stand-up: one pod's meeting, walked as an agenda with a timer.

Choosing the pod asks the meeting's length and who attends (all members
ticked), then starts a `pod-standup` meeting that decisions belong to. Six
agenda steps, `n`/`p` between them: the previous stand-up's action items
(old business, shown first when there are any), last and this week's goals,
the pod's postponed and moved deadlines (due last or this week; `a`: every
week), this meeting's decisions so far, and the pod's people (optional:
being last, a pod can end before it). `e` asks, then ends the meeting and
shows its minutes.
"""

from __future__ import annotations

import sqlite3
from dataclasses import replace
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

from podview.decisions.meeting_plan import Plan
from podview.decisions.meetings import POD_STANDUP
from podview.figures.members import Member
from podview.figures.postponed_scope import ALL, LAST_AND_THIS_WEEK
from podview.figures.row_marks import RowMarks
from podview.screens.context import DataScreen, ViewContext
from podview.screens.meeting import (
    DECIDE_BINDING,
    END_BINDING,
    MINUTES_BINDING,
    READ_AHEAD,
    Ended,
    MeetingMixin,
    Started,
    next_length,
)
from podview.screens.meeting_dialogs import MeetingSetupScreen, Setup
from podview.screens.old_business import OLD_COLUMNS
from podview.screens.requests import OpenClient, Target
from podview.screens.standup_agenda import (
    MOVES_SCOPES,
    STEP_TITLES,
    Agenda,
    StandupData,
    load_standup,
    outbox_part,
    tab_labels,
)
from podview.screens.standup_rows import (
    DECISION_COLUMNS,
    GOAL_COLUMNS,
    MOVE_COLUMNS,
    PEOPLE_COLUMNS,
    Row,
)
from podview.screens.standup_steps import agenda_steps, step_counts
from podview.textual_compat import OwnStylesheet
from podview.widgets.fit_table import FitTable
from podview.widgets.key_footer import KeyFooter
from podview.widgets.status import tone_styles
from podview.widgets.themes import palette
from podview.widgets.timer import MeetingTimer

STEPS = ("step-old", "step-last", "step-this", "step-postponed", "step-decisions", "step-people")
"""The agenda in meeting order (tab pane ids)."""

STEP_KEYS = Binding.Group("Step", compact=True)
"""n and p share one footer entry, so the footer has room for `d` and `e` at 80 columns."""

SCOPE_TIP = "Postponed step: every week, or back to last and this week"
"""`a` is two bindings of one id, one shown at a time, so the footer says what pressing it will show."""

BOXES = (10, 15, 20, 30)
"""Stand-up lengths in minutes that the start dialog offers and `b` cycles through; 15 to start."""


class StandupScreen(OwnStylesheet, MeetingMixin, DataScreen):
    """A pod's stand-up: choose the pod, then walk six agenda steps against a time box."""

    CSS_PATH = "standup.tcss"
    TITLE = "Pod stand-up"
    MEETING_KIND = POD_STANDUP
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "step(1)", "Next step", id="standup.next", group=STEP_KEYS),
        Binding("p", "step(-1)", "Previous step", id="standup.previous", group=STEP_KEYS),
        Binding("b", "cycle_box", "Time box", id="standup.box"),
        *(
            Binding("a", f"moves_scope('{scope}')", label, id="standup.all", tooltip=SCOPE_TIP)
            for scope, label in ((ALL, "All weeks"), (LAST_AND_THIS_WEEK, "Last+this wk"))
        ),
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
        self.moves_scope = MOVES_SCOPES[0]
        """Which of the pod's moves the postponed step shows (figures/postponed_scope.py)."""
        self.data: StandupData | None = None
        self.rows: dict[str, list[Row]] = {}
        """Each step's rows as drawn, for Enter and `d`."""
        self._state = ""
        """The meeting's state as last said; said again once the agenda spells the pod's name."""
        self._counts: tuple[int, ...] = ()

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
                tables = (
                    OLD_COLUMNS, GOAL_COLUMNS, GOAL_COLUMNS, MOVE_COLUMNS, DECISION_COLUMNS, PEOPLE_COLUMNS
                )
                for step, title, columns in zip(STEPS, STEP_TITLES, tables):
                    with TabPane(title, id=step):
                        yield Static(classes="step-heading", id=f"{step}-heading")
                        yield FitTable(columns, id=f"{step}-table")
                        yield Static(classes="step-empty", id=f"{step}-empty")
        yield KeyFooter()

    def on_mount(self) -> None:
        """Title the screen; DataScreen's own on_mount then loads the pods (a named pod's agenda waits for its meeting)."""
        self.sub_title = "Pod stand-up"
        self.title = self.pod or "Choose a pod"
        self._say_state(
            "◌ Choose a pod to start the stand-up."
            if self.pod is None
            else "◌ Starting the stand-up…"
        )
        if self.pod is not None:
            self._choose(self.pod)

    def has_data(self) -> bool:
        """With the pod named, nothing loads before the meeting opens (or fails): the agenda is read against it."""
        return self.pod is not None

    def export_title(self) -> str:
        """`Pod Atlas stand-up`: the pod's name as its agenda spells it, once known."""
        pod = self.data.agenda.pod if self.data and self.data.agenda else self.pod
        return f"{pod} stand-up" if pod else "Pod stand-up"

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Steps and the time box only once the agenda is shown; the postponed step's scope only there."""
        if action in ("step", "cycle_box"):
            return self.pod is not None
        if action == "moves_scope":
            here = self.pod is not None and self._showing_agenda() and self.step == "step-postponed"
            return here and parameters[0] != self.moves_scope
        return super().check_action(action, parameters)

    def load(self, conn: sqlite3.Connection) -> StandupData:
        """The pod names; with a pod chosen, its agenda (worker thread)."""
        return load_standup(conn, self.context, self.pod, self.meeting)

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
            self.query_one("#standup-agenda", TabbedContent).active = STEPS[0 if data.agenda.carried.items else 1]
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

    def meeting_asked(self) -> None:
        """Read the agenda behind the start dialog: a new meeting opens with that very agenda (no decisions yet)."""
        self.read_in_background(self.load, self.show, job=READ_AHEAD)

    def meeting_set_up(self, setup: Setup) -> None:
        """Start the pod's meeting with its length and attendees."""
        self._box(setup.minutes)
        self.begin_meeting(self.pod, setup.attendees, Plan(minutes=setup.minutes))

    def meeting_cancelled(self) -> None:
        """Back to the choice of pod if it was made here; else the stand-up closes unstarted."""
        if not self.chose_here:
            super().meeting_cancelled()
            return
        self.workers.cancel_group(self, READ_AHEAD)
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
        if started.resumed or self.data is None or self.data.agenda is None:
            self.refresh_data()
        else:
            self.show(self.data)

    def meeting_ended(self, ended: Ended) -> None:
        """Stop the clock; the minutes stay one key away."""
        self.query_one("#standup-timer", MeetingTimer).stop()
        self._say_state("■ Meeting ended · m shows the minutes again")

    def meeting_failed(self, starting: bool, message: str) -> None:
        """Without a meeting the agenda still shows, but decisions are not grouped under it."""
        if starting:
            self._say_state("✖ Not recorded as a meeting (see the message)")
            self.refresh_data()

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
        self.keep_length(self.box_minutes)

    def action_moves_scope(self, scope: str) -> None:
        """The postponed step: last and this week, or every week (drawn from memory, no query)."""
        self.moves_scope = scope
        self.refresh_bindings()
        if self.data is not None and self.data.agenda is not None:
            self._draw(self.data.agenda)

    def _showing_agenda(self) -> bool:
        return self.query_one("#standup-body", ContentSwitcher).current == "standup-agenda"

    def _box(self, minutes: int) -> None:
        self.box_minutes = minutes
        self.query_one("#standup-timer", MeetingTimer).box = minutes * 60

    @property
    def step(self) -> str:
        """The agenda step on show (its pane id)."""
        return self.query_one("#standup-agenda", TabbedContent).active

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        """A step's table is laid out at its width once shown; the decisions step re-reads them (a form may have recorded one)."""
        self.refresh_bindings()
        for table in self.query(f"#{event.pane.id}-table").results(FitTable):
            self.call_after_refresh(table.refit)
        if event.pane.id == "step-decisions":
            self._reread_outbox()

    def on_screen_resume(self) -> None:
        """Back from a form, card or the outbox: decisions and marks are read again (if not covered again at once)."""
        if self.is_current:
            self._reread_outbox()

    def _reread_outbox(self) -> None:
        agenda = self.data.agenda if self.data is not None else None
        if agenda is not None:
            self.read_in_background(
                lambda conn: outbox_part(conn, self.context.today, self.meeting),
                lambda part: self._outbox_read(agenda, *part),
                job="outbox-part",
            )

    def _outbox_read(self, agenda: Agenda, decisions: list, marks: RowMarks) -> None:
        """Redraw if this agenda is still the one shown and what waits in the outbox changed."""
        if self.data is None or self.data.agenda is not agenda:
            return
        if (agenda.decisions, agenda.marks) != (decisions, marks):
            self.data = replace(self.data, agenda=replace(agenda, decisions=decisions, marks=marks))
            self._draw(self.data.agenda)

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

    def _draw(self, agenda: Agenda) -> None:
        """Every step's heading, table and tab label (with its count), from memory."""
        styles = tone_styles(palette(self))
        for content in agenda_steps(agenda, self.moves_scope, self.context.today, styles, bool(self.meeting)):
            self._fill(*content)
        self._counts = step_counts(agenda, self.moves_scope)
        self._label_tabs()

    def on_resize(self) -> None:
        if self._counts:
            self._label_tabs()

    def _label_tabs(self) -> None:
        """Full step names with room for them, short ones (and tighter tabs) on a narrow screen."""
        tabs = self.query_one("#standup-agenda", TabbedContent)
        labels, tight = tab_labels(self._counts, self.moves_scope, self.size.width)
        tabs.set_class(tight, "-narrow-tabs")
        for step, label in zip(STEPS, labels):
            tabs.get_tab(step).label = label

    def _fill(self, step: str, heading: str, rows: list[Row], empty: str) -> None:
        """One step: 'Step n of 6' and its heading, then its table, or the sentence saying it is empty."""
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
