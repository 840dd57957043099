"""The sync engine: Asana → staging → cache, full or incremental.

Full: workspace → pod teams → members → client projects (with custom field
settings and facts) → for each project, concurrently: an events sync token
first (so nothing that changes during the read is missed), its tasks (every
incomplete one plus those completed within the lookback), its goals and its
status updates.

Incremental: the team listings (new, renamed, archived projects; facts), then
one events call per client project to learn what changed, and only the
changed tasks are fetched.

Training projects (any team; never clients) are found by one listing of the
workspace's projects and read like client projects, but whole: every
top-level task, whatever its completion date, followed by events after. A project whose token expired (412) is read in
full again. Goals are re-read with one workspace listing.

Every unit read is staged (see staging.py) and the cache is written once, at
the end, in one transaction.

This module runs a sync from start to end and writes the cache; the fixed
calls are in discovery.py, the reading of projects in projects.py, and what
a sync reports (SyncProgress, SyncResult) in progress.py, re-exported here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from podview.cache import open_cache
from podview.cache.store import save_due_date_changes
from podview.cache.training import prune_training
from podview.config import Config
from podview.figures.home_store import save_home
from podview.sync import dump as fields
from podview.sync import write
from podview.sync.client import AsanaClient
from podview.sync.discovery import Discovery, WorkspaceError, discover
from podview.sync.errors import AsanaError, NotFoundError
from podview.sync.load import now_utc
from podview.sync.lock import holding
from podview.sync.mapper import Mapper
from podview.sync.progress import SyncProgress, SyncResult
from podview.sync.projects import ProjectReader, stamp
from podview.sync.staging import Staging
from podview.sync.tasks import gather_all

__all__ = ["DemoCacheError", "Discovery", "SyncEngine", "SyncProgress", "SyncResult", "WorkspaceError"]


class DemoCacheError(AsanaError):
    """The cache holds the demo agency; a real sync must not mix into it."""


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
        self.cutoff = datetime.combine(today - timedelta(weeks=config.asana.lookback_weeks), time.min, tzinfo=UTC)
        self.reader = ProjectReader(client, self.mapper, self.cutoff, concurrency=project_concurrency, report=self._report)

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
                    self.reader.prefetch(known, staging)
                discovery = await discover(self.client, self.mapper, self.config, known, mode, self._report)
                result.pods = len(discovery.pods)
                result.projects = len(discovery.projects)
                result.training = len(discovery.training or {})
                await gather_all(
                    self.reader.read_all(discovery, known, mode, staging, result),
                    self._read_goals(discovery, known, mode, staging),
                )
                self._report("writing")
                self._apply(db, discovery, mode, staging, result)
                if audit:
                    await self._audit(db, staging)
                    with db.atomic():
                        for key, unit in staging.units("audit:"):
                            save_due_date_changes(db, key.split(":", 1)[1], unit["changes"])
                save_home(db.conn, today=self.today, config=self.config)
            finally:
                await self.reader.drop_prefetched()
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
            for key, unit in staging.units("training:"):
                result.tasks_written += len(unit["modules"])
                write.write_training(db, key.split(":", 1)[1], unit)
            if discovery.training is not None:
                prune_training(db, set(discovery.training))
            if mode == "incremental":
                db.execute("DELETE FROM tasks WHERE completed = 1 AND completed_at < ?", [stamp(self.cutoff)])
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
