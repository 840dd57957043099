"""The Growth Team walkthrough: every client's card in risk order, each against a time box.

It is the client card (same sections, same `n`/`p` through the ranking) with
a bar on top: where the meeting is ("Client 3 of 16"), a timer for the
client on screen that restarts on every move, and one for the whole meeting
whose box is the number of clients times the box per client (`b` cycles
2/3/5/8 minutes). Opening it starts a `growth-review` meeting; `e` ends it
and shows the minutes. In presenter mode the position and the client's clock
are drawn in big digits, still with their words beside them.
"""

from __future__ import annotations

import sqlite3
from typing import Any, ClassVar

from rich.console import RenderableType
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Header, Static

from podview.decisions.meetings import GROWTH_REVIEW
from podview.screens.client_card import CardData, ClientCardScreen
from podview.screens.context import ViewContext
from podview.screens.meeting import (
    DECIDE_BINDING,
    END_BINDING,
    MINUTES_BINDING,
    Ended,
    MeetingMixin,
    Started,
)
from podview.widgets.themes import follow_presenter, presenting
from podview.widgets.timer import MeetingTimer, big_text

BOXES = (2, 3, 5, 8)
"""Minutes per client that `b` cycles through; 3 to start."""
SUB_TITLE = "Growth Team walkthrough"


def position_text(gid: str, order: list[str]) -> str:
    """`Client 12 of 160`, or how many clients there are while the one shown is not among them."""
    if gid in order:
        return f"Client {order.index(gid) + 1} of {len(order)}"
    return f"{len(order)} clients"


def big_position(gid: str, order: list[str], box_minutes: int) -> RenderableType:
    """Presenter mode's position: `12` in big digits, `of 160 clients` and the box beside it."""
    if gid not in order:
        return f"{position_text(gid, order)} · {box_minutes} min each"
    words = f"of {len(order)} clients\n{box_minutes} min each"
    return big_text(str(order.index(gid) + 1), words)


class WalkthroughScreen(MeetingMixin, ClientCardScreen):
    """Every client as a card, most at risk first, with a timer per client and one for the meeting."""

    CSS_PATH: ClassVar[list[str]] = ["client_card.tcss", "walkthrough.tcss"]
    MEETING_KIND = GROWTH_REVIEW
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("b", "cycle_box", "Time box", id="walkthrough.box"),
        END_BINDING,
        MINUTES_BINDING,
        DECIDE_BINDING,
    ]

    def __init__(
        self, context: ViewContext, client_gid: str | None = None, *, ranking=None, **kwargs: Any
    ) -> None:
        super().__init__(context, client_gid or "", ranking=ranking, **kwargs)
        self.box_minutes = BOXES[1]

    def compose(self) -> ComposeResult:
        """The card's own layout with the walkthrough bar under its header."""
        card = super().compose()
        for widget in card:
            yield widget
            if isinstance(widget, Header):
                break
        with Vertical(id="walk-bar"):
            with Horizontal(classes="walk-row"):
                yield Static("", id="walk-position")
                yield MeetingTimer("Client", box=self.box_minutes * 60, id="client-timer")
            with Horizontal(classes="walk-row"):
                yield MeetingTimer("Meeting", big_for_presenter=False, id="meeting-timer")
                yield Static("◌ Starting the growth review…", id="walk-state")
        yield from card

    def on_mount(self) -> None:
        """Start the meeting; the card's own on_mount (run after this one) loads the first client.

        The position follows presenter mode (big digits) when the app has one.
        """
        self.call_later(setattr, self, "sub_title", SUB_TITLE)
        follow_presenter(self, lambda _: self._draw_bar())
        self.begin_meeting()

    def load(self, conn: sqlite3.Connection) -> CardData:
        """The risk ranking first, so an unnamed start shows the client most at risk (worker thread)."""
        if self.ranking is None:
            from podview.figures.risk import risk_report

            context = self.context
            self.ranking = risk_report(
                conn, today=context.today, zone=context.zone, config=context.config
            ).clients
        if not self.client_gid and self.ranking:
            self.client_gid = self.ranking[0].client_gid
        return super().load(conn)

    def show(self, data: CardData) -> None:
        """The card, then the bar: position, and the meeting's box for this many clients."""
        first = self.data is None
        super().show(data)
        self.sub_title = SUB_TITLE
        self._draw_bar()
        if first:
            self.query_one("#client-timer", MeetingTimer).start()

    def show_client(self, client_gid: str) -> None:
        """Move to another client: its own timer starts again from 00:00."""
        if self.is_mounted and client_gid != self.client_gid:
            self.query_one("#client-timer", MeetingTimer).reset()
        super().show_client(client_gid)

    @property
    def order(self) -> list[str]:
        """Client gids in walkthrough order."""
        return [row.client_gid for row in self.ranking or []]

    def _draw_bar(self) -> None:
        order = self.order
        position = (
            big_position(self.client_gid, order, self.box_minutes)
            if presenting(self)
            else f"{position_text(self.client_gid, order)} · {self.box_minutes} min each"
        )
        self.query_one("#walk-position", Static).update(position)
        self.query_one("#meeting-timer", MeetingTimer).box = (
            len(order) * self.box_minutes * 60 if order else None
        )

    def action_cycle_box(self) -> None:
        """The next box per client (2 → 3 → 5 → 8 → 2 minutes); the meeting's box follows."""
        self.box_minutes = BOXES[(BOXES.index(self.box_minutes) + 1) % len(BOXES)]
        self.query_one("#client-timer", MeetingTimer).box = self.box_minutes * 60
        self._draw_bar()

    def meeting_started(self, started: Started) -> None:
        """Start the meeting's clock (a resumed review keeps its time)."""
        self.query_one("#meeting-timer", MeetingTimer).start(started.already)
        word = "resumed" if started.resumed else "open"
        self.query_one("#walk-state", Static).update(f"● Growth review {word}")
        if started.resumed:
            self.notify(
                "The growth review was still open; carrying on with it.", title="Review resumed"
            )

    def meeting_ended(self, ended: Ended) -> None:
        """Stop both clocks; the minutes stay one key away."""
        for timer in self.query(MeetingTimer):
            timer.stop()
        self.query_one("#walk-state", Static).update("■ Review ended · m: minutes")

    def meeting_failed(self, starting: bool, message: str) -> None:
        """Without a meeting the cards still show; decisions are just not grouped under it."""
        if starting:
            self.query_one("#walk-state", Static).update("✖ Not recorded as a meeting")
