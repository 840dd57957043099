"""The Asana writes a decision turns into (conventions.md, "Sanctioned writes").

An action item is filed in its section at creation with
`memberships: [{project, section}]` (asana-api-facts.md §5: the OpenAPI file
marks the field read-only yet describes this use), and with plain
`projects` when the project has no `Action items` section.

A decision becomes stages of steps: the steps of a stage may run in one
batch, in any order; a stage starts only when the one before it is done (a
postponement's comment only after its PUT). Each step says how to find it
again after an unclear failure (`look`) and which lane it writes in: two
steps in one lane (the same task's fields, the same parent's status) never
run together, so the later decision wins as it should.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

from podview.config import Config
from podview.decisions.catalogue import ProjectCatalogue
from podview.decisions.common import one, parse_stamp
from podview.decisions.markers import with_marker
from podview.decisions.meetings import POD_STANDUP, Meeting
from podview.decisions.outbox import Decision
from podview.sync.dump import GOAL_FIELDS, STATUS_UPDATE_FIELDS, TASK_FIELDS
from podview.sync.mapper import norm

STORY_LOOK_FIELDS = ("text", "created_at")
TASK_LOOK_FIELDS = (*TASK_FIELDS, "notes")
NEEDS_FIELDS = {"postpone": False, "result": False, "action": True, "reminder": False}
"""Kinds that write custom fields → whether they also need the project's sections."""


@dataclass(frozen=True)
class Look:
    """Where a create's marker would be: a task's stories, a parent's status updates, a project's tasks."""

    kind: str
    gid: str


@dataclass(frozen=True)
class Step:
    """One Asana write of a decision."""

    decision_id: str
    name: str
    method: str
    path: str
    data: dict[str, Any]
    fields: tuple[str, ...]
    creates: bool
    lane: str | None = None
    look: Look | None = None

    def action(self) -> dict[str, Any]:
        """The step as a POST /batch action."""
        return {
            "relative_path": self.path,
            "method": self.method.lower(),
            "data": self.data,
            "options": {"fields": list(self.fields)},
        }


def catalogue_need(decision: Decision) -> tuple[str, bool] | None:
    """(project gid, sections needed) when the decision writes custom fields, else None."""
    if decision.kind not in NEEDS_FIELDS:
        return None
    project = decision.fields["project" if decision.kind == "reminder" else "client"]
    return project, NEEDS_FIELDS[decision.kind]


def stages(
    decision: Decision, *, db: Any, config: Config, catalogue: ProjectCatalogue | None, meeting: Meeting | None
) -> list[list[Step]]:
    """The decision's writes, stage by stage; raises CatalogueError when a field or option is missing."""
    builder = _BUILDERS[decision.kind]
    return builder(decision, db=db, config=config, catalogue=catalogue, meeting=meeting)


def _comment(decision: Decision, *, meeting: Meeting | None, config: Config, **_: Any) -> list[list[Step]]:
    f = decision.fields
    return [[_story(decision, f["task"], f["text"], meeting, config)]]


def _postpone(decision: Decision, *, db: Any, config: Config, catalogue: ProjectCatalogue | None, meeting: Meeting | None) -> list[list[Step]]:
    f, names = decision.fields, config.fields
    reason = catalogue.require(names.postpone_reason, "postpone_reason")
    values: dict[str, Any] = {reason.gid: f["reason"]}
    current = one(db, "SELECT original_due FROM tasks WHERE gid = ?", [f["task"]])
    if not (current and current["original_due"]):
        values[catalogue.require(names.original_due, "original_due").gid] = {"date": f["fixed"]}
    update = Step(
        decision.id, "update", "PUT", f"/tasks/{f['task']}", {"due_on": f["to"], "custom_fields": values},
        TASK_FIELDS, creates=False, lane=f"task:{f['task']}",
    )
    text = f"Postponed from {f['from']} to {f['to']}.\nReason: {f['reason']}"
    return [[update], [_story(decision, f["task"], text, meeting, config)]]


def _result(decision: Decision, *, config: Config, catalogue: ProjectCatalogue | None, **_: Any) -> list[list[Step]]:
    f, names = decision.fields, config.fields
    label = {"win": names.win, "loss": names.loss, "inconclusive": names.inconclusive}[f["result"]]
    field_gid, option_gid = catalogue.option(names.result, "result", label, f["result"])
    values: dict[str, Any] = {field_gid: option_gid}
    if f.get("confidence") is not None:
        values[catalogue.require(names.confidence, "confidence").gid] = f["confidence"]
    return [[Step(decision.id, "update", "PUT", f"/tasks/{f['task']}", {"custom_fields": values}, TASK_FIELDS, creates=False, lane=f"task:{f['task']}")]]


def _action(decision: Decision, *, config: Config, catalogue: ProjectCatalogue | None, meeting: Meeting | None, **_: Any) -> list[list[Step]]:
    f = decision.fields
    data: dict[str, Any] = {"name": f["name"], "notes": with_marker(_join(f.get("notes"), meeting_line(meeting, config)), decision.id)}
    section = catalogue.section(config.sections.action_items)
    if section:
        data["memberships"] = [{"project": f["client"], "section": section}]
    else:
        data["projects"] = [f["client"]]
    if catalogue.field(config.fields.type) is not None:
        field_gid, option_gid = catalogue.option(config.fields.type, "type", config.fields.action_item, "action_item")
        data["custom_fields"] = {field_gid: option_gid}
    if f.get("assignee"):
        data["assignee"] = f["assignee"]
    if f.get("due"):
        data["due_on"] = f["due"]
    return [[Step(decision.id, "create", "POST", "/tasks", data, TASK_FIELDS, creates=True, look=Look("tasks", f["client"]))]]


def _reminder(decision: Decision, *, config: Config, catalogue: ProjectCatalogue | None, meeting: Meeting | None, **_: Any) -> list[list[Step]]:
    """An action item in the module's training project; its Type only when that project has the field and option."""
    f, names = decision.fields, config.fields
    data: dict[str, Any] = {
        "name": f["name"], "notes": with_marker(_join(f.get("notes"), meeting_line(meeting, config)), decision.id),
        "projects": [f["project"]], "assignee": f["assignee"], "due_on": f["due"],
    }
    info = catalogue.field(names.type) if catalogue else None
    option = info.options.get(norm(names.action_item)) if info else None
    if info and option:
        data["custom_fields"] = {info.gid: option}
    return [[Step(decision.id, "create", "POST", "/tasks", data, TASK_FIELDS, creates=True, look=Look("tasks", f["project"]))]]


def _status(decision: Decision, *, config: Config, meeting: Meeting | None, **_: Any) -> list[list[Step]]:
    f = decision.fields
    return [[_status_step(decision, f["client"], f["status"], f["title"], f["text"], meeting, config)]]


def _goal(decision: Decision, *, config: Config, meeting: Meeting | None, **_: Any) -> list[list[Step]]:
    f = decision.fields
    steps = []
    if f.get("current") is not None:
        steps.append(
            Step(
                decision.id, "metric", "POST", f"/goals/{f['goal']}/setMetricCurrentValue",
                {"current_number_value": f["current"]}, GOAL_FIELDS, creates=False, lane=f"metric:{f['goal']}",
            )
        )
    if f.get("status"):
        steps.append(_status_step(decision, f["goal"], f["status"], f.get("title"), f["text"], meeting, config))
    return [steps]


_BUILDERS = {
    "comment": _comment, "postpone": _postpone, "result": _result, "action": _action, "status": _status, "goal": _goal,
    "reminder": _reminder,
}


def _story(decision: Decision, task_gid: str, text: str, meeting: Meeting | None, config: Config) -> Step:
    body = with_marker(_join(text, meeting_line(meeting, config)), decision.id)
    return Step(decision.id, "comment", "POST", f"/tasks/{task_gid}/stories", {"text": body}, STORY_LOOK_FIELDS, creates=True, look=Look("stories", task_gid))


def _status_step(decision: Decision, parent: str, status: str, title: str | None, text: str, meeting: Meeting | None, config: Config) -> Step:
    data = {"parent": parent, "status_type": status, "text": with_marker(_join(text, meeting_line(meeting, config)), decision.id)}
    if title:
        data["title"] = title
    return Step(decision.id, "status", "POST", "/status_updates", data, STATUS_UPDATE_FIELDS, creates=True, lane=f"status:{parent}", look=Look("status", parent))


def meeting_line(meeting: Meeting | None, config: Config) -> str | None:
    """`Decided in the pod standup of Pod Atlas on 2026-11-25.` (None outside a meeting)."""
    if meeting is None:
        return None
    day = meeting_day(meeting, config)
    if meeting.kind == POD_STANDUP:
        return f"Decided in the pod standup of {meeting.pod or meeting.pod_gid} on {day.isoformat()}."
    return f"Decided in the growth review on {day.isoformat()}."


def meeting_day(meeting: Meeting, config: Config) -> date:
    """The local date a meeting started on."""
    return parse_stamp(meeting.started_at).astimezone(ZoneInfo(config.timezone)).date()


def _join(*parts: str | None) -> str:
    return "\n\n".join(part.strip() for part in parts if part and part.strip())
