"""Tactic win/loss tallies per client and kind, per assignee and per pod.

"By assignee" counts whoever each tactic is assigned to. Tactics mostly go
to a pod's designer, but account managers take some, and Asana holds no
roles to tell them apart: calling the table "By designer" would claim a
filter it does not apply.

The confidence threshold decides what counts as a win or a loss, so it is a
key away (90/95/99) and every switch recomputes in the worker. Win rates
carry their Wilson 95 % interval, and a client losing three decided tactics
in a row says so in words.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping
from datetime import timedelta

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static, TabbedContent, TabPane

from podview.date_words import day
from podview.figures.common import ratio
from podview.figures.tactics import (
    TacticRow,
    TacticsReport,
    TallyRow,
    tactics_report,
    wilson_interval,
)
from podview.screens.context import DataScreen, DrawnToWidth, ViewContext
from podview.screens.requests import Target
from podview.textual_compat import OwnStylesheet
from podview.widgets.key_footer import KeyFooter
from podview.widgets.sized_table import SizedTable
from podview.widgets.status import FLAGS, Tone, tone_styles
from podview.widgets.themes import palette, redraw_on_theme
from podview.widgets.widths import natural

CONFIDENCES = (90.0, 95.0, 99.0)
"""The thresholds the `c` key steps through."""
STREAK_ALERT = 3
"""A loss streak this long is flagged (the at-risk score's `loss_streak` signal)."""
WINDOW = timedelta(days=90)
"""Tactics completed (or created) this long before today are tallied, as the CLI's default."""

COUNTS = (
    ("running", "Running", 7),
    ("win", "Win", 4),
    ("loss", "Loss", 4),
    ("inconclusive", "Inconclusive", 12),
)
RATE_TITLE, RATE_WIDTH = "Win rate (95% CI)", 17
NAME_LEAST = 20
"""The name column's narrowest: below it the table scrolls sideways."""
"""The name column's narrowest and widest."""
TABS = ("clients", "assignees", "pods")
TABLES_HELP = (
    "Next table: by client & kind, by assignee (whoever a tactic is assigned to, "
    "designer or account manager), by pod"
)
TABLE_KEYS = Binding.Group("Table", compact=True)
"""[ and ] share one footer entry, so the app's keys still fit an 80-column footer."""


def next_confidence(current: float) -> float:
    """The next threshold of CONFIDENCES after `current`, wrapping; a configured odd value joins in order."""
    later = [value for value in CONFIDENCES if value > current]
    return later[0] if later else CONFIDENCES[0]


def rate_label(rate: float | None, interval: list[float] | None) -> str:
    """`67% (21–94%)`: the rate beside its Wilson interval; `—` when nothing was decided."""
    if rate is None or interval is None:
        return "—"
    low, high = interval
    return f"{rate:.0%} ({low * 100:.0f}–{high:.0%})"


def streak_label(streak: int) -> str | None:
    """A loss streak worth raising, in words; None below STREAK_ALERT."""
    if streak < STREAK_ALERT:
        return None
    return f"{FLAGS['loss_streak'].label} of {streak}"


def by_client(rows: list[TacticRow]) -> list[list[TacticRow]]:
    """The report's rows gathered per client (by gid, as two clients may share a name), in report order."""
    groups: dict[str, list[TacticRow]] = {}
    for row in rows:
        groups.setdefault(row.client_gid, []).append(row)
    return list(groups.values())


class TacticsScreen(OwnStylesheet, DrawnToWidth, DataScreen):
    """Win/loss tallies at a confidence threshold switchable on the spot."""

    CSS_PATH = "tactics.tcss"
    TITLE = "Tactics"

    BINDINGS = [
        Binding("c", "cycle_confidence", "Confidence", id="tactics.confidence"),
        Binding(
            "left_square_bracket",
            "previous_tab",
            "Prev table",
            id="tactics.previous_table",
            group=TABLE_KEYS,
        ),
        Binding(
            "right_square_bracket",
            "next_tab",
            "Next table",
            id="tactics.next_table",
            group=TABLE_KEYS,
            tooltip=TABLES_HELP,
        ),
    ]

    def __init__(self, context: ViewContext, **kwargs) -> None:
        super().__init__(context, **kwargs)
        self.confidence = float(context.config.tactics.confidence)
        self.data: TacticsReport | None = None

    def on_mount(self) -> None:
        """Redraw when the theme changes: table cells carry colours read from it."""
        redraw_on_theme(self, self.draw)

    def compose(self) -> ComposeResult:
        yield Static("Tactics · loading…", id="heading")
        yield Static(id="streaks")
        with TabbedContent(id="tabs"):
            with TabPane("By client & kind", id="clients"):
                yield SizedTable(id="clients-table", cursor_type="row")
            with TabPane("By assignee", id="assignees"):
                yield SizedTable(id="assignees-table", cursor_type="row")
            with TabPane("By pod", id="pods"):
                yield SizedTable(id="pods-table", cursor_type="row")
        yield KeyFooter()

    def load(self, conn: sqlite3.Connection) -> TacticsReport:
        """Tally the last 90 days at the current threshold (worker thread)."""
        context = self.context
        return tactics_report(
            conn,
            since=context.today - WINDOW,
            confidence=self.confidence,
            today=context.today,
            zone=context.zone,
            client=context.client_safe,
        )

    def show(self, report: TacticsReport) -> None:
        """Draw the three tables and say which threshold they were counted at."""
        first = self.data is None
        self.data = report
        self.query_one("#heading", Static).update(
            f"Tactics since {day(report.since, self.context.today)} · win/loss count at ≥ {report.confidence:g}% "
            f"confidence (c: {'/'.join(f'{value:g}' for value in CONFIDENCES)})"
        )
        self.draw()
        if first:
            self.query_one("#clients-table", DataTable).focus()

    def draw(self) -> None:
        """Fill the tables at the current width, each cursor kept on its row; no query runs here."""
        if self.data is None:
            return
        self.drawn_at_width()
        tables = list(self.query(DataTable))
        cursors = [table.cursor_row for table in tables]
        styles = tone_styles(palette(self))
        self._draw_streaks(styles)
        self._fill_clients(styles)
        self._fill_tallies("#assignees-table", "Assignee", self.data.by_designer, "(unassigned)")
        self._fill_tallies("#pods-table", "Pod", self.data.by_pod, "(no pod)")
        for table, row in zip(tables, cursors):
            if table.row_count:
                table.move_cursor(row=min(row, table.row_count - 1), animate=False)

    def _draw_streaks(self, styles: Mapping[Tone, Style]) -> None:
        """Name the clients on a loss streak above the tables, so no tab hides them."""
        firsts = [group[0] for group in by_client(self.data.rows)]
        streaking = [row for row in firsts if row.loss_streak >= STREAK_ALERT]
        line = self.query_one("#streaks", Static)
        if not streaking:
            line.update(f"No client has lost {STREAK_ALERT} decided tactics in a row.")
            return
        names = ", ".join(f"{row.client} ({row.loss_streak})" for row in streaking)
        line.update(
            Text.assemble(
                (f"{FLAGS['loss_streak'].label} of {STREAK_ALERT}+: ", styles["bad"]), names
            )
        )

    def _start(self, selector: str, title: str, names: Iterable[str]) -> DataTable:
        """Clear a table and give it the tallies and the name column: as wide as its longest name, if the screen allows."""
        table = self.query_one(selector, DataTable)
        table.clear(columns=True)
        fixed = sum(width for _, _, width in COUNTS) + RATE_WIDTH + 2 * (len(COUNTS) + 2) + 2
        longest = natural([title, *names])
        width = max(NAME_LEAST, min(longest, self.size.width - fixed))
        table.add_column(title, width=width, key="name")
        for key, heading, size in COUNTS:
            table.add_column(Text(heading, justify="right"), width=size, key=key)
        table.add_column(Text(RATE_TITLE, justify="right"), width=RATE_WIDTH, key="rate")
        return table

    def _fill_clients(self, styles: Mapping[Tone, Style]) -> None:
        """Each client as a heading row with its totals (and its loss streak in words), then its kinds."""
        names = [
            name
            for row in self.data.rows
            for name in (row.client, "  " + row.tactic, streak_label(row.loss_streak) or "")
        ]
        table = self._start("#clients-table", "Client / tactic kind", names)
        for group in by_client(self.data.rows):
            first = group[0]
            name = Text(first.client, style="bold", no_wrap=True, overflow="ellipsis")
            flag = streak_label(first.loss_streak)
            if flag:
                name.append("\n" + flag, styles["bad"])
            cells = _tally_cells(name, client_totals(first.client, group))
            table.add_row(*cells, key=first.client_gid, height=2 if flag else 1)
            for row in group:
                table.add_row(
                    *_tally_cells("  " + row.tactic, row), key=f"{row.client_gid}/{row.tactic}"
                )

    def _fill_tallies(self, selector: str, title: str, rows: list[TallyRow], unnamed: str) -> None:
        table = self._start(selector, title, [row.name or unnamed for row in rows])
        for index, row in enumerate(rows):
            table.add_row(*_tally_cells(row.name or unnamed, row), key=f"{index}")

    def selected_target(self) -> Target | None:
        """What `d` decides on: the client of the highlighted row (a result then picks one of its tactics)."""
        table = self.query_one("#clients-table", DataTable)
        if self.data is None or self.focused is not table or not table.row_count:
            return None
        gid = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value.split("/")[0]
        row = next((row for row in self.data.rows if row.client_gid == gid), None)
        return Target("client", gid, row.client if row else gid)

    def action_cycle_confidence(self) -> None:
        """Step the threshold 90 → 95 → 99 → 90 and recount in the worker."""
        self.confidence = next_confidence(self.confidence)
        self.refresh_data()

    def _step_tab(self, step: int) -> None:
        tabs = self.query_one("#tabs", TabbedContent)
        index = TABS.index(tabs.active) if tabs.active in TABS else 0
        tabs.active = TABS[(index + step) % len(TABS)]
        self.query_one(f"#{tabs.active}-table", DataTable).focus()

    def action_next_tab(self) -> None:
        """Show the next table: by client, by assignee, by pod."""
        self._step_tab(1)

    def action_previous_tab(self) -> None:
        """Show the previous table."""
        self._step_tab(-1)


def client_totals(name: str, rows: list[TacticRow]) -> TallyRow:
    """A client's tallies over all its tactic kinds, with the rate and interval of the pooled counts."""
    total = TallyRow(name)
    for row in rows:
        for key, _, _ in COUNTS:
            setattr(total, key, getattr(total, key) + getattr(row, key))
    total.win_rate = ratio(total.win, total.win + total.loss)
    total.win_rate_ci = wilson_interval(total.win, total.win + total.loss)
    return total


def _tally_cells(name: str | Text, row: TacticRow | TallyRow) -> list[Text | str]:
    """A row's cells; the figures are plain strings padded to the right of their column.

    Strings rather than right-justified Texts: a thousand rows of them are
    thousands fewer objects for the garbage collector to walk, and a DataTable
    draws them the same (digits, dashes and percentages are no markup).
    """
    cells: list[Text | str] = [
        name if isinstance(name, Text) else Text(name, no_wrap=True, overflow="ellipsis")
    ]
    cells += [str(getattr(row, key)).rjust(width) for key, _, width in COUNTS]
    cells.append(rate_label(row.win_rate, row.win_rate_ci).rjust(RATE_WIDTH))
    return cells
