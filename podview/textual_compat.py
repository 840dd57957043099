"""Every use podview makes of Textual's private API, each for a measured gain, in this one module.

Textual may rename or remove any private name in any release, and nothing
would fail: a screen would go unstyled, or stay unpainted. So no other module
touches one; each hook here says what it gains, and tests/test_textual_compat.py
checks every internal it relies on, so that a Textual upgrade that moves one
fails in CI, loudly, naming the hook. The pin in pyproject.toml (`textual>=8.2,<9`)
is as narrow as these hooks need.

The hooks:
- `OwnStylesheet` (Screen._post_register, App._css_update_count): a screen's
  first visit without two full restyles of the app, 30–60 ms.
- `MeasureFreeTable` (DataTable._update_dimensions): adding a thousand rows
  without measuring every cell, ~55 ms per thousand rows.
- `wake_screen_when_batches_end` (App._end_batch, App._batch_count): a screen
  switched to while the footer rebuilds is painted, not left behind (a bug fix).
- `FooterKey`, `FooterLabel` (textual.widgets._footer): the footer's own key
  widgets, which the compact footer restyles (Textual exports them nowhere else).
- `roomy_css_cache` (Stylesheet._parse_cache): each widget type's first use
  without re-parsing every stylesheet of the app, 50–80 ms each.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from textual.cache import LRUCache
from textual.screen import Screen
from textual.widgets import DataTable
from textual.widgets._footer import FooterKey, FooterLabel

if TYPE_CHECKING:
    from textual.app import App
    from textual.widgets.data_table import RowKey

__all__ = [
    "FooterKey",
    "FooterLabel",
    "MeasureFreeTable",
    "OwnStylesheet",
    "roomy_css_cache",
    "wake_screen_when_batches_end",
]


class OwnStylesheet(Screen):
    """A screen whose `.tcss` joins the app's stylesheet as the screen registers, without restyling the others.

    The first time a screen is shown, Textual reads its CSS_PATH, re-parses
    every stylesheet of the app and restyles every widget, then does it all
    once more because a new screen has not seen the app's CSS yet: 30–60 ms
    of each first visit on a two-core laptop, spent on widgets that do not
    change. Handing the file to the stylesheet as the screen joins the app
    does what Textual does without the two full passes. podview's screen
    rules all start with their own type, so no other screen needs restyling.
    Mix it in before the screen's base class.
    """

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

    Each time a widget type is first mounted (a dialog's check boxes, the
    palette's list, a form's date field), Textual adds its default CSS and
    parses the app's whole stylesheet again, one source after another,
    answered from a cache of the 64 last parsed. podview's stylesheet has
    more sources than that, so in that order every one misses: 50–80 ms of
    parsing unchanged CSS per first use, against 1 ms with room for them all.
    Installed on the app instance, before anything is mounted.
    """
    app.stylesheet._parse_cache = LRUCache(CSS_SOURCES)
