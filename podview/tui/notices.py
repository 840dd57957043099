"""What the app says when a sync or a send ends: the words a user reads, and nothing else.

Every outcome of the app's background work that reaches the user is worded
here, so the wording can be read (and changed) in one place: the jobs in
`podview.tui.jobs` only run, and the app shows what these functions say.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from podview.decisions.send import PushResult

NO_TOKEN = "There is no Asana token. Run `podview auth login` in a terminal (or set ASANA_TOKEN)"
DEMO_SYNC = (
    "This is the demo agency, made up on this machine: there is no Asana workspace to sync. "
    "To use your own, run `podview auth login`, then `podview sync`, in a terminal."
)
SYNC_RUNNING = "A sync is already running; its progress is at the foot of the screen."
SYNC_STARTED = "Syncing with Asana in the background…"
CLIENT_SAFE_HIDES = "Hidden while a client is watching. Press C to leave client-safe mode."
CLIENT_SAFE_ONE_CARD = "Only the watching client's card can be shown in client-safe mode."
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


LIVE_BACK = "Asana answers again: the meeting's data is up to date, and refreshed every minute."
LIVE_NO_TOKEN = "no Asana token (`podview auth login`)"
"""Said in the status strip instead of the live state, while a meeting is open."""


def live_trouble(error: BaseException, since: str) -> tuple[str, str]:
    """Title and text of the one notice when a meeting's live refresh stops working.

    The meeting goes on with the data read before `since` (local time); the
    refresh keeps trying every minute, and one notice says when it works again.
    """
    from podview.sync.errors import AsanaUnreachable, AuthError, ForbiddenError

    goes_on = (
        f"The meeting goes on with the data as read before {since}; "
        "podview tries again every minute."
    )
    if isinstance(error, AsanaUnreachable):
        return "Offline", f"Asana could not be reached ({error}). {goes_on}"
    if isinstance(error, (AuthError, ForbiddenError)):
        return "Offline", f"{error} {goes_on}"
    why = sync_failure(error) or f"{type(error).__name__}: {error}."
    return "Live refresh failed", f"{why} {goes_on}"


def sync_waiting(cache_path: Path) -> str:
    """Another process syncs the same cache: this sync waits its turn."""
    return f"Another sync is running on {cache_path}; this one starts when it has finished."


def synced(result: Any, seconds: float) -> str:
    """What a finished sync did, in one line (a test's fake sync returns no SyncResult)."""
    from podview.sync.progress import SyncResult
    from podview.sync.summary import summary

    return (
        summary(result, seconds) if isinstance(result, SyncResult) else "The cache is up to date."
    )


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


FAILURES = {
    "load": (
        "Could not show {what}",
        "Check the cache with `podview report risk`; `podview sync` rebuilds it.",
    ),
    "trend": (
        "Could not show {what}",
        "Check the cache with `podview report risk`; `podview sync` rebuilds it.",
    ),
    "demo": (
        "Could not build the demo agency",
        "Point PODVIEW_DB at a writable file and try again.",
    ),
    "export": (
        "Could not save the screenshot",
        "Make {export_dir} a folder you can write to, or set exports_dir in {config_file} "
        "to one you can; then press ctrl+s again.",
    ),
    "directory": (
        "Could not list pods and clients",
        "The palette still finds screens and actions; reopen podview.",
    ),
    "sync": ("Sync failed", "The cache is unchanged; press s to try again."),
    "send": (
        "Could not send the decision",
        "It is saved and stays pending in the outbox; press o, then s to send it again.",
    ),
    "decide": (
        "Could not save the decision",
        "Everything typed is still in the form; press ctrl+s to try again.",
    ),
    "outbox": ("Could not change the decision", "Nothing was lost; press o to look again."),
    "outbox-edit": ("Could not open the decision", "Nothing was changed; press e to try again."),
    "outbox-count": ("Could not count the outbox", "Press o to see the decisions themselves."),
}
"""Per job: the notification's title and what the user can do about it."""


def failure_message(
    job: str,
    error: BaseException | None,
    *,
    what: str,
    export_dir: Path,
    config_file: str | None = None,
) -> tuple[str, str]:
    """Title and text of the notification for failed work: what happened, then what to do."""
    from podview.cache import CacheError
    from podview.decisions.common import DecisionError
    from podview.demo.build import DemoError
    from podview.figures.common import ScopeError

    title, advice = FAILURES.get(
        job, ("Something went wrong", "Try again; if it keeps happening, report it.")
    )
    title = title.format(what=what)
    advice = advice.format(export_dir=export_dir, config_file=config_file or "your config file")
    if job == "sync" and error is not None and sync_failure(error):
        return title, sync_failure(error)
    if isinstance(error, (CacheError, DemoError, DecisionError)):
        return title, str(error)
    if isinstance(error, (ScopeError, OSError)):
        return title, f"{error}. {advice}"
    return title, f"{type(error).__name__}: {error}. {advice}"


def damaged_cache(cache_path: Path, error: BaseException) -> str:
    """What the welcome screen says when the cache's pages cannot be read."""
    from podview.cache import CacheError

    if isinstance(error, CacheError):
        return str(error)
    return (
        f"The cache at {cache_path} cannot be read: it is damaged ({error}). "
        "podview has not changed it. Move it away and run `podview sync` in a terminal to read "
        "Asana again (for the demo: `podview demo --reset`), or open the demo agency here."
    )
