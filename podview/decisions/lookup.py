"""Exactly once after an unclear answer: look in Asana for the marker before sending a create again.

Asana has no idempotency keys. A step sent without a clear answer may or may
not have landed; an idempotent one (an update) is simply sent again, but a
create must not be doubled. Every text podview writes ends with its
decision's marker (markers.py), so the sender lists what was created on the
target since the first send and looks for that marker: found, the step is
done; not found, it is sent again. One listing per target serves every
decision waiting on it.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections import defaultdict
from typing import Any

from podview.decisions import outbox
from podview.decisions.asana_clock import clock_known, look_since
from podview.decisions.ledger import Ledger
from podview.decisions.markers import markers_in
from podview.decisions.outbox import CONFLICT, PENDING
from podview.decisions.push_model import CONFLICT_STATUSES, Stop, Work, discard, guard
from podview.decisions.requests import STORY_LOOK_FIELDS, TASK_LOOK_FIELDS, Look, Step
from podview.sync.dump import STATUS_UPDATE_FIELDS
from podview.sync.errors import AsanaError


class MarkerLookup:
    """Resolves the unclear steps of a push, one listing per target."""

    def __init__(self, db: Any, client: Any, ledger: Ledger) -> None:
        self.db = db
        self.client = client
        self.ledger = ledger

    async def resolve(self, active: list[Work]) -> None:
        """Resolve every unclear step: creates are looked for by marker, idempotent ones are simply sent again."""
        wanted: dict[Look, list[tuple[Work, Step]]] = defaultdict(list)
        for w in active:
            d = w.decision
            if d.state != PENDING or not d.progress.unclear or w.stages is None:
                continue
            for name in list(d.progress.unclear):
                step = w.step(name)
                if step is None or not step.creates:
                    d.progress.unclear.remove(name)
                    self.ledger.failed_try(w)
                else:
                    wanted[step.look].append((w, step))
        if not wanted:
            return
        if not clock_known(self.client) and any(look.kind != "stories" for look in wanted):
            await guard(self._read_clock())
        looks = list(wanted)
        found = await asyncio.gather(*(guard(self._find(look, wanted[look])) for look in looks), return_exceptions=True)
        with self.db.atomic():
            for look, outcome in zip(looks, found):
                self._apply(wanted[look], outcome)
            for w in active:
                outbox.save(self.db, w.decision)

    async def _find(self, look: Look, entries: list[tuple[Work, Step]]) -> list[dict]:
        """The records under `look` created since the earliest of these decisions' first send."""
        since = min(look_since(w.decision.progress.since or w.decision.created_at, self.client)
                    for w, _ in entries)
        self.ledger.stats.lookups += 1
        if look.kind == "stories":
            return await self.client.get_all(f"/tasks/{look.gid}/stories", fields=STORY_LOOK_FIELDS)
        if look.kind == "status":
            return await self.client.get_all("/status_updates", params={"parent": look.gid, "created_since": since}, fields=STATUS_UPDATE_FIELDS)
        return await self.client.get_all("/tasks", params={"project": look.gid, "modified_since": since}, fields=TASK_LOOK_FIELDS)

    async def _read_clock(self) -> None:
        """Learn Asana's time (any answer's `Date`) before a look-up whose writes may be stamped on this machine's clock."""
        with contextlib.suppress(AsanaError):
            await self.client.get("/users/me", fields=("name",))

    def _apply(self, entries: list[tuple[Work, Step]], outcome: Any) -> None:
        """A listing's outcome for the steps waiting on it: done, to send again, conflict, or to check again."""
        if isinstance(outcome, Stop):
            raise outcome
        if isinstance(outcome, AsanaError) and outcome.status in CONFLICT_STATUSES:
            for w, step in entries:
                discard(w.decision.progress.unclear, step.name)
                self.ledger.settle(w.decision, CONFLICT, f"the target is gone or out of reach in Asana ({outcome})")
            return
        if isinstance(outcome, BaseException):
            for w, _ in entries:
                self.ledger.failed_try(w)
                w.decision.error = f"could not check Asana for an earlier send ({outcome}); will check again"
            return
        by_marker = {}
        for record in outcome:
            for marker in markers_in(record.get("text") or record.get("notes")):
                by_marker.setdefault(marker, record)
        for w, step in entries:
            discard(w.decision.progress.unclear, step.name)
            record = by_marker.get(w.decision.id)
            if record is not None:
                self.ledger.done(w, step, record)
            else:
                self.ledger.failed_try(w)
