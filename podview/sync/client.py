"""A polite, concurrent Asana REST client (httpx.AsyncClient).

Polite: every request goes through a sliding one-minute window (1,500/min by
default, Asana's paid-plan budget per token) and a bounded pool of requests in
flight; a 429 pauses *every* worker for its Retry-After. Robust: 5xx answers
and dropped connections are retried with exponential backoff and jitter, a
bounded number of times — except for writes whose outcome is unclear, which
are reported (UnclearWriteError) so the caller can look before sending again.
"""

from __future__ import annotations

import asyncio
import json
import random
import sys
import time
from collections import Counter, deque
from collections.abc import AsyncIterator, Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import httpx

try:
    import sniffio  # noqa: F401
except ImportError:
    sys.modules["sniffio"] = None  # type: ignore[assignment]  # httpcore retries this import on every request; a remembered miss is instant

from podview import __version__
from podview.dates import ServerClock
from podview.sync.errors import (
    AsanaError,
    AsanaUnreachable,
    AuthError,
    BadRequestError,
    ForbiddenError,
    NotFoundError,
    SyncTokenExpired,
    UnclearWriteError,
)
from podview.sync.tasks import gather_all
from podview.sync.url import base_url, checked_url

PAGE_SIZE = 100
MAX_RATE_LIMITED = 30
"""429s one request may meet before podview gives up (each waits its Retry-After)."""
SAFE_TO_RESEND = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)
"""Transport errors raised before the request left: resending cannot double a write."""


@dataclass
class ClientStats:
    """What the client did, for progress and for the benchmark."""

    requests: int = 0
    retries: int = 0
    rate_limited: int = 0
    waited: float = 0.0
    by_path: Counter = field(default_factory=Counter)


class RateWindow:
    """At most `per_minute` requests in any sliding 60-second window."""

    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.per_minute = per_minute
        self._clock = clock
        self._sent: deque[float] = deque()
        self._lock = asyncio.Lock()

    async def acquire(self) -> float:
        """Wait for a free slot; returns the seconds waited."""
        waited = 0.0
        async with self._lock:
            while True:
                now = self._clock()
                while self._sent and now - self._sent[0] >= 60:
                    self._sent.popleft()
                if len(self._sent) < self.per_minute:
                    self._sent.append(now)
                    return waited
                pause = 60 - (now - self._sent[0])
                waited += pause
                await asyncio.sleep(pause)


class AsanaClient:
    """Talks to Asana with one token; share one instance between all workers of a sync."""

    def __init__(
        self,
        token: str,
        *,
        url: str | None = None,
        max_in_flight: int = 20,
        per_minute: int = 1500,
        timeout: float = 30.0,
        max_retries: int = 5,
        backoff: float = 0.5,
        max_backoff: float = 16.0,
        transport: httpx.AsyncBaseTransport | None = None,
        on_wait: Callable[[float], None] | None = None,
        seed: int | None = None,
    ) -> None:
        self.url = checked_url(url) if url else base_url()
        self.stats = ClientStats()
        self.clock = ServerClock()
        """Asana's own "now", from the `Date` header of the latest response (write-back look-ups use it)."""
        self._reads = asyncio.Semaphore(max_in_flight)
        self._writes = asyncio.Semaphore(min(15, max_in_flight))
        self._window = RateWindow(per_minute)
        self._resume_at = 0.0
        self._max_retries = max_retries
        self._backoff = backoff
        self._max_backoff = max_backoff
        self._on_wait = on_wait
        self._rng = random.Random(seed)
        self._http = httpx.AsyncClient(
            base_url=self.url,
            headers={
                "Authorization": f"Bearer {token}",
                "User-Agent": f"podview/{__version__} (+https://pypi.org/project/podview)",
                "Accept": "application/json",
            },
            timeout=httpx.Timeout(timeout, connect=min(10.0, timeout)),
            limits=httpx.Limits(max_connections=max_in_flight, max_keepalive_connections=max_in_flight),
            transport=transport,
        )

    async def __aenter__(self) -> AsanaClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Close the connection pool."""
        await self._http.aclose()

    # -- reading ----------------------------------------------------------

    async def get(self, path: str, *, params: dict | None = None, fields: Iterable[str] | None = None) -> Any:
        """GET one resource; returns its `data`."""
        body = await self.request("GET", path, params=_with_fields(params, fields))
        return body.get("data")

    async def pages(
        self, path: str, *, params: dict | None = None, fields: Iterable[str] | None = None
    ) -> AsyncIterator[list[dict]]:
        """Every page of a list, 100 records at a time, following `next_page.offset`."""
        query = _with_fields(params, fields)
        query["limit"] = PAGE_SIZE
        while True:
            body = await self.request("GET", path, params=query)
            yield list(body.get("data") or [])
            next_page = body.get("next_page") or {}
            if not next_page.get("offset"):
                return
            query = {**query, "offset": next_page["offset"]}

    async def get_all(self, path: str, *, params: dict | None = None, fields: Iterable[str] | None = None) -> list[dict]:
        """A whole list, all pages."""
        records: list[dict] = []
        async for page in self.pages(path, params=params, fields=fields):
            records.extend(page)
        return records

    async def events(self, resource: str, sync: str | None) -> tuple[list[dict], str | None]:
        """All events on `resource` since `sync` (following `has_more`), and the token to use next.

        Raises SyncTokenExpired (with a fresh token) when `sync` is None, unknown or expired.
        """
        collected: list[dict] = []
        token = sync
        while True:
            params = {"resource": resource}
            if token:
                params["sync"] = token
            body = await self.request("GET", "/events", params=params)
            collected.extend(body.get("data") or [])
            token = body.get("sync") or token
            if not body.get("has_more"):
                return collected, token

    async def events_many(self, tokens: dict[str, str | None]) -> dict[str, tuple[list[dict], str | None] | Exception]:
        """Events of many resources, ten per POST /batch (one round trip, each action still counted).

        Returns, per resource gid, `(events, next_token)` or the exception its
        own call would have raised (SyncTokenExpired carrying a fresh token,
        ForbiddenError…). An action the batch could not answer, or one with
        more events to page through, is asked again on its own.
        """
        gids = list(tokens)
        chunks = [gids[i : i + 10] for i in range(0, len(gids), 10)]
        answers = await gather_all(*(self._events_chunk(chunk, tokens) for chunk in chunks))
        return {gid: outcome for answer in answers for gid, outcome in answer.items()}

    async def _events_chunk(self, gids: list[str], tokens: dict[str, str | None]) -> dict:
        actions = [
            {"relative_path": "/events", "method": "get", "data": {"resource": gid, **({"sync": tokens[gid]} if tokens[gid] else {})}}
            for gid in gids
        ]
        body = await self.request("POST", "/batch", json={"data": {"actions": actions}}, idempotent=True, weight=len(actions))
        results = body.get("data") if isinstance(body.get("data"), list) else []
        outcomes: dict = {}
        for gid, result in zip(gids, results + [None] * (len(gids) - len(results))):
            status = result.get("status_code") if isinstance(result, dict) else None
            answer = result.get("body") if isinstance(result, dict) and isinstance(result.get("body"), dict) else {}
            if status == 200 and not answer.get("has_more"):
                outcomes[gid] = (list(answer.get("data") or []), answer.get("sync") or tokens[gid])
            elif status is not None and 400 <= status < 500 and status != 429:
                outcomes[gid] = _error(status, "/events", answer)
            else:
                try:
                    outcomes[gid] = await self.events(gid, tokens[gid])
                except AsanaError as error:
                    outcomes[gid] = error
        return outcomes

    # -- writing ----------------------------------------------------------

    async def post(self, path: str, data: dict, *, fields: Iterable[str] | None = None) -> Any:
        """POST a create or an action; a failure after sending raises UnclearWriteError."""
        body = await self.request("POST", path, params=_with_fields(None, fields), json={"data": data}, idempotent=False)
        return body.get("data")

    async def put(self, path: str, data: dict, *, fields: Iterable[str] | None = None) -> Any:
        """PUT absolute values (safe to repeat, so retried like a read)."""
        body = await self.request("PUT", path, params=_with_fields(None, fields), json={"data": data}, idempotent=True)
        return body.get("data")

    async def batch(self, actions: list[dict]) -> list[dict]:
        """POST /batch with at most 10 actions; returns `{status_code, headers, body}` per action, in order."""
        if not 1 <= len(actions) <= 10:
            raise ValueError("a batch holds 1 to 10 actions")
        body = await self.request("POST", "/batch", json={"data": {"actions": actions}}, idempotent=False, weight=len(actions))
        return list(body.get("data") or [])

    # -- the one place requests are sent -----------------------------------

    async def request(
        self,
        method: str,
        path: str,
        *,
        params: dict | None = None,
        json: dict | None = None,
        idempotent: bool | None = None,
        weight: int = 1,
    ) -> dict:
        """Send one request with rate limiting, pausing on 429 and retrying what is safe to retry.

        `weight` is how many requests it counts as against the rate limit (a batch counts each action).
        """
        if idempotent is None:
            idempotent = method in ("GET", "PUT", "DELETE")
        pool = self._reads if method == "GET" else self._writes
        attempt = rate_limited = 0
        while True:
            async with pool:
                await self._wait_turn(weight)
                self.stats.requests += 1
                self.stats.by_path[_route(path)] += 1
                try:
                    response = await self._http.request(method, path, params=params, json=json)
                except httpx.UnsupportedProtocol:
                    raise AsanaUnreachable(f"{self.url} is not a valid API address; check PODVIEW_ASANA_URL.") from None
                except httpx.TransportError as error:
                    if not idempotent and not isinstance(error, SAFE_TO_RESEND):
                        raise UnclearWriteError(f"{method} {path}: the connection failed after sending ({type(error).__name__})", None, path) from None
                    if attempt >= self._max_retries:
                        raise AsanaUnreachable(_unreachable(self.url, error)) from None
                    attempt += 1
                    delay = self._delay(attempt)
                else:
                    self.clock.note(response.headers.get("Date"))
                    outcome = self._outcome(method, path, response, idempotent)
                    if isinstance(outcome, dict):
                        return outcome
                    if outcome == "rate_limited":
                        rate_limited += 1
                        if rate_limited > MAX_RATE_LIMITED:
                            raise AsanaUnreachable(f"Asana kept answering 429 (rate limited) on {method} {path}; try again later.")
                        continue
                    if attempt >= self._max_retries:
                        raise AsanaUnreachable(
                            f"Asana kept failing ({response.status_code}) on {method} {path} after {attempt + 1} tries; try again later."
                        )
                    attempt += 1
                    delay = self._delay(attempt)
            self.stats.retries += 1
            await asyncio.sleep(delay)

    def _outcome(self, method: str, path: str, response: httpx.Response, idempotent: bool) -> dict | str:
        """The decoded body, or what to do next: `rate_limited` or `retry`; raises the errors of 4xx."""
        status = response.status_code
        if status == 429:
            self._pause(_retry_after(response))
            return "rate_limited"
        if status >= 500:
            if not idempotent:
                raise UnclearWriteError(f"{method} {path}: Asana answered {status}; the write may or may not have landed", status, path)
            return "retry"
        try:
            body = response.json()
        except (json.JSONDecodeError, UnicodeDecodeError):
            if not idempotent:
                raise UnclearWriteError(f"{method} {path}: Asana's answer could not be read", status, path) from None
            return "retry"
        if not isinstance(body, dict):
            return "retry" if idempotent else {"data": body}
        if status < 400:
            return body
        raise _error(status, path, body)

    async def _wait_turn(self, weight: int = 1) -> None:
        """Honour a pause from a 429 (shared by every worker), then the one-minute window."""
        waited = 0.0
        while (pause := self._resume_at - time.monotonic()) > 0:
            waited += pause
            await asyncio.sleep(pause)
        for _ in range(weight):
            waited += await self._window.acquire()
        if waited:
            self.stats.waited += waited
            if self._on_wait:
                self._on_wait(waited)

    def _pause(self, seconds: float) -> None:
        self.stats.rate_limited += 1
        self._resume_at = max(self._resume_at, time.monotonic() + seconds)

    def _delay(self, attempt: int) -> float:
        """Exponential backoff with jitter: half fixed, half random, capped."""
        base = min(self._max_backoff, self._backoff * 2 ** (attempt - 1))
        return base / 2 + self._rng.uniform(0, base / 2)


def _with_fields(params: dict | None, fields: Iterable[str] | None) -> dict:
    query = dict(params or {})
    if fields:
        query["opt_fields"] = ",".join(fields)
    return query


def _retry_after(response: httpx.Response) -> float:
    try:
        return max(0.0, float(response.headers.get("Retry-After", "1")))
    except ValueError:
        return 1.0


def _route(path: str) -> str:
    """A path with gids replaced, for counting requests by endpoint."""
    return "/".join("{gid}" if part.isdigit() else part for part in path.split("/"))


def _message(body: dict) -> str:
    errors = body.get("errors") if isinstance(body, dict) else None
    if isinstance(errors, list) and errors and isinstance(errors[0], dict):
        return str(errors[0].get("message") or "no message")
    return "no message"


def _error(status: int, path: str, body: dict) -> AsanaError:
    message = _message(body)
    if status == 401:
        return AuthError(
            f"Asana refused the token (401: {message}). Run `podview auth login` with a new personal access token, or check ASANA_TOKEN.",
            status,
            path,
        )
    if status == 403:
        return ForbiddenError(f"Asana denied access to {path} (403: {message}).", status, path)
    if status == 404:
        return NotFoundError(f"{path} was not found in Asana (404: {message}).", status, path)
    if status == 412:
        return SyncTokenExpired(body.get("sync"), path)
    if status == 402:
        return BadRequestError(f"{path} needs a paid Asana plan (402: {message}).", status, path)
    return BadRequestError(f"Asana rejected {path} ({status}: {message}).", status, path)


def _unreachable(url: str, error: Exception) -> str:
    return (
        f"Cannot reach Asana at {url} ({type(error).__name__}). "
        "Check your network connection, or PODVIEW_ASANA_URL if you set it."
    )
