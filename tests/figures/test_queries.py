"""The small queries screens call in their workers, each read back from a throw-away cache.

Screens hold no SQL (tests/test_layers.py); what they used to read themselves
is read here, and each function is checked against rows written by hand.
"""

from __future__ import annotations

import pytest

from podview.figures.outbox import OutboxCounts, outbox_counts


def decision(db, id: str, state: str, target: str = "1", created_at: str = "2026-11-20T09:00:00Z", **row):
    db["decisions"].insert(
        {
            "id": id,
            "kind": "comment",
            "target_gid": target,
            "payload": '{"text": "hello"}',
            "state": state,
            "created_at": created_at,
            **row,
        },
        pk="id",
    )


def test_outbox_counts_only_what_waits_or_needs_the_user(agency):
    db = agency.db
    for number, state in enumerate(["pending", "pending", "failed", "conflict", "sent", "discarded"]):
        decision(db, f"0{number}", state)
    counts = outbox_counts(agency.reader())
    assert counts == OutboxCounts(pending=2, failed=1, conflict=1)
    assert not counts.empty


def test_an_outbox_with_only_sent_decisions_is_empty(agency):
    decision(agency.db, "01", "sent")
    assert outbox_counts(agency.reader()).empty
