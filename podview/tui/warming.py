"""The other top-level screens, built after Home is painted, so that their first visit is as quick as a return.

A screen's first visit costs its build, its styles, its query and its first
render (200–300 ms on a 160-client agency), against 15–25 ms for going back
to a screen already shown. So once Home is up, the app opens each other
top-level screen in turn, a moment apart so keys stay answered, and goes
straight back, all inside one batch of updates so that nothing is painted:
the screen is built, given its data, laid out and rendered (by a screenshot,
which renders every line as a paint would), unseen. Its key then only
switches to it. Textual's public API only: switch_mode, batch_update,
call_after_refresh, export_screenshot.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from textual.app import App, UnknownModeError

from podview.screens.context import DataScreen, ViewContext
from podview.screens.registry import TOP_LEVEL
from podview.tui.navigation import stack_of

GAP = 0.2
"""Seconds between building one screen and the next: a key pressed meanwhile waits at most one build."""


class Warming:
    """Opens each top-level screen not yet visited, unseen, while the app rests on a top-level screen."""

    def __init__(self, app: App, context: Callable[[], ViewContext]) -> None:
        self.app = app
        self.context = context
        self.finished = asyncio.Event()
        """Set once every top-level screen has been built (or visited): nothing more to do."""

    def start(self) -> None:
        """Begin building, one screen per GAP, from now on."""
        self.app.set_timer(GAP, self._next)

    async def _next(self) -> None:
        app = self.app
        if not app.is_running:
            return
        name = next((n for n in TOP_LEVEL if not stack_of(app, n)), None)
        if name is None:
            self.finished.set()
            return
        if self.context().client_safe:
            return
        back = app.current_mode
        if len(app.screen_stack) > 1 or back not in TOP_LEVEL:
            app.set_timer(GAP, self._next)  # a card, a form or the welcome is up: later
            return
        try:
            with app.batch_update():
                await app.switch_mode(name)
                screen = app.screen
                if isinstance(screen, DataScreen) and screen.load_worker is not None:
                    await screen.load_worker.wait()
                laid_out = asyncio.Event()
                screen.call_after_refresh(laid_out.set)
                await laid_out.wait()
                app.export_screenshot()
                await app.switch_mode(back)
        except UnknownModeError:
            return  # the app closed its modes (it is quitting) while the screen was being built
        app.set_timer(GAP, self._next)
