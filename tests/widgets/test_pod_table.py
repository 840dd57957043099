"""The pod table on Home: blank while Home's data is on its way, then the pods or a word that there are none."""

from __future__ import annotations

import asyncio

from textual.app import App

from podview.widgets.pod_table import PodTable
from tests.shown import screen_lines


def test_the_pod_table_is_blank_until_told_and_says_when_there_are_no_pods():
    class Host(App):
        def compose(self):
            yield PodTable()

    async def scenario():
        app = Host()
        async with app.run_test(size=(60, 4)) as pilot:
            table = app.query_one(PodTable)
            await pilot.pause()
            before = screen_lines(app)[0]
            table.pods = []
            await pilot.pause()
            return before, screen_lines(app)[0]

    before, after = asyncio.run(scenario())
    assert before.strip() == ""
    assert after.startswith("No pods in the cache yet.")
