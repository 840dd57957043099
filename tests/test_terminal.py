"""Once in a real terminal: tmux runs podview on the demo, keys are typed, the screen is read back."""

from __future__ import annotations

import os
import select
import shlex
import shutil
import subprocess
import sys
import time

import pytest

TODAY = "2026-11-25"


def tmux(*args: str) -> str:
    return subprocess.run(["tmux", *args], check=True, capture_output=True, text=True).stdout


def tmux_waiting(*args: str, seconds: float) -> str:
    """A tmux command that blocks (`wait-for`), given up after `seconds`."""
    return subprocess.run(["tmux", *args], check=True, capture_output=True, text=True, timeout=seconds).stdout


class Pane:
    """The tmux session running podview: what it shows, and the pane's output as it comes (through a FIFO).

    tmux copies every byte the program writes to the `pipe-pane` command
    after it has drawn it, so a wait wakes exactly when the screen may have
    changed, and reads it again.
    """

    def __init__(self, name: str, folder) -> None:
        self.name = name
        self.ended = f"{name}-ended"
        """The tmux channel signalled once podview has exited."""
        fifo = folder / "pane-output"
        os.mkfifo(fifo)
        self._output = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
        tmux("pipe-pane", "-O", "-t", name, f"cat > {shlex.quote(str(fifo))}")

    def screen(self) -> str:
        return tmux("capture-pane", "-t", self.name, "-p")

    def wait_for(self, text: str, seconds: float = 20) -> str:
        """The screen once `text` shows on it (read again each time podview draws)."""
        deadline = time.monotonic() + seconds
        while text not in (shown := self.screen()):
            left = deadline - time.monotonic()
            if left <= 0 or not self._drawn(left):
                raise AssertionError(f"{text!r} never appeared; the screen showed:\n{shown}")
        return shown

    def _drawn(self, timeout: float) -> bool:
        """Wait until podview writes to the terminal; False if it did not within `timeout`, or has stopped."""
        ready, _, _ = select.select([self._output], [], [], timeout)
        if not ready:
            return False
        try:
            return os.read(self._output, 1 << 16) != b""
        except BlockingIOError:
            return True

    def close(self) -> None:
        os.close(self._output)


@pytest.fixture
def session(tmp_path):
    assert shutil.which("tmux"), "tmux is needed for the real-terminal test (apt-get install tmux; .ci/run installs it)"
    cache = tmp_path / "demo.db"
    env = dict(os.environ, PODVIEW_DB=str(cache), PODVIEW_TODAY=TODAY, PODVIEW_CONFIG=str(tmp_path / "config.toml"))
    (tmp_path / "config.toml").write_text('timezone = "America/New_York"\n')
    subprocess.run([sys.executable, "-m", "podview", "demo", "--no-ui"], check=True, env=env, capture_output=True)
    name = f"podview-test-{os.getpid()}"
    command = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items() if k.startswith("PODVIEW_"))
    command += f" TERM=xterm-256color {shlex.quote(sys.executable)} -m podview; tmux wait-for -S {name}-ended"
    tmux("new-session", "-d", "-s", name, "-x", "100", "-y", "30", command)
    pane = Pane(name, tmp_path)
    yield pane
    pane.close()
    subprocess.run(["tmux", "kill-session", "-t", name], check=False, capture_output=True)


def test_a_person_navigates_the_demo(session):
    home = session.wait_for("Pods — week of 23–29 Nov")
    assert "Pod Atlas" in home and "Brightsmile Dental Group" in home and "Demo data" in home
    tmux("send-keys", "-t", session.name, "6")
    session.wait_for("Risk radar")
    risk = session.wait_for("120")
    assert "Brightsmile Dental Group" in risk
    tmux("send-keys", "-t", session.name, "Enter")
    session.wait_for("Client card")
    card = session.wait_for("1/16")  # the card's own data, read in the background, is on screen
    assert "MRR $18,500" in card and "90-day goals" in card
    tmux("send-keys", "-t", session.name, "2")
    session.wait_for("Weekly goals")
    weekly = session.wait_for("23–29 Nov · this week")
    assert "Weekly goals" in weekly and ("✔ hit" in weekly or "◷ open" in weekly)
    tmux("send-keys", "-t", session.name, "Left")
    assert "Weekly goals" in session.wait_for("16–22 Nov · ended")
    tmux("send-keys", "-t", session.name, "/")
    session.wait_for("Done (search kept)")
    tmux("send-keys", "-t", session.name, "-l", "neg")
    session.wait_for("hit rate 80% (4 of 5)")  # W47 searched for "neg"
    tmux("send-keys", "-t", session.name, "Escape")
    session.wait_for("f Pod filter")  # the footer of the table again: the box let go
    tmux("send-keys", "-t", session.name, "3")
    session.wait_for("Tactics since")
    tmux("send-keys", "-t", session.name, "2")
    weekly = session.wait_for("Weekly goals")
    box = next(line for line in weekly.splitlines() if "All pods" in line)
    assert box.split()[-1] == "neg", "the 3 changed screen, it was not typed"
    tmux("send-keys", "-t", session.name, "q")
    try:
        tmux_waiting("wait-for", session.ended, seconds=10)
    except subprocess.TimeoutExpired:
        raise AssertionError(f"q should quit podview; the screen showed:\n{session.screen()}") from None
