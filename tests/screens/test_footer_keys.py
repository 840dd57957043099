"""The footer shows the keys of the screen on show, including a screen come back to from under another."""

from __future__ import annotations

import pytest

from podview.screens.client_card import ClientCardScreen
from podview.screens.home import HomeScreen
from tests.screens.conftest import settle
from tests.screens.hosts import screen_text

pytestmark = pytest.mark.anyio


def footer(app) -> str:
    """The last line of the terminal: the footer's keys."""
    return screen_text(app).splitlines()[-1]


async def test_a_screen_come_back_to_shows_its_own_keys_again(app):
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        home = footer(app)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ClientCardScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert footer(app) == home
        await pilot.press("ctrl+p")
        await settle(pilot)
        under_palette = footer(app)
        await pilot.press("escape")
        await settle(pilot)
        assert footer(app) == home
    assert "d Decide" in home and "q Quit" in home
    assert "d Decide" not in under_palette, "keys that wait behind a dialog are not offered"
