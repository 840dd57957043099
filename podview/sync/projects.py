"""Reading the projects of a sync: only what changed where an events token still works, else all of it.

Each project is one staged unit (staging.py), read concurrently with a
bound on how many at once, so a big workspace finishes each project (and
frees its memory) early and an interrupted sync resumes where it stopped.
On an incremental sync the events of every cached project are asked for in
batches while the team listings are still being read (the prefetch).

Client projects are read within the lookback; training projects (staged
as `training:` units) whole, whatever a module's completion date, and
followed with events the same way.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import fields as dataclass_fields
from datetime import UTC, datetime
from typing import Any

from podview.cache.store import ProjectRows
from podview.sync import dump as fields
from podview.sync.discovery import Discovery
from podview.sync.errors import ForbiddenError, NotFoundError, SyncTokenExpired
from podview.sync.load import now_utc
from podview.sync.mapper import Mapper, ProjectContext
from podview.sync.progress import SyncResult
from podview.sync.staging import Staging
from podview.sync.tasks import gather_all, take_outcome

REREAD_ABOVE = 40
"""More changed tasks than this in one project: reading the project again is cheaper than one GET each."""


class ProjectReader:
    """Reads every client project of one sync into staging, reporting progress as projects finish."""

    def __init__(
        self,
        client: Any,
        mapper: Mapper,
        cutoff: datetime,
        *,
        concurrency: int,
        report: Callable[..., None],
    ) -> None:
        """`report(stage, **changes)` updates the sync's progress; `cutoff` is where the lookback starts."""
        self.client = client
        self.mapper = mapper
        self.cutoff = cutoff
        self._report = report
        self._early: asyncio.Future | None = None
        self._at_once = asyncio.Semaphore(concurrency)
        self._tasks = 0

    async def read_all(self, discovery: Discovery, known: dict, mode: str, staging: Staging, result: SyncResult) -> None:
        """Stage every project not staged yet; one that cannot be read is skipped and named in `result`."""
        contexts = {gid: self.mapper.project_context(project) for gid, (project, _) in discovery.projects.items()}
        training = discovery.training or {}
        every = [*discovery.projects, *training]
        pending = [gid for gid in every if not _staged(staging, gid)]
        done = len(every) - len(pending)
        self._report("tasks", projects_done=done, projects_total=len(every))
        if self._early is not None:
            early = await self._early
        else:
            early = await self.client.events_many({gid: None for gid in pending}) if pending else {}

        async def one(gid: str) -> None:
            nonlocal done
            is_training = gid in training and gid not in discovery.projects
            project = training[gid] if is_training else discovery.projects[gid][0]
            try:
                async with self._at_once:
                    if is_training:
                        unit = await self._read_training(gid, project, training, known, mode, early.get(gid))
                    else:
                        pod_gid = discovery.projects[gid][1]
                        unit = await self._read_project(gid, project, pod_gid, contexts, known, mode, early.get(gid))
            except (ForbiddenError, NotFoundError) as error:
                result.skipped.append(f"{project.get('name') or gid}: {error}")
                return
            staging.put(f"{'training' if is_training else 'project'}:{gid}", unit)
            done += 1
            self._tasks += len(unit["modules"] if is_training else unit["rows"]["tasks"])
            self._report("tasks", projects_done=done, tasks=self._tasks)

        await gather_all(*(one(gid) for gid in pending))

    def prefetch(self, known: dict, staging: Staging) -> None:
        """Ask, in batches, for the events of every cached project while the team listings are read."""
        tokens = {gid: token for gid, token in known["tokens"].items() if not _staged(staging, gid)}
        if tokens:
            self._early = asyncio.ensure_future(self.client.events_many(tokens))
            self._early.add_done_callback(take_outcome)

    async def drop_prefetched(self) -> None:
        """End the prefetch whatever stopped the run: cancelled if still asking, awaited either way, so no request outlives the sync."""
        early, self._early = self._early, None
        if early is not None:
            early.cancel()
            await asyncio.wait([early])

    async def _read_project(
        self, gid: str, project: dict, pod_gid: str, contexts: dict, known: dict, mode: str, early: Any = None
    ) -> dict:
        """One project: only its changes when its events token still works, else all of it.

        `early` is the outcome of this project's events call when it was asked
        in a batch ahead of time: `(events, token)` or the exception it raised.
        """
        token, outcome = await self._events(gid, known, mode, early)
        if isinstance(outcome, str | None):
            return await self._read_whole(gid, project, pod_gid, contexts, outcome)
        events, new_token = outcome
        return await self._read_changes(gid, project, pod_gid, contexts, known, events, new_token)

    async def _events(self, gid: str, known: dict, mode: str, early: Any) -> tuple[str | None, Any]:
        """The project's events since its token: `(events, new token)`, or just the token to read it whole with."""
        token = known["tokens"].get(gid) if mode == "incremental" else None
        try:
            outcome = early if early is not None else await self.client.events(gid, token)
            if isinstance(outcome, Exception):
                raise outcome
        except SyncTokenExpired as expired:
            return token, expired.sync
        if not token:
            return token, outcome[1]
        return token, outcome

    async def _read_training(
        self, gid: str, project: dict, training: dict, known: dict, mode: str, early: Any = None
    ) -> dict:
        """One training project: every top-level task it owns (no lookback), or only the changed ones."""
        _, outcome = await self._events(gid, known, mode, early)
        if not isinstance(outcome, str | None):
            events, token = outcome
            changed, deleted, _ = _changes(gid, events)
            if len(changed) <= REREAD_ABOVE:
                fetched = await gather_all(*(self._task(task_gid) for task_gid in changed))
                gone = set(deleted)
                gone.update(g for g, task in zip(changed, fetched) if not task or not self.mapper.module_owner(task, training))
                tasks = [task for task in fetched if task]
                return self._training_unit(project, training, tasks, token, replace=False, deleted=gone)
            outcome = token
        tasks = await self.client.get_all(f"/projects/{gid}/tasks", fields=fields.TASK_FIELDS)
        return self._training_unit(project, training, tasks, outcome, replace=True, deleted=set())

    def _training_unit(
        self, project: dict, training: dict, tasks: list, token: str | None, *, replace: bool, deleted: set
    ) -> dict:
        """The staged unit of a training project: its row, the modules it names (each under its owner), what left."""
        modules, users = [], []
        for task in tasks:
            owner = self.mapper.module_owner(task, training)
            if owner is not None:
                module, user = self.mapper.module_row(task, owner)
                modules.append(module)
                users.extend([user] if user else [])
        row = self.mapper.training_project_row(project)
        return {"project": row, "modules": modules, "users": users, "replace": replace, "deleted": sorted(deleted), "token": token}

    async def _read_whole(self, gid: str, project: dict, pod_gid: str, contexts: dict, token: str | None) -> dict:
        """Every task of the project in the lookback, its status updates and goals."""
        tasks, updates, goals = await gather_all(
            self.client.get_all(
                f"/projects/{gid}/tasks", params={"completed_since": stamp(self.cutoff)}, fields=fields.TASK_FIELDS
            ),
            self._status_updates(gid),
            self.client.get_all("/goals", params={"project": gid}, fields=fields.GOAL_FIELDS),
        )
        rows = self._client_rows(gid, project, pod_gid, contexts[gid], updates)
        for task in tasks:
            if self.mapper.owner(task, contexts) == gid and self._in_lookback(task):
                self.mapper.task_rows(task, contexts[gid], now_utc(), rows)
        return {"rows": _plain(rows), "replace": True, "deleted": [], "token": token, "updates": updates, "goals": goals}

    async def _read_changes(
        self, gid: str, project: dict, pod_gid: str, contexts: dict, known: dict, events: list[dict], token: str | None
    ) -> dict:
        """Only what the events name: changed tasks fetched, deleted ones dropped, status re-read if it moved."""
        changed, deleted, project_touched = _changes(gid, events)
        if len(changed) > REREAD_ABOVE:
            return await self._read_whole(gid, project, pod_gid, contexts, token)
        status_moved = project_touched or _status_gid(project) != known["status_gids"].get(gid)
        updates = await self._status_updates(gid) if status_moved else None
        rows = self._client_rows(gid, project, pod_gid, contexts[gid], updates)
        fetched = await gather_all(*(self._task(task_gid) for task_gid in changed))
        gone = set(deleted)
        for task_gid, task in zip(changed, fetched):
            owner = self.mapper.owner(task, contexts) if task else None
            if owner is None or not self._in_lookback(task):
                gone.add(task_gid)
            else:
                self.mapper.task_rows(task, contexts[owner], now_utc(), rows)
        return {"rows": _plain(rows), "replace": False, "deleted": sorted(gone), "token": token, "updates": updates, "goals": None}

    async def _task(self, gid: str) -> dict | None:
        try:
            return await self.client.get(f"/tasks/{gid}", fields=fields.TASK_FIELDS)
        except NotFoundError:
            return None

    async def _status_updates(self, gid: str) -> list[dict]:
        """The newest page of the project's status updates (newest first): its health and recent history."""
        async for page in self.client.pages("/status_updates", params={"parent": gid}, fields=fields.STATUS_UPDATE_FIELDS):
            return page
        return []

    def _client_rows(self, gid: str, project: dict, pod_gid: str, context: ProjectContext, updates: list[dict] | None) -> ProjectRows:
        latest = (updates or [None])[0] if updates is not None else None
        client, values = self.mapper.client_row(project, pod_gid, context, latest)
        if updates is None:
            for key in ("status", "status_title", "status_at", "status_gid"):
                client.pop(key)
        return ProjectRows(client=client, field_values=values)

    def _in_lookback(self, task: dict) -> bool:
        """Incomplete, or completed within the lookback: what a full read lists."""
        if not task.get("completed"):
            return True
        completed_at = task.get("completed_at")
        return not completed_at or completed_at >= stamp(self.cutoff)


def stamp(moment: datetime) -> str:
    """A moment as Asana writes timestamps (UTC, milliseconds, `Z`), so stamps compare as strings."""
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _changes(project_gid: str, events: list[dict]) -> tuple[list[str], list[str], bool]:
    """Tasks to fetch, tasks deleted, and whether the project itself (or its status) changed."""
    changed: dict[str, None] = {}
    deleted: dict[str, None] = {}
    touched = False
    for event in events:
        resource = event.get("resource") or {}
        kind, gid = resource.get("resource_type"), resource.get("gid")
        if not gid:
            continue
        if kind == "task":
            if event.get("action") == "deleted":
                deleted[gid] = None
                changed.pop(gid, None)
            else:
                changed[gid] = None
                deleted.pop(gid, None)
        elif kind in ("project", "status_update", "project_status") or gid == project_gid:
            touched = True
    return list(changed), list(deleted), touched


def _staged(staging: Staging, gid: str) -> bool:
    return staging.has(f"project:{gid}") or staging.has(f"training:{gid}")


def _plain(rows: ProjectRows) -> dict:
    """ProjectRows as a JSON-ready dict without copying its rows (asdict would deep-copy 50k dicts)."""
    return {f.name: getattr(rows, f.name) for f in dataclass_fields(rows)}


def _status_gid(project: dict) -> str | None:
    update = project.get("current_status_update")
    return str(update["gid"]) if isinstance(update, dict) and update.get("gid") else None
