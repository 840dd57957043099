"""Decision fixtures: a synced cache of the demo agency beside a fake Asana serving the same workspace.

The demo workspace is synced once per session; each test copies that cache
and gets its own fake server, so tests can write to Asana freely.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import io
import shutil
from pathlib import Path
from typing import Any

import pytest

from podview.cache import open_cache
from podview.decisions import send as send_module
from podview.decisions.send import Sender
from podview.demo.generator import build_dump
from podview.sync.client import AsanaClient
from tests.fake_asana import FakeAsana
from tests.sync.conftest import CONFIG, TODAY, sync

FAST_CLIENT = {"max_retries": 1, "backoff": 0.01, "max_backoff": 0.02, "timeout": 5.0}


@pytest.fixture(scope="session")
def demo_dump():
    """The 16-client demo workspace, generated once."""
    return build_dump(TODAY)


@pytest.fixture(scope="session")
def synced(tmp_path_factory, demo_dump) -> Path:
    """A cache synced (full, with audit) from a fake serving the demo workspace, made once."""
    path = tmp_path_factory.mktemp("decisions") / "synced.db"
    with FakeAsana(demo_dump) as fake:
        sync(fake, path, full=True)
    return path


@pytest.fixture
def fake(demo_dump):
    """A fresh fake Asana serving the demo workspace."""
    with FakeAsana(demo_dump) as server:
        yield server
    assert server.crashes == [], server.crashes[:1]


@pytest.fixture
def cache_path(synced, tmp_path) -> Path:
    """This test's own copy of the synced cache."""
    path = tmp_path / "cache.db"
    shutil.copy(synced, path)
    return path


@pytest.fixture
def db(cache_path):
    """The test's cache, open for writing."""
    database = open_cache(cache_path)
    yield database
    database.conn.close()


@pytest.fixture
def env(fake, cache_path, tmp_path, monkeypatch):
    """The environment `podview` commands run in: the fake's URL and token, the test cache, a fast client."""
    monkeypatch.setenv("PODVIEW_ASANA_URL", fake.base_url)
    monkeypatch.setenv("ASANA_TOKEN", fake.token)
    monkeypatch.setenv("PODVIEW_CONFIG", str(tmp_path / "config.toml"))
    monkeypatch.setenv("PODVIEW_DB", str(cache_path))
    monkeypatch.setenv("PODVIEW_TODAY", TODAY.isoformat())
    (tmp_path / "config.toml").write_text('timezone = "America/New_York"\n')
    monkeypatch.setattr(send_module, "CLIENT_OPTIONS", {"push": FAST_CLIENT, "decide": FAST_CLIENT})
    return tmp_path


def push(db, fake: FakeAsana, *, url: str | None = None, ids=None, retries: int = 1, **options: Any):
    """Run one Sender.push against `fake` (or `url`) with quick retries; returns the PushResult."""
    options.setdefault("pause", 0.01)
    options.setdefault("max_pause", 0.02)

    async def go():
        async with AsanaClient(fake.token, url=url or fake.base_url, **{**FAST_CLIENT, "max_retries": retries}) as client:
            return await Sender(db, client, CONFIG, **options).push(ids)

    return asyncio.run(go())


def parser() -> argparse.ArgumentParser:
    """podview's parser, as `podview` builds it."""
    from podview.cli import build_parser

    return build_parser()


def cli(*argv: str) -> tuple[int, str, str]:
    """Run `podview ARGV` in-process; returns (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        args = parser().parse_args(list(argv))
        code = args.handler(args)
    return code, out.getvalue(), err.getvalue()


def pick(db, sql: str, params=()) -> dict:
    """The first row of a query on the cache, as a dict."""
    from podview.decisions.common import one

    row = one(db, sql, params)
    assert row is not None, sql
    return row


__all__ = ["CONFIG", "TODAY", "cli", "pick", "push"]
