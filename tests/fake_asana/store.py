"""The workspace the fake serves: records in API shape, the indexes requests need, and every mutation.

Records are the dump's own (a private copy), so a task read back with the
dump's opt_fields is byte-for-byte the dump's record. Every mutation, whether
it came over HTTP or from a test, goes through the same methods here, which
bump `modified_at` as Asana's field doc says (L7819-7848) and append events
to the streams the change bubbles up to (the task, its projects, its
ancestors and theirs; a goal; a status update's parent).
"""

from __future__ import annotations

import html
import itertools
import pickle
import threading
import time
from collections import defaultdict
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from typing import Any

from tests.fake_asana.events import EventStreams
from tests.fake_asana.views import MISSING

Record = dict[str, Any]

STATUS_TYPES = {
    "project": ("on_track", "at_risk", "off_track", "on_hold", "complete", "dropped"),
    "goal": ("on_track", "at_risk", "off_track", "achieved", "partial", "missed", "dropped"),
}
"""Valid `status_type` per parent kind (L873-881)."""
GOAL_STATUS = {"on_track": "green", "at_risk": "yellow", "off_track": "red"}
"""A goal's `status` after a status update of that type (closed types carry over as-is)."""
VALUE_KEYS = {
    "enum": "enum_value",
    "multi_enum": "multi_enum_values",
    "number": "number_value",
    "text": "text_value",
    "date": "date_value",
    "people": "people_value",
}
TEXT_LIMIT = 1024
TASK_WRITABLE = frozenset(
    {"name", "notes", "html_notes", "due_on", "due_at", "completed", "assignee", "custom_fields"}
)
TASK_CREATE_ONLY = frozenset({"projects", "memberships", "workspace", "parent", "resource_subtype"})


class ApiError(Exception):
    """An error answer: status, Asana-style message, and extra top-level body keys (412's `sync`)."""

    def __init__(self, status: int, message: str, **extra: Any) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.extra = extra


def stamp(moment: datetime) -> str:
    """Asana's timestamp form: UTC, milliseconds, `Z`."""
    utc = moment.astimezone(UTC)
    return f"{utc:%Y-%m-%dT%H:%M:%S}.{utc.microsecond // 1000:03d}Z"


def parse_stamp(text: str) -> datetime:
    """An ISO 8601 instant (naive means UTC)."""
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def instant(text: str, name: str) -> str:
    """A query or body date-time normalised to a comparable stamp, or 400 naming the parameter."""
    try:
        return stamp(parse_stamp(text))
    except (ValueError, TypeError):
        raise ApiError(400, f"{name}: Not a valid date-time: {text!r}") from None


def day(value: Any, name: str) -> str:
    """A `YYYY-MM-DD` date string, or 400."""
    if isinstance(value, str) and len(value) == 10:
        try:
            return date.fromisoformat(value).isoformat()
        except ValueError:
            pass
    raise ApiError(400, f"{name}: Not a valid date (YYYY-MM-DD): {value!r}")


class Clock:
    """The fake's "now": real time elapsing from a start, never repeating a millisecond stamp.

    It starts no earlier than the newest stamp in the dump, so a mutation is
    always newer than the data it changes, whatever date the dump was built for.
    """

    def __init__(self, start: datetime) -> None:
        self._start = start
        self._origin = time.monotonic()
        self._offset = 0.0
        self._last = ""

    def now(self) -> datetime:
        """The current instant."""
        return self._start + timedelta(seconds=time.monotonic() - self._origin + self._offset)

    def tick(self) -> str:
        """A stamp strictly after every stamp handed out before."""
        current = stamp(self.now())
        if current <= self._last:
            current = stamp(parse_stamp(self._last) + timedelta(milliseconds=1))
        self._last = current
        return current

    def advance(self, seconds: float) -> None:
        """Move time forward (to put a gap between changes in a test)."""
        self._offset += seconds


def _newest_stamp(data: Record) -> str:
    """The latest timestamp anywhere in the dump's tasks, updates, stories and projects."""
    stamps = [""]
    for rows in data["tasks"].values():
        stamps.extend(
            t.get(k) or "" for t in rows for k in ("modified_at", "created_at", "completed_at")
        )
    for group in ("status_updates", "stories"):
        stamps.extend(r.get("created_at") or "" for rows in data[group].values() for r in rows)
    stamps.extend(
        p.get("modified_at") or "" for rows in data["team_projects"].values() for p in rows
    )
    return max(stamps)


def ref(record: Record, *keys: str) -> Record:
    """`{gid, name}` (plus any other `keys` present) of a record, a fresh dict."""
    out = {"gid": record["gid"]}
    for key in ("name", *keys):
        if key in record:
            out[key] = record[key]
    return out


class Store:
    """One workspace's state; every public method is thread-safe under `lock`."""

    def __init__(self, dump: Record, *, seed: int = 0, now: datetime | None = None) -> None:
        self.lock = threading.RLock()
        self.kinds: dict[str, str] = {}
        self.users: dict[str, Record] = {}
        self.teams: list[Record] = []
        self.team_users: dict[str, list[str]] = {}
        self.projects: dict[str, Record] = {}
        self.team_projects: dict[str, list[str]] = {}
        self.settings: dict[str, list[Record]] = {}
        self.options: dict[str, tuple[str, Record]] = {}
        self.sections: dict[str, list[Record]] = {}
        self.section_project: dict[str, str] = {}
        self.tasks: dict[str, Record] = {}
        self.trash: dict[str, Record] = {}
        self.project_tasks: dict[str, list[str]] = defaultdict(list)
        self.children: dict[str, list[str]] = defaultdict(list)
        self.touched: dict[str, str] = {}
        self.goals: dict[str, Record] = {}
        self.project_goals: dict[str, list[str]] = defaultdict(list)
        self.goal_projects: dict[str, list[str]] = defaultdict(list)
        self.updates: dict[str, Record] = {}
        self.parent_updates: dict[str, list[str]] = defaultdict(list)
        self.stories: dict[str, Record] = {}
        self.task_stories: dict[str, list[str]] = defaultdict(list)
        self.forbidden: set[str] = set()
        self.events = EventStreams(seed)
        data = pickle.loads(pickle.dumps(dump, pickle.HIGHEST_PROTOCOL))
        self._load(data)
        newest = _newest_stamp(data)
        start = datetime.now(UTC)
        if newest and parse_stamp(newest) >= start:
            start = parse_stamp(newest) + timedelta(seconds=1)
        self.clock = Clock(now or start)
        self._gids = itertools.count(max(int(g) for g in self.kinds if g.isdigit()) + 1_000)

    # --- loading -------------------------------------------------------------------

    def _load(self, data: Record) -> None:
        """Index the dump (already a private copy) by gid and by parent."""
        self.workspace = self._index(data["workspace"], "workspace")
        self.me = self._user(data["me"])
        for team in data["teams"]:
            self.teams.append(self._index(team, "team"))
        for team_gid, users in data["team_users"].items():
            self.team_users[team_gid] = [self._user(user)["gid"] for user in users]
        for team_gid, projects in data["team_projects"].items():
            self.team_projects[team_gid] = [self._load_project(p)["gid"] for p in projects]
        for project_gid, rows in data["custom_field_settings"].items():
            self.settings[project_gid] = [self._load_setting(project_gid, s) for s in rows]
        for project_gid, rows in data["sections"].items():
            self.sections[project_gid] = rows
            for section in rows:
                self._index(section, "section")
                self.section_project[section["gid"]] = project_gid
        for project_gid, rows in data["tasks"].items():
            self.project_tasks[project_gid] = [self._load_task(t)["gid"] for t in rows]
        for task in self.tasks.values():
            if task.get("parent"):
                self.children[task["parent"]["gid"]].append(task["gid"])
        for project_gid, rows in data["goals"].items():
            for goal in rows:
                self._load_goal(project_gid, goal)
        for parent_gid, rows in data["status_updates"].items():
            self.parent_updates[parent_gid] = [self._index(u, "status_update")["gid"] for u in rows]
            self.updates.update((u["gid"], u) for u in rows)
        for task_gid, rows in data["stories"].items():
            self.task_stories[task_gid] = [self._load_story(s)["gid"] for s in rows]

    def _index(self, record: Record, kind: str) -> Record:
        """Remember `record`'s kind (views fill in `resource_type` from it)."""
        self.kinds[record["gid"]] = kind
        return record

    def _user(self, user: Record) -> Record:
        """The one stored record of a user, however many teams list them."""
        stored = self.users.setdefault(user["gid"], user)
        for key, value in user.items():
            stored.setdefault(key, value)
        return self._index(stored, "user")

    def _load_project(self, project: Record) -> Record:
        """A project and the gids of its value entries."""
        self.projects[project["gid"]] = self._index(project, "project")
        self._index_entries(project.get("custom_fields") or [])
        if project.get("current_status_update"):
            self._index(project["current_status_update"], "status_update")
        return project

    def _index_entries(self, entries: list[Record]) -> None:
        """Remember the kinds of a record's custom field entries and their enum values."""
        for entry in entries:
            self._index(entry, "custom_field")
            if entry.get("enum_value"):
                self._index(entry["enum_value"], "enum_option")

    def _load_setting(self, project_gid: str, setting: Record) -> Record:
        """A custom field setting with its project as `project`/`parent`, and its options indexed."""
        project = ref(self.projects.get(project_gid, {"gid": project_gid}))
        setting.setdefault("project", project)
        setting.setdefault("parent", dict(project))
        setting.setdefault("is_important", False)
        field = self._index(setting["custom_field"], "custom_field")
        for option in field.get("enum_options") or []:
            self.options[self._index(option, "enum_option")["gid"]] = (field["gid"], option)
        return self._index(setting, "custom_field_setting")

    def _load_task(self, task: Record) -> Record:
        """The first copy of a (possibly multi-homed) task, with the fields writes need."""
        stored = self.tasks.get(task["gid"])
        if stored is not None:
            return stored
        task.setdefault("created_by", {"gid": self.me["gid"]})
        task.setdefault("notes", "")
        self.tasks[task["gid"]] = self._index(task, "task")
        self._index_entries(task.get("custom_fields") or [])
        return task

    def _load_goal(self, project_gid: str, goal: Record) -> None:
        """A goal, shared by every project that supports it."""
        stored = self.goals.setdefault(goal["gid"], goal)
        self._index(stored, "goal")
        for key, kind in (("time_period", "time_period"), ("metric", "goal_metric")):
            if stored.get(key):
                self._index(stored[key], kind)
        self.project_goals[project_gid].append(goal["gid"])
        self.goal_projects[goal["gid"]].append(project_gid)

    def _load_story(self, story: Record) -> Record:
        """A story with the compact fields a dump leaves out (`created_by`, `text`)."""
        story.setdefault("created_by", {"gid": self.me["gid"], "name": self.me.get("name")})
        if "text" not in story and story.get("new_dates"):
            story["text"] = f"changed the due date to {story['new_dates'].get('due_on')}"
        self.stories[story["gid"]] = self._index(story, "story")
        return story

    # --- lookups (views.Lookup) -----------------------------------------------------

    def kind_of(self, gid: str) -> str | None:
        """The resource_type of a gid."""
        return self.kinds.get(gid)

    def derive(self, record: Record, key: str) -> Any:
        """Fields computed from the store instead of kept on the record."""
        kind = self.kinds.get(record.get("gid", ""))
        if key == "workspace" and kind in ("task", "project", "goal"):
            return ref(self.workspace)
        if key == "workspaces" and kind == "user":
            return [ref(self.workspace)]
        if kind == "task":
            if key == "projects":
                return [m["project"] for m in record.get("memberships") or []]
            if key == "num_subtasks":
                return len(self.children.get(record["gid"], ()))
            if key == "html_notes":
                return f"<body>{html.escape(record.get('notes') or '')}</body>"
        if key == "permalink_url" and kind in ("task", "project"):
            return f"https://app.asana.com/0/0/{record['gid']}"
        return MISSING

    def new_gid(self) -> str:
        """A fresh gid, above every gid of the dump."""
        return str(next(self._gids))

    def me_ref(self) -> Record:
        """The token's user as an event or story author."""
        return {"gid": self.me["gid"], "resource_type": "user", "name": self.me.get("name")}

    def project(self, gid: str) -> Record:
        """A project, or 404."""
        return self._get(self.projects, gid, "project")

    def task(self, gid: str) -> Record:
        """A live task, or 404 (deleted ones included)."""
        return self._get(self.tasks, gid, "task")

    def goal(self, gid: str) -> Record:
        """A goal, or 404."""
        return self._get(self.goals, gid, "goal")

    def user(self, key: Any, name: str = "user") -> Record:
        """A user by gid, email or `me`, or 400 naming the field."""
        if key == "me":
            return self.me
        if isinstance(key, str):
            if key in self.users:
                return self.users[key]
            found = next((u for u in self.users.values() if u.get("email") == key), None)
            if found is not None:
                return found
        raise ApiError(400, f"{name}: Not a recognized user (gid, email or 'me'): {key!r}")

    @staticmethod
    def _get(table: dict[str, Record], gid: str, kind: str) -> Record:
        """A record by gid, or Asana's 404."""
        try:
            return table[gid]
        except KeyError:
            raise ApiError(404, f"{kind}: Unknown object: {gid}") from None

    # --- access -----------------------------------------------------------------------

    def task_projects(self, task: Record) -> list[str]:
        """The projects a task is in, or those of its nearest ancestor in any."""
        for _ in range(32):
            gids = [m["project"]["gid"] for m in task.get("memberships") or []]
            if gids or not task.get("parent") or task["parent"]["gid"] not in self.tasks:
                return gids
            task = self.tasks[task["parent"]["gid"]]
        return []

    def hidden(self, gids: Iterable[str]) -> bool:
        """True when every project a resource is reachable through is forbidden."""
        gids = list(gids)
        return bool(gids) and all(g in self.forbidden for g in gids)

    def guard_project(self, gid: str) -> Record:
        """A project whose children may be read, else 404/403."""
        project = self.project(gid)
        if gid in self.forbidden:
            raise ApiError(403, "Forbidden")
        return project

    def guard_task(self, gid: str) -> Record:
        """A task readable through at least one of its projects."""
        task = self.task(gid)
        if self.hidden(self.task_projects(task)):
            raise ApiError(403, "Forbidden")
        return task

    def guard_goal(self, gid: str) -> Record:
        """A goal readable through at least one supporting project."""
        goal = self.goal(gid)
        if self.hidden(self.goal_projects.get(gid, ())):
            raise ApiError(403, "Forbidden")
        return goal

    def guard_parent(self, gid: str) -> tuple[str, Record]:
        """A project or goal (a status update's parent or an event resource's), readable."""
        kind = self.kinds.get(gid)
        if kind == "project":
            return kind, self.guard_project(gid)
        if kind == "goal":
            return kind, self.guard_goal(gid)
        if kind == "task":
            return kind, self.guard_task(gid)
        raise ApiError(
            404 if kind is None else 400, f"Unknown object or not a project, goal or task: {gid}"
        )

    # --- events -----------------------------------------------------------------------

    def task_streams(self, task: Record) -> list[str]:
        """Where a task's events bubble up to: itself, its projects, its ancestors and theirs."""
        keys: list[str] = []
        current: Record | None = task
        for _ in range(32):
            if current is None:
                break
            keys.append(current["gid"])
            keys.extend(m["project"]["gid"] for m in current.get("memberships") or [])
            parent = current.get("parent")
            current = self.tasks.get(parent["gid"]) if parent else None
        return keys

    def emit(
        self, streams: Iterable[str], resource: Record, kind: str, action: str, **extra: Any
    ) -> None:
        """Append one Event (L3632-3760) to `streams`; `change` only on `changed`, `parent` else null."""
        named = {"gid": resource["gid"], "resource_type": kind}
        if resource.get("name") is not None:
            named["name"] = resource["name"]
        if resource.get("resource_subtype"):
            named["resource_subtype"] = resource["resource_subtype"]
        event = {
            "user": self.me_ref(),
            "created_at": extra.get("at") or self.clock.tick(),
            "type": kind,
            "action": action,
            "resource": named,
            "parent": extra.get("parent"),
        }
        if action == "changed":
            event["change"] = extra["change"]
        self.events.append(streams, event)

    def _named(self, record: Record) -> Record:
        """`{gid, resource_type, name}` of a stored record, for an event's `parent`."""
        return {
            "gid": record["gid"],
            "resource_type": self.kinds.get(record["gid"]),
            "name": record.get("name"),
        }

    # --- tasks: writes --------------------------------------------------------------------

    def create_task(self, data: Record) -> Record:
        """POST /tasks: a new task in its projects/sections (or under its parent), 'added' events."""
        unknown = set(data) - TASK_WRITABLE - TASK_CREATE_ONLY
        if unknown:
            raise ApiError(400, f"{min(unknown)}: Not a recognized property for a new task")
        places = self._places(data)
        parent = self._parent(data.get("parent"))
        if not places and parent is None and data.get("workspace") != self.workspace["gid"]:
            raise ApiError(
                400, "workspace: Missing input (give projects, memberships, parent or workspace)"
            )
        task = self._blank_task(places, parent)
        if data.get("resource_subtype") is not None:
            task["resource_subtype"] = str(data["resource_subtype"])
        values = self._normalize(task, {k: v for k, v in data.items() if k in TASK_WRITABLE})
        self._assign(task, values)
        return self._file_task(task)

    def _places(self, data: Record) -> list[tuple[str, str | None]]:
        """(project, section) pairs from `memberships` and `projects`, validated."""
        places: dict[str, str | None] = {}
        for membership in _list(data.get("memberships"), "memberships"):
            if not isinstance(membership, dict) or not isinstance(membership.get("project"), str):
                raise ApiError(400, "memberships: Each membership needs a project gid")
            section = membership.get("section")
            self.project(membership["project"])
            if section is not None and self.section_project.get(section) != membership["project"]:
                raise ApiError(
                    400, f"memberships: Section {section} is not in project {membership['project']}"
                )
            places[membership["project"]] = section
        for gid in _list(data.get("projects"), "projects"):
            self.project(gid)
            places.setdefault(gid, None)
        return list(places.items())

    def _parent(self, gid: Any) -> Record | None:
        """The parent task a new task names, or 400."""
        if gid is None:
            return None
        if not isinstance(gid, str) or gid not in self.tasks:
            raise ApiError(400, f"parent: Not a recognized task: {gid!r}")
        return self.tasks[gid]

    def _blank_task(self, places: list[tuple[str, str | None]], parent: Record | None) -> Record:
        """A new task as Asana starts it: open, unassigned, a blank entry per field of its projects."""
        now = self.clock.tick()
        return {
            "gid": self.new_gid(),
            "name": "",
            "resource_subtype": "default_task",
            "assignee": None,
            "completed": False,
            "completed_at": None,
            "created_at": now,
            "modified_at": now,
            "due_on": None,
            "due_at": None,
            "parent": None if parent is None else {"gid": parent["gid"]},
            "memberships": [self._membership(p, section) for p, section in places],
            "custom_fields": self._blank_entries(p for p, _ in places),
            "created_by": {"gid": self.me["gid"]},
            "notes": "",
        }

    def _membership(self, project_gid: str, section_gid: str | None) -> Record:
        """`{project, section}` with the named section, else the project's first one."""
        sections = self.sections.get(project_gid) or []
        section = next(
            (s for s in sections if s["gid"] == section_gid), sections[0] if sections else None
        )
        membership = {"project": ref(self.projects[project_gid])}
        if section is not None:
            membership["section"] = ref(section)
        return membership

    def _blank_entries(self, projects: Iterable[str], have: Iterable[str] = ()) -> list[Record]:
        """Empty value entries for the fields of `projects` not already among `have`."""
        seen = set(have)
        entries = []
        for project_gid in projects:
            for setting in self.settings.get(project_gid) or []:
                field = setting["custom_field"]
                if field["gid"] in seen:
                    continue
                seen.add(field["gid"])
                kind = field.get("resource_subtype") or field.get("type")
                entry = {
                    k: field[k] for k in ("gid", "name", "type", "resource_subtype") if k in field
                }
                entry[VALUE_KEYS.get(kind, "text_value")] = (
                    [] if kind in ("multi_enum", "people") else None
                )
                entry["display_value"] = None
                entries.append(entry)
        return entries

    def _file_task(self, task: Record) -> Record:
        """Index a new task and announce it where it landed."""
        self.tasks[task["gid"]] = self._index(task, "task")
        self.touched[task["gid"]] = task["modified_at"]
        for membership in task["memberships"]:
            project_gid = membership["project"]["gid"]
            self.project_tasks[project_gid].append(task["gid"])
            self.emit(
                self.task_streams(task),
                task,
                "task",
                "added",
                parent=self._named(self.projects[project_gid]),
            )
        if task.get("parent"):
            parent = self.tasks[task["parent"]["gid"]]
            self.children[parent["gid"]].append(task["gid"])
            self.emit(self.task_streams(parent), task, "task", "added", parent=self._named(parent))
        return task

    def add_task_record(self, project_gid: str, record: Record) -> Record:
        """A test's new task (API-shaped, any fields given), filed in `project_gid` like a created one."""
        self.project(project_gid)
        extra = pickle.loads(pickle.dumps(record))
        parent = self._parent((extra.get("parent") or {}).get("gid"))
        task = self._blank_task([(project_gid, None)], parent)
        if extra.get("gid") in self.kinds:
            raise ApiError(400, f"gid {extra['gid']} is taken")
        task.update(extra)
        listed = [m["project"]["gid"] for m in task["memberships"]]
        if project_gid not in listed:
            task["memberships"] = [self._membership(project_gid, None), *task["memberships"]]
        for gid in listed:
            self.project(gid)
        if "custom_fields" not in extra:
            task["custom_fields"] = self._blank_entries(
                m["project"]["gid"] for m in task["memberships"]
            )
        self._index_entries(task["custom_fields"])
        return self._file_task(task)

    def update_task_data(
        self, gid: str, data: Record, *, completed_at: str | None = None
    ) -> Record:
        """PUT /tasks/{gid}: only the fields sent change; one 'changed' event per changed field."""
        task = self.task(gid)
        unknown = set(data) - TASK_WRITABLE
        if unknown:
            name = min(unknown)
            why = (
                "Cannot be changed with PUT /tasks"
                if name in TASK_CREATE_ONLY
                else "Not a recognized property"
            )
            raise ApiError(400, f"{name}: {why}")
        values = self._normalize(task, data)
        if completed_at is not None:
            values["completed_at"] = completed_at
        old_dates = {k: task.get(k) for k in ("start_on", "due_at", "due_on")}
        changed = self._assign(task, values)
        if changed:
            self._touch(task)
            for field, value in changed:
                self._changed(task, field, value)
            if any(field in ("due_on", "due_at") for field, _ in changed):
                self._due_story(task, old_dates)
        return task

    def _normalize(self, task: Record, data: Record) -> Record:
        """The sent fields validated and turned into stored values (nothing applied yet)."""
        values: Record = {}
        for key in ("name", "notes"):
            if key in data:
                values[key] = _text(data[key], key)
        if "html_notes" in data:
            values["notes"] = _strip_tags(_text(data["html_notes"], "html_notes"))
        values.update(self._due(data))
        if "completed" in data:
            if not isinstance(data["completed"], bool):
                raise ApiError(400, "completed: Not a boolean")
            values["completed"] = data["completed"]
            if data["completed"] != bool(task.get("completed")):
                values["completed_at"] = self.clock.tick() if data["completed"] else None
        if "assignee" in data:
            user = None if data["assignee"] is None else self.user(data["assignee"], "assignee")
            values["assignee"] = None if user is None else ref(user, "email")
        if "custom_fields" in data:
            values["custom_fields"] = self._values(task, data["custom_fields"])
        return values

    def _due(self, data: Record) -> Record:
        """`due_on` or `due_at` (not both); setting one clears the other, as Asana does."""
        if data.get("due_on") is not None and data.get("due_at") is not None:
            raise ApiError(400, "due_on: You may only provide one of due_on or due_at")
        if "due_at" in data and data["due_at"] is not None:
            at = instant(data["due_at"], "due_at")
            return {"due_at": at, "due_on": at[:10]}
        if "due_on" in data:
            return {
                "due_on": None if data["due_on"] is None else day(data["due_on"], "due_on"),
                "due_at": None,
            }
        if "due_at" in data:
            return {"due_at": None}
        return {}

    def _values(self, task: Record, sent: Any) -> dict[str, Record]:
        """`custom_fields: {field gid: value}` → new value entries, each validated by type."""
        if not isinstance(sent, dict):
            raise ApiError(400, "custom_fields: Must be an object of field gid → value")
        entries = {e["gid"]: e for e in task.get("custom_fields") or []}
        out = {}
        for field_gid, value in sent.items():
            if field_gid not in entries:
                raise ApiError(
                    400, f"custom_fields: Custom field {field_gid} is not on this task's projects"
                )
            out[field_gid] = self._entry(entries[field_gid], value)
        return out

    def _entry(self, entry: Record, value: Any) -> Record:
        """A copy of `entry` holding `value` (enum option gid, number, text or date), or 400."""
        kind = entry.get("resource_subtype") or entry.get("type")
        new = dict(entry)
        where = f"custom_fields.{entry['gid']}"
        if kind == "enum":
            new["enum_value"] = None if value is None else self._option(entry["gid"], value, where)
            new["display_value"] = None if value is None else new["enum_value"]["name"]
        elif kind == "multi_enum":
            options = [self._option(entry["gid"], v, where) for v in _list(value, where)]
            new["multi_enum_values"] = options
            new["display_value"] = ", ".join(o["name"] for o in options) or None
        elif kind == "number":
            if value is not None and (
                isinstance(value, bool) or not isinstance(value, (int, float))
            ):
                raise ApiError(400, f"{where}: Not a number: {value!r}")
            new["number_value"] = value
            new["display_value"] = None if value is None else _number_text(value)
        elif kind == "text":
            text = None if value is None else _text(value, where)
            if text is not None and len(text) > TEXT_LIMIT:
                raise ApiError(400, f"{where}: Text values are limited to {TEXT_LIMIT} characters")
            new["text_value"] = text
            new["display_value"] = text
        elif kind == "date":
            new["date_value"] = None if value is None else _date_value(value, where)
            new["display_value"] = None if value is None else new["date_value"]["date"]
        elif kind == "people":
            people = [ref(self.user(v, where)) for v in _list(value, where)]
            new["people_value"] = people
            new["display_value"] = ", ".join(p.get("name") or "" for p in people) or None
        else:
            raise ApiError(400, f"{where}: The fake cannot write {kind!r} fields")
        return new

    def _option(self, field_gid: str, option_gid: Any, where: str) -> Record:
        """`{gid, name}` of an enabled option of the field, or 400."""
        found = self.options.get(option_gid) if isinstance(option_gid, str) else None
        if found is None or found[0] != field_gid:
            raise ApiError(400, f"{where}: {option_gid!r} is not an option of this field")
        if found[1].get("enabled") is False:
            raise ApiError(
                400,
                f"{where}: Option {option_gid} is disabled; disabled values can only be cleared",
            )
        return {"gid": found[1]["gid"], "name": found[1]["name"]}

    def _assign(self, task: Record, values: Record) -> list[tuple[str, Any]]:
        """Apply normalized values; returns (field, new value) for what actually changed."""
        changed: list[tuple[str, Any]] = []
        for key, value in values.items():
            if key == "custom_fields":
                fields = task["custom_fields"]
                for i, entry in enumerate(fields):
                    if entry["gid"] in value and value[entry["gid"]] != entry:
                        fields[i] = value[entry["gid"]]
                        changed.append(("custom_fields", fields[i]))
            elif task.get(key) != value:
                task[key] = value
                changed.append((key, value))
        if ("completed_at", task.get("completed_at")) in changed:
            changed.remove(("completed_at", task.get("completed_at")))
            if not any(field == "completed" for field, _ in changed):
                changed.append(("completed", task["completed"]))
        return changed

    def _touch(self, task: Record) -> None:
        """Bump `modified_at` (and the modified_since mark) to now."""
        task["modified_at"] = self.clock.tick()
        self.touched[task["gid"]] = task["modified_at"]

    def _changed(self, task: Record, field: str, value: Any) -> None:
        """A 'changed' event; `new_value` only when the new value is a resource (assignee, field)."""
        change: Record = {"field": field, "action": "changed"}
        if field == "assignee" and value is not None:
            change["new_value"] = {
                "gid": value["gid"],
                "resource_type": "user",
                "name": value.get("name"),
            }
        elif field == "custom_fields":
            change["new_value"] = dict(value, resource_type="custom_field")
        self.emit(self.task_streams(task), task, "task", "changed", change=change)

    def _due_story(self, task: Record, old: Record) -> None:
        """The system story Asana writes when a due date moves (read by postponement detection)."""
        new = {k: task.get(k) for k in ("start_on", "due_at", "due_on")}
        self.add_story_record(
            task["gid"],
            {
                "resource_subtype": "due_date_changed",
                "type": "system",
                "text": f"changed the due date to {new['due_on']}",
                "old_dates": old,
                "new_dates": new,
            },
        )

    def delete_task_record(self, gid: str) -> None:
        """DELETE /tasks/{gid}: gone from every list, GET answers 404, a 'deleted' event."""
        task = self.task(gid)
        streams = self.task_streams(task)
        for membership in task.get("memberships") or []:
            order = self.project_tasks.get(membership["project"]["gid"])
            if order and gid in order:
                order.remove(gid)
        if task.get("parent") and gid in self.children.get(task["parent"]["gid"], ()):
            self.children[task["parent"]["gid"]].remove(gid)
        self.trash[gid] = self.tasks.pop(gid)
        self.emit(streams, task, "task", "deleted")

    def move(self, gid: str, from_project: str, to_project: str) -> Record:
        """Take a task out of one project and into another: 'removed' then 'added'.

        `modified_at` stays (moving containers does not change it, L7839-7842),
        but modified_since sees the task (association changes count, L47530).
        """
        task = self.task(gid)
        self.project(to_project)
        kept = [m for m in task["memberships"] if m["project"]["gid"] != from_project]
        if len(kept) == len(task["memberships"]):
            raise ApiError(400, f"task {gid} is not in project {from_project}")
        old_streams = self.task_streams(task)
        task["memberships"] = kept
        self.project_tasks[from_project].remove(gid)
        self.emit(
            old_streams, task, "task", "removed", parent=self._named(self.projects[from_project])
        )
        task["memberships"].append(self._membership(to_project, None))
        task["custom_fields"].extend(
            self._blank_entries([to_project], (e["gid"] for e in task["custom_fields"]))
        )
        self.project_tasks[to_project].append(gid)
        self.touched[gid] = self.clock.tick()
        self.emit(
            self.task_streams(task),
            task,
            "task",
            "added",
            parent=self._named(self.projects[to_project]),
        )
        return task

    # --- stories ----------------------------------------------------------------------------

    def comment(self, task_gid: str, data: Record) -> Record:
        """POST /tasks/{gid}/stories: a comment by the token's user (`text` or `html_text`)."""
        self.task(task_gid)
        if ("text" in data) == ("html_text" in data):
            raise ApiError(400, "text: Give exactly one of text or html_text")
        if "html_text" in data:
            markup = _text(data["html_text"], "html_text")
            text = _strip_tags(markup)
        else:
            text = _text(data["text"], "text")
            markup = f"<body>{html.escape(text)}</body>"
        pinned = data.get("is_pinned", False)
        if not isinstance(pinned, bool):
            raise ApiError(400, "is_pinned: Not a boolean")
        story = {
            "resource_subtype": "comment_added",
            "type": "comment",
            "text": text,
            "html_text": markup,
            "is_pinned": pinned,
            "is_edited": False,
            "is_editable": True,
        }
        return self.add_story_record(task_gid, story)

    def add_story_record(self, task_gid: str, story: Record) -> Record:
        """Store a story on a task: bumps the task's `modified_at`, an 'added' event with the task as parent."""
        task = self.task(task_gid)
        record = {
            "gid": self.new_gid(),
            "created_at": self.clock.tick(),
            "created_by": {"gid": self.me["gid"], "name": self.me.get("name")},
            "resource_subtype": "comment_added",
            "text": "",
        }
        record.update(story)
        record.setdefault(
            "type", "comment" if record["resource_subtype"] == "comment_added" else "system"
        )
        record["target"] = ref(task)
        self.stories[record["gid"]] = self._index(record, "story")
        self.task_stories[task_gid].append(record["gid"])
        self._touch(task)
        self.emit(self.task_streams(task), record, "story", "added", parent=self._named(task))
        return record

    # --- goals and status updates -------------------------------------------------------------

    def set_metric(self, goal_gid: str, value: Any) -> Record:
        """POST /goals/{gid}/setMetricCurrentValue: 400 without a metric; a 'changed' event on the goal."""
        goal = self.goal(goal_gid)
        if not goal.get("metric"):
            raise ApiError(400, "metric: This goal has no metric; create one with setMetric first")
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ApiError(400, f"current_number_value: Not a number: {value!r}")
        metric = dict(goal["metric"], current_number_value=value)
        metric["current_display_value"] = _number_text(value)
        goal["metric"] = metric
        change = {"field": "metric", "action": "changed"}
        self.emit([goal_gid], goal, "goal", "changed", change=change)
        return goal

    def post_status(self, data: Record) -> Record:
        """POST /status_updates: newest first under its parent; sets the parent's current status."""
        parent_gid = data.get("parent")
        if not isinstance(parent_gid, str):
            raise ApiError(400, "parent: Missing input")
        kind = self.kinds.get(parent_gid)
        if kind not in STATUS_TYPES:
            raise ApiError(
                404 if kind is None else 400, f"parent: Not a project or goal: {parent_gid}"
            )
        status_type = data.get("status_type")
        if status_type not in STATUS_TYPES[kind]:
            raise ApiError(
                400,
                f"status_type: {status_type!r} is not valid for a {kind}; use one of {', '.join(STATUS_TYPES[kind])}",
            )
        if "text" not in data and "html_text" not in data:
            raise ApiError(400, "text: Missing input")
        text = (
            _text(data["text"], "text")
            if "text" in data
            else _strip_tags(_text(data["html_text"], "html_text"))
        )
        parent = self.projects.get(parent_gid) or self.goals[parent_gid]
        now = self.clock.tick()
        update = {
            "gid": self.new_gid(),
            "resource_subtype": f"{kind}_status_update",
            "title": _text(data.get("title", ""), "title"),
            "text": text,
            "html_text": data.get("html_text") or f"<body>{html.escape(text)}</body>",
            "status_type": status_type,
            "created_at": now,
            "modified_at": now,
            "author": ref(self.me),
            "created_by": ref(self.me),
            "parent": ref(parent),
        }
        self.updates[update["gid"]] = self._index(update, "status_update")
        self.parent_updates[parent_gid].insert(0, update["gid"])
        current = {
            k: update[k] for k in ("gid", "title", "resource_subtype", "status_type", "created_at")
        }
        parent["current_status_update"] = current
        if kind == "goal":
            parent["status"] = GOAL_STATUS.get(status_type, status_type)
        named = {
            "gid": update["gid"],
            "name": update["title"],
            "resource_subtype": update["resource_subtype"],
        }
        self.emit([parent_gid], named, "status_update", "added", parent=self._named(parent), at=now)
        return update


def _list(value: Any, name: str) -> list:
    """An optional array input, or 400."""
    if value is None:
        return []
    if not isinstance(value, list):
        raise ApiError(400, f"{name}: Must be an array")
    return value


def _text(value: Any, name: str) -> str:
    """A string input, or 400."""
    if not isinstance(value, str):
        raise ApiError(400, f"{name}: Not a string: {value!r}")
    return value


def _strip_tags(markup: str) -> str:
    """The plain text of Asana rich text (`<body>…</body>`)."""
    import re

    return html.unescape(re.sub(r"<[^>]+>", "", markup))


def _number_text(value: float) -> str:
    """A number's display_value: integral values without a decimal part."""
    return str(int(value)) if float(value).is_integer() else str(value)


def _date_value(value: Any, where: str) -> Record:
    """A date field value from `"YYYY-MM-DD"`, an ISO instant, or `{"date": …}`/`{"date_time": …}`."""
    if isinstance(value, dict):
        if value.get("date_time"):
            at = instant(value["date_time"], where)
            return {"date": at[:10], "date_time": at}
        return {"date": day(value.get("date"), where), "date_time": None}
    if isinstance(value, str) and len(value) > 10:
        at = instant(value, where)
        return {"date": at[:10], "date_time": at}
    return {"date": day(value, where), "date_time": None}
