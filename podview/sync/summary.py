"""One line saying what a finished sync did and what it cost.

Both `podview sync` and the app's "Synced" notice show it, so the words live
beside the result they describe rather than in either user interface.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from podview.sync.engine import SyncResult


def summary(result: SyncResult, seconds: float) -> str:
    """One line: what was synced, how much it cost."""
    parts = [
        f"Synced {result.projects} client projects in {result.pods} pods"
        + (f" and {result.training} training projects" if result.training else "")
        + f" ({result.mode})",
        f"{result.tasks_written:,} tasks written, {result.tasks_deleted:,} removed",
        f"{result.requests:,} requests in {seconds:.1f} s",
    ]
    if result.waited:
        parts.append(f"{result.waited:.0f} s waiting on Asana's rate limit")
    if result.resumed:
        parts.append(f"resumed {result.resumed} projects read by an interrupted sync")
    if result.skipped:
        parts.append(f"{len(result.skipped)} projects skipped")
    return "; ".join(parts) + "."
