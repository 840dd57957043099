"""The demo agency as an agency that names everything its own way, and the config that maps it back.

No real agency's Asana uses conventions.md's default names. `renamed(dump)`
returns the same workspace (same gids, tasks, dates and values) with every
name podview reads renamed: pod teams, custom fields, the options podview
looks for, sections and training projects. `MAPPED_CONFIG` is the config a
person would write for it by hand; with it, podview must see the same agency
as with the defaults on the original dump. Tactic kinds (`Ad copy`…) keep
their names: they are the agency's data, not names podview looks for.
"""

from __future__ import annotations

import copy
import re
from typing import Any

FIELDS = {
    "Type": "Task type",
    "Tactic": "Test area",
    "Result": "Outcome",
    "Confidence": "Stat sig %",
    "Original due": "First due date",
    "Postpone reason": "Why postponed",
    "MRR": "Monthly retainer",
    "Client since": "Signed on",
    "Monthly budget": "Ad budget",
    "Spend MTD": "Spend this month",
    "CPA": "Cost per lead",
    "Target CPA": "Target CPL",
    "Score": "Quiz score",
}
"""Custom field names, default → the agency's."""

OPTIONS = {
    "Type": {"Weekly goal": "Weekly target", "Tactic": "Experiment", "Action item": "Follow-up"},
    "Result": {"Win": "Won", "Loss": "Lost", "Inconclusive": "No call"},
}
"""Enum option names by (default) field name."""

SECTIONS = {"Weekly goals": "This week's targets", "Tactics": "Experiments", "Action items": "Follow-ups"}
"""Section names podview looks for, default → the agency's."""

POD = re.compile(r"^Pod (\w+)$")
TRAINING = re.compile(r"^Training\b")


def team_names(dump: dict) -> dict[str, str]:
    """Pod teams, default → the agency's: `Pod Atlas` → `Squad 1 · Atlas`, numbered in the dump's order."""
    pods = [team["name"] for team in dump["teams"] if POD.match(team["name"])]
    return {name: f"Squad {n} · {POD.match(name).group(1)}" for n, name in enumerate(pods, start=1)}


def renamed(dump: dict) -> dict:
    """A deep copy of `dump` with every name podview reads renamed (module docstring)."""
    out = copy.deepcopy(dump)
    teams = team_names(dump)

    def project(name: str) -> str:
        return TRAINING.sub("Academy", name)

    def walk(value: Any, kind: str | None = None, field: str | None = None) -> None:
        if isinstance(value, list):
            for item in value:
                walk(item, kind, field)
            return
        if not isinstance(value, dict):
            return
        original = value.get("name")
        if isinstance(original, str):
            if kind == "team":
                value["name"] = teams.get(original, original)
            elif kind == "field":
                value["name"] = FIELDS.get(original, original)
            elif kind == "option":
                value["name"] = OPTIONS.get(field or "", {}).get(original, original)
            elif kind == "section":
                value["name"] = SECTIONS.get(original, original)
            elif kind == "project":
                value["name"] = project(original)
        for key, child in value.items():
            walk(child, *_child_kind(key, kind, original))

    walk(out["teams"], "team")
    for listing in out["team_projects"].values():
        walk(listing, "project")
    for settings in out["custom_field_settings"].values():
        walk(settings)
    for sections in out["sections"].values():
        walk(sections, "section")
    for tasks in out["tasks"].values():
        walk(tasks)
    return out


def _child_kind(key: str, kind: str | None, name: Any) -> tuple[str | None, str | None]:
    """What the records under `key` are, and (for options) the default name of their field."""
    if key in ("team",):
        return "team", None
    if key in ("custom_fields", "custom_field"):
        return "field", None
    if key in ("enum_options", "enum_value", "multi_enum_values") and kind == "field":
        return "option", name
    if key == "section":
        return "section", None
    if key == "project":
        return "project", None
    return None, None


MAPPED_CONFIG = """\
# The hand-written config for the renamed agency (tests/fake_asana/renamed.py).
timezone = "America/New_York"

[pods]
pattern = '^Squad\\b'

[fields]
type = "Task type"
tactic = "Test area"
result = "Outcome"
confidence = "Stat sig %"
original_due = "First due date"
postpone_reason = "Why postponed"
mrr = "Monthly retainer"
client_since = "Signed on"
monthly_budget = "Ad budget"
spend_mtd = "Spend this month"
cpa = "Cost per lead"
target_cpa = "Target CPL"
score = "Quiz score"
weekly_goal = "Weekly target"
tactic_option = "Experiment"
action_item = "Follow-up"
win = "Won"
loss = "Lost"
inconclusive = "No call"

[sections]
weekly_goals = "This week's targets"
tactics = "Experiments"
action_items = "Follow-ups"

[training]
pattern = '^Academy\\b'
"""
"""What a person writes to map the renamed agency (every key of [fields] and [sections])."""


def default_names(value: Any, teams: dict[str, str]) -> Any:
    """`value` (a report) with the agency's team and project names put back to the defaults, for comparing."""
    back = {new: old for old, new in teams.items()}
    if isinstance(value, dict):
        return {key: default_names(item, teams) for key, item in value.items()}
    if isinstance(value, list):
        return [default_names(item, teams) for item in value]
    if isinstance(value, str):
        return back.get(value, re.sub(r"^Academy\b", "Training", value))
    return value
