"""The client card: every section of one client, n/p through the ranking, client-safe omissions."""

from __future__ import annotations

import sqlite3

import pytest

from podview.screens.client_card import ClientCardScreen
from podview.screens.requests import Target
from tests.screens.conftest import SIZE, hold, notifications, reaches, screen_text, settle

pytestmark = pytest.mark.anyio


async def open_card(app, pilot, gid: str | None = None) -> ClientCardScreen:
    await settle(pilot)
    if gid is None:
        await pilot.press("enter")
    else:
        app.open_client(gid)
    await settle(pilot)
    assert isinstance(app.screen, ClientCardScreen)
    return app.screen


async def test_every_section_of_the_top_client(app):
    async with app.run_test(size=(200, 60)) as pilot:
        card = await open_card(app, pilot)
        data = card.data
        text = screen_text(app)
        assert data.info.name == "Brightsmile Dental Group"
        for section in (
            "90-day goals",
            "Weekly goals",
            "Tactics since Thu 27 Aug",
            "Postponed and moved deadlines",
            "Asana status history",
            "Decisions",
        ):
            assert section in text
        assert "MRR $18,500" in text and "Risk #1 · score 120 of 130" in text
        assert text.count("✖ off track") >= 2, "the computed status and Asana's own, both in words"
        assert "23–29 Nov" in text and "16–22 Nov" in text and "(carried over)" in text and "2026-W" not in text
        assert "All tactics" in text and "Loss streak: 3 losses in a row" in text
        assert "→ postponed" in text and "⚑ deadline moved" in text
        assert "CPA well above target" in text
        assert "No decisions recorded for this client yet." in text


async def test_n_and_p_walk_the_risk_order_and_wrap(app):
    async with app.run_test(size=SIZE) as pilot:
        card = await open_card(app, pilot)
        order = [row.client_gid for row in card.ranking]
        assert card.client_gid == order[0]
        await pilot.press("n")
        await settle(pilot)
        assert card.client_gid == order[1] and card.data.info.gid == order[1]
        assert "2/16" in screen_text(app)
        await pilot.press("p", "p")
        await settle(pilot)
        assert card.client_gid == order[-1]


async def test_recorded_decisions_of_the_client_and_its_tasks(app_on, own_cache):
    with sqlite3.connect(own_cache) as conn:
        client = conn.execute("SELECT gid FROM clients WHERE name = 'Ledgerly'").fetchone()[0]
        task = conn.execute(
            "SELECT gid FROM tasks WHERE client_gid = ? LIMIT 1", [client]
        ).fetchone()[0]
        rows = [
            (
                "d1",
                client,
                "status",
                '{"title": "Back on track"}',
                "sent",
                None,
                "2026-11-20T15:00:00Z",
            ),
            (
                "d2",
                task,
                "comment",
                '{"text": "Chase the client for assets"}',
                "failed",
                "403 from Asana",
                "2026-11-24T15:00:00Z",
            ),
        ]
        conn.executemany(
            "INSERT INTO decisions (id, target_gid, kind, payload, state, error, created_at) VALUES (?,?,?,?,?,?,?)",
            rows,
        )
    conn.close()
    app = app_on(own_cache)
    async with app.run_test(size=(200, 60)) as pilot:
        await open_card(app, pilot, client)
        text = screen_text(app)
        assert "Chase the client for assets — 403 from" in text and "✖ failed" in text
        assert "Back on track" in text and "✔ sent" in text
        assert "client status" in text, "the decision's kind in words"
        assert text.index("Chase the client") < text.index("Back on track")


async def test_client_safe_card_has_no_internal_sections(app):
    async with app.run_test(size=(200, 60)) as pilot:
        await open_card(app, pilot)
        await pilot.press("C")
        await settle(pilot)
        card = app.screen
        assert card.client_safe and card.data.statuses == [] and card.data.decisions == []
        assert not card.query("#statuses") and not card.query("#decisions")
        text = screen_text(app)
        assert "Client view" in text and "90-day goals" in text and "Weekly goals" in text
        assert "Next client" not in text


async def test_unknown_client_is_a_notification_not_a_crash(app):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.open_client("999")
        await settle(pilot)
        assert app.is_running
        assert any("no client named '999'" in note for note in notifications(app))


async def test_the_next_client_replaces_the_card_without_a_flash_and_a_slow_one_says_it_is_loading(
    app, monkeypatch
):
    from podview.screens import client_card

    monkeypatch.setattr(client_card, "LOADING_DELAY", 0.3)
    async with app.run_test(size=SIZE) as pilot:
        card = await open_card(app, pilot)
        first = card.data.info.name
        release = hold(monkeypatch, ClientCardScreen, "load")
        await pilot.press("n")
        await release.reached()
        await pilot.pause()
        body = card.query_one("#card-body")
        assert not body.loading and first in screen_text(app), "the card keeps its client until the next one's figures come"
        assert card.selected_target() == Target("client", card.client_gid, card.client_gid), "d never names the client still on show"
        await reaches(body, "loading", bool)  # LOADING_DELAY after the key, the figures still not in
        assert card.data.info.name == first
        release.set()
        await settle(pilot)
        assert not body.loading and card.data.info.gid == card.client_gid
        text = screen_text(app)
        assert card.data.info.name in text and "2/16" in text


async def test_a_closed_card_opens_again_on_the_next_client_and_never_shows_the_last(app, monkeypatch):
    from podview.screens.home import HomeScreen

    async with app.run_test(size=SIZE) as pilot:
        card = await open_card(app, pilot)
        first = card.data.info.name
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        release = hold(monkeypatch, ClientCardScreen, "load")
        await pilot.press("down", "enter")
        await release.reached()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen), "Home stays up until the next client's figures are in"
        release.set()
        await settle(pilot)
        assert app.screen is card, "the card closed before is opened again, not built anew"
        head = str(card.query_one("#card-head").render())
        assert card.data.info.name != first and card.data.info.name in head and first not in head
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)


async def test_a_card_left_open_under_another_screen_key_is_not_taken_from_it(app):
    from podview.screens.risk import RiskScreen

    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("6")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        under_risk = app.screen
        assert isinstance(under_risk, ClientCardScreen)
        await pilot.press("1", "down", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ClientCardScreen) and app.screen is not under_risk
        assert app.screen.data.info.gid != under_risk.data.info.gid
        await pilot.press("escape", "6")
        await settle(pilot)
        assert app.screen is under_risk, "the card opened from Risk is still there"
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, RiskScreen)


async def test_a_card_asked_for_then_left_behind_does_not_pop_up_later(app, monkeypatch):
    from podview.screens.weekly import WeeklyScreen

    async with app.run_test(size=SIZE) as pilot:
        await open_card(app, pilot)
        await pilot.press("escape")
        await settle(pilot)
        release = hold(monkeypatch, ClientCardScreen, "load")
        await pilot.press("enter", "2")  # the user moves on before the card's figures are in
        await release.reached()
        await pilot.pause()
        assert isinstance(app.screen, WeeklyScreen)
        release.set()
        await settle(pilot)
        assert isinstance(app.screen, WeeklyScreen)
