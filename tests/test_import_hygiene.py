"""The data layers stay free of the UI and the network client, and the CLI stays quick to start."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ("textual", "httpx", "rich")


def loaded_after(code: str) -> set[str]:
    """Top-level packages imported by a fresh interpreter running `code`."""
    probe = code + "\nimport sys, json; print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    return set(json.loads(out.strip().splitlines()[-1]))


@pytest.mark.parametrize(
    "module",
    ["podview.cache", "podview.cache.store", "podview.figures.risk", "podview.figures.weekly",
     "podview.figures.postponed", "podview.figures.tactics", "podview.figures.pacing",
     "podview.figures.home", "podview.figures.home_store",
     "podview.sync.mapper", "podview.sync.load", "podview.report.build", "podview.report.render", "podview.config"],
)
def test_data_layers_do_not_import_ui_or_network(module):
    assert not loaded_after(f"import {module}") & set(HEAVY)


def test_help_imports_nothing_heavy():
    code = (
        "import contextlib, io\nfrom podview.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):\n    main(['--help'])"
    )
    loaded = loaded_after(code)
    assert "argparse" in loaded
    assert not loaded & {*HEAVY, "sqlite_utils", "platformdirs", "dateutil"}


def test_report_path_imports_neither_textual_nor_httpx_nor_sqlite_utils(tmp_path, monkeypatch):
    from podview.cache import open_cache

    path = tmp_path / "c.db"
    open_cache(path).conn.close()
    code = (
        "import contextlib, io\nfrom podview.cli import main\n"
        f"with contextlib.redirect_stdout(io.StringIO()):\n    main(['report', 'risk', '--db', {str(path)!r}, '--format', 'json'])"
    )
    loaded = loaded_after(code)
    assert "podview" in loaded
    assert not loaded & {*HEAVY, "sqlite_utils"}
