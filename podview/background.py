"""What the app runs in the background against Asana: a sync, and sending recorded decisions.

No Textual here. The app's thread workers call these on an event loop of
their own, so neither the HTTP calls nor the SQLite writes that follow them
ever hold up the screen; tests hand the app fakes of the same shapes
(`make_app(context, sync=…, outbox=…)`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from podview.cache import is_demo_cache
from podview.config import Config

if TYPE_CHECKING:
    from podview.decisions.send import PushResult
    from podview.screens.context import ViewContext
    from podview.sync.engine import SyncProgress, SyncResult

NO_TOKEN = "There is no Asana token. Run `podview auth login` in a terminal (or set ASANA_TOKEN)"
DEMO_SYNC = (
    "This is the demo agency, made up on this machine: there is no Asana workspace to sync. "
    "To use your own, run `podview auth login`, then `podview sync`, in a terminal."
)
DEMO = "this is the demo agency, whose decisions stay in the outbox and are never sent to Asana"


class NoTokenError(Exception):
    """Neither ASANA_TOKEN nor the keyring holds a token; the message says how to log in."""


class SyncRun(Protocol):
    """What the app needs of a sync: one run, reporting progress as it goes."""

    async def run(self, *, full: bool = False, audit: bool = False) -> Any: ...


SyncFactory = Callable[["ViewContext", Callable[["SyncProgress"], None]], SyncRun]
"""Builds a sync of the context's cache that calls the callback with each `SyncProgress`."""

Sender = Callable[["ViewContext", list[str]], Awaitable["PushResult"]]
"""Sends these decisions (and older ones on the same targets) and says where each one ended."""


@dataclass
class AsanaSync:
    """The real sync: an Asana client on the token, the engine, the client closed when done."""

    token: str
    cache_path: Path
    config: Config
    today: date
    progress: Callable[[SyncProgress], None]

    async def run(self, *, full: bool = False, audit: bool = False) -> SyncResult:
        """Sync the cache; errors leave it unchanged (see `SyncEngine.run`)."""
        from podview.sync.client import AsanaClient
        from podview.sync.engine import SyncEngine

        async with AsanaClient(self.token) as client:
            engine = SyncEngine(
                client, self.cache_path, self.config, today=self.today, progress=self.progress
            )
            return await engine.run(full=full, audit=audit)


def asana_sync(context: ViewContext, progress: Callable[[SyncProgress], None]) -> AsanaSync:
    """The default sync factory; without a token it raises NoTokenError before anything starts."""
    from podview.sync.auth import resolve_token

    token = resolve_token()
    if token is None:
        raise NoTokenError(f"{NO_TOKEN}, then press s to sync.")
    return AsanaSync(token.value, context.cache_path, context.config, context.today, progress)


def sync_failure(error: BaseException) -> str | None:
    """What a failed sync means for the user and what to do next; None for errors nobody foresaw."""
    from podview.cache import CacheError
    from podview.sync.auth import TokenError
    from podview.sync.errors import AsanaError, AsanaUnreachable, AsanaURLError, AuthError
    from podview.sync.load import NoPodsError

    if isinstance(error, AuthError):
        return (
            f"Asana refused the token ({error}). Run `podview auth login` with a new personal "
            "access token, then press s. The cache is unchanged."
        )
    if isinstance(error, AsanaUnreachable):
        return f"Asana could not be reached ({error}). The cache is unchanged; check the network and press s to try again."
    if isinstance(error, (NoTokenError, NoPodsError, CacheError, AsanaURLError, TokenError)):
        return str(error)
    if isinstance(error, AsanaError):
        return f"{error} The cache is unchanged; press s to try again."
    return None


async def send_decisions(context: ViewContext, ids: list[str]) -> PushResult:
    """The default sender: `send_outbox` with the token; no token, the demo, or a busy outbox leave them pending.

    Offline needs no case of its own: the sender stops and says why in
    `PushResult.stopped`, and the decisions stay pending.
    """
    from podview.decisions.common import BusyError
    from podview.decisions.send import PushResult, send_outbox
    from podview.sync.auth import TokenError, resolve_token
    from podview.sync.errors import AsanaURLError

    if is_demo(context.cache_path):
        return PushResult(pending=list(ids), stopped=DEMO)
    try:
        token = resolve_token()
    except TokenError as error:
        return PushResult(pending=list(ids), stopped=str(error))
    if token is None:
        return PushResult(
            pending=list(ids), stopped=f"{NO_TOKEN}, then send it from the outbox (o)"
        )
    try:
        return await send_outbox(
            context.cache_path, context.config, token.value, ids=list(ids), mode="decide"
        )
    except (BusyError, AsanaURLError) as error:
        return PushResult(pending=list(ids), stopped=str(error))


def is_demo(cache_path: Path) -> bool:
    """Whether the cache holds the made-up demo agency (never synced from Asana)."""
    return is_demo_cache(cache_path)


@dataclass(frozen=True)
class OutboxCounts:
    """How many decisions wait in the outbox, by the states a user must know about."""

    pending: int = 0
    failed: int = 0
    conflict: int = 0

    @property
    def empty(self) -> bool:
        """Nothing waits and nothing needs the user."""
        return not (self.pending or self.failed or self.conflict)


def outbox_counts(conn: sqlite3.Connection) -> OutboxCounts:
    """Count the outbox's pending, failed and conflicting decisions (one indexed query)."""
    counts = dict(
        conn.execute(
            "SELECT state, count(*) FROM decisions WHERE state IN ('pending', 'failed', 'conflict') "
            "GROUP BY state"
        ).fetchall()
    )
    return OutboxCounts(
        counts.get("pending", 0), counts.get("failed", 0), counts.get("conflict", 0)
    )


def describe_send(result: PushResult, decisions: list[Any]) -> tuple[str, str, str]:
    """The notification after sending: title, message and severity, saying where each decision ended.

    `decisions` are the rows of the decisions sent, as the cache holds them now.
    """
    refused = [d for d in decisions if d.state in ("failed", "conflict")]
    waiting = [d for d in decisions if d.state == "pending"]
    if refused:
        first = refused[0]
        return (
            "Asana refused a decision",
            f"✖ {first.kind} {first.state}: {first.error}. "
            + "It is kept in the outbox: press o to retry or discard it.",
            "error",
        )
    if waiting and result.stopped == DEMO:
        return ("Saved in the outbox", f"… Kept as pending: {DEMO}.", "information")
    if waiting:
        why = result.stopped or waiting[0].error or "an older decision on the same item goes first"
        return (
            "Saved, not sent yet",
            f"… Pending in the outbox: {why}. Nothing is lost; press o to send it later.",
            "warning",
        )
    sent = len(decisions)
    noun = "decision" if sent == 1 else f"{sent} decisions"
    return ("Sent to Asana", f"✔ The {noun} reached Asana.", "information")
