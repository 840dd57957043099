"""Small helpers for decision tests: record a decision, count a marker in the fake's store."""

from __future__ import annotations

from typing import Any

from podview.decisions.markers import markers_in
from podview.decisions.outbox import Decision, get_decision, record
from podview.decisions.validate import validate


def decide(db: Any, kind: str, meeting_id: str | None = None, **inputs: Any) -> Decision:
    """Validate and record a decision (pending, not sent)."""
    return record(db, validate(db, kind, inputs), meeting_id=meeting_id)


def state(db: Any, decision: Decision) -> Decision:
    """The decision as the outbox holds it now."""
    return get_decision(db, decision.id)


def marked(fake: Any) -> dict[str, list[tuple[str, str]]]:
    """Decision id → every (kind, gid) in the fake carrying its marker: stories, status updates, task notes."""
    found: dict[str, list[tuple[str, str]]] = {}
    with fake.store.lock:
        texts = [("story", s["gid"], s.get("text")) for s in fake.store.stories.values()]
        texts += [("status", u["gid"], u.get("text")) for u in fake.store.updates.values()]
        texts += [("task", t["gid"], t.get("notes")) for t in fake.store.tasks.values()]
    for kind, gid, text in texts:
        for marker in markers_in(text):
            found.setdefault(marker, []).append((kind, gid))
    return found


def field(task: dict, name: str) -> Any:
    """A custom field's display value on a fake task."""
    entry = next(e for e in task["custom_fields"] if e["name"] == name)
    return entry.get("display_value")


def writes(fake: Any) -> list[tuple[str, str]]:
    """(method, path) of every write request the fake saw."""
    return [(r.method, r.path) for r in fake.requests if r.method != "GET"]
