"""Sending decisions from the command line, and what each outcome means for the exit code.

`push` sends the whole outbox; `decide`, `decisions retry` and `decisions
edit` send what they just recorded and report on that only. A decision that
cannot go out yet (offline, no token, another sender busy) stays pending and
is not an error: `podview push` sends it later. Asana refusing one is exit 3.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from podview.cli.common import (
    EXIT_OK,
    EXIT_PARTIAL,
    EXIT_USAGE,
    NO_TOKEN,
    cache_path,
    config,
    open_writer,
    refuse_demo,
    run_async,
    today,
)


def push(args: argparse.Namespace) -> int:
    """The `push` command: every pending decision, batched; refused on the demo's cache before any request."""
    from podview.decisions.outbox import PENDING, list_decisions
    from podview.decisions.send import send_outbox
    from podview.sync.auth import resolve_token

    refuse_demo(args, "decisions recorded on the demo stay in its outbox and are never sent to Asana")
    settings = config()
    token = resolve_token()
    if token is None:
        print(f"podview: {NO_TOKEN}", file=sys.stderr)
        return EXIT_USAGE
    db = open_writer(args)
    waiting = len(list_decisions(db, states=(PENDING,)))
    db.conn.close()
    if not waiting:
        print("Nothing to send: no pending decisions.")
        return EXIT_OK
    result = run_async(send_outbox(cache_path(args), settings, token.value, mode="push", today=today(args)))
    print(
        f"Sent {len(result.sent)} of {waiting} pending decisions; {len(result.failed)} failed, "
        f"{len(result.conflict)} in conflict, {len(result.pending)} still pending "
        f"({result.stats.batches} batch calls, {result.stats.lookups} look-ups)."
    )
    _explain(args, result)
    return result.exit_code


def send_recorded(args: argparse.Namespace, settings: Any, ids: list[str]) -> int:
    """Send these decisions (and older ones on the same targets); report on these only.

    Exit 0 when they are sent or stay pending (offline, no token, another
    sender busy: `push` sends them later), 3 when Asana refused one.
    """
    from podview.cache import is_demo_cache
    from podview.decisions.common import BusyError
    from podview.decisions.outbox import CONFLICT, FAILED, PENDING, list_decisions
    from podview.decisions.send import send_outbox
    from podview.sync.auth import TokenError, resolve_token
    from podview.sync.errors import AsanaURLError

    if is_demo_cache(cache_path(args)):
        print("Recorded in the demo's outbox: decisions made on the demo agency are never sent to Asana.", file=sys.stderr)
        return EXIT_OK
    try:
        token = resolve_token()
    except TokenError as error:
        print(f"podview: recorded as pending, not sent: {error}", file=sys.stderr)
        return EXIT_USAGE
    if token is None:
        print("Recorded as pending: there is no Asana token. Run `podview auth login`, then `podview push`.", file=sys.stderr)
        return EXIT_OK
    try:
        result = run_async(send_outbox(cache_path(args), settings, token.value, ids=ids, mode="decide", today=today(args)))
    except BusyError as error:
        print(f"Recorded as pending: {error}.", file=sys.stderr)
        return EXIT_OK
    except AsanaURLError as error:
        print(f"podview: recorded as pending, not sent: {error}", file=sys.stderr)
        return EXIT_USAGE
    db = open_writer(args)
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
        db = open_writer(args)
        for d in list_decisions(db, ids=trouble):
            print(f"podview: {d.kind} {d.id} {d.state}: {d.error}", file=sys.stderr)
        db.conn.close()
        print("podview: fix with `podview decisions edit ID …`, then it is sent again; or `podview decisions retry ID` / `discard ID`.", file=sys.stderr)
    if result.stopped:
        print(f"podview: sending stopped, the rest stays pending: {result.stopped}", file=sys.stderr)
