"""Screens that bring their `.tcss` file into the app without restyling every other screen.

The first time a screen is shown, Textual reads its CSS_PATH, re-parses every
stylesheet of the app and restyles every widget, then does it all once more
because a new screen has not seen the app's CSS yet: 30–60 ms of each first
visit on a two-core laptop, spent on widgets that do not change. Handing the
file to the stylesheet as the screen joins the app does what Textual does
without the two full passes: the file is parsed on its own (the others come
from the parse cache) and the screen's widgets are styled as they mount.
The screens' rules all start with their own type, so no other screen needs
restyling for them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.screen import Screen

if TYPE_CHECKING:
    from textual.app import App


class OwnStylesheet(Screen):
    """Mix in before the screen's base: its CSS_PATH is added to the app's stylesheet on registration."""

    def _post_register(self, app: App) -> None:
        super()._post_register(app)
        stylesheet = app.stylesheet
        for path in self.css_path:
            if not stylesheet.has_source(str(path), ""):
                stylesheet.add_source(path.read_text(encoding="utf-8"), read_from=(str(path), ""))
        self._css_update_count = app._css_update_count
