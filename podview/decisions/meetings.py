"""Meetings: a pod's stand-up or the Growth Team's review of every client.

Decisions recorded while a meeting is open belong to it (unless told
otherwise), and its minutes list them. Only one meeting is open at a time,
so "the current meeting" is never ambiguous.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from typing import Any

from podview.decisions.common import NotFoundError, ValidationError, one, resolve_id, rows, utc_now
from podview.decisions.markers import new_id
from podview.decisions.meeting_plan import Plan

POD_STANDUP = "pod-standup"
GROWTH_REVIEW = "growth-review"
KINDS = (POD_STANDUP, GROWTH_REVIEW)

_SELECT = """
SELECT m.id, m.kind, m.pod_gid, p.name AS pod, m.started_at, m.ended_at, m.attendees, m.notes, m.plan
FROM meetings m LEFT JOIN pods p ON p.gid = m.pod_gid
"""


@dataclass(frozen=True)
class Meeting:
    """One meeting as stored; `attendees` is a list of names or emails as typed."""

    id: str
    kind: str
    pod_gid: str | None
    pod: str | None
    started_at: str
    ended_at: str | None
    attendees: list[str] = field(default_factory=list)
    notes: str | None = None
    plan: Plan | None = None
    """What it set out to cover (scope, clients, length); None when started without one."""

    @property
    def is_open(self) -> bool:
        """Not ended yet."""
        return self.ended_at is None

    @property
    def title(self) -> str:
        """How minutes and comments name it: `Pod stand-up — Pod Atlas` or `Growth review`."""
        if self.kind == POD_STANDUP:
            return f"Pod stand-up — {self.pod or self.pod_gid or 'unknown pod'}"
        return "Growth review"

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Meeting:
        """A meeting from a `_SELECT` row (attendees kept as JSON)."""
        return cls(
            id=row["id"],
            kind=row["kind"],
            pod_gid=row["pod_gid"],
            pod=row["pod"],
            started_at=row["started_at"],
            ended_at=row["ended_at"],
            attendees=json.loads(row["attendees"]) if row["attendees"] else [],
            notes=row["notes"],
            plan=Plan.from_json(row["plan"]),
        )


def parse_attendees(text: str | None) -> list[str]:
    """`"Priya, marcus@x.com"` → `["Priya", "marcus@x.com"]` (blank entries dropped)."""
    return [part.strip() for part in (text or "").split(",") if part.strip()]


def start_meeting(
    db: Any,
    kind: str,
    *,
    pod: str | None = None,
    attendees: list[str] | None = None,
    notes: str | None = None,
    plan: Plan | None = None,
) -> Meeting:
    """Open a meeting; a stand-up names its pod, a growth review names none (its plan may narrow it)."""
    if kind not in KINDS:
        raise ValidationError(f"meeting kind {kind!r} is not one of {', '.join(KINDS)}")
    pod_gid = _pod_for(db, kind, pod)
    current = open_meeting(db)
    if current is not None:
        raise ValidationError(
            f"meeting {current.id} ({current.title}) is still open; end it first with `podview meeting end`"
        )
    meeting_id = new_id()
    with db.atomic():
        db["meetings"].insert(
            {
                "id": meeting_id,
                "kind": kind,
                "pod_gid": pod_gid,
                "started_at": utc_now(),
                "ended_at": None,
                "attendees": json.dumps(attendees or []),
                "notes": notes,
                "plan": plan.to_json() if plan else None,
            }
        )
    return get_meeting(db, meeting_id)


def set_length(db: Any, meeting_id: str, minutes: int) -> Meeting:
    """Keep a new length in the meeting's plan, so a resumed meeting and its minutes use it."""
    meeting = get_meeting(db, meeting_id)
    plan = replace(meeting.plan or Plan(), minutes=minutes)
    with db.atomic():
        db["meetings"].update(meeting_id, {"plan": plan.to_json()})
    return get_meeting(db, meeting_id)


def _pod_for(db: Any, kind: str, pod: str | None) -> str | None:
    if kind == GROWTH_REVIEW:
        if pod:
            raise ValidationError("a growth review covers every client; leave out --pod")
        return None
    if not pod or not pod.strip():
        raise ValidationError("a pod standup needs --pod NAME (a pod's name or gid)")
    pods = rows(db, "SELECT gid, name FROM pods ORDER BY name")
    wanted = pod.strip().casefold()
    for row in pods:
        if pod.strip() == row["gid"] or (row["name"] or "").strip().casefold() == wanted:
            return row["gid"]
    names = ", ".join(row["name"] or row["gid"] for row in pods) or "none (run `podview sync` first)"
    raise ValidationError(f"no pod named {pod!r}; pods in the cache: {names}")


def end_meeting(
    db: Any, ref: str | None = None, *, notes: str | None = None, attendees: list[str] | None = None
) -> Meeting:
    """End the meeting `ref` (default: the open one); notes and attendees given here replace the stored ones."""
    meeting = get_meeting(db, ref) if ref else open_meeting(db)
    if meeting is None:
        raise NotFoundError("no meeting is open; `podview meeting list` shows the recent ones")
    if not meeting.is_open:
        raise ValidationError(f"meeting {meeting.id} already ended at {meeting.ended_at}")
    changes: dict[str, Any] = {"ended_at": utc_now()}
    if notes is not None:
        changes["notes"] = notes
    if attendees is not None:
        changes["attendees"] = json.dumps(attendees)
    with db.atomic():
        db["meetings"].update(meeting.id, changes)
    return get_meeting(db, meeting.id)


def get_meeting(db: Any, ref: str) -> Meeting:
    """The meeting whose id is `ref` or starts with it."""
    meeting_id = resolve_id(db, "meetings", ref, "meeting")
    return Meeting.from_row(one(db, _SELECT + " WHERE m.id = ?", [meeting_id]))


def open_meeting(db: Any) -> Meeting | None:
    """The meeting that has not ended, if any (the newest, should there ever be several)."""
    row = one(db, _SELECT + " WHERE m.ended_at IS NULL ORDER BY m.id DESC LIMIT 1")
    return Meeting.from_row(row) if row else None


def latest_meeting(db: Any) -> Meeting | None:
    """The most recently started meeting."""
    row = one(db, _SELECT + " ORDER BY m.id DESC LIMIT 1")
    return Meeting.from_row(row) if row else None


def list_meetings(db: Any, limit: int | None = None) -> list[Meeting]:
    """Meetings, newest first."""
    sql = _SELECT + " ORDER BY m.id DESC" + (f" LIMIT {int(limit)}" if limit else "")
    return [Meeting.from_row(row) for row in rows(db, sql)]
