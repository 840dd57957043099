"""What a sync tells its caller: snapshots while it runs, a result when it ends.

Kept apart from the engine so the progress bar, the summary line and the
app's sync worker can name these types without loading the engine and the
HTTP client behind it.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class SyncProgress:
    """A snapshot of a running sync, sent to the progress callback."""

    stage: str
    projects_done: int = 0
    projects_total: int = 0
    tasks: int = 0
    requests: int = 0
    waited: float = 0.0


@dataclass
class SyncResult:
    """What a sync did, for the summary line and the exit code."""

    mode: str
    pods: int = 0
    projects: int = 0
    training: int = 0
    tasks_written: int = 0
    tasks_deleted: int = 0
    requests: int = 0
    waited: float = 0.0
    resumed: int = 0
    skipped: list[str] = field(default_factory=list)

    @property
    def partial(self) -> bool:
        """Some projects could not be read (exit code 3)."""
        return bool(self.skipped)
