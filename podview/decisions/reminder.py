"""The training reminder: a decision that someone finishes a training module, by a date.

Decided on a person's training module (the People screen's person card, or
anywhere a module is selected), it becomes an action item in that module's
training project, assigned to the module's assignee and due on the date
chosen (requests.py writes it). The rules are checked here against the
cache, like every kind's (validate.py): a module the cache knows, not yet
passed, assigned to someone, and a due date.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from podview.dates import DateError, parse_user_date
from podview.decisions.common import ValidationError, one

REMINDER_NAME = "Reminder: finish {module}"
"""The action item's name in the training project."""


def check_reminder(db: Any, inputs: dict[str, Any], problems: Any, today: date) -> dict[str, Any]:
    """A reminder needs an open module with an assignee, and the date it is due."""
    module = problems.of("module", training_module, db, inputs.get("module")) or {}
    due = problems.of("due", _due, inputs.get("due"), today)
    notes = inputs.get("notes")
    name = module.get("name") or module.get("gid")
    return {
        "module": module.get("gid"),
        "module_name": module.get("name"),
        "project": module.get("project_gid"),
        "project_name": module.get("project_name"),
        "assignee": module.get("assignee_gid"),
        "assignee_name": module.get("assignee_name"),
        "name": REMINDER_NAME.format(module=name) if module else None,
        "due": due.isoformat() if due else None,
        "notes": notes.strip() if isinstance(notes, str) and notes.strip() else None,
    }


def training_module(db: Any, gid: Any) -> dict[str, Any]:
    """The module with its project and assignee, if a reminder can be about it."""
    text = str(gid or "").strip()
    if not text.isdigit():
        raise ValidationError(f"--module {text!r} is not an Asana gid (a training module's task gid)")
    module = one(
        db,
        "SELECT m.gid, m.name, m.project_gid, p.name AS project_name, m.assignee_gid, m.completed, "
        "COALESCE(NULLIF(TRIM(u.name), ''), u.email) AS assignee_name FROM training_modules m "
        "JOIN training_projects p ON p.gid = m.project_gid LEFT JOIN users u ON u.gid = m.assignee_gid "
        "WHERE m.gid = ?",
        [text],
    )
    if module is None:
        raise ValidationError(
            f"no training module {text} in the cache (deleted, moved out of the training projects, "
            "or not synced yet); check the gid or run `podview sync`"
        )
    label = f"training module {module['name']!r}"
    if module["completed"]:
        raise ValidationError(f"{label} is already completed; there is nothing to remind")
    if not module["assignee_gid"]:
        raise ValidationError(f"{label} is assigned to nobody; assign it in Asana, then remind them")
    return module


def _due(value: Any, today: date) -> date:
    """By when the module is to be finished: a date in any form `dates.parse_user_date` reads."""
    if value is None or not str(value).strip():
        raise ValidationError("a reminder needs --due, the date to finish the module by")
    try:
        return parse_user_date(str(value), today)
    except DateError as error:
        raise ValidationError(f"--due {error}") from None
