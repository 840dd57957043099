"""Asana records, exactly as the API returns them, to cache rows (conventions.md).

The mapper decides what podview sees: which teams are pods, which projects
are clients, what kind each task is, which custom field holds what. It never
raises on odd data: a missing or null field becomes an empty value, and
anything a user should fix is recorded as a data problem on the task.

Beside it: values.py reads single values without raising, custom_fields.py
finds custom fields by name, and records.py maps the records that need no
configuration (goals, status updates, due-date stories), offered here as
static methods so callers hold one Mapper for everything.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from podview.cache.store import ProjectRows, Row
from podview.config import Config
from podview.dates import local_date, parse_timestamp
from podview.dates import zone as zone_named
from podview.sync import records
from podview.sync.custom_fields import (
    Field,
    field_date,
    field_label,
    field_number,
    field_text,
    read_fields,
)
from podview.sync.values import Record, date_of, gid_of, norm, text_of

__all__ = ["RESULT_WORDS", "STATUS_TYPES", "Mapper", "ProjectContext", "norm", "read_fields"]

RESULT_WORDS = ("win", "loss", "inconclusive")
STATUS_TYPES = ("on_track", "at_risk", "off_track", "on_hold", "complete", "dropped")


@dataclass(frozen=True)
class ProjectContext:
    """What classifying a project's tasks needs to know about the project."""

    gid: str
    has_type_field: bool
    section_names: dict[str, str]


class Mapper:
    """Maps records with one configuration (field names, pod rules, time zone)."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self.zone = zone_named(config.timezone)
        f = config.fields
        self._kinds_by_option = {
            norm(f.weekly_goal): "weekly_goal",
            norm(f.tactic_option): "tactic",
            norm(f.action_item): "action_item",
        }
        s = config.sections
        self._kinds_by_section = {
            norm(s.weekly_goals): "weekly_goal",
            norm(s.tactics): "tactic",
            norm(s.action_items): "action_item",
        }
        self._results = {norm(f.win): "win", norm(f.loss): "loss", norm(f.inconclusive): "inconclusive"}
        self._pod_names = {norm(team) for team in config.pods.teams}
        self._present_fields = frozenset({norm(f.type)})
        self._pod_pattern = re.compile(config.pods.pattern, re.IGNORECASE)
        self._training_names = {norm(project) for project in config.training.projects}
        self._training_pattern = re.compile(config.training.pattern, re.IGNORECASE)

    # -- pods and clients -------------------------------------------------

    def is_pod(self, team: Record) -> bool:
        """Teams named in `pods.teams` (name or gid), else teams matching `pods.pattern`."""
        name = text_of(team.get("name")) or ""
        if self._pod_names:
            return norm(name) in self._pod_names or str(team.get("gid")) in self._pod_names
        return bool(self._pod_pattern.search(name.strip()))

    def is_client(self, project: Record) -> bool:
        """Unarchived projects whose name does not start with `[internal]`, and that are not training projects."""
        if project.get("archived") is True or self.is_training(project):
            return False
        return not (text_of(project.get("name")) or "").strip().casefold().startswith("[internal]")

    def is_training(self, project: Record) -> bool:
        """Projects named in `training.projects` (name or gid), else unarchived ones matching `training.pattern`.

        A named project is training even when archived: the user chose it.
        """
        name = text_of(project.get("name")) or ""
        if self._training_names:
            return norm(name) in self._training_names or str(project.get("gid")) in self._training_names
        return project.get("archived") is not True and bool(self._training_pattern.search(name.strip()))

    @property
    def lists_archived_training(self) -> bool:
        """Whether the workspace's archived projects must be listed too (only named ones can be archived)."""
        return bool(self._training_names)

    def pod_row(self, team: Record, workspace_gid: str | None) -> Row:
        """The `pods` row of a pod team."""
        return {"gid": str(team["gid"]), "workspace_gid": workspace_gid, "name": text_of(team.get("name")) or ""}

    @staticmethod
    def user_row(user: Record) -> Row:
        """The `users` row of a (compact) user."""
        return {"gid": str(user["gid"]), "name": text_of(user.get("name")), "email": text_of(user.get("email"))}

    def project_context(
        self, project: Record, settings: list[Record] | None = None, sections: list[Record] | None = None
    ) -> ProjectContext:
        """Whether the project has the `Type` field (from its custom field settings), and its section names.

        Settings come with the project record when the listing asked for
        `custom_field_settings.custom_field.name`; sections are optional, since
        tasks name their section in `memberships`.
        """
        if settings is None:
            settings = project.get("custom_field_settings") if isinstance(project.get("custom_field_settings"), list) else []
        type_name = norm(self.config.fields.type)
        names = [
            norm(text_of((s.get("custom_field") or {}).get("name")))
            for s in settings or []
            if isinstance(s, dict)
        ]
        return ProjectContext(
            gid=str(project["gid"]),
            has_type_field=type_name in names,
            section_names={
                str(s["gid"]): text_of(s.get("name")) or ""
                for s in sections or []
                if isinstance(s, dict) and s.get("gid") is not None
            },
        )

    def client_row(
        self, project: Record, pod_gid: str, context: ProjectContext, latest_status: Record | None = None
    ) -> tuple[Row, list[Row]]:
        """The `clients` row (custom facts, health from the newest status update) and its field values."""
        f = self.config.fields
        fields = read_fields(project.get("custom_fields"))
        status = latest_status if isinstance(latest_status, dict) else {}
        status_type = text_of(status.get("status_type"))
        row = {
            "gid": str(project["gid"]),
            "pod_gid": pod_gid,
            "name": text_of(project.get("name")) or "",
            "has_type_field": int(context.has_type_field),
            "mrr": field_number(fields, f.mrr),
            "client_since": field_date(fields, f.client_since),
            "monthly_budget": field_number(fields, f.monthly_budget),
            "spend_mtd": field_number(fields, f.spend_mtd),
            "cpa": field_number(fields, f.cpa),
            "target_cpa": field_number(fields, f.target_cpa),
            "status": status_type if status_type in STATUS_TYPES else None,
            "status_title": text_of(status.get("title")),
            "status_at": text_of(status.get("created_at")),
            "status_gid": gid_of(status),
            "field_settings": json.dumps(project["custom_field_settings"])
            if isinstance(project.get("custom_field_settings"), list)
            else None,
            "modified_at": text_of(project.get("modified_at")),
        }
        return row, [field.row(row["gid"]) for field in fields.values() if field.has_value]

    def section_rows(self, context: ProjectContext) -> list[Row]:
        """The `sections` rows of a client project."""
        return [{"gid": gid, "client_gid": context.gid, "name": name} for gid, name in context.section_names.items()]

    # -- tasks ------------------------------------------------------------

    def owner(self, task: Record, clients: set[str] | dict[str, Any]) -> str | None:
        """The client a task belongs to: its first membership in a client project.

        Subtasks belong to no client (only top-level tasks count), nor does a record without a gid.
        """
        if task.get("parent") or task.get("gid") is None:
            return None
        for membership in task.get("memberships") or []:
            project = gid_of(membership.get("project")) if isinstance(membership, dict) else None
            if project in clients:
                return project
        return None

    def module_owner(self, task: Record, training: set[str] | dict[str, Any]) -> str | None:
        """The training project a task is a module of: its owner, unless its `Type` says it is an action item.

        podview's own training reminders are action items filed in the training
        project; counted as modules, each reminder would lower the completion
        it asks the person to raise.
        """
        owner = self.owner(task, training)
        if owner is None:
            return None
        type_field = read_fields(task.get("custom_fields")).get(norm(self.config.fields.type))
        label = (type_field.enum or type_field.text) if type_field else None
        return None if self._kinds_by_option.get(norm(label)) == "action_item" else owner

    def task_rows(self, task: Record, context: ProjectContext, seen_at: str, out: ProjectRows) -> None:
        """Append the rows of one task owned by `context`'s client to `out`."""
        gid = str(task["gid"])
        f = self.config.fields
        fields = read_fields(task.get("custom_fields"), self._present_fields)
        problems: list[str] = []

        name = text_of(task.get("name"))
        if name is None or not name.strip():
            problems.append("no name")
        kind = self._kind(task, fields, context)
        due_on = date_of(task.get("due_on")) or local_date(parse_timestamp(text_of(task.get("due_at"))), self.zone)
        due_on = due_on.isoformat() if hasattr(due_on, "isoformat") else due_on
        completed = task.get("completed") is True
        completed_at = text_of(task.get("completed_at")) if completed else None
        if completed and parse_timestamp(completed_at) is None:
            problems.append("completed, but Asana gave no completion time")
        result = self._result(fields.get(norm(f.result)), problems)
        confidence = self._confidence(fields.get(norm(f.confidence)), problems)
        assignee = task.get("assignee") if isinstance(task.get("assignee"), dict) else None
        if assignee and assignee.get("gid") is not None:
            out.users.append({"gid": str(assignee["gid"]), "name": text_of(assignee.get("name"))})

        out.tasks.append(
            {
                "gid": gid,
                "client_gid": context.gid,
                "name": name or "",
                "norm_name": norm(name),
                "kind": kind,
                "section_gid": self._section(task, context.gid),
                "assignee_gid": gid_of(assignee),
                "due_on": due_on,
                "original_due": field_date(fields, f.original_due),
                "postpone_reason": field_text(fields, f.postpone_reason),
                "tactic": field_label(fields, f.tactic),
                "result": result,
                "confidence": confidence,
                "completed": int(completed),
                "completed_at": completed_at,
                "created_at": text_of(task.get("created_at")),
                "modified_at": text_of(task.get("modified_at")),
            }
        )
        out.field_values.extend(field.row(gid) for field in fields.values() if field.has_value)
        section = self._membership(task, context.gid).get("section")
        if isinstance(section, dict) and section.get("gid") is not None and text_of(section.get("name")) is not None:
            out.sections.append({"gid": str(section["gid"]), "client_gid": context.gid, "name": section["name"]})
        out.problems.extend({"task_gid": gid, "problem": problem} for problem in problems)
        if due_on:
            out.due_dates.append({"task_gid": gid, "due_on": due_on, "source": "sync", "first_seen": seen_at})

    def _kind(self, task: Record, fields: dict[str, Field], context: ProjectContext) -> str:
        """`Type` decides; only a project without the field falls back to the section name."""
        type_field = fields.get(norm(self.config.fields.type))
        if context.has_type_field or type_field is not None:
            label = type_field.enum or type_field.text if type_field else None
            return self._kinds_by_option.get(norm(label), "other")
        return self._kinds_by_section.get(norm(self._section_name(task, context)), "other")

    @staticmethod
    def _membership(task: Record, project_gid: str) -> Record:
        """The task's membership entry for `project_gid` ({} when absent)."""
        for membership in task.get("memberships") or []:
            if isinstance(membership, dict) and gid_of(membership.get("project")) == project_gid:
                return membership
        return {}

    def _section(self, task: Record, project_gid: str) -> str | None:
        return gid_of(self._membership(task, project_gid).get("section"))

    def _section_name(self, task: Record, context: ProjectContext) -> str:
        """The section's name as the membership gives it, else as the project's section list does."""
        section = self._membership(task, context.gid).get("section")
        name = text_of(section.get("name")) if isinstance(section, dict) else None
        return name if name is not None else context.section_names.get(gid_of(section) or "", "")

    def _result(self, field: Field | None, problems: list[str]) -> str | None:
        label = (field.enum or field.text) if field else None
        if label is None or not label.strip():
            return None
        result = self._results.get(norm(label))
        if result is None:
            problems.append(f"Result {label!r} is not one of {', '.join(self._result_labels())}")
        return result

    def _result_labels(self) -> list[str]:
        f = self.config.fields
        return [f.win, f.loss, f.inconclusive]

    @staticmethod
    def _confidence(field: Field | None, problems: list[str]) -> float | None:
        if field is None or field.number is None:
            return None
        if not 0 <= field.number <= 100:
            problems.append(f"Confidence {field.number:g} is outside 0–100 (it is a percentage)")
            return None
        return field.number

    # -- training modules ---------------------------------------------------

    @staticmethod
    def training_project_row(project: Record) -> Row:
        """The `training_projects` row."""
        return {
            "gid": str(project["gid"]),
            "name": text_of(project.get("name")) or "",
            "team_gid": gid_of(project.get("team")),
            "modified_at": text_of(project.get("modified_at")),
        }

    def module_row(self, task: Record, project_gid: str) -> tuple[Row, Row | None]:
        """The `training_modules` row of a top-level task of a training project, and its assignee's `users` row.

        A `Score` outside 0–100 is no test score (the field is a percentage)
        and is read as none, so it cannot skew an average.
        """
        fields = read_fields(task.get("custom_fields"))
        score = field_number(fields, self.config.fields.score)
        assignee = task.get("assignee") if isinstance(task.get("assignee"), dict) else None
        completed = task.get("completed") is True
        row = {
            "gid": str(task["gid"]),
            "project_gid": project_gid,
            "name": text_of(task.get("name")) or "",
            "assignee_gid": gid_of(assignee),
            "completed": int(completed),
            "completed_at": text_of(task.get("completed_at")) if completed else None,
            "due_on": date_of(task.get("due_on")),
            "due_at": text_of(task.get("due_at")),
            "score": score if score is not None and 0 <= score <= 100 else None,
            "created_at": text_of(task.get("created_at")),
            "modified_at": text_of(task.get("modified_at")),
        }
        user = {"gid": row["assignee_gid"], "name": text_of(assignee.get("name"))} if row["assignee_gid"] else None
        return row, user

    # -- goals, status updates, stories ---------------------------------

    goal_rows = staticmethod(records.goal_rows)
    status_update_row = staticmethod(records.status_update_row)
    due_date_change_rows = staticmethod(records.due_date_change_rows)
