"""podview's configuration: a TOML file read with tomllib, every key validated.

- `model`: the dataclasses, the whole contract of cli.md's config section;
  each field's docstring says what it means, its default what an agency gets
  without a config file.
- `schema`: every key the file may hold and the check that converts its value.
- `problems`: every mistake of a file collected, each said so it can be fixed.
- `load`: finding and reading the file, and the checks between keys.

Importing this package loads nothing but the standard library (it is on the
path of `podview report` and `podview --help`).
"""

from __future__ import annotations

from podview.config.load import default_config_path, load_config
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
from podview.config.problems import ConfigError

__all__ = [
    "DEFAULT_RISK_WEIGHTS",
    "AsanaConfig",
    "Config",
    "ConfigError",
    "FieldsConfig",
    "PacingConfig",
    "PodsConfig",
    "SectionsConfig",
    "TacticsConfig",
    "TrainingConfig",
    "default_config_path",
    "load_config",
]
