"""The sync engine against a real HTTP fake of Asana: full, incremental, faults, kills, refusals."""

from __future__ import annotations

import os
import signal
import sqlite3

import pytest

from podview.cache import open_reader
from podview.sync.errors import AsanaUnreachable, AuthError
from tests.fake_asana import Faults
from tests.sync.conftest import CONFIG, TODAY, assert_same_reports, reports, sync, truth


def gids_of(path, sql, *params):
    conn = open_reader(path)
    try:
        return [row[0] for row in conn.execute(sql, params)]
    finally:
        conn.close()


def client_named(path, name):
    return gids_of(path, "SELECT gid FROM clients WHERE name LIKE ?", f"{name}%")[0]


def test_full_sync_equals_the_generated_truth(fake, demo_dump, tmp_path):
    result = sync(fake, tmp_path / "synced.db", full=True)
    assert (result.mode, result.pods, result.projects, result.skipped) == ("full", 4, 16, [])
    assert_same_reports(reports(tmp_path / "synced.db"), truth(demo_dump, tmp_path / "truth.db"))


def test_first_sync_is_full_then_incremental_reads_only_events(fake, tmp_path):
    path = tmp_path / "c.db"
    assert sync(fake, path).mode == "full"
    fake.reset_log()
    result = sync(fake, path, audit=False)
    assert result.mode == "incremental" and result.tasks_written == 0
    paths = [r.path for r in fake.requests]
    assert sum(p.startswith("/batch") for p in paths) == 2, "16 projects' events, ten to a batch"
    assert not any("/tasks" in p for p in paths), "nothing changed, so no task is read"
    assert len(paths) <= 1 + 4 + 2 + 1 + 1, "teams, pods' projects, events, goals, the workspace's projects (training)"


def changes(fake, path):
    """One change of each kind a teammate makes in Asana, keyed by a name for the test id."""
    tasks = gids_of(path, "SELECT gid FROM tasks WHERE kind = 'weekly_goal' AND completed = 0 ORDER BY gid")
    tactics = gids_of(path, "SELECT gid FROM tasks WHERE kind = 'tactic' AND result IS NULL ORDER BY gid")
    acme = client_named(path, "Ledgerly")  # on track, with a 90-day goal: every change shows
    goal = gids_of(path, "SELECT goal_gid FROM goal_clients WHERE client_gid = ?", acme)[0]
    template = {key: value for key, value in fake.task(tasks[0]).items() if key != "gid"}
    moved_from = fake.task(tasks[4])["memberships"][0]["project"]["gid"]
    other = next(gid for gid in gids_of(path, "SELECT gid FROM clients ORDER BY gid") if gid != moved_from)
    return {
        "task added": lambda: fake.add_task(acme, {**template, "name": "Brand new weekly goal", "due_on": "2026-11-27"}),
        "task completed": lambda: fake.complete_task(tasks[1], at="2026-11-24T15:00:00.000Z"),
        "due date moved": lambda: fake.update_task(tasks[2], due_on="2026-12-11"),
        "custom field changed": lambda: fake.update_task(tactics[0], custom_fields={"Result": "Loss", "Confidence": 99}),
        "task deleted": lambda: fake.delete_task(tasks[3]),
        "moved between projects": lambda: fake.move_task(tasks[4], moved_from, other),
        "goal value changed": lambda: fake.set_goal_current(goal, 12345),
        "new status update": lambda: fake.add_status_update(acme, "off_track", "Leads fell off a cliff"),
    }


@pytest.mark.parametrize(
    "change",
    ["task added", "task completed", "due date moved", "custom field changed", "task deleted",
     "moved between projects", "goal value changed", "new status update"],
)
def test_incremental_after_a_change_equals_a_full_sync(small_fake, tmp_path, change):
    """On the two-pod workspace: each change costs two full syncs and an incremental one."""
    fake = small_fake
    incremental = tmp_path / "incremental.db"
    sync(fake, incremental, full=True)
    before = reports(incremental)
    changes(fake, incremental)[change]()
    assert sync(fake, incremental).mode == "incremental"
    sync(fake, tmp_path / "full.db", full=True)
    after = reports(incremental)
    assert_same_reports(after, reports(tmp_path / "full.db"))
    assert after != before, "the change shows in some report"


def test_all_changes_at_once_then_incremental_equals_full(small_fake, tmp_path):
    fake = small_fake
    incremental = tmp_path / "incremental.db"
    sync(fake, incremental, full=True)
    for apply in changes(fake, incremental).values():
        apply()
    sync(fake, incremental)
    sync(fake, tmp_path / "full.db", full=True)
    assert_same_reports(reports(incremental), reports(tmp_path / "full.db"))


def test_expired_sync_tokens_fall_back_to_reading_the_project(small_fake, tmp_path):
    fake = small_fake
    path = tmp_path / "c.db"
    sync(fake, path, full=True)
    first = gids_of(path, "SELECT gid FROM tasks WHERE kind = 'weekly_goal' AND completed = 0 ORDER BY gid")[0]
    fake.update_task(first, name="Renamed while the token expired")
    fake.expire_sync_tokens()
    fake.reset_log()
    sync(fake, path)
    reread = sum(r.path.startswith("/projects/") and r.path.endswith("/tasks") for r in fake.requests)
    assert reread == 8 + 2, "every project whose token expired (412) is read again: 8 clients and 2 training projects"
    sync(fake, tmp_path / "full.db", full=True)
    assert_same_reports(reports(path), reports(tmp_path / "full.db"))
    assert gids_of(path, "SELECT name FROM tasks WHERE gid = ?", first) == ["Renamed while the token expired"]


def test_a_forbidden_project_is_skipped_and_reported(small_fake, tmp_path):
    fake = small_fake
    path = tmp_path / "c.db"
    sync(fake, path, full=True)
    locked = client_named(path, "Ledgerly")
    before = gids_of(path, "SELECT gid FROM tasks WHERE client_gid = ? ORDER BY gid", locked)
    fake.forbidden = {locked}
    result = sync(fake, path, full=True)
    assert result.partial and len(result.skipped) == 1 and "Ledgerly" in result.skipped[0]
    assert gids_of(path, "SELECT gid FROM tasks WHERE client_gid = ? ORDER BY gid", locked) == before


def test_faults_still_give_a_correct_cache(fake, demo_dump, tmp_path):
    fake.faults = Faults(error_5xx=0.10, drop=0.05, rate_limit=0.02, retry_after=0)
    fake.storm(25, retry_after=0)
    result = sync(fake, tmp_path / "c.db", full=True)
    assert result.requests > 100
    assert any(r.status == 429 for r in fake.requests) and any((r.status or 0) >= 500 for r in fake.requests)
    assert_same_reports(reports(tmp_path / "c.db"), truth(demo_dump, tmp_path / "truth.db"))


def test_rate_limit_pauses_every_worker(small_fake, tmp_path):
    fake = small_fake
    fake.storm(3, retry_after=1)
    result = sync(fake, tmp_path / "c.db", full=True, audit=False)
    assert result.waited >= 1.0


def test_concurrency_is_bounded(small_fake, tmp_path):
    fake = small_fake
    fake.latency = 0.02
    sync(fake, tmp_path / "c.db", full=True, audit=False, max_in_flight=5)
    assert 2 <= fake.max_in_flight <= 5


def file_state(path):
    conn = sqlite3.connect(path)
    try:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("tasks", "clients", "syncs", "goals")}
    finally:
        conn.close()


def test_wrong_token_stops_with_the_cache_untouched(small_fake, tmp_path):
    fake = small_fake
    path = tmp_path / "c.db"
    sync(fake, path, full=True)
    before = (file_state(path), reports(path))
    with pytest.raises(AuthError, match="podview auth login"):
        sync(fake, path, full=True, token="someone-elses-token")
    assert (file_state(path), reports(path)) == before


def test_token_revoked_mid_sync_leaves_the_cache_as_it_was(small_fake, tmp_path):
    fake = small_fake
    path = tmp_path / "c.db"
    sync(fake, path, full=True)
    before = (file_state(path), reports(path))

    def revoke(progress):
        if progress.projects_done == 2:
            fake.token = "revoked"

    with pytest.raises(AuthError):
        sync(fake, path, full=True, progress=revoke, max_in_flight=2)
    assert (file_state(path), reports(path)) == before


def test_network_down_mid_sync_leaves_the_cache_as_it_was(small_fake, tmp_path):
    fake = small_fake
    path = tmp_path / "c.db"
    sync(fake, path, full=True)
    before = (file_state(path), reports(path))

    def pull_the_plug(progress):
        if progress.projects_done == 2:
            fake.stop()

    with pytest.raises(AsanaUnreachable, match="Cannot reach Asana"):
        sync(fake, path, full=True, progress=pull_the_plug, max_retries=2, max_in_flight=2)
    assert (file_state(path), reports(path)) == before
    fake.start()


def test_killed_sync_resumes_where_it_stopped(small_fake, small_dump, tmp_path, request):
    fake = small_fake
    path = tmp_path / "c.db"
    # Ctrl-C as a terminal delivers it, whatever handler an earlier test in this worker process left behind.
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    request.addfinalizer(lambda: signal.signal(signal.SIGINT, previous))
    fake.latency = 0.03  # a loaded machine must not finish the last projects before the signal lands

    def kill(progress):
        """Ctrl-C once three projects are read: asyncio.run cancels the sync, then raises KeyboardInterrupt."""
        if progress.projects_done >= 3 and not pressed:
            pressed.append(True)
            os.kill(os.getpid(), signal.SIGINT)

    pressed: list[bool] = []

    with pytest.raises(KeyboardInterrupt):
        sync(fake, path, full=True, progress=kill, max_in_flight=2)
    assert file_state(path)["tasks"] == 0, "nothing half-written reaches the cache"
    fake.latency = 0
    fake.reset_log()
    result = sync(fake, path, full=True)
    assert result.resumed >= 3
    read_again = {r.path for r in fake.requests if r.path.startswith("/projects/")}
    assert len(read_again) <= 8 + 2 - 3, "8 clients and 2 training projects, 3 of them staged"
    assert_same_reports(reports(path), truth(small_dump, tmp_path / "truth.db"))


def test_demo_cache_is_refused(tmp_path, small_fake):
    fake = small_fake
    from podview.demo.build import build_demo_cache
    from podview.sync.engine import DemoCacheError

    path = tmp_path / "demo.db"
    build_demo_cache(path, today=TODAY, config=CONFIG)
    with pytest.raises(DemoCacheError, match="demo agency"):
        sync(fake, path)


def test_progress_is_reported(small_fake, tmp_path):
    fake = small_fake
    seen = []
    sync(fake, tmp_path / "c.db", full=True, progress=seen.append)
    stages = [p.stage for p in seen]
    assert stages[0] == "workspace" and stages[-1] == "done" and "tasks" in stages
    assert seen[-1].projects_done == seen[-1].projects_total == 8 + 2 and seen[-1].requests > 0, "training too"


def test_requests_and_responses_follow_the_openapi_file(demo_dump, tmp_path):
    from tests.fake_asana import FakeAsana

    with FakeAsana(demo_dump, record_bodies=True) as fake:
        sync(fake, tmp_path / "c.db", full=True)
        checked = fake.check_exchanges()
    assert checked > 50


def test_pod_members_keep_their_emails_after_tasks_name_them(small_fake, tmp_path):
    fake = small_fake
    path = tmp_path / "c.db"
    sync(fake, path, full=True)
    emails = gids_of(path, "SELECT u.email FROM users u JOIN pod_members m ON m.user_gid = u.gid")
    assert emails and all(email and "@" in email for email in emails)
