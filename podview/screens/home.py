"""Home, the God-view: every pod at a glance, the clients at risk, and how fresh the data is.

It is what a founder opens first: one screen that says where to look. The
figures come from `podview.figures`; this screen only gathers and shows them.
On a wall-sized screen it also lists this week's goals due and the latest
decisions (`home_wall`, built only then), and every reason of the top clients.
One line above the sync state names who needs coaching; Enter on it (Tab
reaches it) or a click opens People.
"""

from __future__ import annotations

import sqlite3
from datetime import date
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Container, Vertical
from textual.geometry import Size
from textual.widgets import DataTable, Header, Static

from podview.date_words import week_span
from podview.figures.home_model import HomeData, SyncState
from podview.figures.home_store import current_home
from podview.figures.outbox import OutboxCounts
from podview.figures.postponed_scope import LAST_4_WEEKS
from podview.figures.risk_row import score_max
from podview.screens.context import DataScreen, ViewContext
from podview.screens.requests import OpenClient, Target
from podview.textual_compat import OwnStylesheet
from podview.widgets.big_numbers import BigNumbers, Headline
from podview.widgets.fit_table import Column, FitTable
from podview.widgets.key_footer import KeyFooter
from podview.widgets.labels import (
    PACING,
    days_ago,
    percent,
    reasons_fitting,
    reasons_text,
    status_text,
)
from podview.widgets.panel import Panel
from podview.widgets.people_line import PeopleLine
from podview.widgets.pod_table import PodTable
from podview.widgets.themes import follow_presenter, presenting
from podview.words import POSTPONED_SCOPES, at_risk_count

AT_RISK_COLUMNS = [
    Column("#", "rank", 2),
    Column("Client", "client", 28),
    Column("Score", "score", 5),
    Column("Why", "why"),
]
WIDE_AT_RISK_COLUMNS = [
    Column("#", "rank", 2),
    Column("Client", "client", 28),
    Column("Score", "score", 7),
    Column("Why", "why"),
]
"""With the columns side by side (WALL.width and wider), each score is shown against the highest possible (120/130)."""
WALL = Size(140, 40)
"""From this size on, Home lists goals due and decisions, and every reason of the top clients.

The width is the app's `-wide` breakpoint (the columns stand side by side);
the height, the screen's `-tall` one (home.tcss shows the wall's panels on both).
"""
ALL_REASONS = 10
"""On a wall, this many clients at the top show every reason (the rest: as many as fit on one line)."""
TOP = 30
"""Home lists this many clients at risk and goals off pace; the Risk and Pacing screens list them all."""
GOAL_COLUMNS = [
    Column("Client", "client", 26),
    Column("Pacing", "status", 11),
    Column("Done/time", "done", 9),
    Column("Goal", "goal"),
]


class HomeScreen(OwnStylesheet, DataScreen):
    """The God-view; Enter on a client (or on one of its goals) opens its card."""

    CSS_PATH = "home.tcss"
    AUTO_FOCUS = "#at-risk"
    VERTICAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-short"), (WALL.height, "-tall")]

    def __init__(self, context: ViewContext, *, data: HomeData | None = None, **kwargs) -> None:
        super().__init__(context, **kwargs)
        self.data = data
        """What the screen shows; given at launch, read from the cache before the first paint."""
        self._layout: tuple[bool, bool] | None = None
        """(wide, wall) as the panels were last filled for; crossing either redraws them."""
        self._wall: str | None = None
        """The wall's panels: None until the screen is first wall-sized, then "mounting", then "ready"."""

    def has_data(self) -> bool:
        return self.data is not None

    def compose(self) -> ComposeResult:
        yield Header()
        yield BigNumbers(id="headlines")
        with Container(id="home-body"):
            with Vertical(id="home-left"):
                with Panel(title="Pods", id="pods-panel"):
                    yield PodTable(id="pods")
                with Panel(title="90-day goals off pace", id="goals-panel"):
                    yield FitTable(GOAL_COLUMNS, id="off-pace")
            with Vertical(id="home-right"):
                with Panel(title="At risk", id="risk-panel"):
                    yield FitTable(AT_RISK_COLUMNS, id="at-risk")
        yield PeopleLine(id="people-line")
        yield Static(id="sync-bar")
        yield KeyFooter()

    def on_mount(self) -> None:
        """Textual then runs DataScreen's on_mount too, which loads unless the data came with the screen."""
        self.sub_title = "Home"
        follow_presenter(self, self._fill_headlines)
        if self.data is not None:
            self.show(self.data)
        else:
            self.query_one("#risk-panel").loading = True

    def load(self, conn: sqlite3.Connection) -> HomeData:
        """Pods, ranking, sync state and the outbox, as of the context's today (saved in the cache by its last writer)."""
        context = self.context
        return current_home(conn, path=context.cache_path, today=context.today, config=context.config)

    def show(self, data: HomeData) -> None:
        """Fill the panels; the at-risk table keeps only clients with a warning sign."""
        self.data = data
        self._layout = self._size_class()
        self.query_one("#pods-panel").border_title = f"Pods — week of {week_span(data.week, data.week, self.context.today)}"
        self.query_one(PodTable).pods = data.pods
        self._fill_risk(data)
        self._fill_goals(data)
        self.query_one(PeopleLine).show(data.coaching)
        self.query_one("#sync-bar", Static).update(
            sync_line(data.sync, data.outbox, self.context.today)
        )
        self._fill_headlines()
        if self._layout[1]:
            self._fill_wall(data)

    def _size_class(self) -> tuple[bool, bool]:
        """Whether the columns stand side by side, and whether the screen is wall-sized."""
        size = self.size if self.size.width else self.app.size
        wide = size.width >= WALL.width
        return wide, wide and size.height >= WALL.height

    def on_resize(self) -> None:
        """Crossing to or from a wide or wall-sized screen redraws the panels for it."""
        if self.data is not None and self._size_class() != self._layout:
            self.show(self.data)

    def _fill_wall(self, data: HomeData) -> None:
        """Goals due and the latest decisions; their panels are mounted the first time the screen is wall-sized."""
        if self._wall is None:
            self._wall = "mounting"
            self.run_worker(self._mount_wall(), group="home-wall")
        elif self._wall == "ready":
            self._fill_due(data)

    async def _mount_wall(self) -> None:
        """Mount the wall's panels, then fill them (with the data shown by then)."""
        from podview.screens.home_wall import wall_panels

        due, decided = wall_panels()
        await self.query_one("#home-left").mount(due)
        await self.query_one("#home-right").mount(decided)
        self._wall = "ready"
        self.watch(self.app, "outbox_state", lambda _: self._load_decisions(), init=False)
        self._load_decisions()
        if self.data is not None:
            self._fill_due(self.data)

    def _fill_due(self, data: HomeData) -> None:
        from podview.screens.home_wall import due_rows, due_title

        today = self.context.today
        self.query_one("#due-panel").border_title = due_title(data.due, today)
        self.query_one("#due-goals", FitTable).set_rows(due_rows(data.due, today))

    def _load_decisions(self) -> None:
        from podview.screens.home_wall import latest_decisions

        self.read_in_background(latest_decisions, self._show_decisions, job="home-decisions")

    def _show_decisions(self, decisions: list) -> None:
        from podview.screens.home_wall import decision_rows, decisions_title

        self.query_one("#decisions-panel").border_title = decisions_title(decisions)
        rows = decision_rows(decisions, self.context.zone)
        self.query_one("#latest-decisions", FitTable).set_rows(rows)

    def _fill_headlines(self, presenter: bool | None = None) -> None:
        """The big numbers, built only while presenter mode shows them."""
        showing = presenting(self) if presenter is None else presenter
        if self.data is not None and showing:
            self.query_one(BigNumbers).headlines = headlines(self.data)

    def _fill_risk(self, data: HomeData) -> None:
        """Rows of the clients with a warning sign, most at risk first.

        Wide, each score is shown against the highest possible; on a wall,
        the top clients show every reason, wrapped, instead of "+N more".
        """
        panel = self.query_one("#risk-panel")
        panel.loading = False
        flagged = [row for row in data.ranking if row.at_risk]
        panel.border_title = at_risk_count(len(flagged), len(data.ranking))
        panel.border_subtitle = f"top {TOP} · 6 Risk for all" if len(flagged) > TOP else ""
        wide, wall = self._layout or (False, False)
        highest = score_max(self.context.config.risk_weights)
        table = self.query_one("#at-risk", FitTable)
        table.columns_spec = WIDE_AT_RISK_COLUMNS if wide else AT_RISK_COLUMNS
        table.set_rows(
            [
                (
                    row.client_gid,
                    (
                        Text(str(row.rank), justify="right"),
                        row.client,
                        Text(f"{row.score}/{highest}" if wide else str(row.score), justify="right"),
                        reasons_text(row.reasons, short=True)
                        if wall and row.rank <= ALL_REASONS
                        else reasons_fitting(row.reasons),
                    ),
                )
                for row in flagged[:TOP]
            ]
        )

    def _fill_goals(self, data: HomeData) -> None:
        """The goals that need a conversation, worst first; a row opens its client's card."""
        panel = self.query_one("#goals-panel")
        panel.border_title = f"90-day goals off pace — {len(data.off_pace)}"
        panel.border_subtitle = (
            f"worst {TOP} · 5 Pacing for all" if len(data.off_pace) > TOP else ""
        )
        self.query_one("#off-pace", FitTable).set_rows(
            [
                (
                    f"{goal.client_gid}/{goal.goal_gid}",
                    (
                        goal.client,
                        status_text(PACING, goal.status),
                        f"{percent(goal.progress)}/{percent(goal.expected)}",
                        goal.name or "—",
                    ),
                )
                for goal in data.off_pace[:TOP]
            ]
        )

    def selected_target(self) -> Target | None:
        """What `d` decides on: the highlighted 90-day goal, else the highlighted client at risk."""
        table = self.focused if isinstance(self.focused, DataTable) else self.query_one("#at-risk")
        if table.id == "latest-decisions":
            table = self.query_one("#at-risk", DataTable)
        if self.data is None or not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        client_gid, _, goal_gid = key.partition("/")
        if goal_gid.startswith("/"):
            task_gid = goal_gid[1:]
            due = next((g for g in self.data.due if g.task_gid == task_gid), None)
            return Target("weekly_goal", task_gid, due.name if due and due.name else task_gid)
        if goal_gid:
            goal = next((g for g in self.data.off_pace if g.goal_gid == goal_gid), None)
            return Target("goal", goal_gid, goal.name if goal and goal.name else goal_gid)
        row = next((r for r in self.data.ranking if r.client_gid == client_gid), None)
        return Target("client", client_gid, row.client if row else client_gid)

    async def on_people_line_opened(self, event: PeopleLine.Opened) -> None:
        """The people line was chosen: People, the way the screen keys go (the app says if it is not there)."""
        await self.run_action("app.go('people')")

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter (or a click) on a client or one of its goals opens the client's card; on a decision, the outbox."""
        if event.data_table.id == "latest-decisions":
            self.run_action("app.outbox")
            return
        gid = event.row_key.value.split("/")[0]
        if self.data is not None:
            self.post_message(OpenClient(gid, self.data.ranking))


def headlines(data: HomeData) -> tuple[Headline, ...]:
    """The agency in four numbers: this week's goals done, clients at risk, goals off pace, postponed (4 weeks)."""
    planned = sum(pod.planned for pod in data.pods)
    done = sum(pod.done for pod in data.pods)
    return (
        Headline(percent(done / planned if planned else None), "weekly goals done"),
        Headline(str(sum(row.at_risk for row in data.ranking)), "clients at risk"),
        Headline(str(len({goal.goal_gid for goal in data.off_pace})), "goals off pace"),
        Headline(str(data.postponed_4_weeks), f"postponed · {POSTPONED_SCOPES[LAST_4_WEEKS]}"),
    )


def sync_line(sync: SyncState | None, outbox: OutboxCounts, today: date) -> Text:
    """Where the data comes from and how old it is, counted from the context's today (no clock).

    Decisions waiting or not sent are counted by the outbox badge beside this
    line; the line itself only says when there are none.
    """
    line = Text()
    if sync is None:
        line.append("○ Never synced (offline)", style="bold")
        line.append(" — press s to read your Asana workspace")
    elif sync.source == "demo":
        line.append("◇ Demo data", style="bold")
        line.append(" — a made-up agency; nothing here is real")
    elif sync.outcome not in (None, "ok"):
        line.append(f"✗ Last sync {sync.outcome}", style="bold red")
        line.append(f" {days_ago(sync.finished_day, today)}: {sync.detail or 'see `podview sync`'}")
    else:
        when = days_ago(sync.finished_day, today)
        line.append("✓ Last sync", style="bold")
        line.append(f" from {sync.source or 'Asana'}: {when} at {sync.finished_time}")
    if outbox.empty:
        line.append("   ✓ no decisions waiting")
    return line
