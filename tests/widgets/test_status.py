"""Every status word of metrics.md has an icon and a word, so colour is never the only signal."""

from __future__ import annotations

import asyncio

import pytest
from textual.app import App

from podview.figures.goals import STATUSES
from podview.widgets.status import (
    ASANA,
    FLAGS,
    PACING,
    TALLIES,
    TONES,
    WEEKLY,
    StatusBadge,
    asana_look,
    look,
    status_text,
    tone_styles,
)

PACING_WORDS = (
    "no metric",
    "no dates",
    "not started",
    "achieved",
    "missed",
    "on track",
    "at risk",
    "off track",
)
TALLY_WORDS = ("running", "win", "loss", "inconclusive")


@pytest.mark.parametrize(
    ("table", "words"), [(WEEKLY, STATUSES), (PACING, PACING_WORDS), (TALLIES, TALLY_WORDS)]
)
def test_every_metrics_word_shows_as_icon_and_the_same_word(table, words):
    for word in words:
        found = look(word, table)
        assert found.word == word
        assert found.icon and found.label == f"{found.icon} {word}"
        assert found.tone in TONES


@pytest.mark.parametrize(
    ("status", "label"),
    [
        ("hit", "✔ hit"),
        ("missed", "✖ missed"),
        ("open", "◷ open"),
        ("postponed", "↷ postponed"),
        ("late", "◔ late"),
    ],
)
def test_weekly_labels(status, label):
    assert look(status, WEEKLY).label == label


def test_flags_name_how_a_deadline_moved():
    assert FLAGS["deadline_moved"].label == "⚠ deadline moved"
    assert FLAGS["carried_over"].label == "↪ carried over"


def test_asana_colours_are_shown_in_asanas_words():
    assert asana_look("green").label == "● on track"
    assert asana_look("red").label == "✖ off track"
    assert asana_look(None).label == "—"
    assert set(ASANA) == {"green", "yellow", "red", "achieved", "partial", "missed", "dropped",
                          "on_track", "at_risk", "off_track", "on_hold", "complete"}


def test_an_unknown_word_is_still_shown():
    assert look("archived").label == "• archived"
    assert look("").word == "—"


def test_same_word_same_look_across_tables():
    assert look("missed", WEEKLY).tone == look("missed", PACING).tone == "bad"


def test_status_text_carries_icon_and_word_and_the_tones_colour():
    styles = tone_styles({"text-success": "#00ff00", "text-error": "#ff0000"})
    text = status_text("hit", styles, WEEKLY)
    assert text.plain == "✔ hit"
    assert text.style == styles["good"]
    assert styles["bad"].bold
    assert status_text("hit").style == ""


def test_a_theme_without_a_variable_leaves_the_tone_uncoloured():
    assert tone_styles({})["good"].color is None


def test_badge_switches_word_and_class_together():
    class One(App):
        def compose(self):
            yield StatusBadge("hit")

    async def scenario():
        app = One()
        async with app.run_test(size=(20, 2)) as pilot:
            badge = app.query_one(StatusBadge)
            await pilot.pause()
            before = (badge.has_class("-good"), str(badge.render()))
            badge.show_status(PACING["off track"])
            await pilot.pause()
            return before, (badge.has_class("-good"), badge.has_class("-bad"), str(badge.render()))

    before, after = asyncio.run(scenario())
    assert before == (True, "✔ hit")
    assert after == (False, True, "✖ off track")
