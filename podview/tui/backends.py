"""The real sync and sender the app runs against Asana (tests hand the app fakes of the same shapes).

Plumbing only: what a job's outcome says to the user is worded in
`podview.tui.notices`, and the jobs that run these are in `podview.tui.jobs`.
No Textual here. The app's thread workers call these on an event loop of
their own, so neither the HTTP calls nor the SQLite writes that follow them
ever hold up the screen; tests hand the app fakes of the same shapes
(`make_app(context, sync=…, outbox=…)`).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from podview.cache import is_demo_cache
from podview.config import Config
from podview.tui.notices import DEMO, NO_TOKEN, NoTokenError

if TYPE_CHECKING:
    from podview.decisions.send import PushResult
    from podview.screens.context import ViewContext
    from podview.sync.engine import SyncProgress, SyncResult


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


async def send_decisions(context: ViewContext, ids: list[str]) -> PushResult:
    """The default sender: `send_outbox` with the token; no token, the demo, or a busy outbox leave them pending.

    Offline needs no case of its own: the sender stops and says why in
    `PushResult.stopped`, and the decisions stay pending.
    """
    from podview.decisions.common import BusyError
    from podview.decisions.send import PushResult, send_outbox
    from podview.sync.auth import TokenError, resolve_token
    from podview.sync.errors import AsanaURLError

    if is_demo_cache(context.cache_path):
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
            context.cache_path,
            context.config,
            token.value,
            ids=list(ids),
            mode="decide",
            today=context.today,
        )
    except (BusyError, AsanaURLError) as error:
        return PushResult(pending=list(ids), stopped=str(error))
