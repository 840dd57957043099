"""Client details that the fake server cannot easily provoke: malformed answers, the rate window, headers."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from podview import __version__
from podview.sync.client import AsanaClient, RateWindow
from podview.sync.errors import UnclearWriteError


def client_for(answers: list, seen: list | None = None) -> AsanaClient:
    """A client whose transport replays `answers` (status, body text) in order."""
    replies = iter(answers)

    def handle(request: httpx.Request) -> httpx.Response:
        if seen is not None:
            seen.append(request)
        status, text = next(replies)
        return httpx.Response(status, text=text, headers={"Content-Type": "application/json"})

    return AsanaClient("secret", url="https://asana.test/api/1.0", transport=httpx.MockTransport(handle), backoff=0.001)


def test_malformed_json_on_a_read_is_retried():
    async def go():
        async with client_for([(200, "{not json"), (200, '{"data": {"gid": "1", "name": "Acme"}}')]) as client:
            return await client.get("/projects/1"), client.stats.retries

    data, retries = asyncio.run(go())
    assert data == {"gid": "1", "name": "Acme"} and retries == 1


def test_malformed_json_after_a_write_is_an_unclear_write():
    async def go():
        async with client_for([(201, "<html>gateway</html>")]) as client:
            await client.post("/tasks/1/stories", {"text": "hi"})

    with pytest.raises(UnclearWriteError, match="could not be read"):
        asyncio.run(go())


def test_requests_name_podview_and_carry_the_token_only_in_the_header():
    seen: list[httpx.Request] = []

    async def go():
        async with client_for([(200, '{"data": []}')], seen) as client:
            await client.get_all("/workspaces/1/teams", fields=("name",))

    asyncio.run(go())
    request = seen[0]
    assert request.headers["User-Agent"].startswith(f"podview/{__version__}")
    assert request.headers["Authorization"] == "Bearer secret"
    assert "secret" not in str(request.url)
    assert request.url.params["limit"] == "100" and request.url.params["opt_fields"] == "name"


def test_rate_window_holds_back_the_request_past_the_budget(monkeypatch):
    now = [0.0]
    window = RateWindow(3, clock=lambda: now[0])
    slept: list[float] = []

    async def fake_sleep(seconds):
        slept.append(seconds)
        now[0] += seconds

    async def go():
        for _ in range(3):
            assert await window.acquire() == 0
        now[0] = 10.0
        return await window.acquire()

    monkeypatch.setattr("podview.sync.client.asyncio.sleep", fake_sleep)
    assert asyncio.run(go()) == pytest.approx(50.0)
    assert slept == [pytest.approx(50.0)]
