"""`podview decide KIND`, `podview push` and `podview decisions [retry | discard | edit]`.

A decision is recorded in the local outbox first (checked against the cache),
its id printed, and only then sent, so nothing decided is lost offline. The
rules live in decisions/validate.py, outbox.py and send.py; this module reads
options and says what happened (sending.py: what a send's outcome means).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from podview.cli.common import EXIT_OK, command, config, open_writer, today
from podview.cli.meetings import local_time, minute
from podview.cli.output import default_format, emit_json, emit_table
from podview.cli.sending import push, send_recorded

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
"""`decisions edit`'s options: every kind's, since which apply depends on the decision being edited."""


def add_parsers(commands: Any, common: argparse.ArgumentParser) -> None:
    """Register `decide`, `push` and `decisions`."""
    _add_decide(commands, common)
    pusher = commands.add_parser(
        "push", parents=[common], help="send every pending decision to Asana",
        description="Send every pending decision to Asana, batched. Safe to run again at any time: "
        "a decision whose earlier send got no answer is looked for in Asana before it is sent again. "
        "Exit 0 all sent, 3 some failed or conflict, 2 Asana unreachable or refusing.",
    )
    pusher.set_defaults(handler=command(push))
    _add_decisions(commands, common)


def _add_decide(commands: Any, common: argparse.ArgumentParser) -> None:
    decide = commands.add_parser(
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

    postpone = kinds.add_parser("postpone", parents=parents, help="postpone a weekly goal (sanctioned: keeps its original deadline) or an open action item")
    postpone.add_argument("--task", required=True, metavar="GID", help="the weekly goal or action item")
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
        parser.set_defaults(handler=command(run_decide))


def _add_decisions(commands: Any, common: argparse.ArgumentParser) -> None:
    decisions = commands.add_parser(
        "decisions", parents=[common], help="list decisions; retry, edit or discard one",
        description="List decisions with their state (pending, sent, failed, conflict, discarded) and error. "
        "`retry`, `edit` and `discard` deal with the ones that did not go out.",
    )
    decisions.add_argument("--pending", action="store_true", help="only the pending ones")
    decisions.add_argument("--meeting", metavar="ID", help="only this meeting's")
    decisions.add_argument("--format", choices=("table", "json"), help="default: table on a terminal, json otherwise")
    decisions.set_defaults(handler=command(run_list))
    actions = decisions.add_subparsers(dest="decisions_command", metavar="ACTION")
    send = argparse.ArgumentParser(add_help=False)
    send.add_argument("--no-send", action="store_true", help="only make it pending; `podview push` sends it later")

    retry = actions.add_parser("retry", parents=[common, send], help="make failed or conflicting decisions pending again and send them")
    retry.add_argument("ids", nargs="+", metavar="ID")
    retry.set_defaults(handler=command(run_retry))
    discard = actions.add_parser("discard", parents=[common], help="never send these decisions (they stay listed as discarded)")
    discard.add_argument("ids", nargs="+", metavar="ID")
    discard.set_defaults(handler=command(run_discard))
    edit = actions.add_parser(
        "edit", parents=[common, send], help="change a decision that did not go out, then send it",
        description="Change any option of the decision's kind (the same options as `podview decide KIND`), "
        "check it again and send it. Give \"\" to clear an optional value.",
    )
    edit.add_argument("id", metavar="ID")
    for flag, metavar, text in EDITABLE:
        edit.add_argument(flag, metavar=metavar, help=text)
    edit.set_defaults(handler=command(run_edit))


def run_decide(args: argparse.Namespace) -> int:
    """Check and record one decision, print its id, then send it unless `--no-send`."""
    from podview.decisions.outbox import record
    from podview.decisions.validate import INPUTS, validate

    settings = config()
    db = open_writer(args)
    inputs = {name: getattr(args, name, None) for name in INPUTS[args.kind]}
    meeting_id = _meeting_for(db, args.meeting)
    draft = validate(db, args.kind, inputs, today=today(args))
    decision = record(db, draft, meeting_id=meeting_id)
    db.conn.close()
    print(decision.id)
    if args.no_send:
        print("Recorded; `podview push` will send it.", file=sys.stderr)
        return EXIT_OK
    return send_recorded(args, settings, [decision.id])


def run_list(args: argparse.Namespace) -> int:
    """Decisions with their state and error, oldest first; cli.md's JSON list with `--format json`."""
    from podview.decisions.meetings import get_meeting
    from podview.decisions.outbox import PENDING, list_decisions
    from podview.report.sections import Column, key

    settings = config()
    db = open_writer(args)
    meeting_id = get_meeting(db, args.meeting).id if args.meeting else None
    decisions = list_decisions(db, states=(PENDING,) if args.pending else None, meeting_id=meeting_id)
    rows = [
        {"id": d.id, "kind": d.kind, "state": d.state, "error": d.error, "meeting": d.meeting_id, "target_gid": d.target_gid,
         "created_at": local_time(d.created_at, settings), "sent_at": local_time(d.sent_at, settings)}
        for d in decisions
    ]
    if default_format(args) == "json":
        emit_json(rows)
        return EXIT_OK
    emit_table(
        [
            Column("ID", key("id")),
            Column("KIND", key("kind")),
            Column("STATE", key("state")),
            Column("TARGET", key("target_gid")),
            Column("CREATED", lambda row: minute(row["created_at"])),
            Column("ERROR", lambda row: " ".join((row["error"] or "").split()), flexible=True, wrap=True),
        ],
        rows,
        today(args),
    )
    return EXIT_OK


def run_retry(args: argparse.Namespace) -> int:
    """Make failed or conflicting decisions pending again, print their ids, and send them."""
    from podview.decisions.outbox import retry

    settings = config()
    db = open_writer(args)
    ids = [retry(db, ref).id for ref in args.ids]
    db.conn.close()
    print("\n".join(ids))
    return EXIT_OK if args.no_send else send_recorded(args, settings, ids)


def run_discard(args: argparse.Namespace) -> int:
    """Never send these decisions; say which of their steps already reached Asana."""
    from podview.decisions.outbox import discard

    db = open_writer(args)
    for ref in args.ids:
        decision = discard(db, ref)
        done = f" (already in Asana: {', '.join(decision.progress.done)})" if decision.progress.done else ""
        print(f"Discarded {decision.id} ({decision.kind}){done}.", file=sys.stderr)
    return EXIT_OK


def run_edit(args: argparse.Namespace) -> int:
    """Change the options of a decision that did not go out, check it again, and send it."""
    from podview.decisions.common import ValidationError
    from podview.decisions.outbox import edit, get_decision
    from podview.decisions.validate import INPUTS

    settings = config()
    db = open_writer(args)
    kind = get_decision(db, args.id).kind
    changes = {flag[2:]: getattr(args, flag[2:]) for flag, _, _ in EDITABLE if getattr(args, flag[2:]) is not None}
    wrong = [f"--{name}" for name in changes if name not in INPUTS[kind]]
    if wrong:
        allowed = ", ".join(f"--{name}" for name in INPUTS[kind])
        raise ValidationError(f"{', '.join(wrong)} does not apply to {kind} decisions; they take {allowed}")
    decision = edit(db, args.id, changes, today=today(args))
    db.conn.close()
    print(decision.id)
    return EXIT_OK if args.no_send else send_recorded(args, settings, [decision.id])


def _meeting_for(db: Any, ref: str | None) -> str | None:
    """`--meeting ID`, `none`, or (not given) the open meeting if there is one."""
    from podview.decisions.meetings import get_meeting, open_meeting

    if ref is None:
        current = open_meeting(db)
        return current.id if current else None
    if ref.strip().casefold() == "none":
        return None
    return get_meeting(db, ref).id
