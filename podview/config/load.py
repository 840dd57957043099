"""Finding and reading the config file: TOML parsed with tomllib, walked against the schema, built into a Config.

Every problem of the file is collected (problems.py) and raised as one
ConfigError, so a user fixes them all in one edit; the checks between keys
(pacing thresholds, names that must differ, `[keys]` clashes) run after the
per-key checks, on the values that passed them.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

from podview.config.model import (
    DEFAULT_RISK_WEIGHTS,
    AsanaConfig,
    Config,
    FieldsConfig,
    PacingConfig,
    PodsConfig,
    SectionsConfig,
    TacticsConfig,
    TrainingConfig,
)
from podview.config.problems import ConfigError, Problems, show
from podview.config.schema import SCHEMA, AnyKeys, Invalid, kind_of


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
    problems = Problems(str(target))
    values = _walk(problems, "", document, SCHEMA)
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


def _walk(problems: Problems, prefix: str, table: dict, schema: dict) -> dict:
    """Validate one table against its schema, in the file's order; return the accepted values."""
    values: dict = {}
    for key, value in table.items():
        dotted = f"{prefix}.{key}" if prefix else key
        rule = schema.get(key)
        if rule is None:
            problems.unknown(dotted, value, schema)
        elif isinstance(rule, (dict, AnyKeys)):
            if not isinstance(value, dict):
                problems.invalid(dotted, value, Invalid(f"a table ([{dotted}])", kind_of(value)))
            elif isinstance(rule, AnyKeys):
                values[key] = _walk(problems, dotted, value, dict.fromkeys(value, rule.check))
            else:
                values[key] = _walk(problems, dotted, value, rule)
        else:
            try:
                values[key] = rule(value)
            except Invalid as bad:
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
        training=TrainingConfig(**values.get("training", {})),
        keys=values.get("keys", {}),
        exports_dir=values.get("exports_dir"),
        source=source,
    )


# -- checks between keys ----------------------------------------------------------------


def _check_pacing(problems: Problems, values: dict, pacing: PacingConfig) -> None:
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
        allowed = f"a number above 0 and at most pacing.on_track ({show(pacing.on_track)})"
        problems.invalid("pacing.at_risk", pacing.at_risk, Invalid(allowed))
    else:
        allowed = (
            f"at least pacing.at_risk ({show(pacing.at_risk)}, its default); "
            "set pacing.at_risk lower too"
        )
        problems.invalid("pacing.on_track", pacing.on_track, Invalid(allowed))


_DISTINCT_GROUPS = (
    ("fields", ("weekly_goal", "tactic_option", "action_item")),
    ("fields", ("win", "loss", "inconclusive")),
    ("sections", ("weekly_goals", "tactics", "action_items")),
)
"""Names within a group must differ, or podview could not tell a goal from a tactic."""


def _check_distinct(problems: Problems, values: dict, config: Config) -> None:
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
                f"different from {table}.{other} ({show(getattr(section, other))}); "
                "names are matched case-insensitively"
            )
            problems.invalid(f"{table}.{blamed}", getattr(section, blamed), Invalid(allowed))


def _check_keys(problems: Problems, keymap: dict[str, str]) -> None:
    """`[keys]`: each id must name one of podview's bindings, and no key may reach two bindings in one place."""
    from podview.key_bindings import problems_of

    for binding_id, text in problems_of(keymap):
        problems.bad_keys.add(f"keys.{binding_id}")
        problems.lines.append(f"{problems.source}: {text}")
        keymap.pop(binding_id, None)
