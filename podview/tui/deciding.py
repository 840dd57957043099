"""`d`: from the item selected on screen to a decision recorded in the outbox and sent.

The screen on show names its selected item (`Selecting.selected_target`);
a menu offers the decisions that apply to it, the chosen one's form opens
with whatever was typed there last time, and a recorded decision is sent at
once. A form closed unsaved keeps its text as a draft, for as long as the
app runs.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from textual.app import App

from podview.screens.context import ViewContext
from podview.screens.requests import Drafts, Selecting, Target


class Deciding:
    """Opens the decision menu and form for the selected item, and sends what is recorded."""

    def __init__(
        self,
        app: App,
        context: Callable[[], ViewContext],
        send: Callable[[list[str]], None],
        outbox_changed: Callable[[], None],
    ) -> None:
        self.app = app
        self.context = context
        self.send = send
        self.outbox_changed = outbox_changed
        self.drafts: Drafts = {}
        """Forms closed unsaved (the outbox's edit forms too): reopening one brings its text back."""

    @staticmethod
    def possible(screen: object) -> bool:
        """Whether the screen has items a decision can be about."""
        return isinstance(screen, Selecting)

    def start(self) -> None:
        """Offer the decisions that apply to the selected item (weekly goal, tactic, client or 90-day goal)."""
        from podview.screens.decide import DecideMenu

        screen = self.app.screen
        target = screen.selected_target() if isinstance(screen, Selecting) else None
        if target is None:
            self.app.notify(
                "Move the cursor to a weekly goal, tactic, client or 90-day goal first.",
                title="Nothing selected",
            )
            return
        self.app.push_screen(DecideMenu(target), partial(self._open_form, target))

    def _open_form(self, target: Target, kind: str | None) -> None:
        from podview.screens.decide import DecideScreen

        if kind is None:
            return
        draft = self.drafts.pop((kind, target.gid), None)
        form = DecideScreen(self.context(), kind, target, draft)
        self.app.push_screen(form, partial(self._closed, kind, target))

    def _closed(self, kind: str, target: Target, outcome: Any) -> None:
        """A recorded decision is sent; a form closed unsaved keeps its text as a draft."""
        if outcome is None:
            return
        if isinstance(outcome, dict):
            self.drafts[(kind, target.gid)] = outcome
            self.app.notify(
                "Not saved. What you typed is kept: press d and choose it again to go on.",
                title="Draft kept",
            )
            return
        joined = " and joined to the open meeting" if outcome.meeting_id else ""
        self.app.notify(
            f"Saved to the outbox{joined}; sending it to Asana…", title="Decision saved"
        )
        self.outbox_changed()
        self.send([outcome.id])
