"""Once in a real terminal: tmux runs podview on the demo, keys are typed, the screen is read back."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time

import pytest

TODAY = "2026-11-25"


def tmux(*args: str) -> str:
    return subprocess.run(["tmux", *args], check=True, capture_output=True, text=True).stdout


def screen(session: str) -> str:
    return tmux("capture-pane", "-t", session, "-p")


def wait_for(session: str, text: str, seconds: float = 20) -> str:
    """Poll the pane until `text` shows (a person waiting for the screen to change)."""
    deadline = time.monotonic() + seconds
    shown = ""
    while time.monotonic() < deadline:
        shown = screen(session)
        if text in shown:
            return shown
        time.sleep(0.2)
    raise AssertionError(f"{text!r} never appeared; the screen showed:\n{shown}")


@pytest.fixture
def session(tmp_path):
    assert shutil.which("tmux"), "tmux is needed for the real-terminal test (apt-get install tmux; .ci/run installs it)"
    cache = tmp_path / "demo.db"
    env = dict(os.environ, PODVIEW_DB=str(cache), PODVIEW_TODAY=TODAY, PODVIEW_CONFIG=str(tmp_path / "config.toml"))
    (tmp_path / "config.toml").write_text('timezone = "America/New_York"\n')
    subprocess.run([sys.executable, "-m", "podview", "demo", "--no-ui"], check=True, env=env, capture_output=True)
    name = f"podview-test-{os.getpid()}"
    command = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items() if k.startswith("PODVIEW_"))
    command += f" TERM=xterm-256color {shlex.quote(sys.executable)} -m podview"
    tmux("new-session", "-d", "-s", name, "-x", "100", "-y", "30", command)
    yield name
    subprocess.run(["tmux", "kill-session", "-t", name], capture_output=True)


def test_a_person_navigates_the_demo(session):
    home = wait_for(session, "Pods — week 2026-W48")
    assert "Pod Atlas" in home and "Brightsmile Dental Group" in home and "Demo data" in home
    tmux("send-keys", "-t", session, "6")
    wait_for(session, "Risk radar")
    risk = wait_for(session, "120")
    assert "Brightsmile Dental Group" in risk
    tmux("send-keys", "-t", session, "Enter")
    wait_for(session, "Client card")
    card = wait_for(session, "1/16")  # the card's own data, read in the background, is on screen
    assert "MRR $18,500" in card and "90-day goals" in card
    tmux("send-keys", "-t", session, "2")
    wait_for(session, "Weekly goals")
    weekly = wait_for(session, " done")
    assert "2026-W48" in weekly and ("✔ hit" in weekly or "◷ open" in weekly)
    tmux("send-keys", "-t", session, "Left")
    assert "2026-W47" in wait_for(session, "2026-W47")
    tmux("send-keys", "-t", session, "q")
    deadline = time.monotonic() + 10
    while subprocess.run(["tmux", "has-session", "-t", session], capture_output=True).returncode == 0:
        assert time.monotonic() < deadline, "q should quit podview (and so end the tmux session)"
        time.sleep(0.2)
