"""A DataTable whose last column takes the width that is left and wraps, redrawn on every resize.

Reasons and goal names are sentences: cut off they say nothing, and a
horizontal scrollbar is useless in a meeting. The fixed columns keep their
widths; the last one gets the rest and rows grow to fit it. Each row's height
is worked out here, cell by cell, only wrapping the cells too long for their
column: a DataTable asked to fit rows itself renders every cell of every row
first (about 0.1 s for the 160 clients of the Risk radar).

A column of names marked `fit` grows to its longest name while the last
column keeps at least KEEP cells: on a wide terminal no client name is cut
beside empty space, and on a narrow one the sentences keep their room.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rich.console import Console, ConsoleOptions, RenderableType
from rich.padding import Padding
from rich.text import Text

from podview.widgets.sized_table import SizedTable
from podview.widgets.widths import natural

MIN_FLEX = 16
"""The last column never gets narrower than this; below it, the table scrolls sideways."""
KEEP = 40
"""A `fit` column grows only into what the last column has beyond this many cells."""

Cell = RenderableType | Callable[[int], RenderableType]
"""A cell, or a function of the last column's width that makes one (to say less when narrow)."""


@dataclass(frozen=True)
class Column:
    """A column's heading, key and fixed width (None: the flexible last column)."""

    label: str
    key: str
    width: int | None = None
    min_table_width: int = 0
    """The column is left out when the table is narrower than this."""
    fit: bool = False
    """Wider than `width` when its longest cell is and the last column has room to give (see KEEP)."""


class FitTable(SizedTable):
    """Set `columns` once and `set_rows` whenever the data changes; resizing re-flows the last column."""

    DEFAULT_CSS = """
    FitTable {
        height: 1fr;
        background: $surface;
    }
    """

    def __init__(self, columns: Sequence[Column], **kwargs) -> None:
        kwargs.setdefault("cursor_type", "row")
        super().__init__(**kwargs)
        self.columns_spec = list(columns)
        self._rows: list[tuple[str, Sequence[Cell]]] = []
        self._drawn_width: tuple[list[int], list[int]] | None = None
        self._drawn_keys: list[str] = []
        """Row keys as drawn, to find the cursor's row again after a redraw."""

    def set_rows(self, rows: Sequence[tuple[str, Sequence[Cell]]]) -> None:
        """Replace the rows, each a (key, one cell per column) pair.

        The cursor stays on the row of the same key (else on the same row
        number) and the rows in view stay in view: data refreshed during a
        meeting repaints without moving what the room is looking at.
        """
        self._rows = list(rows)
        self._draw(force=True)

    def on_resize(self) -> None:
        self._draw()

    def refit(self) -> None:
        """Redraw if the width changed since the last draw: for a table filled while hidden, once shown.

        Textual does not always send a Resize to a table whose tab pane has
        just been shown, so the tab's owner asks.
        """
        self._draw()

    def _shown(self) -> list[int]:
        """Indexes of the columns wide enough a table has room for."""
        return [
            i
            for i, column in enumerate(self.columns_spec)
            if self.size.width >= column.min_table_width
        ]

    def _widths(self, shown: list[int]) -> list[int]:
        """Each shown column's width: set ones as set, `fit` ones grown to their names, the last the rest."""
        widths = [self.columns_spec[i].width or 0 for i in shown]
        padding = 2 * self.cell_padding * len(shown)
        scrollbar = self.styles.scrollbar_size_vertical
        flex = self.size.width - sum(widths) - padding - scrollbar
        for place, i in enumerate(shown):
            if self.columns_spec[i].fit and flex > KEEP:
                longest = natural(cells[i] for _, cells in self._rows)
                grant = min(max(0, longest - widths[place]), flex - KEEP)
                widths[place] += grant
                flex -= grant
        flex = max(MIN_FLEX, flex)
        return [width or flex for width in widths]

    def _draw(self, force: bool = False) -> None:
        """Rebuild columns and rows at the current width (only when it changed, unless forced).

        A table with no size yet (not laid out, or covered by its loading
        indicator, which takes its place) is drawn when it gets one: drawn
        now, at no width, it would be drawn and painted twice.
        """
        if not self.size.width:
            self._drawn_width = None
            return
        shown = self._shown()
        widths = self._widths(shown)
        flex = widths[-1] if widths else MIN_FLEX
        if not force and (widths, shown) == self._drawn_width:
            return
        self._drawn_width = (widths, shown)
        cursor, scrolled = self.cursor_row, self.scroll_y
        selected = self._drawn_keys[cursor] if 0 <= cursor < len(self._drawn_keys) else None
        self.clear(columns=True)
        for column, width in zip((self.columns_spec[i] for i in shown), widths):
            self.add_column(column.label, width=width, key=column.key)
        for key, cells in self._rows:
            row = [cells[i](flex) if callable(cells[i]) else cells[i] for i in shown]
            self.add_row(*row, key=key, height=self._height(row, widths))
        self._drawn_keys = [key for key, _ in self._rows]
        if self._rows:
            if selected in self._drawn_keys:
                cursor = self._drawn_keys.index(selected)
            self.move_cursor(row=min(max(cursor, 0), len(self._rows) - 1), animate=False)
            if scrolled:
                self.call_after_refresh(self._scroll_back, scrolled)

    def _scroll_back(self, scrolled: float) -> None:
        """Scroll to where the table was before it was redrawn, still showing the cursor's row."""
        self.scroll_to(y=scrolled, animate=False, immediate=True)
        self.move_cursor(row=self.cursor_row, animate=False)

    def _height(self, row: Sequence[RenderableType], widths: Sequence[int]) -> int:
        """The lines of the row's tallest cell; one while the table has no width yet (a resize redraws it)."""
        if not self.size.width:
            return 1
        console, options = self.app.console, self.app.console_options
        return max(
            (
                cell_height(cell, width, self.cell_padding, console, options)
                for cell, width in zip(row, widths)
            ),
            default=1,
        )


def cell_height(
    cell: RenderableType, width: int, padding: int, console: Console, options: ConsoleOptions
) -> int:
    """The lines a cell takes in a column `width` wide, as DataTable finds them for a row of height None.

    A string is markup to a DataTable; a one-line text that fits is one line
    without rendering it.
    """
    if isinstance(cell, str):
        cell = Text.from_markup(cell, end="")
    if isinstance(cell, Text) and "\n" not in cell.plain and cell.cell_len <= width:
        return 1
    lines = console.render_lines(
        Padding(cell, (0, padding)), options.update_width(width + 2 * padding)
    )
    return len(lines)
