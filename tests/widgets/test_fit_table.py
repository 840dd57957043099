"""FitTable's new rows keep the room's place: the cursor stays on its row's key, the rows in view stay in view."""

from __future__ import annotations

import asyncio

from textual.app import App

from podview.widgets.fit_table import Column, FitTable

COLUMNS = (Column("Status", "status", 8), Column("Goal", "goal"))


def rows(names: list[str]) -> list[tuple[str, list[str]]]:
    return [(f"goal:{name}", ["open", f"Goal {name}"]) for name in names]


def test_new_rows_keep_the_cursor_on_its_key_and_the_view_where_it_was():
    class Host(App):
        def compose(self):
            yield FitTable(COLUMNS)

    async def scenario():
        app = Host()
        async with app.run_test(size=(40, 10)) as pilot:
            table = app.query_one(FitTable)
            names = [str(n) for n in range(40)]
            table.set_rows(rows(names))
            await pilot.pause()
            table.move_cursor(row=28, animate=False)
            await pilot.pause()
            table.move_cursor(row=25, animate=False)
            await pilot.pause()
            scrolled = table.scroll_y
            table.set_rows(rows(names))
            await pilot.pause()
            same = (table.cursor_row, table.scroll_y)
            table.set_rows(rows(["new", *names]))
            await pilot.pause()
            inserted = table.cursor_row
            key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
            table.set_rows(rows(names[:10]))
            await pilot.pause()
            return scrolled, same, inserted, key, table.cursor_row

    scrolled, same, inserted, key, gone = asyncio.run(scenario())
    assert scrolled > 0, "the cursor's row is below the first screenful, and not the last in view"
    assert same == (25, scrolled), "the same rows again: nothing moves"
    assert (inserted, key) == (26, "goal:25"), "a row added above: the cursor follows its goal"
    assert gone == 9, "its goal gone: the cursor stays as near as the rows allow"
