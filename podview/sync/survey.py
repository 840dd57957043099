"""Reading a workspace as it is, to check a config against it (`podview doctor`) or propose one (`podview setup`).

A sync stops at the first thing it cannot use (no workspace chosen, no pod);
a survey reads on and keeps what it found and what it could not read, so
every check can say something. It reads the user, their workspaces, the
teams, the pods the config picks (each pod's members, projects and the
projects' sections), the training projects and their fields. When the
config picks no pod, it reads every team's projects instead: that is where
the agency's own field and section names are to be found.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from podview.config import Config
from podview.sync import dump as fields
from podview.sync.errors import BadRequestError, ForbiddenError, NotFoundError
from podview.sync.mapper import Mapper
from podview.sync.tasks import gather_all
from podview.sync.values import norm

WORKSPACE_FIELDS = ("name", "is_organization")
ME_FIELDS = ("name", "email", "workspaces.name")


@dataclass
class Survey:
    """What was read, and what could not be (as messages), in the order the checks use it."""

    me: dict
    workspaces: list[dict]
    workspace: dict | None = None
    workspace_problem: str | None = None
    """Why no workspace could be chosen (several and none configured, a configured one not found)."""
    teams: list[dict] = field(default_factory=list)
    teams_problem: str | None = None
    """Why the workspace's teams could not be listed (a personal workspace has none)."""
    pods: list[dict] = field(default_factory=list)
    """The teams the config's `[pods]` picks."""
    scope: list[dict] = field(default_factory=list)
    """The teams whose projects were read: the pods, or every team when there is no pod."""
    members: dict[str, list[dict]] = field(default_factory=dict)
    projects: dict[str, list[dict]] = field(default_factory=dict)
    """Team gid → its unarchived projects (with their fields and field settings)."""
    denied: dict[str, str] = field(default_factory=dict)
    """Team gid → why it could not be read (403, 404)."""
    sections: dict[str, list[dict]] = field(default_factory=dict)
    """Client project gid → its sections."""
    training: list[dict] | None = None
    """The training projects the config picks; None when the workspace's projects could not be listed."""
    training_settings: dict[str, list[dict]] = field(default_factory=dict)
    """Training project gid → its custom field settings."""

    def clients(self, mapper: Mapper) -> list[tuple[dict, dict]]:
        """(team, project) of every client project in the teams read."""
        return [
            (team, project)
            for team in self.scope
            for project in self.projects.get(str(team["gid"])) or []
            if project.get("gid") and mapper.is_client(project)
        ]


async def survey(client: Any, config: Config, *, me: dict | None = None) -> Survey:
    """Read what the checks need (`me`: GET /users/me when already read); a refused token or an unreachable Asana raises."""
    mapper = Mapper(config)
    if me is None:
        me = await client.get("/users/me", fields=ME_FIELDS) or {}
    spaces = await client.get_all("/workspaces", fields=WORKSPACE_FIELDS)
    found = Survey(me=me, workspaces=[s for s in spaces if s.get("gid")])
    found.workspace, found.workspace_problem = choose_workspace(found.workspaces, config.asana.workspace)
    if found.workspace is None:
        return found
    gid = found.workspace["gid"]
    if found.workspace.get("is_organization") is False:
        found.teams_problem = personal_workspace(found.workspace)
        return found
    try:
        found.teams = [t for t in await client.get_all(f"/workspaces/{gid}/teams", fields=fields.TEAM_FIELDS) if t.get("gid")]
    except (BadRequestError, ForbiddenError, NotFoundError) as error:
        found.teams_problem = f"{error} {personal_workspace(found.workspace)}"
        return found
    found.pods = [team for team in found.teams if mapper.is_pod(team)]
    found.scope = found.pods or found.teams
    await gather_all(*(_team(client, team, found, members=bool(found.pods)) for team in found.scope))
    clients = found.clients(mapper)
    listings = await gather_all(*(_sections(client, project) for _, project in clients))
    found.sections = {str(project["gid"]): listing for (_, project), listing in zip(clients, listings)}
    await _training(client, mapper, found)
    return found


def choose_workspace(spaces: list[dict], wanted: str | None) -> tuple[dict | None, str | None]:
    """The configured workspace (gid or name), else the only one; or None and why not."""
    names = ", ".join(f"{s.get('name')} ({s['gid']})" for s in spaces) or "none"
    if wanted:
        for space in spaces:
            if norm(wanted) in (str(space["gid"]), norm(space.get("name"))):
                return space, None
        return None, f"no workspace {wanted!r} for this token (yours: {names}); fix [asana] workspace in the config"
    if len(spaces) == 1:
        return spaces[0], None
    return None, (
        f"this token belongs to {len(spaces)} workspaces ({names}); "
        'say which one in the config: [asana] workspace = "…"'
    )


def personal_workspace(space: dict) -> str:
    """Why a workspace that is not an organization has no pods, and what to do."""
    return (
        f"{space.get('name')} is a personal workspace, not an organization: it has no teams, so no pods. "
        "podview needs the agency's organization, where each pod is a team; choose it with [asana] workspace."
    )


async def _team(client: Any, team: dict, found: Survey, *, members: bool) -> None:
    """One team's unarchived projects (and members, for a pod); a team the token may not read is noted in `denied`."""
    gid = str(team["gid"])
    try:
        if members:
            found.members[gid] = await client.get(f"/teams/{gid}/users", fields=fields.USER_FIELDS) or []
        found.projects[gid] = await client.get_all(
            f"/teams/{gid}/projects", params={"archived": "false"}, fields=fields.PROJECT_FIELDS
        )
    except (ForbiddenError, NotFoundError) as error:
        found.denied[gid] = str(error)


async def _sections(client: Any, project: dict) -> list[dict]:
    """A client project's sections; none when they cannot be read."""
    try:
        return await client.get_all(f"/projects/{project['gid']}/sections", fields=fields.SECTION_FIELDS)
    except (ForbiddenError, NotFoundError):
        return []


async def _training(client: Any, mapper: Mapper, found: Survey) -> None:
    """The training projects (any team) and the custom fields on each."""
    params = {} if mapper.lists_archived_training else {"archived": "false"}
    try:
        listing = await client.get_all(
            f"/workspaces/{found.workspace['gid']}/projects", params=params, fields=fields.TRAINING_PROJECT_FIELDS
        )
    except (ForbiddenError, NotFoundError):
        return
    found.training = [p for p in listing if p.get("gid") and mapper.is_training(p)]
    settings = await gather_all(*(_settings(client, project) for project in found.training))
    found.training_settings = {str(p["gid"]): s for p, s in zip(found.training, settings)}


async def _settings(client: Any, project: dict) -> list[dict]:
    """A project's custom field settings; none when they cannot be read."""
    try:
        return await client.get_all(f"/projects/{project['gid']}/custom_field_settings", fields=fields.CUSTOM_FIELD_SETTING_FIELDS)
    except (ForbiddenError, NotFoundError):
        return []
