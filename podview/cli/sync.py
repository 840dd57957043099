"""`podview sync`: the sync engine behind a progress bar on a terminal, or one summary line otherwise.

Exit codes follow cli.md: 0 done, 1 usage or config, 2 Asana unreachable or
refused (nothing changed), 3 partly done (some projects could not be read).
The engine, the client and httpx are imported only when a sync runs.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from podview.cli.auth import refused_url
from podview.cli.common import (
    EXIT_ASANA,
    EXIT_OK,
    EXIT_PARTIAL,
    EXIT_USAGE,
    NO_TOKEN,
    cache_path,
    command,
    config,
    refuse_demo,
    today,
)

if TYPE_CHECKING:
    from podview.sync.engine import SyncProgress


def add_parser(commands: Any, common: argparse.ArgumentParser) -> None:
    """Register `podview sync`."""
    sync = commands.add_parser(
        "sync",
        parents=[common],
        help="pull pods, clients, tasks and goals from Asana into the cache",
        description=(
            "Pull from Asana into the local cache: incremental once a cache exists, "
            "everything with --full. The cache only changes when the whole sync succeeds."
        ),
    )
    sync.add_argument("--full", action="store_true", help="re-read everything instead of only what changed")
    sync.add_argument("--audit", action="store_true", help="also read weekly goals' due-date history (catches silent deadline moves)")
    sync.add_argument("--no-wait", action="store_true", help="when another sync of this cache is running, say so and stop (exit 1) instead of waiting for it")
    sync.set_defaults(handler=command(run))


def run(args: argparse.Namespace) -> int:
    """The `sync` command: refused on the demo's cache before any request, else `run_sync`."""
    refuse_demo(args, "it was made up on this machine and has no Asana workspace to sync with")
    return run_sync(cache_path(args), config(), today(args), full=args.full, audit=args.audit, wait=not args.no_wait)


def run_sync(cache_path: Path, config: Any, today: date, *, full: bool, audit: bool, wait: bool = True, err: TextIO | None = None, out: TextIO | None = None) -> int:
    """Sync and print a progress bar (on a terminal) or one summary line.

    Another sync on the same cache is waited for, with a line saying so; with
    `wait=False` it is exit 1 instead.
    """
    from podview.sync.auth import resolve_token
    from podview.sync.engine import DemoCacheError, WorkspaceError
    from podview.sync.errors import AsanaError, AsanaUnreachable, AuthError
    from podview.sync.load import NoPodsError
    from podview.sync.lock import SyncBusyError
    from podview.sync.summary import summary

    err, out = err or sys.stderr, out or sys.stdout
    if refused_url(err):
        return EXIT_USAGE
    token = resolve_token()
    if token is None:
        print(f"podview: {NO_TOKEN}", file=err)
        return EXIT_USAGE
    bar = ProgressLine(err) if err.isatty() else None
    started = time.monotonic()

    def progress(state: SyncProgress) -> None:
        if state.stage == "waiting":
            print(f"podview: another sync is running on {cache_path}; waiting for it to finish…", file=err, flush=True)
        elif bar:
            bar.update(state)

    try:
        result = _sync(token.value, cache_path, config, today, full, audit, wait, progress)
    except SyncBusyError:
        print(f"podview: another sync is running on {cache_path}; try again when it has finished (or leave out --no-wait to wait for it).", file=err)
        return EXIT_USAGE
    except (WorkspaceError, NoPodsError, DemoCacheError) as error:
        _clear(bar)
        print(f"podview: {error}", file=err)
        return EXIT_USAGE
    except (AuthError, AsanaUnreachable, AsanaError) as error:
        _clear(bar)
        print(f"podview: sync stopped, the cache is unchanged: {error}", file=err)
        return EXIT_ASANA
    _clear(bar)
    print(summary(result, time.monotonic() - started), file=out)
    for skipped in result.skipped:
        print(f"podview: skipped {skipped}", file=err)
    return EXIT_PARTIAL if result.partial else EXIT_OK


def _sync(token: str, cache_path: Path, config: Any, today: date, full: bool, audit: bool, wait: bool, progress: Any) -> Any:
    """One sync on a fresh event loop, the client closed when it ends however it ends."""
    import asyncio

    from podview.sync.client import AsanaClient
    from podview.sync.engine import SyncEngine

    async def go() -> Any:
        async with AsanaClient(token) as client:
            engine = SyncEngine(client, cache_path, config, today=today, progress=progress)
            return await engine.run(full=full, audit=audit, wait=wait)

    return asyncio.run(go())


class ProgressLine:
    """A one-line progress bar redrawn in place on a terminal."""

    WIDTH = 24

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self._last = 0.0

    def update(self, progress: SyncProgress) -> None:
        """Redraw the line, at most ten times a second except for the last stages."""
        now = time.monotonic()
        if progress.stage not in ("done", "writing") and now - self._last < 0.1:
            return
        self._last = now
        total = max(progress.projects_total, 1)
        filled = round(self.WIDTH * progress.projects_done / total)
        bar = "█" * filled + "░" * (self.WIDTH - filled)
        waited = f" · waited {progress.waited:.0f}s for rate limit" if progress.waited >= 1 else ""
        line = (
            f"{progress.stage:<9} ▕{bar}▏ {progress.projects_done}/{progress.projects_total} projects"
            f" · {progress.tasks:,} tasks · {progress.requests:,} requests{waited}"
        )
        self.stream.write("\r" + line[:119].ljust(119))
        self.stream.flush()


def _clear(bar: ProgressLine | None) -> None:
    if bar:
        bar.stream.write("\r" + " " * 119 + "\r")
        bar.stream.flush()
