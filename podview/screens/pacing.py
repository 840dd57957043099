"""Every 90-day goal as a bar against where it should be by now, worst first.

Order, worst first: `missed` (the period is over and the target was not
reached), `off track`, `at risk`, then `on track`, `not started` and
`achieved`; goals that cannot be judged (`no dates`, `no metric`) come last,
where they read as data to fix rather than as news. Within a status the
lowest pace leads, then the fewest days left. The computed status sits
beside Asana's own, never replacing it. Selecting a goal loads the history
of its metric in a worker.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date, datetime
from functools import partial

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Label, Static

from podview.date_words import day
from podview.figures.goal_metrics import Metric, goal_metrics, metric_history
from podview.figures.pacing import GoalPacing, pacing_report
from podview.screens.context import DataScreen, DrawnToWidth, ViewContext
from podview.screens.requests import Target
from podview.textual_compat import OwnStylesheet
from podview.widgets.bars import PaceBar, pace_bar
from podview.widgets.key_footer import KeyFooter
from podview.widgets.sized_table import SizedTable
from podview.widgets.sparkline import Spark
from podview.widgets.status import PACING, StatusBadge, asana_look, status_text, tone_styles
from podview.widgets.themes import palette, redraw_on_theme
from podview.widgets.widths import natural, share

WORST_FIRST = (
    "missed",
    "off track",
    "at risk",
    "on track",
    "not started",
    "achieved",
    "no dates",
    "no metric",
)
"""Status order of the table (see the module docstring for why)."""
BAR_WIDTH = 12
NARROW = ("status", "client_goal", "progress", "left", "asana")
MEDIUM = ("status", "goal", "client", "progress", "pace", "left", "asana")
WIDE = MEDIUM + ("projected", "values")
LAYOUTS = ((170, WIDE), (110, MEDIUM), (0, NARROW))
"""Which columns show from which terminal width on: narrow, the client leads the goal's name."""
COLUMNS = {
    "status": ("Status", 13),
    "client_goal": ("Client · goal", None),
    "goal": ("Goal", None),
    "client": ("Client", None),
    "progress": ("Progress", BAR_WIDTH + 5),
    "pace": ("Pace", 5),
    "left": ("Left", 5),
    "asana": ("Asana says", 11),
    "projected": ("Projected", 12),
    "values": ("Now → target", 22),
}
"""Each column's title and width; None: a column of names, as wide as its longest when there is room."""
NAMES_LEAST = {"client_goal": 16, "goal": 16, "client": 18}
"""The narrowest the columns of names get: below it the table scrolls sideways."""
NAMES_FIRST = {"client_goal": 56, "goal": 56, "client": 18}
"""How wide each grows before any grows further: the goal's words before the whole client name."""
@dataclass(frozen=True)
class PacingData:
    """The goals in table order, with how each one's metric is written."""

    goals: list[GoalPacing]
    metrics: dict[str, Metric]


def worst_first(goals: list[GoalPacing]) -> list[GoalPacing]:
    """Goals ordered by WORST_FIRST, then lowest pace, fewest days left, client, name, gid."""

    def key(goal: GoalPacing) -> tuple:
        rank = WORST_FIRST.index(goal.status) if goal.status in WORST_FIRST else len(WORST_FIRST)
        pace = goal.pace if goal.pace is not None else float("inf")
        left = goal.days_left if goal.days_left is not None else 10**6
        return (
            rank,
            pace,
            left,
            goal.client.casefold(),
            (goal.name or "").casefold(),
            goal.goal_gid,
        )

    return sorted(goals, key=key)


def percent(value: float | None) -> str:
    """A share as a whole percentage; a rounding `-0%` reads as 0%."""
    return "—" if value is None else f"{round(value, 2) + 0.0:.0%}"


def _cut(text: Text) -> Text:
    text.no_wrap, text.overflow = True, "ellipsis"
    return text


def trend_caption(points: list[tuple[datetime, float | None]], metric: Metric, today: date) -> str:
    """What the trend shows, or with one snapshot the value alone and a promise."""
    if not points:
        return "no snapshot yet · trend builds up with each sync"
    last_at, last = points[-1]
    if len(points) == 1:
        return f"{metric.format(last)} on {day(last_at.date(), today)} · trend builds up with each sync"
    first_at, first = points[0]
    since = f"{metric.format(first)} on {day(first_at.date(), today)}"
    return f"{since} → {metric.format(last)} on {day(last_at.date(), today)} ({len(points)} syncs)"


class PacingScreen(OwnStylesheet, DrawnToWidth, DataScreen):
    """90-day goals worst first, with the selected goal's bar, figures and metric trend."""

    CSS_PATH = "pacing.tcss"
    TITLE = "Pacing"

    BINDINGS = [
        Binding("w", "worst", "Worst goal", id="pacing.worst"),
    ]

    def __init__(self, context: ViewContext, **kwargs) -> None:
        super().__init__(context, **kwargs)
        self.data: PacingData | None = None
        self.selected: GoalPacing | None = None

    def on_mount(self) -> None:
        """Redraw when the theme changes: table cells carry colours read from it."""
        redraw_on_theme(self, self.draw)

    def compose(self) -> ComposeResult:
        yield Static("90-day goals · loading…", id="heading")
        yield SizedTable(id="goals", cursor_type="row")
        with Vertical(id="detail"):
            yield Label(id="detail-name")
            yield PaceBar(id="detail-bar")
            yield Static(id="detail-figures")
            with Horizontal(id="detail-status"):
                yield StatusBadge(id="detail-computed")
                yield Label(" · Asana says ", id="detail-asana-label")
                yield StatusBadge(id="detail-asana")
            with Horizontal(id="detail-trend"):
                yield Label("Trend ", id="detail-trend-label")
                yield Spark(id="detail-spark")
                yield Label(id="detail-trend-note")
        yield KeyFooter()

    def load(self, conn: sqlite3.Connection) -> PacingData:
        """The pacing report, worst first, and each goal's unit (worker thread)."""
        context, pacing = self.context, self.context.config.pacing
        report = pacing_report(
            conn,
            today=context.today,
            on_track=pacing.on_track,
            at_risk=pacing.at_risk,
            client=context.client_safe,
        )
        return PacingData(worst_first(report.goals), goal_metrics(conn))

    def show(self, data: PacingData) -> None:
        """Draw the table; the cursor's goal fills the detail panel."""
        first = self.data is None
        self.data = data
        self.query_one("#heading", Static).update(self._heading(data.goals))
        self.draw()
        if first:
            self.query_one("#goals", DataTable).focus()

    def _heading(self, goals: list[GoalPacing]) -> str:
        counts = [(status, sum(goal.status == status for goal in goals)) for status in WORST_FIRST]
        parts = [f"{PACING[status].icon} {count} {PACING[status].word}" for status, count in counts if count]
        return f"90-day goals, worst first: {' · '.join(parts) or 'none'}"

    def draw(self) -> None:
        """Fill the table with the columns the width allows; no query runs here."""
        if self.data is None:
            return
        self.drawn_at_width()
        table = self.query_one("#goals", DataTable)
        row = table.cursor_row
        table.clear(columns=True)
        keys = next(keys for width, keys in LAYOUTS if self.size.width >= width)
        styles = tone_styles(palette(self))
        rows = [self._cells(goal, styles) for goal in self.data.goals]
        named = [key for key in keys if COLUMNS[key][1] is None]
        fixed = sum(COLUMNS[key][1] or 0 for key in keys) + 2 * len(keys) + 2
        wants = [(NAMES_LEAST[key], natural(row[key] for row in rows)) for key in named]
        first = [NAMES_FIRST[key] for key in named]
        widths = dict(zip(named, share(self.size.width - fixed, wants, first)))
        for key in keys:
            title, width = COLUMNS[key]
            table.add_column(title, key=key, width=width or widths[key])
        for goal, cells in zip(self.data.goals, rows):
            table.add_row(*(cells[key] for key in keys), key=f"{goal.goal_gid}/{goal.client_gid}")
        self.set_class(not self.data.goals, "-empty")
        if self.data.goals:
            table.move_cursor(row=min(row, len(self.data.goals) - 1))
            self.select(self.data.goals[table.cursor_row])

    def _cells(self, goal: GoalPacing, styles) -> dict[str, Text]:
        """Every cell a goal can show, by column key."""
        look = PACING.get(goal.status)
        bar = pace_bar(
            goal.progress, goal.expected, BAR_WIDTH, fill=styles[look.tone] if look else ""
        )
        bar.append(f" {percent(goal.progress):>4}")
        metric = self.data.metrics.get(goal.goal_gid, Metric())
        name = goal.name or "(unnamed goal)"
        return {
            "status": status_text(goal.status, styles, PACING),
            "client_goal": _cut(Text.assemble((goal.client, "bold"), " · ", name)),
            "goal": _cut(Text(name)),
            "client": _cut(Text(goal.client)),
            "progress": bar,
            "pace": Text("—" if goal.pace is None else f"{goal.pace:.2f}", justify="right"),
            "left": Text("—" if goal.days_left is None else f"{goal.days_left}d", justify="right"),
            "asana": status_text(asana_look(goal.asana_status), styles),
            "projected": Text(metric.format(goal.projected), justify="right"),
            "values": _cut(Text(f"{metric.format(goal.current)} → {metric.format(goal.target)}")),
        }

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if self.data and 0 <= event.cursor_row < len(self.data.goals):
            self.select(self.data.goals[event.cursor_row])

    def select(self, goal: GoalPacing) -> None:
        """Show `goal` in the detail panel and fetch its metric history in the background."""
        if self.selected == goal:
            return
        self.selected = goal
        metric = self.data.metrics.get(goal.goal_gid, Metric())
        self.query_one("#detail-name", Label).update(
            Text.assemble((goal.name or "(unnamed goal)", "bold"), f" · {goal.client}")
        )
        bar = self.query_one("#detail-bar", PaceBar)
        bar.progress, bar.expected = goal.progress, goal.expected
        bar.tone = PACING[goal.status].tone if goal.status in PACING else "muted"
        self.query_one("#detail-figures", Static).update(figures_line(goal, metric, self.context.today))
        self.query_one("#detail-computed", StatusBadge).show_status(
            PACING.get(goal.status, goal.status)
        )
        self.query_one("#detail-asana", StatusBadge).show_status(asana_look(goal.asana_status))
        self.query_one("#detail-spark", Spark).values = ()
        self.query_one("#detail-trend-note", Label).update("loading…")
        self._load_trend(goal.goal_gid)

    def _load_trend(self, goal_gid: str) -> None:
        """Read the goal's metric snapshots, oldest first, in the background."""
        zone = self.context.zone
        self.read_in_background(
            lambda conn: metric_history(conn, goal_gid, zone),
            partial(self._show_trend, goal_gid),
            job="trend",
        )

    def _show_trend(self, goal_gid: str, points: list[tuple[datetime, float | None]]) -> None:
        if self.selected is None or self.selected.goal_gid != goal_gid:
            return
        metric = self.data.metrics.get(goal_gid, Metric())
        self.query_one("#detail-spark", Spark).values = (
            tuple(value for _, value in points) if len(points) > 1 else ()
        )
        self.query_one("#detail-trend-note", Label).update(trend_caption(points, metric, self.context.today))

    def selected_target(self) -> Target | None:
        """What `d` decides on: the highlighted 90-day goal."""
        goal = self.selected
        return Target("goal", goal.goal_gid, goal.name or goal.goal_gid) if goal else None

    def action_worst(self) -> None:
        """Jump back to the worst goal, at the top."""
        self.query_one("#goals", DataTable).move_cursor(row=0)


def figures_line(goal: GoalPacing, metric: Metric, today: date) -> str:
    """The goal's numbers in one line: progress against expected, pace, values, projection, time left."""
    if goal.status == "no dates":
        now, target = metric.format(goal.current), metric.format(goal.target)
        return f"no start or due date · now {now} of {target}"
    due = f"due {day(goal.due_on, today)}" if isinstance(goal.due_on, date) else "no due date"
    if goal.progress is None:
        parts = [f"no numeric metric · {percent(goal.expected)} of the time used"]
    else:
        parts = [f"{percent(goal.progress)} done, {percent(goal.expected)} expected"]
    if goal.pace is not None:
        parts.append(f"pace {goal.pace:.2f}")
    if goal.current is not None:
        parts.append(
            f"{metric.format(goal.initial)} → now {metric.format(goal.current)}"
            f" → target {metric.format(goal.target)}"
        )
    if goal.projected is not None:
        parts.append(f"projected {metric.format(goal.projected)}")
    parts.append(f"{goal.days_left} days left, {due}")
    return " · ".join(parts)
