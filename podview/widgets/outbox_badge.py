"""The outbox at a glance: how many decisions wait to be sent and how many need the user.

Hidden while the outbox is empty, so it only takes a line when there is
something to act on. Each state has an icon and a word, never colour alone.
"""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from podview.figures.outbox import OutboxCounts


def badge_text(counts: OutboxCounts) -> Content:
    """`✉ Outbox: … 3 pending · ✖ 1 failed (o)`: short, to share a line with a running sync."""
    parts = [
        ("…", "pending", counts.pending, ""),
        ("✖", "failed", counts.failed, "bold $error"),
        ("!", "in conflict", counts.conflict, "bold $error"),
    ]
    pieces: list[tuple[str, str] | str] = [("✉ Outbox: ", "bold")]
    for icon, word, count, style in parts:
        if count:
            pieces += [" · "] if len(pieces) > 1 else []
            pieces.append((f"{icon} {count} {word}", style))
    pieces.append((" (o)", "dim"))
    return Content.assemble(*pieces)


class OutboxBadge(Static):
    """Counts of pending, failed and conflicting decisions; `counts` redraws it."""

    DEFAULT_CSS = """
    OutboxBadge {
        width: auto;
        height: 1;
        padding: 0 1;
        background: $boost;
        display: none;
    }
    OutboxBadge.-waiting {
        display: block;
    }
    OutboxBadge.-trouble {
        background: $error 25%;
    }
    """

    counts: reactive[OutboxCounts] = reactive(OutboxCounts)
    """The outbox's counts, as last read from the cache."""

    def watch_counts(self, counts: OutboxCounts) -> None:
        self.set_class(not counts.empty, "-waiting")
        self.set_class(bool(counts.failed or counts.conflict), "-trouble")
        self.update(badge_text(counts) if not counts.empty else "")
