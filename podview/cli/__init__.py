"""The `podview` command line (cli.md): the scriptable twin of the TUI.

`main` builds the parser from one module per command family (each module
holds its commands' options and handlers, so a command is found in one
step), sets the process up and runs the chosen handler. Only the standard
library is imported at module level, here and in every module the parser
needs; each handler imports what it uses when it runs, so `podview --help`
and `podview report` never pay for Textual, httpx or sqlite-utils.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from podview.cli import auth, decisions, doctor, launch, meetings, report, setup, sync
from podview.cli.common import EXIT_OK, EXIT_USAGE
from podview.cli.output import quiet_stdout

__all__ = ["build_parser", "main"]


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
    launch.add_app(parser)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    report.add_parser(commands, common)
    launch.add_demo(commands, common)
    sync.add_parser(commands, common)
    auth.add_parser(commands)
    doctor.add_parser(commands, common)
    setup.add_parser(commands, common)
    meetings.add_meeting(commands, common)
    decisions.add_parsers(commands, common)
    meetings.add_minutes(commands, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code of cli.md."""
    args = build_parser().parse_args(argv)
    from podview.files import private_umask

    private_umask()
    try:
        code = args.handler(args)
        sys.stdout.flush()  # here, so a reader that closed the pipe early ends quietly (below)
        return code
    except KeyboardInterrupt:
        print("podview: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        quiet_stdout()
        return EXIT_OK


def _version() -> str:
    from podview import __version__

    return __version__
