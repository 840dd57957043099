"""An agency that names everything its own way, synced with a hand-written mapping config: podview sees the same agency."""

from __future__ import annotations

import asyncio

import pytest

from podview.config import load_config
from podview.sync.client import AsanaClient
from podview.sync.engine import SyncEngine
from tests.fake_asana import FakeAsana
from tests.fake_asana.renamed import MAPPED_CONFIG, default_names, renamed, team_names
from tests.sync.conftest import TODAY, assert_same_reports, reports, sync


@pytest.fixture(scope="module")
def renamed_dump(demo_dump):
    return renamed(demo_dump)


def sync_with(fake: FakeAsana, path, config) -> object:
    async def go():
        async with AsanaClient(fake.token, url=fake.base_url, backoff=0.01, max_backoff=0.05) as client:
            return await SyncEngine(client, path, config, today=TODAY).run(full=True, audit=True)

    return asyncio.run(go())


def test_mapped_config_reads_the_renamed_agency_as_the_default_one(demo_dump, renamed_dump, fake, tmp_path):
    config_file = tmp_path / "config.toml"
    config_file.write_text(MAPPED_CONFIG)
    config = load_config(config_file)
    sync(fake, tmp_path / "default.db", full=True)
    with FakeAsana(renamed_dump) as agency:
        result = sync_with(agency, tmp_path / "renamed.db", config)
    assert not result.partial
    expected = reports(tmp_path / "default.db")
    own_names = reports(tmp_path / "renamed.db")
    assert own_names["risk"]["clients"][0]["pod"].startswith("Squad ")
    actual = default_names(own_names, team_names(demo_dump))
    assert_same_reports(actual, expected)
