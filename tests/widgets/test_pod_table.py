"""The pod table on Home: blank while Home's data is on its way, then the pods or a word that there are none."""

from __future__ import annotations

import asyncio

from textual.app import App

from podview.widgets.pod_table import PodTable


def test_the_pod_table_is_blank_until_told_and_says_when_there_are_no_pods():
    class Host(App):
        def compose(self):
            yield PodTable()

    async def scenario():
        app = Host()
        async with app.run_test(size=(60, 4)) as pilot:
            table = app.query_one(PodTable)
            await pilot.pause()
            before = app.screen._compositor.render_strips()[0].text
            table.pods = []
            await pilot.pause()
            return before, app.screen._compositor.render_strips()[0].text

    before, after = asyncio.run(scenario())
    assert before.strip() == ""
    assert after.startswith("No pods in the cache yet.")
