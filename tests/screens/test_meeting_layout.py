"""What a room sees of the meeting modes at 80×24 and 200×60, in the normal and the presenter theme.

Each test drives the whole app the way a meeting does (the palette starts
the meeting, keys move through it) and asserts on the terminal's lines.
"""

from __future__ import annotations

import pytest

from podview.decisions.send import PushResult
from podview.screens.client_card import ClientCardScreen
from podview.screens.decide import DecideMenu, DecideScreen
from podview.screens.meeting_dialogs import MeetingSetupScreen
from podview.screens.outbox import OutboxScreen
from podview.screens.standup import StandupScreen
from podview.screens.walkthrough import WalkthroughScreen
from podview.tui.palette import start_meeting_screen
from podview.widgets.fit_table import FitTable
from podview.widgets.timer import MeetingTimer
from tests.screens.conftest import settle
from tests.screens.hosts import screen_text

pytestmark = pytest.mark.anyio

SMALL, WALL = (80, 24), (200, 60)
DIGIT_STROKES = set("┏┓┗┛━┃╺╸╻╹┣┫")
"""Characters only Textual's three-row digits draw."""


async def keep_pending(context, ids):
    """Stands in for sending: Asana is never asked, the decisions stay pending."""
    return PushResult(pending=list(ids))


def lines(app) -> list[str]:
    return screen_text(app).splitlines()


def footer(app) -> str:
    """The last line of the terminal: the footer's keys."""
    return lines(app)[-1]


async def meeting(app, pilot, name: str, **kwargs):
    """Start a meeting screen the way the palette does, start it with the dialog's defaults, and
    wait for its meeting and data."""
    start_meeting_screen(app, name, **kwargs)
    await settle(pilot)
    for _ in range(20):
        if isinstance(app.screen, MeetingSetupScreen):
            break
        await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)
    for _ in range(20):
        if app.screen.meeting is not None:
            break
        await settle(pilot)
    assert app.screen.meeting is not None
    return app.screen


async def to_goal_row(pilot, screen: StandupScreen) -> None:
    """The stand-up's This week step, cursor on its first weekly goal."""
    await pilot.press("n")
    await settle(pilot)
    rows = screen.rows["step-this"]
    first = next(i for i, row in enumerate(rows) if row.target and row.target.kind == "weekly_goal")
    screen.query_one("#step-this-table", FitTable).move_cursor(row=first)
    await pilot.pause()


@pytest.mark.parametrize("name", ["standup", "walkthrough"])
async def test_an_80_column_footer_keeps_every_meeting_key_and_sync_and_quit(
    app_on, own_cache, name
):
    app = app_on(own_cache, outbox=keep_pending)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        screen = await meeting(
            app, pilot, name, **({"pod": "Pod Atlas"} if name == "standup" else {})
        )
        keys = footer(app)
        for words in (
            "Decide",
            "End meeting",
            "Time box",
            "? Keys",
            "s Sync",
            "q Quit",
            "^p Palette",
        ):
            assert words in keys, f"{words!r} is cut from the 80-column footer: {keys!r}"
        assert "Screens" not in keys, "the screen numbers give way first"
        await pilot.resize_terminal(*WALL)
        await settle(pilot)
        assert "1234567 Screens" in footer(app), "with room again, the screen numbers come back"
        if isinstance(screen, StandupScreen):
            await to_goal_row(pilot, screen)
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, DecideMenu), "the footer's d is the app's Decide"


async def test_the_outbox_does_not_stretch_the_cards_decisions_panel(app_on, own_cache):
    app = app_on(own_cache)
    async with app.run_test(size=WALL) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        assert isinstance(app.screen, OutboxScreen)
        await pilot.press("escape")
        await settle(pilot)
        screen = await meeting(app, pilot, "walkthrough")
        panel = screen.query_one("#decisions")
        assert panel.region.height <= 5, "a panel with one line of text is one line tall"
        left, right = screen.query_one("#card-left"), screen.query_one("#card-right")
        assert right.region.height < screen.query_one("#card-body").region.height
        assert left.region.height > right.region.height - 5


async def test_the_outbox_says_what_each_decision_decided_in_full(app_on, own_cache):
    app = app_on(own_cache, outbox=keep_pending)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        screen = await meeting(app, pilot, "standup", pod="Pod Atlas")
        await to_goal_row(pilot, screen)
        for option, typing in ((0, "Client on holiday"), (1, "Agreed to move budget to Meta")):
            await pilot.press("d")
            await settle(pilot)
            await pilot.press(*["down"] * option, "enter")
            await settle(pilot)
            form = app.screen
            assert isinstance(form, DecideScreen)
            key = "reason" if form.kind == "postpone" else "text"
            form.form.widget(key).focus()
            await pilot.press(*typing, "ctrl+s")
            await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        text = " ".join(" ".join(line.split()) for line in lines(app))
        assert "Postpone “Review" in text and "Client on holiday" in text
        assert "Comment on “Review" in text and "Agreed to move budget to Meta" in text
        assert "Brightsmile Dental Group ·" in text


async def test_presenter_mode_shows_the_walkthroughs_position_and_clock_in_big_digits(
    app_on, own_cache
):
    app = app_on(own_cache)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        screen = await meeting(app, pilot, "walkthrough")
        assert isinstance(screen, WalkthroughScreen)
        assert not DIGIT_STROKES & set(screen_text(app))
        await pilot.press("P")
        await settle(pilot)
        top = "\n".join(lines(app)[:5])
        assert DIGIT_STROKES & set(top), "the position and the client's clock are big"
        assert "of 16 clients" in top and "3 min 45 s each" in top and "▶ Client 00:0" in top
        client, meeting_timer = screen.query(MeetingTimer)
        assert client.big and not meeting_timer.big, "one big clock: the client's"
        assert "left of 03:45" in top, "the big clock still says what is left, in words"
        await pilot.press("P")
        await settle(pilot)
        assert not DIGIT_STROKES & set(screen_text(app))
        assert "Client 1 of 16 · 3 min 45 s each" in screen_text(app)


async def test_presenter_stand_up_names_its_pod_without_the_header(app_on, own_cache):
    app = app_on(own_cache)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await meeting(app, pilot, "standup", pod="Pod Atlas")
        await pilot.press("P")
        await settle(pilot)
        top = lines(app)[:5]
        assert "Pod stand-up" not in "\n".join(top), "presenter mode hides the header"
        assert any("Pod Atlas · ● Meeting open" in line for line in top)
        assert DIGIT_STROKES & set("\n".join(top)), "the meeting's clock is big"


async def test_an_80_column_card_keeps_goal_names_readable(app_on, own_cache):
    app = app_on(own_cache)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ClientCardScreen)
        text = screen_text(app)
        assert "Pacing · Asana" in text
        assert "Lift website conversion" in text, "the goal's name is not cut into single words"
        assert "Asana ● on track" in text and "✔ on track" in text


async def test_ending_offers_the_minutes_and_w_saves_them_at_80x24(app_on, own_cache):
    from podview.decisions.minutes import minutes_file_name
    from podview.screens.meeting import MinutesScreen

    app = app_on(own_cache)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        screen = await meeting(app, pilot, "standup", pod="Pod Atlas")
        await pilot.press("e")
        await settle(pilot)
        assert "End the meeting? (y/n)" in screen_text(app), "the question fits at 80×24"
        await pilot.press("y")
        await settle(pilot)
        modal = app.screen
        assert isinstance(modal, MinutesScreen)
        text = screen_text(app)
        assert "Minutes — Pod stand-up — Pod Atlas" in text
        assert "Save to file  w" in text and "Close  esc" in text, "both buttons fit at 80×24"
        await pilot.press("w")
        await settle(pilot)
        saved = app.export_dir / minutes_file_name(screen.meeting, app.context.config)
        assert modal.saved == saved and saved.read_text(encoding="utf-8") == modal.markdown
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen and "m Minutes" in footer(app)
