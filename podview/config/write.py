"""Writing the config file `podview setup` proposes: never over an existing one unasked, the old one kept beside it.

The new text is checked by the loader before anything is replaced (a file
podview would refuse is never written), written to a temporary file in the
same folder and moved into place, so a crash leaves either the old file or
the new one. An existing file is first copied to `config.toml.bak`; a
`.bak` already there is overwritten, since it held an older config still.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import tomllib
from dataclasses import replace as replaced
from pathlib import Path

from podview.config.load import load_config
from podview.config.model import Config
from podview.config.problems import ConfigError


def backup_path(path: Path) -> Path:
    """`config.toml` → `config.toml.bak`."""
    return path.with_name(path.name + ".bak")


def existing_document(path: Path) -> dict:
    """The existing file's TOML document (what setup carries over); empty when there is none or it cannot be read."""
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
        return {}


def write_config(path: Path, text: str, *, replace: bool = False) -> tuple[Config, Path | None]:
    """Check `text` loads, then write it to `path`; returns the Config and where the old file was kept (None: there was none).

    Raises ConfigError when `text` is not a config podview accepts, or when
    `path` exists and `replace` was not given.
    """
    path = Path(path).expanduser()
    if path.exists() and not replace:
        raise ConfigError(f"{path} exists already; podview setup replaces it only when asked (the old one is then kept as {backup_path(path).name})")
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".config-", suffix=".toml", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        config = load_config(temporary)
        kept = None
        if path.exists():
            kept = backup_path(path)
            shutil.copy2(path, kept)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return replaced(config, source=str(path)), kept
