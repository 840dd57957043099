"""The push's book-keeping in the outbox: where each decision stands, written as soon as it changes.

Every change of a decision's state during a push goes through a Ledger, so
that what the outbox says and what the cache shows (a finished step lets the
cache follow Asana's answer) move together, and the push's counters and its
request for a pause before the next round are kept in one place.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from typing import Any

from podview.config import Config
from podview.decisions import outbox
from podview.decisions.common import utc_now
from podview.decisions.follow import Follower
from podview.decisions.outbox import CONFLICT, FAILED, PENDING, SENT, Decision
from podview.decisions.push_model import PushResult, PushStats, Work
from podview.decisions.requests import Step


class Ledger:
    """The outbox rows and cache patches of one push, and what it cost so far."""

    def __init__(self, db: Any, config: Config) -> None:
        self.db = db
        self.follower = Follower(db, config)
        self.stats = PushStats()
        self.retry = False
        """Some send did not land in this round: pause before the next one."""

    def failed_try(self, w: Work) -> None:
        """A send that did not land (or must be repeated): counts towards parking, and asks for a pause."""
        w.tries += 1
        self.retry = True

    def done(self, w: Work, step: Step, record: dict) -> None:
        """Record a finished step and let the cache follow what Asana now holds."""
        w.decision.progress.done[step.name] = str(record.get("gid") or "")
        if step.name in ("update", "create") and record.get("gid"):
            self.follower.task(record)
        elif step.name == "status" and record.get("gid"):
            parent = step.data["parent"]
            self.follower.status_update(record, parent, "goal" if w.decision.kind == "goal" else "project")
        elif step.name == "metric" and record.get("gid"):
            self.follower.goal(record)

    def finish_complete(self, work: Iterable[Work], commit: bool = True) -> None:
        """Decisions whose every step is done become `sent`."""
        finished = [w for w in work if w.decision.state == PENDING and w.complete]
        if not finished:
            return
        with self.db.atomic() if commit else contextlib.nullcontext():
            for w in finished:
                d = w.decision
                d.state, d.sent_at, d.error, d.next_attempt_at = SENT, utc_now(), None, None
                d.progress.unclear.clear()
                outbox.save(self.db, d)

    def settle(self, d: Decision, state: str, message: str, commit: bool = True) -> None:
        """Leave `pending` for good (until the user acts): failed or conflict, with the reason."""
        d.state, d.error, d.next_attempt_at = state, message, None
        with self.db.atomic() if commit else contextlib.nullcontext():
            outbox.save(self.db, d)

    def park_failures(self, work: list[Work]) -> None:
        """Decisions still pending after failing in this push wait out a backoff before a worker tries again."""
        with self.db.atomic():
            for w in work:
                if w.decision.state == PENDING and w.tries:
                    w.decision.next_attempt_at = outbox.later(w.decision.attempts)
                    outbox.save(self.db, w.decision)

    def result(self, work: list[Work], stopped: str | None) -> PushResult:
        """Each decision by the state it ended in (any other state counts as still pending)."""
        result = PushResult(stats=self.stats, stopped=stopped)
        lists = {SENT: result.sent, FAILED: result.failed, CONFLICT: result.conflict, PENDING: result.pending}
        for w in work:
            lists.get(w.decision.state, result.pending).append(w.decision.id)
        return result
