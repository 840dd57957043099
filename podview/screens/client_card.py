"""The client card: one client on one screen, for a stand-up or the Growth Team walkthrough.

`n`/`p` step through the clients in risk order (or the order of the list the
card was opened from), so a meeting can walk the whole agency from here. In
client-safe mode the card leaves out everything internal: MRR, the risk
score, the Asana status history and recorded decisions.
"""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Static

from podview.date_words import day
from podview.figures.card import MOVES_SCOPE, CardData, client_card
from podview.figures.client_view import card_for_client
from podview.figures.risk_row import RiskRow, score_max
from podview.figures.row_marks import RowMarks, row_marks
from podview.screens.context import DataScreen, ViewContext
from podview.screens.requests import Target
from podview.textual_compat import OwnStylesheet
from podview.widgets import card_tables
from podview.widgets.key_footer import KeyFooter
from podview.widgets.labels import ASANA, money, reasons_text, status_text
from podview.widgets.panel import TextPanel
from podview.words import POSTPONED_SCOPES, score_of

CLIENT_KEYS = Binding.Group("Client", compact=True)
"""n and p share one footer entry ("np Client"), leaving room for the keys after them."""

LOADING_DELAY = 0.15
"""Seconds a client's figures may take before the card shows a loading indicator."""


class ClientCardScreen(OwnStylesheet, DataScreen):
    """One client's goals, weekly goals, tactics, moved deadlines, status history and decisions."""

    CSS_PATH = "client_card.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "next_client", "Next client", id="card.next", group=CLIENT_KEYS),
        Binding("p", "previous_client", "Previous client", id="card.previous", group=CLIENT_KEYS),
    ]

    def __init__(
        self,
        context: ViewContext,
        client_gid: str,
        *,
        ranking: list[RiskRow] | None = None,
        **kwargs,
    ) -> None:
        super().__init__(context, **kwargs)
        self.client_gid = client_gid
        """The client shown; `show_client` changes it."""
        self.ranking = ranking
        """The order n/p walk through (risk order unless the card was opened from a filtered list)."""
        self.data: CardData | None = None
        self._open_over: Screen | None = None
        """The screen `reopen` was asked from: the card opens over it once its figures are in, unless the user has moved on."""

    @property
    def client_safe(self) -> bool:
        """Whether a client is watching: internal figures stay hidden."""
        return self.context.client_safe is not None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="card-head")
        with VerticalScroll(id="card-body"):
            with Vertical(id="card-left"):
                yield TextPanel("90-day goals", id="goals")
                yield TextPanel("Weekly goals", id="weekly")
                yield TextPanel("Tactics", id="tactics")
            if not self.client_safe:
                with Vertical(id="card-right"):
                    yield TextPanel(f"Postponed and moved deadlines · {POSTPONED_SCOPES[MOVES_SCOPE]}", id="moves")
                    yield TextPanel("Asana status history", id="statuses")
                    yield TextPanel("Decisions", id="decisions")
        yield KeyFooter()

    def on_mount(self) -> None:
        """Textual then runs DataScreen's on_mount too, which starts the load."""
        self.sub_title = "Client view" if self.client_safe else "Client card"
        self._loading_after_a_moment()
        self.query_one("#card-body").focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """n/p are hidden while a client is watching: the card must not show another client."""
        if action in ("next_client", "previous_client"):
            return not self.client_safe
        return True

    def show_client(self, client_gid: str) -> None:
        """Show another client on this card."""
        self.client_gid = client_gid
        self._loading_after_a_moment()
        self.refresh_data()

    def reopen(self, client_gid: str, ranking: list[RiskRow] | None) -> None:
        """Open this closed card again on a client: its figures are loaded first, then it is shown.

        A card built anew costs its layout and styles on top of the load, and
        both compete for the interpreter; this one only loads and repaints.
        Until the figures are in, the screen beneath stays up, so the last
        client's card never flashes by.
        """
        self.ranking = ranking
        self.client_gid = client_gid
        self._open_over = self.app.screen
        self.refresh_data()

    def _loading_after_a_moment(self) -> None:
        """Cover the card with a loading indicator only if its client's figures are slow to come.

        Most loads take 30–90 ms: an indicator mounted and removed within
        them costs two more layouts and paints of the whole card, and only
        flickers. Meanwhile the card keeps what it showed.
        """
        wanted = self.client_gid

        def still_loading() -> None:
            if self.client_gid == wanted and not self._showing(wanted):
                self.query_one("#card-body").loading = True

        self.set_timer(LOADING_DELAY, still_loading)

    def _showing(self, gid: str) -> bool:
        return self.data is not None and self.data.info.gid == gid

    def export_title(self) -> str:
        """`Ledgerly card`: the client on show, once its figures are in."""
        return f"{self.data.info.name} card" if self.data is not None else "Client card"

    def selected_target(self) -> Target:
        """What `d` decides on: the client asked for (named once its figures are in)."""
        name = self.data.info.name if self._showing(self.client_gid) else self.client_gid
        return Target("client", self.client_gid, name)

    def action_next_client(self) -> None:
        """The next client in the ranking (after the last: the first)."""
        self._step(1)

    def action_previous_client(self) -> None:
        """The previous client in the ranking."""
        self._step(-1)

    def _step(self, offset: int) -> None:
        if not self.ranking or self.client_safe:
            return
        order = [row.client_gid for row in self.ranking]
        index = order.index(self.client_gid) if self.client_gid in order else -offset
        self.show_client(order[(index + offset) % len(order)])

    def load(self, conn: sqlite3.Connection) -> CardData:
        """Every figure for one client; the full ranking only when the card has none (and not client-safe)."""
        context = self.context
        card = client_card(
            conn,
            self.client_gid,
            today=context.today,
            zone=context.zone,
            config=context.config,
            ranking=self.ranking,
            client_safe=self.client_safe,
        )
        return card_for_client(card) if self.client_safe else card

    def show(self, data: CardData) -> None:
        """Fill the head line and every section."""
        self.data = data
        if self.ranking is None:
            self.ranking = data.ranking
        self.title = data.info.name
        self.query_one("#card-head", Static).update(self._head(data))
        zone, today = self.context.zone, self.context.today
        wide = self.size.width >= 100
        self.query_one("#goals", TextPanel).update(
            card_tables.goals_table(data.goals, narrow=not wide)
        )
        self.query_one("#weekly", TextPanel).update(
            card_tables.weekly_table(data.weeks, data.marks, today, show_owner=wide)
        )
        tactics = self.query_one("#tactics", TextPanel)
        tactics.border_title = f"Tactics since {day(data.tactics.since, today)}"
        tactics.update(card_tables.tactics_table(data.tactics, today))
        if not self.client_safe:
            self.query_one("#moves", TextPanel).update(card_tables.moves_table(data.moves, today))
            self.query_one("#statuses", TextPanel).update(
                card_tables.status_history_table(data.statuses, zone, today)
            )
            self.query_one("#decisions", TextPanel).update(
                card_tables.decisions_table(data.decisions, zone, today)
            )
        self.query_one("#card-body").loading = False
        opening_over, self._open_over = self._open_over, None
        if opening_over is not None and self.app.screen is opening_over:
            self.app.push_screen(self)

    def on_resize(self) -> None:
        if self.data is not None:
            self.show(self.data)

    def on_screen_resume(self) -> None:
        """Back from a decision form: mark the weekly goals with what now waits in the outbox."""
        if self.data is not None:
            data, safe = self.data, self.client_safe
            self.read_in_background(
                lambda conn: row_marks(conn, self.context.today, with_outbox=not safe),
                lambda marks: self._marks_read(data, marks),
                job="marks",
            )

    def _marks_read(self, data: CardData, marks: RowMarks) -> None:
        """Redraw the weekly goals if the marks changed and the card still shows the same figures."""
        if self.data is data and data.marks != marks:
            self.data = replace(data, marks=marks)
            self.query_one("#weekly", TextPanel).update(
                card_tables.weekly_table(
                    self.data.weeks, marks, self.context.today, show_owner=self.size.width >= 100
                )
            )

    def _head(self, data: CardData) -> Text:
        """Name and pod; outside client-safe mode also MRR, rank, score, reasons and Asana's status."""
        head = Text()
        head.append(data.info.name, style="bold")
        head.append(f"  ·  {data.info.pod or 'no pod'}")
        if self.client_safe:
            return head
        head.append(f"  ·  MRR {money(data.facts.mrr)}")
        head.append(f"  ·  {self._position()}", style="dim")
        head.append("\nAsana status: ")
        head.append_text(status_text(ASANA, data.facts.status))
        if data.facts.status_title:
            head.append(f" ({data.facts.status_title})")
        if data.risk is not None:
            highest = score_max(self.context.config.risk_weights)
            head.append(f"\nRisk #{data.risk.rank} · {score_of(data.risk.score, highest)}: ", style="bold")
            head.append(reasons_text(data.risk.reasons, short=self.size.width < 140))
        return head

    def _position(self) -> str:
        """Where this client is in the list n/p walk through."""
        order = [row.client_gid for row in self.ranking or []]
        if self.client_gid not in order:
            return ""
        return f"{order.index(self.client_gid) + 1}/{len(order)}"
