"""What the app's background jobs post when they end: one typed message per outcome.

Each job (podview.tui.jobs) runs in a thread worker and posts one of these
to the app on success; a failure is `JobFailed` (podview.screens.threads),
the same message a screen's failed load posts. So the app's handlers read
`on_synced`, `on_sent`… with typed fields, never a worker's group name.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from textual.message import Message

from podview.figures.common import ClientInfo
from podview.figures.outbox import OutboxCounts


@dataclass
class Directory:
    """Pods and clients for the command palette, loaded once per cache."""

    pods: list[str] = field(default_factory=list)
    clients: list[ClientInfo] = field(default_factory=list)


class Synced(Message):
    """A sync ended well; `result` is the engine's SyncResult (a fake's may be anything)."""

    def __init__(self, result: Any, seconds: float) -> None:
        super().__init__()
        self.result = result
        self.seconds = seconds


class SyncProgressed(Message):
    """The running sync reached a new stage (its newest `SyncProgress`)."""

    def __init__(self, progress: Any) -> None:
        super().__init__()
        self.progress = progress


class Sent(Message):
    """Decisions were sent (or kept pending): the sender's PushResult and the decisions as the cache holds them now."""

    def __init__(self, result: Any, decisions: list[Any]) -> None:
        super().__init__()
        self.result = result
        self.decisions = decisions


class OutboxCounted(Message):
    """The outbox was counted again."""

    def __init__(self, counts: OutboxCounts) -> None:
        super().__init__()
        self.counts = counts


class DemoBuilt(Message):
    """The demo agency is ready at `path`."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path


class DirectoryLoaded(Message):
    """The pods and clients the palette offers were read."""

    def __init__(self, directory: Directory) -> None:
        super().__init__()
        self.directory = directory


class Exported(Message):
    """A screenshot was saved."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
