"""Writing the config setup proposes: checked before it is written, never over a file unasked, the old one kept."""

from __future__ import annotations

import pytest

from podview.config import ConfigError
from podview.config.write import write_config

GOOD = '[pods]\npattern = \'^Squad\\b\'\n'


def test_a_new_file_is_written_and_loads(tmp_path):
    path = tmp_path / "sub" / "config.toml"
    config, kept = write_config(path, GOOD)
    assert kept is None and config.pods.pattern == r"^Squad\b" and config.source == str(path)
    assert path.read_text() == GOOD


def test_an_existing_file_is_replaced_only_when_asked_and_kept_as_bak(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text("# mine\n")
    with pytest.raises(ConfigError, match="exists already"):
        write_config(path, GOOD)
    assert path.read_text() == "# mine\n"
    _, kept = write_config(path, GOOD, replace=True)
    assert kept == tmp_path / "config.toml.bak" and kept.read_text() == "# mine\n" and path.read_text() == GOOD


def test_text_podview_would_refuse_is_never_written(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text("# mine\n")
    with pytest.raises(ConfigError):
        write_config(path, "[fields]\nresult = 3\n", replace=True)
    assert path.read_text() == "# mine\n" and [p.name for p in tmp_path.iterdir()] == ["config.toml"]
