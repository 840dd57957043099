"""Home, the God-view: every pod at a glance, the clients at risk, and how fresh the data is.

It is what a founder opens first: one screen that says where to look. The
figures come from `podview.figures`; this screen only gathers and shows them.
"""

from __future__ import annotations

import sqlite3
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container
from textual.widgets import DataTable, Footer, Header, Static

from podview.dates import Week, parse_timestamp
from podview.figures.pacing import pacing_report
from podview.figures.risk import RiskRow, last_four_weeks, risk_report
from podview.figures.weekly import goals_by_week, summarize, weekly_report
from podview.screens.context import DataScreen
from podview.widgets.labels import days_ago, reasons_text
from podview.widgets.panel import Panel
from podview.widgets.pod_table import PodGlance, PodTable

ON = ("on track", "achieved")
OFF = ("off track", "missed")


@dataclass(frozen=True)
class SyncState:
    """The latest row of the `syncs` table, as far as the God-view tells it."""

    source: str | None
    mode: str | None
    finished_day: date | None
    finished_time: str | None
    outcome: str | None
    detail: str | None


@dataclass(frozen=True)
class HomeData:
    """Everything Home shows, computed in one worker run."""

    week: Week
    pods: list[PodGlance]
    ranking: list[RiskRow]
    sync: SyncState | None
    pending: int


class HomeScreen(DataScreen):
    """The God-view; Enter on a client opens its card."""

    CSS_PATH = "home.tcss"
    BINDINGS = [Binding("enter", "open_client", "Open card", id="home.open", show=False)]

    def compose(self) -> ComposeResult:
        yield Header()
        with Container(id="home-body"):
            with Panel(title="Pods", id="pods-panel"):
                yield PodTable(id="pods")
            with Panel(title="At risk", id="risk-panel"):
                yield DataTable(id="at-risk", cursor_type="row")
        yield Static(id="sync-bar")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Home"
        self.data: HomeData | None = None
        self.query_one("#risk-panel").loading = True
        super().on_mount()

    def load(self, conn: sqlite3.Connection) -> HomeData:
        """Pods, ranking, sync state and the outbox, as of the context's today."""
        context = self.context
        return HomeData(
            week=Week.of(context.today),
            pods=pod_glances(conn, context.today, context.zone, context.config),
            ranking=risk_report(conn, today=context.today, zone=context.zone, config=context.config).clients,
            sync=last_sync(conn, context.zone),
            pending=pending_decisions(conn),
        )

    def show(self, data: HomeData) -> None:
        """Fill the panels; the at-risk table keeps only clients with a warning sign."""
        self.data = data
        self.query_one("#pods-panel").border_title = f"Pods — week {data.week.name}"
        self.query_one(PodTable).pods = data.pods
        self._fill_risk(data)
        self.query_one("#sync-bar", Static).update(sync_line(data.sync, data.pending, self.context.today))

    def on_resize(self) -> None:
        if getattr(self, "data", None) is not None:
            self._fill_risk(self.data)

    def _fill_risk(self, data: HomeData) -> None:
        """Rows of clients with a score; the reasons column takes the width that is left, wrapping."""
        panel = self.query_one("#risk-panel")
        panel.loading = False
        table = self.query_one("#at-risk", DataTable)
        flagged = [row for row in data.ranking if row.score > 0]
        panel.border_title = f"At risk — {len(flagged)} of {len(data.ranking)} clients show warning signs"
        cursor = table.cursor_row
        table.clear(columns=True)
        width = max(panel.size.width or self.size.width, 60)
        name_width = 24 if width < 100 else 30
        table.add_column("#", width=2, key="rank")
        table.add_column("Client", width=name_width, key="client")
        table.add_column("Score", width=5, key="score")
        table.add_column("Why", width=max(16, width - name_width - 22), key="why")
        for row in flagged:
            table.add_row(
                Text(str(row.rank), justify="right"),
                row.client,
                Text(str(row.score), justify="right"),
                reasons_text(row.reasons, short=width < 120),
                key=row.client_gid,
                height=None,
            )
        if flagged:
            table.move_cursor(row=min(cursor, len(flagged) - 1))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self._open(event.row_key.value)

    def action_open_client(self) -> None:
        """Open the card of the highlighted client."""
        table = self.query_one("#at-risk", DataTable)
        if table.row_count:
            self._open(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)

    def _open(self, gid: str | None) -> None:
        if gid and self.data is not None:
            self.app.open_client(gid, ranking=self.data.ranking)


def pod_glances(conn: sqlite3.Connection, today: date, zone, config) -> list[PodGlance]:
    """One glance per pod in the cache, by name: this week, the last four weeks, goals' pacing."""
    names = _pod_names(conn)
    this_week = {t.name: t for t in weekly_report(conn, week=Week.of(today), today=today, zone=zone).totals["pod"]}
    rates, pooled = _hit_rates(conn, names, today, zone)
    pacing = _pacing_counts(conn, today, config)
    glances = []
    for name in names:
        week = this_week.get(name)
        glances.append(
            PodGlance(
                name=name,
                done=week.hit if week else 0,
                planned=(week.total - week.postponed) if week else 0,
                weekly_rates=rates[name],
                pooled_rate=pooled[name],
                on_track=pacing[name]["on"],
                at_risk=pacing[name]["at risk"],
                off_track=pacing[name]["off"],
                postponed=week.postponed if week else 0,
            )
        )
    return glances


def _pod_names(conn: sqlite3.Connection) -> list[str]:
    rows = conn.execute("SELECT name FROM pods WHERE name IS NOT NULL ORDER BY name COLLATE NOCASE, gid")
    return [row[0] for row in rows]


def _hit_rates(
    conn: sqlite3.Connection, names: list[str], today: date, zone
) -> tuple[dict[str, list[float | None]], dict[str, float | None]]:
    """Each pod's hit rate in each of the last four ended weeks, and pooled over them (as the risk score pools)."""
    weeks = last_four_weeks(today)
    by_week = goals_by_week(conn, weeks, today=today, zone=zone)
    rates: dict[str, list[float | None]] = {name: [] for name in names}
    hits, decided = Counter(), Counter()
    for week in weeks:
        grouped = defaultdict(list)
        for goal in by_week[week]:
            grouped[goal.pod].append(goal)
        for name in names:
            totals = summarize(name, grouped.get(name, []))
            rates[name].append(totals.hit_rate)
            hits[name] += totals.hit
            decided[name] += totals.hit + totals.late + totals.missed
    pooled = {name: round(hits[name] / decided[name], 4) if decided[name] else None for name in names}
    return rates, pooled


def _pacing_counts(conn: sqlite3.Connection, today: date, config) -> dict[str | None, Counter]:
    """Each pod's 90-day goals as on / at risk / off; a goal two clients share counts once per pod."""
    counts: dict[str | None, Counter] = defaultdict(Counter)
    seen = set()
    report = pacing_report(conn, today=today, on_track=config.pacing.on_track, at_risk=config.pacing.at_risk)
    for goal in report.goals:
        if (goal.goal_gid, goal.pod) in seen:
            continue
        seen.add((goal.goal_gid, goal.pod))
        if goal.status in ON:
            counts[goal.pod]["on"] += 1
        elif goal.status in OFF:
            counts[goal.pod]["off"] += 1
        elif goal.status == "at risk":
            counts[goal.pod]["at risk"] += 1
    return counts


def last_sync(conn: sqlite3.Connection, zone) -> SyncState | None:
    """The latest sync (or demo build) recorded in the cache; None when it was never synced."""
    row = conn.execute(
        "SELECT source, mode, started_at, finished_at, outcome, detail FROM syncs ORDER BY id DESC LIMIT 1"
    ).fetchone()
    if row is None:
        return None
    stamp = parse_timestamp(row["finished_at"] or row["started_at"])
    local = stamp.astimezone(zone) if stamp else None
    return SyncState(
        source=row["source"],
        mode=row["mode"],
        finished_day=local.date() if local else None,
        finished_time=f"{local:%H:%M}" if local else None,
        outcome=row["outcome"],
        detail=row["detail"],
    )


def pending_decisions(conn: sqlite3.Connection) -> int:
    """Decisions recorded in meetings and not yet written to Asana."""
    return conn.execute("SELECT count(*) FROM decisions WHERE state = 'pending'").fetchone()[0]


def sync_line(sync: SyncState | None, pending: int, today: date) -> Text:
    """Where the data comes from and how old it is, counted from the context's today (no clock)."""
    line = Text()
    if sync is None:
        line.append("○ Never synced (offline)", style="bold")
        line.append(" — run `podview sync` to read your Asana workspace")
    elif sync.source == "demo":
        line.append("◇ Demo data", style="bold")
        line.append(" — the built-in demo agency; nothing here is real")
    elif sync.outcome not in (None, "ok"):
        line.append(f"✗ Last sync {sync.outcome}", style="bold red")
        line.append(f" {days_ago(sync.finished_day, today)}: {sync.detail or 'see `podview sync`'}")
    else:
        when = days_ago(sync.finished_day, today)
        line.append("✓ Last sync", style="bold")
        line.append(f" from {sync.source or 'Asana'}: {when} at {sync.finished_time}")
    line.append("   ")
    if pending:
        noun = "decision" if pending == 1 else "decisions"
        line.append(f"… {pending} {noun} waiting to be sent", style="bold")
        line.append(" (`podview push`)")
    else:
        line.append("✓ no decisions waiting")
    return line
