"""Writing what a sync read into the cache: the rows of the discovery, each project, goals, training; pruning what left.

The engine calls these inside its one transaction at the end of a sync.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from podview.cache.store import ProjectRows, delete_tasks, save_project, save_tasks
from podview.cache.training import save_training
from podview.sync.load import now_utc
from podview.sync.mapper import Mapper

if TYPE_CHECKING:
    from podview.sync.discovery import Discovery


def write_discovery(db: Any, discovery: Discovery, mapper: Mapper) -> None:
    workspace = discovery.workspace
    db["workspaces"].upsert(
        {"gid": workspace["gid"], "name": workspace.get("name"), "is_organization": int(bool(workspace.get("is_organization", True)))},
        pk="gid",
    )
    for team in discovery.pods:
        db["pods"].upsert(mapper.pod_row(team, workspace["gid"]), pk="gid")
    for team_gid, users in discovery.members.items():
        users = [u for u in users if u.get("gid")]
        db["users"].upsert_all([mapper.user_row(u) for u in users], pk="gid")
        db.execute("DELETE FROM pod_members WHERE pod_gid = ?", [team_gid])
        db["pod_members"].insert_all([{"pod_gid": team_gid, "user_gid": u["gid"]} for u in users], pk=("pod_gid", "user_gid"))


def write_project(db: Any, gid: str, unit: dict) -> None:
    rows = ProjectRows(**unit["rows"])
    if unit["replace"]:
        save_project(db, rows)
    else:
        db["clients"].upsert(rows.client, pk="gid")
        if unit["deleted"]:
            delete_tasks(db, unit["deleted"])
        save_tasks(db, rows)
    if unit["updates"] is not None:
        db.execute("DELETE FROM status_updates WHERE parent_gid = ?", [gid])
        mapper_rows = [Mapper.status_update_row(u, gid, "project") for u in unit["updates"] if u.get("gid")]
        if mapper_rows:
            db["status_updates"].upsert_all(mapper_rows, pk="gid")
    if unit["goals"] is not None:
        db.execute("DELETE FROM goal_clients WHERE client_gid = ?", [gid])
        write_goals(db, unit["goals"], gid)
    db["sync_state"].upsert({"resource_gid": gid, "resource_type": "project", "sync_token": unit["token"], "synced_at": now_utc()}, pk="resource_gid")


def write_training(db: Any, gid: str, unit: dict) -> None:
    """One training project's modules, and its events token for the next incremental sync."""
    save_training(db, unit["project"], unit["modules"], unit["users"], replace=unit["replace"], deleted=unit["deleted"])
    db["sync_state"].upsert(
        {"resource_gid": gid, "resource_type": "training_project", "sync_token": unit["token"], "synced_at": now_utc()},
        pk="resource_gid",
    )


def write_goals(db: Any, goals: list[dict], client_gid: str | None) -> None:
    """Goal rows, their time periods, a metric snapshot, and (on a project read) the client link."""
    taken_at = now_utc()
    for goal in goals:
        if not goal.get("gid"):
            continue
        row, period = Mapper.goal_rows(goal)
        if period:
            db["time_periods"].upsert(period, pk="gid")
        db["goals"].upsert(row, pk="gid")
        db["goal_snapshots"].upsert(
            {"goal_gid": row["gid"], "taken_at": taken_at, "current": row["current"], "status": row["status"]},
            pk=("goal_gid", "taken_at"),
        )
        if client_gid:
            db["goal_clients"].upsert({"goal_gid": row["gid"], "client_gid": client_gid}, pk=("goal_gid", "client_gid"))


def prune_clients(db: Any, clients: set[str], pods: set[str]) -> None:
    """Clients no longer listed (archived, deleted, renamed to [internal], moved out of a pod) leave the cache."""
    stale = [row[0] for row in db.execute("SELECT gid FROM clients") if row[0] not in clients]
    for gid in stale:
        tasks = [row[0] for row in db.execute("SELECT gid FROM tasks WHERE client_gid = ?", [gid])]
        delete_tasks(db, tasks)
        for table, column in (("clients", "gid"), ("goal_clients", "client_gid"), ("status_updates", "parent_gid"),
                              ("sections", "client_gid"), ("field_values", "resource_gid"), ("sync_state", "resource_gid")):
            db.execute(f"DELETE FROM {table} WHERE {column} = ?", [gid])
    db.execute(f"DELETE FROM pods WHERE gid NOT IN ({','.join('?' * len(pods))})", list(pods))
    db.execute("DELETE FROM goals WHERE gid NOT IN (SELECT goal_gid FROM goal_clients)")
