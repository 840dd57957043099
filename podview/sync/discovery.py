"""The fixed calls at the start of a sync: which workspace, which teams are pods, who is in them, which projects are clients and which hold training.

Everything after (projects' tasks, goals, the write to the cache) works from
the Discovery these calls return; write.py stores it as the pods, people and
clients rows, which is why it is a type of its own module.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from podview.config import Config
from podview.sync import dump as fields
from podview.sync.errors import AsanaError, ForbiddenError, NotFoundError
from podview.sync.load import NoPodsError, no_pods_message
from podview.sync.mapper import Mapper
from podview.sync.tasks import gather_all


class WorkspaceError(AsanaError):
    """The workspace to sync cannot be chosen; the message says what to configure."""


@dataclass
class Discovery:
    """What the fixed calls found: the workspace, pods, people, client projects and training projects.

    `training` is None when the workspace's projects could not be listed:
    then no training project is pruned on its account.
    """

    workspace: dict
    pods: list[dict]
    members: dict[str, list[dict]]
    projects: dict[str, tuple[dict, str]]
    complete: bool = True
    training: dict[str, dict] | None = field(default_factory=dict)


async def discover(
    client: Any, mapper: Mapper, config: Config, known: dict, mode: str, report: Callable[[str], None]
) -> Discovery:
    """Workspace, pod teams, (on a full sync) their members, their client projects, and the training projects.

    An incremental sync reuses the cached workspace. A pod whose projects
    cannot be read leaves the discovery incomplete, so clients that seem gone
    are not pruned on its account. Training projects may sit in any team, so
    they come from one listing of the workspace's projects; a project in a
    pod's team that is a training project is never a client.
    """
    report("workspace")
    workspace = known["workspace"] if mode == "incremental" and known["workspace"] else await _workspace(client, config)
    teams = await client.get_all(f"/workspaces/{workspace['gid']}/teams", fields=fields.TEAM_FIELDS)
    pods = [team for team in teams if team.get("gid") and mapper.is_pod(team)]
    if not pods:
        raise NoPodsError(no_pods_message(config, [t.get("name") for t in teams]))
    report("projects")
    members: dict[str, list[dict]] = {}
    training, *listings = await gather_all(
        _training(client, mapper, workspace), *(_team(client, team, mode, members) for team in pods)
    )
    projects: dict[str, tuple[dict, str]] = {}
    complete = True
    for team, listing in zip(pods, listings):
        if listing is None:
            complete = False
            continue
        for project in listing:
            if project.get("gid") and mapper.is_client(project):
                projects[str(project["gid"])] = (project, str(team["gid"]))
    return Discovery(workspace, pods, members, projects, complete, training)


async def _workspace(client: Any, config: Config) -> dict:
    """The configured workspace (gid or name), else the user's only one."""
    me = await client.get("/users/me", fields=("name", "workspaces.name"))
    spaces = [w for w in (me or {}).get("workspaces") or [] if w.get("gid")]
    wanted = config.asana.workspace
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


async def _team(client: Any, team: dict, mode: str, members: dict) -> list[dict] | None:
    """A pod's client projects (and, on a full sync, its members); None when the team is not readable."""
    try:
        if mode == "full":
            members[str(team["gid"])] = await client.get(f"/teams/{team['gid']}/users", fields=fields.USER_FIELDS) or []
        return await client.get_all(
            f"/teams/{team['gid']}/projects", params={"archived": "false"}, fields=fields.PROJECT_FIELDS
        )
    except (ForbiddenError, NotFoundError):
        return None


async def _training(client: Any, mapper: Mapper, workspace: dict) -> dict[str, dict] | None:
    """The workspace's training projects by gid (any team); None when its projects cannot be listed."""
    params = {} if mapper.lists_archived_training else {"archived": "false"}
    try:
        listing = await client.get_all(
            f"/workspaces/{workspace['gid']}/projects", params=params, fields=fields.TRAINING_PROJECT_FIELDS
        )
    except (ForbiddenError, NotFoundError):
        return None
    return {str(p["gid"]): p for p in listing if p.get("gid") and mapper.is_training(p)}


def _names(spaces: list[dict]) -> str:
    return ", ".join(f"{s.get('name')} ({s['gid']})" for s in spaces) or "none"
