"""The Growth Team walkthrough: the cards of the clients in scope in risk order, against a time box.

It is the client card (same sections, same `n`/`p` through the ranking) with
a bar on top: where the meeting is ("Client 3 of 12 · 5 min each"), a timer
for the client on screen that restarts on every move, and one for the whole
meeting. Opening it asks which clients to cover (every one, one pod, those
at risk, the top N by risk), how long the meeting is (`b` cycles the length
later) and who attends, then starts a `growth-review` meeting. The length is
shared among the clients in scope, and shared again at each move from the
time left over the clients left, so an overrun shortens what is still to
come. `e` asks, then ends the meeting and shows the minutes, which say the
scope. In presenter mode the position and the client's clock are drawn in
big digits, still with their words beside them. Each client's page opens with
the action items the previous walkthrough decided for it (and older ones
still open), as Asana has them now, in a panel of their own.
"""

from __future__ import annotations

import sqlite3
from typing import Any, ClassVar

from rich.console import RenderableType
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Header, Static

from podview.decisions.carried import Carried
from podview.decisions.meeting_plan import Plan, Scope, default_scope, share
from podview.decisions.meetings import GROWTH_REVIEW
from podview.figures.members import Member
from podview.figures.risk_row import RiskRow
from podview.screens.client_card import CardData, ClientCardScreen
from podview.screens.context import ViewContext
from podview.screens.meeting import (
    DECIDE_BINDING,
    END_BINDING,
    MINUTES_BINDING,
    Ended,
    MeetingMixin,
    Started,
    next_length,
)
from podview.screens.meeting_dialogs import MeetingSetupScreen, Setup
from podview.screens.old_business import CarriedList
from podview.screens.requests import Target
from podview.widgets.panel import Panel
from podview.widgets.status import tone_styles
from podview.widgets.themes import follow_presenter, palette, presenting
from podview.widgets.timer import MeetingTimer, big_text

LENGTHS = (30, 45, 60, 90, 120)
"""Meeting lengths in minutes that the start dialog offers and `b` cycles through."""
DEFAULT_LENGTH = 60
SUB_TITLE = "Growth Team walkthrough"


def position_text(gid: str, order: list[str]) -> str:
    """`Client 12 of 160`, or how many clients there are while the one shown is not among them."""
    if gid in order:
        return f"Client {order.index(gid) + 1} of {len(order)}"
    return f"{len(order)} clients"


def each_text(seconds: int) -> str:
    """Each client's share: `5 min each`, `3 min 45 s each`, `40 s each`; `no time left` past the box."""
    if seconds <= 0:
        return "no time left"
    minutes, rest = divmod(seconds, 60)
    if not minutes:
        return f"{rest} s each"
    return f"{minutes} min each" if not rest else f"{minutes} min {rest} s each"


def big_position(gid: str, order: list[str], each: str) -> RenderableType:
    """Presenter mode's position: `12` in big digits, `of 160 clients` and the share beside it."""
    if gid not in order:
        return f"{position_text(gid, order)} · {each}"
    words = f"of {len(order)} clients\n{each}"
    return big_text(str(order.index(gid) + 1), words)


class WalkthroughScreen(MeetingMixin, ClientCardScreen):
    """The clients in scope as cards, most at risk first, each against its share of the meeting's time."""

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
        self.length = DEFAULT_LENGTH
        """The meeting's time box in minutes."""
        self.every: list[RiskRow] | None = ranking
        """Every client in risk order; `ranking` (what n/p walk) is narrowed to the scope."""
        self.scope_words = Scope().words
        self.budget = 0
        """Seconds the client on show was given when the walk reached it."""
        self._arrived = 0.0
        """The meeting's elapsed seconds when the walk reached the client on show."""
        self.carried: Carried | None = None
        """Earlier walkthroughs' action items, read with each client's figures."""

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
                yield MeetingTimer("Client", id="client-timer")
            with Horizontal(classes="walk-row"):
                yield MeetingTimer("Meeting", big_for_presenter=False, id="meeting-timer")
                yield Static("◌ Starting the growth review…", id="walk-state")
        yield from card

    def on_mount(self) -> None:
        """The card's own on_mount (run after this one) loads the first client; the start dialog follows it.

        The position follows presenter mode (big digits) when the app has one.
        """
        self.call_later(setattr, self, "sub_title", SUB_TITLE)
        follow_presenter(self, lambda _: self._draw_bar())
        if not self.client_safe:
            panel = Panel(CarriedList(id="carried-items"), title="Last walkthrough's action items", id="carried")
            panel.border_subtitle = "tab: pick one · d: decide on it"
            panel.display = False
            self.query_one("#card-left").mount(panel, before=0)

    def export_title(self) -> str:
        """`Growth Team walkthrough`, whichever client is on show."""
        return SUB_TITLE

    def load(self, conn: sqlite3.Connection) -> CardData:
        """The risk ranking first, so an unnamed start shows the client most at risk (worker thread)."""
        if self.ranking is None:
            from podview.figures.risk_ranking import whole_ranking

            context = self.context
            self.ranking = whole_ranking(
                conn, today=context.today, zone=context.zone, config=context.config
            )
        if not self.client_gid and self.ranking:
            self.client_gid = self.ranking[0].client_gid
        if not self.client_safe:
            from podview.decisions.carried import carried_action_items

            context, meeting = self.context, self.meeting
            self.carried = carried_action_items(
                conn, GROWTH_REVIEW, None, before=meeting and meeting.id, today=context.today, zone=context.zone
            )
        return super().load(conn)

    def show(self, data: CardData) -> None:
        """The card, then the bar; the first time, ask how to start the meeting."""
        first = self.data is None
        super().show(data)
        self.sub_title = SUB_TITLE
        if first:
            self.every = self.every or list(self.ranking or [])
            self.query_one("#client-timer", MeetingTimer).start()
            self._share()
            self.prepare_meeting()
        self._draw_bar()
        self._draw_carried()

    def _draw_carried(self) -> None:
        """The client's old business: the previous walkthrough's items for it, and older ones still open."""
        panel = next(self.query("#carried").results(Panel), None)
        if panel is None or self.carried is None:
            return
        items = self.carried.for_client(self.client_gid)
        panel.display = bool(items)
        if items and self.carried.previous is not None:
            panel.border_title = f"Last walkthrough's action items ({self.carried.previous_text})"
            panel.query_one(CarriedList).show_items(items, tone_styles(palette(self)))
        elif panel.has_focus_within:
            self.query_one("#card-body").focus()

    def selected_target(self) -> Target | None:
        """The highlighted old-business item while its list has the focus, else the client (as on the card)."""
        listed = next(self.query("#carried-items").results(CarriedList), None)
        if listed is not None and self.focused is listed and listed.highlighted is not None:
            return listed.selected()
        return super().selected_target()

    def setup_screen(self, members: list[Member]) -> MeetingSetupScreen:
        """Which clients, how long, who: every client if each gets a few minutes, else the top 10."""
        every = self.every or []
        return MeetingSetupScreen(
            "Start the Growth Team walkthrough",
            lengths=LENGTHS,
            length=self.length,
            members=members,
            tick_all=False,
            ranking=every,
            scope=default_scope(len(every), self.length),
        )

    def meeting_set_up(self, setup: Setup) -> None:
        """Walk the clients in scope and start the review with its plan and attendees."""
        scope = setup.scope or Scope()
        self.length = setup.minutes
        self._walk([row.client_gid for row in scope.clients(self.every or [])], scope.words)
        plan = Plan(scope.words, self.order, self.length)
        self.begin_meeting(attendees=setup.attendees, plan=plan)

    def _walk(self, gids: list[str] | None, words: str | None) -> None:
        """Narrow n/p to `gids` (None: every client) and go to the first of them."""
        every = self.every or []
        by_gid = {row.client_gid: row for row in every}
        rows = [by_gid[gid] for gid in gids if gid in by_gid] if gids is not None else every
        self.ranking = rows or every
        self.scope_words = words or Scope().words
        if self.order and self.client_gid not in self.order:
            self.show_client(self.order[0])
        elif self.data is not None:
            self.query_one("#card-head", Static).update(self._head(self.data))

    def show_client(self, client_gid: str) -> None:
        """Move to another client: its own timer starts again from 00:00 with its share of the time left."""
        moved = self.is_mounted and client_gid != self.client_gid
        super().show_client(client_gid)
        if moved:
            self._arrive()

    def _arrive(self) -> None:
        """The walk reached the client on show: its clock restarts and the time left is shared again."""
        self.query_one("#client-timer", MeetingTimer).reset()
        self._arrived = self.query_one("#meeting-timer", MeetingTimer).elapsed or 0.0
        self._share()

    def _share(self) -> None:
        """This client's box: the time left when it was reached over the clients left, this one included."""
        order = self.order
        left = len(order) - order.index(self.client_gid) if self.client_gid in order else len(order)
        self.budget = share(self.length * 60 - self._arrived, left)
        self.query_one("#client-timer", MeetingTimer).box = self.budget
        self.query_one("#meeting-timer", MeetingTimer).box = self.length * 60
        self._draw_bar()

    @property
    def order(self) -> list[str]:
        """Client gids in walkthrough order."""
        return [row.client_gid for row in self.ranking or []]

    def _draw_bar(self) -> None:
        order, each = self.order, each_text(self.budget)
        position = (
            big_position(self.client_gid, order, each)
            if presenting(self)
            else f"{position_text(self.client_gid, order)} · {each}"
        )
        self.query_one("#walk-position", Static).update(position)

    def action_cycle_box(self) -> None:
        """The next meeting length (30 → 45 → 60 → 90 → 120 → 30 minutes), shared again."""
        self.length = next_length(self.length, LENGTHS)
        self._share()
        self.keep_length(self.length)

    def meeting_started(self, started: Started) -> None:
        """Start the meeting's clock at the first client in scope (a resumed review keeps its time and plan)."""
        plan = started.meeting.plan
        if started.resumed:
            self.length = plan.minutes if plan and plan.minutes else self.length
            self._walk(plan.clients if plan else None, plan.scope if plan else None)
        self.query_one("#meeting-timer", MeetingTimer).start(started.already)
        self._arrive()
        word = "resumed" if started.resumed else "open"
        self.query_one("#walk-state", Static).update(f"● Growth review {word} · {self.scope_words}")
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
