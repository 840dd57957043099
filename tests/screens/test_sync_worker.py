"""`s`: a sync in a background worker, its progress at the foot of the screen, every screen reloaded after."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from pathlib import Path

import pytest

from podview.cache import open_cache
from podview.screens.context import DataScreen
from podview.sync import auth
from podview.sync.engine import SyncProgress, SyncResult
from podview.sync.errors import AsanaUnreachable, AuthError
from podview.widgets.sync_bar import SyncBar
from tests.screens.conftest import SIZE, TODAY, notifications, reaches, said, screen_text, settle

pytestmark = pytest.mark.anyio


class FakeSync:
    """An engine-like sync: reports progress, waits for the test's go-ahead, records a sync, returns."""

    def __init__(self, error: Exception | None = None, flood: int = 0) -> None:
        self.error = error
        self.flood = flood
        self.go = threading.Event()
        self.runs: list[tuple[bool, bool]] = []

    def __call__(self, context, progress):
        self.context, self.progress = context, progress
        return self

    async def run(self, *, full: bool = False, audit: bool = False) -> SyncResult:
        self.runs.append((full, audit))
        if self.error is not None:
            raise self.error
        for done in range(self.flood):
            self.progress(SyncProgress("tasks", done, self.flood, requests=done))
        self.progress(SyncProgress("tasks", 3, 10, tasks=1200, requests=42, waited=2.4))
        await asyncio.to_thread(self.go.wait, 10)
        with sqlite3.connect(self.context.cache_path) as conn:
            conn.execute(
                "INSERT INTO syncs (source, mode, started_at, finished_at, today, outcome) "
                "VALUES ('asana', 'incremental', '2026-11-25T14:00:00.000Z', "
                "'2026-11-25T14:01:00.000Z', '2026-11-25', 'ok')"
            )
        conn.close()
        return SyncResult(mode="incremental", pods=3, projects=10, tasks_written=1200, requests=42)


@pytest.fixture
def synced_cache(own_cache) -> Path:
    """The demo's data as if synced from Asana five days ago: a cache `s` syncs (the demo itself is never synced)."""
    with sqlite3.connect(own_cache) as conn:
        conn.execute(
            "UPDATE syncs SET source = 'asana', started_at = '2026-11-20T17:00:00.000Z', "
            "finished_at = '2026-11-20T17:01:00.000Z', today = '2026-11-20'"
        )
    conn.close()
    return own_cache


@pytest.fixture
def reloads(monkeypatch) -> list[str]:
    """The screens asked to reload, by class name."""
    seen: list[str] = []
    original = DataScreen.refresh_data

    def spy(self) -> None:
        seen.append(type(self).__name__)
        original(self)

    monkeypatch.setattr(DataScreen, "refresh_data", spy)
    return seen


async def test_progress_is_shown_then_every_screen_reloads(app_on, synced_cache, reloads):
    sync = FakeSync()
    app = app_on(synced_cache, sync=sync)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("1")
        await settle(pilot)
        assert "✓ Last sync from asana: 5 days ago" in screen_text(app)
        reloads.clear()

        await pilot.press("s")
        await reaches(app, "sync_progress", lambda progress: progress is not None and progress.requests == 42)
        await pilot.pause()
        bar = app.screen.query_one(SyncBar)
        assert bar.display
        text = screen_text(app)
        assert "3/10 projects" in text and "42 requests" in text and "waited 2 s" in text
        await pilot.press("s")
        assert any("already running" in note for note in notifications(app))

        sync.go.set()
        await reaches(app, "sync_progress", lambda progress: progress is None)
        await settle(pilot)
        assert sync.runs == [(False, False)]
        assert not bar.display
        assert {"HomeScreen", "WeeklyScreen"} <= set(reloads)
        assert any("Synced 10 client projects in 3 pods" in note for note in notifications(app))
        assert "✓ Last sync from asana: today" in screen_text(app)


async def test_screens_opened_earlier_but_not_on_show_reload_after_a_sync(app_on, synced_cache, reloads):
    sync = FakeSync()
    sync.go.set()
    app = app_on(synced_cache, sync=sync)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for key in ("3", "5", "6", "1"):
            await pilot.press(key)
            await settle(pilot)
        reloads.clear()
        await pilot.press("s")
        await said(app, "Synced")
        await settle(pilot)
        assert {"TacticsScreen", "PacingScreen", "RiskScreen"} <= set(reloads), (
            "a screen left before the sync would show the old data when the user goes back"
        )


async def test_screens_built_ahead_but_never_shown_reload_after_a_sync(app_on, synced_cache, reloads):
    sync = FakeSync()
    sync.go.set()
    app = app_on(synced_cache, sync=sync, warm_screens=True)
    async with app.run_test(size=SIZE) as pilot:
        await asyncio.wait_for(app.warming.finished.wait(), 30)
        await settle(pilot)
        reloads.clear()
        await pilot.press("s")
        await said(app, "Synced")
        await settle(pilot)
        assert {"TacticsScreen", "PacingScreen", "RiskScreen"} <= set(reloads), (
            "a screen built before the sync would show the old data on its first visit"
        )


def test_progress_messages_replace_each_other():
    older = SyncBar.Progressed(SyncProgress("tasks", 1, 10))
    newer = SyncBar.Progressed(SyncProgress("tasks", 2, 10))
    assert newer.can_replace(older)


async def test_a_flood_of_progress_never_blocks_the_screen(app_on, synced_cache):
    sync = FakeSync(flood=5000)
    sync.go.set()
    app = app_on(synced_cache, sync=sync)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await said(app, "Synced")
        await settle(pilot)
        assert sync.runs == [(False, False)] and app.sync_progress is None


@pytest.mark.parametrize(
    ("error", "words"),
    [
        (AuthError("Asana answered 401: Not Authorized", 401), "podview auth login"),
        (AsanaUnreachable("no answer from http://127.0.0.1:9"), "check the network"),
    ],
)
async def test_a_failed_sync_says_what_to_do(app_on, synced_cache, error, words):
    app = app_on(synced_cache, sync=FakeSync(error=error))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await said(app, "Sync failed")
        await settle(pilot)
        assert any(words in note for note in notifications(app))
        assert app.sync_progress is None
        assert "Traceback" not in screen_text(app)


async def test_without_a_token_the_sync_points_to_login(app_on, synced_cache, monkeypatch):
    monkeypatch.setattr(auth, "resolve_token", lambda: None)
    app = app_on(synced_cache)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await said(app, "Sync failed")
        assert any("podview auth login" in note for note in notifications(app))


@pytest.fixture(scope="module")
def demo_dump():
    from podview.demo.generator import build_dump

    return build_dump(TODAY)


async def test_a_real_sync_against_the_fake_asana(app_on, tmp_path, monkeypatch, demo_dump):
    from tests.fake_asana import FakeAsana

    path = tmp_path / "synced.db"
    open_cache(path).conn.close()
    seen: list[SyncProgress] = []
    with FakeAsana(demo_dump, record_bodies=False) as fake:
        monkeypatch.setenv("PODVIEW_ASANA_URL", fake.base_url)
        monkeypatch.setenv("ASANA_TOKEN", fake.token)
        app = app_on(path)

        def note(message) -> None:
            if isinstance(message, SyncBar.Progressed):
                seen.append(message.progress)

        async with app.run_test(size=SIZE, message_hook=note) as pilot:
            await settle(pilot)
            await pilot.press("s")
            await said(app, "Synced")
            await settle(pilot)
            assert "✓ Last sync from asana" in screen_text(app)
            assert "Pod Atlas" in screen_text(app)
    assert fake.crashes == []
    assert seen and seen[0].stage == "starting" and seen[-1].stage == "done"
    assert seen[-1].projects_done == seen[-1].projects_total == 16 + 4, "16 clients and 4 training projects"
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT count(*) FROM clients").fetchone()[0] == 16
    conn.close()


async def test_a_sync_waits_for_another_one_on_the_same_cache(app_on, tmp_path, monkeypatch):
    """`s` while a command-line sync holds the cache: the app says it waits, then syncs when the lock is free."""
    from podview.demo.generator import build_dump
    from podview.sync.lock import SyncLock
    from tests.fake_asana import FakeAsana

    path = tmp_path / "synced.db"
    open_cache(path).conn.close()
    other = SyncLock(path)
    assert other.try_acquire()
    with FakeAsana(build_dump(TODAY, clients=4), record_bodies=False) as fake:
        monkeypatch.setenv("PODVIEW_ASANA_URL", fake.base_url)
        monkeypatch.setenv("ASANA_TOKEN", fake.token)
        app = app_on(path)
        try:
            async with app.run_test(size=SIZE) as pilot:
                await settle(pilot)
                await pilot.press("s")
                await said(app, "Sync waiting")
                await pilot.pause()
                assert app.sync_progress is not None and app.sync_progress.stage == "waiting"
                assert "waiting for another sync" in screen_text(app)
                assert any(f"Another sync is running on {path}" in n for n in notifications(app))
                assert fake.request_count() == 0
                other.release()
                await said(app, "Synced 4 client projects")
                await settle(pilot)
                assert app.sync_progress is None
        finally:
            other.release()
