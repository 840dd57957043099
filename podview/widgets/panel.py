"""A titled, bordered box that groups what a screen shows about one thing."""

from __future__ import annotations

from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Static


def panel_css(name: str) -> str:
    """The look both kinds of panel share: a rounded border with a bold title."""
    return f"""
    {name} {{
        height: auto;
        border: round $primary 60%;
        border-title-color: $text;
        border-title-style: bold;
        padding: 0 1;
        background: $surface;
    }}
    """


class Panel(Vertical):
    """A bordered group of widgets with a title in its top border.

    Presenter mode changes only the theme's colours: a widget's DEFAULT_CSS
    is scoped to the widget, so rules on the app's `-presenter` class belong
    in `app.tcss`.
    """

    DEFAULT_CSS = panel_css("Panel")

    def __init__(
        self, *children: Widget, title: str = "", id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(*children, id=id, classes=classes)
        self.border_title = title


class TextPanel(Static):
    """A panel whose content is one renderable (text or a Rich table), replaced with `update`."""

    DEFAULT_CSS = panel_css("TextPanel")

    def __init__(self, title: str = "", id: str | None = None, classes: str | None = None) -> None:
        super().__init__("", id=id, classes=classes)
        self.border_title = title
