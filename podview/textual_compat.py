"""Every use podview makes of Textual's private API, each for a measured gain, in this one module.

Textual may rename any private name in any release and nothing would fail
but the look. So no other module touches one, and tests/screens/test_textual_compat.py
checks every internal these hooks use: an upgrade that moves one fails in CI,
naming the hook. The pin (`textual>=8.2,<9`) is as narrow as they need.

The hooks:
- `OwnStylesheet` (Screen._post_register, Screen._on_screen_resume,
  App._css_update_count): a screen's first visit without two full restyles
  of the app, 30–60 ms; a return to it without any while nothing changed.
- `MeasureFreeTable` (DataTable._update_dimensions): adding a thousand rows
  without measuring every cell, ~55 ms per thousand rows.
- `wake_screen_when_batches_end` (App._end_batch, App._batch_count): a screen
  switched to while the footer rebuilds is painted, not left behind (a bug fix).
- `FooterKey`, `FooterLabel` (textual.widgets._footer): the footer's own key
  widgets, which the compact footer restyles (Textual exports them nowhere else).
- `roomy_css_cache` (Stylesheet._parse_cache): each widget type's first use
  without re-parsing every stylesheet of the app, 50–80 ms each.
- `LastingCellsTable` (DataTable._render_cell, _render_line_in_row…): rows
  re-added, sorted or refreshed are drawn from memory; a sort, 229 → 39 ms.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import TYPE_CHECKING

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.cache import LRUCache
from textual.screen import Screen
from textual.widgets import DataTable
from textual.widgets._footer import FooterKey, FooterLabel

if TYPE_CHECKING:
    from textual.app import App
    from textual.coordinate import Coordinate
    from textual.widgets.data_table import RowKey

__all__ = [
    "FooterKey",
    "FooterLabel",
    "LastingCellsTable",
    "MeasureFreeTable",
    "OwnStylesheet",
    "roomy_css_cache",
    "wake_screen_when_batches_end",
]


class OwnStylesheet(Screen):
    """A screen whose `.tcss` joins the app's stylesheet as the screen registers, without restyling the others.

    On a screen's first visit Textual re-parses every stylesheet and restyles
    every widget twice (30–60 ms); handing the file over as the screen joins
    does the same without the two passes (podview's screen rules all start
    with their own type). Mix it in before the screen's base class.
    """

    _styled_for: Hashable = None
    """What the app's styles depended on when this screen was last restyled on being shown."""

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        """Restyle a screen switched back to only when the app's styles changed since it was last shown.

        Textual restyles every widget of a screen switched to (40–80 ms on
        Weekly), in case the app's styles changed: they change only with the
        stylesheet, the theme, and the app's classes and pseudo-classes.
        """
        app = self.app
        styled_for = (
            app._css_update_count,
            app.theme,
            frozenset(app.classes),
            frozenset(app.get_pseudo_classes()),
        )
        if styled_for == self._styled_for:
            event.refresh_styles = False
        self._styled_for = styled_for
        super()._on_screen_resume(event)

    def _post_register(self, app: App) -> None:
        super()._post_register(app)
        stylesheet = app.stylesheet
        for path in self.css_path:
            if not stylesheet.has_source(str(path), ""):
                stylesheet.add_source(path.read_text(encoding="utf-8"), read_from=(str(path), ""))
        self._css_update_count = app._css_update_count


class MeasureFreeTable(DataTable):
    """A DataTable that skips measuring new rows' cells whenever `needs_measuring()` says nothing depends on them.

    Subclasses say when measuring matters (widgets/sized_table.py); the size
    of the table is then the sum of its set column widths and row heights.
    """

    def needs_measuring(self) -> bool:
        """Whether a column or row sizes itself to its content (then DataTable measures as usual)."""
        return True

    def _update_dimensions(self, new_rows: Iterable[RowKey]) -> None:
        if self.needs_measuring():
            super()._update_dimensions(new_rows)
            return
        from textual.geometry import Size

        width = sum(column.get_render_width(self) for column in self.columns.values())
        header = self.header_height if self.show_header else 0
        self.virtual_size = Size(width, sum(row.height for row in self.rows.values()) + header)


LASTING_CELLS = 20_000
"""Rendered cells a table keeps across redraws: a few screenfuls of every view of its rows."""
LASTING_ROWS = 4_000
"""Rendered row lines a table keeps across redraws."""


class LastingCellsTable(DataTable):
    """A DataTable whose rendered cells outlive a change to its rows, as long as a cell's content does.

    DataTable keys its caches on a counter that any added, sorted or updated
    row moves on, so after a sort or a live refresh it renders every cell in
    view again. This table keeps each cell and row line under what it shows
    (content, width, colours, cursor) and only re-labels it with its new row
    number, which DataTable stores for mouse clicks.
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._lasting: LRUCache[tuple, tuple[int, int, list[list[Segment]]]] = LRUCache(LASTING_CELLS)
        self._lasting_rows: LRUCache[tuple, tuple[int, tuple]] = LRUCache(LASTING_ROWS)
        self._contents: dict[RowKey, tuple | None] = {}
        self._frame_count = -1
        self._frame_shape: tuple = ()

    def notify_style_update(self) -> None:
        """Colours may have changed: nothing rendered is kept."""
        self._lasting.clear()
        self._lasting_rows.clear()
        super().notify_style_update()

    def _render_cell(
        self,
        row_index: int,
        column_index: int,
        base_style: Style,
        width: int,
        cursor: bool = False,
        hover: bool = False,
    ) -> list[list[Segment]]:
        if row_index < 0 or column_index < 0:
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        row_key = self._row_locations.get_key(row_index)
        column_key = self._column_locations.get_key(column_index)
        content = _content_key(self.get_cell(row_key, column_key))
        if content is None:
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        key = (
            row_key,
            column_key,
            content,
            base_style,
            width,
            self.rows[row_key].height,
            cursor,
            hover,
            self._show_hover_cursor,
            self.show_cursor,
            row_index < self.fixed_rows or column_index < self.fixed_columns,
            self._pseudo_class_state,
        )
        kept = self._lasting.get(key)
        if kept is None:
            lines = self._quick_cell(row_index, column_index, row_key, base_style, width, cursor, hover)
            if lines is None:
                lines = super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
            self._lasting[key] = (row_index, column_index, lines)
            return lines
        kept_row, kept_column, lines = kept
        if (kept_row, kept_column) != (row_index, column_index):
            place = Style.from_meta({"row": row_index, "column": column_index})
            lines = [list(Segment.apply_style(line, post_style=place)) for line in lines]
            self._lasting[key] = (row_index, column_index, lines)
        return lines


    quick_cells = True
    """Draw one-line cells of plain text without Rich's layout machinery (off only to compare, in tests)."""

    def _quick_cell(
        self,
        row_index: int,
        column_index: int,
        row_key: RowKey,
        base_style: Style,
        width: int,
        cursor: bool,
        hover: bool,
    ) -> list[list[Segment]] | None:
        """A one-line text cell that fits, drawn as DataTable draws it at a tenth of the cost (0.3 ms a cell).

        Its own segments, padding and fill under the cell's styles as DataTable
        layers them; anything else (several lines, tabs, too long, a taller row)
        is left to DataTable. tests/screens/test_textual_compat.py compares the two.
        """
        if not self.quick_cells or self.rows[row_key].height != 1:
            return None
        cell = self.get_cell(row_key, self._column_locations.get_key(column_index))
        if isinstance(cell, str):
            if "\n" in cell:
                return None
            cell = Text.from_markup(cell, end="")
        elif not isinstance(cell, Text):
            return None
        pad = self.cell_padding
        inner = width - 2 * pad
        plain = cell.plain
        if "\n" in plain or "\t" in plain or cell.cell_len > inner:
            return None
        if cell.justify in ("left", "center", "right"):
            cell = _justified(cell, inner)
        elif cell.justify not in (None, "default"):
            return None
        pre = base_style + Style.from_meta({"row": row_index, "column": column_index})
        fixed = row_index < self.fixed_rows or column_index < self.fixed_columns
        component, post = self._get_styles_to_render_cell(
            False,
            False,
            fixed,
            hover,
            cursor,
            self.show_cursor,
            self._show_hover_cursor,
            self.cursor_foreground_priority == "css",
            self.cursor_background_priority == "css",
        )
        pre = pre + component
        blank = Style.null()
        segments = [Segment(" " * pad, blank)] if pad else []
        console = self.app.console
        if cell.style:
            own = console.get_style(cell.style)
            segments.extend(Segment.apply_style(cell.render(console), style=own))
        else:
            segments.extend(cell.render(console))
        fill = inner - cell.cell_len + pad
        if fill:
            segments.append(Segment(" " * fill, blank))
        return [[segment for segment in Segment.apply_style(segments, style=pre, post_style=post) if segment.text]]

    def _render_line_in_row(
        self,
        row_key: RowKey,
        line_no: int,
        base_style: Style,
        cursor_location: Coordinate,
        hover_location: Coordinate,
    ) -> tuple[list[list[Segment]], list[list[Segment]]]:
        """A row's line as drawn before when nothing it shows changed, re-labelled with its row number."""
        row_index = self._row_locations.get(row_key) if row_key in self._row_locations else -1
        content = self._row_content(row_key) if row_index >= 0 else None
        if content is None:
            return super()._render_line_in_row(row_key, line_no, base_style, cursor_location, hover_location)
        key = (
            row_key,
            line_no,
            content,
            base_style,
            self.zebra_stripes and row_index % 2,
            row_index < self.fixed_rows,
            _highlight_key(self.cursor_type, row_index, cursor_location),
            self._show_hover_cursor and _highlight_key(self.cursor_type, row_index, hover_location),
            self.cursor_type,
            self.show_cursor,
            self._show_hover_cursor,
            self._pseudo_class_state,
            self._frame,
        )
        kept = self._lasting_rows.get(key)
        if kept is None:
            pair = super()._render_line_in_row(row_key, line_no, base_style, cursor_location, hover_location)
            self._lasting_rows[key] = (row_index, pair)
            return pair
        kept_index, (fixed, scrollable) = kept
        if kept_index != row_index:
            place = Style.from_meta({"row": row_index})
            fixed = [list(Segment.apply_style(cell, post_style=place)) for cell in fixed]
            scrollable = [list(Segment.apply_style(cell, post_style=place)) for cell in scrollable]
            self._lasting_rows[key] = (row_index, (fixed, scrollable))
        return fixed, scrollable

    @property
    def _frame(self) -> tuple:
        """The table's shape, which every row's drawing depends on: read once per change to the table."""
        if self._frame_count != self._update_count:
            self._frame_count = self._update_count
            self._contents.clear()
            self._frame_shape = (
                self.size.width,
                tuple(column.get_render_width(self) for column in self.ordered_columns),
                self.fixed_columns,
                self._labelled_row_exists and self.show_row_labels,
            )
        return self._frame_shape

    def _row_content(self, row_key: RowKey) -> tuple | None:
        """What a row shows, hashable; None when a cell cannot say (the row is drawn afresh)."""
        self._frame  # noqa: B018 (a new frame forgets the contents read for the last one)
        if row_key in self._contents:
            return self._contents[row_key]
        keys = tuple(_content_key(cell) for cell in self.get_row(row_key))
        content = None if None in keys or self.rows[row_key].label is not None else keys
        self._contents[row_key] = content
        return content


def _justified(text: Text, width: int) -> Text:
    """A copy of a one-line text that fits, padded to `width` as Rich's Lines.justify pads it."""
    line = text.copy()
    if text.justify == "left":
        line.pad_right(width - line.cell_len)
        return line
    line.rstrip()
    if text.justify == "center":
        line.pad_left((width - line.cell_len) // 2)
        line.pad_right(width - line.cell_len)
    else:
        line.pad_left(width - line.cell_len)
    return line


def _highlight_key(cursor_type: str, row_index: int, location: Coordinate) -> Hashable:
    """What of the cursor (or hover) position a row's drawing depends on: for a row cursor, only whether it is on it."""
    if cursor_type == "row":
        return location.row == row_index
    if cursor_type == "none":
        return None
    return (location.row == row_index, location.column)


def _content_key(cell: object) -> tuple | None:
    """What a cell's rendering depends on, hashable; None for content that cannot say (render it afresh)."""
    if isinstance(cell, str):
        return ("str", cell)
    if isinstance(cell, Text):
        return (
            cell.plain,
            tuple(cell.spans),
            cell.style,
            cell.justify,
            cell.overflow,
            cell.no_wrap,
            cell.end,
        )
    return None


def wake_screen_when_batches_end(app: App) -> None:
    """When the last held-back update ends, let the screen on show paint what it has waiting.

    Textual holds paints back while a screen switch settles (a 50 ms batch)
    and while the footer rebuilds its keys (another). When the switch's batch
    ends first, its repaint is skipped, and the end of the footer's only
    wakes the app, not the screen: a screen that had already laid itself out
    (one returned to) then stayed unpainted, the previous
    screen still showing, until the next key. Installed on the app instance.
    """
    end_batch = app._end_batch

    def end_batch_and_wake() -> None:
        end_batch()
        if not app._batch_count:
            try:
                stack = app.get_screen_stack()
            except KeyError:
                return
            if stack:
                app.screen.check_idle()

    app._end_batch = end_batch_and_wake  # type: ignore[method-assign]


CSS_SOURCES = 1024
"""Room for every stylesheet podview ever loads (some 75: each widget type's default CSS, each screen's file)."""


def roomy_css_cache(app: App) -> None:
    """Keep every parsed stylesheet, so that a new one joining parses alone.

    Textual re-parses the whole stylesheet each time a widget type is first
    mounted, from a cache of the 64 last parsed: podview has more sources,
    so every one missed (50–80 ms per first use, against 1 ms). Installed on
    the app instance, before anything is mounted.
    """
    app.stylesheet._parse_cache = LRUCache(CSS_SOURCES)
