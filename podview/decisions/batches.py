"""The wire side of a push: which steps go next, packed into `POST /batch` calls, and what each answer means.

Before a batch leaves, its steps are committed as `unclear`; after it, each
action's answer is committed with the cache rows it changes. So a crash, a
lost answer or a cancelled task at any point leaves rows that say exactly
what to verify (lookup.py does), and nothing is ever sent twice or dropped.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from podview.decisions import outbox
from podview.decisions.asana_clock import write_stamp
from podview.decisions.ledger import Ledger
from podview.decisions.outbox import CONFLICT, FAILED, PENDING
from podview.decisions.push_model import CONFLICT_STATUSES, Stop, Work, discard
from podview.decisions.requests import Step
from podview.sync.errors import AsanaError, AsanaUnreachable, AuthError, UnclearWriteError


def ready(work: list[Work]) -> list[Step]:
    """The next steps to send, oldest decision first, at most one step per lane."""
    busy: set[str] = set()
    steps: list[Step] = []
    for w in work:
        d = w.decision
        if w.stages is None or d.state != PENDING:
            continue
        current = next((stage for stage in w.stages if any(s.name not in d.progress.done for s in stage)), [])
        for step in w.steps():
            if step.name in d.progress.done:
                continue
            free = step.lane is None or step.lane not in busy
            if free and not w.parked and step in current and step.name not in d.progress.unclear:
                steps.append(step)
            if step.lane:
                busy.add(step.lane)
    return steps


def pack(steps: list[Step], size: int) -> list[list[Step]]:
    """Batches of at most `size` actions that never split one decision's steps between two batches.

    A decision's steps of one stage share a fate: if one batch never
    reached Asana, undoing its marks must not touch a step another batch finished.
    """
    groups: dict[str, list[Step]] = {}
    for step in steps:
        groups.setdefault(step.decision_id, []).append(step)
    batches: list[list[Step]] = [[]]
    for group in groups.values():
        if len(batches[-1]) + len(group) > size:
            batches.append([])
        batches[-1].extend(group)
    return [batch for batch in batches if batch]


class Batcher:
    """Sends steps in batches, a few at a time, and books each answer in the ledger."""

    def __init__(
        self,
        db: Any,
        client: Any,
        ledger: Ledger,
        *,
        batch_size: int,
        parallel: int,
        after_batch: Callable[[list[Step], list[dict]], None] | None = None,
    ) -> None:
        self.db = db
        self.client = client
        self.ledger = ledger
        self.batch_size = batch_size
        self.parallel = parallel
        self.after_batch = after_batch
        """Test hook: called with each batch's steps and answers before they are committed."""
        self.stopped: str | None = None
        """Why Asana cannot be reached (or refuses the token); once set, no further batch leaves."""
        self._sent: set[tuple[str, str]] = set()

    async def send(self, steps: list[Step], work: dict[str, Work]) -> None:
        """Send the steps in batches, `parallel` batches at a time; raise Stop when Asana is out of reach."""
        gate = asyncio.Semaphore(self.parallel)

        async def one_batch(batch: list[Step]) -> None:
            async with gate:
                if not self.stopped:
                    await self._batch(batch, work)

        try:
            async with asyncio.TaskGroup() as group:
                for batch in pack(steps, self.batch_size):
                    group.create_task(one_batch(batch))
        except BaseExceptionGroup as group:
            raise group.exceptions[0] from None
        if self.stopped:
            raise Stop(self.stopped)

    async def _batch(self, steps: list[Step], work: dict[str, Work]) -> None:
        stats = self.ledger.stats
        touched = {step.decision_id: work[step.decision_id] for step in steps}
        fresh = {key for key, w in touched.items() if w.decision.progress.since is None}
        self._mark_unclear(steps, touched)
        stats.batches += 1
        stats.actions += len(steps)
        stats.resent += sum((step.decision_id, step.name) in self._sent for step in steps)
        self._sent.update((step.decision_id, step.name) for step in steps)
        try:
            answers = await self.client.batch([step.action() for step in steps])
        except UnclearWriteError as error:
            self._unclear(steps, touched, str(error))
            return
        except (AsanaUnreachable, AuthError) as error:
            self._restore(steps, touched, fresh)
            self.stopped = str(error)
            return
        except AsanaError as error:
            self._refused(touched, str(error))
            return
        if self.after_batch:
            self.after_batch(steps, answers)
        with self.db.atomic():
            for w in touched.values():
                w.decision.attempts += 1
            for step, answer in zip(steps, answers):
                self._answer(touched[step.decision_id], step, answer)
            self.ledger.finish_complete(touched.values(), commit=False)
            for w in touched.values():
                outbox.save(self.db, w.decision)

    def _mark_unclear(self, steps: list[Step], touched: dict[str, Work]) -> None:
        """Commit, before sending, that these steps may land: a crash from here on leaves them to verify."""
        with self.db.atomic():
            for step in steps:
                progress = touched[step.decision_id].decision.progress
                progress.since = progress.since or write_stamp(self.client)
                if step.name not in progress.unclear:
                    progress.unclear.append(step.name)
            for w in touched.values():
                outbox.save(self.db, w.decision)

    def _unclear(self, steps: list[Step], touched: dict[str, Work], message: str) -> None:
        """The batch may or may not have landed: keep every step unclear, to be verified next round."""
        self.ledger.stats.unclear += len(steps)
        self.ledger.stats.unclear_creates += sum(step.creates for step in steps)
        with self.db.atomic():
            for w in touched.values():
                w.decision.attempts += 1
                w.decision.error = f"no clear answer from Asana ({message}); it will be checked before sending again"
                outbox.save(self.db, w.decision)

    def _restore(self, steps: list[Step], touched: dict[str, Work], fresh: set[str]) -> None:
        """The batch never reached Asana: undo the marks made for it, so the rows are as they were."""
        with self.db.atomic():
            for step in steps:
                discard(touched[step.decision_id].decision.progress.unclear, step.name)
            for key, w in touched.items():
                if key in fresh:
                    w.decision.progress.since = None
                outbox.save(self.db, w.decision)

    def _refused(self, touched: dict[str, Work], message: str) -> None:
        """The whole batch was rejected (a malformed request): nothing landed, every decision in it failed."""
        with self.db.atomic():
            for w in touched.values():
                w.decision.progress.unclear.clear()
                self.ledger.settle(w.decision, FAILED, message, commit=False)

    def _answer(self, w: Work, step: Step, answer: dict) -> None:
        """Apply one action's answer: done (and the cache follows), retry later, conflict or failed."""
        d = w.decision
        status = int(answer.get("status_code") or 0)
        body = answer.get("body") if isinstance(answer.get("body"), dict) else {}
        if 200 <= status < 300:
            discard(d.progress.unclear, step.name)
            self.ledger.done(w, step, body.get("data") or {})
            return
        message = f"Asana answered {status} to {step.method} {step.path}: {_message(body)}"
        if status >= 500:
            self.ledger.stats.unclear += 1
            if step.creates:
                self.ledger.stats.unclear_creates += 1
            else:
                discard(d.progress.unclear, step.name)
                self.ledger.failed_try(w)
            d.error = message
            return
        discard(d.progress.unclear, step.name)
        if status == 429:
            self.ledger.failed_try(w)
            d.error = message
        elif status in CONFLICT_STATUSES:
            self.ledger.settle(d, CONFLICT, f"the target is gone or out of reach in Asana ({message})", commit=False)
        else:
            self.ledger.settle(d, FAILED, message, commit=False)


def _message(body: dict) -> str:
    """Asana's own error text, the first of its `errors`."""
    errors = body.get("errors") if isinstance(body, dict) else None
    if isinstance(errors, list) and errors and isinstance(errors[0], dict):
        return str(errors[0].get("message") or "no message")
    return "no message"
