"""Sending the outbox to Asana: batched, resumable, and exactly once.

One push works in rounds. Each round (1) checks decisions that have not
reached Asana yet against the cache (a target gone or changed is a
conflict), (2) looks for the marker of every create whose earlier send got
no clear answer (lookup.py), (3) sends the next step of every decision
through `POST /batch`, ten actions a call, a few calls at a time
(batches.py). Every change of a decision is committed to the outbox as it
happens (ledger.py), so a crash, a lost answer or a cancelled task at any
point leaves rows that say exactly what to verify, and nothing is ever sent
twice or dropped.

This module keeps the rounds and the planning; `send_outbox` is the usual
way in, and PushResult / PushStats (push_model.py) are re-exported for the
callers that read a push's outcome.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable
from datetime import date
from typing import Any

from podview.config import Config
from podview.decisions import outbox
from podview.decisions.batches import Batcher, ready
from podview.decisions.catalogue import Catalogue, CatalogueError
from podview.decisions.common import NotFoundError, ValidationError, utc_now
from podview.decisions.ledger import Ledger
from podview.decisions.lookup import MarkerLookup
from podview.decisions.meetings import Meeting, get_meeting
from podview.decisions.outbox import CONFLICT, FAILED, PENDING, sending_lock
from podview.decisions.push_model import CONFLICT_STATUSES, PushResult, PushStats, Stop, Work, guard
from podview.decisions.requests import Step, catalogue_need, stages
from podview.decisions.validate import inputs_of, validate

__all__ = ["CLIENT_OPTIONS", "PushResult", "PushStats", "Sender", "send_outbox"]

CLIENT_OPTIONS: dict[str, dict[str, Any]] = {
    "push": {"max_retries": 3, "backoff": 0.5, "max_backoff": 4.0, "timeout": 30.0},
    "decide": {"max_retries": 1, "backoff": 0.2, "max_backoff": 1.0, "timeout": 15.0},
}
"""AsanaClient settings: `decide` gives up quickly (the decision stays pending), `push` insists more."""


class Sender:
    """Pushes pending decisions of one cache through one AsanaClient."""

    def __init__(
        self,
        db: Any,
        client: Any,
        config: Config,
        *,
        batch_size: int = 10,
        parallel: int = 4,
        max_rounds: int = 12,
        max_tries: int = 5,
        pause: float = 0.5,
        max_pause: float = 8.0,
        after_batch: Callable[[list[Step], list[dict]], None] | None = None,
    ) -> None:
        """`after_batch` is a test hook: called with each batch's steps and answers before they are committed."""
        self.db = db
        self.client = client
        self.config = config
        self.max_rounds = max_rounds
        self.max_tries = max_tries
        self.pause = pause
        self.max_pause = max_pause
        self.catalogue = Catalogue(client, db, config.sections.action_items)
        self.ledger = Ledger(db, config)
        self.stats: PushStats = self.ledger.stats
        self.lookup = MarkerLookup(db, client, self.ledger)
        self.batcher = Batcher(
            db, client, self.ledger, batch_size=batch_size, parallel=parallel, after_batch=after_batch
        )
        self._meetings: dict[str, Meeting | None] = {}
        self._stop: str | None = None

    # -- the push --------------------------------------------------------------------

    async def push(self, ids: list[str] | None = None, *, due_only: bool = False) -> PushResult:
        """Send the pending decisions (all, `ids`, or with `due_only` those past their backoff)."""
        with sending_lock(self.db):
            work = [Work(d) for d in outbox.due(self.db, ids=ids, now=utc_now() if due_only else None)]
            try:
                await self._rounds(work)
            except Stop as stop:
                self._stop = str(stop)
            self.ledger.park_failures(work)
        return self.ledger.result(work, self._stop)

    async def _rounds(self, work: list[Work]) -> None:
        for round_no in range(self.max_rounds):
            for w in work:
                w.parked = w.parked or w.tries >= self.max_tries
            active = [w for w in work if w.decision.state == PENDING and not w.parked]
            if not active:
                return
            self.stats.rounds += 1
            await self._prepare(active)
            await self.lookup.resolve(active)
            self.ledger.finish_complete(active)
            steps = ready([w for w in work if w.decision.state == PENDING])
            if not steps:
                if not any(w.decision.progress.unclear for w in active if w.decision.state == PENDING and not w.parked):
                    return
            else:
                await self.batcher.send(steps, {w.decision.id: w for w in work})
            if self.ledger.retry:
                self.ledger.retry = False
                await asyncio.sleep(min(self.max_pause, self.pause * 2**round_no))

    # -- checking and planning ---------------------------------------------------

    async def _prepare(self, active: list[Work]) -> None:
        """Re-check decisions not yet started against the cache, read the catalogues they need, plan their steps.

        The check runs every round until a decision's first step leaves, so a
        decision waiting behind another on the same task sees what that one changed.
        """
        for w in active:
            if not w.decision.progress.started:
                w.stages = None
                self._recheck(w)
        todo = [w for w in active if w.decision.state == PENDING and w.stages is None]
        needs: dict[str, bool] = {}
        for w in todo:
            need = catalogue_need(w.decision)
            if need:
                needs[need[0]] = needs.get(need[0], False) or need[1]
        problems = await guard(self.catalogue.load(needs))
        self.stats.catalogue = self.catalogue.requests
        with self.db.atomic():
            for w in todo:
                self._plan(w, problems)

    def _recheck(self, w: Work) -> None:
        """A target deleted, moved to another client or no longer valid since the decision: conflict."""
        d = w.decision
        try:
            draft = validate(self.db, d.kind, inputs_of(d.kind, d.fields))
        except ValidationError as error:
            self.ledger.settle(d, CONFLICT, f"the cache changed since this decision: {error.in_one_line}")
            return
        moved_from, moved_to = d.fields.get("client"), draft.fields.get("client")
        if d.kind in ("comment", "postpone", "result") and moved_from != moved_to:
            self.ledger.settle(
                d, CONFLICT,
                f"task {d.target_gid} moved from client {d.fields.get('client_name') or moved_from} to "
                f"{draft.fields.get('client_name') or moved_to} since the decision; retry to send it anyway, or discard it",
            )
            return
        d.fields = {**d.fields, **draft.fields}

    def _plan(self, w: Work, problems: dict[str, Exception]) -> None:
        d = w.decision
        need = catalogue_need(d)
        if need and need[0] in problems:
            problem = problems[need[0]]
            gone = getattr(problem, "status", None) in CONFLICT_STATUSES
            self.ledger.settle(
                d, CONFLICT if gone else FAILED, f"the fields of client project {need[0]} cannot be read in Asana: {problem}"
            )
            return
        try:
            w.stages = stages(
                d, db=self.db, config=self.config,
                catalogue=self.catalogue.get(need[0]) if need else None, meeting=self._meeting(d.meeting_id),
            )
        except CatalogueError as error:
            self.ledger.settle(d, FAILED, str(error))

    def _meeting(self, meeting_id: str | None) -> Meeting | None:
        if meeting_id and meeting_id not in self._meetings:
            try:
                self._meetings[meeting_id] = get_meeting(self.db, meeting_id)
            except NotFoundError:
                self._meetings[meeting_id] = None
        return self._meetings.get(meeting_id) if meeting_id else None


# -- the usual way in ------------------------------------------------------------------


async def send_outbox(
    cache_path: str | os.PathLike[str],
    config: Config,
    token: str,
    *,
    ids: list[str] | None = None,
    due_only: bool = False,
    mode: str = "push",
    url: str | None = None,
    today: date | None = None,
    **sender_options: Any,
) -> PushResult:
    """Open the cache and a client, push, close both (what `push`, `decide` and a TUI worker call).

    When the answers patched what Home shows (a client's or a goal's status),
    Home is computed again for `today`, so the next launch reads it saved.
    """
    from podview.cache import open_cache
    from podview.figures.home_store import any_home_saved, save_home
    from podview.sync.client import AsanaClient

    db = open_cache(cache_path)
    try:
        home_was_saved = any_home_saved(db.conn)
        async with AsanaClient(token, url=url, **CLIENT_OPTIONS[mode]) as client:
            result = await Sender(db, client, config, **sender_options).push(ids, due_only=due_only)
        if today is not None and home_was_saved and not any_home_saved(db.conn):
            save_home(db.conn, today=today, config=config)
        return result
    finally:
        db.conn.close()
