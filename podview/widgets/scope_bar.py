"""The pod filter and search box above a screen's table (Weekly, Risk radar), which always give the keys back.

A box that keeps the keyboard once its job is done traps the room: on the
shared screen the next `3` went into the search (`negatives3`), and only Tab
got out. So every way of finishing hands the keys back to the screen's
table, where 1–6, n/p, d… work at once:

- Enter or Esc in the search box. Esc keeps what was typed: the room asked
  for that filtered view, and Esc means "done typing", not "undo" (ctrl+u
  in the box clears it).
- Choosing a pod in the menu (Esc in the open menu only closes it, as in
  any menu; Esc again hands the keys back).
- A palette or any other modal coming over the screen while the bar has the
  keys (ctrl+p is the one key that works while typing; from it one goes to
  another screen or into client-safe mode): whenever the screen is back,
  the table has them.

When the table cannot take the keys (still loading, or hidden because
nothing matches), nothing keeps them and the screen's keys work all the same.
The screen hears one message, `ScopeBar.Changed`, when the pod or the search
changes, and reads both from the bar.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Input, Select

ALL_PODS = "All pods"
"""What the pod filter says when it shows every pod."""
SEARCH_DONE = "Done (search kept)"
"""The footer's word for Esc while the bar has the keys."""
SEARCH_HELP = "Search; Enter or Esc keeps it"
"""What `?` says of a screen's search key (its binding's tooltip; the footer has room for "Search" only)."""


class ScopeBar(Horizontal):
    """A pod Select and a search Input; `table` is the selector of the widget that gets the keys back."""

    DEFAULT_CSS = """
    ScopeBar {
        height: 1;
    }
    ScopeBar #pod {
        width: 28;
        margin-right: 2;
    }
    ScopeBar #search {
        width: 1fr;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "let_go", SEARCH_DONE, id="scope.done"),
    ]

    class Changed(Message):
        """The pod or the search changed: the screen redraws its rows through `bar.pod` and `bar.search`."""

        def __init__(self, bar: ScopeBar) -> None:
            super().__init__()
            self.bar = bar

        @property
        def control(self) -> ScopeBar:
            return self.bar

    def __init__(self, *, table: str, placeholder: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.table = table
        self.placeholder = placeholder
        self.pods: tuple[str, ...] = ()
        """The pods the filter offers."""

    def compose(self) -> ComposeResult:
        yield Select([], prompt=ALL_PODS, id="pod", compact=True)
        yield Input(placeholder=self.placeholder, id="search", compact=True)

    def on_mount(self) -> None:
        self.watch(self.query_one("#pod", Select), "expanded", self._menu_toggled, init=False)
        self.app.screen_change_signal.subscribe(self, self._screen_changed)

    @property
    def pod(self) -> str | None:
        """The pod the rows are limited to; None shows every pod."""
        value = self.query_one("#pod", Select).value
        return None if value == Select.NULL else value

    @property
    def search(self) -> str:
        """What was typed in the search box, as typed."""
        return self.query_one("#search", Input).value

    def offer_pods(self, pods: Sequence[str]) -> None:
        """The pods the filter offers, in the order given."""
        self.pods = tuple(pods)
        self.query_one("#pod", Select).set_options((pod, pod) for pod in pods)

    def show_pod(self, pod: str | None) -> None:
        """Limit the rows to `pod` (None, or a pod not offered: every pod)."""
        select = self.query_one("#pod", Select)
        select.value = pod if pod in self.pods else Select.NULL

    def next_pod(self) -> None:
        """The pod after the one shown; after the last, every pod again."""
        choices = [None, *self.pods]
        current = choices.index(self.pod) if self.pod in self.pods else 0
        self.show_pod(choices[(current + 1) % len(choices)])

    def start_search(self) -> None:
        """Give the search box the keys."""
        self.query_one("#search", Input).focus()

    def action_let_go(self) -> None:
        """Esc: hand the keys back to the table, keeping the pod and the search."""
        self.let_go()

    def let_go(self) -> None:
        """If the bar has the keys, give them to the table (or to no widget, when the table cannot take them).

        Queued like a Select's own focus() after a choice, so it comes after it.
        """
        self.app.call_later(self._hand_back)

    def _hand_back(self) -> None:
        if not self.is_attached or not self.has_focus_within:
            return
        screen = self.screen
        table = screen.query_one(self.table)
        screen.set_focus(table if table.focusable else None)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.Changed(self))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.let_go()

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        self.post_message(self.Changed(self))

    def _menu_toggled(self, expanded: bool) -> None:
        """The menu closed. After a choice (the same pod too, which changes nothing) the keys go back to the table.

        A Select focuses itself before closing its menu on a choice, and after
        closing it on Esc; `let_go` is queued behind the first and ahead of
        the second, so Esc leaves the keys on the Select.
        """
        if not expanded:
            self.let_go()

    def _screen_changed(self, screen: Screen) -> None:
        """A modal came over this screen: whenever this one is back, its table has the keys.

        Only a modal, which the user opened: the app also switches to other
        screens and straight back, unseen, to build them ahead (tui/warming),
        and that must not take the keys from someone typing.
        """
        if screen is not self.screen and screen.is_modal:
            self.let_go()
