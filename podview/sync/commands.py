"""`podview sync` and `podview auth …`: the engine and the token behind plain terminal output.

Exit codes follow cli.md: 0 done, 1 usage or config, 2 Asana unreachable or
refused (nothing changed), 3 partly done.
"""

from __future__ import annotations

import asyncio
import getpass
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TextIO

from podview.config import Config
from podview.sync.auth import (
    Token,
    TokenError,
    forget_token,
    keyring_name,
    resolve_token,
    store_token,
)
from podview.sync.client import AsanaClient
from podview.sync.engine import DemoCacheError, SyncEngine, SyncProgress, SyncResult, WorkspaceError
from podview.sync.errors import AsanaError, AsanaUnreachable, AsanaURLError, AuthError
from podview.sync.load import NoPodsError
from podview.sync.lock import SyncBusyError
from podview.sync.url import base_url

EXIT_OK, EXIT_USAGE, EXIT_ASANA, EXIT_PARTIAL = 0, 1, 2, 3
NO_TOKEN = "No Asana token. Run `podview auth login`, or set ASANA_TOKEN."


def run_sync(cache_path: Path, config: Config, today: date, *, full: bool, audit: bool, wait: bool = True, err: TextIO | None = None, out: TextIO | None = None) -> int:
    """Sync and print a progress bar (on a terminal) or one summary line.

    Another sync on the same cache is waited for, with a line saying so; with
    `wait=False` it is exit 1 instead.
    """
    err, out = err or sys.stderr, out or sys.stdout
    if _refused_url(err):
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
        result = asyncio.run(_sync(token, cache_path, config, today, full, audit, wait, progress))
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


async def _sync(
    token: Token, cache_path: Path, config: Config, today: date, full: bool, audit: bool, wait: bool, progress: Callable[[SyncProgress], None]
) -> SyncResult:
    async with AsanaClient(token.value) as client:
        engine = SyncEngine(client, cache_path, config, today=today, progress=progress)
        return await engine.run(full=full, audit=audit, wait=wait)


def summary(result: SyncResult, seconds: float) -> str:
    """One line: what was synced, how much it cost."""
    parts = [
        f"Synced {result.projects} client projects in {result.pods} pods ({result.mode})",
        f"{result.tasks_written:,} tasks written, {result.tasks_deleted:,} removed",
        f"{result.requests:,} requests in {seconds:.1f} s",
    ]
    if result.waited:
        parts.append(f"{result.waited:.0f} s waiting on Asana's rate limit")
    if result.resumed:
        parts.append(f"resumed {result.resumed} projects read by an interrupted sync")
    if result.skipped:
        parts.append(f"{len(result.skipped)} projects skipped")
    return "; ".join(parts) + "."


class ProgressLine:
    """A one-line progress bar redrawn in place on a terminal."""

    WIDTH = 24

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self._last = 0.0

    def update(self, progress: SyncProgress) -> None:
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


# -- auth ------------------------------------------------------------------


def run_login(
    err: TextIO | None = None, out: TextIO | None = None, ask=getpass.getpass, *, with_token: bool = False, stdin: TextIO | None = None
) -> int:
    """Check a personal access token with GET /users/me, then keep it in the keyring.

    The token is asked for without echo, or with `with_token` read from
    standard input, all of it (as `gh auth login --with-token` does): no
    prompt, nothing printed but the outcome, for scripts and password managers.
    """
    err, out = err or sys.stderr, out or sys.stdout
    if _refused_url(err):
        return EXIT_USAGE
    if with_token:
        token = _token_from(stdin or sys.stdin, err)
        if not token:
            print("podview: no token on standard input; nothing stored. Pipe it in: podview auth login --with-token < token.txt", file=err)
            return EXIT_USAGE
    else:
        print("Create a personal access token in Asana: My settings → Apps → Developer apps.", file=out)
        try:
            token = ask("Asana personal access token: ").strip()
        except (EOFError, KeyboardInterrupt):
            print("\npodview: login cancelled; nothing stored.", file=err)
            return EXIT_USAGE
        if not token:
            print("podview: no token given; nothing stored.", file=err)
            return EXIT_USAGE
    if not (token.isascii() and token.isprintable()) or any(c.isspace() for c in token):
        print("podview: that is not one token (it has spaces, several lines or unusual characters); nothing stored.", file=err)
        return EXIT_USAGE
    try:
        me = asyncio.run(_whoami(token))
    except AsanaError as error:
        print(f"podview: the token was not stored: {error}", file=err)
        return EXIT_ASANA
    try:
        where = store_token(token)
    except TokenError as error:
        print(f"podview: {error}", file=err)
        return EXIT_USAGE
    print(f"Logged in as {_who(me)}; the token is kept in {where}.", file=out)
    return EXIT_OK


def _token_from(stdin: TextIO | None, err: TextIO) -> str:
    """All of standard input, stripped ("" when there is none)."""
    if stdin is None:
        return ""
    if stdin.isatty():
        print("podview: reading the token from standard input; paste it, then press Ctrl-D.", file=err)
    return stdin.read().strip()


def run_logout(err: TextIO | None = None, out: TextIO | None = None) -> int:
    """Remove the stored token."""
    err, out = err or sys.stderr, out or sys.stdout
    try:
        removed = forget_token()
        where = keyring_name()
    except TokenError as error:
        print(f"podview: {error}", file=err)
        return EXIT_USAGE
    print(f"Logged out: the token was removed from {where}." if removed else f"No token was stored in {where}.", file=out)
    return EXIT_OK


def run_status(err: TextIO | None = None, out: TextIO | None = None) -> int:
    """Who the token belongs to, their workspaces, and where the token comes from."""
    err, out = err or sys.stderr, out or sys.stdout
    if _refused_url(err):
        return EXIT_USAGE
    token = resolve_token()
    if token is None:
        print(f"Not logged in. {NO_TOKEN}", file=out)
        return EXIT_USAGE
    try:
        me = asyncio.run(_whoami(token.value))
    except AsanaError as error:
        print(f"podview: the token from {token.source} does not work: {error}", file=err)
        return EXIT_ASANA
    spaces = ", ".join(w.get("name") or w["gid"] for w in me.get("workspaces") or []) or "none"
    print(f"Logged in as {_who(me)}\nWorkspaces: {spaces}\nToken from: {token.source}", file=out)
    return EXIT_OK


def _refused_url(err: TextIO) -> bool:
    """Say so when PODVIEW_ASANA_URL would carry the token in clear (checked before a token is asked for or sent)."""
    try:
        base_url()
    except AsanaURLError as error:
        print(f"podview: {error}", file=err)
        return True
    return False


async def _whoami(token: str) -> dict:
    async with AsanaClient(token, max_retries=2) as client:
        return await client.get("/users/me", fields=("name", "email", "workspaces.name")) or {}


def _who(me: dict) -> str:
    email = f" <{me['email']}>" if me.get("email") else ""
    return f"{me.get('name') or 'unknown user'}{email}"
