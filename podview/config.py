"""podview's configuration: a TOML file read with tomllib, every key validated.

The dataclasses below are the whole contract of cli.md's config section: each
field's docstring says what it means, and its default is what an agency gets
without writing a config file at all.
"""

from __future__ import annotations

import math
import os
import re
import tomllib
from dataclasses import dataclass, field
from dataclasses import fields as dataclass_fields
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable


class ConfigError(Exception):
    """The config file (or an environment override) is wrong; the message names file, key, and what is allowed."""


@dataclass(frozen=True)
class AsanaConfig:
    """The `[asana]` table."""

    workspace: str | None = None
    """Workspace gid or name; when unset, the user's only workspace."""
    lookback_weeks: int = 16
    """How many weeks back completed tasks are read."""


@dataclass(frozen=True)
class PodsConfig:
    """The `[pods]` table: which Asana teams are pods."""

    teams: tuple[str, ...] = ()
    """Team names or gids that are pods; when empty, `pattern` decides."""
    pattern: str = r"^Pod\b"
    """Regular expression (case-insensitive) a team name must match to be a pod."""


@dataclass(frozen=True)
class FieldsConfig:
    """The `[fields]` table: custom field names and the option labels podview looks for."""

    type: str = "Type"
    """Enum field that says whether a task is a weekly goal, a tactic or an action item."""
    tactic: str = "Tactic"
    """Enum or text field with a tactic's kind (Ad copy, Landing page, …)."""
    result: str = "Result"
    """Enum field with a tactic's outcome."""
    confidence: str = "Confidence"
    """Number field, 0–100: a test result's statistical confidence."""
    original_due: str = "Original due"
    """Date field keeping a postponed goal's first deadline."""
    postpone_reason: str = "Postpone reason"
    """Text field saying why a goal was postponed."""
    mrr: str = "MRR"
    """Project number field: monthly recurring revenue of the client."""
    client_since: str = "Client since"
    """Project date field: when the client signed."""
    monthly_budget: str = "Monthly budget"
    """Project number field: the client's monthly ad budget."""
    spend_mtd: str = "Spend MTD"
    """Project number field: ad spend so far this month."""
    cpa: str = "CPA"
    """Project number field: current cost per acquisition."""
    target_cpa: str = "Target CPA"
    """Project number field: the CPA the client is promised."""
    weekly_goal: str = "Weekly goal"
    """Option of the `type` field for weekly goals."""
    tactic_option: str = "Tactic"
    """Option of the `type` field for tactics."""
    action_item: str = "Action item"
    """Option of the `type` field for action items."""
    win: str = "Win"
    """Option of the `result` field for a win."""
    loss: str = "Loss"
    """Option of the `result` field for a loss."""
    inconclusive: str = "Inconclusive"
    """Option of the `result` field for an inconclusive result."""


@dataclass(frozen=True)
class SectionsConfig:
    """The `[sections]` table: section names used where a project has no `Type` field."""

    weekly_goals: str = "Weekly goals"
    """Section holding weekly goals."""
    tactics: str = "Tactics"
    """Section holding tactics."""
    action_items: str = "Action items"
    """Section where podview files the action items it creates."""


@dataclass(frozen=True)
class TacticsConfig:
    """The `[tactics]` table."""

    confidence: float = 95.0
    """Confidence (percent) a Win or Loss needs to count; below it the result is inconclusive."""


@dataclass(frozen=True)
class PacingConfig:
    """The `[pacing]` table: pace thresholds of the goal status."""

    on_track: float = 0.9
    """A pace at or above this is on track."""
    at_risk: float = 0.7
    """A pace at or above this (and below on_track) is at risk; below it, off track."""


DEFAULT_RISK_WEIGHTS: dict[str, int] = {
    "goal_off_track": 30,
    "goal_at_risk": 15,
    "weekly_hit_rate_low": 15,
    "postponements": 10,
    "deadline_moved": 10,
    "loss_streak": 10,
    "new_client": 10,
    "status_red": 15,
    "status_yellow": 7,
    "spend_pacing": 10,
    "cpa_high": 10,
    "period_ending": 10,
}
"""The at-risk signals in metrics.md's order, with their default weights."""


@dataclass(frozen=True)
class Config:
    """Everything configurable, with defaults that follow conventions.md."""

    timezone: str = "UTC"
    """IANA zone all dates are counted in; default the machine's local zone."""
    asana: AsanaConfig = field(default_factory=AsanaConfig)
    pods: PodsConfig = field(default_factory=PodsConfig)
    fields: FieldsConfig = field(default_factory=FieldsConfig)
    sections: SectionsConfig = field(default_factory=SectionsConfig)
    tactics: TacticsConfig = field(default_factory=TacticsConfig)
    pacing: PacingConfig = field(default_factory=PacingConfig)
    risk_weights: dict[str, int] = field(default_factory=lambda: dict(DEFAULT_RISK_WEIGHTS))
    """`[risk.weights]`: points each at-risk signal adds when it fires."""
    keys: dict[str, str] = field(default_factory=dict)
    """`[keys]`: the TUI's keys by binding id (`?` lists the ids), e.g. `"go.risk" = "r"`."""
    source: str | None = None
    """The file this config was read from (None when defaults)."""


def default_config_path() -> Path:
    """Where the config lives: `PODVIEW_CONFIG` if set (non-empty), else the user config dir.

    platformdirs is imported here, not at module level, because `podview --help`
    must start fast and most commands never need the path.
    """
    override = os.environ.get("PODVIEW_CONFIG", "")
    if override:
        return Path(override).expanduser()
    import platformdirs

    return platformdirs.user_config_path("podview") / "config.toml"


def load_config(path: str | Path | None = None) -> Config:
    """Read and validate the config file; every problem found is raised as one ConfigError.

    A missing file is fine only at the default location (a fresh install has
    none); a path the user named, by argument or `PODVIEW_CONFIG`, must exist,
    or a typo would silently fall back to defaults.
    """
    target, missing_hint = _locate(path)
    if not target.exists():
        if missing_hint is None:
            return _build({}, source=None)
        raise ConfigError(f"{target}: no such config file; {missing_hint}")
    document = _read_toml(target)
    problems = _Problems(str(target))
    values = _walk(problems, "", document, _SCHEMA)
    config = _build(values, source=str(target))
    _check_pacing(problems, values, config.pacing)
    _check_distinct(problems, values, config)
    _check_keys(problems, values.get("keys", {}))
    problems.raise_if_any()
    return config


def _locate(path: str | Path | None) -> tuple[Path, str | None]:
    """The file to read, and the hint to give when it is missing (None: defaults are fine)."""
    if path is not None:
        return Path(path).expanduser(), "check the path given, or create the file"
    if os.environ.get("PODVIEW_CONFIG", ""):
        hint = "PODVIEW_CONFIG points here; create the file or unset PODVIEW_CONFIG"
        return default_config_path(), hint
    return default_config_path(), None


def _read_toml(path: Path) -> dict:
    """Parse the file, turning every way reading can fail into a ConfigError naming the file."""
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not valid TOML: the file must be UTF-8 text") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the config file: {exc.strerror or exc}") from None


class _Invalid(Exception):
    """A value was refused: `allowed` says what would be accepted, `found` names a wrong type."""

    def __init__(self, allowed: str, found: str | None = None) -> None:
        super().__init__(allowed)
        self.allowed = allowed
        self.found = found


class _Problems:
    """Collects every mistake of one file, so a user can fix them all in one edit.

    Per-key lines follow the file's order, checks between keys come after;
    each line names the file so it stands alone when printed after others.
    """

    def __init__(self, source: str) -> None:
        self.source = source
        self.lines: list[str] = []
        self.bad_keys: set[str] = set()

    def invalid(self, key: str, value: object, bad: _Invalid) -> None:
        """Record a refused value with what was found and what is allowed."""
        found = f" ({bad.found})" if bad.found else ""
        self.bad_keys.add(key)
        self.lines.append(
            f"{self.source}: {key} = {_show(value)}{found} is not allowed: it must be {bad.allowed}"
        )

    def unknown(self, key: str, value: object, schema: dict) -> None:
        """Record an unknown key or table, with the closest valid name and all the valid ones."""
        if isinstance(value, dict):
            what = f"[{key}] is not a known table"
        else:
            what = f"{key} is not a known key"
        hint = _suggest(key.rsplit(".", 1)[-1], list(schema))
        scope = key.rpartition(".")[0]
        names = [_display(scope, name, rule) for name, rule in schema.items()]
        allowed = f"[{scope}] allows" if scope else "the top level allows"
        self.lines.append(f"{self.source}: {what}{hint} ({allowed}: {', '.join(names)})")

    def raise_if_any(self) -> None:
        """Raise all collected mistakes together, one per line."""
        if self.lines:
            raise ConfigError("\n".join(self.lines))


def _display(scope: str, name: str, rule: object) -> str:
    """How a schema entry is listed to the user: tables in brackets with their full name."""
    if not isinstance(rule, (dict, _AnyKeys)):
        return name
    return f"[{scope}.{name}]" if scope else f"[{name}]"


def _suggest(name: str, known: list[str]) -> str:
    """`; did you mean `x`?` for a likely typo: a sibling key first, else the same name elsewhere.

    The second search catches a key put under the wrong table (or before any
    table header), which a plain typo check among siblings cannot; it only
    accepts near-exact names, since across ~40 keys a loose match is noise.
    """
    import difflib

    close = difflib.get_close_matches(name, known, n=1)
    if close:
        return f"; did you mean `{close[0]}`?"
    elsewhere = [path for path in _ALL_PATHS if path.rsplit(".", 1)[-1] == name]
    if not elsewhere:
        tails = {path.rsplit(".", 1)[-1] for path in _ALL_PATHS}
        guess = difflib.get_close_matches(name, sorted(tails), n=1, cutoff=0.85)
        elsewhere = [path for path in _ALL_PATHS if guess and path.rsplit(".", 1)[-1] == guess[0]]
    if not elsewhere:
        return ""
    return "; did you mean " + " or ".join(f"`{path}`" for path in elsewhere) + "?"


def _walk(problems: _Problems, prefix: str, table: dict, schema: dict) -> dict:
    """Validate one table against its schema, in the file's order; return the accepted values."""
    values: dict = {}
    for key, value in table.items():
        dotted = f"{prefix}.{key}" if prefix else key
        rule = schema.get(key)
        if rule is None:
            problems.unknown(dotted, value, schema)
        elif isinstance(rule, (dict, _AnyKeys)):
            if not isinstance(value, dict):
                problems.invalid(dotted, value, _Invalid(f"a table ([{dotted}])", _kind(value)))
            elif isinstance(rule, _AnyKeys):
                values[key] = _walk(problems, dotted, value, dict.fromkeys(value, rule.check))
            else:
                values[key] = _walk(problems, dotted, value, rule)
        else:
            try:
                values[key] = rule(value)
            except _Invalid as bad:
                problems.invalid(dotted, value, bad)
    return values


def _build(values: dict, source: str | None) -> Config:
    """Turn accepted values into a Config; anything not given keeps its default."""
    from podview.dates import local_zone_name

    weights = values.get("risk", {}).get("weights", {})
    return Config(
        timezone=values.get("timezone") or local_zone_name(),
        asana=AsanaConfig(**values.get("asana", {})),
        pods=PodsConfig(**values.get("pods", {})),
        fields=FieldsConfig(**values.get("fields", {})),
        sections=SectionsConfig(**values.get("sections", {})),
        tactics=TacticsConfig(**values.get("tactics", {})),
        pacing=PacingConfig(**values.get("pacing", {})),
        risk_weights={**DEFAULT_RISK_WEIGHTS, **weights},
        keys=values.get("keys", {}),
        source=source,
    )


def _check_pacing(problems: _Problems, values: dict, pacing: PacingConfig) -> None:
    """at_risk above on_track would make `at risk` unreachable; blame the threshold the user set.

    When only on_track was written, the default at_risk is what collides, so
    the message points at on_track and says to lower at_risk too.
    """
    if {"pacing.on_track", "pacing.at_risk"} & problems.bad_keys:
        return
    if pacing.at_risk <= pacing.on_track:
        return
    given = values.get("pacing", {})
    if "at_risk" in given:
        allowed = f"a number above 0 and at most pacing.on_track ({_show(pacing.on_track)})"
        problems.invalid("pacing.at_risk", pacing.at_risk, _Invalid(allowed))
    else:
        allowed = (
            f"at least pacing.at_risk ({_show(pacing.at_risk)}, its default); "
            "set pacing.at_risk lower too"
        )
        problems.invalid("pacing.on_track", pacing.on_track, _Invalid(allowed))


_DISTINCT_GROUPS = (
    ("fields", ("weekly_goal", "tactic_option", "action_item")),
    ("fields", ("win", "loss", "inconclusive")),
    ("sections", ("weekly_goals", "tactics", "action_items")),
)
"""Names within a group must differ, or podview could not tell a goal from a tactic."""


def _check_distinct(problems: _Problems, values: dict, config: Config) -> None:
    """Refuse two option labels or sections that match each other (case-insensitively, trimmed)."""
    for table, keys in _DISTINCT_GROUPS:
        given = values.get(table, {})
        section = getattr(config, table)
        seen: dict[str, str] = {}
        for key in keys:
            label = getattr(section, key)
            earlier = seen.setdefault(label.casefold(), key)
            if earlier == key or f"{table}.{key}" in problems.bad_keys:
                continue
            blamed, other = (key, earlier) if key in given else (earlier, key)
            allowed = (
                f"different from {table}.{other} ({_show(getattr(section, other))}); "
                "names are matched case-insensitively"
            )
            problems.invalid(f"{table}.{blamed}", getattr(section, blamed), _Invalid(allowed))


def _check_keys(problems: _Problems, keymap: dict[str, str]) -> None:
    """`[keys]`: each id must name one of podview's bindings, and no key may reach two bindings in one place."""
    from podview.key_bindings import problems_of

    for binding_id, text in problems_of(keymap):
        problems.bad_keys.add(f"keys.{binding_id}")
        problems.lines.append(f"{problems.source}: {text}")
        keymap.pop(binding_id, None)


def _text(value: object) -> str:
    """Names are matched trimmed (conventions.md): spaces around are dropped, blank is refused."""
    allowed = "a non-empty string"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise _Invalid(f'{allowed}; write it in quotes: "{value}"', _kind(value))
    if not isinstance(value, str):
        raise _Invalid(allowed, _kind(value))
    text = value.strip()
    if not text:
        raise _Invalid(allowed)
    return text


@dataclass(frozen=True)
class _AnyKeys:
    """A table whose key names are not podview's to list (binding ids); each value gets `check`."""

    check: Callable[[object], object]


def _key_names(value: object) -> str:
    """One key name, or several separated by commas, as Textual spells them (`r`, `ctrl+r`, `f5`)."""
    allowed = 'a key name such as "r" or "ctrl+r", or several separated by commas'
    names = [name.strip() for name in value.split(",")] if isinstance(value, str) else []
    if not names or not all(names) or any(" " in name for name in names):
        raise _Invalid(allowed, _kind(value))
    return ",".join(names)


def _zone_name(value: object) -> str:
    """Every date is counted in this zone, so only a name zoneinfo knows is accepted."""
    from podview.dates import DateError, zone

    allowed = "an IANA time zone name such as Europe/Berlin or America/New_York"
    if not isinstance(value, str):
        raise _Invalid(allowed, _kind(value))
    name = value.strip()
    try:
        zone(name)
    except (DateError, OSError):
        raise _Invalid(allowed) from None
    return name


def _integer(low: int, high: int | None = None) -> Callable[[object], int]:
    """A check for whole numbers in a range; booleans are refused though Python calls them ints."""
    if high is None:
        allowed = f"an integer of {low} or more"
    else:
        allowed = f"an integer from {low} to {high}"

    def check(value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise _Invalid(allowed, _kind(value))
        if value < low or (high is not None and value > high):
            raise _Invalid(allowed)
        return value

    return check


def _number(allowed: str, accept: Callable[[float], bool]) -> Callable[[object], float]:
    """A check for finite numbers (ints welcome, booleans not) that `accept` must approve."""

    def check(value: object) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise _Invalid(allowed, _kind(value))
        if not math.isfinite(value) or not accept(value):
            raise _Invalid(allowed)
        return float(value)

    return check


def _team_list(value: object) -> tuple[str, ...]:
    """Pod teams by name or gid; an empty list is allowed and means `pattern` decides."""
    allowed = (
        "an array of non-empty strings (team names or gids, "
        'e.g. ["Pod Alpha", "1201234567890"])'
    )
    if not isinstance(value, list):
        raise _Invalid(allowed, _kind(value))
    for position, item in enumerate(value, start=1):
        if not isinstance(item, str):
            raise _Invalid(allowed, f"item {position} is {_kind(item)}")
    names = tuple(item.strip() for item in value)
    if not all(names):
        raise _Invalid(allowed, f"item {names.index('') + 1} is blank")
    return names


def _regex(value: object) -> str:
    """Compiled as pods are matched (case-insensitive), so a broken one fails here, not mid-sync."""
    if not isinstance(value, str):
        raise _Invalid("a regular expression in single quotes, e.g. '^Pod\\b'", _kind(value))
    if "\b" in value:
        raise _Invalid(
            "a regular expression in single quotes, e.g. '^Pod\\b'; "
            'in double quotes TOML reads \\b as a backspace, not a word boundary'
        )
    try:
        re.compile(value, re.IGNORECASE)
    except re.error as exc:
        raise _Invalid(f"a valid regular expression (Python's re says: {exc})") from None
    return value


def _kind(value: object) -> str:
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


def _show(value: object) -> str:
    """A value as it would be written in TOML, kept to one short line for an error message."""
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, str):
        text = '"' + "".join(_escape(char) for char in value) + '"'
    elif isinstance(value, (list, tuple)):
        text = "[" + ", ".join(_show(item) for item in value) + "]"
    elif isinstance(value, dict):
        text = "{ " + ", ".join(f"{key} = {_show(item)}" for key, item in value.items()) + " }"
    elif hasattr(value, "isoformat"):
        text = value.isoformat()
    else:
        text = repr(value)
    return text if len(text) <= 60 else text[:59] + "…"


_ESCAPES = {
    "\\": "\\\\",
    '"': '\\"',
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\f": "\\f",
    "\r": "\\r",
}


def _escape(char: str) -> str:
    """TOML's escape for one character, so control characters stay visible on one line."""
    if char in _ESCAPES:
        return _ESCAPES[char]
    return f"\\u{ord(char):04X}" if ord(char) < 0x20 or ord(char) == 0x7F else char


_SCHEMA: dict = {
    "timezone": _zone_name,
    "asana": {"workspace": _text, "lookback_weeks": _integer(1, 104)},
    "pods": {"teams": _team_list, "pattern": _regex},
    "fields": {item.name: _text for item in dataclass_fields(FieldsConfig)},
    "sections": {item.name: _text for item in dataclass_fields(SectionsConfig)},
    "tactics": {"confidence": _number("a number from 0 to 100", lambda n: 0 <= n <= 100)},
    "pacing": {
        "on_track": _number("a number above 0", lambda n: n > 0),
        "at_risk": _number("a number above 0 and at most pacing.on_track", lambda n: n > 0),
    },
    "risk": {"weights": {name: _integer(0) for name in DEFAULT_RISK_WEIGHTS}},
    "keys": _AnyKeys(_key_names),
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


_ALL_PATHS = _paths(_SCHEMA)
