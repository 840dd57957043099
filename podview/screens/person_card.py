"""The person card: one person's week, setbacks, action items, tests, training and clients, in one list.

Opened by Enter on a People row. One table holds every section, each
under a heading row that sums it up, so one cursor walks the whole card at
any size and `d` decides on the row it is on: a goal (postpone, comment),
an action item, a test (its result), a training module, a client. Enter on
a client opens its card. The figures are People's own (figures/person_card),
so the card always adds up to the person's row there.
"""

from __future__ import annotations

import sqlite3
from datetime import date
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.widgets import DataTable, Header, Static

from podview import words
from podview.date_words import day, week_span
from podview.figures.person_card import PersonCard, person_card
from podview.screens.context import DataScreen, ViewContext
from podview.screens.requests import OpenClient, Target
from podview.textual_compat import OwnStylesheet
from podview.widgets.fit_table import Cell, Column, FitTable
from podview.widgets.key_footer import KeyFooter
from podview.widgets.labels import NONE, TONE_COLOURS, interval, percent
from podview.widgets.row_marks import card_status
from podview.widgets.status import ACTION_ITEMS, FLAGS, TALLIES, WEEKLY, StatusLook

COLUMNS = [
    Column("", "when", 10, fit=True),
    Column("Client", "client", 16, fit=True),
    Column("State", "state", 14, fit=True),
    Column("What", "what"),
]
"""A section's name on its heading row, else the item's week or day; the client (a module's course); its state; what it is."""

SETBACK_LOOKS = {
    "missed": WEEKLY["missed"],
    "late": WEEKLY["late"],
    "postponed": WEEKLY["postponed"],
    "deadline_moved": FLAGS["deadline_moved"],
    "recreated": FLAGS["recreated"],
}
"""How a setback's kind is shown."""

Row = tuple[str, list[Cell]]


def looks(state: StatusLook, extra: str = "") -> Text:
    """A state's icon and word in its tone's colour, with `extra` after it."""
    return Text(state.label + extra, style=TONE_COLOURS[state.tone], no_wrap=True, overflow="ellipsis")


def one_line(text: str | None) -> Text:
    """A client's or course's name on one line, cut with … when the column is short."""
    return Text(text or NONE, no_wrap=True, overflow="ellipsis")


def counted(pairs: list[tuple[int, str]]) -> str:
    """`1 missed · 2 postponed`: the non-zero counts, or `none`."""
    said = [f"{count} {what}" for count, what in pairs if count]
    return " · ".join(said) or "none"


class PersonCardScreen(OwnStylesheet, DataScreen):
    """One person on one card; Escape goes back to People."""

    CSS_PATH = "person_card.tcss"
    AUTO_FOCUS = "#items"
    BINDINGS: ClassVar[list[BindingType]] = []

    def __init__(self, context: ViewContext, user_gid: str, **kwargs) -> None:
        super().__init__(context, **kwargs)
        self.user_gid = user_gid
        """The person shown."""
        self.data: PersonCard | None = None
        self._targets: dict[str, Target] = {}
        """What `d` decides on, by row key (heading rows have none)."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="person-head")
        yield FitTable(COLUMNS, id="items")
        yield KeyFooter()

    def on_mount(self) -> None:
        """DataScreen's own on_mount starts the load."""
        self.sub_title = "Person card"
        self.query_one("#items").loading = True

    def load(self, conn: sqlite3.Connection) -> PersonCard:
        """Everything the card shows (worker thread)."""
        context = self.context
        return person_card(
            conn,
            self.user_gid,
            today=context.today,
            zone=context.zone,
            confidence=context.config.tactics.confidence,
        )

    def show(self, data: PersonCard) -> None:
        """The head lines and every section's rows."""
        self.data = data
        self.title = data.person.name
        self.query_one("#person-head", Static).update(self._head(data))
        self._targets = {}
        rows = [
            *self._goals(data),
            *self._setbacks(data),
            *self._actions(data),
            *self._tests(data),
            *self._training(data),
            *self._clients(data),
        ]
        table = self.query_one("#items", FitTable)
        table.loading = False
        table.set_rows(rows)

    def export_title(self) -> str:
        """`Priya Raman card`: the person on show, once their figures are in."""
        return f"{self.data.person.name} card" if self.data is not None else "Person card"

    def on_screen_resume(self) -> None:
        """Back from a decision form: read again, so a goal shows what now waits in the outbox."""
        if self.data is not None:
            self.refresh_data()

    def _head(self, data: PersonCard) -> Text:
        """Name, pods, clients; the window's figures as People counts them; the coaching signals in words."""
        person, weekly = data.person, data.person.weekly
        head = Text()
        head.append(person.name, style="bold")
        head.append(f"  ·  {', '.join(person.pods) or 'no pod'}  ·  {person.clients} clients\n")
        head.append(
            f"{week_span(data.window[0], data.window[-1], self.context.today)}: {weekly.goals} goals, hit rate {percent(weekly.hit_rate)}, "
            f"{percent(weekly.planned_by_monday)} set by Monday\n"
        )
        head.append("Coaching: ", style="bold")
        head.append(words.coaching_text(person.coach))
        return head

    def _heading(self, key: str, name: str, summary: str) -> Row:
        return (f"head:{key}", [Text(name, style="bold"), "", "", Text(summary, style="dim")])

    def _goals(self, data: PersonCard) -> list[Row]:
        """This week's and last week's goals, with the marks Weekly gives them (overdue, postponing, pending)."""
        rows = []
        today = self.context.today
        for (week, goals), name in zip(data.weeks, ("This week", "Last week")):
            rows.append(self._heading(week.name, name, f"{week_span(week, week, today)} · {len(goals)} weekly goals"))
            for goal in goals:
                key = f"goal:{week.name}:{goal.task_gid}"
                self._targets[key] = Target("weekly_goal", goal.task_gid, goal.name or goal.task_gid)
                status = card_status(goal, data.marks, TONE_COLOURS)
                if goal.carried_over:
                    status.append(" ↪")
                rows.append((key, [_day(goal.due_on, today), one_line(goal.client), status, goal.name or NONE]))
        return rows

    def _setbacks(self, data: PersonCard) -> list[Row]:
        """The window's missed, late, postponed, moved and re-created goals, with the reason typed for a postponement."""
        kinds = [item.what for item in data.setbacks]
        summary = counted([(kinds.count(kind), words.word({**words.WEEKLY, **words.FLAGS}, kind)) for kind in SETBACK_LOOKS])
        rows = [self._heading("setbacks", "Setbacks", f"{week_span(data.window[0], data.window[-1], self.context.today)}: {summary}")]
        for index, item in enumerate(data.setbacks):
            key = f"setback:{index}"
            self._targets[key] = Target("weekly_goal", item.task_gid, item.name or item.task_gid)
            what = Text(item.name or NONE)
            if item.reason:
                what.append(f" — {item.reason}", style="italic")
            rows.append((key, [week_span(item.week, item.week, self.context.today), one_line(item.client), looks(SETBACK_LOOKS[item.what]), what]))
        return rows

    def _actions(self, data: PersonCard) -> list[Row]:
        overdue = sum(item.overdue for item in data.actions)
        summary = counted([(len(data.actions), "open"), (overdue, "overdue")])
        rows = [self._heading("actions", "Actions", f"action items: {summary}")]
        for item in data.actions:
            key = f"action:{item.task_gid}"
            self._targets[key] = Target("action_item", item.task_gid, item.name or item.task_gid)
            state = ACTION_ITEMS["overdue" if item.overdue else "open"]
            rows.append((key, [_day(item.due_on, self.context.today), one_line(item.client), looks(state), item.name or NONE]))
        return rows

    def _tests(self, data: PersonCard) -> list[Row]:
        tactics = data.person.tactics
        summary = counted([(tactics.win, "won"), (tactics.loss, "lost"), (tactics.running, "running")])
        if tactics.win_rate_ci:
            summary += f" · win rate {interval(tactics.win_rate_ci)}"
        rows = [self._heading("tests", "Tests", f"since {day(data.since, self.context.today)}: {summary}")]
        for item in data.tactics:
            key = f"tactic:{item.task_gid}"
            self._targets[key] = Target("tactic", item.task_gid, item.name or item.task_gid)
            rows.append((key, [_day(item.day, self.context.today), one_line(item.client), looks(TALLIES[item.tally]), item.name or NONE]))
        return rows

    def _training(self, data: PersonCard) -> list[Row]:
        training = data.person.training
        score = NONE if training.avg_score is None else f"{training.avg_score:.0f}"
        summary = f"{training.completed} of {training.assigned} done · {training.overdue} overdue · average score {score}"
        rows = [self._heading("training", "Training", summary if training.assigned else "no modules assigned")]
        for module in data.modules:
            key = f"module:{module.task_gid}"
            self._targets[key] = Target("training_module", module.task_gid, module.name or module.task_gid)
            if module.completed:
                state = looks(FLAGS["done"], "" if module.score is None else f" · {module.score:.0f}")
            else:
                state = looks(ACTION_ITEMS["overdue" if module.overdue else "open"])
            rows.append((key, [_day(module.due, self.context.today), one_line(module.project), state, module.name or NONE]))
        return rows

    def _clients(self, data: PersonCard) -> list[Row]:
        rows = [self._heading("clients", "Clients", f"{len(data.clients)} they serve · Enter opens a card")]
        for client in data.clients:
            key = f"client:{client.gid}"
            self._targets[key] = Target("client", client.gid, client.name)
            rows.append((key, ["", one_line(client.name), client.pod or "no pod", ""]))
        return rows

    def selected_target(self) -> Target | None:
        """What `d` decides on: the item on the cursor's row (none on a heading)."""
        table = self.query_one("#items", FitTable)
        if self.data is None or not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return self._targets.get(key)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter on a client opens its card."""
        key = event.row_key.value or ""
        if key.startswith("client:"):
            self.post_message(OpenClient(key.removeprefix("client:")))


def _day(when: date | None, today: date) -> str:
    return day(when, today) if when is not None else NONE
