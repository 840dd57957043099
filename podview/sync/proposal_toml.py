"""A proposal written as the config file podview reads, each choice commented with what it was made from.

The file is meant to be read by a person before it is trusted: every line
says where its name was seen ("enum, on 14 of 16 projects; options …") or
that nothing fitted and podview's default is kept. What setup does not
decide (`[tactics]`, `[pacing]`, `[risk.weights]`, `[keys]`, `exports_dir`,
`[asana] lookback_weeks`) is carried over from the existing file, so
writing a new config loses none of it.
"""

from __future__ import annotations

import datetime as dt
import json
import re

from podview.sync.proposal import Group, Proposal
from podview.sync.proposal_fields import NONE, Choice

DECIDED = {"timezone", "pods", "fields", "sections", "training"}
"""Top-level keys setup writes itself; every other key of an existing file is kept."""


def string(value: str) -> str:
    """A TOML string: literal ('…') for a pattern without quotes or newlines, else basic with escapes."""
    if "'" not in value and "\n" not in value and "\\" in value:
        return f"'{value}'"
    return json.dumps(value, ensure_ascii=False)


def _value(value: object) -> str:
    """A TOML value of the simple kinds a config holds."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_value(item) for item in value) + "]"
    return string(str(value))


def _key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else json.dumps(key, ensure_ascii=False)


def _line(key: str, value: object, comment: str = "") -> str:
    line = f"{_key(key)} = {_value(value)}"
    return f"{line}  # {_one_line(comment)}" if comment else line


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _choice(choice: Choice) -> str:
    why = choice.evidence if choice.confidence == NONE else f"{choice.evidence} ({choice.confidence} confidence)"
    return _line(choice.key, choice.name, why)


def _group(group: Group, names_key: str) -> list[str]:
    lines = [f"# {_one_line(group.evidence)}"]
    for pick in group.picks:
        lines.append(f"#   [{'x' if pick.ticked else ' '}] {_one_line(pick.name)}: {_one_line(pick.evidence)}")
    names, pattern = group.rule()
    if names:
        lines.append(_line(names_key, list(names)))
    else:
        lines.append(_line("pattern", pattern, "" if group.ticked else "podview's default"))
    return lines


def to_toml(proposal: Proposal, kept: dict | None = None) -> str:
    """The config file: the proposal's choices, then what `kept` (the existing file's document) holds beyond them."""
    kept = {key: value for key, value in (kept or {}).items() if key not in DECIDED}
    asana = dict(kept.pop("asana", {}) or {})
    if proposal.workspace:
        asana["workspace"] = proposal.workspace
    head = "every name below is podview's default" if proposal.is_default() else "names mapped to your workspace's own"
    out = [
        f"# podview config proposed by `podview setup`: {head}.",
        "# Each comment says what the choice was made from; `podview doctor` checks the file against Asana.",
        _line("timezone", proposal.timezone.name, proposal.timezone.evidence),
    ]
    out += [_line(key, value) for key, value in kept.items() if not isinstance(value, dict)]
    if asana:
        out += ["", "[asana]", *(_line(key, value) for key, value in asana.items())]
    out += ["", "[pods]", *_group(proposal.pods, "teams")]
    out += ["", "[fields]", *(_choice(choice) for choice in proposal.fields.values())]
    out += ["", "[sections]", *(_choice(choice) for choice in proposal.sections.values())]
    out += ["", "[training]", *_group(proposal.training, "projects")]
    for key, value in kept.items():
        if isinstance(value, dict):
            out += _table([key], value)
    return "\n".join(out) + "\n"


def _table(path: list[str], table: dict) -> list[str]:
    """A kept table (and its subtables, as `[risk.weights]`)."""
    plain = [_line(key, value) for key, value in table.items() if not isinstance(value, dict)]
    out = ["", f"[{'.'.join(_key(part) for part in path)}]", *plain] if plain or not table else []
    for key, value in table.items():
        if isinstance(value, dict):
            out += _table([*path, key], value)
    return out
