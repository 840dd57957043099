"""Keys that never stick: a filter or search box done with, the next key is the screen's again.

Found on the shared screen (issue 12): on Weekly, `/`, typing, then Esc or
Enter left the keyboard in the box, and the next `3` was typed into it
(`negatives3`); the same box caught `C` in client-safe mode. Every test
here ends the way the room would: with a screen key, and checks the screen
changed and the box did not get the character.
"""

from __future__ import annotations

import asyncio

import pytest
from textual.widgets import DataTable, Input, Select

from podview.screens.help import HelpScreen
from podview.screens.home import HomeScreen
from podview.screens.risk import RiskScreen
from podview.screens.tactics import TacticsScreen
from podview.screens.weekly import WeeklyScreen
from podview.widgets.scope_bar import ScopeBar
from tests.screens.conftest import SIZE, screen_text, settle

pytestmark = pytest.mark.anyio

SCREENS = {"2": WeeklyScreen, "6": RiskScreen}
"""The screens with a pod filter and a search box, by their key."""


async def open_screen(app, pilot, key: str):
    await settle(pilot)
    await pilot.press(key)
    await settle(pilot)
    assert isinstance(app.screen, SCREENS[key])
    return app.screen


def search_box(screen) -> Input:
    return screen.query_one(ScopeBar).query_one("#search", Input)


@pytest.mark.parametrize("done", ["escape", "enter"])
@pytest.mark.parametrize("key", list(SCREENS), ids=["weekly", "risk"])
async def test_done_searching_the_next_screen_key_changes_screen(app, key, done):
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_screen(app, pilot, key)
        await pilot.press("slash", *"ne", done)
        await pilot.pause()
        assert isinstance(app.focused, DataTable), "the table has the keys again"
        assert screen.query_one(ScopeBar).search == "ne", f"{done} keeps the search"
        await pilot.press("3")
        await settle(pilot)
        assert isinstance(app.screen, TacticsScreen)
        assert search_box(screen).value == "ne", "the 3 went to the screen keys, not the box"
        await pilot.press(key)
        await settle(pilot)
        assert app.screen is screen and isinstance(app.focused, DataTable)


@pytest.mark.parametrize("key", list(SCREENS), ids=["weekly", "risk"])
async def test_a_pod_chosen_in_the_menu_gives_the_keys_back(app, key):
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_screen(app, pilot, key)
        bar = screen.query_one(ScopeBar)
        bar.query_one(Select).focus()
        await pilot.pause()
        await pilot.press("enter", "down", "down", "enter")
        await pilot.pause()
        assert bar.pod == "Pod Beacon" and isinstance(app.focused, DataTable)
        await pilot.press("3")
        await settle(pilot)
        assert isinstance(app.screen, TacticsScreen)


async def test_escape_on_the_pod_filter_closes_its_menu_then_gives_the_keys_back(app):
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_screen(app, pilot, "6")
        select = screen.query_one(ScopeBar).query_one(Select)
        select.focus()
        await pilot.pause()
        await pilot.press("enter", "escape")
        await pilot.pause()
        assert not select.expanded and app.focused is select, "Esc in an open menu only closes it"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.focused, DataTable) and app.screen is screen
        await pilot.press("2")
        await settle(pilot)
        assert isinstance(app.screen, WeeklyScreen)


async def test_a_search_with_no_match_lets_go_too(app):
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_screen(app, pilot, "2")
        await pilot.press("slash", *"zzz", "escape")
        await pilot.pause()
        assert "No goal of this week matches" in screen_text(app)
        await pilot.press("t", "3")
        await settle(pilot)
        assert isinstance(app.screen, TacticsScreen) and search_box(screen).value == "zzz"


async def test_typing_still_types_while_the_box_has_the_keys(app):
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_screen(app, pilot, "2")
        await pilot.press("slash", *"C3f")
        await pilot.pause()
        assert app.screen is screen and search_box(screen).value == "C3f"
        assert "Done (search kept)" in screen_text(app), "the footer says what Esc does"


async def test_screens_built_ahead_meanwhile_leave_the_box_its_keys(app_on, demo_cache):
    """Building the other screens switches to each and back, unseen: someone typing keeps typing."""
    app = app_on(demo_cache, warm_screens=True)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_screen(app, pilot, "2")
        await pilot.press("slash", *"ne")
        await asyncio.wait_for(app.warming.finished.wait(), 30)
        await pilot.press("g")
        await pilot.pause()
        assert app.focused is search_box(screen) and search_box(screen).value == "neg"


async def test_leaving_client_safe_mode_started_from_a_search_box_gives_the_table_the_keys(app):
    async with app.run_test(size=SIZE) as pilot:
        weekly = await open_screen(app, pilot, "2")
        await pilot.press("slash", *"neg", "ctrl+p")
        await settle(pilot)
        await pilot.press(*"Client-safe", "enter")
        await settle(pilot)
        await pilot.press(*"Ledgerly", "enter")
        await settle(pilot)
        assert app.client_safe and not isinstance(app.focused, Input)
        await pilot.press("2")
        await settle(pilot)
        assert isinstance(app.screen, WeeklyScreen) and app.screen.context.client_safe
        await pilot.press("C")
        await settle(pilot)
        assert app.client_safe is None and app.screen is weekly
        assert isinstance(app.focused, DataTable)
        await pilot.press("3")
        await settle(pilot)
        assert isinstance(app.screen, TacticsScreen) and search_box(weekly).value == "neg"


async def test_c_leaves_client_safe_mode_after_a_search_on_its_weekly(app):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("C", "2")
        await settle(pilot)
        box = search_box(app.screen)
        await pilot.press("slash", *"neg", "escape", "C")
        await settle(pilot)
        assert app.client_safe is None, "C reached the app, not the search box"
        assert box.value == "neg"
        await pilot.press("6")
        await settle(pilot)
        assert isinstance(app.screen, RiskScreen)


async def test_help_says_where_a_key_works_in_screen_names(app):
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(app, pilot, "2")
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        where = {item.scope for item in app.screen.keys}
        assert where == {"Weekly", "Everywhere"}
        search = next(item for item in app.screen.keys if item.binding_id == "weekly.search")
        assert search.description == "Search; Enter or Esc keeps it"
        text = screen_text(app)
        assert "Table" not in text and "23–29 Nov" not in text
        await pilot.press("escape", "6", "question_mark")
        await settle(pilot)
        assert {item.scope for item in app.screen.keys} == {"Risk", "Everywhere"}


async def test_home_offers_no_pod_filter_or_search(app):
    """Home lists pods and the clients at risk side by side; ctrl+p finds a pod or a client instead."""
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("question_mark")
        await pilot.pause()
        assert not [item for item in app.screen.keys if item.key in ("f", "/")]
        await pilot.press("escape")
        await pilot.pause()
        assert "Pod filter" not in screen_text(app) and "Search" not in screen_text(app)
