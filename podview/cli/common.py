"""What every command shares: exit codes, the error guard, and where the cache, config and today come from.

Only the standard library is imported here at module level: this module is
loaded for `podview --help`, which must stay quick. Everything a command needs
beyond that is imported when the command runs.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

EXIT_OK, EXIT_USAGE, EXIT_ASANA, EXIT_PARTIAL = 0, 1, 2, 3
"""cli.md's exit codes: done, usage or config error, Asana unreachable or refusing, partly done."""

NO_TOKEN = "No Asana token. Run `podview auth login`, or set ASANA_TOKEN."

Handler = Callable[[argparse.Namespace], int]


class UserError(Exception):
    """Something the user can fix: printed as one message, exit code 1."""


def command(handler: Handler) -> Handler:
    """`handler` with every error a user can act on turned into one line on stderr and exit 1.

    One place decides which errors are the user's to fix (a bad option, config,
    date, decision, token, or a cache SQLite cannot read), so no command shows
    a traceback for them and each says it in the same words. Anything else is a
    bug and propagates.
    """

    def run(args: argparse.Namespace) -> int:
        try:
            return handler(args)
        except Exception as error:
            message = user_message(args, error)
            if message is None:
                raise
            print(f"podview: {message}", file=sys.stderr)
            return EXIT_USAGE

    run.__doc__ = handler.__doc__
    run.__wrapped__ = handler  # type: ignore[attr-defined]
    return run


def user_message(args: argparse.Namespace, error: Exception) -> str | None:
    """The words for an error the user can act on; None for one that is a bug."""
    import sqlite3

    from podview.cache import CacheError
    from podview.config import ConfigError
    from podview.dates import DateError
    from podview.decisions.common import DecisionError
    from podview.sync.auth import TokenError

    if isinstance(error, (UserError, DecisionError, CacheError, ConfigError, DateError, TokenError)):
        return str(error)
    if isinstance(error, sqlite3.DatabaseError):
        return _cache_problem(args, error)
    return None


def _cache_problem(args: argparse.Namespace, error: Exception) -> str:
    """The words for a cache SQLite cannot read (damaged pages), or one another process holds locked."""
    path = demo_path(args) if getattr(args, "command", None) == "demo" else cache_path(args)
    if "locked" in str(error):
        return f"{path} is busy: another podview is writing to it ({error}). Try again in a moment."
    from podview.cache import damaged_message

    return damaged_message(path, error)


def config() -> Any:
    """The user's config (PODVIEW_CONFIG, else the default file); a wrong key is a ConfigError."""
    from podview.config import load_config

    return load_config()


def today(args: argparse.Namespace) -> Any:
    """`--today`, else PODVIEW_TODAY, else the real date."""
    from datetime import date

    return chosen_today(args) or date.today()


def chosen_today(args: argparse.Namespace) -> Any:
    """The day `--today` or PODVIEW_TODAY names, else None."""
    from podview.dates import DateError
    from podview.dates import chosen_today as named_day

    try:
        return named_day(getattr(args, "today", None))
    except DateError as error:
        raise UserError(f"--today / PODVIEW_TODAY: {error}") from None


def cache_path(args: argparse.Namespace) -> Path:
    """`--db`, else PODVIEW_DB, else podview.db in the user data dir."""
    from podview.cache import default_cache_path

    db = getattr(args, "db", None)
    return Path(db).expanduser() if db else default_cache_path()


def demo_path(args: argparse.Namespace) -> Path:
    """The demo's cache: `--db`, else PODVIEW_DB, else demo.db in the user data dir."""
    db = getattr(args, "db", None)
    if db:
        return Path(db).expanduser()
    if os.environ.get("PODVIEW_DB"):
        return Path(os.environ["PODVIEW_DB"]).expanduser()
    from podview.demo.build import default_demo_path

    return default_demo_path()


def open_writer(args: argparse.Namespace) -> Any:
    """The cache for writing; it must exist already (meetings and decisions need synced pods and tasks)."""
    from podview.cache import CacheError, open_cache

    path = cache_path(args)
    if not path.exists():
        raise CacheError(f"{path}: no cache here yet. Run `podview sync` first (or `podview demo --no-ui` to try the demo).")
    return open_cache(path)


def refuse_demo(args: argparse.Namespace, why: str) -> None:
    """Stop before any request when the cache holds the demo agency: there is no Asana behind it."""
    from podview.cache import is_demo_cache

    path = cache_path(args)
    if is_demo_cache(path):
        raise UserError(
            f"{path} holds the demo agency: {why}. For your own workspace, run `podview auth login`, "
            "then `podview sync` with PODVIEW_DB unset (or --db pointing at another file)."
        )


def run_async(awaitable: Any) -> Any:
    """Run one coroutine to the end on a fresh event loop."""
    import asyncio

    return asyncio.run(awaitable)
