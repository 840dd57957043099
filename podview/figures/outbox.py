"""The outbox in three numbers: what Home's status line and every screen's badge show.

Counted in one indexed query, so the app can count again after each decision
and each send without the user noticing.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass


@dataclass(frozen=True)
class OutboxCounts:
    """How many decisions wait in the outbox, by the states a user must know about."""

    pending: int = 0
    failed: int = 0
    conflict: int = 0

    @property
    def empty(self) -> bool:
        """Nothing waits and nothing needs the user."""
        return not (self.pending or self.failed or self.conflict)


def outbox_counts(conn: sqlite3.Connection) -> OutboxCounts:
    """Count the outbox's pending, failed and conflicting decisions (one indexed query)."""
    counts = dict(
        conn.execute(
            "SELECT state, count(*) FROM decisions WHERE state IN ('pending', 'failed', 'conflict') "
            "GROUP BY state"
        ).fetchall()
    )
    return OutboxCounts(
        counts.get("pending", 0), counts.get("failed", 0), counts.get("conflict", 0)
    )
