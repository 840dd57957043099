"""The README's examples run as written, in order, on a fresh machine, as a new user would type them.

The two install commands at the top are what CI runs (`.ci/run`), so they are
checked against it rather than run again; a block marked
`<!-- needs an Asana account -->` is left out. Everything else runs in one
bash session (so `export` carries over from block to block) with a fresh
home, no config, no token, and podview on the PATH as `. .venv/bin/activate`
would put it.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from podview.config import load_config

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
NEEDS_ASANA = "<!-- needs an Asana account -->"
FENCE = re.compile(r"(?P<before>[^\n]*)\n```(?P<lang>\w*)\n(?P<body>.*?)\n```", re.DOTALL)


def blocks(lang: str) -> list[tuple[str, str]]:
    """(the line before the fence, the block's text) of each fenced block in `lang`."""
    return [(m["before"], m["body"]) for m in FENCE.finditer(README) if m["lang"] == lang]


def test_the_first_two_commands_install_and_test_as_ci_does():
    install, tests = (body for _, body in blocks("sh")[:2])
    assert install.startswith("python3 -m venv .venv && .venv/bin/pip install . && ")
    assert install.endswith(".venv/bin/podview demo")
    ci = (ROOT / ".ci" / "run").read_text().replace(" -q ", " ")
    assert tests in ci, ".ci/run runs the README's test command"


def test_every_example_runs_as_written(tmp_path):
    runnable = [body for before, body in blocks("sh")[2:] if before.strip() != NEEDS_ASANA]
    assert len(runnable) >= 2, "the demo's report and decision examples"
    venv = tmp_path / "clone" / ".venv"
    (venv / "bin").mkdir(parents=True)
    # `. .venv/bin/activate` in the user's clone: here it puts this interpreter's podview first.
    (venv / "bin" / "activate").write_text(f'export PATH="{Path(sys.executable).parent}:$PATH"\n')
    home = tmp_path / "home"
    home.mkdir()
    env = {
        "HOME": str(home),
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "LANG": "C.UTF-8",
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "PYTHONPATH": str(ROOT),
    }
    script = "set -euo pipefail\n" + "\n".join(
        f"echo {shlex.quote('>>> ' + line)} >&2\n{line}" for body in runnable for line in body.splitlines() if line.strip()
    )
    done = subprocess.run(
        ["bash", "-c", script], cwd=venv.parent, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Traceback" not in done.stderr
    assert "Brightsmile Dental Group" in done.stdout
    minutes = (venv.parent / "minutes.md").read_text()
    assert "postpone" in minutes.lower() and "Leads down" in minutes
    errors = [line for line in done.stderr.splitlines() if line.startswith("podview:") and "error" in line]
    assert errors == []


def test_the_config_example_is_a_valid_config(tmp_path):
    (toml,) = (body for _, body in blocks("toml"))
    path = tmp_path / "config.toml"
    path.write_text(toml, encoding="utf-8")
    config = load_config(path)
    assert config.timezone == "America/New_York" and config.keys["sync"] == "ctrl+r,f5"


@pytest.mark.parametrize("doc", sorted(p.name for p in (ROOT / "docs").glob("*.md")))
def test_docs_links_point_at_files_in_the_repo(doc):
    text = (ROOT / "docs" / doc).read_text(encoding="utf-8")
    for target in re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", text):
        assert (ROOT / "docs" / target).resolve().exists(), f"{doc} links to {target}"


def test_readme_links_to_the_docs_and_never_to_shared():
    spec_folder = "/".join(("..", "shared"))  # the developers' spec, absent from a user's clone
    assert spec_folder not in README
    for target in re.findall(r"\]\((docs/[^)#]+)\)", README):
        assert (ROOT / target).exists(), target
    assert os.path.exists(ROOT / "docs" / "command-line.md")
