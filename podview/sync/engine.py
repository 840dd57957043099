"""The sync engine: Asana → staging → cache, full or incremental.

Full: workspace → pod teams → members → client projects (with custom field
settings and facts) → for each project, concurrently: an events sync token
first (so nothing that changes during the read is missed), its tasks (every
incomplete one plus those completed within the lookback), its goals and its
status updates.

Incremental: the team listings (new, renamed, archived projects; facts), then
one events call per client project to learn what changed, and only the
changed tasks are fetched. A project whose token expired (412) is read in
full again. Goals are re-read with one workspace listing.

Every unit read is staged (see staging.py) and the cache is written once, at
the end, in one transaction.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from dataclasses import fields as dataclass_fields
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from podview.cache import open_cache
from podview.cache.store import (
    ProjectRows,
    save_due_date_changes,
)
from podview.config import Config
from podview.sync import dump as fields
from podview.sync import write
from podview.sync.client import AsanaClient
from podview.sync.errors import AsanaError, ForbiddenError, NotFoundError, SyncTokenExpired
from podview.sync.load import NoPodsError, no_pods_message, now_utc
from podview.sync.lock import holding
from podview.sync.mapper import Mapper, ProjectContext
from podview.sync.staging import Staging
from podview.sync.tasks import gather_all, take_outcome

REREAD_ABOVE = 40
"""More changed tasks than this in one project: reading the project again is cheaper than one GET each."""


class WorkspaceError(AsanaError):
    """The workspace to sync cannot be chosen; the message says what to configure."""


class DemoCacheError(AsanaError):
    """The cache holds the demo agency; a real sync must not mix into it."""


@dataclass
class SyncProgress:
    """A snapshot of a running sync, sent to the progress callback."""

    stage: str
    projects_done: int = 0
    projects_total: int = 0
    tasks: int = 0
    requests: int = 0
    waited: float = 0.0


@dataclass
class SyncResult:
    """What a sync did, for the summary line and the exit code."""

    mode: str
    pods: int = 0
    projects: int = 0
    tasks_written: int = 0
    tasks_deleted: int = 0
    requests: int = 0
    waited: float = 0.0
    resumed: int = 0
    skipped: list[str] = field(default_factory=list)

    @property
    def partial(self) -> bool:
        """Some projects could not be read (exit code 3)."""
        return bool(self.skipped)


@dataclass
class Discovery:
    """What the fixed calls found: the workspace, pods, people and client projects."""

    workspace: dict
    pods: list[dict]
    members: dict[str, list[dict]]
    projects: dict[str, tuple[dict, str]]
    complete: bool = True


class SyncEngine:
    """Runs one sync of one workspace into one cache."""

    def __init__(
        self,
        client: AsanaClient,
        cache_path: Path,
        config: Config,
        *,
        today: date,
        progress: Callable[[SyncProgress], None] | None = None,
        project_concurrency: int = 40,
    ) -> None:
        """`project_concurrency` bounds the projects read at once, so each finishes (and leaves memory) early."""
        self.client = client
        self.cache_path = Path(cache_path)
        self.config = config
        self.today = today
        self.mapper = Mapper(config)
        self._progress = progress
        self._state = SyncProgress("starting")
        self._early: asyncio.Future | None = None
        self._projects_at_once = asyncio.Semaphore(project_concurrency)
        self.cutoff = datetime.combine(today - timedelta(weeks=config.asana.lookback_weeks), time.min, tzinfo=UTC)

    # -- the run ----------------------------------------------------------

    async def run(self, *, full: bool = False, audit: bool = False, wait: bool = True) -> SyncResult:
        """Sync; raises AuthError/AsanaUnreachable/WorkspaceError without touching the cache.

        One sync at a time per cache (lock.py): while another one runs, this one
        reports the stage `waiting` and waits for it, or, with `wait=False`,
        raises SyncBusyError.
        """
        async with holding(self.cache_path, wait=wait, on_wait=lambda: self._report("waiting")):
            return await self._run(full, audit)

    async def _run(self, full: bool, audit: bool) -> SyncResult:
        db = open_cache(self.cache_path)
        try:
            known = _cached_state(db)
            if known["demo"]:
                raise DemoCacheError(
                    f"{self.cache_path} holds the demo agency. Point PODVIEW_DB at another file for your real workspace."
                )
            mode = "full" if full or not known["synced"] else "incremental"
            staging = Staging.open(self.cache_path, mode)
            result = SyncResult(mode=mode, resumed=staging.resumed)
            try:
                if mode == "incremental":
                    self._prefetch_events(known, staging)
                discovery = await self._discover(known, mode)
                result.pods = len(discovery.pods)
                result.projects = len(discovery.projects)
                await gather_all(
                    self._read_projects(discovery, known, mode, staging, result),
                    self._read_goals(discovery, known, mode, staging),
                )
                self._report("writing")
                self._apply(db, discovery, mode, staging, result)
                if audit:
                    await self._audit(db, staging)
                    with db.atomic():
                        for key, unit in staging.units("audit:"):
                            save_due_date_changes(db, key.split(":", 1)[1], unit["changes"])
            finally:
                await self._drop_prefetched()
                staging.close()
            staging.remove()
        finally:
            db.conn.close()
        result.requests = self.client.stats.requests
        result.waited = self.client.stats.waited
        self._report("done")
        return result

    def _report(self, stage: str, **changes: Any) -> None:
        self._state.stage = stage
        for key, value in changes.items():
            setattr(self._state, key, value)
        self._state.requests = self.client.stats.requests
        self._state.waited = self.client.stats.waited
        if self._progress:
            self._progress(SyncProgress(**asdict(self._state)))

    # -- discovery (the fixed calls) ---------------------------------------

    async def _discover(self, known: dict, mode: str) -> Discovery:
        self._report("workspace")
        workspace = known["workspace"] if mode == "incremental" and known["workspace"] else await self._workspace()
        teams = await self.client.get_all(f"/workspaces/{workspace['gid']}/teams", fields=fields.TEAM_FIELDS)
        pods = [team for team in teams if team.get("gid") and self.mapper.is_pod(team)]
        if not pods:
            raise NoPodsError(no_pods_message(self.config, [t.get("name") for t in teams]))
        self._report("projects")
        members: dict[str, list[dict]] = {}
        listings = await gather_all(*(self._team(team, mode, members) for team in pods))
        projects: dict[str, tuple[dict, str]] = {}
        complete = True
        for team, listing in zip(pods, listings):
            if listing is None:
                complete = False
                continue
            for project in listing:
                if project.get("gid") and self.mapper.is_client(project):
                    projects[str(project["gid"])] = (project, str(team["gid"]))
        return Discovery(workspace, pods, members, projects, complete)

    async def _workspace(self) -> dict:
        """The configured workspace (gid or name), else the user's only one."""
        me = await self.client.get("/users/me", fields=("name", "workspaces.name"))
        spaces = [w for w in (me or {}).get("workspaces") or [] if w.get("gid")]
        wanted = self.config.asana.workspace
        if wanted:
            for space in spaces:
                if wanted.strip() in (space["gid"], (space.get("name") or "").strip()):
                    return space
            raise WorkspaceError(f"No workspace {wanted!r} for this token; yours: {_names(spaces)}. Fix [asana] workspace.")
        if len(spaces) != 1:
            raise WorkspaceError(
                f"This token belongs to {len(spaces)} workspaces ({_names(spaces)}); "
                "say which one in the config file: [asana] workspace = \"…\"."
            )
        return spaces[0]

    async def _team(self, team: dict, mode: str, members: dict) -> list[dict] | None:
        """A pod's client projects (and, on a full sync, its members); None when the team is not readable."""
        try:
            if mode == "full":
                members[str(team["gid"])] = await self.client.get(f"/teams/{team['gid']}/users", fields=fields.USER_FIELDS) or []
            return await self.client.get_all(
                f"/teams/{team['gid']}/projects", params={"archived": "false"}, fields=fields.PROJECT_FIELDS
            )
        except (ForbiddenError, NotFoundError):
            return None

    # -- projects ---------------------------------------------------------

    async def _read_projects(self, discovery: Discovery, known: dict, mode: str, staging: Staging, result: SyncResult) -> None:
        contexts = {gid: self.mapper.project_context(project) for gid, (project, _) in discovery.projects.items()}
        pending = [gid for gid in discovery.projects if not staging.has(f"project:{gid}")]
        done = len(discovery.projects) - len(pending)
        self._report("tasks", projects_done=done, projects_total=len(discovery.projects))
        if self._early is not None:
            early = await self._early
        else:
            early = await self.client.events_many({gid: None for gid in pending}) if pending else {}

        async def one(gid: str) -> None:
            nonlocal done
            project, pod_gid = discovery.projects[gid]
            try:
                async with self._projects_at_once:
                    unit = await self._read_project(gid, project, pod_gid, contexts, known, mode, early.get(gid))
            except (ForbiddenError, NotFoundError) as error:
                result.skipped.append(f"{project.get('name') or gid}: {error}")
                return
            staging.put(f"project:{gid}", unit)
            done += 1
            self._report("tasks", projects_done=done, tasks=self._state.tasks + len(unit["rows"]["tasks"]))

        await gather_all(*(one(gid) for gid in pending))

    async def _read_project(
        self, gid: str, project: dict, pod_gid: str, contexts: dict, known: dict, mode: str, early: Any = None
    ) -> dict:
        """One project: only its changes when its events token still works, else all of it.

        `early` is the outcome of this project's events call when it was asked
        in a batch ahead of time: `(events, token)` or the exception it raised.
        """
        token = known["tokens"].get(gid) if mode == "incremental" else None
        try:
            outcome = early if early is not None else await self.client.events(gid, token)
            if isinstance(outcome, Exception):
                raise outcome
        except SyncTokenExpired as expired:
            return await self._read_whole(gid, project, pod_gid, contexts, expired.sync)
        events, new_token = outcome
        if not token:
            return await self._read_whole(gid, project, pod_gid, contexts, new_token)
        return await self._read_changes(gid, project, pod_gid, contexts, known, events, new_token)

    def _prefetch_events(self, known: dict, staging: Staging) -> None:
        """Ask, in batches, for the events of every cached project while the team listings are read."""
        tokens = {gid: token for gid, token in known["tokens"].items() if not staging.has(f"project:{gid}")}
        if tokens:
            self._early = asyncio.ensure_future(self.client.events_many(tokens))
            self._early.add_done_callback(take_outcome)

    async def _drop_prefetched(self) -> None:
        """End the prefetch whatever stopped the run: cancelled if still asking, awaited either way, so no request outlives the sync."""
        early, self._early = self._early, None
        if early is not None:
            early.cancel()
            await asyncio.wait([early])

    async def _read_whole(self, gid: str, project: dict, pod_gid: str, contexts: dict, token: str | None) -> dict:
        """Every task of the project in the lookback, its status updates and goals."""
        tasks, updates, goals = await gather_all(
            self.client.get_all(
                f"/projects/{gid}/tasks", params={"completed_since": _stamp(self.cutoff)}, fields=fields.TASK_FIELDS
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
        stamp = task.get("completed_at")
        return not stamp or stamp >= _stamp(self.cutoff)

    # -- goals and audit --------------------------------------------------

    async def _read_goals(self, discovery: Discovery, known: dict, mode: str, staging: Staging) -> None:
        """Incremental: one workspace listing refreshes every known goal (full reads get goals per project)."""
        if mode != "incremental" or staging.has("goals"):
            return
        goals = await self.client.get_all(
            "/goals", params={"workspace": discovery.workspace["gid"]}, fields=fields.GOAL_FIELDS
        )
        staging.put("goals", {"goals": [g for g in goals if g.get("gid") in known["goal_gids"]]})

    async def _audit(self, db: Any, staging: Staging) -> None:
        """Due-date history of weekly goals in the lookback whose history is unread (new, or due date changed).

        Runs after the tasks are in the cache, and writes in its own
        transaction: a goal without its history yet is still a whole goal.
        """
        self._report("audit")
        rows = db.execute(
            "SELECT gid FROM tasks WHERE kind = 'weekly_goal' AND history_read = 0 AND fixed_due_on >= ?",
            [self.cutoff.date().isoformat()],
        ).fetchall()
        todo = [row[0] for row in rows if not staging.has(f"audit:{row[0]}")]

        async def one(gid: str) -> None:
            try:
                stories = await self.client.get_all(f"/tasks/{gid}/stories", fields=fields.STORY_FIELDS)
            except NotFoundError:
                return
            staging.put(f"audit:{gid}", {"changes": self.mapper.due_date_change_rows(gid, stories)})

        await gather_all(*(one(gid) for gid in todo))

    # -- writing the cache, once ------------------------------------------

    def _apply(self, db: Any, discovery: Discovery, mode: str, staging: Staging, result: SyncResult) -> None:
        started = staging.meta("started")
        with db.atomic():
            write.write_discovery(db, discovery, self.mapper)
            for key, unit in staging.units("project:"):
                gid = key.split(":", 1)[1]
                result.tasks_written += len(unit["rows"]["tasks"])
                result.tasks_deleted += len(unit["deleted"])
                write.write_project(db, gid, unit)
            for _, unit in staging.units("goals"):
                write.write_goals(db, unit["goals"], None)
            if discovery.complete:
                write.prune_clients(db, set(discovery.projects), {str(p["gid"]) for p in discovery.pods})
            if mode == "incremental":
                db.execute("DELETE FROM tasks WHERE completed = 1 AND completed_at < ?", [_stamp(self.cutoff)])
            db["syncs"].insert(
                {
                    "source": "asana",
                    "mode": mode,
                    "started_at": started,
                    "finished_at": now_utc(),
                    "today": self.today.isoformat(),
                    "outcome": "partial" if result.skipped else "ok",
                    "detail": "; ".join(result.skipped) or None,
                }
            )


def _cached_state(db: Any) -> dict:
    """What the cache remembers from earlier syncs."""
    syncs = {row[0] for row in db.execute("SELECT DISTINCT source FROM syncs WHERE outcome IN ('ok', 'partial')")}
    workspace = db.execute("SELECT gid, name FROM workspaces LIMIT 1").fetchone()
    return {
        "demo": "demo" in syncs,
        "synced": "asana" in syncs,
        "workspace": {"gid": workspace[0], "name": workspace[1]} if workspace else None,
        "tokens": {row[0]: row[1] for row in db.execute("SELECT resource_gid, sync_token FROM sync_state WHERE sync_token IS NOT NULL")},
        "status_gids": {row[0]: row[1] for row in db.execute("SELECT gid, status_gid FROM clients")},
        "goal_gids": {row[0] for row in db.execute("SELECT gid FROM goals")},
    }


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


def _plain(rows: ProjectRows) -> dict:
    """ProjectRows as a JSON-ready dict without copying its rows (asdict would deep-copy 50k dicts)."""
    return {f.name: getattr(rows, f.name) for f in dataclass_fields(rows)}


def _status_gid(project: dict) -> str | None:
    update = project.get("current_status_update")
    return str(update["gid"]) if isinstance(update, dict) and update.get("gid") else None


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _names(spaces: list[dict]) -> str:
    return ", ".join(f"{s.get('name')} ({s['gid']})" for s in spaces) or "none"
