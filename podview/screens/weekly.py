"""Weekly goals, a week at a time, walked pod → client → account manager as a stand-up does.

The worker reads the shown week only, so its table is up as soon as that one
week is counted; a second worker then reads the weeks of the hit-rate trend
that are not in memory yet. Weeks once read stay in memory until the cache
changes (a sync reloads the screen), so moving a week reads at most one week
and going back to a week read before needs no worker at all. The pod filter
and the search work on what is in memory, so typing never touches the cache.

This module is the screen: its keys, its workers and its drawing. What it
keeps in memory and how it reads is in weekly_data, the table's rows in
weekly_rows, the words of heading and trend in weekly_text.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import replace
from itertools import islice

from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import DataTable, Input, Label, Static, TextArea

from podview.date_words import week_span
from podview.dates import Week
from podview.figures.row_marks import RowMarks
from podview.figures.weekly import WeeklyGoal, summarize
from podview.screens.context import DataScreen, DrawnToWidth, ViewContext
from podview.screens.requests import Target
from podview.screens.weekly_data import WeeklyData, read_marks, read_pods, read_weeks
from podview.screens.weekly_rows import (
    cells,
    columns_for,
    goal_note,
    goal_width,
    matches,
    walkthrough,
)
from podview.screens.weekly_text import (
    totals_cells,
    totals_label,
    trend_note,
    week_heading,
)
from podview.textual_compat import OwnStylesheet
from podview.widgets.key_footer import KeyFooter
from podview.widgets.scope_bar import SEARCH_HELP, ScopeBar
from podview.widgets.sized_table import SizedTable
from podview.widgets.sparkline import Spark
from podview.widgets.status import tone_styles
from podview.widgets.themes import palette, redraw_on_theme

__all__ = [
    "WeeklyScreen",
    "goal_note",
    "totals_cells",
    "totals_label",
    "trend_note",
    "walkthrough",
]
"""The screen, and the names the stand-up and the tests have long imported from here."""

FIRST_ROWS = 80
"""Rows put in the table before it is painted; the rest follow right after the paint."""
SEARCH_HINT = "Search goal or client  /"
"""The search box's placeholder: the footer leaves `/` out, so the box says it."""
WEEK_KEYS = Binding.Group("Week", compact=True)
"""←, → and t share one footer entry, so the app's keys still fit an 80-column footer
(as does leaving out `/`, which the search box's placeholder already shows)."""


class WeeklyScreen(OwnStylesheet, DrawnToWidth, DataScreen):
    """The weekly goals of one week, with totals per group and the hit-rate trend."""

    CSS_PATH = "weekly.tcss"
    TITLE = "Weekly goals"

    BINDINGS = [
        Binding(
            "left",
            "previous_week",
            "Prev week",
            id="weekly.previous",
            priority=True,
            group=WEEK_KEYS,
        ),
        Binding(
            "right", "next_week", "Next week", id="weekly.next", priority=True, group=WEEK_KEYS
        ),
        Binding("t", "this_week", "This week", id="weekly.today", group=WEEK_KEYS),
        Binding("f", "cycle_pod", "Pod filter", id="weekly.pod"),
        Binding(
            "slash", "search", "Search", id="weekly.search", show=False, tooltip=SEARCH_HELP
        ),
    ]

    def __init__(self, context: ViewContext, **kwargs) -> None:
        super().__init__(context, **kwargs)
        self.week = Week.of(context.today)
        self.data: WeeklyData | None = None
        self.reads = 0
        """How many times the cache was read afresh (a sync makes weeks in memory stale)."""
        self._drawn = 0
        """Counts table draws, so rows held back from an older draw are never added to a newer one."""

    def on_mount(self) -> None:
        """Redraw when the theme changes: table cells carry colours read from it."""
        redraw_on_theme(self, self.draw)

    def compose(self) -> ComposeResult:
        yield Static("Weekly goals · loading…", id="heading")
        yield ScopeBar(table="#goals", placeholder=SEARCH_HINT, id="controls")
        with Horizontal(id="trend"):
            yield Label(id="trend-label")
            yield Spark(low=0.0, high=1.0, id="spark")
            yield Label(id="trend-note")
        yield SizedTable(id="goals", cursor_type="row")
        yield Static(id="empty")
        yield KeyFooter()

    def refresh_data(self) -> None:
        """Read everything afresh (first show, after a sync): the weeks in memory are forgotten."""
        self.reads += 1
        super().refresh_data()

    def _read_week(self) -> None:
        """Read the shown week in the load worker, keeping the weeks in memory."""
        super().refresh_data()

    def load(self, conn: sqlite3.Connection) -> WeeklyData:
        """The shown week, and on a fresh read the pods to filter by (worker thread)."""
        week, reads, known = self.week, self.reads, self.data
        if known is None or known.read != reads:
            pods = read_pods(conn, self.context)
            known = WeeklyData(week, self.context.today, {}, pods, reads)
        found = {} if week in known.weeks else self.read_weeks(conn, [week])
        marks = read_marks(conn, self.context)
        return replace(known, week=week, marks=marks).adding(found)

    def on_screen_resume(self) -> None:
        """Back from a decision form (or any screen): mark the rows with what now waits in the outbox."""
        if self.data is not None:
            read = self.data.read
            self.read_in_background(
                lambda conn: read_marks(conn, self.context),
                lambda marks: self._marks_read(marks, read),
                job="marks",
            )

    def _marks_read(self, marks: RowMarks, read: int) -> None:
        """Redraw the table only when the marks changed, and only on the reading they were taken for."""
        if self.data is None or self.data.read != read or self.data.marks == marks:
            return
        self.data = replace(self.data, marks=marks)
        self.draw()

    def read_weeks(
        self, conn: sqlite3.Connection, weeks: Sequence[Week]
    ) -> dict[Week, list[WeeklyGoal]]:
        """The goals of `weeks`, one query per run of consecutive weeks (worker thread)."""
        return read_weeks(conn, weeks, self.context)

    def show(self, data: WeeklyData) -> None:
        """Draw the shown week through the current filters; once painted, read the trend's missing weeks.

        A screen built in the background is not painted until it is shown,
        so it reads them at once instead.

        Data from an older reading of the cache, or for a week no longer
        wanted, is dropped: a newer load is on its way.
        """
        if data.read != self.reads or data.week != self.week:
            return
        first = self.data is None
        moved = first or self.data.week != data.week
        if first or self.data.pods != data.pods:
            self.query_one(ScopeBar).offer_pods(data.pods)
        self.data = data
        self.draw(keep_cursor=not moved)
        if first:
            self.query_one("#goals", DataTable).focus()
        missing = data.missing()
        if missing and self.is_current:
            self.call_after_refresh(self._load_trend, missing, data.read)
        elif missing:
            self._load_trend(missing, data.read)

    def _load_trend(self, weeks: list[Week], read: int) -> None:
        """Read the trend's weeks not in memory yet, in the background."""
        self.read_in_background(
            lambda conn: self.read_weeks(conn, weeks),
            lambda found: self._add_weeks(found, read),
            job="trend",
        )

    def _add_weeks(self, found: dict[Week, list[WeeklyGoal]], read: int) -> None:
        """Keep the weeks read for the trend and redraw it (not the table, which they do not change)."""
        if self.data is None or read != self.data.read or read != self.reads:
            return
        self.data = self.data.adding(found)
        self._draw_trend()

    @property
    def pod(self) -> str | None:
        """The pod the rows are limited to; None shows every pod."""
        return self.query_one(ScopeBar).pod

    def visible(self, week: Week) -> list[WeeklyGoal]:
        """The goals of `week` that pass the pod filter and the search."""
        bar = self.query_one(ScopeBar)
        pod, search = bar.pod, bar.search
        return [goal for goal in self.data.weeks.get(week, []) if matches(goal, pod, search)]

    def draw(self, keep_cursor: bool = True) -> None:
        """Redraw heading, trend and table from memory; no query runs here.

        The cursor stays on its row through a resize or a new filter, and
        goes back to the top when another week is shown.
        """
        if self.data is None:
            return
        self.drawn_at_width()
        data = self.data
        goals = self.visible(data.week)
        overall = totals_label(summarize(None, goals), data.ended) if goals else "no goals"
        self.query_one("#heading", Static).update(
            f"Weekly goals · {week_heading(data.week, data.today)} · {overall}"
        )
        self.sub_title = week_heading(data.week, data.today)
        self._draw_trend()
        self._draw_table(goals, data.ended, keep_cursor)

    def _draw_trend(self) -> None:
        """Hit rate of each ended week among the last twelve; weeks not ended (or not read yet) are gaps."""
        data = self.data
        weeks = data.trend_weeks
        rates = [
            summarize(None, self.visible(week)).hit_rate
            if week.has_ended(data.today) and week in data.weeks
            else None
            for week in weeks
        ]
        self.query_one("#spark", Spark).values = tuple(rates)
        self.query_one("#trend-label", Label).update(
            f"Hit rate, {len(weeks)} weeks to {week_span(data.week, data.week, self.context.today)}"
        )
        note = "reading the weeks before…" if data.missing() else trend_note(rates)
        self.query_one("#trend-note", Label).update(note)

    def _draw_table(self, goals: list[WeeklyGoal], ended: bool, keep_cursor: bool) -> None:
        table = self.query_one("#goals", DataTable)
        row = table.cursor_row if keep_cursor else 0
        table.clear(columns=True)
        columns = columns_for(self.size.width)
        width = goal_width(columns, self.size.width, goals)
        table.add_column("Goal", width=width, key="goal")
        for key, title, size in columns:
            table.add_column(title, width=size, key=key)
        shown = len(columns) + 1
        styles = tone_styles(palette(self))
        marks = self.data.marks or RowMarks(self.data.today)
        rows = (cells(line, ended, styles, marks, self.data.today)[:shown] for line in walkthrough(goals))
        first = max(FIRST_ROWS, row + 1)
        table.add_rows(islice(rows, first))
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1), animate=False)
        self._drawn += 1
        drawn = self._drawn

        def add_the_rest() -> None:
            """A week of a large agency is some 1,000 rows, 60 ms to add: the screen shows its top first."""
            if self._drawn == drawn:
                table.add_rows(rows)

        self.call_after_refresh(add_the_rest)
        empty = self.query_one("#empty", Static)
        empty.update("" if goals else self._empty_reason())
        self.set_class(not goals, "-empty")

    def _empty_reason(self) -> str:
        if self.data.weeks.get(self.data.week):
            return "No goal of this week matches the pod filter or the search."
        return (
            f"No weekly goals are due in {week_span(self.data.week, self.data.week, self.context.today)}. ← and → move a week, t comes back."
        )

    def selected_target(self) -> Target | None:
        """What `d` decides on: the goal under the cursor, or the client whose row it is on."""
        table = self.query_one("#goals", DataTable)
        if self.data is None or not table.row_count:
            return None
        lines = list(walkthrough(self.visible(self.data.week)))[table.cursor_row :]
        goal = next((line.goal for line in lines if line.goal is not None), None)
        if lines and lines[0].goal is not None:
            return Target("weekly_goal", goal.task_gid, goal.name or goal.task_gid)
        if lines and lines[0].level == 1 and goal is not None:
            return Target("client", goal.client_gid, goal.client or goal.client_gid)
        return None

    def on_scope_bar_changed(self, event: ScopeBar.Changed) -> None:
        self.draw()

    def _typing(self) -> None:
        """Arrows and letters belong to a focused text field, not to the week."""
        if isinstance(self.focused, (Input, TextArea)):
            raise SkipAction()

    def _go(self, week: Week) -> None:
        """Show `week`: at once when it is in memory, else once the load worker has read it."""
        self.week = week
        data = self.data
        if data is None or data.read != self.reads or week not in data.weeks:
            self._read_week()
            return
        self.workers.cancel_group(self, "load")
        self.show(replace(data, week=week).adding({}))

    def action_previous_week(self) -> None:
        """Show the week before."""
        self._typing()
        self._go(self.week.shift(-1))

    def action_next_week(self) -> None:
        """Show the week after."""
        self._typing()
        self._go(self.week.shift(1))

    def action_this_week(self) -> None:
        """Come back to the week containing today."""
        self._go(Week.of(self.context.today))

    def action_cycle_pod(self) -> None:
        """Show the next pod's goals; after the last pod, every pod again."""
        self.query_one(ScopeBar).next_pod()

    def action_search(self) -> None:
        """Put the cursor in the search box; Enter or Esc gives the keys back to the table, search kept."""
        self.query_one(ScopeBar).start_search()
