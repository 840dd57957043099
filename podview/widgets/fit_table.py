"""A DataTable whose last column takes the width that is left and wraps, redrawn on every resize.

Reasons and goal names are sentences: cut off they say nothing, and a
horizontal scrollbar is useless in a meeting. The fixed columns keep their
widths; the last one gets the rest and rows grow to fit it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rich.console import RenderableType
from textual.widgets import DataTable

MIN_FLEX = 16
"""The last column never gets narrower than this; below it, the table scrolls sideways."""

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


class FitTable(DataTable):
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
        self._drawn_width: tuple[int, list[int]] | None = None

    def set_rows(self, rows: Sequence[tuple[str, Sequence[Cell]]]) -> None:
        """Replace the rows, each a (key, one cell per column) pair; the cursor stays on the same row number."""
        self._rows = list(rows)
        self._draw(force=True)

    def on_resize(self) -> None:
        self._draw()

    def _shown(self) -> list[int]:
        """Indexes of the columns wide enough a table has room for."""
        return [
            i
            for i, column in enumerate(self.columns_spec)
            if self.size.width >= column.min_table_width
        ]

    def _flex_width(self, shown: list[int]) -> int:
        fixed = sum(self.columns_spec[i].width or 0 for i in shown)
        padding = 2 * self.cell_padding * len(shown)
        scrollbar = self.styles.scrollbar_size_vertical
        return max(MIN_FLEX, self.size.width - fixed - padding - scrollbar)

    def _draw(self, force: bool = False) -> None:
        """Rebuild columns and rows at the current width (only when it changed, unless forced)."""
        shown = self._shown()
        flex = self._flex_width(shown)
        if not force and (flex, shown) == self._drawn_width:
            return
        self._drawn_width = (flex, shown)
        cursor = self.cursor_row
        self.clear(columns=True)
        for i in shown:
            column = self.columns_spec[i]
            self.add_column(column.label, width=column.width or flex, key=column.key)
        for key, cells in self._rows:
            row = [cells[i](flex) if callable(cells[i]) else cells[i] for i in shown]
            self.add_row(*row, key=key, height=None)
        if self._rows:
            self.move_cursor(row=min(max(cursor, 0), len(self._rows) - 1), animate=False)
