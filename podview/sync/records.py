"""Records that need no configuration to map: goals, status updates, due-date stories.

Unlike projects and tasks, whose meaning depends on the config's field
names and pod rules (mapper.py), these map the same way for every agency,
so they are plain functions; Mapper offers them as static methods too.
"""

from __future__ import annotations

from collections.abc import Iterable

from podview.cache.store import Row
from podview.sync.values import Record, date_of, gid_of, number_of, text_of


def goal_rows(goal: Record) -> tuple[Row, Row | None]:
    """The `goals` row and, when the goal names one, its `time_periods` row."""
    metric = goal.get("metric") if isinstance(goal.get("metric"), dict) else None
    period = goal.get("time_period") if isinstance(goal.get("time_period"), dict) else None
    initial = number_of(metric.get("initial_number_value")) if metric else None
    target = number_of(metric.get("target_number_value")) if metric else None
    row = {
        "gid": str(goal["gid"]),
        "name": text_of(goal.get("name")) or "",
        "owner_gid": gid_of(goal.get("owner")),
        "start_on": date_of(goal.get("start_on")),
        "due_on": date_of(goal.get("due_on")),
        "time_period_gid": gid_of(period),
        "status": text_of(goal.get("status")),
        "has_metric": int(initial is not None and target is not None),
        "unit": text_of(metric.get("unit")) if metric else None,
        "currency_code": text_of(metric.get("currency_code")) if metric else None,
        "precision": metric.get("precision") if metric and isinstance(metric.get("precision"), int) else None,
        "initial": initial,
        "current": number_of(metric.get("current_number_value")) if metric else None,
        "target": target,
    }
    period_row = None
    if period and period.get("gid") is not None:
        period_row = {
            "gid": str(period["gid"]),
            "start_on": date_of(period.get("start_on")),
            "end_on": date_of(period.get("end_on")),
            "period": text_of(period.get("period")),
            "display_name": text_of(period.get("display_name")),
        }
    return row, period_row


def status_update_row(update: Record, parent_gid: str, parent_type: str) -> Row:
    """The `status_updates` row."""
    return {
        "gid": str(update["gid"]),
        "parent_gid": parent_gid,
        "parent_type": parent_type,
        "status_type": text_of(update.get("status_type")),
        "title": text_of(update.get("title")),
        "text": text_of(update.get("text")),
        "author_gid": gid_of(update.get("author")),
        "created_at": text_of(update.get("created_at")),
    }


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
                "created_at": text_of(story.get("created_at")),
                "old_due_on": date_of(old.get("due_on")),
                "new_due_on": date_of(new.get("due_on")),
            }
        )
    return rows
