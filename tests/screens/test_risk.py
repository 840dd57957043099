"""Risk radar: the ranking, its pod filter and name search, and cards opened from it."""

from __future__ import annotations

import pytest
from textual.widgets import Input, Select

from podview.screens.client_card import ClientCardScreen
from podview.screens.risk import RiskScreen
from tests.screens.conftest import SIZE, screen_text, settle

pytestmark = pytest.mark.anyio


async def open_risk(app, pilot) -> RiskScreen:
    await settle(pilot)
    await pilot.press("6")
    await settle(pilot)
    assert isinstance(app.screen, RiskScreen)
    return app.screen


async def test_every_client_ranked_with_score_mrr_and_reasons(app):
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_risk(app, pilot)
        rows = screen.visible()
        assert len(rows) == 16 and [row.rank for row in rows] == list(range(1, 17))
        text = screen_text(app)
        assert "Brightsmile Dental Group" in text and "$18,500" in text and "Pod Atlas" in text
        assert "#1 Brightsmile Dental Group — score 120 of 130: a 90-day goal is off track" in text
        assert "120/130" in text  # every score against the highest the weights allow


async def test_pod_filter_by_select_and_by_key(app):
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_risk(app, pilot)
        screen.query_one(Select).value = "Pod Beacon"
        await pilot.pause()
        assert {row.pod for row in screen.visible()} == {"Pod Beacon"}
        assert "Meridian" not in screen_text(app)
        await pilot.press("f")
        await pilot.pause()
        assert screen.pod_filter == "Pod Comet"
        assert {row.pod for row in screen.visible()} == {"Pod Comet"}
        await pilot.press("f", "f")
        await pilot.pause()
        assert screen.pod_filter is None and len(screen.visible()) == 16


async def test_search_box_filters_by_name(app):
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_risk(app, pilot)
        await pilot.press("slash")
        assert isinstance(app.focused, Input)
        await pilot.press(*"vire")
        await pilot.pause()
        assert [row.client for row in screen.visible()] == ["Vireo Skincare"]
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ClientCardScreen)
        assert "Vireo Skincare" in screen_text(app)


async def test_no_match_says_so(app):
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_risk(app, pilot)
        screen.query_one(Input).value = "zzz"
        await pilot.pause()
        assert screen.visible() == []
        assert "No client matches the filters." in screen_text(app)


async def test_card_from_a_filtered_list_steps_through_that_list(app):
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_risk(app, pilot)
        screen.filter_pod("Pod Delta")
        await pilot.pause()
        delta = [row.client_gid for row in screen.visible()]
        await pilot.press("enter")
        await settle(pilot)
        card = app.screen
        assert card.client_gid == delta[0]
        for expected in [*delta[1:], delta[0]]:
            await pilot.press("n")
            await settle(pilot)
            assert card.client_gid == expected
