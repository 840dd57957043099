"""The two questions a meeting asks: how to start it, and whether to really end it.

Starting asks, in one small dialog, for the length (the time box), who
attends (ticked from the pod's members, or every pod's for a walkthrough)
and, for a walkthrough, which clients it covers. Every field has a default
and the Start button has the focus, so Enter starts at once. Ending asks
"End the meeting? (y/n)": `e` is one stray key away on a screen a room
watches, and an ended meeting cannot be reopened.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, SelectionList, Static

from podview.decisions.meeting_plan import AT_RISK, EVERY, POD, TOP, TOP_DEFAULT, Scope
from podview.figures.members import Member
from podview.figures.risk_row import RiskRow
from podview.textual_compat import OwnStylesheet


@dataclass(frozen=True)
class Setup:
    """What the start dialog settled: the length in minutes, the attendees by name, the walkthrough's scope."""

    minutes: int
    attendees: list[str]
    scope: Scope | None = None


def scope_options(ranking: Sequence[RiskRow]) -> list[tuple[str, str]]:
    """The scopes offered, each with how many clients it covers today: (label, value)."""
    at_risk = sum(row.at_risk for row in ranking)
    options = [
        (f"Every client ({len(ranking)})", EVERY),
        (f"Clients at risk ({at_risk})", AT_RISK),
        ("Top N by risk", TOP),
    ]
    pods: dict[str, int] = {}
    for row in ranking:
        if row.pod:
            pods[row.pod] = pods.get(row.pod, 0) + 1
    options += [
        (f"{pod} ({count})", f"{POD}:{pod}")
        for pod, count in sorted(pods.items(), key=lambda item: item[0].casefold())
    ]
    return options


def scope_value(scope: Scope) -> str:
    """The option value standing for `scope`."""
    return f"{POD}:{scope.pod}" if scope.kind == POD else scope.kind


class MeetingSetupScreen(OwnStylesheet, ModalScreen[Setup | None]):
    """Length, attendees and (for a walkthrough) scope, with defaults: Enter starts, Esc leaves the meeting unstarted."""

    CSS_PATH = "meeting.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="meeting-setup.cancel"),
    ]

    def __init__(
        self,
        title: str,
        *,
        lengths: Sequence[int],
        length: int,
        members: Sequence[Member],
        tick_all: bool,
        ranking: Sequence[RiskRow] | None = None,
        scope: Scope | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.heading = title
        self.lengths = tuple(lengths)
        self.length = length
        self.members = list(members)
        self.tick_all = tick_all
        """A stand-up's attendees start ticked (the pod meets); a walkthrough's start unticked."""
        self.ranking = list(ranking) if ranking is not None else None
        """The clients a walkthrough may cover, most at risk first; None for a stand-up (no scope asked)."""
        self.scope = scope or Scope()
        self.data = self.members
        """What the dialog offers, loaded before it opened."""

    def compose(self) -> ComposeResult:
        with Vertical(id="setup"):
            yield Static(self.heading, id="setup-title")
            if self.ranking is not None:
                with Horizontal(classes="setup-row"):
                    yield Label("Clients", classes="setup-label")
                    yield Select(
                        scope_options(self.ranking),
                        value=scope_value(self.scope),
                        allow_blank=False,
                        compact=True,
                        id="setup-scope",
                    )
                with Horizontal(classes="setup-row", id="setup-top-row"):
                    yield Label("How many", classes="setup-label")
                    yield Input(
                        str(self.scope.top),
                        restrict=r"\d*",
                        max_length=4,
                        compact=True,
                        id="setup-top",
                    )
            with Horizontal(classes="setup-row"):
                yield Label("Length", classes="setup-label")
                options = [(f"{minutes} min", minutes) for minutes in self.lengths]
                yield Select(
                    options, value=self.length, allow_blank=False, compact=True, id="setup-length"
                )
            who = "every pod's members" if self.ranking is not None else "the pod's members"
            yield Static(
                f"Attendees, from {who} (Tab here, Space ticks):",
                classes="setup-label",
                id="setup-who",
            )
            if self.members:
                yield SelectionList[str](
                    *((self._member_label(m), m.name, self.tick_all) for m in self.members),
                    id="setup-attendees",
                )
            else:
                yield Static(
                    "No pod members in the cache (sync reads them from Asana's teams).",
                    id="setup-nobody",
                )
            yield Static("", id="setup-problem")
            with Horizontal(id="setup-buttons"):
                yield Static("Enter starts · Esc cancels", id="setup-hint")
                yield Button("Start  enter", id="setup-start", variant="primary", compact=True)
                yield Button("Cancel  esc", id="setup-cancel", compact=True)

    def _member_label(self, member: Member) -> str:
        return (
            f"{member.name} · {', '.join(member.pods)}" if self.ranking is not None else member.name
        )

    def on_mount(self) -> None:
        """Enter starts with the defaults: the Start button has the focus."""
        self._show_top()
        self.query_one("#setup-start", Button).focus()

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "setup-scope":
            self._show_top()

    def _show_top(self) -> None:
        if self.ranking is not None:
            self.query_one("#setup-top-row").display = (
                self.query_one("#setup-scope", Select).value == TOP
            )

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "setup-start":
            self.action_start()
        else:
            self.action_cancel()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the number of clients starts too."""
        self.action_start()

    def action_cancel(self) -> None:
        """No meeting is started."""
        self.dismiss(None)

    def action_start(self) -> None:
        """Start with what the fields say, unless the scope covers no client (then say why and stay)."""
        scope = self._chosen_scope()
        if isinstance(scope, str):
            problem = self.query_one("#setup-problem", Static)
            problem.update(scope)
            problem.add_class("-shown")
            return
        attendees = (
            self.query_one("#setup-attendees", SelectionList).selected if self.members else []
        )
        minutes = self.query_one("#setup-length", Select).value
        self.dismiss(Setup(int(minutes), list(attendees), scope))

    def _chosen_scope(self) -> Scope | None | str:
        """The scope chosen, None for a stand-up, or what is wrong with it."""
        if self.ranking is None:
            return None
        value = str(self.query_one("#setup-scope", Select).value)
        if value == TOP:
            typed = self.query_one("#setup-top", Input).value.strip()
            count = int(typed) if typed.isdigit() else 0
            if count < 1:
                return f"Type how many clients to cover (1 or more; {TOP_DEFAULT} if unsure)."
            scope = Scope(TOP, top=count)
        elif value.startswith(f"{POD}:"):
            scope = Scope(POD, pod=value.split(":", 1)[1])
        else:
            scope = Scope(value)
        if not scope.clients(self.ranking):
            return f"No client is in “{scope.words}” today; choose other clients."
        return scope


class EndMeetingScreen(OwnStylesheet, ModalScreen[bool]):
    """ "End the meeting? (y/n)": `y` ends it, `n` or Esc goes back to the meeting unchanged."""

    CSS_PATH = "meeting.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "End it", id="meeting.end-yes"),
        Binding("n,escape", "answer(False)", "Carry on", id="meeting.end-no"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="end-ask"):
            yield Static("End the meeting? (y/n)", id="end-question")
            yield Static("y ends it and shows the minutes · n or Esc carries on", id="end-hint")

    def action_answer(self, end: bool) -> None:
        self.dismiss(end)
