"""Going from screen to screen: the screen keys, Escape, and client cards.

Each top-level screen lives in its own Textual mode, so going back to a
screen finds it as it was left; in client-safe mode the keys lead to that
mode's own two screens. Enter on a client (Home, Risk, a stand-up…) opens
its card over the screen it was chosen on. One card is reused: the card
closed last is kept installed, and opened again it only loads its next
client. A card left open under another screen key stays as it was, and a
new one is pushed instead.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import App
from textual.screen import Screen

from podview.screens.context import ViewContext
from podview.screens.registry import TOP_LEVEL, ScreenUnavailable, screen_class
from podview.tui.client_safe import SAFE_MODES
from podview.tui.notices import CLIENT_SAFE_HIDES, CLIENT_SAFE_ONE_CARD

CARD = "client-card"
"""The name the one reusable client card is installed under."""


class Navigation:
    """Shows a top-level screen by name, or a client's card, reusing the card closed last."""

    def __init__(
        self,
        app: App,
        context: Callable[[], ViewContext],
        make_screen: Callable[..., Screen],
    ) -> None:
        self.app = app
        self.context = context
        self.make_screen = make_screen
        self._closed: Screen | None = None

    async def go(self, name: str) -> None:
        """Show a top-level screen (or, in client-safe mode, the client's card or weekly progress)."""
        app, client_safe = self.app, self.context().client_safe
        mode = SAFE_MODES.get(name) if client_safe else name
        if mode is None:
            app.notify(CLIENT_SAFE_HIDES, title="Client-safe")
            return
        try:
            screen_class(name)
        except ScreenUnavailable as error:
            app.notify(
                f"{error} Other screens still work.", title="Screen unavailable", severity="error"
            )
            return
        if client_safe is None and name not in TOP_LEVEL:
            app.notify(CLIENT_SAFE_HIDES, title="Client-safe")
            return
        if app.current_mode == mode:
            while len(app.screen_stack) > 1:
                await app.pop_screen()
        else:
            await app.switch_mode(mode)

    async def show_pod(self, pod: str) -> None:
        """The Risk radar filtered to one pod."""
        await self.go("risk")
        if isinstance(self.app.screen, screen_class("risk")):
            self.app.screen.filter_pod(pod)

    def open_client(self, gid: str, ranking: list | None = None) -> None:
        """A client's card; in client-safe mode only the watching client's, as its own screen."""
        watching = self.context().client_safe
        if watching is None:
            self.open_card(gid, ranking)
        elif gid == watching:
            self.app.call_later(self.go, "client")
        else:
            self.app.notify(CLIENT_SAFE_ONE_CARD, title="Client-safe")

    def open_card(self, gid: str, ranking: list | None = None) -> None:
        """Show this client's card; n/p then step through `ranking`."""
        app, card_class = self.app, screen_class("client")
        if isinstance(app.screen, card_class):
            if ranking is not None:
                app.screen.ranking = ranking
            app.screen.show_client(gid)
            return
        card = self._closed
        in_use = card is not None and any(card in stack_of(app, mode) for mode in _MODES)
        if isinstance(card, card_class) and not in_use and card.context is self.context():
            card.reopen(gid, ranking)
            return
        new = self.make_screen("client", gid, ranking=ranking)
        if not in_use:
            if card is not None:
                app.uninstall_screen(card)
            app.install_screen(new, CARD)
            self._closed = new
        app.push_screen(new)

    def open_person(self, user_gid: str) -> None:
        """Show this person's card over the screen they were chosen on (People); never while a client watches."""
        if self.context().client_safe:
            self.app.notify(CLIENT_SAFE_HIDES, title="Client-safe")
            return
        try:
            card = self.make_screen("person", user_gid)
        except ScreenUnavailable as error:
            self.app.notify(
                f"{error} Other screens still work.", title="Screen unavailable", severity="error"
            )
            return
        self.app.push_screen(card)


def stack_of(app: App, mode: str) -> list[Screen]:
    """A mode's screen stack; empty for a mode never entered (Textual raises KeyError for it)."""
    try:
        return app.get_screen_stack(mode)
    except KeyError:
        return []


_MODES = (*TOP_LEVEL, "welcome", *SAFE_MODES.values())
"""Every mode the app may have opened: the top-level screens, the welcome, client-safe mode's two."""
