"""Asana-shaped records for the demo: exactly what dump.py's opt_fields return.

Asana answers a request with `gid` plus the fields asked for, nested objects
holding `gid` plus their asked-for subfields. Building every record here keeps
the demo honest: the loader and the test server can't tell it from a live
workspace, so the demo exercises the same code a real sync does.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from podview.sync.dump import Record


class Gids:
    """Numeric string gids, increasing like Asana's and unique across every kind of resource."""

    def __init__(self, start: int = 1_208_400_000_000_000) -> None:
        self._next = itertools.count(start)

    def __call__(self) -> str:
        """The next unused gid."""
        return str(next(self._next))


def stamp(moment: datetime) -> str:
    """Asana's timestamp form: UTC, milliseconds, `Z` (`2026-11-20T16:04:00.000Z`)."""
    utc = moment.astimezone(UTC)
    return f"{utc:%Y-%m-%dT%H:%M:%S}.{utc.microsecond // 1000:03d}Z"


def ref(record: Record) -> Record:
    """`{gid, name}` of a record: what Asana returns for `x.name`."""
    return {"gid": record["gid"], "name": record["name"]}


@dataclass
class Field:
    """One workspace custom field; tasks and projects show it as a value entry keyed by its gid."""

    gid: str
    name: str
    type: str
    options: dict[str, str] = field(default_factory=dict)
    """Enum option name → option gid, in display order."""
    disabled: tuple[str, ...] = ()
    """Options trashed in Asana's field editor: still listed, no longer selectable."""
    precision: int = 0
    _blank: Record = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._blank = self._entry(None)

    def entry(self, value: Any = None) -> Record:
        """The field's value entry on a task or project; a fresh dict every call."""
        return dict(self._blank) if value is None else self._entry(value)

    def _entry(self, value: Any) -> Record:
        record: Record = {
            "gid": self.gid,
            "name": self.name,
            "type": self.type,
            "resource_subtype": self.type,
        }
        display: str | None
        if self.type == "enum":
            record["enum_value"] = (
                None if value is None else {"gid": self.options[value], "name": value}
            )
            display = value
        elif self.type == "number":
            record["number_value"] = value
            display = None if value is None else f"{value:.{self.precision}f}"
        elif self.type == "date":
            record["date_value"] = (
                None if value is None else {"date": value.isoformat(), "date_time": None}
            )
            display = None if value is None else value.isoformat()
        else:
            record["text_value"] = value
            display = value
        record["display_value"] = display
        return record

    def setting(self, gid: str) -> Record:
        """This field's setting on a project (GET /projects/{gid}/custom_field_settings)."""
        custom: Record = {
            "gid": self.gid,
            "name": self.name,
            "type": self.type,
            "resource_subtype": self.type,
        }
        if self.type == "enum":
            custom["enum_options"] = [
                {"gid": option_gid, "name": name, "enabled": name not in self.disabled}
                for name, option_gid in self.options.items()
            ]
        return {"gid": gid, "custom_field": custom}


def enum_field(
    gids: Gids, name: str, options: tuple[str, ...], disabled: tuple[str, ...] = ()
) -> Field:
    """An enum field with fresh gids for the field and each option."""
    gid = gids()
    return Field(gid, name, "enum", {option: gids() for option in options}, disabled)


def task(
    gid: str,
    name: str,
    *,
    assignee: Record | None,
    created_at: datetime,
    completed_at: datetime | None,
    modified_at: datetime,
    due_on: date | None,
    memberships: list[tuple[Record, Record]],
    custom_fields: list[Record],
    parent: str | None = None,
    due_at: datetime | None = None,
) -> Record:
    """A task as GET /projects/{gid}/tasks returns it for TASK_FIELDS."""
    return {
        "gid": gid,
        "name": name,
        "resource_subtype": "default_task",
        "assignee": None
        if assignee is None
        else {"gid": assignee["gid"], "name": assignee["name"]},
        "completed": completed_at is not None,
        "completed_at": None if completed_at is None else stamp(completed_at),
        "created_at": stamp(created_at),
        "modified_at": stamp(modified_at),
        "due_on": None if due_on is None else due_on.isoformat(),
        "due_at": None if due_at is None else stamp(due_at),
        "parent": None if parent is None else {"gid": parent},
        "memberships": [
            {"project": dict(project), "section": dict(section)} for project, section in memberships
        ],
        "custom_fields": custom_fields,
    }


def due_change(gid: str, created_at: datetime, old: date, new: date) -> Record:
    """A `due_date_changed` story (GET /tasks/{gid}/stories, STORY_FIELDS)."""
    return {
        "gid": gid,
        "created_at": stamp(created_at),
        "resource_subtype": "due_date_changed",
        "type": "system",
        "old_dates": {"due_on": old.isoformat()},
        "new_dates": {"due_on": new.isoformat()},
    }


def status_update(
    gid: str,
    status_type: str,
    title: str,
    text: str,
    created_at: datetime,
    author: Record,
    parent: Record,
    subtype: str,
) -> Record:
    """A status update (GET /status_updates?parent=, STATUS_UPDATE_FIELDS)."""
    return {
        "gid": gid,
        "status_type": status_type,
        "title": title,
        "text": text,
        "created_at": stamp(created_at),
        "author": ref(author),
        "parent": ref(parent),
        "resource_subtype": subtype,
    }


def time_period(gid: str, start_on: date, end_on: date) -> Record:
    """A calendar quarter as a goal's `time_period` (TimePeriodCompact)."""
    quarter = (start_on.month - 1) // 3 + 1
    return {
        "gid": gid,
        "start_on": start_on.isoformat(),
        "end_on": end_on.isoformat(),
        "period": f"Q{quarter}",
        "display_name": f"Q{quarter} FY{start_on.year % 100:02d}",
    }


def metric(
    gid: str,
    unit: str,
    currency: str | None,
    precision: int,
    initial: float,
    current: float,
    target: float,
) -> Record:
    """A goal's number metric (GoalMetricBase, GOAL_FIELDS' `metric.*`)."""
    return {
        "gid": gid,
        "resource_subtype": "number",
        "unit": unit,
        "currency_code": currency,
        "precision": precision,
        "initial_number_value": initial,
        "current_number_value": current,
        "target_number_value": target,
    }
