"""A one-line note whose changes repaint in place, for words that follow a key press (the order rows are sorted in).

A `Static` asks for a new layout of the whole screen on every update, since
its size may follow its text: one more full pass and one more frame, about
half of a sort on the People screen. A note's size is set by its CSS, so a
change repaints the note alone.
"""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget


class Note(Widget):
    """Set `text`; the note keeps the width and height its CSS gives it (one line by default)."""

    DEFAULT_CSS = """
    Note {
        height: 1;
        width: 1fr;
    }
    """

    text: reactive[str | Text] = reactive("", layout=False)

    def render(self) -> str | Text:
        return self.text
