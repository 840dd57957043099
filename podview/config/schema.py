"""Every key the config file may hold, and the check that turns each value into what podview uses.

A check either returns the converted value or raises Invalid saying what
would be accepted; problems.py turns that into one line naming file, key
and value. Keeping the checks as plain functions in one table (SCHEMA) is
what lets an unknown key be answered with the list of valid ones.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from dataclasses import fields as dataclass_fields
from pathlib import Path
from typing import TYPE_CHECKING

from podview.config.model import DEFAULT_RISK_WEIGHTS, FieldsConfig, SectionsConfig

if TYPE_CHECKING:
    from collections.abc import Callable


class Invalid(Exception):
    """A value was refused: `allowed` says what would be accepted, `found` names a wrong type."""

    def __init__(self, allowed: str, found: str | None = None) -> None:
        super().__init__(allowed)
        self.allowed = allowed
        self.found = found


@dataclass(frozen=True)
class AnyKeys:
    """A table whose key names are not podview's to list (binding ids); each value gets `check`."""

    check: Callable[[object], object]


def _text(value: object) -> str:
    """Names are matched trimmed (conventions.md): spaces around are dropped, blank is refused."""
    allowed = "a non-empty string"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise Invalid(f'{allowed}; write it in quotes: "{value}"', kind_of(value))
    if not isinstance(value, str):
        raise Invalid(allowed, kind_of(value))
    text = value.strip()
    if not text:
        raise Invalid(allowed)
    return text


def _key_names(value: object) -> str:
    """One key name, or several separated by commas, as Textual spells them (`r`, `ctrl+r`, `f5`)."""
    allowed = 'a key name such as "r" or "ctrl+r", or several separated by commas'
    names = [name.strip() for name in value.split(",")] if isinstance(value, str) else []
    if not names or not all(names) or any(" " in name for name in names):
        raise Invalid(allowed, kind_of(value))
    return ",".join(names)


def _zone_name(value: object) -> str:
    """Every date is counted in this zone, so only a name zoneinfo knows is accepted."""
    from podview.dates import DateError, zone

    allowed = "an IANA time zone name such as Europe/Berlin or America/New_York"
    if not isinstance(value, str):
        raise Invalid(allowed, kind_of(value))
    name = value.strip()
    try:
        zone(name)
    except (DateError, OSError):
        raise Invalid(allowed) from None
    return name


def _folder(value: object) -> Path:
    """A folder podview may create and write into: absolute once `~` is expanded, and not a file."""
    allowed = 'a folder path such as "~/Documents/podview" (absolute, or starting with ~)'
    if not isinstance(value, str) or not value.strip():
        raise Invalid(allowed, kind_of(value) if not isinstance(value, str) else None)
    try:
        path = Path(value.strip()).expanduser()
    except RuntimeError:  # `~user` of a user who does not exist
        raise Invalid(allowed, "a home folder that does not exist") from None
    if not path.is_absolute():
        raise Invalid(allowed, "a relative path")
    if path.exists() and not path.is_dir():
        raise Invalid(allowed, "a file that is not a folder")
    return path


def _integer(low: int, high: int | None = None) -> Callable[[object], int]:
    """A check for whole numbers in a range; booleans are refused though Python calls them ints."""
    if high is None:
        allowed = f"an integer of {low} or more"
    else:
        allowed = f"an integer from {low} to {high}"

    def check(value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise Invalid(allowed, kind_of(value))
        if value < low or (high is not None and value > high):
            raise Invalid(allowed)
        return value

    return check


def _number(allowed: str, accept: Callable[[float], bool]) -> Callable[[object], float]:
    """A check for finite numbers (ints welcome, booleans not) that `accept` must approve."""

    def check(value: object) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise Invalid(allowed, kind_of(value))
        if not math.isfinite(value) or not accept(value):
            raise Invalid(allowed)
        return float(value)

    return check


def _name_list(what: str, example: str) -> Callable[[object], tuple[str, ...]]:
    """Teams or projects by name or gid; an empty list is allowed and means `pattern` decides."""
    allowed = f"an array of non-empty strings ({what} names or gids, e.g. [{example}])"

    def check(value: object) -> tuple[str, ...]:
        return _names(value, allowed)

    return check


def _names(value: object, allowed: str) -> tuple[str, ...]:
    """The trimmed names of a list, or Invalid naming the first item that is not one."""
    if not isinstance(value, list):
        raise Invalid(allowed, kind_of(value))
    for position, item in enumerate(value, start=1):
        if not isinstance(item, str):
            raise Invalid(allowed, f"item {position} is {kind_of(item)}")
    names = tuple(item.strip() for item in value)
    if not all(names):
        raise Invalid(allowed, f"item {names.index('') + 1} is blank")
    return names


def _regex(example: str) -> Callable[[object], str]:
    """Compiled as names are matched (case-insensitive), so a broken one fails here, not mid-sync."""
    quoted = f"a regular expression in single quotes, e.g. '{example}'"

    def check(value: object) -> str:
        if not isinstance(value, str):
            raise Invalid(quoted, kind_of(value))
        if "\b" in value:
            raise Invalid(
                f"{quoted}; in double quotes TOML reads \\b as a backspace, not a word boundary"
            )
        try:
            re.compile(value, re.IGNORECASE)
        except re.error as exc:
            raise Invalid(f"a valid regular expression (Python's re says: {exc})") from None
        return value

    return check


def kind_of(value: object) -> str:
    """What a TOML value is, in TOML's words, for 'found X' in messages."""
    if isinstance(value, bool):
        return "a boolean"
    names = {
        int: "an integer",
        float: "a float",
        str: "a string",
        list: "an array",
        dict: "a table",
    }
    for kind, name in names.items():
        if isinstance(value, kind):
            return name
    return {"datetime": "a date-time", "date": "a date", "time": "a time"}.get(
        type(value).__name__, type(value).__name__
    )


SCHEMA: dict = {
    "timezone": _zone_name,
    "exports_dir": _folder,
    "asana": {"workspace": _text, "lookback_weeks": _integer(1, 104)},
    "pods": {
        "teams": _name_list("team", '"Pod Alpha", "1201234567890"'),
        "pattern": _regex("^Pod\\b"),
    },
    "fields": {item.name: _text for item in dataclass_fields(FieldsConfig)},
    "sections": {item.name: _text for item in dataclass_fields(SectionsConfig)},
    "tactics": {"confidence": _number("a number from 0 to 100", lambda n: 0 <= n <= 100)},
    "pacing": {
        "on_track": _number("a number above 0", lambda n: n > 0),
        "at_risk": _number("a number above 0 and at most pacing.on_track", lambda n: n > 0),
    },
    "risk": {"weights": {name: _integer(0) for name in DEFAULT_RISK_WEIGHTS}},
    "training": {
        "projects": _name_list("project", '"Training · Onboarding", "1201234567890"'),
        "pattern": _regex("^Training\\b"),
    },
    "keys": AnyKeys(_key_names),
}
"""Every key the file may hold: a nested table is a dict, a value is the check that converts it."""


def _paths(schema: dict, prefix: str = "") -> list[str]:
    """Every dotted key and table name, for suggesting where a misplaced key belongs."""
    found = []
    for key, rule in schema.items():
        dotted = f"{prefix}.{key}" if prefix else key
        found.append(dotted)
        if isinstance(rule, dict):
            found.extend(_paths(rule, dotted))
    return found


ALL_PATHS = _paths(SCHEMA)
"""Every dotted key and table name of SCHEMA."""
