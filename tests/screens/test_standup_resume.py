"""Back on the stand-up from `d`: what was recorded shows at once; a menu or form left unsaved changes nothing."""

from __future__ import annotations

import pytest
from textual.widgets import TabbedContent

from podview.screens.decide import DecideMenu, DecideScreen
from podview.screens.meeting_dialogs import MeetingSetupScreen
from podview.screens.standup import StandupScreen
from podview.tui.palette import start_meeting_screen
from tests.screens.conftest import SIZE, screen_text, settle

pytestmark = pytest.mark.anyio


async def open_standup(pilot, app) -> StandupScreen:
    """Start Pod Atlas's stand-up as the palette does, with the dialog's defaults; cursor on a weekly goal."""
    start_meeting_screen(app, "standup", pod="Pod Atlas")
    for _ in range(20):
        await settle(pilot)
        if isinstance(app.screen, MeetingSetupScreen):
            break
    await pilot.press("enter")
    for _ in range(20):
        await settle(pilot)
        stand = app.screen
        if isinstance(stand, StandupScreen) and stand.meeting and stand.data and stand.data.agenda:
            break
    while stand.step != "step-this":
        await pilot.press("n")
    await settle(pilot)
    for _ in range(10):
        target = stand.selected_target()
        if target is not None and target.kind == "weekly_goal":
            return stand
        await pilot.press("down")
    raise AssertionError(f"no weekly goal under the cursor on {stand.step}: {stand.selected_target()}")


async def test_a_comment_recorded_from_the_stand_up_shows_in_its_decisions_and_on_its_goal(
    app_on, own_cache
):
    app = app_on(own_cache)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        stand = await open_standup(pilot, app)
        goal = stand.selected_target()
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, DecideMenu)
        await pilot.press("down", "enter")
        await settle(pilot)
        assert isinstance(app.screen, DecideScreen) and app.screen.kind == "comment"
        await pilot.press(*"Agreed to try a new headline", "ctrl+s")
        await settle(pilot)

        assert app.screen is stand
        assert stand.selected_target() == goal, "the cursor stays on its goal"
        assert goal.gid in stand.data.agenda.marks.waiting, "its row is marked as waiting"
        tabs = stand.query_one("#standup-agenda", TabbedContent)
        assert str(tabs.get_tab("step-decisions").label) == "Decisions (1)"
        await pilot.press("n", "n")
        await settle(pilot)
        assert stand.step == "step-decisions"
        assert "Agreed to try" in screen_text(app)


async def test_leaving_the_menu_or_the_form_unsaved_keeps_the_agenda_as_it_was(app_on, own_cache):
    app = app_on(own_cache)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        stand = await open_standup(pilot, app)
        goal, agenda = stand.selected_target(), stand.data.agenda
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DecideScreen)
        await pilot.press("escape")
        await settle(pilot)

        assert app.screen is stand and stand.selected_target() == goal
        assert stand.data.agenda is agenda, "nothing recorded: the agenda is not read or drawn again"
