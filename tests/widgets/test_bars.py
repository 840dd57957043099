"""PaceBar: the fill, the expected-progress marker, over-achievement and unknown progress."""

from __future__ import annotations

import asyncio

import pytest
from textual.app import App

from podview.widgets.bars import MARKER, PaceBar, marker_cell, pace_bar, pace_cells
from tests.shown import screen_lines


def test_behind_pace_the_fill_stops_short_of_the_marker():
    assert pace_cells(0.25, 0.5, 16) == "████░░░░│░░░░░░░"


def test_on_pace_the_fill_reaches_the_marker():
    assert pace_cells(0.5, 0.5, 16) == "████████│░░░░░░░"


def test_ahead_of_pace_the_marker_sits_inside_the_fill():
    assert pace_cells(0.75, 0.25, 8) == "██│███░░"


@pytest.mark.parametrize(("expected", "cell"), [(0.0, 0), (0.5, 5), (0.94, 9), (1.0, 9), (1.3, 9)])
def test_marker_cell_stays_inside_the_bar(expected, cell):
    assert marker_cell(expected, 10) == cell


def test_over_achievement_fills_the_bar_and_says_so_at_its_end():
    assert pace_cells(1.07, 0.67, 12) == "████████│██▶"


def test_going_backwards_is_marked_at_the_start():
    assert pace_cells(-0.2, 0.5, 8) == "◀░░░│░░░"


def test_unknown_progress_draws_dots_and_keeps_the_marker():
    assert pace_cells(None, 0.5, 8) == "····│···"
    assert pace_cells(None, None, 4) == "····"


def test_no_expected_progress_means_no_marker():
    assert MARKER not in pace_cells(0.5, None, 10)


def test_a_bar_of_no_width_is_empty():
    assert pace_cells(0.5, 0.5, 0) == ""


def test_rich_bar_styles_the_marker_apart_from_the_fill():
    text = pace_bar(0.5, 0.5, 4, fill="green", marker="bold")
    assert text.plain == "██│░"
    assert [str(span.style) for span in text.spans][:3] == ["green", "green", "bold"]


def test_the_widget_draws_across_its_width():
    class One(App):
        def compose(self):
            yield PaceBar(0.5, 0.25, id="bar")

    async def scenario():
        app = One()
        async with app.run_test(size=(20, 3)) as pilot:
            await pilot.pause()
            bar = app.query_one(PaceBar)
            first = screen_lines(app)[0]
            bar.progress = 1.2
            await pilot.pause()
            second = screen_lines(app)[0]
            return first, second

    first, second = asyncio.run(scenario())
    assert first == "█████│████░░░░░░░░░░"
    assert second == "█████│█████████████▶"


def test_the_widget_takes_its_tone_as_a_class():
    class One(App):
        def compose(self):
            yield PaceBar(0.5, 0.5)

    async def scenario():
        app = One()
        async with app.run_test(size=(10, 2)) as pilot:
            bar = app.query_one(PaceBar)
            bar.tone = "bad"
            await pilot.pause()
            first = bar.has_class("-bad")
            bar.tone = "good"
            await pilot.pause()
            return first, bar.has_class("-bad"), bar.has_class("-good")

    assert asyncio.run(scenario()) == (True, False, True)
