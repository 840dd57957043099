"""`podview setup` on its own: a small app that shows the setup screens and ends when they are done.

The same screens open from the welcome screen inside the app (screens/welcome.py);
here the app's result is the config file written, or None when the user left.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.app import App

from podview.config import Config
from podview.widgets.themes import NORMAL_THEME


class SetupApp(App[Path | None]):
    """Shows SetupScreen and exits with what it dismissed with."""

    TITLE = "podview setup"

    def __init__(self, config_path: Path, existing: Config | None, **screen: Any) -> None:
        super().__init__()
        self.config_path = config_path
        self.existing = existing
        self.screen_options = screen

    def on_mount(self) -> None:
        from podview.screens.setup import SetupScreen

        self.register_theme(NORMAL_THEME)
        self.theme = NORMAL_THEME.name
        if self.existing is not None and self.existing.keys:
            self.set_keymap(self.existing.keys)
        self.push_screen(SetupScreen(self.config_path, self.existing, **self.screen_options), callback=self.exit)
