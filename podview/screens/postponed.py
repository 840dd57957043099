"""The postponement ledger, the "no cheating" audit: every way a weekly deadline moved.

Four sections, always all four, each with its count in the heading (scope
`all`: every week in the cache, said with the count): sanctioned
postponements (with their reason), deadlines moved without one, goals
re-created after a missed deadline (naming the goal they replace), and tasks
podview could not read. An empty section says so, which is the good news.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Static

from podview.date_words import day, moment, move
from podview.figures.postponed import (
    Original,
    PostponedReport,
    RecreatedGoal,
    originals,
    postponed_report,
)
from podview.figures.postponed_scope import ALL
from podview.screens.context import DataScreen, DrawnToWidth, ViewContext
from podview.screens.requests import Target
from podview.textual_compat import OwnStylesheet
from podview.widgets.key_footer import KeyFooter
from podview.widgets.sized_table import SizedTable
from podview.widgets.status import FLAGS, WEEKLY, StatusLook, status_text, tone_styles
from podview.widgets.themes import palette, redraw_on_theme
from podview.widgets.widths import natural, share
from podview.words import POSTPONED_SCOPES

SCOPE = POSTPONED_SCOPES[ALL]
"""Every count here is of the whole ledger, and says so."""

SECTIONS = ("postponed", "moved", "recreated", "problems")
SECTION_KEYS = Binding.Group("Section", compact=True)
"""n and N share one footer entry, so the app's keys still fit an 80-column footer."""


@dataclass(frozen=True)
class LedgerData:
    """The report and the goals that re-created goals replace, keyed by gid."""

    report: PostponedReport
    originals: dict[str, Original]


@dataclass(frozen=True)
class Section:
    """How one section is titled and which columns it has (title, width; see `PostponedScreen._widths`)."""

    look: StatusLook
    title: str
    wide: tuple[tuple[str, int | None], ...]
    narrow: tuple[tuple[str, int | None], ...]
    empty: str


CLIENT, SPAN, DONE = ("Client", 20), ("Fixed → due", 15), ("Done", 10)
SHORT_CLIENT = ("Client", 16)
WIDE = 120
"""From this width on, every field has a column; below it, second facts share a two-line cell."""
NAMES = ("Client", "Owner")
"""Columns whose width is their least: they grow to their longest name when there is room."""
TEXT_LEAST, TEXT_FIRST = 16, 60
"""A column of free text (width None: goal names, reasons, problems) is at least 16 wide, and grows
to 60 before the names grow past their least."""

SECTION_LOOKS = {
    "postponed": Section(
        WEEKLY["postponed"],
        "with a reason",
        (CLIENT, ("Goal", None), ("Owner", 16), SPAN, ("Reason", None), DONE),
        (SHORT_CLIENT, ("Goal / reason", None), SPAN, DONE),
        "No goal was postponed.",
    ),
    "moved": Section(
        FLAGS["deadline_moved"],
        "without a valid reason, so judged at the fixed date",
        (CLIENT, ("Goal", None), ("Owner", 16), SPAN, DONE),
        (SHORT_CLIENT, ("Goal", None), SPAN, DONE),
        "No deadline was moved without a reason.",
    ),
    "recreated": Section(
        FLAGS["recreated"],
        "after a goal of the same name missed its deadline",
        (CLIENT, ("Goal", None), ("Created", 12), ("Replaces", None)),
        (SHORT_CLIENT, ("Goal / replaces", None), ("Created", 12)),
        "No goal was re-created to escape a deadline.",
    ),
    "problems": Section(
        FLAGS["data_problem"],
        "tasks podview could not read as the conventions expect",
        (CLIENT, ("Task", None), ("Problem", None)),
        (SHORT_CLIENT, ("Task", None), ("Problem", None)),
        "No data problems.",
    ),
}


def tidy(name: str | None) -> str:
    """A task name with its runs of spaces collapsed, as a table can show it; `(unnamed)` for none."""
    return " ".join((name or "").split()) or "(unnamed)"


def moved_span(fixed: date, due: date, today: date) -> str:
    """`18 Nov → 25 Nov`: from the fixed deadline to the current due date."""
    return move(fixed, due, today)


def replaces(goal: RecreatedGoal, originals: dict[str, Original], today: date) -> str:
    """The goal a re-creation replaces, by name and deadline (gid when the cache lacks it)."""
    original = originals.get(goal.original_task_gid)
    if original is None:
        return f"task {goal.original_task_gid}"
    due = f", due {day(original.fixed_due_on, today)}" if original.fixed_due_on else ""
    return f"{tidy(original.name)}{due}"


class PostponedScreen(OwnStylesheet, DrawnToWidth, DataScreen):
    """The postponement ledger in four sections."""

    CSS_PATH = "postponed.tcss"
    TITLE = "Postponed"

    BINDINGS = [
        Binding(
            "n", "next_section", "Next section", id="postponed.next_section", group=SECTION_KEYS
        ),
        Binding(
            "N",
            "previous_section",
            "Prev section",
            id="postponed.previous_section",
            group=SECTION_KEYS,
        ),
    ]

    def __init__(self, context: ViewContext, **kwargs) -> None:
        super().__init__(context, **kwargs)
        self.data: LedgerData | None = None

    def on_mount(self) -> None:
        """Redraw when the theme changes: table cells carry colours read from it."""
        redraw_on_theme(self, self.draw)

    def compose(self) -> ComposeResult:
        yield Static("Postponement ledger · loading…", id="heading")
        with VerticalScroll(id="ledger"):
            for key in SECTIONS:
                yield Static(id=f"{key}-title", classes="section-title")
                yield SizedTable(id=f"{key}-table", cursor_type="row", classes="section-table")
                yield Static(id=f"{key}-empty", classes="section-empty")
        yield KeyFooter()

    def load(self, conn: sqlite3.Connection) -> LedgerData:
        """The ledger, and the names of the goals re-created ones replace (worker thread)."""
        context = self.context
        report = postponed_report(
            conn, today=context.today, zone=context.zone, client=context.client_safe
        )
        return LedgerData(report, originals(conn, report.recreated))

    def show(self, data: LedgerData) -> None:
        """Fill the four sections; the heading counts them."""
        first = self.data is None
        self.data = data
        report = data.report
        counts = (
            len(report.postponed),
            len(report.deadline_moved),
            len(report.recreated),
            len(report.problems),
        )
        summary = " · ".join(
            f"{look.icon} {count} {look.word}"
            for look, count in zip((SECTION_LOOKS[key].look for key in SECTIONS), counts)
        )
        self.query_one("#heading", Static).update(f"Ledger · {SCOPE}: {summary}")
        self.draw()
        if first:
            self._focus_section(0)

    def draw(self) -> None:
        """Redraw every section at the current width; no query runs here."""
        if self.data is None:
            return
        self.drawn_at_width()
        report, styles = self.data.report, tone_styles(palette(self))
        wide = self.size.width >= WIDE
        sections = (report.postponed, report.deadline_moved, report.recreated, report.problems)
        for key, rows in zip(SECTIONS, sections):
            self._fill(key, [self._cells(key, row, wide, styles) for row in rows], wide, styles)

    def _cells(self, key: str, row, wide: bool, styles) -> list[str | Text]:
        """One ledger row as the cells of its section's columns; narrow, a second fact goes under the name."""
        name, today = tidy(row.name), self.context.today
        if key == "problems":
            return [row.client or "—", name, row.problem]
        if key == "recreated":
            created = moment(row.created_at, today) if row.created_at else "—"
            original = replaces(row, self.data.originals, today)
            if wide:
                return [row.client or "—", name, created, original]
            return [row.client or "—", _two_lines(name, f"replaces {original}"), created]
        done = status_text(FLAGS["done" if row.completed else "not_done"], styles)
        span = moved_span(row.fixed_due_on, row.due_on, today)
        if not wide:
            if key == "postponed":
                name = _two_lines(name, row.reason)
            return [row.client or "—", name, span, done]
        reason = [row.reason] if key == "postponed" else []
        return [row.client or "—", name, row.assignee or "(unassigned)", span, *reason, done]

    def _fill(self, key: str, rows: list[list[str | Text]], wide: bool, styles) -> None:
        """One section: its title with the count, then its table, or the sentence saying it is empty."""
        section = SECTION_LOOKS[key]
        title = status_text(section.look, styles)
        title.append(f" {len(rows)} · {SCOPE} · {section.title}", style="bold")
        self.query_one(f"#{key}-title", Static).update(title)
        table = self.query_one(f"#{key}-table", DataTable)
        cursor = table.cursor_row
        table.clear(columns=True)
        columns = section.wide if wide else section.narrow
        for (name, _), width in zip(columns, self._widths(columns, rows)):
            table.add_column(name, width=width)
        for index, row in enumerate(rows):
            height = max(
                value.plain.count("\n") + 1 if isinstance(value, Text) else 1 for value in row
            )
            table.add_row(*(_cell(value) for value in row), key=f"{index}", height=height)
        if rows:
            table.move_cursor(row=min(cursor, len(rows) - 1), animate=False)
        table.display = bool(rows)
        empty = self.query_one(f"#{key}-empty", Static)
        empty.update(Text.assemble((f"{FLAGS['done'].icon} ", styles["good"]), section.empty))
        empty.display = not rows

    def _widths(
        self, columns: Sequence[tuple[str, int | None]], rows: list[list[str | Text]]
    ) -> list[int]:
        """Fixed columns keep their width; names and free text share the rest, each up to its longest line."""
        growing = [i for i, (name, width) in enumerate(columns) if width is None or name in NAMES]
        fixed = sum(width or 0 for i, (_, width) in enumerate(columns) if i not in growing)
        room = self.size.width - fixed - 2 * len(columns) - 4
        wants = [
            (columns[i][1] or TEXT_LEAST, natural([columns[i][0], *(row[i] for row in rows)]))
            for i in growing
        ]
        first = [TEXT_FIRST if columns[i][1] is None else 0 for i in growing]
        widths = [width or 0 for _, width in columns]
        for i, width in zip(growing, share(room, wants, first)):
            widths[i] = width
        return widths

    def _tables(self) -> list[DataTable]:
        return [table for table in self.query(".section-table").results(DataTable) if table.display]

    def _focus_section(self, index: int) -> None:
        tables = self._tables()
        if tables:
            table = tables[index % len(tables)]
            table.focus(scroll_visible=False)
            title = self.query_one(f"#{table.id.removesuffix('-table')}-title")
            title.scroll_visible(top=True, animate=False)

    def _step_section(self, step: int) -> None:
        tables = self._tables()
        current = tables.index(self.focused) if self.focused in tables else -step
        self._focus_section(current + step)

    def selected_target(self) -> Target | None:
        """What `d` decides on: the task under the cursor (a weekly goal, or any task with a problem)."""
        if self.data is None or self.focused not in self._tables():
            return None
        key = self.focused.id.removesuffix("-table")
        report = self.data.report
        rows = dict(
            zip(
                SECTIONS,
                (report.postponed, report.deadline_moved, report.recreated, report.problems),
            )
        )
        row = rows[key][self.focused.cursor_row]
        return Target("task" if key == "problems" else "weekly_goal", row.task_gid, tidy(row.name))

    def action_next_section(self) -> None:
        """Move to the next section that has rows."""
        self._step_section(1)

    def action_previous_section(self) -> None:
        """Move to the previous section that has rows."""
        self._step_section(-1)


def _two_lines(first: str, second: str) -> Text:
    """A name with a second, dimmer line under it (a reason, the goal replaced)."""
    return Text.assemble(first, "\n", ("↳ " + second, "dim"), no_wrap=True, overflow="ellipsis")


def _cell(value: object) -> Text:
    return value if isinstance(value, Text) else Text(str(value), no_wrap=True, overflow="ellipsis")

