"""Sync fixtures: the demo workspace served by the fake Asana, and report snapshots to compare caches by."""

from __future__ import annotations

import asyncio
from datetime import date, timedelta
from pathlib import Path

import pytest

from podview.cache import open_cache, open_reader
from podview.config import Config
from podview.dates import Week
from podview.demo.generator import build_dump
from podview.report.build import KINDS, ReportOptions, build_report
from podview.sync.client import AsanaClient
from podview.sync.engine import SyncEngine
from podview.sync.load import load_dump
from tests.fake_asana import FakeAsana

TODAY = date(2026, 11, 25)
CONFIG = Config(timezone="America/New_York")


@pytest.fixture(scope="session")
def demo_dump():
    """The 16-client demo workspace, generated once."""
    return build_dump(TODAY)


@pytest.fixture
def fake(demo_dump):
    """A fake Asana serving a fresh copy of the demo workspace."""
    with FakeAsana(demo_dump, record_bodies=False) as server:
        yield server
    assert server.crashes == [], server.crashes[:1]


def sync(fake: FakeAsana, path: Path, *, full: bool = False, audit: bool = True, progress=None, token=None, **client_options):
    """Run one sync of `fake` into the cache at `path` (with the fake's token unless `token` is given)."""

    async def go():
        async with AsanaClient(token or fake.token, url=fake.base_url, backoff=0.01, max_backoff=0.05, **client_options) as client:
            engine = SyncEngine(client, path, CONFIG, today=TODAY, progress=progress)
            return await engine.run(full=full, audit=audit)

    return asyncio.run(go())


def reports(path: Path) -> dict[str, dict]:
    """Every report a user can ask for, over 16 weeks: what "the same cache" means to a user."""
    conn = open_reader(path)
    try:
        out = {}
        for kind in KINDS:
            out[kind] = build_report(kind, conn, ReportOptions(today=TODAY, since=TODAY - timedelta(days=120)), CONFIG)
        for back in range(16):
            week = Week.of(TODAY).shift(-back)
            out[f"weekly {week}"] = build_report("weekly", conn, ReportOptions(today=TODAY, week=week), CONFIG)
        return out
    finally:
        conn.close()


def truth(dump, path: Path) -> dict[str, dict]:
    """The reports of a cache loaded straight from the dump (no HTTP): what a sync must reproduce."""
    db = open_cache(path)
    load_dump(db, dump, CONFIG, source="truth")
    db.conn.close()
    return reports(path)


def assert_same_reports(actual: dict, expected: dict) -> None:
    """Equal report by report, naming the first one that differs."""
    assert actual.keys() == expected.keys()
    for name in expected:
        assert actual[name] == expected[name], f"the {name} report differs"


@pytest.fixture(scope="session")
def small_dump():
    """A two-pod workspace (eight clients): enough for tests about how a sync starts and stops, quick to sync."""
    return build_dump(TODAY, clients=8)


@pytest.fixture
def small_fake(small_dump):
    """A fake Asana serving a fresh copy of the two-pod workspace."""
    with FakeAsana(small_dump, record_bodies=False) as server:
        yield server
    assert server.crashes == [], server.crashes[:1]
