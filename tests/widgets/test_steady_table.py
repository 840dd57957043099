"""A table that keeps its drawn cells across restyles still shows every change of colour at once."""

from __future__ import annotations

import asyncio

from textual.app import App
from textual.screen import Screen
from textual.widgets import Button

from podview.widgets.sized_table import SizedTable


class Table(Screen):
    def compose(self):
        yield SizedTable(cursor_type="row", id="table")
        yield Button("elsewhere")


class Other(Screen):
    def compose(self):
        yield Button("other")


class Host(App):
    MODES = {"table": Table, "other": Other}  # noqa: RUF012

    def on_mount(self) -> None:
        self.switch_mode("table")


def cursor_colour(table: SizedTable) -> str:
    """The background the cursor's row is painted with now."""
    strip = table.render_line(table.header_height)
    return str(next(s.style.bgcolor for s in strip if s.text.strip()))


def test_the_cursor_row_follows_focus_and_theme_and_stays_through_screen_switches():
    async def scenario() -> list[str]:
        app = Host()
        async with app.run_test(size=(40, 10)) as pilot:
            await pilot.pause()
            table = app.screen.query_one(SizedTable)
            table.add_column("Goal", width=20)
            table.add_rows([[f"goal {n}"] for n in range(5)])
            table.focus()
            await pilot.pause()
            seen = [cursor_colour(table)]
            app.screen.query_one(Button).focus()
            await pilot.pause()
            seen.append(cursor_colour(table))
            table.focus()
            await pilot.pause()
            await app.switch_mode("other")
            await pilot.pause()
            await app.switch_mode("table")
            await pilot.pause()
            seen.append(cursor_colour(table))
            app.theme = "textual-light"
            await pilot.pause()
            seen.append(cursor_colour(table))
        return seen

    focused, blurred, back, light = asyncio.run(scenario())
    assert blurred != focused, "the cursor kept its focused colour after focus moved away"
    assert back == focused, "the cursor's colour changed over a switch away and back"
    assert light != focused, "a new theme left the cursor in the old colours"
