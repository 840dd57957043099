"""`podview meeting start | end | list` and `podview minutes`: meetings, and what was decided in them.

Meetings group decisions; only one is open at a time. The rules live in
decisions/meetings.py and decisions/minutes.py; this module reads the
options and prints ids, tables and minutes.
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from typing import Any

from podview.cli.common import (
    EXIT_OK,
    cache_path,
    chosen_today,
    command,
    config,
    open_writer,
    today,
)
from podview.cli.output import default_format, emit, emit_json, emit_table, to_json


def add_meeting(commands: Any, common: argparse.ArgumentParser) -> None:
    """Register `podview meeting` and its three actions."""
    meeting = commands.add_parser(
        "meeting", help="start, end and list meetings",
        description="Meetings group the decisions made in them. Only one meeting is open at a time; "
        "decisions recorded while it is open belong to it.",
    )
    actions = meeting.add_subparsers(dest="meeting_command", metavar="ACTION", required=True)
    start = actions.add_parser("start", parents=[common], help="open a meeting and print its id")
    start.add_argument("--kind", required=True, choices=("pod-standup", "growth-review"), help="a pod's standup, or the review of every client")
    start.add_argument("--pod", metavar="NAME", help="pod-standup: the pod (name or gid)")
    start.add_argument("--attendees", metavar="LIST", help="comma-separated names or emails")
    start.add_argument("--notes", metavar="TEXT", help="free notes, shown in the minutes")
    start.set_defaults(handler=command(run_start))
    end = actions.add_parser("end", parents=[common], help="end a meeting (default: the open one)")
    end.add_argument("id", nargs="?", metavar="ID", help="meeting id or a unique prefix of it")
    end.add_argument("--attendees", metavar="LIST", help="replace the attendees (comma-separated)")
    end.add_argument("--notes", metavar="TEXT", help="replace the notes")
    end.set_defaults(handler=command(run_end))
    listing = actions.add_parser("list", parents=[common], help="list meetings, newest first")
    listing.add_argument("--format", choices=("table", "json"), help="default: table on a terminal, json otherwise")
    listing.set_defaults(handler=command(run_list))


def add_minutes(commands: Any, common: argparse.ArgumentParser) -> None:
    """Register `podview minutes`."""
    minutes = commands.add_parser(
        "minutes", parents=[common], help="write a meeting's minutes (Markdown)",
        description="Write a meeting's minutes: attendees, each client's figures on the meeting's day, "
        "and the decisions with their state and Asana links.",
    )
    minutes.add_argument("meeting", nargs="?", metavar="MEETING", help="meeting id or prefix (default: the latest meeting)")
    minutes.add_argument("--format", choices=("md", "json"), default="md", help="default: md")
    minutes.add_argument("--output", "-o", metavar="FILE", help="write to FILE instead of standard output; to a folder: as `2026-12-07 Pod Atlas stand-up.md` in it")
    minutes.set_defaults(handler=command(run_minutes))


def run_start(args: argparse.Namespace) -> int:
    """Open a meeting and print its id (scripts keep it for `--meeting`)."""
    from podview.decisions.meetings import parse_attendees, start_meeting

    db = open_writer(args)
    meeting = start_meeting(db, args.kind, pod=args.pod, attendees=parse_attendees(args.attendees), notes=args.notes)
    print(meeting.id)
    return EXIT_OK


def run_end(args: argparse.Namespace) -> int:
    """End a meeting (the open one by default) and say how to write its minutes."""
    from podview.decisions.meetings import end_meeting, parse_attendees

    db = open_writer(args)
    attendees = parse_attendees(args.attendees) if args.attendees is not None else None
    meeting = end_meeting(db, args.id, notes=args.notes, attendees=attendees)
    print(f"Ended {meeting.title} ({meeting.id}). `podview minutes {meeting.id[:10]}` writes its minutes.", file=sys.stderr)
    return EXIT_OK


def run_list(args: argparse.Namespace) -> int:
    """Every meeting, newest first; times in the config's time zone."""
    from podview.decisions.meetings import list_meetings
    from podview.report.sections import Column, key

    settings = config()
    rows = [
        {"id": m.id, "kind": m.kind, "pod": m.pod, "started_at": local_time(m.started_at, settings),
         "ended_at": local_time(m.ended_at, settings), "attendees": m.attendees}
        for m in list_meetings(open_writer(args))
    ]
    if default_format(args) == "json":
        emit_json(rows)
        return EXIT_OK
    emit_table(
        [
            Column("ID", key("id")),
            Column("KIND", key("kind")),
            Column("POD", key("pod"), flexible=True),
            Column("STARTED", lambda row: minute(row["started_at"])),
            Column("ENDED", lambda row: minute(row["ended_at"]) or "open"),
        ],
        rows,
        today(args),
    )
    return EXIT_OK


def run_minutes(args: argparse.Namespace) -> int:
    """A meeting's minutes (the latest by default) on standard output or into a private file."""
    from pathlib import Path

    from podview.cache import open_reader
    from podview.decisions.common import NotFoundError
    from podview.decisions.meetings import get_meeting, latest_meeting
    from podview.decisions.minutes import minutes_data, minutes_file_name, render_markdown
    from podview.files import write_new_private, write_private

    settings = config()
    conn = open_reader(cache_path(args))
    try:
        meeting = get_meeting(conn, args.meeting) if args.meeting else latest_meeting(conn)
        if meeting is None:
            raise NotFoundError("no meetings yet; start one with `podview meeting start`")
        data = minutes_data(conn, meeting, settings, as_of=chosen_today(args))
    finally:
        conn.close()
    text = to_json(data) if args.format == "json" else render_markdown(data)
    if not args.output:
        emit(text)
        return EXIT_OK
    target = Path(args.output).expanduser()
    if target.is_dir():  # a folder: the readable name, never over an earlier file
        stem = minutes_file_name(meeting, settings).removesuffix(".md")
        target = write_new_private(target, stem, f".{args.format}", text)
    else:
        write_private(target, text)
    print(f"Wrote the minutes of {meeting.title} to {target}.", file=sys.stderr)
    return EXIT_OK


def local_time(stamp: str | None, settings: Any) -> str | None:
    """A stored UTC timestamp in the config's time zone, ISO 8601 with its offset (cli.md)."""
    from zoneinfo import ZoneInfo

    from podview.decisions.common import parse_stamp

    moment = parse_stamp(stamp)
    return moment.astimezone(ZoneInfo(settings.timezone)).isoformat(timespec="seconds") if moment else None


def minute(stamp: str | None) -> datetime | None:
    """A local ISO timestamp as a datetime, which a table writes to the minute: `Wed 25 Nov 09:30`."""
    return datetime.fromisoformat(stamp) if stamp else None
