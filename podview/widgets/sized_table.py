"""A DataTable whose columns all have a set width, so that adding a thousand rows measures no cell.

When rows are added, DataTable measures every cell of every new row to
widen auto-width columns, and renders every cell of auto-height rows: about
55 ms per thousand rows of four columns on a two-core laptop, on the UI
thread, before the table can paint. Weekly, Tactics and Pacing show hundreds
to a thousand rows, all in columns of a set width and rows of a set height,
where those measures change nothing. This table skips them then, and lets
DataTable do its full work whenever a column sizes itself to its content, a
row sets its height to fit, or a row has a label.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.geometry import Size
from textual.widgets import DataTable
from textual.widgets.data_table import RowKey


class SizedTable(DataTable):
    """A DataTable that never measures cells while every column has a width and every row a height."""

    def _update_dimensions(self, new_rows: Iterable[RowKey]) -> None:
        if not self._sized():
            super()._update_dimensions(new_rows)
            return
        width = sum(column.get_render_width(self) for column in self.columns.values())
        header = self.header_height if self.show_header else 0
        self.virtual_size = Size(width, sum(row.height for row in self.rows.values()) + header)

    def _sized(self) -> bool:
        """Whether nothing in the table depends on the size of its cells' content."""
        if any(column.auto_width for column in self.columns.values()):
            return False
        return not any(row.auto_height or row.label is not None for row in self.rows.values())
