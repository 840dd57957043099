"""Live data during a meeting: a quiet sync every minute while a meeting is open, shown in the strip.

Against the fake Asana on 127.0.0.1: a change made in Asana during a
meeting reaches the open stand-up without a key press, the cursor staying
on its row; Asana going away says `offline since HH:MM` once and never
stops the meeting. The refresh is driven by its own trigger
(`app.syncing.refresh_now`, what the timer calls), and each test waits on
the app's `live_state`, never on a fixed sleep.
"""

from __future__ import annotations

import asyncio
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from podview.cache import open_cache
from podview.sync import auth
from podview.sync.client import AsanaClient
from podview.sync.engine import SyncEngine, SyncResult
from podview.tui.palette import start_meeting_screen
from podview.widgets.live_badge import LiveBadge, LiveState, live_text, local_time
from podview.widgets.sync_bar import SyncBar
from tests.screens.conftest import (
    CONFIG,
    SIZE,
    TODAY,
    notifications,
    reaches,
    said,
    screen_text,
    settle,
)

pytestmark = pytest.mark.anyio

NEVER = 3600.0
"""A refresh interval no test waits for: the tests call the refresh themselves."""


class CountingSync:
    """A sync that only counts its runs (and records one in the cache, as a real one does)."""

    def __init__(self) -> None:
        self.runs = 0

    def __call__(self, context, progress):
        self.context = context
        return self

    async def run(self, *, full: bool = False, audit: bool = False) -> SyncResult:
        self.runs += 1
        return SyncResult(mode="incremental", pods=3, projects=10, requests=12)


@pytest.fixture
def synced_cache(own_cache) -> Path:
    """The demo's data as if synced from Asana: a cache a meeting keeps live (the demo itself never is)."""
    with sqlite3.connect(own_cache) as conn:
        conn.execute("UPDATE syncs SET source = 'asana'")
    conn.close()
    return own_cache




async def synced_from(fake, path: Path) -> Path:
    """A cache read from the fake Asana, as `podview sync` leaves it."""
    open_cache(path).conn.close()
    async with AsanaClient(fake.token, url=fake.base_url) as client:
        await SyncEngine(client, path, CONFIG, today=TODAY).run()
    return path


async def refreshed(pilot, app) -> LiveState:
    """Run one live refresh now (the timer's tick) and wait until the strip's state says it ended."""
    before = app.live_state
    app.syncing.refresh_now()
    state = await reaches(app, "live_state", lambda state: state is not before)
    await settle(pilot)
    return state


async def start_standup(pilot, app, pod: str) -> None:
    """Start a pod's stand-up as the palette does, and start it with the dialog's defaults."""
    from podview.screens.meeting_dialogs import MeetingSetupScreen

    start_meeting_screen(app, "standup", pod=pod)
    for _ in range(20):
        await settle(pilot)
        if isinstance(app.screen, MeetingSetupScreen):
            break
    assert isinstance(app.screen, MeetingSetupScreen), "the stand-up asks how to start"
    await pilot.press("enter")


async def open_standup(pilot, app, pod: str):
    """Start a pod's stand-up as the palette does, and wait for its first live refresh."""
    await start_standup(pilot, app, pod)
    await reaches(app, "live_state", lambda state: state is not None and state.updated_at)
    await settle(pilot)
    return app.screen


def ended_at(path: Path, meeting_id: str) -> str | None:
    with sqlite3.connect(path) as conn:
        (found,) = conn.execute("SELECT ended_at FROM meetings WHERE id = ?", [meeting_id]).fetchone()
    conn.close()
    return found


def cursor_key(screen) -> str:
    table = screen.query_one(f"#{screen.step}-table")
    return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value


async def test_a_change_in_asana_reaches_the_open_stand_up_without_a_key_press(
    app_on, tmp_path, asana
):
    path = await synced_from(asana, tmp_path / "synced.db")
    app = app_on(path, live_every=NEVER)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        pod = app.directory.pods[0]
        screen = await open_standup(pilot, app, pod)
        assert screen.meeting.is_open
        await pilot.press("n", "down", "down")
        await settle(pilot)
        open_goals = [goal for goal in screen.data.agenda.this if goal.status == "open"]
        assert open_goals, "the stand-up needs an open goal this week to complete"
        goal = open_goals[-1]
        selected, row = cursor_key(screen), screen.query_one("#step-this-table").cursor_row
        assert selected.startswith(("goal:", "client:", "owner:"))
        assert "Renamed in Asana mid-meeting" not in screen_text(app)

        asana.update_task(goal.task_gid, name="Renamed in Asana mid-meeting")
        asana.complete_task(goal.task_gid)
        state = await refreshed(pilot, app)

        assert state.live and state.updated_at and not state.trouble
        changed = next(g for g in screen.data.agenda.this if g.task_gid == goal.task_gid)
        assert changed.name == "Renamed in Asana mid-meeting" and changed.status != "open"
        assert "Renamed in Asana mid-meeting" in screen_text(app)
        assert cursor_key(screen) == selected, "the refresh moved the selection"
        assert screen.query_one("#step-this-table").cursor_row == row
        assert "● live · updated" in screen_text(app)
        assert not [note for note in notifications(app) if note.startswith("Synced")], (
            "a live refresh is told by the strip alone"
        )
        assert not screen.query_one(SyncBar).display

        await pilot.press("e")
        await settle(pilot)
        await pilot.press("y")
        await reaches(app, "live_state", lambda state: not state.live)
        await settle(pilot)
        asked = asana.request_count()
        app.syncing.refresh_now()
        await settle(pilot)
        assert asana.request_count() == asked, "an ended meeting is not refreshed"
        assert not app.syncing.running


async def test_asana_gone_says_offline_since_once_and_the_meeting_goes_on(app_on, tmp_path, asana):
    path = await synced_from(asana, tmp_path / "synced.db")
    app = app_on(path, live_every=NEVER)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = await open_standup(pilot, app, app.directory.pods[0])
        await pilot.press("escape")
        await settle(pilot)
        assert not screen.is_attached, "the stand-up was left without ending the meeting"

        asana.stop()
        state = await refreshed(pilot, app)
        assert state.live and state.trouble == "offline"
        assert f"offline since {local_time(state.since)}" in screen_text(app)
        await refreshed(pilot, app)
        assert app.live_state.since == state.since, "still offline since the first failure"
        offline = [note for note in notifications(app) if note.startswith("Offline")]
        assert len(offline) == 1 and "could not be reached" in offline[0]
        assert not [note for note in notifications(app) if "failed" in note.split(":")[0]]
        assert app.syncing.meeting_id == screen.meeting.id, "left, not ended: still refreshed"
        assert ended_at(path, screen.meeting.id) is None
        assert "Traceback" not in screen_text(app)

        asana.start()
        state = await refreshed(pilot, app)
        assert not state.trouble and state.updated_at
        await said(app, "Live again")
        assert "● live · updated" in screen_text(app)


async def test_a_refused_token_is_offline_too(app_on, tmp_path, asana, monkeypatch):
    path = await synced_from(asana, tmp_path / "synced.db")
    app = app_on(path, live_every=NEVER)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_standup(pilot, app, app.directory.pods[0])
        monkeypatch.setenv("ASANA_TOKEN", "revoked")
        state = await refreshed(pilot, app)
        assert state.trouble == "offline"
        note = await said(app, "Offline")
        assert "refused the token" in note and "podview auth login" in note


async def test_the_timer_refreshes_quietly_and_s_still_says_synced(app_on, synced_cache):
    sync = CountingSync()
    app = app_on(synced_cache, sync=sync, live_every=0.05)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await start_standup(pilot, app, "Pod Atlas")
        updates: list[datetime] = []
        done = asyncio.Event()

        def note(state) -> None:
            if state is not None and state.updated_at and state.updated_at not in updates:
                updates.append(state.updated_at)
                if len(updates) >= 3:
                    done.set()

        app.watch(app, "live_state", note)
        await asyncio.wait_for(done.wait(), 10)
        assert sync.runs >= 3, "refreshed without a key press"
        assert not [n for n in notifications(app) if n.startswith("Synced")]
        await pilot.press("s")
        await said(app, "Synced")


async def test_the_demo_agency_is_never_refreshed(app_on, own_cache):
    sync = CountingSync()
    app = app_on(own_cache, sync=sync, live_every=0.05)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await start_standup(pilot, app, "Pod Atlas")
        await settle(pilot)
        assert app.screen.meeting is not None and app.screen.meeting.is_open
        app.syncing.refresh_now()
        await settle(pilot)
        assert sync.runs == 0 and app.live_state is None
        assert not app.screen.query_one(LiveBadge).display


async def test_without_a_token_the_strip_says_why_the_meeting_is_not_live(
    app_on, synced_cache, monkeypatch
):
    monkeypatch.setattr(auth, "resolve_token", lambda: None)
    app = app_on(synced_cache, live_every=NEVER)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await start_standup(pilot, app, "Pod Atlas")
        state = await reaches(app, "live_state", lambda state: state is not None and state.note)
        await settle(pilot)
        assert not state.live and "no Asana token" in screen_text(app)
        assert not [n for n in notifications(app) if "failed" in n.split(":")[0]]
        assert app.syncing.meeting_id is not None
        app.syncing.refresh_now()
        assert not app.syncing.running, "no token, no more refreshes for this meeting"


def test_the_strip_words_tick_and_say_offline_in_local_time():
    now = datetime(2026, 11, 25, 15, 42, 7, tzinfo=UTC)
    assert str(live_text(LiveState(), now)) == ""
    assert str(live_text(LiveState(live=True), now)) == "● live · updating…"
    fresh = LiveState(live=True, updated_at=now - timedelta(seconds=12))
    assert str(live_text(fresh, now)) == "● live · updated 12 s ago"
    assert str(live_text(fresh, now + timedelta(minutes=3))) == "● live · updated 3 min ago"
    gone = LiveState(live=True, updated_at=now, trouble="offline", since=now)
    local = now.astimezone().strftime("%H:%M")
    later = now + timedelta(seconds=20)
    assert str(live_text(gone, later)) == f"⚠ offline since {local} · tried 20 s ago, tries again every minute"
    failing = LiveState(live=True, trouble="failing", since=now)
    assert str(live_text(failing, now)).startswith(f"⚠ refresh failing since {local}")
    assert str(live_text(LiveState(note="no Asana token"), now)) == "◌ not live: no Asana token"
