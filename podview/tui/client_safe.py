"""`C`: client-safe mode, for a call with a client: only that client's card and weekly progress.

The app swaps in two modes of its own, built on a context that names the
client (every figure then keeps to it), and hides every key and palette
item that would show another client. Leaving it goes back to the screen and
context it was started from.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import partial

from textual.app import App
from textual.screen import Screen

from podview.screens.context import ViewContext

SAFE_MODES = {"client": "safe-client", "weekly": "safe-weekly"}
"""Client-safe mode's own modes, by the screen they show."""


class ClientSafe:
    """Starts and leaves client-safe mode; the app asks it which client watches."""

    def __init__(
        self,
        app: App,
        get_context: Callable[[], ViewContext],
        set_context: Callable[[ViewContext], None],
        make_screen: Callable[..., Screen],
    ) -> None:
        self.app = app
        self.get_context = get_context
        self.set_context = set_context
        self.make_screen = make_screen
        self._before: tuple[ViewContext, str] | None = None

    @property
    def client(self) -> str | None:
        """The gid of the client watching, or None."""
        return self.get_context().client_safe

    async def enter(self, gid: str) -> None:
        """Show only this client's card and weekly progress until client-safe mode is left."""
        app = self.app
        self._before = (self.get_context(), app.current_mode)
        self.set_context(replace(self.get_context(), client_safe=gid))
        app.add_mode(SAFE_MODES["client"], partial(self.make_screen, "client", gid))
        app.add_mode(SAFE_MODES["weekly"], partial(self.make_screen, "weekly"))
        await app.switch_mode(SAFE_MODES["client"])
        app.set_class(True, "-client-safe")
        app.refresh_bindings()
        app.notify(
            "Only this client's card and weekly progress are shown. Press C to leave.",
            title="Client-safe mode",
        )

    async def leave(self) -> None:
        """Every client again, on the screen client-safe mode was started from."""
        app = self.app
        context, mode = self._before or (replace(self.get_context(), client_safe=None), "home")
        self.set_context(context)
        self._before = None
        await app.switch_mode(mode)
        for safe_mode in SAFE_MODES.values():
            await app.remove_mode(safe_mode)
        app.set_class(False, "-client-safe")
        app.refresh_bindings()
        app.notify(
            "Client-safe mode is off: every client is shown again.", title="Client-safe mode"
        )
