"""The cache follows a sent decision at once, from what Asana answered.

Every write asks Asana to answer with the fields a sync reads (TASK_FIELDS,
GOAL_FIELDS, STATUS_UPDATE_FIELDS), so the answer goes through the same
mapper and store as a sync would put it: reports show a postponement, a
result, a new action item or a status before the next sync, without another
request.
"""

from __future__ import annotations

from typing import Any

from podview.cache.store import ProjectRows, save_tasks
from podview.config import Config
from podview.decisions.common import one, rows, utc_now
from podview.sync.mapper import Mapper, ProjectContext

GOAL_STATUS_AFTER = {"on_track": "green", "at_risk": "yellow", "off_track": "red"}
"""A goal's `status` after a status update of that type (closed types are kept as they are)."""


class Follower:
    """Writes Asana's answers to sent decisions into the cache (call inside a transaction)."""

    def __init__(self, db: Any, config: Config) -> None:
        self.db = db
        self.mapper = Mapper(config)

    def task(self, record: dict[str, Any]) -> bool:
        """Upsert a task read back from Asana into its client; False when it belongs to no client in the cache."""
        clients = {row["gid"]: row for row in rows(self.db, "SELECT gid, has_type_field FROM clients")}
        owner = self.mapper.owner(record, clients)
        if owner is None:
            return False
        context = ProjectContext(owner, bool(clients[owner]["has_type_field"]), {})
        out = ProjectRows(client={"gid": owner})
        self.mapper.task_rows(record, context, utc_now(), out)
        out.users = [user for user in out.users if not one(self.db, "SELECT 1 AS known FROM users WHERE gid = ?", [user["gid"]])]
        save_tasks(self.db, out)
        return True

    def status_update(self, record: dict[str, Any], parent_gid: str, parent_type: str) -> None:
        """Store a new status update; a project's newest one is its client's health, a goal's sets its status."""
        row = Mapper.status_update_row(record, parent_gid, parent_type)
        self.db["status_updates"].upsert(row, pk="gid")
        if parent_type == "project":
            self.db.execute(
                "UPDATE clients SET status = ?, status_title = ?, status_at = ?, status_gid = ? "
                "WHERE gid = ? AND (status_at IS NULL OR status_at <= ?)",
                [row["status_type"], row["title"], row["created_at"], row["gid"], parent_gid, row["created_at"] or ""],
            )
        elif row["status_type"]:
            status = GOAL_STATUS_AFTER.get(row["status_type"], row["status_type"])
            self.db.execute("UPDATE goals SET status = ? WHERE gid = ?", [status, parent_gid])

    def goal(self, record: dict[str, Any]) -> None:
        """Store a goal read back after setMetricCurrentValue, with a metric snapshot like a sync takes."""
        row, period = Mapper.goal_rows(record)
        if period:
            self.db["time_periods"].upsert(period, pk="gid")
        self.db["goals"].upsert(row, pk="gid")
        self.db["goal_snapshots"].upsert(
            {"goal_gid": row["gid"], "taken_at": utc_now(), "current": row["current"], "status": row["status"]},
            pk=("goal_gid", "taken_at"),
        )
