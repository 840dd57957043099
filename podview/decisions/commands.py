"""`podview meeting`, `decide`, `push`, `decisions` and `minutes` (cli.md).

Registered into the main parser by `add_commands`; every handler returns an
exit code (0 done, 1 usage or config error, 2 Asana unreachable or refusing,
3 partly done) and prints user errors as one line, never a traceback.
Imports happen inside handlers, so `podview --help` stays quick.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any

EXIT_OK, EXIT_USAGE, EXIT_ASANA, EXIT_PARTIAL = 0, 1, 2, 3
DECISION_KINDS = ("comment", "postpone", "action", "result", "status", "goal")
PROJECT_STATUSES = ("on_track", "at_risk", "off_track", "on_hold")
GOAL_STATUSES = ("on_track", "at_risk", "off_track", "achieved", "partial", "missed", "dropped")
EDITABLE = (
    ("--task", "GID", "the task (comment, postpone, result)"),
    ("--text", "TEXT", "the comment, or the status update's text (status, goal)"),
    ("--to", "DATE", "postpone: the new due date (2026-12-04, Dec 4, +1w …)"),
    ("--reason", "TEXT", "postpone: why"),
    ("--client", "GID|NAME", "action, status: the client"),
    ("--name", "TEXT", "action: the task name"),
    ("--assignee", "EMAIL|GID", "action: who does it (\"\" for nobody)"),
    ("--due", "DATE", "action: due date (2026-12-04, Dec 4, +3d …; \"\" for none)"),
    ("--notes", "TEXT", "action: notes"),
    ("--result", "win|loss|inconclusive", "result: the outcome"),
    ("--confidence", "N", "result: confidence 0–100 (\"\" for none)"),
    ("--status", "STATUS", "status, goal: the status type"),
    ("--title", "TEXT", "status, goal: the status update's title"),
    ("--goal", "GID", "goal: the goal"),
    ("--current", "NUMBER", "goal: the metric's current value"),
)


def add_commands(subparsers: Any, common: argparse.ArgumentParser) -> None:
    """Register `meeting`, `decide`, `push`, `decisions` and `minutes` on the main parser's subparsers."""
    _add_meeting(subparsers, common)
    _add_decide(subparsers, common)
    _add_push(subparsers, common)
    _add_decisions(subparsers, common)
    _add_minutes(subparsers, common)


# -- parsers ---------------------------------------------------------------------------------


def _add_meeting(subparsers: Any, common: argparse.ArgumentParser) -> None:
    meeting = subparsers.add_parser(
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
    start.set_defaults(handler=_guard(_run_meeting_start))
    end = actions.add_parser("end", parents=[common], help="end a meeting (default: the open one)")
    end.add_argument("id", nargs="?", metavar="ID", help="meeting id or a unique prefix of it")
    end.add_argument("--attendees", metavar="LIST", help="replace the attendees (comma-separated)")
    end.add_argument("--notes", metavar="TEXT", help="replace the notes")
    end.set_defaults(handler=_guard(_run_meeting_end))
    listing = actions.add_parser("list", parents=[common], help="list meetings, newest first")
    listing.add_argument("--format", choices=("table", "json"), help="default: table on a terminal, json otherwise")
    listing.set_defaults(handler=_guard(_run_meeting_list))


def _add_decide(subparsers: Any, common: argparse.ArgumentParser) -> None:
    decide = subparsers.add_parser(
        "decide", help="record a decision, then send it to Asana",
        description="Record a decision in the local outbox (checked against the cache first), print its id, "
        "then send it to Asana. Offline, it stays pending until `podview push`.",
    )
    kinds = decide.add_subparsers(dest="kind", metavar="KIND", required=True)
    shared = argparse.ArgumentParser(add_help=False)
    shared.add_argument("--meeting", metavar="ID", help="the meeting it belongs to (default: the open meeting, if any; `none` for no meeting)")
    shared.add_argument("--no-send", action="store_true", help="only record it; `podview push` sends it later")
    parents = [common, shared]

    comment = kinds.add_parser("comment", parents=parents, help="comment on a task")
    comment.add_argument("--task", required=True, metavar="GID")
    comment.add_argument("--text", required=True, metavar="TEXT")

    postpone = kinds.add_parser("postpone", parents=parents, help="postpone a weekly goal (sanctioned: keeps its original deadline)")
    postpone.add_argument("--task", required=True, metavar="GID", help="the weekly goal")
    postpone.add_argument("--to", required=True, metavar="DATE", help="the new due date, later than the current one: 2026-12-04, Dec 4, 4 Dec, December 4 2026, +3d or +1w (from --today)")
    postpone.add_argument("--reason", required=True, metavar="TEXT", help="why (written to the Postpone reason field)")

    action = kinds.add_parser("action", parents=parents, help="create an action item in a client project")
    action.add_argument("--client", required=True, metavar="GID|NAME")
    action.add_argument("--name", required=True, metavar="TEXT")
    action.add_argument("--assignee", metavar="EMAIL|GID", help="a pod member or workspace user")
    action.add_argument("--due", metavar="DATE", help="2026-12-04, Dec 4, 4 Dec, December 4 2026, +3d or +1w (from --today)")
    action.add_argument("--notes", metavar="TEXT")

    result = kinds.add_parser("result", parents=parents, help="record a tactic's result")
    result.add_argument("--task", required=True, metavar="GID", help="the tactic")
    result.add_argument("--result", required=True, choices=("win", "loss", "inconclusive"), type=str.lower)
    result.add_argument("--confidence", metavar="N", help="statistical confidence, 0–100")

    status = kinds.add_parser("status", parents=parents, help="post a client status update")
    status.add_argument("--client", required=True, metavar="GID|NAME")
    status.add_argument("--status", required=True, choices=PROJECT_STATUSES)
    status.add_argument("--title", required=True, metavar="TEXT")
    status.add_argument("--text", required=True, metavar="TEXT")

    goal = kinds.add_parser("goal", parents=parents, help="update a 90-day goal's current value and/or status")
    goal.add_argument("--goal", required=True, metavar="GID")
    goal.add_argument("--current", metavar="NUMBER", help="the metric's current value")
    goal.add_argument("--status", choices=GOAL_STATUSES, help="post a goal status update (needs --text)")
    goal.add_argument("--text", metavar="TEXT", help="the status update's text")
    goal.add_argument("--title", metavar="TEXT", help="the status update's title (optional)")
    for parser in (comment, postpone, action, result, status, goal):
        parser.set_defaults(handler=_guard(_run_decide))


def _add_push(subparsers: Any, common: argparse.ArgumentParser) -> None:
    push = subparsers.add_parser(
        "push", parents=[common], help="send every pending decision to Asana",
        description="Send every pending decision to Asana, batched. Safe to run again at any time: "
        "a decision whose earlier send got no answer is looked for in Asana before it is sent again. "
        "Exit 0 all sent, 3 some failed or conflict, 2 Asana unreachable or refusing.",
    )
    push.set_defaults(handler=_guard(_run_push))


def _add_decisions(subparsers: Any, common: argparse.ArgumentParser) -> None:
    decisions = subparsers.add_parser(
        "decisions", parents=[common], help="list decisions; retry, edit or discard one",
        description="List decisions with their state (pending, sent, failed, conflict, discarded) and error. "
        "`retry`, `edit` and `discard` deal with the ones that did not go out.",
    )
    decisions.add_argument("--pending", action="store_true", help="only the pending ones")
    decisions.add_argument("--meeting", metavar="ID", help="only this meeting's")
    decisions.add_argument("--format", choices=("table", "json"), help="default: table on a terminal, json otherwise")
    decisions.set_defaults(handler=_guard(_run_decisions))
    actions = decisions.add_subparsers(dest="decisions_command", metavar="ACTION")
    send = argparse.ArgumentParser(add_help=False)
    send.add_argument("--no-send", action="store_true", help="only make it pending; `podview push` sends it later")

    retry = actions.add_parser("retry", parents=[common, send], help="make failed or conflicting decisions pending again and send them")
    retry.add_argument("ids", nargs="+", metavar="ID")
    retry.set_defaults(handler=_guard(_run_retry))
    discard = actions.add_parser("discard", parents=[common], help="never send these decisions (they stay listed as discarded)")
    discard.add_argument("ids", nargs="+", metavar="ID")
    discard.set_defaults(handler=_guard(_run_discard))
    edit = actions.add_parser(
        "edit", parents=[common, send], help="change a decision that did not go out, then send it",
        description="Change any option of the decision's kind (the same options as `podview decide KIND`), "
        "check it again and send it. Give \"\" to clear an optional value.",
    )
    edit.add_argument("id", metavar="ID")
    for flag, metavar, text in EDITABLE:
        edit.add_argument(flag, metavar=metavar, help=text)
    edit.set_defaults(handler=_guard(_run_edit))


def _add_minutes(subparsers: Any, common: argparse.ArgumentParser) -> None:
    minutes = subparsers.add_parser(
        "minutes", parents=[common], help="write a meeting's minutes (Markdown)",
        description="Write a meeting's minutes: attendees, each client's figures on the meeting's day, "
        "and the decisions with their state and Asana links.",
    )
    minutes.add_argument("meeting", nargs="?", metavar="MEETING", help="meeting id or prefix (default: the latest meeting)")
    minutes.add_argument("--format", choices=("md", "json"), default="md", help="default: md")
    minutes.add_argument("--output", "-o", metavar="FILE", help="write to FILE instead of standard output")
    minutes.set_defaults(handler=_guard(_run_minutes))


# -- handlers ------------------------------------------------------------------------------------


def _run_meeting_start(args: argparse.Namespace) -> int:
    from podview.decisions.meetings import parse_attendees, start_meeting

    db = _open(args)
    meeting = start_meeting(db, args.kind, pod=args.pod, attendees=parse_attendees(args.attendees), notes=args.notes)
    print(meeting.id)
    return EXIT_OK


def _run_meeting_end(args: argparse.Namespace) -> int:
    from podview.decisions.meetings import end_meeting, parse_attendees

    db = _open(args)
    attendees = parse_attendees(args.attendees) if args.attendees is not None else None
    meeting = end_meeting(db, args.id, notes=args.notes, attendees=attendees)
    print(f"Ended {meeting.title} ({meeting.id}). `podview minutes {meeting.id[:10]}` writes its minutes.", file=sys.stderr)
    return EXIT_OK


def _run_meeting_list(args: argparse.Namespace) -> int:
    from podview.decisions.meetings import list_meetings

    config = _config()
    meetings = list_meetings(_open(args))
    rows = [
        {"id": m.id, "kind": m.kind, "pod": m.pod, "started_at": _local(m.started_at, config), "ended_at": _local(m.ended_at, config),
         "attendees": m.attendees}
        for m in meetings
    ]
    if _format(args) == "json":
        _emit_json(rows)
    else:
        _emit_table(
            ["ID", "KIND", "POD", "STARTED", "ENDED"],
            [[r["id"], r["kind"], r["pod"] or "", (r["started_at"] or "")[:16], (r["ended_at"] or "open")[:16]] for r in rows],
        )
    return EXIT_OK


def _run_decide(args: argparse.Namespace) -> int:
    from podview.dates import resolve_today
    from podview.decisions.outbox import record
    from podview.decisions.validate import INPUTS, validate

    config = _config()
    db = _open(args)
    inputs = {key: getattr(args, key, None) for key in INPUTS[args.kind]}
    meeting_id = _meeting_for(db, args.meeting)
    draft = validate(db, args.kind, inputs, today=resolve_today(args.today))
    decision = record(db, draft, meeting_id=meeting_id)
    db.conn.close()
    print(decision.id)
    if args.no_send:
        print("Recorded; `podview push` will send it.", file=sys.stderr)
        return EXIT_OK
    return _send_many(args, config, [decision.id])


def _run_push(args: argparse.Namespace) -> int:
    from podview.decisions.outbox import PENDING, list_decisions
    from podview.decisions.send import send_outbox

    config = _config()
    token = _token()
    if token is None:
        return EXIT_USAGE
    db = _open(args)
    waiting = len(list_decisions(db, states=(PENDING,)))
    db.conn.close()
    if not waiting:
        print("Nothing to send: no pending decisions.")
        return EXIT_OK
    result = _run_async(send_outbox(_cache_path(args), config, token, mode="push"))
    print(
        f"Sent {len(result.sent)} of {waiting} pending decisions; {len(result.failed)} failed, "
        f"{len(result.conflict)} in conflict, {len(result.pending)} still pending "
        f"({result.stats.batches} batch calls, {result.stats.lookups} look-ups)."
    )
    _explain(args, result)
    return result.exit_code


def _run_decisions(args: argparse.Namespace) -> int:
    from podview.decisions.meetings import get_meeting
    from podview.decisions.outbox import PENDING, list_decisions

    config = _config()
    db = _open(args)
    meeting_id = get_meeting(db, args.meeting).id if args.meeting else None
    decisions = list_decisions(db, states=(PENDING,) if args.pending else None, meeting_id=meeting_id)
    rows = [
        {"id": d.id, "kind": d.kind, "state": d.state, "error": d.error, "meeting": d.meeting_id, "target_gid": d.target_gid,
         "created_at": _local(d.created_at, config), "sent_at": _local(d.sent_at, config)}
        for d in decisions
    ]
    if _format(args) == "json":
        _emit_json(rows)
    else:
        _emit_table(
            ["ID", "KIND", "STATE", "TARGET", "CREATED", "ERROR"],
            [[r["id"], r["kind"], r["state"], r["target_gid"] or "", (r["created_at"] or "")[:16], _clip(r["error"])] for r in rows],
        )
    return EXIT_OK


def _run_retry(args: argparse.Namespace) -> int:
    from podview.decisions.outbox import retry

    config = _config()
    db = _open(args)
    ids = [retry(db, ref).id for ref in args.ids]
    db.conn.close()
    print("\n".join(ids))
    return EXIT_OK if args.no_send else _send_many(args, config, ids)


def _run_discard(args: argparse.Namespace) -> int:
    from podview.decisions.outbox import discard

    db = _open(args)
    for ref in args.ids:
        decision = discard(db, ref)
        done = f" (already in Asana: {', '.join(decision.progress.done)})" if decision.progress.done else ""
        print(f"Discarded {decision.id} ({decision.kind}){done}.", file=sys.stderr)
    return EXIT_OK


def _run_edit(args: argparse.Namespace) -> int:
    from podview.dates import resolve_today
    from podview.decisions.common import ValidationError
    from podview.decisions.outbox import edit, get_decision
    from podview.decisions.validate import INPUTS

    config = _config()
    db = _open(args)
    kind = get_decision(db, args.id).kind
    changes = {flag[2:]: getattr(args, flag[2:]) for flag, _, _ in EDITABLE if getattr(args, flag[2:]) is not None}
    wrong = [f"--{key}" for key in changes if key not in INPUTS[kind]]
    if wrong:
        allowed = ", ".join(f"--{key}" for key in INPUTS[kind])
        raise ValidationError(f"{', '.join(wrong)} does not apply to {kind} decisions; they take {allowed}")
    decision = edit(db, args.id, changes, today=resolve_today(args.today))
    db.conn.close()
    print(decision.id)
    return EXIT_OK if args.no_send else _send_many(args, config, [decision.id])


def _run_minutes(args: argparse.Namespace) -> int:
    from pathlib import Path

    from podview.cache import open_reader
    from podview.decisions.common import NotFoundError
    from podview.decisions.meetings import get_meeting, latest_meeting
    from podview.decisions.minutes import minutes_data, render_json, render_markdown
    from podview.files import write_private

    config = _config()
    conn = open_reader(_cache_path(args))
    try:
        meeting = get_meeting(conn, args.meeting) if args.meeting else latest_meeting(conn)
        if meeting is None:
            raise NotFoundError("no meetings yet; start one with `podview meeting start`")
        data = minutes_data(conn, meeting, config)
    finally:
        conn.close()
    text = render_json(data) if args.format == "json" else render_markdown(data)
    if args.output:
        write_private(Path(args.output).expanduser(), text)
        print(f"Wrote the minutes of {meeting.title} to {args.output}.", file=sys.stderr)
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return EXIT_OK


# -- sending from a command -------------------------------------------------------------------


def _send_many(args: argparse.Namespace, config: Any, ids: list[str]) -> int:
    """Send these decisions (and older ones on the same targets); report on these only.

    Exit 0 when they are sent or stay pending (offline, no token, another
    sender busy: `push` sends them later), 3 when Asana refused one.
    """
    from podview.cache import is_demo_cache
    from podview.decisions.common import BusyError
    from podview.decisions.outbox import CONFLICT, FAILED, PENDING, list_decisions
    from podview.decisions.send import send_outbox
    from podview.sync.auth import TokenError
    from podview.sync.errors import AsanaURLError

    if is_demo_cache(_cache_path(args)):
        print("Recorded in the demo's outbox: decisions made on the demo agency are never sent to Asana.", file=sys.stderr)
        return EXIT_OK
    try:
        token = _token(quiet=True)
    except TokenError as error:
        print(f"podview: recorded as pending, not sent: {error}", file=sys.stderr)
        return EXIT_USAGE
    if token is None:
        print("Recorded as pending: there is no Asana token. Run `podview auth login`, then `podview push`.", file=sys.stderr)
        return EXIT_OK
    try:
        result = _run_async(send_outbox(_cache_path(args), config, token, ids=ids, mode="decide"))
    except BusyError as error:
        print(f"Recorded as pending: {error}.", file=sys.stderr)
        return EXIT_OK
    except AsanaURLError as error:
        print(f"podview: recorded as pending, not sent: {error}", file=sys.stderr)
        return EXIT_USAGE
    db = _open(args)
    decisions = list_decisions(db, ids=ids)
    db.conn.close()
    refused = [d for d in decisions if d.state in (FAILED, CONFLICT)]
    waiting = [d for d in decisions if d.state == PENDING]
    for d in refused:
        print(f"podview: {d.kind} {d.id} {d.state}: {d.error}", file=sys.stderr)
    if refused:
        print("podview: fix it with `podview decisions edit ID …`, or `podview decisions retry ID` / `discard ID`.", file=sys.stderr)
        return EXIT_PARTIAL
    if waiting:
        why = result.stopped or waiting[0].error or "other decisions on the same target must go first"
        print(f"Recorded as pending, not sent yet ({why}). `podview push` will send it.", file=sys.stderr)
        return EXIT_OK
    print("Sent to Asana.", file=sys.stderr)
    return EXIT_OK


def _explain(args: argparse.Namespace, result: Any) -> None:
    """One line per decision that failed or is in conflict, and why sending stopped."""
    from podview.decisions.outbox import list_decisions

    trouble = result.failed + result.conflict
    if trouble:
        db = _open(args)
        for d in list_decisions(db, ids=trouble):
            print(f"podview: {d.kind} {d.id} {d.state}: {d.error}", file=sys.stderr)
        db.conn.close()
        print("podview: fix with `podview decisions edit ID …`, then it is sent again; or `podview decisions retry ID` / `discard ID`.", file=sys.stderr)
    if result.stopped:
        print(f"podview: sending stopped, the rest stays pending: {result.stopped}", file=sys.stderr)


# -- shared plumbing ---------------------------------------------------------------------------


def _guard(handler: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """Turn the errors a user can act on into a message on stderr (a line per problem) and exit 1."""

    def run(args: argparse.Namespace) -> int:
        from podview.cache import CacheError
        from podview.config import ConfigError
        from podview.dates import DateError
        from podview.decisions.common import DecisionError

        try:
            return handler(args)
        except (DecisionError, CacheError, ConfigError, DateError) as error:
            print(f"podview: {error}", file=sys.stderr)
            return EXIT_USAGE

    run.__doc__ = handler.__doc__
    return run


def _config() -> Any:
    from podview.config import load_config

    return load_config()


def _cache_path(args: argparse.Namespace) -> Any:
    from pathlib import Path

    from podview.cache import default_cache_path

    return Path(args.db).expanduser() if getattr(args, "db", None) else default_cache_path()


def _open(args: argparse.Namespace) -> Any:
    """The cache for writing; it must exist already (meetings and decisions need synced pods and tasks)."""
    from podview.cache import CacheError, open_cache

    path = _cache_path(args)
    if not path.exists():
        raise CacheError(f"{path}: no cache here yet. Run `podview sync` first (or `podview demo --no-ui` to try the demo).")
    return open_cache(path)


def _meeting_for(db: Any, ref: str | None) -> str | None:
    """`--meeting ID`, `none`, or (not given) the open meeting if there is one."""
    from podview.decisions.meetings import get_meeting, open_meeting

    if ref is None:
        current = open_meeting(db)
        return current.id if current else None
    if ref.strip().casefold() == "none":
        return None
    return get_meeting(db, ref).id


def _token(quiet: bool = False) -> str | None:
    from podview.sync.auth import resolve_token

    token = resolve_token()
    if token is None and not quiet:
        print("podview: No Asana token. Run `podview auth login`, or set ASANA_TOKEN.", file=sys.stderr)
    return token.value if token else None


def _run_async(awaitable: Any) -> Any:
    import asyncio

    return asyncio.run(awaitable)


def _format(args: argparse.Namespace) -> str:
    return args.format or ("table" if sys.stdout.isatty() else "json")


def _local(stamp: str | None, config: Any) -> str | None:
    from zoneinfo import ZoneInfo

    from podview.decisions.common import parse_stamp

    moment = parse_stamp(stamp)
    return moment.astimezone(ZoneInfo(config.timezone)).isoformat(timespec="seconds") if moment else None


def _clip(text: str | None, width: int = 60) -> str:
    flat = " ".join((text or "").split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def _emit_json(rows: list[dict]) -> None:
    import json

    print(json.dumps(rows, indent=2, ensure_ascii=False))


def _emit_table(header: list[str], rows: list[list[str]]) -> None:
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *rows)] if rows else [len(h) for h in header]
    for line in [header, *rows]:
        print("  ".join(str(cell).ljust(width) for cell, width in zip(line, widths)).rstrip())
