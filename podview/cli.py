"""The `podview` command line (cli.md): the scriptable twin of the TUI.

Only the standard library is imported at module level, and each command
imports what it needs when it runs, so `podview --help` and `podview report`
never pay for Textual or httpx.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

EXIT_OK, EXIT_USAGE, EXIT_ASANA, EXIT_PARTIAL = 0, 1, 2, 3
FORMATS = ("table", "json", "csv", "md")
REPORT_KINDS = ("weekly", "tactics", "postponed", "pacing", "risk")


class UserError(Exception):
    """Something the user can fix: printed as one message, exit code 1."""


class Parser(argparse.ArgumentParser):
    """argparse that exits 1 on a usage error: cli.md keeps exit 2 for "Asana unreachable"."""

    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    """The whole command tree; every option documented in `--help`."""
    parser = Parser(
        prog="podview",
        description="Weekly goals, tactics, 90-day pacing and at-risk clients for an agency's pods, from Asana.",
        epilog=(
            "Run `podview demo` to try it on a built-in demo agency, with no account and no network. "
            "Every command, figure and config key is described in the docs/ folder of podview's source."
        ),
    )
    parser.add_argument("--version", action="version", version=f"podview {_version()}")
    # Given after the command name, --db and --today override the same options given before it;
    # not given there, they must not hide them (SUPPRESS leaves the top-level value in place).
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help="cache database (default: $PODVIEW_DB, else podview.db in the user data dir)")
    common.add_argument("--today", metavar="YYYY-MM-DD", default=argparse.SUPPRESS, help="count figures as of this date (default: $PODVIEW_TODAY, else today)")
    parser.add_argument("--db", metavar="PATH", help="cache the app opens (default: $PODVIEW_DB, else podview.db in the user data dir)")
    parser.add_argument("--today", metavar="YYYY-MM-DD", help="count figures as of this date (default: $PODVIEW_TODAY, else today)")
    parser.set_defaults(handler=_run_app)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    report = commands.add_parser(
        "report",
        parents=[common],
        help="print a report from the cache",
        description="Print a report from the local cache. Works offline.",
        epilog=_signal_glossary(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    report.add_argument("kind", choices=REPORT_KINDS, help="which report: %(choices)s")
    report.add_argument("--format", choices=FORMATS, help="output format (default: table on a terminal, json otherwise)")
    report.add_argument("--pod", metavar="NAME", help="only this pod (name or gid)")
    report.add_argument("--client", metavar="NAME", help="only this client (name or gid)")
    report.add_argument("--week", metavar="YYYY-Www", help="weekly: which ISO week, e.g. 2026-W47 (default: this week)")
    report.add_argument("--since", metavar="YYYY-MM-DD", help="tactics: tactics completed (or created) since this date (default: 90 days ago)")
    report.add_argument("--confidence", metavar="N", type=_percent, help="tactics: confidence threshold in percent (default: config tactics.confidence, 95)")
    report.set_defaults(handler=_run_report)

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
    demo.set_defaults(handler=_run_demo)

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
    sync.set_defaults(handler=_run_sync)

    auth = commands.add_parser("auth", help="log in to Asana with a personal access token", description="Manage the Asana token.")
    auth_commands = auth.add_subparsers(dest="auth_command", metavar="ACTION", required=True)
    login = auth_commands.add_parser("login", help="store a personal access token in the system keyring (asked without echo)")
    login.add_argument("--with-token", action="store_true", help="read the token from standard input (scripts, password managers)")
    login.set_defaults(handler=_run_auth, action="login")
    auth_commands.add_parser("logout", help="remove the stored token").set_defaults(handler=_run_auth, action="logout")
    auth_commands.add_parser("status", help="who the token belongs to, and where it comes from").set_defaults(handler=_run_auth, action="status")

    from podview.decisions.commands import add_commands

    add_commands(commands, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code of cli.md."""
    parser = build_parser()
    args = parser.parse_args(argv)
    from podview.files import private_umask

    private_umask()
    try:
        _refuse_demo(args)
        code = args.handler(args)
        sys.stdout.flush()  # here, so a reader that closed the pipe early ends quietly (below)
        return code
    except UserError as error:
        print(f"podview: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("podview: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        _quiet_stdout()
        return EXIT_OK
    except Exception as error:
        import sqlite3

        from podview.sync.auth import TokenError

        if isinstance(error, TokenError):
            print(f"podview: {error}", file=sys.stderr)
            return EXIT_USAGE
        if not isinstance(error, sqlite3.DatabaseError):
            raise
        print(f"podview: {_cache_problem(args, error)}", file=sys.stderr)
        return EXIT_USAGE


DEMO_REFUSALS = {
    "sync": "it was made up on this machine and has no Asana workspace to sync with",
    "push": "decisions recorded on the demo stay in its outbox and are never sent to Asana",
}


def _refuse_demo(args: argparse.Namespace) -> None:
    """`sync` and `push` on the demo cache stop before any request: the demo has no Asana behind it."""
    why = DEMO_REFUSALS.get(args.command)
    if why is None:
        return
    from podview.cache import is_demo_cache

    path = _cache_path(args)
    if is_demo_cache(path):
        raise UserError(
            f"{path} holds the demo agency: {why}. For your own workspace, run `podview auth login`, "
            "then `podview sync` with PODVIEW_DB unset (or --db pointing at another file)."
        )


def _cache_problem(args: argparse.Namespace, error: Exception) -> str:
    """The words for a cache SQLite cannot read (damaged pages), or one another process holds locked."""
    path = _demo_path(args, _default_demo) if args.command == "demo" else _cache_path(args)
    if "locked" in str(error):
        return f"{path} is busy: another podview is writing to it ({error}). Try again in a moment."
    from podview.cache import damaged_message

    return damaged_message(path, error)


def _default_demo():
    from podview.demo.build import default_demo_path

    return default_demo_path()


def _signal_glossary() -> str:
    """What each at-risk reason in `report risk` means, in the words every table and screen uses."""
    from podview.words import SIGNALS

    width = max(map(len, SIGNALS))
    lines = [f"  {signal:<{width}}  {words}" for signal, words in SIGNALS.items()]
    return "At-risk reasons (JSON and CSV give the id on the left):\n" + "\n".join(lines)


def _version() -> str:
    from podview import __version__

    return __version__


def _percent(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number; give a percentage such as 95") from None
    if not 0 <= value <= 100:
        raise argparse.ArgumentTypeError(f"{text} is outside 0–100; give a percentage such as 95")
    return value


def _config():
    from podview.config import ConfigError, load_config

    try:
        return load_config()
    except ConfigError as error:
        raise UserError(str(error)) from None


def _today(args: argparse.Namespace):
    from podview.dates import DateError, resolve_today

    try:
        return resolve_today(args.today)
    except DateError as error:
        raise UserError(f"--today / PODVIEW_TODAY: {error}") from None


def _cache_path(args: argparse.Namespace):
    from pathlib import Path

    from podview.cache import default_cache_path

    return Path(args.db).expanduser() if args.db else default_cache_path()


def _run_report(args: argparse.Namespace) -> int:
    from podview.cache import CacheError, open_reader
    from podview.dates import DateError, Week, parse_date
    from podview.figures.common import ScopeError
    from podview.report.build import ReportOptions, build_report
    from podview.report.render import render

    config = _config()
    try:
        options = ReportOptions(
            today=_today(args),
            week=Week.parse(args.week) if args.week else None,
            since=parse_date(args.since) if args.since else None,
            confidence=args.confidence,
            pod=args.pod,
            client=args.client,
        )
    except DateError as error:
        raise UserError(str(error)) from None
    try:
        conn = open_reader(_cache_path(args))
    except CacheError as error:
        raise UserError(str(error)) from None
    try:
        report = build_report(args.kind, conn, options, config)
    except ScopeError as error:
        raise UserError(str(error)) from None
    finally:
        conn.close()
    fmt = args.format or ("table" if sys.stdout.isatty() else "json")
    _print(render(report, fmt))
    return EXIT_OK


def _run_app(args: argparse.Namespace) -> int:
    """`podview` alone: the TUI on the local cache (offline is fine); without one, the welcome screen."""
    if not sys.stdout.isatty():
        raise UserError("the app needs a terminal; for scripts use `podview report KIND` (see `podview --help`)")
    from podview.tui import run

    return run(_cache_path(args), _config(), _today(args))


def _run_sync(args: argparse.Namespace) -> int:
    from podview.sync.commands import run_sync

    return run_sync(
        _cache_path(args), _config(), _today(args), full=args.full, audit=args.audit, wait=not args.no_wait
    )


def _run_auth(args: argparse.Namespace) -> int:
    from podview.sync import commands

    if args.action == "login":
        return commands.run_login(with_token=args.with_token)
    return {"logout": commands.run_logout, "status": commands.run_status}[args.action]()


def _run_demo(args: argparse.Namespace) -> int:
    from podview.cache import CacheError
    from podview.demo.build import DemoError, default_demo_path, prepare_demo_cache

    config = _config()
    today = _today(args)
    path = _demo_path(args, default_demo_path)
    try:
        demo = prepare_demo_cache(path, today=today, config=config, reset=args.reset)
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
        _print(_demo_overview(path, today, config))
        print(f"\nMore: podview report weekly|tactics|postponed|pacing|risk --db {_quote(path)}")
        return EXIT_OK
    from podview.tui import run

    return run(path, config, today)


def _demo_path(args: argparse.Namespace, default):
    from pathlib import Path

    if args.db:
        return Path(args.db).expanduser()
    if os.environ.get("PODVIEW_DB"):
        return Path(os.environ["PODVIEW_DB"]).expanduser()
    return default()


def _demo_overview(path, today, config) -> str:
    """What `podview demo` shows until the TUI lands: the risk ranking and this week's goals."""
    from podview.cache import open_reader
    from podview.report.build import ReportOptions, build_report
    from podview.report.render import render

    conn = open_reader(path)
    try:
        options = ReportOptions(today=today)
        parts = [render(build_report(kind, conn, options, config), "table") for kind in ("risk", "pacing")]
    finally:
        conn.close()
    return "\n\n".join(parts)


def _quote(path) -> str:
    import shlex

    return shlex.quote(str(path))


def _print(text: str) -> None:
    """Print, ending quietly when the reader (e.g. `head`) closes the pipe."""
    try:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        sys.stdout.flush()
    except BrokenPipeError:
        _quiet_stdout()


def _quiet_stdout() -> None:
    """The reader (e.g. `head`) closed the pipe: what is left to print goes nowhere, without a traceback."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
