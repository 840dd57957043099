"""The Growth Team walkthrough: risk order, n/p, a timer per client and per meeting, ending, the palette."""

from __future__ import annotations

import sqlite3

import pytest

from podview.screens.context import ViewContext
from podview.screens.meeting import MinutesScreen
from podview.screens.standup import StandupScreen
from podview.screens.walkthrough import WalkthroughScreen, position_text
from podview.tui.palette import app_commands
from podview.widgets.timer import MeetingTimer
from tests.screens.conftest import settle as settle_app
from tests.screens.hosts import Host, drive, screen_text, settle, started

TOP_CLIENT = "Brightsmile Dental Group"


def meeting_rows(context: ViewContext) -> list[tuple]:
    with sqlite3.connect(context.cache_path) as conn:
        found = conn.execute("SELECT id, kind, pod_gid, ended_at FROM meetings").fetchall()
    conn.close()
    return found


def timers(screen) -> tuple[MeetingTimer, MeetingTimer]:
    return (
        screen.query_one("#client-timer", MeetingTimer),
        screen.query_one("#meeting-timer", MeetingTimer),
    )


def bar_text(screen) -> str:
    """The walkthrough bar as its widgets say it now (the terminal may not have repainted yet)."""
    return " | ".join(str(widget.render()) for widget in screen.query("#walk-bar Static"))


def test_position_words():
    assert position_text("b", ["a", "b", "c"]) == "Client 2 of 3"
    assert position_text("z", ["a", "b"]) == "2 clients"


def test_starts_a_growth_review_on_the_client_most_at_risk(own):
    async def scenario(pilot):
        await started(pilot)
        screen = pilot.app.screen
        bar = [
            str(screen.query_one(selector).render())
            for selector in ("#walk-position", "#client-timer", "#meeting-timer", "#walk-state")
        ]
        return screen.data.info.name, screen.ranking[0].client, bar, screen_text(pilot.app)

    name, top, bar, text = drive(Host(WalkthroughScreen, own), scenario)
    assert name == top == TOP_CLIENT
    assert bar == [
        "Client 1 of 16 · 3 min 45 s each",
        "▶ Client 00:00 · 03:45 left of 03:45",
        "▶ Meeting 00:00 · 1:00:00 left of 1:00:00",
        "● Growth review open · every client",
    ], "the default hour shared among 16 clients"
    assert "Growth Team walkthrough" in text and "Risk #1" in text
    [(_, kind, pod, ended)] = meeting_rows(own)
    assert (kind, pod, ended) == ("growth-review", None, None)


def test_n_and_p_move_and_the_client_timer_starts_again(own, clock):
    async def scenario(pilot):
        await started(pilot)
        screen = pilot.app.screen
        client, meeting = timers(screen)
        order = [row.client_gid for row in screen.ranking]
        clock.now += 100
        before = (client.elapsed, meeting.elapsed)
        await pilot.press("n")
        await settle(pilot)
        after_n = (screen.client_gid == order[1], client.elapsed, meeting.elapsed)
        text = bar_text(screen)
        clock.now += 30
        await pilot.press("p", "p")
        await settle(pilot)
        after_pp = (screen.client_gid == order[-1], client.elapsed, bar_text(screen))
        return before, after_n, text, after_pp

    before, after_n, text, after_pp = drive(Host(WalkthroughScreen, own), scenario)
    assert before == (100, 100)
    assert after_n == (True, 0, 100)
    assert "Client 2 of 16" in text and "▶ Client 00:00" in text and "▶ Meeting 01:40" in text
    assert "3 min 53 s each" in text, "58:20 left shared among the 15 clients left"
    assert after_pp[0] and after_pp[1] == 0 and "Client 16 of 16" in after_pp[2]


def test_time_box_per_client_over_time_and_b_cycles_the_meetings_length(own, clock):
    async def scenario(pilot):
        await started(pilot)
        screen = pilot.app.screen
        client, meeting = timers(screen)
        clock.now += 240
        client.tick()
        over = (str(client.render()), client.over, client.has_class("-over"))
        await pilot.press("b")
        boxed = (str(client.render()), client.over, str(meeting.render()))
        await pilot.press("b", "b")
        wrapped = (screen.length, str(meeting.render()))
        return over, boxed, wrapped, bar_text(screen)

    over, boxed, wrapped, text = drive(Host(WalkthroughScreen, own), scenario)
    assert over == ("⚠ Client 04:00 · OVER TIME by 00:15 (box 03:45)", True, True)
    assert boxed[:2] == ("▶ Client 04:00 · 01:37 left of 05:37", False), "90 minutes / 16"
    assert boxed[2] == "▶ Meeting 04:00 · 1:26:00 left of 1:30:00"
    assert wrapped == (30, "▶ Meeting 04:00 · 26:00 left of 30:00"), "120 minutes wraps to 30"
    assert "Client 1 of 16 · 1 min 52 s each" in text


def test_ending_the_review_writes_ended_at_and_shows_its_minutes(own):
    async def scenario(pilot):
        await started(pilot)
        await pilot.press("e", "y")
        for _ in range(4):
            await pilot.pause()
            await pilot.app.workers.wait_for_complete()
        modal = pilot.app.screen
        return modal, modal.markdown, screen_text(pilot.app)

    modal, shown, text = drive(Host(WalkthroughScreen, own), scenario)
    [(meeting_id, kind, _, ended)] = meeting_rows(own)
    assert kind == "growth-review" and isinstance(modal, MinutesScreen)
    assert modal.ended.meeting.id == meeting_id
    assert ended is not None and modal.ended.meeting.ended_at == ended
    conn = own.reader()
    try:
        from podview.decisions.minutes import minutes_data, render_markdown

        expected = render_markdown(minutes_data(conn, modal.ended.meeting, own.config, as_of=own.today))
    finally:
        conn.close()
    assert shown == expected and expected.startswith("# Growth review, ")
    assert f"`{meeting_id}`" in expected and "## " + TOP_CLIENT in expected
    assert "Minutes — Growth review" in text and "Save to file" in text and "Close" in text


@pytest.mark.anyio
async def test_palette_starts_both_meetings_and_hides_them_from_clients(app_on, own):
    app = app_on(own.cache_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle_app(pilot)
        items = {item.text: item for item in app_commands(app)}
        assert {"Start Growth Team walkthrough", "Start pod stand-up…"} <= set(items)
        assert "Start pod stand-up: Pod Comet" in items
        items["Start pod stand-up: Pod Comet"].callback()
        await settle_app(pilot)
        await pilot.press("enter")
        await settle_app(pilot)
        assert isinstance(app.screen, StandupScreen) and app.screen.pod == "Pod Comet"
        first = app.screen.rows["step-last"][0].client_gid
        await pilot.press("enter")
        await settle_app(pilot)
        comet = {c.gid for c in app.directory.clients if c.pod == "Pod Comet"}
        assert app.screen.client_gid == first and first in comet
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        items["Start Growth Team walkthrough"].callback()
        await settle_app(pilot)
        await pilot.press("enter")
        await settle_app(pilot)
        assert isinstance(app.screen, WalkthroughScreen)
        await pilot.press("C")
        await settle_app(pilot)
        assert app.client_safe
        assert not [item for item in app_commands(app) if item.text.startswith("Start ")]


def test_snapshot_walkthrough(own, clock, snap_compare):
    async def run_before(pilot):
        await settle(pilot)
        await started(pilot)
        clock.now += 2 * 60 + 35
        for timer in timers(pilot.app.screen):
            timer.tick()
        await pilot.pause()

    app = Host(WalkthroughScreen, own)
    assert snap_compare(app, terminal_size=(100, 30), run_before=run_before)
