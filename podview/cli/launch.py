"""`podview` alone and `podview demo`: the two commands that open the TUI.

Without a terminal the app cannot run, so `podview` says what to use in a
script instead, and `podview demo` prints the demo's ranking and pacing so a
pipe still shows something worth reading.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from podview.cli.common import EXIT_OK, UserError, cache_path, command, config, demo_path, today
from podview.cli.output import emit, emit_report


def add_app(parser: argparse.ArgumentParser) -> None:
    """`podview` with no command opens the app."""
    parser.set_defaults(handler=command(run_app))


def add_demo(commands: Any, common: argparse.ArgumentParser) -> None:
    """Register `podview demo`."""
    demo = commands.add_parser(
        "demo",
        parents=[common],
        help="build the demo agency and show it",
        description=(
            "Build the built-in demo agency (4 pods, 16 clients, 16 weeks of history, dated around today) "
            "into its own cache: $PODVIEW_DB when set, else demo.db in the user data dir. No account, no network."
        ),
    )
    demo.add_argument("--no-ui", action="store_true", help="only (re)build the demo cache and print its path")
    demo.add_argument("--reset", action="store_true", help="build the demo afresh, dropping the decisions and meetings recorded on it")
    demo.set_defaults(handler=command(run_demo))


def run_app(args: argparse.Namespace) -> int:
    """`podview` alone: the TUI on the local cache (offline is fine); without one, the welcome screen."""
    if not sys.stdout.isatty():
        raise UserError("the app needs a terminal; for scripts use `podview report KIND` (see `podview --help`)")
    from podview.tui import run

    return run(cache_path(args), config(), today(args))


def run_demo(args: argparse.Namespace) -> int:
    """Build (or reuse) the demo cache, then open the app on it, print its path, or print an overview."""
    from podview.cache import CacheError
    from podview.demo.build import DemoError, prepare_demo_cache

    settings = config()
    day = today(args)
    path = demo_path(args)
    try:
        demo = prepare_demo_cache(path, today=day, config=settings, reset=args.reset)
    except (CacheError, DemoError) as error:
        raise UserError(str(error)) from None
    if demo.note():
        print(f"podview: {demo.note()}", file=sys.stderr)
    if args.no_ui:
        print(path)
        return EXIT_OK
    if not sys.stdout.isatty():
        if demo.summary:
            summary = demo.summary
            print(f"Built the demo agency: {summary.pods} pods, {summary.clients} clients, {summary.tasks} tasks, {summary.goals} goals.")
        print(f"Cache: {path}\n")
        _overview(path, day, settings)
        print(f"\nMore: podview report weekly|tactics|postponed|pacing|risk --db {_quote(path)}")
        return EXIT_OK
    from podview.tui import run

    return run(path, settings, day)


def _overview(path: Any, day: Any, settings: Any) -> None:
    """What `podview demo` prints in a pipe: the risk ranking and the goals' pacing, as tables."""
    from podview.cache import open_reader
    from podview.report.build import ReportOptions, build_report, text_notes

    conn = open_reader(path)
    try:
        options = ReportOptions(today=day)
        risk, pacing = (build_report(kind, conn, options, settings) for kind in ("risk", "pacing"))
    finally:
        conn.close()
    emit_report(risk, "table", text_notes("risk", settings))
    emit("")
    emit_report(pacing, "table")


def _quote(path: Any) -> str:
    import shlex

    return shlex.quote(str(path))
