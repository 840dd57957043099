"""What a screen asks of the app, as messages, and what the app may ask of a screen, as protocols.

Screens never call the app's methods or probe it for attributes: a screen
posts one of these messages, which bubbles up to the app (and is simply
ignored by a test host that does not handle it). The other way round, the
app asks the screen on show through the small protocols below, checked with
`isinstance`, so a screen says what it offers by the methods it defines.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from textual.message import Message

KINDS_FOR: dict[str, tuple[str, ...]] = {
    "weekly_goal": ("postpone", "comment"),
    "action_item": ("postpone", "comment"),
    "tactic": ("result", "comment"),
    "task": ("comment",),
    "client": ("status", "action", "result"),
    "goal": ("goal",),
    "training_module": ("reminder", "comment"),
}
"""The decisions a selected item can take, most usual first (a client's result picks one of its tactics)."""


@dataclass(frozen=True)
class Target:
    """The item a decision is about: what `d` acts on, as the screen on show names it."""

    kind: str
    """`weekly_goal`, `action_item`, `tactic`, `task`, `client`, `goal` or `training_module`."""
    gid: str
    label: str

    @property
    def kinds(self) -> tuple[str, ...]:
        """The decisions that apply to it."""
        return KINDS_FOR.get(self.kind, ())


@runtime_checkable
class Selecting(Protocol):
    """A screen with a selected item that decisions can be about (`d` works there)."""

    def selected_target(self) -> Target | None:
        """The highlighted item, or None when the cursor is on nothing a decision can be about."""


@runtime_checkable
class ShowingClient(Protocol):
    """A screen about one client (its card): client-safe mode starts for that client."""

    client_gid: str


@runtime_checkable
class Exporting(Protocol):
    """A screen that names its own screenshots (`Pod Atlas stand-up`) rather than by its title."""

    def export_title(self) -> str:
        """What is on screen, in a few words, for the saved file's name."""


class OpenClient(Message):
    """Show this client's card; n/p then step through `ranking` (the list it was opened from)."""

    def __init__(self, gid: str, ranking: list[Any] | None = None) -> None:
        super().__init__()
        self.gid = gid
        self.ranking = ranking


class OpenPerson(Message):
    """Show this person's card (People's Enter); never while a client watches."""

    def __init__(self, user_gid: str) -> None:
        super().__init__()
        self.user_gid = user_gid


class SendDecisions(Message):
    """Send these recorded decisions to Asana in the background (the outbox badge follows)."""

    def __init__(self, ids: list[str]) -> None:
        super().__init__()
        self.ids = list(ids)


class OutboxChanged(Message):
    """Decisions were recorded, edited or discarded: the outbox badge should count again."""


class MeetingOpened(Message):
    """A meeting screen started or resumed this meeting: until it ends, the app keeps the data live."""

    def __init__(self, meeting_id: str) -> None:
        super().__init__()
        self.meeting_id = meeting_id


class MeetingEnded(Message):
    """The meeting was ended: the data stops being refreshed for it."""

    def __init__(self, meeting_id: str) -> None:
        super().__init__()
        self.meeting_id = meeting_id


Drafts = dict[tuple[str, str], dict[str, "str | None"]]
"""Decision forms closed unsaved, by (kind, target gid), or ("edit", decision id): reopening one brings its text back."""
