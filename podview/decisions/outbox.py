"""The outbox: decisions as rows of the `decisions` table, and every change of their state.

A decision is committed here before anything is sent, and its row is the
only truth about it: what was decided (`payload`), how far sending got
(`payload._progress`: steps done, steps sent without a known outcome), and
its state. `pending` decisions are sent by `push`; `failed` and `conflict`
ones wait for the user to retry, edit or discard them.
"""

from __future__ import annotations

import contextlib
import getpass
import json
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from podview.decisions.common import (
    BusyError,
    DecisionError,
    ValidationError,
    one,
    parse_stamp,
    resolve_id,
    rows,
    utc_now,
)
from podview.decisions.markers import new_id
from podview.decisions.validate import Draft, inputs_of, validate

PENDING, SENT, FAILED, CONFLICT, DISCARDED = "pending", "sent", "failed", "conflict", "discarded"
STATES = (PENDING, SENT, FAILED, CONFLICT, DISCARDED)
PROGRESS_KEY = "_progress"


@dataclass
class Progress:
    """How far sending a decision got; kept in the payload so it survives a crash.

    `done` maps each finished step to the gid Asana gave the thing it created
    or changed. `unclear` lists steps that were sent but whose outcome is
    unknown (a lost answer, a 5xx, a crash mid-request): a create among them
    is looked for by its marker before it may be sent again. `since` is when
    the first send began; look-ups search from a day before it.
    """

    done: dict[str, str] = field(default_factory=dict)
    unclear: list[str] = field(default_factory=list)
    since: str | None = None

    @property
    def started(self) -> bool:
        """Whether any step reached (or may have reached) Asana."""
        return bool(self.done or self.unclear)

    def to_json(self) -> dict[str, Any]:
        return {"done": self.done, "unclear": self.unclear, "since": self.since}

    @classmethod
    def from_json(cls, value: Any) -> Progress:
        value = value if isinstance(value, dict) else {}
        return cls(dict(value.get("done") or {}), list(value.get("unclear") or []), value.get("since"))


@dataclass
class Decision:
    """One row of the outbox."""

    id: str
    kind: str
    target_gid: str | None
    fields: dict[str, Any]
    state: str
    meeting_id: str | None = None
    error: str | None = None
    created_by: str | None = None
    created_at: str = ""
    sent_at: str | None = None
    attempts: int = 0
    next_attempt_at: str | None = None
    progress: Progress = field(default_factory=Progress)

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Decision:
        payload = json.loads(row["payload"])
        progress = Progress.from_json(payload.pop(PROGRESS_KEY, None))
        return cls(
            id=row["id"],
            kind=row["kind"],
            target_gid=row["target_gid"],
            fields=payload,
            state=row["state"],
            meeting_id=row["meeting_id"],
            error=row["error"],
            created_by=row["created_by"],
            created_at=row["created_at"],
            sent_at=row["sent_at"],
            attempts=row["attempts"] or 0,
            next_attempt_at=row["next_attempt_at"],
            progress=progress,
        )

    def row(self) -> dict[str, Any]:
        """The `decisions` row (progress folded into the payload only while there is some)."""
        payload = dict(self.fields)
        if self.progress.started or self.progress.since:
            payload[PROGRESS_KEY] = self.progress.to_json()
        return {
            "id": self.id,
            "meeting_id": self.meeting_id,
            "kind": self.kind,
            "target_gid": self.target_gid,
            "payload": json.dumps(payload, ensure_ascii=False, sort_keys=True),
            "state": self.state,
            "error": self.error,
            "created_by": self.created_by,
            "created_at": self.created_at,
            "sent_at": self.sent_at,
            "attempts": self.attempts,
            "next_attempt_at": self.next_attempt_at,
        }


def record(db: Any, draft: Draft, *, meeting_id: str | None = None, created_by: str | None = None) -> Decision:
    """Commit a validated decision as `pending`; nothing is sent here."""
    decision = Decision(
        id=new_id(),
        kind=draft.kind,
        target_gid=draft.target_gid,
        fields=dict(draft.fields),
        state=PENDING,
        meeting_id=meeting_id,
        created_by=created_by or _whoami(),
        created_at=utc_now(),
    )
    with db.atomic():
        db["decisions"].insert(decision.row())
    return decision


def save(db: Any, decision: Decision) -> None:
    """Write a decision's current state back (call inside the caller's transaction)."""
    row = decision.row()
    db.execute(
        "UPDATE decisions SET target_gid = ?, payload = ?, state = ?, error = ?, sent_at = ?, attempts = ?, "
        "next_attempt_at = ? WHERE id = ?",
        [row["target_gid"], row["payload"], row["state"], row["error"], row["sent_at"], row["attempts"], row["next_attempt_at"], row["id"]],
    )


def get_decision(db: Any, ref: str) -> Decision:
    """The decision whose id is `ref` or starts with it."""
    decision_id = resolve_id(db, "decisions", ref, "decision")
    return Decision.from_row(rows(db, "SELECT * FROM decisions WHERE id = ?", [decision_id])[0])


def list_decisions(
    db: Any,
    *,
    states: tuple[str, ...] | None = None,
    meeting_id: str | None = None,
    ids: list[str] | None = None,
    latest: int | None = None,
) -> list[Decision]:
    """Decisions in creation order, optionally only some states, one meeting's, some ids, or the `latest` N."""
    sql, params = "SELECT * FROM decisions WHERE 1 = 1", []
    if states:
        sql += f" AND state IN ({','.join('?' * len(states))})"
        params += list(states)
    if meeting_id is not None:
        sql += " AND meeting_id = ?"
        params.append(meeting_id)
    if ids is not None:
        sql += " AND id IN (SELECT value FROM json_each(?))"
        params.append(json.dumps(list(ids)))
    if latest is not None:
        sql = f"SELECT * FROM ({sql} ORDER BY id DESC LIMIT ?)"
        params.append(latest)
    return [Decision.from_row(row) for row in rows(db, sql + " ORDER BY id", params)]


def due(db: Any, *, ids: list[str] | None = None, now: str | None = None) -> list[Decision]:
    """Pending decisions to send now: all of them, or (for a background worker, `now` given) those whose backoff has passed.

    With `ids`, older pending decisions on the same targets come along: they
    must reach Asana first, or a later result or status would be overwritten
    by an earlier one sent afterwards.
    """
    pending = list_decisions(db, states=(PENDING,))
    if ids is not None:
        wanted = {d.id: d for d in pending if d.id in set(ids)}
        targets = {d.target_gid for d in wanted.values()}
        last = max(wanted, default="")
        pending = [d for d in pending if d.id in wanted or (d.target_gid in targets and d.id < last)]
    if now is None:
        return pending
    return [d for d in pending if not d.next_attempt_at or d.next_attempt_at <= now]


def backoff(attempts: int, base: float = 30.0, cap: float = 3600.0) -> timedelta:
    """How long a background worker waits before trying a decision again: 30 s doubling, at most an hour."""
    return timedelta(seconds=min(cap, base * 2 ** max(0, attempts - 1)))


def later(attempts: int) -> str:
    """`next_attempt_at` after `attempts` failed tries."""
    moment = parse_stamp(utc_now()) + backoff(attempts)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


@contextlib.contextmanager
def sending_lock(db: Any) -> Iterator[None]:
    """An exclusive lock beside the cache file, so two processes (or a TUI worker and `push`) never send the same decision.

    Retry, edit and discard take it too: a push saves the rows it loaded, and
    must not overwrite a change made meanwhile. The operating system drops
    the lock when its process dies, so a crash never leaves the outbox locked.
    """
    path = Path(one(db, "PRAGMA database_list")["file"] + ".sending")
    with open(path, "a+b") as handle:
        if not _try_lock(handle):
            raise BusyError("another podview is sending decisions from this cache right now; try again in a moment")
        yield


def _try_lock(handle: Any) -> bool:
    try:
        import fcntl
    except ImportError:  # Windows
        import msvcrt

        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except OSError:
        return False


# -- what the user can do with a decision that did not go out -------------------------------


def retry(db: Any, ref: str) -> Decision:
    """Make a failed or conflicting decision pending again (or a backed-off pending one due now).

    A decision that has not reached Asana yet is validated again against
    today's cache, which also accepts a target that moved since: the user has
    seen the conflict and asks to send anyway.
    """
    with sending_lock(db):
        return _retry(db, ref)


def _retry(db: Any, ref: str) -> Decision:
    decision = get_decision(db, ref)
    if decision.state not in (PENDING, FAILED, CONFLICT):
        raise DecisionError(f"decision {decision.id} is {decision.state}; only pending, failed or conflicting decisions can be retried")
    fields = decision.fields
    if not decision.progress.started:
        try:
            draft = validate(db, decision.kind, inputs_of(decision.kind, fields))
        except ValidationError as error:
            raise ValidationError(f"decision {decision.id} is still not valid: {error.in_one_line}. Edit it (`podview decisions edit`) or discard it") from None
        fields = {**fields, **draft.fields}
    return _reopen(db, replace(decision, fields=fields))


def edit(db: Any, ref: str, changes: dict[str, Any], *, today: date | None = None) -> Decision:
    """Change what a decision says (any of its kind's inputs), validate it again, and make it pending.

    Only a decision none of which has reached Asana can be edited: a
    half-sent postponement is retried or discarded instead. `today` reads a
    typed `+1w` or `Dec 4` (see `validate`).
    """
    with sending_lock(db):
        return _edit(db, ref, changes, today)


def _edit(db: Any, ref: str, changes: dict[str, Any], today: date | None) -> Decision:
    decision = get_decision(db, ref)
    if decision.state not in (PENDING, FAILED, CONFLICT):
        raise DecisionError(f"decision {decision.id} is {decision.state}; only pending, failed or conflicting decisions can be edited")
    if decision.progress.started:
        raise DecisionError(
            f"decision {decision.id} has already (partly) reached Asana ({', '.join([*decision.progress.done, *decision.progress.unclear])}); "
            "retry or discard it instead"
        )
    if not changes:
        raise ValidationError("nothing to change; give the options to edit, e.g. --text or --to")
    inputs = {**inputs_of(decision.kind, decision.fields), **changes}
    draft = validate(db, decision.kind, inputs, today=today)
    return _reopen(db, replace(decision, target_gid=draft.target_gid, fields=draft.fields))


def discard(db: Any, ref: str) -> Decision:
    """Give up a decision: it stays in the table as `discarded` (and in the minutes), and is never sent.

    Refused while a step's outcome is unknown: it may already be in Asana, and
    only a push can find out.
    """
    with sending_lock(db):
        return _discard(db, ref)


def _discard(db: Any, ref: str) -> Decision:
    decision = get_decision(db, ref)
    if decision.state not in (PENDING, FAILED, CONFLICT):
        raise DecisionError(f"decision {decision.id} is {decision.state}; only pending, failed or conflicting decisions can be discarded")
    if decision.progress.unclear:
        raise DecisionError(
            f"decision {decision.id} may already be in Asana (an earlier send got no answer); run `podview push` first"
        )
    decision = replace(decision, state=DISCARDED, next_attempt_at=None)
    with db.atomic():
        save(db, decision)
    return decision


def _reopen(db: Any, decision: Decision) -> Decision:
    decision = replace(decision, state=PENDING, error=None, attempts=0, next_attempt_at=None)
    with db.atomic():
        save(db, decision)
    return decision


def _whoami() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):
        return "unknown"
