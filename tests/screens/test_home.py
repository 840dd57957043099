"""Home, the God-view: pods at a glance, clients at risk, sync state and the outbox."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from podview.figures.home_model import SyncState
from podview.figures.outbox import OutboxCounts
from podview.screens.client_card import ClientCardScreen
from podview.screens.home import HomeScreen, sync_line
from podview.widgets.pod_table import PodTable
from tests.screens.conftest import SIZE, screen_text, settle

pytestmark = pytest.mark.anyio

TODAY = date(2026, 11, 25)


async def test_every_pod_with_progress_hit_rate_and_goal_counts(app):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        pods = app.screen.query_one(PodTable).pods
        assert [pod.name for pod in pods] == ["Pod Atlas", "Pod Beacon", "Pod Comet", "Pod Delta"]
        for pod in pods:
            assert 0 <= pod.done <= pod.planned
            assert len(pod.weekly_rates) == 4
        text = screen_text(app)
        assert "Pods — week of 23–29 Nov" in text
        assert f"{pods[0].done} of {pods[0].planned} done" in text
        assert "4-wk hit rate" in text and "✓" in text and "off" in text


async def test_at_risk_lists_flagged_clients_with_reasons(app):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        data = app.screen.data
        flagged = [row for row in data.ranking if row.score > 0]
        text = screen_text(app)
        assert f"At risk — {len(flagged)} of {len(data.ranking)} clients" in text
        assert flagged[0].client in text and "goal off track" in text


async def test_enter_opens_the_top_clients_card(app):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        top = app.screen.data.ranking[0]
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ClientCardScreen)
        assert app.screen.client_gid == top.client_gid


async def test_demo_cache_says_demo_data_and_no_decisions(app):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "Demo data" in text and "no decisions waiting" in text


async def test_pending_decisions_are_counted(app_on, own_cache):
    with sqlite3.connect(own_cache) as conn:
        for n, state in enumerate(("pending", "pending", "sent", "failed")):
            conn.execute(
                "INSERT INTO decisions (id, kind, payload, state, created_at) VALUES (?, 'comment', '{}', ?, ?)",
                [f"d{n}", state, "2026-11-24T15:00:00Z"],
            )
    conn.close()
    app = app_on(own_cache)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        text = screen_text(app)
        assert "✉ Outbox: … 2 pending · ✖ 1 failed (o)" in text
        assert "no decisions waiting" not in text


def sync(**changes) -> SyncState:
    values = {
        "source": "asana",
        "mode": "incremental",
        "finished_day": date(2026, 11, 23),
        "finished_time": "09:15",
        "outcome": "ok",
        "detail": None,
    }
    return SyncState(**(values | changes))


@pytest.mark.parametrize(
    ("state", "words"),
    [
        (None, "Never synced (offline)"),
        (sync(source="demo"), "Demo data"),
        (sync(), "Last sync from asana: 2 days ago at 09:15"),
        (sync(finished_day=TODAY), "today at 09:15"),
        (
            sync(outcome="failed", detail="401 from Asana"),
            "✗ Last sync failed 2 days ago: 401 from Asana",
        ),
    ],
)
def test_sync_line_says_how_old_the_data_is_without_the_clock(state, words):
    assert words in sync_line(state, OutboxCounts(), TODAY).plain


def test_sync_line_leaves_waiting_decisions_to_the_outbox_badge():
    assert "no decisions waiting" not in sync_line(None, OutboxCounts(pending=1), TODAY).plain


async def test_presenter_mode_puts_the_headline_figures_in_big_digits(app):
    from textual.widgets import Digits

    from podview.widgets.big_numbers import BigNumbers

    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        numbers = app.screen.query_one(BigNumbers)
        assert not numbers.display or not numbers.region.height
        await pilot.press("P")
        await settle(pilot)
        pods = app.screen.data.pods
        done = sum(pod.done for pod in pods) / sum(pod.planned for pod in pods)
        shown = [digits.value for digits in numbers.query(Digits)]
        assert shown == [f"{done * 100:.0f}%", "13", "8", "10"]
        assert "clients at risk" in screen_text(app)
        assert "postponed · last 4 weeks" in screen_text(app)
        await pilot.press("P")
        await settle(pilot)
        assert numbers.region.height == 0
