"""Home saved in the cache: found only while the data, the day and the settings are those it was computed on."""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import replace
from datetime import timedelta

import pytest

from podview.cache import open_reader
from podview.config import Config
from podview.config.model import PacingConfig
from podview.demo.build import build_demo_cache
from podview.figures.home import home_data
from podview.figures.home_store import remember_at, saved_home
from tests.screens.hosts import CONFIG, TODAY


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    path = tmp_path_factory.mktemp("saved-home") / "demo.db"
    build_demo_cache(path, today=TODAY, config=CONFIG)
    return path


@pytest.fixture
def cache(built, tmp_path):
    path = tmp_path / "demo.db"
    path.write_bytes(built.read_bytes())
    return path


def fresh(path, config: Config = CONFIG, today=TODAY):
    conn = open_reader(path)
    try:
        return home_data(conn, today=today, zone=config_zone(config), config=config)
    finally:
        conn.close()


def config_zone(config):
    from zoneinfo import ZoneInfo

    return ZoneInfo(config.timezone)


def saved(path, config: Config = CONFIG, today=TODAY):
    conn = open_reader(path)
    try:
        return saved_home(conn, today=today, config=config)
    finally:
        conn.close()


def write(path, sql, params=()):
    conn = sqlite3.connect(path)
    with conn:
        conn.execute(sql, params)
    conn.close()


def test_the_demo_build_saves_home_as_it_would_be_computed(cache):
    home = saved(cache)
    assert home is not None
    assert home == fresh(cache)
    assert home.ranking and home.off_pace and home.pods and home.due


@pytest.mark.parametrize(
    "change",
    [
        "UPDATE clients SET status = 'off_track' WHERE gid = (SELECT min(gid) FROM clients)",
        "DELETE FROM tasks WHERE gid = (SELECT min(gid) FROM tasks WHERE kind = 'weekly_goal')",
        "INSERT INTO goal_snapshots SELECT * FROM goal_snapshots LIMIT 0",
        "UPDATE goals SET status = 'missed'",
        "INSERT INTO syncs (source, mode, started_at, finished_at, outcome) VALUES ('asana', 'full', '2026-11-25T10:00:00Z', '2026-11-25T10:01:00Z', 'ok')",
    ],
    ids=["client status", "task deleted", "no row written", "goal status", "a sync recorded"],
)
def test_any_change_to_what_home_reads_drops_it(cache, change):
    write(cache, change)
    if "LIMIT 0" in change:
        assert saved(cache) is not None, "a statement that changes no row keeps the saved Home"
    else:
        assert saved(cache) is None


def test_decisions_leave_it_and_the_outbox_is_counted_on_each_read(cache):
    assert saved(cache).outbox.pending == 0
    write(
        cache,
        "INSERT INTO decisions (id, kind, target_gid, payload, state, created_at) "
        "VALUES ('d1', 'comment', '1', '{}', 'pending', '2026-11-25T10:00:00Z')",
    )
    assert saved(cache).outbox.pending == 1


def test_another_day_or_other_figures_settings_are_not_found(cache):
    assert saved(cache, today=TODAY + timedelta(days=1)) is None
    assert saved(cache, config=replace(CONFIG, pacing=PacingConfig(on_track=0.95))) is None
    assert saved(cache, config=replace(CONFIG, timezone="Europe/Paris")) is None
    assert saved(cache, config=replace(CONFIG, keys={"go.risk": "r"})) is not None, (
        "keys do not change figures"
    )


def test_the_app_saves_what_it_computed_unless_the_cache_is_busy(cache):
    tomorrow = TODAY + timedelta(days=1)
    data = fresh(cache, today=tomorrow)
    holder = sqlite3.connect(cache)
    holder.execute("BEGIN IMMEDIATE")
    try:
        done = threading.Event()
        outcome = []
        thread = threading.Thread(
            target=lambda: (
                outcome.append(remember_at(cache, today=tomorrow, config=CONFIG, data=data)),
                done.set(),
            )
        )
        thread.start()
        assert done.wait(5), "a busy cache must not hold the app"
        assert outcome == [False]
    finally:
        holder.rollback()
        holder.close()
    assert remember_at(cache, today=tomorrow, config=CONFIG, data=data)
    assert saved(cache, today=tomorrow) == data
    assert saved(cache) is not None, "Homes of several days live side by side"
