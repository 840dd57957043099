"""A cache the app cannot read, and the demo's reset: one clear screen, never a stack of toasts."""

from __future__ import annotations

import shutil
import sqlite3

import pytest
from textual.widgets import Button, LoadingIndicator

from podview.screens.home import HomeScreen
from podview.screens.welcome import WelcomeScreen
from tests.screens.conftest import SIZE, notifications, screen_text, settle
from tests.test_cli_contract import damage

pytestmark = pytest.mark.anyio


async def test_a_damaged_cache_shows_one_message_and_no_spinner(app_on, demo_cache, tmp_path):
    path = tmp_path / "damaged.db"
    shutil.copy(demo_cache, path)
    damage(path)
    before = path.read_bytes()
    app = app_on(path, demo_path=tmp_path / "demo.db")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, WelcomeScreen)
        text = screen_text(app)
        assert "damaged" in text and "podview sync" in text, text
        assert app.screen.sub_title == "The cache cannot be read"
        assert notifications(app) == [], "the welcome screen says it once, not a toast per screen"
        assert not app.screen.query(LoadingIndicator)
        await pilot.press("1")
        await settle(pilot)
        assert isinstance(app.screen, WelcomeScreen), "screen keys do not lead back into the damaged cache"
        assert notifications(app) == []
    assert path.read_bytes() == before


def record_decision(path) -> None:
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO meetings (id, kind, started_at) VALUES ('01TESTMEETING', 'growth-review', '2026-11-25T10:00:00+00:00')"
    )
    conn.commit()
    conn.close()


async def test_welcome_resets_a_demo_that_holds_decisions(app_on, demo_cache, tmp_path):
    demo = tmp_path / "demo.db"
    shutil.copy(demo_cache, demo)
    record_decision(demo)
    app = app_on(tmp_path / "none.db", demo_path=demo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, WelcomeScreen)
        assert app.screen.query_one("#reset-demo", Button).display
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
    conn = sqlite3.connect(demo)
    assert conn.execute("SELECT count(*) FROM meetings").fetchone()[0] == 0
    conn.close()


async def test_open_demo_keeps_what_was_recorded_on_it(app_on, demo_cache, tmp_path):
    demo = tmp_path / "demo.db"
    shutil.copy(demo_cache, demo)
    record_decision(demo)
    app = app_on(tmp_path / "none.db", demo_path=demo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
    conn = sqlite3.connect(demo)
    assert conn.execute("SELECT count(*) FROM meetings").fetchone()[0] == 1
    conn.close()


async def test_no_reset_offered_without_a_demo(app_on, tmp_path):
    app = app_on(tmp_path / "none.db", demo_path=tmp_path / "demo.db")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert not app.screen.query_one("#reset-demo", Button).display
        assert "Reset the demo" not in screen_text(app)


async def test_sync_key_on_the_demo_explains_instead_of_syncing(app):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        said = notifications(app)
        assert len(said) == 1 and "demo agency" in said[0] and "podview auth login" in said[0]
        assert not [worker for worker in app.workers if worker.group == "sync"]
