"""What the app says when a sync or a send ends: the words a user reads, and nothing else.

Every outcome of the app's background work that reaches the user is worded
here, so the wording can be read (and changed) in one place: the jobs in
`podview.background` only run, and the app shows what these functions say.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from podview.decisions.send import PushResult

NO_TOKEN = "There is no Asana token. Run `podview auth login` in a terminal (or set ASANA_TOKEN)"
DEMO_SYNC = (
    "This is the demo agency, made up on this machine: there is no Asana workspace to sync. "
    "To use your own, run `podview auth login`, then `podview sync`, in a terminal."
)
DEMO = "this is the demo agency, whose decisions stay in the outbox and are never sent to Asana"


class NoTokenError(Exception):
    """Neither ASANA_TOKEN nor the keyring holds a token; the message says how to log in."""


def sync_failure(error: BaseException) -> str | None:
    """What a failed sync means for the user and what to do next; None for errors nobody foresaw."""
    from podview.cache import CacheError
    from podview.sync.auth import TokenError
    from podview.sync.errors import AsanaError, AsanaUnreachable, AsanaURLError, AuthError
    from podview.sync.load import NoPodsError

    if isinstance(error, AuthError):
        return (
            f"Asana refused the token ({error}). Run `podview auth login` with a new personal "
            "access token, then press s. The cache is unchanged."
        )
    if isinstance(error, AsanaUnreachable):
        return f"Asana could not be reached ({error}). The cache is unchanged; check the network and press s to try again."
    if isinstance(error, (NoTokenError, NoPodsError, CacheError, AsanaURLError, TokenError)):
        return str(error)
    if isinstance(error, AsanaError):
        return f"{error} The cache is unchanged; press s to try again."
    return None


def describe_send(result: PushResult, decisions: list[Any]) -> tuple[str, str, str]:
    """The notification after sending: title, message and severity, saying where each decision ended.

    `decisions` are the rows of the decisions sent, as the cache holds them now.
    """
    refused = [d for d in decisions if d.state in ("failed", "conflict")]
    waiting = [d for d in decisions if d.state == "pending"]
    if refused:
        first = refused[0]
        return (
            "Asana refused a decision",
            f"✖ {first.kind} {first.state}: {first.error}. "
            + "It is kept in the outbox: press o to retry or discard it.",
            "error",
        )
    if waiting and result.stopped == DEMO:
        return ("Saved in the outbox", f"… Kept as pending: {DEMO}.", "information")
    if waiting:
        why = result.stopped or waiting[0].error or "an older decision on the same item goes first"
        return (
            "Saved, not sent yet",
            f"… Pending in the outbox: {why}. Nothing is lost; press o to send it later.",
            "warning",
        )
    sent = len(decisions)
    noun = "decision" if sent == 1 else f"{sent} decisions"
    return ("Sent to Asana", f"✔ The {noun} reached Asana.", "information")
