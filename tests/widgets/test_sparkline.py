"""The text sparkline: one block per value, gaps where a value is missing."""

from __future__ import annotations

import asyncio

from textual.app import App

from podview.widgets.sparkline import BLOCKS, GAP, Spark, sparkline_text
from tests.shown import screen_lines


def test_values_scale_between_their_own_lowest_and_highest():
    assert sparkline_text([0, 7, 14]) == "▁▅█"


def test_fixed_bounds_keep_rates_on_a_zero_to_one_scale():
    assert sparkline_text([0.0, 0.5, 1.0], low=0, high=1) == "▁▅█"
    assert sparkline_text([0.9, 0.9], low=0, high=1) == "▇▇"


def test_none_is_a_gap_that_keeps_its_place():
    assert sparkline_text([0.0, None, 1.0, None], low=0, high=1) == f"▁{GAP}█{GAP}"


def test_only_gaps_is_all_gaps():
    assert sparkline_text([None, None]) == GAP * 2
    assert sparkline_text([]) == ""


def test_a_flat_series_sits_mid_height():
    assert sparkline_text([3, 3, 3]) == BLOCKS[3] * 3


def test_values_outside_fixed_bounds_are_clamped():
    assert sparkline_text([-1, 2], low=0, high=1) == "▁█"


def test_width_keeps_the_most_recent_values():
    assert sparkline_text([0, 1, 2, 3], width=2, low=0, high=3) == "▆█"
    assert sparkline_text([1, 2], width=0) == ""


def test_the_widget_is_as_wide_as_its_series():
    class One(App):
        def compose(self):
            yield Spark([0.0, None, 1.0], low=0, high=1)

    async def scenario():
        app = One()
        async with app.run_test(size=(10, 2)) as pilot:
            await pilot.pause()
            return app.query_one(Spark).size.width, screen_lines(app)[0]

    width, line = asyncio.run(scenario())
    assert width == 3
    assert line.startswith("▁·█")
