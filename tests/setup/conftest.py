"""Setup fixtures: the two-pod demo agency and the same agency under its own names, served by the fake Asana."""

from __future__ import annotations

import asyncio

import pytest

from podview.demo.generator import build_dump
from podview.sync.client import AsanaClient
from podview.sync.engine import SyncEngine
from tests.fake_asana import FakeAsana
from tests.fake_asana.renamed import renamed
from tests.sync.conftest import TODAY


@pytest.fixture(scope="session")
def two_pods():
    """The two-pod demo workspace (eight clients), under podview's default names."""
    return build_dump(TODAY, clients=8)


@pytest.fixture(scope="session")
def own_names(two_pods):
    """The same workspace with every name the agency's own (tests/fake_asana/renamed.py)."""
    return renamed(two_pods)


@pytest.fixture
def env(tmp_path, monkeypatch):
    """Config and cache in the test's folder, the machine's zone New York; no config file yet."""
    monkeypatch.setenv("PODVIEW_CONFIG", str(tmp_path / "config.toml"))
    monkeypatch.setenv("PODVIEW_DB", str(tmp_path / "cache.db"))
    monkeypatch.setenv("PODVIEW_TODAY", TODAY.isoformat())
    monkeypatch.setenv("TZ", "America/New_York")
    return tmp_path


@pytest.fixture
def serve(env, asana_on):
    """Start a fake Asana on a dump and point podview at it with its token (after `env` has set the folder up)."""
    return asana_on


def sync_with(dump, path, config) -> object:
    """A full sync (with audit) of a fresh fake serving `dump` into the cache at `path`."""

    async def go(fake):
        async with AsanaClient(fake.token, url=fake.base_url, backoff=0.01, max_backoff=0.05) as client:
            return await SyncEngine(client, path, config, today=TODAY).run(full=True, audit=True)

    with FakeAsana(dump, record_bodies=False) as fake:
        return asyncio.run(go(fake))
