"""Sending the outbox to Asana: batched, resumable, and exactly once.

One push works in rounds. Each round (1) checks decisions that have not
reached Asana yet against the cache (a target gone or changed is a
conflict), (2) looks for the marker of every create whose earlier send got
no clear answer, (3) sends the next step of every decision through
`POST /batch`, ten actions a call, a few calls at a time. Before a batch
leaves, its steps are committed as `unclear`; after it, each action's answer
is committed with the cache rows it changes. So a crash, a lost answer or a
cancelled task at any point leaves rows that say exactly what to verify, and
nothing is ever sent twice or dropped.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from podview.config import Config
from podview.decisions import outbox
from podview.decisions.asana_clock import clock_known, look_since, write_stamp
from podview.decisions.catalogue import Catalogue, CatalogueError
from podview.decisions.common import (
    NotFoundError,
    ValidationError,
    utc_now,
)
from podview.decisions.follow import Follower
from podview.decisions.markers import markers_in
from podview.decisions.meetings import Meeting, get_meeting
from podview.decisions.outbox import CONFLICT, FAILED, PENDING, SENT, Decision, sending_lock
from podview.decisions.requests import (
    STORY_LOOK_FIELDS,
    TASK_LOOK_FIELDS,
    Look,
    Step,
    catalogue_need,
    stages,
)
from podview.decisions.validate import inputs_of, validate
from podview.sync.dump import STATUS_UPDATE_FIELDS

CLIENT_OPTIONS: dict[str, dict[str, Any]] = {
    "push": {"max_retries": 3, "backoff": 0.5, "max_backoff": 4.0, "timeout": 30.0},
    "decide": {"max_retries": 1, "backoff": 0.2, "max_backoff": 1.0, "timeout": 15.0},
}
"""AsanaClient settings: `decide` gives up quickly (the decision stays pending), `push` insists more."""
CONFLICT_STATUSES = (403, 404, 410)
"""Answers meaning the target is gone or out of reach (deleted, or moved where the token cannot see)."""


@dataclass
class PushStats:
    """What a push cost, for `podview push` and the benchmark.

    `actions` counts batch actions sent and `resent` those sent again in this
    push (an idempotent write after an unclear answer, or a create whose
    marker was not found). `unclear` counts steps sent without a clear answer
    and `unclear_creates` the creates among them, each needing a look-up (one
    listing per target at most); `lookups` counts the listings made, and
    `catalogue` the GETs for field, option and section gids.
    """

    rounds: int = 0
    batches: int = 0
    actions: int = 0
    resent: int = 0
    lookups: int = 0
    unclear: int = 0
    unclear_creates: int = 0
    catalogue: int = 0


@dataclass
class PushResult:
    """Where each decision of the push ended, and why sending stopped early (if it did)."""

    sent: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    conflict: list[str] = field(default_factory=list)
    pending: list[str] = field(default_factory=list)
    stats: PushStats = field(default_factory=PushStats)
    stopped: str | None = None

    @property
    def exit_code(self) -> int:
        """cli.md: 2 when Asana could not be reached or kept refusing, 3 when some failed or conflict, else 0."""
        if self.stopped:
            return 2
        if self.failed or self.conflict:
            return 3
        return 2 if self.pending else 0


class _Stop(Exception):
    """Asana is unreachable or refuses the token: stop sending, leave the rest as it is."""


@dataclass
class _Work:
    """A decision being pushed: its planned stages and its failures in this push."""

    decision: Decision
    stages: list[list[Step]] | None = None
    tries: int = 0
    parked: bool = False

    def steps(self) -> list[Step]:
        return [step for stage in self.stages or [] for step in stage]

    def step(self, name: str) -> Step | None:
        return next((s for s in self.steps() if s.name == name), None)

    @property
    def complete(self) -> bool:
        return self.stages is not None and all(s.name in self.decision.progress.done for s in self.steps())


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
        self.db = db
        self.client = client
        self.config = config
        self.batch_size = batch_size
        self.parallel = parallel
        self.max_rounds = max_rounds
        self.max_tries = max_tries
        self.pause = pause
        self.max_pause = max_pause
        self.after_batch = after_batch
        """Test hook: called with each batch's steps and answers before they are committed."""
        self.catalogue = Catalogue(client, db, config.sections.action_items)
        self.follower = Follower(db, config)
        self.stats = PushStats()
        self._meetings: dict[str, Meeting | None] = {}
        self._stop: str | None = None
        self._retry = False
        self._sent: set[tuple[str, str]] = set()

    # -- the push --------------------------------------------------------------------

    async def push(self, ids: list[str] | None = None, *, due_only: bool = False) -> PushResult:
        """Send the pending decisions (all, `ids`, or with `due_only` those past their backoff)."""
        with sending_lock(self.db):
            work = [_Work(d) for d in outbox.due(self.db, ids=ids, now=utc_now() if due_only else None)]
            try:
                await self._rounds(work)
            except _Stop as stop:
                self._stop = str(stop)
            self._park_failures(work)
        return self._result(work)

    async def _rounds(self, work: list[_Work]) -> None:
        for round_no in range(self.max_rounds):
            for w in work:
                w.parked = w.parked or w.tries >= self.max_tries
            active = [w for w in work if w.decision.state == PENDING and not w.parked]
            if not active:
                return
            self.stats.rounds += 1
            await self._prepare(active)
            await self._look(active)
            self._finish_complete(active)
            ready = self._ready([w for w in work if w.decision.state == PENDING])
            if not ready:
                if not any(w.decision.progress.unclear for w in active if w.decision.state == PENDING and not w.parked):
                    return
            else:
                await self._send(ready, {w.decision.id: w for w in work})
            if self._retry:
                self._retry = False
                await asyncio.sleep(min(self.max_pause, self.pause * 2**round_no))

    # -- 1. checking and planning ------------------------------------------------

    async def _prepare(self, active: list[_Work]) -> None:
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
        problems = await self._guard(self.catalogue.load(needs))
        self.stats.catalogue = self.catalogue.requests
        with self.db.atomic():
            for w in todo:
                self._plan(w, problems)

    def _recheck(self, w: _Work) -> None:
        """A target deleted, moved to another client or no longer valid since the decision: conflict."""
        d = w.decision
        try:
            draft = validate(self.db, d.kind, inputs_of(d.kind, d.fields))
        except ValidationError as error:
            self._settle(d, CONFLICT, f"the cache changed since this decision: {error.in_one_line}")
            return
        moved_from, moved_to = d.fields.get("client"), draft.fields.get("client")
        if d.kind in ("comment", "postpone", "result") and moved_from != moved_to:
            self._settle(
                d, CONFLICT,
                f"task {d.target_gid} moved from client {d.fields.get('client_name') or moved_from} to "
                f"{draft.fields.get('client_name') or moved_to} since the decision; retry to send it anyway, or discard it",
            )
            return
        d.fields = {**d.fields, **draft.fields}

    def _plan(self, w: _Work, problems: dict[str, Exception]) -> None:
        d = w.decision
        need = catalogue_need(d)
        if need and need[0] in problems:
            problem = problems[need[0]]
            gone = getattr(problem, "status", None) in CONFLICT_STATUSES
            self._settle(d, CONFLICT if gone else FAILED, f"the fields of client project {need[0]} cannot be read in Asana: {problem}")
            return
        try:
            w.stages = stages(
                d, db=self.db, config=self.config,
                catalogue=self.catalogue.get(need[0]) if need else None, meeting=self._meeting(d.meeting_id),
            )
        except CatalogueError as error:
            self._settle(d, FAILED, str(error))

    def _meeting(self, meeting_id: str | None) -> Meeting | None:
        if meeting_id and meeting_id not in self._meetings:
            try:
                self._meetings[meeting_id] = get_meeting(self.db, meeting_id)
            except NotFoundError:
                self._meetings[meeting_id] = None
        return self._meetings.get(meeting_id) if meeting_id else None

    # -- 2. looking for earlier writes ---------------------------------------------

    async def _look(self, active: list[_Work]) -> None:
        """Resolve every unclear step: creates are looked for by marker, idempotent ones are simply sent again."""
        wanted: dict[Look, list[tuple[_Work, Step]]] = defaultdict(list)
        for w in active:
            d = w.decision
            if d.state != PENDING or not d.progress.unclear or w.stages is None:
                continue
            for name in list(d.progress.unclear):
                step = w.step(name)
                if step is None or not step.creates:
                    d.progress.unclear.remove(name)
                    self._failed_try(w)
                else:
                    wanted[step.look].append((w, step))
        if not wanted:
            return
        if not clock_known(self.client) and any(look.kind != "stories" for look in wanted):
            await self._guard(self._read_clock())
        looks = list(wanted)
        found = await asyncio.gather(*(self._guard(self._find(look, wanted[look])) for look in looks), return_exceptions=True)
        with self.db.atomic():
            for look, outcome in zip(looks, found):
                self._apply_look(look, wanted[look], outcome)
            for w in active:
                outbox.save(self.db, w.decision)

    async def _find(self, look: Look, entries: list[tuple[_Work, Step]]) -> list[dict]:
        """The records under `look` created since the earliest of these decisions' first send."""
        since = min(look_since(w.decision.progress.since or w.decision.created_at, self.client)
                    for w, _ in entries)
        self.stats.lookups += 1
        if look.kind == "stories":
            return await self.client.get_all(f"/tasks/{look.gid}/stories", fields=STORY_LOOK_FIELDS)
        if look.kind == "status":
            return await self.client.get_all("/status_updates", params={"parent": look.gid, "created_since": since}, fields=STATUS_UPDATE_FIELDS)
        return await self.client.get_all("/tasks", params={"project": look.gid, "modified_since": since}, fields=TASK_LOOK_FIELDS)

    async def _read_clock(self) -> None:
        """Learn Asana's time (any answer's `Date`) before a look-up whose writes may be stamped on this machine's clock."""
        from podview.sync.errors import AsanaError

        with contextlib.suppress(AsanaError):
            await self.client.get("/users/me", fields=("name",))

    def _apply_look(self, look: Look, entries: list[tuple[_Work, Step]], outcome: Any) -> None:
        from podview.sync.errors import AsanaError

        if isinstance(outcome, _Stop):
            raise outcome
        if isinstance(outcome, AsanaError) and outcome.status in CONFLICT_STATUSES:
            for w, step in entries:
                _discard(w.decision.progress.unclear, step.name)
                self._settle(w.decision, CONFLICT, f"the target is gone or out of reach in Asana ({outcome})")
            return
        if isinstance(outcome, BaseException):
            for w, _ in entries:
                self._failed_try(w)
                w.decision.error = f"could not check Asana for an earlier send ({outcome}); will check again"
            return
        by_marker = {}
        for record in outcome:
            for marker in markers_in(record.get("text") or record.get("notes")):
                by_marker.setdefault(marker, record)
        for w, step in entries:
            _discard(w.decision.progress.unclear, step.name)
            record = by_marker.get(w.decision.id)
            if record is not None:
                self._done(w, step, record)
            else:
                self._failed_try(w)

    # -- 3. sending ---------------------------------------------------------------

    def _ready(self, work: list[_Work]) -> list[Step]:
        """The next steps to send, oldest decision first, at most one step per lane."""
        busy: set[str] = set()
        ready: list[Step] = []
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
                    ready.append(step)
                if step.lane:
                    busy.add(step.lane)
        return ready

    async def _send(self, ready: list[Step], work: dict[str, _Work]) -> None:
        """Send the steps in batches, `parallel` batches at a time; stop everything on _Stop."""
        batches = _pack(ready, self.batch_size)
        gate = asyncio.Semaphore(self.parallel)

        async def one_batch(steps: list[Step]) -> None:
            async with gate:
                if not self._stop:
                    await self._batch(steps, work)

        try:
            async with asyncio.TaskGroup() as group:
                for steps in batches:
                    group.create_task(one_batch(steps))
        except BaseExceptionGroup as group:
            raise group.exceptions[0] from None
        if self._stop:
            raise _Stop(self._stop)

    async def _batch(self, steps: list[Step], work: dict[str, _Work]) -> None:
        from podview.sync.errors import AsanaError, AsanaUnreachable, AuthError, UnclearWriteError

        touched = {step.decision_id: work[step.decision_id] for step in steps}
        fresh = {key for key, w in touched.items() if w.decision.progress.since is None}
        self._mark_unclear(steps, touched)
        self.stats.batches += 1
        self.stats.actions += len(steps)
        self.stats.resent += sum((step.decision_id, step.name) in self._sent for step in steps)
        self._sent.update((step.decision_id, step.name) for step in steps)
        try:
            answers = await self.client.batch([step.action() for step in steps])
        except UnclearWriteError as error:
            self._unclear(steps, touched, str(error))
            return
        except (AsanaUnreachable, AuthError) as error:
            self._restore(steps, touched, fresh)
            self._stop = str(error)
            return
        except AsanaError as error:
            self._refused(steps, touched, str(error))
            return
        if self.after_batch:
            self.after_batch(steps, answers)
        with self.db.atomic():
            for w in touched.values():
                w.decision.attempts += 1
            for step, answer in zip(steps, answers):
                self._answer(touched[step.decision_id], step, answer)
            self._finish_complete(touched.values(), commit=False)
            for w in touched.values():
                outbox.save(self.db, w.decision)

    def _mark_unclear(self, steps: list[Step], touched: dict[str, _Work]) -> None:
        """Commit, before sending, that these steps may land: a crash from here on leaves them to verify."""
        with self.db.atomic():
            for step in steps:
                progress = touched[step.decision_id].decision.progress
                progress.since = progress.since or write_stamp(self.client)
                if step.name not in progress.unclear:
                    progress.unclear.append(step.name)
            for w in touched.values():
                outbox.save(self.db, w.decision)

    def _unclear(self, steps: list[Step], touched: dict[str, _Work], message: str) -> None:
        """The batch may or may not have landed: keep every step unclear, to be verified next round."""
        self.stats.unclear += len(steps)
        self.stats.unclear_creates += sum(step.creates for step in steps)
        with self.db.atomic():
            for w in touched.values():
                w.decision.attempts += 1
                w.decision.error = f"no clear answer from Asana ({message}); it will be checked before sending again"
                outbox.save(self.db, w.decision)

    def _restore(self, steps: list[Step], touched: dict[str, _Work], fresh: set[str]) -> None:
        """The batch never reached Asana: undo the marks made for it, so the rows are as they were."""
        with self.db.atomic():
            for step in steps:
                _discard(touched[step.decision_id].decision.progress.unclear, step.name)
            for key, w in touched.items():
                if key in fresh:
                    w.decision.progress.since = None
                outbox.save(self.db, w.decision)

    def _refused(self, steps: list[Step], touched: dict[str, _Work], message: str) -> None:
        """The whole batch was rejected (a malformed request): nothing landed, every decision in it failed."""
        with self.db.atomic():
            for w in touched.values():
                w.decision.progress.unclear.clear()
                self._settle(w.decision, FAILED, message, commit=False)

    def _answer(self, w: _Work, step: Step, answer: dict) -> None:
        """Apply one action's answer: done (and the cache follows), retry later, conflict or failed."""
        d = w.decision
        status = int(answer.get("status_code") or 0)
        body = answer.get("body") if isinstance(answer.get("body"), dict) else {}
        if 200 <= status < 300:
            _discard(d.progress.unclear, step.name)
            self._done(w, step, body.get("data") or {})
            return
        message = f"Asana answered {status} to {step.method} {step.path}: {_message(body)}"
        if status >= 500:
            self.stats.unclear += 1
            if step.creates:
                self.stats.unclear_creates += 1
            else:
                _discard(d.progress.unclear, step.name)
                self._failed_try(w)
            d.error = message
            return
        _discard(d.progress.unclear, step.name)
        if status == 429:
            self._failed_try(w)
            d.error = message
        elif status in CONFLICT_STATUSES:
            self._settle(d, CONFLICT, f"the target is gone or out of reach in Asana ({message})", commit=False)
        else:
            self._settle(d, FAILED, message, commit=False)

    def _failed_try(self, w: _Work) -> None:
        """A send that did not land (or must be repeated): counts towards parking, and asks for a pause."""
        w.tries += 1
        self._retry = True

    def _done(self, w: _Work, step: Step, record: dict) -> None:
        """Record a finished step and let the cache follow what Asana now holds."""
        w.decision.progress.done[step.name] = str(record.get("gid") or "")
        if step.name in ("update", "create") and record.get("gid"):
            self.follower.task(record)
        elif step.name == "status" and record.get("gid"):
            parent = step.data["parent"]
            self.follower.status_update(record, parent, "goal" if w.decision.kind == "goal" else "project")
        elif step.name == "metric" and record.get("gid"):
            self.follower.goal(record)

    def _finish_complete(self, work: Any, commit: bool = True) -> None:
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

    # -- endings ------------------------------------------------------------------

    def _settle(self, d: Decision, state: str, message: str, commit: bool = True) -> None:
        """Leave `pending` for good (until the user acts): failed or conflict, with the reason."""
        d.state, d.error, d.next_attempt_at = state, message, None
        with self.db.atomic() if commit else contextlib.nullcontext():
            outbox.save(self.db, d)

    def _park_failures(self, work: list[_Work]) -> None:
        """Decisions still pending after failing in this push wait out a backoff before a worker tries again."""
        with self.db.atomic():
            for w in work:
                if w.decision.state == PENDING and w.tries:
                    w.decision.next_attempt_at = outbox.later(w.decision.attempts)
                    outbox.save(self.db, w.decision)

    def _result(self, work: list[_Work]) -> PushResult:
        result = PushResult(stats=self.stats, stopped=self._stop)
        lists = {SENT: result.sent, FAILED: result.failed, CONFLICT: result.conflict, PENDING: result.pending}
        for w in work:
            lists.get(w.decision.state, result.pending).append(w.decision.id)
        return result

    async def _guard(self, awaitable: Any) -> Any:
        """Run a read; Asana unreachable or refusing the token stops the push."""
        from podview.sync.errors import AsanaUnreachable, AuthError

        try:
            return await awaitable
        except (AsanaUnreachable, AuthError) as error:
            raise _Stop(str(error)) from None


def _pack(steps: list[Step], size: int) -> list[list[Step]]:
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


def _discard(items: list[str], name: str) -> None:
    if name in items:
        items.remove(name)


def _message(body: dict) -> str:
    errors = body.get("errors") if isinstance(body, dict) else None
    if isinstance(errors, list) and errors and isinstance(errors[0], dict):
        return str(errors[0].get("message") or "no message")
    return "no message"


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
    **sender_options: Any,
) -> PushResult:
    """Open the cache and a client, push, close both (what `push`, `decide` and a TUI worker call)."""
    from podview.cache import open_cache
    from podview.sync.client import AsanaClient

    db = open_cache(cache_path)
    try:
        async with AsanaClient(token, url=url, **CLIENT_OPTIONS[mode]) as client:
            return await Sender(db, client, config, **sender_options).push(ids, due_only=due_only)
    finally:
        db.conn.close()
