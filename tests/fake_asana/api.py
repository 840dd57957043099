"""Asana's REST API over the store: routing, opt_fields, pagination, envelopes, batch, events.

Transport-free (a request in, a reply out), so the HTTP server and /batch
run the very same code for every action.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from tests.fake_asana import openapi
from tests.fake_asana.store import ApiError, Record, Store, instant
from tests.fake_asana.views import Plan, default_view, plan, select

HELP = (
    "For more information on API status codes and how to handle them, "
    "read the docs on errors: https://developers.asana.com/docs/errors"
)
UNPAGED_TASK_LIMIT = 1000
TOO_LARGE = (
    "The result is too large. You should use pagination (may require specifying a workspace)!"
)
SYNC_EXPIRED = (
    "Sync token invalid or too old. If you are attempting to keep resources in sync, "
    "you must fetch the full dataset for this query now and use the new sync token for the next sync."
)
BATCH_METHODS = ("get", "post", "put", "delete", "patch", "head")


@dataclass
class Call:
    """One request as the API sees it: path relative to /api/1.0, query as a flat dict."""

    method: str
    path: str
    query: dict[str, str] = field(default_factory=dict)
    body: Any = None


@dataclass
class Reply:
    """One answer: status, JSON body, extra headers."""

    status: int
    body: Any
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Ctx:
    """A routed call: its operation, path parameters and requested fields."""

    call: Call
    op: openapi.Operation
    params: dict[str, str]
    fields: list[str] | None
    plan: Plan | None = None

    @property
    def data(self) -> Record:
        """The request's `data` object (writes), or 400."""
        body = self.call.body
        if not isinstance(body, dict) or not isinstance(body.get("data"), dict):
            raise ApiError(400, 'data: Missing input; the body must be {"data": {...}}')
        return body["data"]


def error_body(status: int, message: str, phrase: str | None = None) -> Record:
    """Asana's error envelope; `phrase` only on 500s (L3584-3631)."""
    error = {"message": message, "help": HELP}
    if phrase is not None:
        error["phrase"] = phrase
    return {"errors": [error]}


ROUTES: dict[tuple[str, str], Callable[[Api, Ctx], Reply]] = {}


def route(method: str, template: str):
    """Register a handler for one operation of the OpenAPI file."""

    def register(handler):
        openapi.operation(method, template)
        ROUTES[(method, template)] = handler
        return handler

    return register


class Api:
    """Answers Calls from the store; thread-safe (the store's lock is held per call)."""

    def __init__(
        self, store: Store, *, base_url: Callable[[], str], seed: int = 0, strict: bool = True
    ) -> None:
        self.store = store
        self.base_url = base_url
        self.seed = seed
        self.strict = strict

    def handle(self, call: Call) -> Reply:
        """The reply to one call; ApiErrors become error envelopes."""
        try:
            with self.store.lock:
                return self._dispatch(call)
        except ApiError as error:
            return Reply(error.status, {**error_body(error.status, error.message), **error.extra})

    def _dispatch(self, call: Call) -> Reply:
        """Route by the OpenAPI operation the path matches, then validate opt_fields."""
        found = openapi.find_operation(call.method, call.path)
        handler = None if found is None else ROUTES.get((found[0].method, found[0].template))
        if found is None or handler is None:
            raise ApiError(
                404,
                f"No matching route for request: {call.method} {call.path} (or the fake does not serve it)",
            )
        op, params = found
        return handler(self, Ctx(call, op, params, self._fields(call, op)))

    def _fields(self, call: Call, op: openapi.Operation) -> list[str] | None:
        """opt_fields from the query (or `options.fields` beside `data`), each one the operation allows."""
        names = [n for n in call.query.get("opt_fields", "").split(",") if n]
        if not names and isinstance(call.body, dict):
            names = list((call.body.get("options") or {}).get("fields") or [])
        for name in names:
            if not op.allows_field(name, strict=self.strict):
                raise ApiError(
                    400, f"opt_fields: Unknown field {name!r} for {op.method} {op.template}"
                )
        return names or None

    # --- rendering --------------------------------------------------------------------

    def view(self, ctx: Ctx, record: Record) -> Record:
        """A record as this operation returns it: the asked fields, else its declared schema."""
        if ctx.fields is not None:
            if ctx.plan is None:
                ctx.plan = plan(ctx.fields)
            return select(record, ctx.plan, self.store)
        return default_view(record, ctx.op.view_schema or {}, self.store)

    def one(
        self, ctx: Ctx, record: Record, status: int = 200, location: str | None = None
    ) -> Reply:
        """A single-record answer (201s carry a Location header)."""
        headers = {"Location": location} if location else {}
        return Reply(status, {"data": self.view(ctx, record)}, headers)

    def many(self, ctx: Ctx, records: list[Record], *, unpaged_limit: int | None = None) -> Reply:
        """A list answer, paginated when `limit` was sent (facts §2)."""
        query = ctx.call.query
        if "limit" not in query:
            if "offset" in query:
                raise ApiError(
                    400, "offset: offset is invalid (it was issued for a query with a limit)"
                )
            if unpaged_limit is not None and len(records) > unpaged_limit:
                raise ApiError(400, TOO_LARGE)
            return Reply(200, {"data": [self.view(ctx, r) for r in records]})
        limit = _limit(query["limit"])
        key = _query_key(ctx.call.path, query)
        start = self._position(key, query["offset"]) if "offset" in query else 0
        page = records[start : start + limit]
        body: Record = {"data": [self.view(ctx, r) for r in page], "next_page": None}
        if start + limit < len(records):
            body["next_page"] = self._next_page(ctx.call.path, query, key, start + limit)
        return Reply(200, body)

    def _next_page(self, path: str, query: dict[str, str], key: str, position: int) -> Record:
        """`{offset, path, uri}` for the page starting at `position`."""
        token = self._offset(key, position)
        relative = f"{path}?{urlencode({**{k: v for k, v in query.items() if k != 'offset'}, 'offset': token})}"
        return {"offset": token, "path": relative, "uri": self.base_url() + relative}

    def _offset(self, key: str, position: int) -> str:
        """An opaque token bound to one query (path + every parameter but offset) and a position."""
        payload = json.dumps({"p": position, "h": self._sign(key, position)}, separators=(",", ":"))
        return base64.urlsafe_b64encode(payload.encode()).decode().rstrip("=")

    def _position(self, key: str, token: str) -> int:
        """The position an offset token stands for, or 400 when it was issued for another query."""
        try:
            payload = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
            position = int(payload["p"])
            valid = payload["h"] == self._sign(key, position)
        except (ValueError, KeyError, TypeError):
            valid = False
        if not valid:
            raise ApiError(400, "offset: offset is invalid")
        return position

    def _sign(self, key: str, position: int) -> str:
        """The part of a token that ties it to its query (the seed keeps tokens apart across fakes)."""
        return hashlib.sha256(f"{self.seed}|{key}|{position}".encode()).hexdigest()[:20]


def _limit(text: str) -> int:
    """`limit` must be an integer 1..100 (L1050-1062)."""
    if not text.isdigit() or not 1 <= int(text) <= 100:
        raise ApiError(400, f"limit: Must be between 1 and 100, got {text!r}")
    return int(text)


def _query_key(path: str, query: dict[str, str]) -> str:
    """What an offset token is bound to: the path and every parameter but offset."""
    return path + "?" + urlencode(sorted((k, v) for k, v in query.items() if k != "offset"))


def _flag(query: dict[str, str], name: str) -> bool | None:
    """A boolean query parameter, None when absent, 400 when not true/false."""
    if name not in query:
        return None
    if query[name] not in ("true", "false"):
        raise ApiError(400, f"{name}: Not a boolean: {query[name]!r}")
    return query[name] == "true"


def _completed_filter(query: dict[str, str]) -> Callable[[Record], bool]:
    """`completed_since`: incomplete tasks plus those completed at or after it (`now`: incomplete only)."""
    if "completed_since" not in query:
        return lambda task: True
    raw = query["completed_since"]
    if raw == "now":
        return lambda task: not task.get("completed")
    since = instant(raw, "completed_since")
    return lambda task: not task.get("completed") or (task.get("completed_at") or "") >= since


# --- reads ------------------------------------------------------------------------------


@route("GET", "/users/{user_gid}")
def get_user(api: Api, ctx: Ctx) -> Reply:
    """A user; `me` is the token's user (L973-977)."""
    gid = ctx.params["user_gid"]
    user = api.store.me if gid == "me" else api.store.users.get(gid)
    if user is None:
        raise ApiError(404, f"user: Unknown object: {gid}")
    return api.one(ctx, user)


@route("GET", "/workspaces")
def get_workspaces(api: Api, ctx: Ctx) -> Reply:
    """The one workspace the fake serves."""
    return api.many(ctx, [api.store.workspace])


def _workspace(api: Api, gid: str) -> Record:
    """The served workspace, or 404 for any other gid."""
    if gid != api.store.workspace["gid"]:
        raise ApiError(404, f"workspace: Unknown object: {gid}")
    return api.store.workspace


@route("GET", "/workspaces/{workspace_gid}")
def get_workspace(api: Api, ctx: Ctx) -> Reply:
    """The workspace record."""
    return api.one(ctx, _workspace(api, ctx.params["workspace_gid"]))


@route("GET", "/workspaces/{workspace_gid}/teams")
def get_teams(api: Api, ctx: Ctx) -> Reply:
    """The workspace's teams, in dump order."""
    _workspace(api, ctx.params["workspace_gid"])
    return api.many(ctx, api.store.teams)


@route("GET", "/workspaces/{workspace_gid}/projects")
def get_workspace_projects(api: Api, ctx: Ctx) -> Reply:
    """Every project of the workspace, in dump order; `archived` filters as on a team's listing."""
    _workspace(api, ctx.params["workspace_gid"])
    archived = _flag(ctx.call.query, "archived")
    projects = [api.store.projects[g] for gids in api.store.team_projects.values() for g in gids]
    if archived is not None:
        projects = [p for p in projects if bool(p.get("archived")) == archived]
    return api.many(ctx, projects)


def _team(api: Api, gid: str) -> str:
    """A known team gid, or 404; a team in `forbidden` answers 403 (a token that is not a member)."""
    if gid not in api.store.team_projects and gid not in api.store.team_users:
        raise ApiError(404, f"team: Unknown object: {gid}")
    if gid in api.store.forbidden:
        raise ApiError(403, "Forbidden")
    return gid


@route("GET", "/teams/{team_gid}/users")
def get_team_users(api: Api, ctx: Ctx) -> Reply:
    """A team's members (the spec declares no `limit` here; a sent one is still honoured)."""
    gids = api.store.team_users.get(_team(api, ctx.params["team_gid"]), [])
    return api.many(ctx, [api.store.users[g] for g in gids])


@route("GET", "/teams/{team_gid}/projects")
def get_team_projects(api: Api, ctx: Ctx) -> Reply:
    """A team's projects; `archived=false` leaves archived ones out, omitted returns both."""
    archived = _flag(ctx.call.query, "archived")
    gids = api.store.team_projects.get(_team(api, ctx.params["team_gid"]), [])
    projects = [api.store.projects[g] for g in gids]
    if archived is not None:
        projects = [p for p in projects if bool(p.get("archived")) == archived]
    return api.many(ctx, projects)


@route("GET", "/projects/{project_gid}")
def get_project(api: Api, ctx: Ctx) -> Reply:
    """One project (readable even when its children are forbidden)."""
    return api.one(ctx, api.store.project(ctx.params["project_gid"]))


@route("GET", "/projects/{project_gid}/custom_field_settings")
def get_settings(api: Api, ctx: Ctx) -> Reply:
    """A project's custom field settings."""
    gid = ctx.params["project_gid"]
    api.store.guard_project(gid)
    return api.many(ctx, api.store.settings.get(gid, []))


@route("GET", "/projects/{project_gid}/sections")
def get_sections(api: Api, ctx: Ctx) -> Reply:
    """A project's sections, in order."""
    gid = ctx.params["project_gid"]
    api.store.guard_project(gid)
    return api.many(ctx, api.store.sections.get(gid, []))


@route("GET", "/projects/{project_gid}/tasks")
def get_project_tasks(api: Api, ctx: Ctx) -> Reply:
    """A project's tasks in project order (subtasks only where the dump listed them)."""
    gid = ctx.params["project_gid"]
    api.store.guard_project(gid)
    keep = _completed_filter(ctx.call.query)
    tasks = [
        t for t in (api.store.tasks[g] for g in api.store.project_tasks.get(gid, [])) if keep(t)
    ]
    return api.many(ctx, tasks, unpaged_limit=UNPAGED_TASK_LIMIT)


@route("GET", "/tasks")
def get_tasks(api: Api, ctx: Ctx) -> Reply:
    """GET /tasks: a scope, then completed_since and modified_since (which also sees moves, L47530)."""
    tasks = _task_scope(api, ctx.call.query)
    keep = _completed_filter(ctx.call.query)
    if "modified_since" in ctx.call.query:
        since = instant(ctx.call.query["modified_since"], "modified_since")
        touched = api.store.touched
        tasks = [
            t for t in tasks if max(t.get("modified_at") or "", touched.get(t["gid"], "")) >= since
        ]
    return api.many(ctx, [t for t in tasks if keep(t)], unpaged_limit=UNPAGED_TASK_LIMIT)


def _task_scope(api: Api, query: dict[str, str]) -> list[Record]:
    """The tasks GET /tasks filters: a project, a section, or an assignee in a workspace."""
    store = api.store
    if "project" in query:
        store.guard_project(query["project"])
        return [store.tasks[g] for g in store.project_tasks.get(query["project"], [])]
    if "section" in query:
        project = store.section_project.get(query["section"])
        if project is None:
            raise ApiError(404, f"section: Unknown object: {query['section']}")
        store.guard_project(project)
        return [
            store.tasks[g]
            for g in store.project_tasks.get(project, [])
            if any(
                (m.get("section") or {}).get("gid") == query["section"]
                for m in store.tasks[g]["memberships"]
            )
        ]
    if "assignee" in query and "workspace" in query:
        _workspace(api, query["workspace"])
        user = store.user(query["assignee"], "assignee")
        return [
            t
            for t in store.tasks.values()
            if (t.get("assignee") or {}).get("gid") == user["gid"]
            and not store.hidden(store.task_projects(t))
        ]
    raise ApiError(
        400,
        "Must specify exactly one of project, tag, section, user task list, or assignee + workspace",
    )


@route("GET", "/tasks/{task_gid}")
def get_task(api: Api, ctx: Ctx) -> Reply:
    """One task, 403 when every project it is in is forbidden."""
    return api.one(ctx, api.store.guard_task(ctx.params["task_gid"]))


@route("GET", "/tasks/{task_gid}/subtasks")
def get_subtasks(api: Api, ctx: Ctx) -> Reply:
    """A task's direct subtasks."""
    gid = ctx.params["task_gid"]
    api.store.guard_task(gid)
    return api.many(
        ctx, [api.store.tasks[g] for g in api.store.children.get(gid, []) if g in api.store.tasks]
    )


@route("GET", "/tasks/{task_gid}/stories")
def get_stories(api: Api, ctx: Ctx) -> Reply:
    """A task's stories, oldest first."""
    gid = ctx.params["task_gid"]
    api.store.guard_task(gid)
    return api.many(ctx, [api.store.stories[g] for g in api.store.task_stories.get(gid, [])])


@route("GET", "/goals")
def get_goals(api: Api, ctx: Ctx) -> Reply:
    """Goals supported by a project, or every goal of the workspace (team: none in the dump)."""
    query, store = ctx.call.query, api.store
    if "project" in query:
        store.guard_project(query["project"])
        gids = store.project_goals.get(query["project"], [])
    elif "workspace" in query or "team" in query:
        if "workspace" in query:
            _workspace(api, query["workspace"])
        gids = (
            []
            if "team" in query
            else [g for g in store.goals if not store.hidden(store.goal_projects.get(g, ()))]
        )
    else:
        raise ApiError(400, "Must specify one of project, task, portfolio, team or workspace")
    goals = [store.goals[g] for g in gids]
    if query.get("time_periods"):
        periods = set(query["time_periods"].split(","))
        goals = [g for g in goals if (g.get("time_period") or {}).get("gid") in periods]
    return api.many(ctx, goals)


@route("GET", "/goals/{goal_gid}")
def get_goal(api: Api, ctx: Ctx) -> Reply:
    """One goal in full."""
    return api.one(ctx, api.store.guard_goal(ctx.params["goal_gid"]))


@route("GET", "/status_updates")
def get_status_updates(api: Api, ctx: Ctx) -> Reply:
    """A project's or goal's status updates, newest first; `created_since` filters."""
    query = ctx.call.query
    if "parent" not in query:
        raise ApiError(400, "parent: Missing input")
    api.store.guard_parent(query["parent"])
    updates = [api.store.updates[g] for g in api.store.parent_updates.get(query["parent"], [])]
    if "created_since" in query:
        since = instant(query["created_since"], "created_since")
        updates = [u for u in updates if u["created_at"] >= since]
    return api.many(ctx, updates)


@route("GET", "/status_updates/{status_update_gid}")
def get_status_update(api: Api, ctx: Ctx) -> Reply:
    """One status update."""
    gid = ctx.params["status_update_gid"]
    update = api.store.updates.get(gid)
    if update is None:
        raise ApiError(404, f"status_update: Unknown object: {gid}")
    api.store.guard_parent(update["parent"]["gid"])
    return api.one(ctx, update)


@route("GET", "/events")
def get_events(api: Api, ctx: Ctx) -> Reply:
    """Events since a sync token; no, unknown or expired token → 412 with a fresh one."""
    resource = ctx.call.query.get("resource")
    if not resource:
        raise ApiError(400, "resource: Missing input")
    api.store.guard_parent(resource)
    events = api.store.events
    token = ctx.call.query.get("sync")
    answer = events.read(resource, token) if token else None
    if answer is None:
        raise ApiError(412, SYNC_EXPIRED, sync=events.fresh(resource))
    found, sync, has_more = answer
    return Reply(
        200, {"data": [api.view(ctx, e) for e in found], "sync": sync, "has_more": has_more}
    )


# --- writes ------------------------------------------------------------------------------


@route("POST", "/tasks")
def post_task(api: Api, ctx: Ctx) -> Reply:
    """POST /tasks → 201 with a Location header; 403 when a target project is forbidden."""
    data, store = ctx.data, api.store
    projects = [m.get("project") for m in data.get("memberships") or [] if isinstance(m, dict)]
    projects += data.get("projects") or [] if isinstance(data.get("projects"), list) else []
    for gid in projects:
        if gid in store.forbidden:
            raise ApiError(403, "Forbidden")
    task = store.create_task(data)
    return api.one(ctx, task, 201, f"/tasks/{task['gid']}")


@route("PUT", "/tasks/{task_gid}")
def put_task(api: Api, ctx: Ctx) -> Reply:
    """PUT /tasks/{gid}: only the fields sent change."""
    gid = ctx.params["task_gid"]
    api.store.guard_task(gid)
    return api.one(ctx, api.store.update_task_data(gid, ctx.data))


@route("DELETE", "/tasks/{task_gid}")
def delete_task(api: Api, ctx: Ctx) -> Reply:
    """DELETE /tasks/{gid} → `{data: {}}`."""
    gid = ctx.params["task_gid"]
    api.store.guard_task(gid)
    api.store.delete_task_record(gid)
    return Reply(200, {"data": {}})


@route("POST", "/tasks/{task_gid}/stories")
def post_story(api: Api, ctx: Ctx) -> Reply:
    """A comment → 201."""
    gid = ctx.params["task_gid"]
    api.store.guard_task(gid)
    story = api.store.comment(gid, ctx.data)
    return api.one(ctx, story, 201, f"/stories/{story['gid']}")


@route("POST", "/goals/{goal_gid}/setMetricCurrentValue")
def post_metric(api: Api, ctx: Ctx) -> Reply:
    """Set a goal metric's current value → the goal (200, as the spec declares)."""
    gid = ctx.params["goal_gid"]
    api.store.guard_goal(gid)
    if "current_number_value" not in ctx.data:
        raise ApiError(400, "current_number_value: Missing input")
    return api.one(ctx, api.store.set_metric(gid, ctx.data["current_number_value"]))


@route("POST", "/status_updates")
def post_status_update(api: Api, ctx: Ctx) -> Reply:
    """A status update → 201; its parent must be readable."""
    parent = ctx.data.get("parent")
    if isinstance(parent, str) and api.store.kinds.get(parent) in ("project", "goal"):
        api.store.guard_parent(parent)
    update = api.store.post_status(ctx.data)
    return api.one(ctx, update, 201, f"/status_updates/{update['gid']}")


@route("POST", "/batch")
def post_batch(api: Api, ctx: Ctx) -> Reply:
    """Up to 10 actions, each run as its own request; 200 whatever the actions answer (L171-265)."""
    actions = ctx.data.get("actions")
    if not isinstance(actions, list) or not actions:
        raise ApiError(400, "actions: Missing input; a batch needs at least one action")
    if len(actions) > 10:
        raise ApiError(400, f"actions: At most 10 actions per batch, got {len(actions)}")
    return Reply(200, {"data": [_run_action(api, action) for action in actions]})


def _run_action(api: Api, action: Any) -> Record:
    """One batch action → `{status_code, headers, body}`."""
    problem = _action_problem(action)
    if problem:
        return {"status_code": 400, "headers": {}, "body": error_body(400, problem)}
    method = action["method"].upper()
    data = action.get("data") or {}
    options = action.get("options") or {}
    query = (
        {k: _query_text(v) for k, v in data.items()} if method in ("GET", "DELETE", "HEAD") else {}
    )
    query.update({k: str(options[k]) for k in ("limit", "offset") if k in options})
    if options.get("fields"):
        query["opt_fields"] = ",".join(options["fields"])
    body = None if method in ("GET", "DELETE", "HEAD") else {"data": data}
    reply = api.handle(Call(method, action["relative_path"], query, body))
    headers = {k.lower(): v for k, v in reply.headers.items()}
    return {"status_code": reply.status, "headers": headers, "body": reply.body}


def _action_problem(action: Any) -> str | None:
    """Why a batch action cannot run, if it cannot."""
    if not isinstance(action, dict) or not isinstance(action.get("relative_path"), str):
        return "relative_path: Missing input"
    if str(action.get("method", "")).lower() not in BATCH_METHODS:
        return f"method: Not a valid method: {action.get('method')!r}"
    if "?" in action["relative_path"]:
        return "relative_path: Query parameters are not accepted here; put them in data"
    if action["relative_path"].rstrip("/") == "/batch":
        return "relative_path: Batch requests cannot be nested"
    return None


def _query_text(value: Any) -> str:
    """A batch GET's `data` value as it would appear in a query string."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ",".join(str(v) for v in value)
    return str(value)
