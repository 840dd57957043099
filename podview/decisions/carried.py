"""Old business: the action items earlier meetings of a series decided, as Asana has them now.

A meeting opens by looking back: the action items decided at the previous
meeting of its series (a pod's stand-ups; walkthroughs with walkthroughs),
done or not, and those of older meetings still open, "carried from" the
meeting that decided them. Each is read from the cache as the last sync or
send left it: done (and when), open, overdue, or still in the outbox. A
re-decided item (a comment, a new due date) stays where it was decided; its
due date is simply what Asana now says.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import date
from zoneinfo import ZoneInfo

from podview import words
from podview.date_words import day
from podview.dates import local_date, parse_timestamp
from podview.decisions.common import rows
from podview.decisions.outbox import DISCARDED, Decision

DONE, OPEN, OVERDUE, UNSENT, GONE = "done", "open", "overdue", "unsent", "gone"
"""An item's states; words.ACTION_ITEMS says them."""


@dataclass(frozen=True)
class PastMeeting:
    """A meeting of the series: its id and the local day it was held."""

    id: str
    day: date


@dataclass(frozen=True)
class CarriedItem:
    """One action item decided in an earlier meeting, as the cache has it now."""

    decision_id: str
    task_gid: str | None
    """The task Asana created; None while the decision has not been sent."""
    name: str
    client: str | None
    client_gid: str | None
    assignee: str | None
    due_on: date | None
    state: str
    """DONE, OPEN, OVERDUE, UNSENT or GONE (sent, but the task is no longer in the cache)."""
    done_on: date | None
    """The local day it was completed (DONE only)."""
    meeting: PastMeeting
    carried: bool
    """Decided before the previous meeting, and still open: "carried from" its day."""
    today: date
    """The day the item was looked at (overdue against it); its dates say their year when it is not this one's."""

    @property
    def state_text(self) -> str:
        """`done Tue 1 Dec`, `open`, `overdue`, `not sent yet`."""
        if self.state == DONE and self.done_on:
            return f"done {day(self.done_on, self.today)}"
        return words.ACTION_ITEMS[self.state]

    @property
    def origin_text(self) -> str:
        """`carried from Mon 30 Nov` for an older meeting's item, else empty."""
        return f"carried from {day(self.meeting.day, self.today)}" if self.carried else ""

    @property
    def due_text(self) -> str:
        """`Fri 4 Dec`, or `—` without a due date."""
        return day(self.due_on, self.today) if self.due_on else "—"


@dataclass(frozen=True)
class Carried:
    """A meeting's old business: the previous meeting of its series (None: the first) and the items."""

    previous: PastMeeting | None
    items: list[CarriedItem]
    today: date
    """The day the items were looked at: the meeting's."""

    @property
    def previous_text(self) -> str:
        """`Mon 23 Nov`: the previous meeting's day (empty for the first meeting of a series)."""
        return day(self.previous.day, self.today) if self.previous else ""

    @property
    def done(self) -> list[CarriedItem]:
        return [item for item in self.items if item.state == DONE]

    @property
    def still_open(self) -> list[CarriedItem]:
        """Open, overdue, not sent or gone: what the meeting still has to look at."""
        return [item for item in self.items if item.state != DONE]

    def for_client(self, client_gid: str) -> list[CarriedItem]:
        return [item for item in self.items if item.client_gid == client_gid]


def carried_action_items(
    conn: sqlite3.Connection,
    kind: str,
    pod: str | None,
    *,
    before: str | None,
    today: date,
    zone: ZoneInfo,
) -> Carried:
    """The old business of a meeting of `kind` (a stand-up names its `pod`, by name or gid).

    `before` is the meeting's id once it is open: only meetings started
    before it count. Without one (the meeting is about to start), every ended
    meeting of the series counts. From the latest of them every action item is
    shown, done or not; from older ones only those still open. Done items come
    first, then the open ones, oldest meeting first. Overdue is counted
    against `today`; a discarded decision is never shown.
    """
    series = _series(conn, kind, pod, before, zone)
    if not series:
        return Carried(None, [], today)
    previous = series[-1]
    by_id = {meeting.id: meeting for meeting in series}
    decisions = [
        Decision.from_row(row)
        for row in rows(
            conn,
            "SELECT * FROM decisions WHERE kind = 'action' AND state != ? "
            "AND meeting_id IN (SELECT value FROM json_each(?)) ORDER BY id",
            [DISCARDED, json.dumps(list(by_id))],
        )
    ]
    items = []
    for decision in decisions:
        meeting = by_id[decision.meeting_id]
        item = _item(conn, decision, meeting, meeting is not previous, today, zone)
        if item.state != DONE or not item.carried:
            items.append(item)
    order = {meeting.id: index for index, meeting in enumerate(series)}
    items.sort(key=lambda item: (item.state != DONE, order[item.meeting.id], item.decision_id))
    return Carried(previous, items, today)


def _series(conn: sqlite3.Connection, kind: str, pod: str | None, before: str | None, zone: ZoneInfo) -> list[PastMeeting]:
    """The series' ended meetings (those before `before` when it is one of them), oldest first."""
    sql = "SELECT m.id, m.started_at, m.ended_at FROM meetings m LEFT JOIN pods p ON p.gid = m.pod_gid WHERE m.kind = ?"
    params: list = [kind]
    if pod is not None:
        sql += " AND (m.pod_gid = ? OR lower(trim(p.name)) = lower(trim(?)))"
        params += [pod.strip(), pod]
    found = rows(conn, sql + " ORDER BY m.started_at, m.id", params)
    current = next(((row["started_at"], row["id"]) for row in found if row["id"] == before), None)
    found = [
        row for row in found
        if row["ended_at"] is not None and (current is None or (row["started_at"], row["id"]) < current)
    ]
    return [PastMeeting(row["id"], _day(row["started_at"], zone) or date.min) for row in found]


def _item(
    conn: sqlite3.Connection, decision: Decision, meeting: PastMeeting, older: bool, today: date, zone: ZoneInfo
) -> CarriedItem:
    f = decision.fields
    gid = decision.progress.done.get("create") or None
    task = None
    if gid:
        found = rows(
            conn,
            "SELECT t.name, t.client_gid, c.name AS client, u.name AS assignee, u.email, t.due_on, t.completed, "
            "t.completed_at FROM tasks t LEFT JOIN clients c ON c.gid = t.client_gid "
            "LEFT JOIN users u ON u.gid = t.assignee_gid WHERE t.gid = ?",
            [gid],
        )
        task = found[0] if found else None
    if task is None:
        due = _date(f.get("due"))
        state = GONE if gid else UNSENT
        return CarriedItem(
            decision.id, gid, f.get("name") or "", f.get("client_name"), f.get("client"), f.get("assignee_name"),
            due, state, None, meeting, older, today,
        )
    due = _date(task["due_on"])
    if task["completed"]:
        state, done_on = DONE, _day(task["completed_at"], zone)
    else:
        state, done_on = (OVERDUE if due is not None and due < today else OPEN), None
    return CarriedItem(
        decision.id, gid, task["name"] or f.get("name") or "", task["client"] or f.get("client_name"),
        task["client_gid"] or f.get("client"), task["assignee"] or task["email"], due, state, done_on, meeting, older,
        today,
    )


def _date(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def _day(stamp: str | None, zone: ZoneInfo) -> date | None:
    return local_date(parse_timestamp(stamp), zone)
