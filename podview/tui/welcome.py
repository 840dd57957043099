"""Before there is a cache to show: the welcome screen, and the demo agency built from it.

The welcome screen opens when there is no cache yet, when `podview demo`
builds the demo first, and when the cache turns out to be damaged (it then
says so, once, instead of every screen failing in turn). Its demo button
builds the demo agency in the background; the app opens Home when it is ready.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App

from podview.config import Config
from podview.screens.context import ViewContext
from podview.tui import jobs

if TYPE_CHECKING:
    from podview.screens.welcome import WelcomeScreen


class Welcome:
    """Builds the welcome screen and the demo, and tells the screen what is going on."""

    def __init__(self, app: App, demo_path: Path | None, build_first: bool) -> None:
        self.app = app
        self.demo_path = demo_path
        """Where the demo agency is built; None: the default demo file."""
        self.build_first = build_first
        """Build the demo first (`podview demo`), showing progress on the welcome screen."""
        self.screen: WelcomeScreen | None = None
        """The welcome screen once made (its module loads only then: a launch onto Home never needs it)."""

    def _demo(self) -> Path:
        from podview.demo.build import default_demo_path

        return self.demo_path or default_demo_path()

    def make_screen(self, cache_path: Path, problem: str) -> WelcomeScreen:
        """The welcome screen, naming the cache looked for (not while the demo is built first)."""
        from podview.screens.welcome import WelcomeScreen

        self.screen = WelcomeScreen(
            None if self.build_first else cache_path,
            demo_exists=self._demo().exists(),
            problem=problem,
            config=None if self.build_first else self.app.context.config,
        )
        return self.screen

    def build_demo(self, context: ViewContext, reset: bool = False) -> None:
        """Build the demo agency in the background (afresh with `reset`); the app hears `DemoBuilt`."""
        self._building(True)
        jobs.build_demo(self.app, self._demo(), context, reset=reset)

    def demo_done(self) -> None:
        """The demo was built, or failed to be: the welcome screen's buttons work again."""
        self._building(False)

    def set_up(self, config: Config) -> None:
        """Setup wrote a config from the welcome screen: the app reads Asana with it."""
        from dataclasses import replace

        self.app.context = replace(self.app.context, config=config)
        self.app.action_sync()

    def show_problem(self, problem: str) -> None:
        """Say on the welcome screen why the cache cannot be read."""
        if self.screen is not None and self.app.screen is self.screen:
            self.screen.problem = problem

    def _building(self, building: bool) -> None:
        if self.screen is not None and self.app.screen is self.screen:
            self.screen.building = building
