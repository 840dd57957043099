"""A sync that Asana stops leaves nothing running behind it, and nothing is printed after its message."""

from __future__ import annotations

import asyncio
import functools
import gc
import io
import logging

import pytest

from podview.cli import sync as commands
from podview.sync.client import AsanaClient
from podview.sync.engine import SyncEngine
from podview.sync.errors import AsanaUnreachable
from tests.fake_asana.faults import Faults
from tests.sync.conftest import CONFIG, TODAY, sync

EVERYTHING_FAILS = Faults(error_5xx=1.0, max_consecutive=10**9)
"""Asana answering 5xx to every request, retries included."""


@pytest.fixture
def synced(small_fake, tmp_path):
    """A cache synced once in full from the two-pod workspace, so the next sync is incremental."""
    path = tmp_path / "cache.db"
    assert sync(small_fake, path, audit=False).mode == "full"
    return path


def failing_incremental_sync(fake, path, seed: int) -> tuple[set[str], list[dict]]:
    """One incremental sync against an Asana that fails everything.

    Returns the tasks still alive on the loop when the sync raised, and what
    the loop reported as unhandled (collected after the loop is gone, as
    Python reports a failed task nobody awaited when it is destroyed).
    """
    reported: list[dict] = []

    async def go() -> set[str]:
        asyncio.get_running_loop().set_exception_handler(lambda loop, context: reported.append(context))
        async with AsanaClient(fake.token, url=fake.base_url, backoff=0.001, max_backoff=0.004, max_retries=3, seed=seed) as client:
            engine = SyncEngine(client, path, CONFIG, today=TODAY)
            with pytest.raises(AsanaUnreachable):
                await engine.run()
            return {repr(task.get_coro()) for task in asyncio.all_tasks() if task is not asyncio.current_task()}

    left = asyncio.run(go())
    gc.collect()
    return left, reported


def test_a_stopped_sync_leaves_no_task_running_and_no_error_unretrieved(small_fake, synced):
    small_fake.faults = EVERYTHING_FAILS
    for seed in range(6):
        left, reported = failing_incremental_sync(small_fake, synced, seed)
        assert left == set(), f"run {seed}: tasks still running after the sync stopped: {sorted(left)[:3]}"
        assert reported == [], f"run {seed}: {reported[0].get('message')}"


def test_the_command_prints_its_message_and_nothing_after(small_fake, synced, monkeypatch, caplog):
    """What `podview sync` writes (its streams, and anything asyncio logs) is the one message, however often it runs."""
    monkeypatch.setenv("PODVIEW_ASANA_URL", small_fake.base_url)
    monkeypatch.setenv("ASANA_TOKEN", small_fake.token)
    monkeypatch.setattr("podview.sync.client.AsanaClient", functools.partial(AsanaClient, backoff=0.001, max_backoff=0.004))
    caplog.set_level(logging.DEBUG, logger="asyncio")
    small_fake.faults = EVERYTHING_FAILS
    for _ in range(3):
        out, err = io.StringIO(), io.StringIO()
        code = commands.run_sync(synced, CONFIG, TODAY, full=False, audit=False, err=err, out=out)
        gc.collect()
        assert code == 2 and out.getvalue() == ""
        assert err.getvalue().startswith("podview: sync stopped, the cache is unchanged: Asana kept failing")
        assert err.getvalue().count("\n") == 1, err.getvalue()
        assert "never retrieved" not in caplog.text and "Traceback" not in caplog.text, caplog.text
