"""Home's people line: who needs coaching, in as many names as fit, and the way to People."""

from __future__ import annotations

import pytest

from podview.figures.home_model import CoachNeed
from podview.widgets.people_line import PeopleLine, coaching_line
from podview.words import SHORT_COACHING
from tests.screens.conftest import SIZE, notifications, screen_text, settle

pytestmark = pytest.mark.anyio

NEEDS = [
    CoachNeed("1", "Ana Ruiz", ["hit_rate_low", "plans_late"]),
    CoachNeed("2", "Ben Okafor", ["deadline_moved"]),
    CoachNeed("3", "Cleo Park", ["training_overdue"]),
]


def test_names_with_their_first_signal_then_how_many_more():
    assert coaching_line(NEEDS, 200) == (
        "3 people need coaching: Ana Ruiz (low hit rate), Ben Okafor (moves deadlines), "
        "Cleo Park (training overdue)"
    )
    assert coaching_line(NEEDS, 86) == (
        "3 people need coaching: Ana Ruiz (low hit rate), Ben Okafor (moves deadlines), +1 more"
    )
    assert coaching_line(NEEDS, 85) == "3 people need coaching: Ana Ruiz (low hit rate), +2 more"
    assert coaching_line(NEEDS, 30) == "3 people need coaching"
    assert coaching_line(NEEDS[:1], 80) == "1 person needs coaching: Ana Ruiz (low hit rate)"
    assert coaching_line([], 80) == "Nobody needs coaching"


def test_every_coaching_signal_has_its_few_words():
    from podview.figures.people import COACH_SIGNALS

    assert set(SHORT_COACHING) == set(COACH_SIGNALS)


async def test_home_names_who_needs_coaching_from_its_saved_figures(app):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        needs = app.screen.data.coaching
        text = screen_text(app)
        if needs:
            assert f"{len(needs)} people need coaching: {needs[0].name}" in text
            assert all(need.signals for need in needs)
            counts = [len(need.signals) for need in needs]
            assert counts == sorted(counts, reverse=True), "most signals first"
        else:
            assert "Nobody needs coaching" in text


async def test_enter_or_a_click_on_the_line_asks_for_people(app, monkeypatch):
    asked: list[str] = []

    async def go(name: str) -> None:
        asked.append(name)

    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        monkeypatch.setattr(app.navigation, "go", go)
        line = app.screen.query_one(PeopleLine)
        line.focus()
        await pilot.press("enter")
        await settle(pilot)
        assert asked == ["people"]
        await pilot.click("#people-line")
        await settle(pilot)
        assert asked == ["people", "people"]


async def test_a_podview_without_the_people_screen_says_so(app, monkeypatch):
    from podview.screens import registry

    monkeypatch.delitem(registry.SCREENS, "people", raising=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.screen.query_one(PeopleLine).focus()
        await pilot.press("enter")
        await settle(pilot)
        assert any("Screen unavailable" in note and "people" in note for note in notifications(app))
        assert app.current_mode == "home"
