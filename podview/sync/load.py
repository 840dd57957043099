"""Load a whole-workspace dump (the demo, or a test's fixture) into the cache.

It walks the dump in the order a full sync reads Asana — workspace, pod teams,
members, client projects, their tasks, goals, status updates, stories — and
writes through the same mapper and store, one transaction per project.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from podview.cache.store import ProjectRows, save_due_date_changes, save_project
from podview.cache.training import save_training
from podview.config import Config
from podview.sync.dump import AsanaDump
from podview.sync.mapper import Mapper

if TYPE_CHECKING:
    from sqlite_utils import Database


class NoPodsError(Exception):
    """The workspace has no team podview recognises as a pod."""


@dataclass
class LoadSummary:
    """What a load wrote, for the one-line summary."""

    pods: int = 0
    clients: int = 0
    tasks: int = 0
    goals: int = 0
    skipped_projects: list[str] = field(default_factory=list)


def now_utc() -> str:
    """The current instant as Asana writes timestamps."""
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def load_dump(db: Database, dump: AsanaDump, config: Config, *, source: str = "demo", today: str | None = None) -> LoadSummary:
    """Map every record of `dump` into `db`; returns counts of what was written."""
    mapper = Mapper(config)
    started = now_utc()
    summary = LoadSummary()
    workspace = dump["workspace"]
    pods = [team for team in dump["teams"] if team.get("gid") is not None and mapper.is_pod(team)]
    if not pods:
        raise NoPodsError(no_pods_message(config, [t.get("name") for t in dump["teams"]]))

    with db.atomic():
        db["workspaces"].upsert(
            {"gid": workspace["gid"], "name": workspace.get("name"), "is_organization": int(bool(workspace.get("is_organization")))},
            pk="gid",
        )
        for team in pods:
            db["pods"].upsert(mapper.pod_row(team, workspace["gid"]), pk="gid")
            members = [u for u in dump["team_users"].get(team["gid"], []) if u.get("gid") is not None]
            db["users"].upsert_all([mapper.user_row(u) for u in members], pk="gid")
            db.execute("DELETE FROM pod_members WHERE pod_gid = ?", [team["gid"]])
            db["pod_members"].insert_all(
                [{"pod_gid": team["gid"], "user_gid": u["gid"]} for u in members], pk=("pod_gid", "user_gid")
            )

    projects = {}
    for team in pods:
        for project in dump["team_projects"].get(team["gid"], []):
            if project.get("gid") is None:
                continue
            if mapper.is_client(project):
                projects[str(project["gid"])] = (project, team["gid"])
            else:
                summary.skipped_projects.append(project.get("name") or project["gid"])
    summary.pods = len(pods)

    for gid, (project, pod_gid) in projects.items():
        context = mapper.project_context(project, dump["custom_field_settings"].get(gid), dump["sections"].get(gid))
        updates = dump["status_updates"].get(gid) or [None]
        client, client_fields = mapper.client_row(project, pod_gid, context, updates[0])
        rows = ProjectRows(client=client, sections=mapper.section_rows(context), field_values=client_fields)
        for task in dump["tasks"].get(gid, []):
            if mapper.owner(task, projects) == gid:
                mapper.task_rows(task, context, started, rows)
        save_project(db, rows)
        summary.clients += 1
        summary.tasks += len(rows.tasks)

    _load_training(db, dump, mapper)
    summary.goals = _load_goals(db, dump, mapper, projects)
    _load_status_updates(db, dump, mapper, projects)
    _load_stories(db, dump, mapper)
    db["syncs"].insert(
        {"source": source, "mode": "full", "started_at": started, "finished_at": now_utc(), "today": today, "outcome": "ok", "detail": None}
    )
    return summary


def _load_training(db: Database, dump: AsanaDump, mapper: Mapper) -> None:
    """Training projects of any team, with every top-level task they own, as a sync reads them."""
    training = {
        str(project["gid"]): project
        for listing in dump["team_projects"].values()
        for project in listing
        if project.get("gid") is not None and mapper.is_training(project)
    }
    for gid, project in training.items():
        modules, users = [], []
        for task in dump["tasks"].get(gid, []):
            if mapper.module_owner(task, training) == gid:
                module, user = mapper.module_row(task, gid)
                modules.append(module)
                users.extend([user] if user else [])
        save_training(db, mapper.training_project_row(project), modules, users)


def _load_goals(db: Database, dump: AsanaDump, mapper: Mapper, projects: dict) -> int:
    """Goals supported by client projects, with a metric snapshot for trends."""
    taken_at = now_utc()
    seen: set[str] = set()
    with db.atomic():
        for project_gid, goals in dump["goals"].items():
            if project_gid not in projects:
                continue
            for goal in goals:
                row, period = mapper.goal_rows(goal)
                if period:
                    db["time_periods"].upsert(period, pk="gid")
                if row["gid"] not in seen:
                    db["goals"].upsert(row, pk="gid")
                    db["goal_snapshots"].upsert(
                        {"goal_gid": row["gid"], "taken_at": taken_at, "current": row["current"], "status": row["status"]},
                        pk=("goal_gid", "taken_at"),
                    )
                    seen.add(row["gid"])
                db["goal_clients"].upsert({"goal_gid": row["gid"], "client_gid": project_gid}, pk=("goal_gid", "client_gid"))
    return len(seen)


def _load_status_updates(db: Database, dump: AsanaDump, mapper: Mapper, projects: dict) -> None:
    goal_gids = {row[0] for row in db.execute("SELECT gid FROM goals")}
    rows = []
    for parent, updates in dump["status_updates"].items():
        if parent in projects:
            kind = "project"
        elif parent in goal_gids:
            kind = "goal"
        else:
            continue
        rows.extend(mapper.status_update_row(update, parent, kind) for update in updates)
    with db.atomic():
        if rows:
            db["status_updates"].upsert_all(rows, pk="gid")


def _load_stories(db: Database, dump: AsanaDump, mapper: Mapper) -> None:
    """Due-date history, as `podview sync --audit` reads it, for the tasks in the cache."""
    known = {row[0] for row in db.execute("SELECT gid FROM tasks WHERE kind = 'weekly_goal'")}
    for task_gid, stories in dump.get("stories", {}).items():
        if task_gid in known:
            save_due_date_changes(db, task_gid, mapper.due_date_change_rows(task_gid, stories))


def no_pods_message(config: Config, team_names: list) -> str:
    """Say which rule found no pod, which teams exist, and what to configure (and which commands help)."""
    rule = f"listed in pods.teams ({', '.join(config.pods.teams)})" if config.pods.teams else f"matching pods.pattern {config.pods.pattern!r}"
    teams = ", ".join(str(n) for n in team_names if n) or "none"
    return (
        f"No pod teams found: no team is {rule}. Teams in the workspace: {teams}. "
        "Set [pods] teams or pattern in the config file: run `podview doctor` to see how your config maps "
        "onto the workspace (pods, fields, options, sections) and what to set, or `podview setup` to write a config from it."
    )
