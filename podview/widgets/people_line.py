"""Home's one line about people: who needs coaching, and why, in as many names as fit.

A founder reads it at a glance ("3 people need coaching: Ana (low hit rate),
…"); Enter on it, or a click, asks for the People screen, where each
person's row says the rest. The names come with Home's figures (saved in the
cache), so the line costs the launch nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Static

from podview.figures.home_model import CoachNeed
from podview.widgets.widths import as_many_as_fit
from podview.words import NOBODY_TO_COACH, coaching_count, short_coaching


def coaching_line(needs: Sequence[CoachNeed], width: int) -> str:
    """Who needs coaching, each with their first signal, as many as fit in `width`, then "+N more"."""
    if not needs:
        return NOBODY_TO_COACH
    head = coaching_count(len(needs))
    said = [f"{need.name} ({short_coaching(need.signals[0])})" for need in needs]
    fitting = as_many_as_fit(said, width - len(head) - 2, ", ")
    return f"{head}: {fitting}" if fitting else head


class PeopleLine(Static, can_focus=True):
    """The line itself: focusable, so Tab reaches it and Enter opens People, as a click does."""

    DEFAULT_CSS = """
    PeopleLine {
        height: 1;
        padding: 0 1;
    }
    PeopleLine:focus {
        background: $accent 30%;
        text-style: bold;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "People", id="home.people"),
    ]

    class Opened(Message):
        """The people line was chosen: show the People screen."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.needs: list[CoachNeed] | None = None
        """None until Home's figures arrive: the line stays blank rather than say "nobody"."""

    def show(self, needs: Sequence[CoachNeed]) -> None:
        """Say who needs coaching now (the words fit the width at each redraw)."""
        self.needs = list(needs)
        self.refresh()

    def render(self) -> Text:
        if self.needs is None:
            return Text()
        mark = "⚑ " if self.needs else "✓ "
        width = max(self.content_region.width, 20) - len(mark)
        return Text(mark + coaching_line(self.needs, width))

    def action_open(self) -> None:
        self.post_message(self.Opened())

    def on_click(self) -> None:
        self.post_message(self.Opened())
