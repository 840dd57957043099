"""On a 200-column terminal no client name is cut while the tables have room; on 80 columns they still fit."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable

from podview.screens.standup import StandupScreen
from tests.screens.conftest import screen_text, settle
from tests.screens.hosts import Host, drive, started

pytestmark = pytest.mark.anyio

WIDE = (200, 60)


def cut_names(text: str, names: list[str]) -> list[str]:
    """The names shown cut short: a beginning of the name followed by `…`."""
    return [name for name in names if any(f"{name[:k]}…" in text for k in range(3, len(name)))]


def whole_in_view(text: str, names: list[str]) -> list[str]:
    return [name for name in names if name in text]


@pytest.mark.parametrize("key", ["2", "3", "4", "5", "6"])
async def test_at_200_columns_no_client_name_is_cut(app, key):
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        names = [client.name for client in app.directory.clients]
        await pilot.press(key)
        await settle(pilot)
        text = screen_text(app)
    assert not cut_names(text, names)
    assert len(whole_in_view(text, names)) >= 3, "the screen shows client names"


async def test_at_200_columns_the_card_cuts_nothing(app):
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        text = screen_text(app)
    assert "Brightsmile Dental Group" in text and "…" not in text


def test_at_200_columns_the_stand_up_cuts_no_client_name(own):
    async def scenario(pilot):
        await started(pilot)
        await settle(pilot)
        await pilot.press("n", "n")
        await settle(pilot)
        return screen_text(pilot.app)

    text = drive(Host(lambda context: StandupScreen(context, pod="Pod Atlas"), own), scenario, size=WIDE)
    atlas = ["Brightsmile Dental Group", "Harbor & Pine Law", "Kettle & Crumb 🍪", "Ledgerly"]
    assert "Postponed" in text and whole_in_view(text, atlas)
    assert not cut_names(text, atlas)


@pytest.mark.parametrize("key", ["3", "4", "5", "6"])
async def test_at_80_columns_the_tables_fit_without_scrolling_sideways(app, key):
    async with app.run_test(size=(80, 30)) as pilot:
        await settle(pilot)
        await pilot.press(key)
        await settle(pilot)
        shown = [table for table in app.screen.query(DataTable) if table.size.width and table.row_count]
        wider = [table.id for table in shown if table.virtual_size.width > table.size.width]
    tables = shown
    assert tables and not wider
