"""Risk radar: every client ranked by its at-risk score, with the reasons in words.

The Growth Team walks this list top-down. Filtering by pod and searching by
name happen on the rows already loaded, so typing never touches the cache;
the pod filter and the search box are the `ScopeBar` Weekly has too, which
gives the keys back to the list on Enter and Esc.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Header, Static

from podview.figures.risk import RiskRow
from podview.figures.risk_ranking import whole_ranking
from podview.figures.risk_row import score_max
from podview.screens.context import DataScreen, ViewContext
from podview.screens.requests import OpenClient, Target
from podview.textual_compat import OwnStylesheet
from podview.widgets.fit_table import Column, FitTable
from podview.widgets.key_footer import KeyFooter
from podview.widgets.labels import money, reasons_fitting, reasons_text
from podview.widgets.scope_bar import SEARCH_HELP, ScopeBar
from podview.words import score_of

RANKING_COLUMNS = [
    Column("#", "rank", 3),
    Column("Client", "client", 28, fit=True),
    Column("Pod", "pod", 12, min_table_width=100, fit=True),
    Column("Score", "score", 7),
    Column("MRR", "mrr", 8),
    Column("Reasons", "reasons"),
]


@dataclass(frozen=True)
class RiskData:
    """The ranking and the pods it can be filtered by."""

    ranking: list[RiskRow]
    pods: list[str]
    highest: int
    """The highest score the configured weights allow: every score is shown against it."""


class RiskScreen(OwnStylesheet, DataScreen):
    """The ranked clients; Enter opens a card whose n/p follow the rows shown."""

    CSS_PATH = "risk.tcss"
    AUTO_FOCUS = "#ranking"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f", "cycle_pod", "Pod filter", id="risk.pod"),
        Binding("slash", "search", "Search", id="risk.search", tooltip=SEARCH_HELP),
    ]

    def __init__(self, context: ViewContext, *, pod: str | None = None, **kwargs) -> None:
        super().__init__(context, **kwargs)
        self.data: RiskData | None = None
        self._wanted_pod = pod

    def compose(self) -> ComposeResult:
        yield Header()
        yield ScopeBar(table="#ranking", placeholder="Search clients by name  /", id="filters")
        yield FitTable(RANKING_COLUMNS, id="ranking")
        yield Static(id="why")
        yield KeyFooter()

    def on_mount(self) -> None:
        """Textual calls DataScreen's own on_mount too, which starts the load: calling it here would load twice."""
        self.sub_title = "Risk radar"
        self.query_one("#ranking").loading = True

    def load(self, conn: sqlite3.Connection) -> RiskData:
        """The whole ranking; filters are applied on screen."""
        context = self.context
        ranking = whole_ranking(conn, today=context.today, zone=context.zone, config=context.config)
        pods = sorted({row.pod for row in ranking if row.pod}, key=str.casefold)
        return RiskData(ranking, pods, score_max(context.config.risk_weights))

    def show(self, data: RiskData) -> None:
        """Offer the pods in the filter and draw the rows that pass the filters."""
        self.data = data
        bar = self.query_one(ScopeBar)
        bar.offer_pods(data.pods)
        if self._wanted_pod in data.pods:
            bar.show_pod(self._wanted_pod)
        self._wanted_pod = None
        self.query_one("#ranking").loading = False
        self._fill()

    @property
    def pod_filter(self) -> str | None:
        """The pod whose clients are shown; None for every pod."""
        return self.query_one(ScopeBar).pod

    def filter_pod(self, pod: str | None) -> None:
        """Show only one pod's clients (used by the command palette); before the data arrives, remember it."""
        if self.data is None:
            self._wanted_pod = pod
            return
        self.query_one(ScopeBar).show_pod(pod)

    def visible(self) -> list[RiskRow]:
        """The rows that pass the pod filter and the search box, in rank order."""
        if self.data is None:
            return []
        pod = self.pod_filter
        query = self.query_one(ScopeBar).search.strip().casefold()
        return [
            row
            for row in self.data.ranking
            if (pod is None or row.pod == pod) and (not query or query in row.client.casefold())
        ]

    def _fill(self) -> None:
        """Redraw the rows that pass the filters; the reasons column wraps in the width left."""
        rows = self.visible()
        highest = self.data.highest if self.data else 0
        self.query_one("#ranking", FitTable).set_rows(
            [
                (
                    row.client_gid,
                    (
                        Text(str(row.rank), justify="right"),
                        row.client,
                        Text(row.pod or "—", no_wrap=True, overflow="ellipsis"),
                        Text(f"{row.score}/{highest}", justify="right"),
                        Text(money(row.mrr), justify="right"),
                        reasons_fitting(row.reasons),
                    ),
                )
                for row in rows
            ]
        )
        self._explain(rows[0] if rows else None)

    def _explain(self, row: RiskRow | None) -> None:
        """The highlighted client's reasons in full words under the table."""
        why = self.query_one("#why", Static)
        if row is None:
            why.update("No client matches the filters." if self.data else "")
            return
        text = Text()
        text.append(f"#{row.rank} {row.client}", style="bold")
        text.append(f" — {score_of(row.score, self.data.highest if self.data else 0)}: {reasons_text(row.reasons)}")
        why.update(text)

    def on_scope_bar_changed(self, event: ScopeBar.Changed) -> None:
        self._fill()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        gid = event.row_key.value
        self._explain(next((row for row in self.visible() if row.client_gid == gid), None))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.post_message(OpenClient(event.row_key.value, self.visible()))

    def selected_target(self) -> Target | None:
        """What `d` decides on: the highlighted client."""
        table = self.query_one("#ranking", DataTable)
        if not table.row_count:
            return None
        gid = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        row = next((row for row in self.visible() if row.client_gid == gid), None)
        return Target("client", gid, row.client if row else gid)

    def action_cycle_pod(self) -> None:
        """Next pod in the filter (after the last one: every pod)."""
        self.query_one(ScopeBar).next_pod()

    def action_search(self) -> None:
        """Type to filter clients by name; Enter or Esc goes back to the list, search kept."""
        self.query_one(ScopeBar).start_search()
