"""`podview report KIND`: a report from the cache, offline, as a table, JSON, CSV or Markdown.

The report path is the one scripts run most, so it reads the cache through
plain sqlite3 and never imports sqlite-utils, httpx or Textual.
"""

from __future__ import annotations

import argparse
from typing import Any

from podview.cli.common import EXIT_OK, UserError, cache_path, command, config, today
from podview.cli.output import default_format, emit_report

FORMATS = ("table", "json", "csv", "md")
KINDS = ("weekly", "tactics", "postponed", "pacing", "risk", "people")


def add_parser(commands: Any, common: argparse.ArgumentParser) -> None:
    """Register `podview report`; its help ends with what each at-risk reason means."""
    report = commands.add_parser(
        "report",
        parents=[common],
        help="print a report from the cache",
        description="Print a report from the local cache. Works offline.",
        epilog=_signal_glossary(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    report.add_argument("kind", choices=KINDS, help="which report: %(choices)s")
    report.add_argument("--format", choices=FORMATS, help="output format (default: table on a terminal, json otherwise)")
    report.add_argument("--pod", metavar="NAME", help="only this pod (name or gid)")
    report.add_argument("--client", metavar="NAME", help="only this client (name or gid)")
    report.add_argument("--week", metavar="YYYY-Www", help="weekly: which ISO week, e.g. 2026-W47 (default: this week)")
    report.add_argument("--since", metavar="YYYY-MM-DD", help="tactics, people: tactics completed (or created) since this date (default: 90 days ago)")
    report.add_argument("--confidence", metavar="N", type=_percent, help="tactics, people: confidence threshold in percent (default: config tactics.confidence, 95)")
    report.add_argument("--weeks", metavar="N", type=_weeks, help="people: how many ended weeks, 1–16 (default: 4)")
    report.set_defaults(handler=command(run))


def run(args: argparse.Namespace) -> int:
    """Build the report from the cache and print it in the chosen format."""
    from podview.cache import open_reader
    from podview.dates import Week, parse_date
    from podview.figures.common import ScopeError
    from podview.report.build import ReportOptions, build_report, text_notes

    settings = config()
    options = ReportOptions(
        today=today(args),
        week=Week.parse(args.week) if args.week else None,
        since=parse_date(args.since) if args.since else None,
        confidence=args.confidence,
        pod=args.pod,
        client=args.client,
        weeks=args.weeks,
    )
    conn = open_reader(cache_path(args))
    try:
        report = build_report(args.kind, conn, options, settings)
    except ScopeError as error:
        raise UserError(str(error)) from None
    finally:
        conn.close()
    emit_report(report, default_format(args), text_notes(args.kind, settings))
    return EXIT_OK


def _signal_glossary() -> str:
    """What each at-risk reason in `report risk` means, in the words every table and screen uses."""
    from podview.words import SIGNALS

    width = max(map(len, SIGNALS))
    lines = [f"  {signal:<{width}}  {words}" for signal, words in SIGNALS.items()]
    return "At-risk reasons (JSON and CSV give the id on the left):\n" + "\n".join(lines)


def _weeks(text: str) -> int:
    """A `--weeks` count, 1–16, or a usage error saying what to give."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number; give a number of weeks from 1 to 16") from None
    if not 1 <= value <= 16:
        raise argparse.ArgumentTypeError(f"{text} is outside 1–16; give a number of weeks from 1 to 16")
    return value


def _percent(text: str) -> float:
    """A `--confidence` percentage, 0–100, or a usage error saying what to give."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number; give a percentage such as 95") from None
    if not 0 <= value <= 100:
        raise argparse.ArgumentTypeError(f"{text} is outside 0–100; give a percentage such as 95")
    return value
