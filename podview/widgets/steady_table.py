"""A DataTable that keeps its rendered cells when a restyle leaves its colours as they were.

Textual restyles every widget of a screen each time the screen is shown
again (a switch back with `1`–`6`, a dialog closed over it), and a
DataTable answers any restyle by throwing away every cell it has rendered.
Rendering them all again is most of a screen switch: 90–150 ms for the few
hundred cells of Weekly or Tactics on a two-core laptop. The cells are drawn
with the table's own style and its component styles (cursor, header, zebra
rows…): while none of them changed, nothing rendered is stale, so this table
keeps it. It compares them when it next draws (Textual settles the component
styles after telling a widget of a restyle), and on any change (presenter
mode, a new theme) clears everything as DataTable would.
"""

from __future__ import annotations

from collections.abc import Hashable

from textual.strip import Strip
from textual.widgets import DataTable


class SteadyTable(DataTable):
    """Clears its rendered cells after a restyle only when the colours it draws with changed."""

    _drawn_with: Hashable = None
    """The colours of the cells rendered so far (None: nothing rendered yet)."""
    _restyled = True

    def notify_style_update(self) -> None:
        """Leave the rendered cells for the next draw to judge; the widget's own style caches go now."""
        super(DataTable, self).notify_style_update()
        self._restyled = True

    def render_line(self, y: int) -> Strip:
        if self._restyled:
            self._restyled = False
            colours = self._colours()
            if colours != self._drawn_with:
                self._drawn_with = colours
                super().notify_style_update()
        return super().render_line(y)

    def _colours(self) -> Hashable:
        """Every style DataTable draws cells with."""
        names = sorted(self.COMPONENT_CLASSES)
        return self.rich_style, tuple(self.get_component_rich_style(name) for name in names)
