"""Asana records, exactly as the API returns them, to cache rows (conventions.md).

The mapper decides what podview sees: which teams are pods, which projects
are clients, what kind each task is, which custom field holds what. It never
raises on odd data: a missing or null field becomes an empty value, and
anything a user should fix is recorded as a data problem on the task.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from podview.cache.store import ProjectRows, Row
from podview.config import Config
from podview.dates import local_date, parse_timestamp
from podview.dates import zone as zone_named

Record = dict[str, Any]

RESULT_WORDS = ("win", "loss", "inconclusive")
STATUS_TYPES = ("on_track", "at_risk", "off_track", "on_hold", "complete", "dropped")


@lru_cache(maxsize=8192)
def norm(text: str | None) -> str:
    """How names are matched: trimmed, casefolded, runs of whitespace collapsed (cached: field names repeat)."""
    return " ".join(unicodedata.normalize("NFC", text or "").casefold().split())


def _gid(value: Any) -> str | None:
    """The gid of a compact record (or None for null / malformed)."""
    if isinstance(value, dict) and value.get("gid") is not None:
        return str(value["gid"])
    return None


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value)


def _date(value: Any) -> str | None:
    """A `YYYY-MM-DD` string if `value` is one (Asana dates are plain dates)."""
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return value
    return None


@dataclass(frozen=True)
class Field:
    """One custom field entry of a task or project, read whatever its type."""

    gid: str
    name: str
    type: str | None
    text: str | None
    number: float | None
    enum: str | None
    date: str | None
    display: str | None

    @property
    def has_value(self) -> bool:
        """Whether anything is set (used to pick between two fields of the same name)."""
        return bool(self.text or self.enum or self.date or self.display) or self.number is not None

    @classmethod
    def read(cls, entry: Record) -> Field | None:
        """Read an entry of `custom_fields`; None when it has no gid."""
        if not isinstance(entry, dict) or entry.get("gid") is None:
            return None
        kind = _text(entry.get("resource_subtype")) or _text(entry.get("type"))
        enum_value = entry.get("enum_value")
        date_value = entry.get("date_value")
        multi = entry.get("multi_enum_values")
        enum_name = _text(enum_value.get("name")) if isinstance(enum_value, dict) else None
        if enum_name is None and isinstance(multi, list):
            names = [_text(option.get("name")) for option in multi if isinstance(option, dict)]
            enum_name = ", ".join(name for name in names if name) or None
        return cls(
            gid=str(entry["gid"]),
            name=_text(entry.get("name")) or "",
            type=kind,
            text=_text(entry.get("text_value")),
            number=_number(entry.get("number_value")),
            enum=enum_name,
            date=_date(date_value.get("date")) if isinstance(date_value, dict) else None,
            display=_text(entry.get("display_value")),
        )

    def row(self, resource_gid: str) -> Row:
        """The `field_values` row."""
        return {
            "resource_gid": resource_gid,
            "field_gid": self.gid,
            "name": self.name,
            "type": self.type,
            "text_value": self.text,
            "number_value": self.number,
            "enum_value": self.enum,
            "date_value": self.date,
            "display_value": self.display,
        }


VALUE_KEYS = ("display_value", "enum_value", "number_value", "text_value", "date_value", "multi_enum_values")


def read_fields(entries: Any, keep: frozenset[str] = frozenset()) -> dict[str, Field]:
    """Custom fields by normalised name; of two with the same name, the one with a value wins.

    Empty fields are skipped unless their name is in `keep` (the fields whose
    mere presence matters, like `Type`): most entries of most tasks are empty.
    """
    fields: dict[str, Field] = {}
    for entry in entries if isinstance(entries, list) else []:
        if not isinstance(entry, dict):
            continue
        if not any(entry.get(key) not in (None, "", []) for key in VALUE_KEYS) and norm(entry.get("name")) not in keep:
            continue
        field = Field.read(entry)
        if field is None:
            continue
        key = norm(field.name)
        if key not in fields or (field.has_value and not fields[key].has_value):
            fields[key] = field
    return fields


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

    # -- pods and clients -------------------------------------------------

    def is_pod(self, team: Record) -> bool:
        """Teams named in `pods.teams` (name or gid), else teams matching `pods.pattern`."""
        name = _text(team.get("name")) or ""
        if self._pod_names:
            return norm(name) in self._pod_names or str(team.get("gid")) in self._pod_names
        return bool(self._pod_pattern.search(name.strip()))

    @staticmethod
    def is_client(project: Record) -> bool:
        """Unarchived projects whose name does not start with `[internal]`."""
        if project.get("archived") is True:
            return False
        return not (_text(project.get("name")) or "").strip().casefold().startswith("[internal]")

    def pod_row(self, team: Record, workspace_gid: str | None) -> Row:
        """The `pods` row of a pod team."""
        return {"gid": str(team["gid"]), "workspace_gid": workspace_gid, "name": _text(team.get("name")) or ""}

    @staticmethod
    def user_row(user: Record) -> Row:
        """The `users` row of a (compact) user."""
        return {"gid": str(user["gid"]), "name": _text(user.get("name")), "email": _text(user.get("email"))}

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
            norm(_text((s.get("custom_field") or {}).get("name")))
            for s in settings or []
            if isinstance(s, dict)
        ]
        return ProjectContext(
            gid=str(project["gid"]),
            has_type_field=type_name in names,
            section_names={
                str(s["gid"]): _text(s.get("name")) or ""
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
        status_type = _text(status.get("status_type"))
        row = {
            "gid": str(project["gid"]),
            "pod_gid": pod_gid,
            "name": _text(project.get("name")) or "",
            "has_type_field": int(context.has_type_field),
            "mrr": _field_number(fields, f.mrr),
            "client_since": _field_date(fields, f.client_since),
            "monthly_budget": _field_number(fields, f.monthly_budget),
            "spend_mtd": _field_number(fields, f.spend_mtd),
            "cpa": _field_number(fields, f.cpa),
            "target_cpa": _field_number(fields, f.target_cpa),
            "status": status_type if status_type in STATUS_TYPES else None,
            "status_title": _text(status.get("title")),
            "status_at": _text(status.get("created_at")),
            "status_gid": _gid(status),
            "field_settings": json.dumps(project["custom_field_settings"])
            if isinstance(project.get("custom_field_settings"), list)
            else None,
            "modified_at": _text(project.get("modified_at")),
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
            project = _gid(membership.get("project")) if isinstance(membership, dict) else None
            if project in clients:
                return project
        return None

    def task_rows(self, task: Record, context: ProjectContext, seen_at: str, out: ProjectRows) -> None:
        """Append the rows of one task owned by `context`'s client to `out`."""
        gid = str(task["gid"])
        f = self.config.fields
        fields = read_fields(task.get("custom_fields"), self._present_fields)
        problems: list[str] = []

        name = _text(task.get("name"))
        if name is None or not name.strip():
            problems.append("no name")
        kind = self._kind(task, fields, context)
        due_on = _date(task.get("due_on")) or local_date(parse_timestamp(_text(task.get("due_at"))), self.zone)
        due_on = due_on.isoformat() if hasattr(due_on, "isoformat") else due_on
        completed = task.get("completed") is True
        completed_at = _text(task.get("completed_at")) if completed else None
        if completed and parse_timestamp(completed_at) is None:
            problems.append("completed, but Asana gave no completion time")
        result = self._result(fields.get(norm(f.result)), problems)
        confidence = self._confidence(fields.get(norm(f.confidence)), problems)
        assignee = task.get("assignee") if isinstance(task.get("assignee"), dict) else None
        if assignee and assignee.get("gid") is not None:
            out.users.append({"gid": str(assignee["gid"]), "name": _text(assignee.get("name"))})

        out.tasks.append(
            {
                "gid": gid,
                "client_gid": context.gid,
                "name": name or "",
                "norm_name": norm(name),
                "kind": kind,
                "section_gid": self._section(task, context.gid),
                "assignee_gid": _gid(assignee),
                "due_on": due_on,
                "original_due": _field_date(fields, f.original_due),
                "postpone_reason": _field_text(fields, f.postpone_reason),
                "tactic": _field_label(fields, f.tactic),
                "result": result,
                "confidence": confidence,
                "completed": int(completed),
                "completed_at": completed_at,
                "created_at": _text(task.get("created_at")),
                "modified_at": _text(task.get("modified_at")),
            }
        )
        out.field_values.extend(field.row(gid) for field in fields.values() if field.has_value)
        section = self._membership(task, context.gid).get("section")
        if isinstance(section, dict) and section.get("gid") is not None and _text(section.get("name")) is not None:
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
            if isinstance(membership, dict) and _gid(membership.get("project")) == project_gid:
                return membership
        return {}

    def _section(self, task: Record, project_gid: str) -> str | None:
        return _gid(self._membership(task, project_gid).get("section"))

    def _section_name(self, task: Record, context: ProjectContext) -> str:
        """The section's name as the membership gives it, else as the project's section list does."""
        section = self._membership(task, context.gid).get("section")
        name = _text(section.get("name")) if isinstance(section, dict) else None
        return name if name is not None else context.section_names.get(_gid(section) or "", "")

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

    # -- goals, status updates, stories ---------------------------------

    @staticmethod
    def goal_rows(goal: Record) -> tuple[Row, Row | None]:
        """The `goals` row and, when the goal names one, its `time_periods` row."""
        metric = goal.get("metric") if isinstance(goal.get("metric"), dict) else None
        period = goal.get("time_period") if isinstance(goal.get("time_period"), dict) else None
        initial = _number(metric.get("initial_number_value")) if metric else None
        target = _number(metric.get("target_number_value")) if metric else None
        row = {
            "gid": str(goal["gid"]),
            "name": _text(goal.get("name")) or "",
            "owner_gid": _gid(goal.get("owner")),
            "start_on": _date(goal.get("start_on")),
            "due_on": _date(goal.get("due_on")),
            "time_period_gid": _gid(period),
            "status": _text(goal.get("status")),
            "has_metric": int(initial is not None and target is not None),
            "unit": _text(metric.get("unit")) if metric else None,
            "currency_code": _text(metric.get("currency_code")) if metric else None,
            "precision": metric.get("precision") if metric and isinstance(metric.get("precision"), int) else None,
            "initial": initial,
            "current": _number(metric.get("current_number_value")) if metric else None,
            "target": target,
        }
        period_row = None
        if period and period.get("gid") is not None:
            period_row = {
                "gid": str(period["gid"]),
                "start_on": _date(period.get("start_on")),
                "end_on": _date(period.get("end_on")),
                "period": _text(period.get("period")),
                "display_name": _text(period.get("display_name")),
            }
        return row, period_row

    @staticmethod
    def status_update_row(update: Record, parent_gid: str, parent_type: str) -> Row:
        """The `status_updates` row."""
        return {
            "gid": str(update["gid"]),
            "parent_gid": parent_gid,
            "parent_type": parent_type,
            "status_type": _text(update.get("status_type")),
            "title": _text(update.get("title")),
            "text": _text(update.get("text")),
            "author_gid": _gid(update.get("author")),
            "created_at": _text(update.get("created_at")),
        }

    @staticmethod
    def due_date_change_rows(task_gid: str, stories: Iterable[Record]) -> list[Row]:
        """`due_date_changed` stories that carry an old due date."""
        rows = []
        for story in stories:
            if not isinstance(story, dict) or story.get("resource_subtype") != "due_date_changed":
                continue
            old = story.get("old_dates") if isinstance(story.get("old_dates"), dict) else {}
            new = story.get("new_dates") if isinstance(story.get("new_dates"), dict) else {}
            rows.append(
                {
                    "story_gid": str(story["gid"]),
                    "task_gid": task_gid,
                    "created_at": _text(story.get("created_at")),
                    "old_due_on": _date(old.get("due_on")),
                    "new_due_on": _date(new.get("due_on")),
                }
            )
        return rows


def _field_number(fields: dict[str, Field], name: str) -> float | None:
    field = fields.get(norm(name))
    return field.number if field else None


def _field_date(fields: dict[str, Field], name: str) -> str | None:
    field = fields.get(norm(name))
    if field is None:
        return None
    return field.date or _date((field.text or "").strip())


def _field_text(fields: dict[str, Field], name: str) -> str | None:
    field = fields.get(norm(name))
    return (field.text or field.enum) if field else None


def _field_label(fields: dict[str, Field], name: str) -> str | None:
    """An enum option's name or a text value, trimmed; None when blank."""
    field = fields.get(norm(name))
    label = (field.enum or field.text) if field else None
    return label.strip() or None if label else None
