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


def test_the_postponed_heading_says_its_scope_in_words_whenever_the_width_allows():
    """86 cells is Home's pod panel at 180 columns: the short columns give up their spare room to the heading."""
    from podview.figures.home_model import PodGlance
    from podview.widgets.pod_table import pod_lines

    pods = [PodGlance("Pod Atlas", 6, 14, [0.7, 0.8], 0.78, 3, 1, 2, 4)]

    def heading(width: int) -> str:
        return pod_lines(pods, width).plain.splitlines()[0]

    assert heading(96).rstrip().endswith("Postponed · 4 wks")
    assert heading(86).rstrip().endswith("Postponed · 4 wks")
    assert heading(76).rstrip().endswith("→4 wks")
    assert pod_lines(pods, 86).plain.splitlines()[1].startswith("Pod Atlas")
