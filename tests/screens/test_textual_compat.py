"""Each Textual internal podview relies on (podview/textual_compat.py), checked so an upgrade that moves one fails here.

A failure names the hook: read its docstring in textual_compat.py, then
either adapt the hook to the new Textual or drop it (each is a speed-up or a
repaint fix, never needed for correctness of the figures).
"""

from __future__ import annotations

import asyncio
import inspect

import pytest
from rich.text import Text
from textual.app import App, ComposeResult
from textual.cache import LRUCache
from textual.screen import Screen
from textual.widgets import DataTable, Footer

from podview import textual_compat
from podview.textual_compat import (
    LastingCellsTable,
    MeasureFreeTable,
    OwnStylesheet,
    roomy_css_cache,
)
from tests.screens.conftest import SIZE, settle

pytestmark = pytest.mark.anyio


def test_private_names_the_hooks_use_still_exist():
    assert callable(getattr(App, "_end_batch", None)), "wake_screen_when_batches_end: App._end_batch is gone"
    assert callable(getattr(App, "_begin_batch", None)), "wake_screen_when_batches_end: App._begin_batch is gone"
    assert list(inspect.signature(Screen._post_register).parameters) == ["self", "app"], "OwnStylesheet: Screen._post_register changed"
    assert list(inspect.signature(DataTable._update_dimensions).parameters) == ["self", "new_rows"], (
        "MeasureFreeTable: DataTable._update_dimensions changed"
    )
    assert issubclass(textual_compat.FooterKey, object) and issubclass(textual_compat.FooterLabel, object)
    assert isinstance(App().stylesheet._parse_cache, LRUCache), "roomy_css_cache: Stylesheet._parse_cache is gone"
    assert list(inspect.signature(DataTable._render_cell).parameters) == [
        "self", "row_index", "column_index", "base_style", "width", "cursor", "hover"
    ], "LastingCellsTable: DataTable._render_cell changed"
    assert list(inspect.signature(DataTable._render_line_in_row).parameters) == [
        "self", "row_key", "line_no", "base_style", "cursor_location", "hover_location"
    ], "LastingCellsTable: DataTable._render_line_in_row changed"
    assert list(inspect.signature(DataTable._get_styles_to_render_cell).parameters)[1:4] == [
        "is_header_cell", "is_row_label_cell", "is_fixed_style_cell"
    ], "LastingCellsTable._quick_cell: DataTable._get_styles_to_render_cell changed"
    table = DataTable()
    for name in ("_row_locations", "_column_locations", "_show_hover_cursor", "_update_count", "_labelled_row_exists"):
        assert hasattr(table, name), f"LastingCellsTable: DataTable.{name} is gone"
    for name in ("_line_cache", "_row_render_cache", "_cell_render_cache", "_pseudo_class_state"):
        assert hasattr(table, name), f"LastingCellsTable (and its tests): DataTable.{name} is gone"


def test_with_a_roomy_css_cache_a_new_stylesheet_is_parsed_alone():
    """roomy_css_cache: past 64 sources Textual's own cache re-parsed every one each time a source joined."""
    app = App()
    roomy_css_cache(app)
    sheet = app.stylesheet
    for n in range(100):
        sheet.add_source(f"#w{n} {{ width: {n + 1}; }}", read_from=("test", f"w{n}"))
        assert sheet.rules
    parsed = sheet._parse_cache.misses
    sheet.add_source("#new { width: 1; }", read_from=("test", "new"))
    assert sheet.rules
    assert sheet._parse_cache.misses - parsed == 1, "only the new source is parsed"


async def test_batch_counter_and_css_counter_are_where_the_hooks_read_them():
    class Bare(App):
        def compose(self) -> ComposeResult:
            yield Footer()

    app = Bare()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app._batch_count == 0, "wake_screen_when_batches_end reads App._batch_count"
        with app.batch_update():
            assert app._batch_count == 1
        assert isinstance(app._css_update_count, int), "OwnStylesheet copies App._css_update_count"
        assert isinstance(app.screen._css_update_count, int)
        assert app.screen.query(textual_compat.FooterKey), "KeyFooter restyles Textual's FooterKey widgets"


class Styled(OwnStylesheet, Screen):
    CSS = "Styled { background: red; }"

    def compose(self) -> ComposeResult:
        table = Table(id="t")
        yield table


class Table(MeasureFreeTable):
    measured: int = 0
    sized: bool = True

    def needs_measuring(self) -> bool:
        return not self.sized

    def _update_dimensions(self, new_rows):
        if self.needs_measuring():
            Table.measured += 1
        super()._update_dimensions(new_rows)


async def test_a_measure_free_table_sizes_itself_from_its_set_widths_and_heights():
    class Host(App):
        def on_mount(self) -> None:
            self.push_screen(Styled())

    app = Host()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        table = app.screen.query_one(Table)
        table.add_column("a", width=10)
        table.add_column("b", width=5)
        table.add_rows([("x", "y")] * 300)
        await pilot.pause()
        assert table.virtual_size.height == 300 + 1, "rows of height 1 and a header"
        assert table.virtual_size.width >= 15
        assert Table.measured == 0
        table.sized = False
        table.add_rows([("x", "y")])
        await pilot.pause()
        assert Table.measured == 1, "DataTable measures as usual when a table says it must"


async def test_a_screen_returned_to_is_painted_when_a_footer_rebuild_outlasts_the_switch(app_on, demo_cache):
    """wake_screen_when_batches_end: the previous screen must not stay up when Textual's switch hold ends inside another.

    The sleeps reproduce Textual's own 50 ms switch hold (`delay_update`), which is what the hook is about.
    """
    app = app_on(demo_cache)
    painted: list[str] = []
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("1")
        await settle(pilot)
        display = app._display

        def record(screen, update):
            painted.append(type(screen).__name__)
            return display(screen, update)

        app._display = record
        app._begin_batch()  # a footer rebuild, started during the switch and ending after it
        app.switch_mode("weekly")
        await asyncio.sleep(0.15)  # the switch's own 50 ms hold ends while the footer's still runs
        painted.clear()
        app._end_batch()
        await asyncio.sleep(0.15)
        assert "WeeklyScreen" in painted, "the weekly screen was never drawn: the terminal still showed Home"


class Cells(LastingCellsTable):
    """A table counting the cells it hands to DataTable's own renderer."""

    slow = 0

    def _render_cell(self, row_index, column_index, base_style, width, cursor=False, hover=False):
        return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)


CELLS = [
    ("plain", "[bold red]markup[/] too", Text("right", justify="right"), Text("4 · 0", style="cyan", justify="center")),
    ("", Text("spans", style="italic").append(" and more", style="green"), Text("left", justify="left"), "—"),
    ("wide 漢字", Text("✖ late", style="red"), Text("  trailing  ", justify="right"), Text("emoji 🎯")),
    ("a name far too long for its column, so Rich cuts it", "x", Text("y"), Text("two\nlines")),
]


def _chars(strip) -> list[tuple[str, object]]:
    """Each cell of a drawn line with its style: equal however the line is cut into segments."""
    return [(char, segment.style) for segment in strip for char in segment.text]


def _forget(table: LastingCellsTable) -> None:
    table._lasting.clear()
    table._lasting_rows.clear()
    table._line_cache.clear()
    table._row_render_cache.clear()
    table._cell_render_cache.clear()


@pytest.mark.parametrize("zebra", [False, True])
@pytest.mark.parametrize("fixed", [0, 1])
async def test_quick_cells_look_exactly_as_datatable_draws_them(zebra, fixed):
    """LastingCellsTable._quick_cell: the same characters in the same styles as DataTable's Rich path, line by line."""

    class Host(App):
        def compose(self) -> ComposeResult:
            yield Cells(id="t", zebra_stripes=zebra, fixed_columns=fixed, cursor_type="row")

    app = Host()
    async with app.run_test(size=SIZE) as pilot:
        table = app.query_one(Cells)
        for label, width in (("A", 12), ("B", 14), ("C", 10), ("D", 9)):
            table.add_column(label, width=width)
        for n, row in enumerate(CELLS * 3):
            table.add_row(*row, key=str(n), height=2 if n == 3 else 1)
        table.move_cursor(row=2)
        await pilot.pause()
        for y in range(table.size.height):
            _forget(table)
            table.quick_cells = True
            quick = _chars(table.render_line(y))
            _forget(table)
            table.quick_cells = False
            rich = _chars(table.render_line(y))
            assert quick == rich, f"line {y} differs from DataTable's own drawing"


async def test_kept_cells_follow_their_rows_and_their_content():
    """LastingCellsTable: a re-sorted row is drawn from memory, labelled with its new place; a changed cell is drawn anew."""

    class Host(App):
        def compose(self) -> ComposeResult:
            yield Cells(id="t", cursor_type="row")

    app = Host()
    async with app.run_test(size=SIZE) as pilot:
        table = app.query_one(Cells)
        table.add_column("name", width=10, key="name")
        table.add_column("n", width=4, key="n")
        names = [f"person {n}" for n in range(20)]
        for name in names:
            table.add_row(Text(name), Text(str(len(name))), key=name)
        table.move_cursor(row=5)
        await pilot.pause()
        table.render_line(1)
        rendered = []
        original = DataTable._render_line_in_row

        def counting(self, *args, **kwargs):
            rendered.append(args[0].value)
            return original(self, *args, **kwargs)

        DataTable._render_line_in_row = counting
        try:
            table.clear()
            for name in reversed(names):
                table.add_row(Text(name), Text(str(len(name))), key=name)
            strip = table.render_line(1 + 19)  # the header, then "person 0", now last
            assert rendered == [], "a row that only moved is not drawn again"
            assert "person 0" in strip.text
            places = {segment.style.meta.get("row") for segment in strip if segment.style and segment.style.meta}
            assert places == {19}, "a click on the moved row reaches its new place"
            table.update_cell("person 0", "n", Text("99"))
            assert table.render_line(1 + 19).text.split()[:3] == ["person", "0", "99"]
            assert rendered == ["person 0"], "a changed cell is drawn anew"
        finally:
            DataTable._render_line_in_row = original


async def test_a_screen_switched_back_to_is_restyled_only_when_the_apps_styles_changed():
    """OwnStylesheet._on_screen_resume: no restyle while nothing changed; a changed app class still reaches the screen."""
    from textual.widgets import Static

    class Plain(OwnStylesheet, Screen):
        def compose(self) -> ComposeResult:
            yield Static("words")

    class Host(App):
        CSS = "App.loud Static { color: red; }"
        MODES = {"a": Plain, "b": Plain}  # noqa: RUF012

        def on_mount(self) -> None:
            self.switch_mode("a")

    app = Host()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.switch_mode("b")
        await pilot.pause()
        restyled: list[str] = []
        update_nodes = app.stylesheet.update_nodes

        def counting(nodes, animate=False):
            nodes = list(nodes)
            restyled.extend(type(node).__name__ for node in nodes)
            return update_nodes(nodes, animate=animate)

        app.stylesheet.update_nodes = counting
        app.switch_mode("a")
        await pilot.pause()
        app.switch_mode("b")
        await pilot.pause()
        assert "Static" not in restyled, "nothing changed: the screens switched back to are not restyled"
        app.add_class("loud")
        await pilot.pause()
        app.switch_mode("a")
        await pilot.pause()
        assert app.screen.query_one(Static).styles.color.rgb == (255, 0, 0), "the app's new class reached the screen"
