"""One line that follows a running sync: stage, projects read, requests, rate-limit waits.

The sync runs in a worker; each `SyncProgress` reaches the app as a
`SyncBar.Progressed` message, and a flood of them collapses into the latest
one (`can_replace`), so a fast sync never floods the screen with redraws.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Static

if TYPE_CHECKING:
    from podview.sync.engine import SyncProgress

STAGES = {
    "starting": "starting",
    "waiting": "waiting for another sync of this cache to finish",
    "workspace": "reading the workspace",
    "projects": "listing client projects",
    "tasks": "reading tasks",
    "writing": "writing the cache",
    "done": "done",
}
"""The engine's stage names in words."""
BAR_WIDTH = 16


def progress_line(progress: SyncProgress) -> Content:
    """`⟳ Sync ▕████░░░░▏ 8/16 projects · 1,204 requests · reading tasks`: readable without colour.

    The numbers come first, so a narrow terminal cuts the words, not them.
    """
    total = progress.projects_total
    filled = min(BAR_WIDTH, round(BAR_WIDTH * progress.projects_done / total)) if total else 0
    pieces: list[tuple[str, str] | str] = [
        ("⟳ Sync ", "bold"),
        "▕",
        ("█" * filled, "$success"),
        ("░" * (BAR_WIDTH - filled), "dim"),
        f"▏ {progress.projects_done}/{total or '?'} projects · {progress.requests:,} requests",
    ]
    if progress.waited >= 1:
        pieces.append((f" · waited {progress.waited:.0f} s on the rate limit", "bold $warning"))
    pieces.append(f" · {STAGES.get(progress.stage, progress.stage)}")
    return Content.assemble(*pieces)


class SyncBar(Static):
    """The running sync's progress; hidden while no sync runs."""

    DEFAULT_CSS = """
    SyncBar {
        width: 1fr;
        height: 1;
        padding: 0 1;
        text-wrap: nowrap;
        text-overflow: ellipsis;
        background: $boost;
        display: none;
    }
    SyncBar.-running {
        display: block;
    }
    """

    progress: reactive[SyncProgress | None] = reactive(None, always_update=True)
    """The latest progress of the running sync; None when no sync runs."""

    class Progressed(Message):
        """A sync moved on; only the newest of a run of these matters."""

        def __init__(self, progress: SyncProgress) -> None:
            super().__init__()
            self.progress = progress

        def can_replace(self, message: Message) -> bool:
            """An older progress message still waiting is superseded by this one."""
            return isinstance(message, SyncBar.Progressed)

    def watch_progress(self, progress: SyncProgress | None) -> None:
        self.set_class(progress is not None, "-running")
        self.update(progress_line(progress) if progress is not None else "")
