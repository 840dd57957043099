"""Build small, hand-computable agencies straight into a fresh cache.

Figures tests describe a situation (a goal due Friday, completed Sunday 23:30
local…) and read the figure back; this builder writes the cache rows the way
the mapper would, including every due date "seen" and the fixed deadline.
"""

from __future__ import annotations

import itertools
import sqlite3
import unicodedata
from typing import Any

from podview.cache import reader_for
from podview.cache.store import refresh_fixed_due


def norm_name(name: str) -> str:
    """Same normalisation as the mapper: trimmed, casefolded, whitespace runs collapsed."""
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


class AgencyBuilder:
    """Writes pods, people, clients, tasks, goals and status updates with short calls."""

    def __init__(self, db: Any) -> None:
        self.db = db
        self._ids = itertools.count(1000)

    def _gid(self) -> str:
        return str(next(self._ids))

    def pod(self, name: str = "Pod Alpha", gid: str | None = None) -> str:
        gid = gid or self._gid()
        self.db["pods"].insert({"gid": gid, "workspace_gid": "1", "name": name}, pk="gid")
        return gid

    def user(self, name: str, gid: str | None = None, email: str | None = None, pod: str | None = None) -> str:
        gid = gid or self._gid()
        self.db["users"].insert({"gid": gid, "name": name, "email": email}, pk="gid")
        if pod:
            self.db["pod_members"].insert({"pod_gid": pod, "user_gid": gid})
        return gid

    def client(self, name: str, pod: str, gid: str | None = None, **facts: Any) -> str:
        """facts: mrr, client_since, monthly_budget, spend_mtd, cpa, target_cpa, status, status_at."""
        gid = gid or self._gid()
        row = {"gid": gid, "pod_gid": pod, "name": name, "has_type_field": 1}
        row.update(facts)
        self.db["clients"].insert(row, pk="gid")
        return gid

    def task(
        self,
        client: str,
        name: str = "Goal",
        kind: str = "weekly_goal",
        *,
        due_on: str | None = None,
        seen_due: tuple[str, ...] = (),
        original_due: str | None = None,
        postpone_reason: str | None = None,
        completed_at: str | None = None,
        created_at: str = "2026-01-01T09:00:00.000Z",
        assignee: str | None = None,
        tactic: str | None = None,
        result: str | None = None,
        confidence: float | None = None,
        gid: str | None = None,
        problems: tuple[str, ...] = (),
    ) -> str:
        """A task; `due_on` counts as seen, `seen_due` adds earlier due dates the cache saw."""
        gid = gid or self._gid()
        self.db["tasks"].insert(
            {
                "gid": gid,
                "client_gid": client,
                "name": name,
                "norm_name": norm_name(name),
                "kind": kind,
                "assignee_gid": assignee,
                "due_on": due_on,
                "original_due": original_due,
                "postpone_reason": postpone_reason,
                "tactic": tactic,
                "result": result,
                "confidence": confidence,
                "completed": 1 if completed_at else 0,
                "completed_at": completed_at,
                "created_at": created_at,
                "modified_at": created_at,
            },
            pk="gid",
        )
        for seen in (*seen_due, *([due_on] if due_on else [])):
            self.db["task_due_dates"].insert(
                {"task_gid": gid, "due_on": seen, "source": "sync", "first_seen": created_at},
                pk=("task_gid", "due_on", "source"),
                ignore=True,
            )
        for problem in problems:
            self.db["task_problems"].insert({"task_gid": gid, "problem": problem})
        refresh_fixed_due(self.db, [gid])
        return gid

    def due_change(self, task: str, old_due_on: str, new_due_on: str, created_at: str = "2026-01-02T09:00:00.000Z") -> None:
        """A `due_date_changed` story read by `--audit`."""
        self.db["due_date_changes"].insert(
            {
                "story_gid": self._gid(),
                "task_gid": task,
                "created_at": created_at,
                "old_due_on": old_due_on,
                "new_due_on": new_due_on,
            },
            pk="story_gid",
        )
        self.db.execute("UPDATE tasks SET history_read = 1 WHERE gid = ?", [task])
        refresh_fixed_due(self.db, [task])

    def time_period(self, start_on: str, end_on: str, gid: str | None = None) -> str:
        gid = gid or self._gid()
        self.db["time_periods"].insert(
            {"gid": gid, "start_on": start_on, "end_on": end_on, "period": "Q4", "display_name": "Q4"},
            pk="gid",
        )
        return gid

    def goal(
        self,
        clients: str | list[str],
        name: str = "Leads per month",
        *,
        start_on: str | None = None,
        due_on: str | None = None,
        time_period: str | None = None,
        initial: float | None = None,
        current: float | None = None,
        target: float | None = None,
        unit: str | None = "none",
        status: str | None = "green",
        gid: str | None = None,
    ) -> str:
        """A 90-day goal supported by one or more clients; a metric exists when initial and target are given."""
        gid = gid or self._gid()
        has_metric = initial is not None and target is not None
        self.db["goals"].insert(
            {
                "gid": gid,
                "name": name,
                "start_on": start_on,
                "due_on": due_on,
                "time_period_gid": time_period,
                "status": status,
                "has_metric": 1 if has_metric else 0,
                "unit": unit if has_metric else None,
                "initial": initial,
                "current": current,
                "target": target,
            },
            pk="gid",
        )
        for client in [clients] if isinstance(clients, str) else clients:
            self.db["goal_clients"].insert({"goal_gid": gid, "client_gid": client})
        return gid

    def status_update(self, parent: str, status_type: str, created_at: str = "2026-01-01T09:00:00.000Z", title: str = "Update") -> str:
        gid = self._gid()
        self.db["status_updates"].insert(
            {
                "gid": gid,
                "parent_gid": parent,
                "parent_type": "project",
                "status_type": status_type,
                "title": title,
                "text": "",
                "created_at": created_at,
            },
            pk="gid",
        )
        client = self.db.execute("SELECT gid FROM clients WHERE gid = ?", [parent]).fetchone()
        if client:
            self.db.execute(
                "UPDATE clients SET status = ?, status_title = ?, status_at = ? WHERE gid = ?",
                [status_type, title, created_at, parent],
            )
        return gid

    def training_project(self, name: str = "Training · Onboarding", gid: str | None = None) -> str:
        """A training project (any team; never a client)."""
        gid = gid or self._gid()
        self.db["training_projects"].insert({"gid": gid, "name": name, "team_gid": None}, pk="gid")
        return gid

    def module(
        self,
        project: str,
        assignee: str | None,
        name: str = "Module",
        *,
        completed_at: str | None = None,
        due_on: str | None = None,
        due_at: str | None = None,
        score: float | None = None,
        gid: str | None = None,
    ) -> str:
        """A training module (a top-level task of a training project) as the sync stores it."""
        gid = gid or self._gid()
        self.db["training_modules"].insert(
            {
                "gid": gid,
                "project_gid": project,
                "name": name,
                "assignee_gid": assignee,
                "completed": 1 if completed_at else 0,
                "completed_at": completed_at,
                "due_on": due_on,
                "due_at": due_at,
                "score": score,
                "created_at": "2026-01-01T09:00:00.000Z",
            },
            pk="gid",
        )
        return gid

    def reader(self) -> sqlite3.Connection:
        """A reading connection, as reports get."""
        return reader_for(self.db)
