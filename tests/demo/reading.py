"""What the demo tests share: the date they read the demo on, and an independent reading of it.

The situation tests check the dump against this small reading of
conventions.md and metrics.md, written without podview's mapper or figures,
so a generator change that quietly drops a situation fails in tests, not in
a demo; the helpers above it find records the way a reader of the JSON would.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from podview.dates import Week
from podview.demo.generator import DEMO_TIMEZONE

TODAY = date(2026, 11, 20)
ZONE = ZoneInfo(DEMO_TIMEZONE)
VALUE_KEY = {
    "enum": "enum_value",
    "number": "number_value",
    "text": "text_value",
    "date": "date_value",
}


def top_keys(fields: tuple[str, ...]) -> set[str]:
    return {"gid"} | {name.split(".")[0] for name in fields}


def projects(dump) -> dict[str, dict]:
    return {p["name"]: p for team in dump["teams"] for p in dump["team_projects"][team["gid"]]}


def all_tasks(dump) -> list[dict]:
    return [task for tasks in dump["tasks"].values() for task in tasks]


def tasks_of(dump, client: str) -> list[dict]:
    return dump["tasks"][projects(dump)[client]["gid"]]


def named(dump, client: str, name: str) -> dict:
    found = [task for task in tasks_of(dump, client) if task["name"] == name]
    assert len(found) == 1, f"{name!r} in {client}: {len(found)} found"
    return found[0]


def value(record: dict, field: str):
    """A custom field's value as podview reads it: enum name, number, text or date string."""
    for entry in record["custom_fields"]:
        if entry["name"] == field:
            raw = entry[VALUE_KEY[entry["type"]]]
            return raw.get("name") or raw.get("date") if isinstance(raw, dict) else raw
    return None


def local(stamp: str | None) -> datetime | None:
    return None if stamp is None else datetime.fromisoformat(stamp).astimezone(ZONE)


def norm(name: str) -> str:
    return " ".join(name.casefold().split())


# --- an independent reading of the dump (conventions.md, metrics.md) ------------------


def read(dump, today: date) -> dict[str, dict]:
    """Client name → what the figures should find, computed from the raw records."""
    return {
        project["name"]: _read_client(dump, team, project, today)
        for team in dump["teams"]
        if re.match(r"^Pod\b", team["name"], re.IGNORECASE)
        for project in dump["team_projects"][team["gid"]]
        if not project["archived"]
        and not project["name"].strip().casefold().startswith("[internal]")
        and not re.match(r"^Training\b", project["name"].strip(), re.IGNORECASE)
    }


def _read_client(dump, team, project, today):
    has_type = any(
        s["custom_field"]["name"] == "Type" for s in dump["custom_field_settings"][project["gid"]]
    )
    own = [
        t
        for t in dump["tasks"][project["gid"]]
        if t["parent"] is None and t["memberships"][0]["project"]["gid"] == project["gid"]
    ]

    def kind(task):
        if has_type:
            return value(task, "Type")
        return {"Weekly goals": "Weekly goal", "Tactics": "Tactic"}.get(
            task["memberships"][0]["section"]["name"]
        )

    goals = [_fixed(dump, t) for t in own if kind(t) == "Weekly goal"]
    tactics = [t for t in own if kind(t) == "Tactic"]
    statuses = _weekly_statuses(goals, today)
    recreated = _recreated(goals)
    last_four = {Week.of(today).shift(-i) for i in range(1, 5)}
    counted = [s for (gid, week), s in statuses.items() if week in last_four]
    decided = sum(s in ("hit", "late", "missed") for s in counted)
    hit_rate = counted.count("hit") / decided if decided else None
    postponements = sum(g["sanctioned"] and Week.of(g["F"]) in last_four for g in goals if g["F"])
    again = {later for later, _ in recreated}
    moved = any(g["moved"] and Week.of(g["F"]) in last_four for g in goals if g["F"]) or any(
        Week.of(local(g["task"]["created_at"]).date()) in last_four
        for g in goals
        if g["task"]["gid"] in again
    )
    facts = {entry["name"]: value(project, entry["name"]) for entry in project["custom_fields"]}
    updates = dump["status_updates"][project["gid"]]
    status = updates[0]["status_type"] if updates else None
    pacing = [(g["name"], *_pacing(g, today)) for g in dump["goals"][project["gid"]]]
    signals = _signals(
        pacing, hit_rate, postponements, moved, _streak(tactics), facts, status, today
    )
    return {
        "pod": team["name"],
        "weekly": len(goals),
        "tactics": len(tactics),
        "goals": goals,
        "tactic_tasks": tactics,
        "statuses": statuses,
        "recreated": recreated,
        "postponements": postponements,
        "streak": _streak(tactics),
        "facts": facts,
        "status": status,
        "pacing": pacing,
        "hit_rate": hit_rate,
        "score": sum(signals.values()),
        "signals": signals,
    }


def _fixed(dump, task):
    """The goal's fixed deadline F (with its stories read), current due D, and how it was moved."""
    if task["due_on"] is None:
        return {"task": task, "F": None, "D": None, "sanctioned": False, "moved": False}
    due = date.fromisoformat(task["due_on"])
    original = value(task, "Original due")
    seen = [due] + ([date.fromisoformat(original)] if original else [])
    seen += [
        date.fromisoformat(s["old_dates"]["due_on"]) for s in dump["stories"].get(task["gid"], [])
    ]
    fixed = min(seen)
    reason = (value(task, "Postpone reason") or "").strip()
    sanctioned = (
        due > fixed and bool(reason) and (original is None or date.fromisoformat(original) == fixed)
    )
    return {
        "task": task,
        "F": fixed,
        "D": due,
        "sanctioned": sanctioned,
        "moved": due > fixed and not sanctioned,
    }


def _weekly_statuses(goals, today):
    """(task gid, week) → status, in F's week and, when carried over, D's week."""
    statuses = {}
    for goal in goals:
        if goal["F"] is None:
            continue
        done = local(goal["task"]["completed_at"])
        weeks = [Week.of(goal["F"])]
        if goal["sanctioned"] and Week.of(goal["D"]) > weeks[0]:
            weeks.append(Week.of(goal["D"]))
        for week in weeks:
            if week == weeks[0] and len(weeks) == 2:
                status = "postponed"
            elif done is not None:
                status = "hit" if done.date() <= week.sunday else "late"
            else:
                status = "missed" if week.has_ended(today) else "open"
            statuses[(goal["task"]["gid"], week)] = status
    return statuses


def _recreated(goals):
    found = []
    for later in goals:
        for earlier in goals:
            if (
                earlier is later
                or earlier["F"] is None
                or norm(earlier["task"]["name"]) != norm(later["task"]["name"])
            ):
                continue
            done = local(earlier["task"]["completed_at"])
            if local(later["task"]["created_at"]).date() > earlier["F"] and not (
                done and done.date() <= Week.of(earlier["F"]).sunday
            ):
                found.append((later["task"]["gid"], earlier["task"]["gid"]))
                break
    return found


def _streak(tactics):
    decided = []
    for task in tactics:
        result, confidence = value(task, "Result"), value(task, "Confidence")
        if (
            task["completed_at"]
            and result in ("Win", "Loss")
            and (confidence is None or confidence >= 95)
        ):
            decided.append((task["completed_at"], task["gid"], result))
    streak = 0
    for *_, result in sorted(decided, reverse=True):
        if result == "Win":
            break
        streak += 1
    return streak


def _pacing(goal, today):
    """(status, days_left) by metrics.md's 90-day goal pacing."""
    period = goal["time_period"] or {}
    due = goal["due_on"] or period.get("end_on")
    if due is None:
        return "no dates", None
    due = date.fromisoformat(due)
    start = date.fromisoformat(
        goal["start_on"] or period.get("start_on") or (due - timedelta(days=90)).isoformat()
    )
    total = (due - start).days
    expected = min(max((today - start).days, 0), total) / total if total else 1.0
    days_left = max(0, (due - today).days)
    metric = goal["metric"]
    if metric is None:
        return "no metric", days_left
    initial, current, target = (
        metric[k] for k in ("initial_number_value", "current_number_value", "target_number_value")
    )
    progress = (current - initial) / (target - initial)
    if today < start:
        return "not started", days_left
    if progress >= 1:
        return "achieved", days_left
    if today > due:
        return "missed", days_left
    pace = progress / expected if expected else None
    if pace is None or pace >= 0.9:
        return "on track", days_left
    return ("at risk" if pace >= 0.7 else "off track"), days_left


def _signals(pacing, hit_rate, postponements, moved, streak, facts, status, today):
    statuses = [status_ for _, status_, _ in pacing]
    signals = {}
    if {"off track", "missed"} & set(statuses):
        signals["goal_off_track"] = 30
    elif "at risk" in statuses:
        signals["goal_at_risk"] = 15
    if hit_rate is not None and hit_rate < 0.7:
        signals["weekly_hit_rate_low"] = 15
    if postponements >= 3:
        signals["postponements"] = 10
    if moved:
        signals["deadline_moved"] = 10
    if streak >= 3:
        signals["loss_streak"] = 10
    since = facts.get("Client since")
    if since and 0 <= (today - date.fromisoformat(since)).days <= 90:
        signals["new_client"] = 10
    if status in ("off_track", "at_risk"):
        signals["status_red" if status == "off_track" else "status_yellow"] = (
            15 if status == "off_track" else 7
        )
    budget, spend = facts.get("Monthly budget"), facts.get("Spend MTD")
    if budget is not None and spend is not None:
        month_days = (
            (today.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
        ).day
        expected = budget * today.day / month_days
        if abs(spend - expected) > 0.15 * expected:
            signals["spend_pacing"] = 10
    cpa, target = facts.get("CPA"), facts.get("Target CPA")
    if cpa is not None and target is not None and cpa > 1.2 * target:
        signals["cpa_high"] = 10
    if any(
        s in ("on track", "at risk", "off track") and left is not None and left <= 21
        for _, s, left in pacing
    ):
        signals["period_ending"] = 10
    return signals
