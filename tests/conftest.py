"""Shared fixtures: a throw-away cache and a builder that fills it by hand."""

from __future__ import annotations

import pytest

from podview.cache import open_cache
from tests.builders import AgencyBuilder


@pytest.fixture(autouse=True)
def no_columns(monkeypatch):
    """Tables are as wide as $COLUMNS says: unset, so no test depends on the terminal it runs in."""
    monkeypatch.delenv("COLUMNS", raising=False)


@pytest.fixture
def db(tmp_path):
    """A fresh, migrated cache in a temporary folder."""
    database = open_cache(tmp_path / "cache.db")
    yield database
    database.conn.close()


@pytest.fixture
def agency(db):
    """An AgencyBuilder writing into the fresh cache."""
    return AgencyBuilder(db)


@pytest.fixture
def asana_on(monkeypatch):
    """Start a fake Asana on a dump and point podview at it (URL and token); each is stopped and checked afterwards."""
    from tests.fake_asana import FakeAsana

    servers = []

    def start(dump):
        fake = FakeAsana(dump, record_bodies=False)
        fake.start()
        servers.append(fake)
        monkeypatch.setenv("PODVIEW_ASANA_URL", fake.base_url)
        monkeypatch.setenv("ASANA_TOKEN", fake.token)
        return fake

    yield start
    for fake in servers:
        fake.stop()
        assert fake.crashes == [], fake.crashes[:1]
