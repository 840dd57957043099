"""The first screen on a machine with no cache: try the demo agency, or learn how to connect Asana.

The demo is built by the app in a thread worker (so its errors are reported
with every other worker's); this screen only asks for it and shows progress.
It is also where the app lands when its cache cannot be read (damaged pages):
one message saying what happened and what to do, instead of a toast per screen.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Button, Header, Label, ProgressBar, Static

from podview.config import Config
from podview.widgets.key_footer import KeyFooter

LOGIN_HELP = """\
podview reads your Asana workspace with a personal access token.

  1. In Asana: profile picture → Settings → Apps → Developer apps → Create new token.
  2. In a terminal:  podview auth login   (keeps the token in your system keyring)
  3. Then:           podview sync         (reads your pods, clients and goals into the cache)
  4. Open podview again: it shows your agency, and `s` syncs it from then on.

Meanwhile the demo agency shows every screen with made-up data."""


SETUP_OFFER = (
    "Asana answers, but the config finds no pod in your workspace: its team and field names are not podview's "
    "defaults. Press c: podview setup reads your workspace and proposes a config, one choice at a time."
)


class WelcomeScreen(Screen):
    """Two ways in: the demo agency now, or Asana once logged in."""

    CSS_PATH = "welcome.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("d", "demo", "Open the demo", id="welcome.demo"),
        Binding("l", "login", "Log in to Asana", id="welcome.login"),
        Binding("r", "reset_demo", "Reset the demo", id="welcome.reset_demo"),
        Binding("c", "setup", "Set up for your Asana", id="welcome.setup"),
    ]

    building: reactive[bool] = reactive(False)
    """True while the demo agency is being built: the buttons give way to a progress bar."""

    problem: reactive[str] = reactive("")
    """Why the cache could not be opened (a damaged file), shown in place of "no cache yet"."""

    setup_offered: reactive[bool] = reactive(False)
    """True once Asana answered and the config finds no pod in it: setup is offered."""

    class SetUp(Message):
        """Setup wrote a config: the app takes it and syncs."""

        def __init__(self, config: Config) -> None:
            super().__init__()
            self.config = config

    class DemoRequested(Message):
        """The user asked for the demo agency (`reset`: built afresh, dropping what was recorded on it)."""

        def __init__(self, reset: bool = False) -> None:
            super().__init__()
            self.reset = reset

    def __init__(
        self, cache_path: Path | None = None, demo_exists: bool = False, problem: str = "", config: Config | None = None, **kwargs
    ) -> None:
        super().__init__(**kwargs)
        self.config = config
        """The app's config; when given, Asana is asked (with the token, if any) whether it finds a pod."""
        self.cache_path = cache_path
        self.demo_exists = demo_exists
        self.set_reactive(WelcomeScreen.problem, problem)

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="welcome"):
            yield Static("Welcome to podview", id="welcome-title")
            yield Static(
                "Weekly goals, tactics, 90-day pacing and at-risk clients for your agency's pods, from Asana.",
                id="welcome-lead",
            )
            yield Static(self._where(), id="welcome-where")
            with Horizontal(id="welcome-actions"):
                yield Button("Open the demo agency", id="demo", variant="primary")
                yield Button("Log in to Asana", id="login")
                yield Button("Reset the demo", id="reset-demo")
                yield Button("Set up for your Asana", id="setup")
            yield Static(SETUP_OFFER, id="setup-offer")
            yield Label(
                "4 pods, 16 clients, 16 weeks of history — no account, no network.", id="demo-note"
            )
            with Vertical(id="demo-progress"):
                yield Label("Building the demo agency…")
                yield ProgressBar(total=None, show_eta=False, id="demo-bar")
            yield Static(LOGIN_HELP, id="login-help")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.set_class(self.demo_exists, "-demo-exists")
        self.set_class(bool(self.problem), "-problem")
        self.sub_title = "The cache cannot be read" if self.problem else "Welcome"
        self.query_one("#demo", Button).focus()
        if self.config is not None and not self.problem:
            self.run_worker(self._pods_found(), exit_on_error=False, name="welcome-pods")

    async def _pods_found(self) -> None:
        """Offer setup when the token reaches Asana and the config finds no pod there."""
        from podview.sync.setup_read import pods_found

        self.setup_offered = await pods_found(self.config) == 0

    def watch_setup_offered(self, offered: bool) -> None:
        self.set_class(offered, "-setup")
        self.refresh_bindings()

    def _where(self) -> str:
        if self.problem:
            return self.problem
        if self.cache_path is None:
            return ""
        return f"There is no cache at {self.cache_path} yet."

    def watch_problem(self, problem: str) -> None:
        self.set_class(bool(problem), "-problem")
        if self.is_mounted:
            self.sub_title = "The cache cannot be read" if problem else "Welcome"
            self.query_one("#welcome-where", Static).update(self._where())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Reset is offered only when there is a demo to reset."""
        if action == "reset_demo":
            return self.demo_exists
        if action == "setup":
            return self.setup_offered
        return True

    def watch_building(self, building: bool) -> None:
        self.set_class(building, "-building")
        for button in self.query(Button):
            button.disabled = building

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "demo":
            self.action_demo()
        elif event.button.id == "reset-demo":
            self.action_reset_demo()
        elif event.button.id == "setup":
            self.action_setup()
        else:
            self.action_login()

    def action_demo(self) -> None:
        """Ask the app to build and open the demo agency."""
        if not self.building:
            self.post_message(self.DemoRequested())

    def action_reset_demo(self) -> None:
        """Ask the app to build the demo afresh, dropping the decisions and meetings recorded on it."""
        if not self.building and self.demo_exists:
            self.post_message(self.DemoRequested(reset=True))

    def action_setup(self) -> None:
        """Open the setup screens; a config written there is handed to the app, which syncs with it."""
        from podview.config import default_config_path
        from podview.screens.setup import SetupScreen

        if self.setup_offered and not self.building:
            self.app.push_screen(SetupScreen(default_config_path(), self.config), callback=self._written)

    def _written(self, path: Path | None) -> None:
        if path is not None:
            from podview.config import load_config

            self.post_message(self.SetUp(load_config(path)))

    def action_login(self) -> None:
        """Explain how podview connects to Asana."""
        self.add_class("-login")
