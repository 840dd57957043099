"""A DataTable whose columns all have a set width, so that adding a thousand rows measures no cell.

When rows are added, DataTable measures every cell of every new row to
widen auto-width columns, and renders every cell of auto-height rows: about
55 ms per thousand rows of four columns on a two-core laptop, on the UI
thread, before the table can paint. Weekly, Tactics and Pacing show hundreds
to a thousand rows, all in columns of a set width and rows of a set height,
where those measures change nothing. This table skips them then, and lets
DataTable do its full work whenever a column sizes itself to its content, a
row sets its height to fit, or a row has a label.
Its rendered cells outlast a change to its rows (textual_compat.LastingCellsTable).
"""

from __future__ import annotations

from podview.textual_compat import LastingCellsTable, MeasureFreeTable
from podview.widgets.steady_table import SteadyTable


class SizedTable(SteadyTable, MeasureFreeTable, LastingCellsTable):
    """A DataTable that never measures cells while every column has a width and every row a height."""

    def needs_measuring(self) -> bool:
        """Whether something in the table depends on the size of its cells' content."""
        if any(column.auto_width for column in self.columns.values()):
            return True
        return any(row.auto_height or row.label is not None for row in self.rows.values())
