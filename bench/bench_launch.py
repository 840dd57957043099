"""Benchmark podview's launch in a real terminal: from the process's start to Home painted with its data.

On the 160-client / ~50,000-task agency, in a detached tmux session (a
private server, `tmux -L podview-bench`, no user config), three commands
run in turns, N times each after one warm-up run of each not counted:
- `podview --db CACHE --today 2026-11-25`, reading a config file with the
  cache's time zone (`PODVIEW_CONFIG`) under an empty temporary HOME and XDG
  folders, so the user's own config and data are never read;
- a bare Textual app of Home's shape (`bare_apps.py home`: a Header, two
  DataTables of 10 and 30 rows, a status line, a Footer with Home's keys),
  no podview code: the baseline, target podview ≤ 1.3 × it;
- a bare Textual app showing one Static (`bare_apps.py static`).

A run's clock starts when the pane's shell writes `date +%s.%N` just before
it `exec`s the command, and stops when `capture-pane` first shows the
command's marker: for podview, Home's at-risk panel title with its count
("At risk — N of M clients", set only once the data is shown) and the
first client's row; below 140 columns, where Home stacks its panels and its
pods fill the screen, the pods panel title with its week ("Pods — week …",
set in the same call) and a pod's row; for the bare apps, the marker text in
the widget they fill last. The panes are read through one tmux control-mode
client, so a poll costs no process start (a `tmux capture-pane` process
takes some 3 ms of CPU, which the app measured would share). Each app then
quits on q, and the next run starts once the pane's process has ended.

Timings are printed, never asserted. Run:
    .venv/bin/python bench/bench_launch.py [--runs 7] [--size 100x30] [--cache PATH] [--keep]
"""

from __future__ import annotations

import argparse
import itertools
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bare_apps import MARKER
from common import ROOT, TIMEZONE, TODAY, build_cache, compile_podview, count_tasks

SOCKET = "podview-bench"
WIDE = 140
"""Home puts its panels side by side from this many columns (the app's breakpoint)."""
AT_RISK = (re.compile(r"At risk — \d+ of \d+ clients"), re.compile(r"│ +1  \S[^│]* \d+  \S"))
PODS = (re.compile(r"Pods — week \S+"), re.compile(r"│ Pod \S[^│]* \d+ of \d+ done"))
BARE = (re.compile(re.escape(MARKER)),)


class Tmux:
    """A private tmux server and one control-mode client to it, which reads panes in well under a millisecond.

    The server only lives while this object does: a keeper session holds the
    control client and ends the server once this process is gone, should it
    die before `close`.
    """

    def __init__(self, env: dict[str, str], folder: Path) -> None:
        self.env = env
        conf = folder / "tmux.conf"
        conf.write_text(
            "set -g status off\nset -g remain-on-exit on\nset -g default-shell /bin/sh\n"
            "set -g default-terminal tmux-256color\n"
        )
        watchdog = f"tail --pid={os.getpid()} -f /dev/null; tmux -L {SOCKET} kill-server"
        self._tmux(
            "-f", str(conf), "new-session", "-d", "-s", "keeper", "-x", "20", "-y", "5", watchdog
        )
        self.client = subprocess.Popen(
            ["tmux", "-L", SOCKET, "-C", "attach", "-t", "keeper"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=env,
            text=True,
        )

    def _tmux(self, *args: str) -> None:
        subprocess.run(["tmux", "-L", SOCKET, *args], check=True, env=self.env)

    def command(self, line: str) -> list[str]:
        """Run one tmux command through the control client; its output lines (an error raises)."""
        assert "\n" not in line
        self.client.stdin.write(line + "\n")
        self.client.stdin.flush()
        end = None
        output: list[str] = []
        while True:
            text = self.client.stdout.readline()
            if not text:
                raise RuntimeError("the tmux control client ended")
            text = text.rstrip("\n")
            if end is None:
                fields = text.split(" ")
                if fields[0] == "%begin" and fields[3] == "1":  # a reply to this client's command
                    end = " ".join(fields[1:])
                continue  # before the reply: notifications, or the reply to attaching
            if text in (f"%end {end}", f"%error {end}"):
                if text.startswith("%error"):
                    raise RuntimeError(f"tmux {line!r}: {' '.join(output)}")
                return output
            output.append(text)

    def close(self) -> None:
        """End the server and its sessions (the apps in them get SIGHUP), and the control client."""
        subprocess.run(
            ["tmux", "-L", SOCKET, "kill-server"], check=False, env=self.env, capture_output=True
        )
        self.client.wait(10)


def launch_once(
    tmux: Tmux, name: str, command: str, size: tuple[int, int], markers, stamp: Path, poll: float
) -> tuple[float, list[float]]:
    """Seconds from the command's start to its markers on screen, and the moments of the polls."""
    assert "'" not in command
    stamp.unlink(missing_ok=True)
    tmux.command(
        f"new-session -d -s {name} -x {size[0]} -y {size[1]} 'date +%s.%N > {stamp}; exec {command}'"
    )
    pid = int(tmux.command(f"display -p -t {name} '#{{pane_pid}}'")[0])
    polls: list[float] = []
    deadline = time.monotonic() + 120
    while True:
        screen = "\n".join(tmux.command(f"capture-pane -p -t {name}"))
        polls.append(time.time())
        if all(marker.search(screen) for marker in markers):
            break
        if time.monotonic() > deadline or tmux.command(
            f"display -p -t {name} '#{{pane_dead}}'"
        ) == ["1"]:
            raise RuntimeError(f"{name}: no {[m.pattern for m in markers]} on screen:\n{screen}")
        time.sleep(poll)
    painted = polls[-1]
    quit_and_wait(tmux, name, pid)
    return painted - float(stamp.read_text()), polls


def quit_and_wait(tmux: Tmux, name: str, pid: int) -> None:
    """Press q and wait until the pane's process `pid` has ended (it must end well), then close its session."""
    tmux.command(f"send-keys -t {name} q")
    deadline = time.monotonic() + 30
    while (ended := ended_status(pid)) is None or tmux.command(
        f"display -p -t {name} '#{{pane_dead}}'"
    ) != ["1"]:
        if time.monotonic() > deadline:
            raise RuntimeError(f"{name} still runs 30 s after q")
        time.sleep(0.005)
    if ended == -1:  # reaped by tmux, which then knows its status
        ended = tmux.command(f"display -p -t {name} '#{{pane_dead_status}}'")[0]
    tmux.command(f"kill-session -t {name}")
    if ended not in (0, "0"):
        raise RuntimeError(f"{name} did not quit well on q (wait status {ended!r})")


def ended_status(pid: int) -> int | None:
    """None while `pid` runs; once it has ended, its wait status, or -1 if it is already reaped.

    tmux 3.3 sometimes leaves a pane's process a zombie, with no
    `pane_dead_status`, until its server ends; /proc still tells its status.
    """
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError):  # gone before or while read
        return -1
    fields = stat.rpartition(")")[2].split()
    return int(fields[-1]) if fields[0] in ("Z", "X") else None


def measure(cache: Path, runs: int, size: tuple[int, int], poll: float, folder: Path):
    """Launch times of each command (runs in turns) and every gap between two polls."""
    home = folder / "home"
    for sub in ("config", "data", "cache", "state"):
        (home / sub).mkdir(parents=True, exist_ok=True)
    config_file = folder / "config.toml"
    config_file.write_text(f'timezone = "{TIMEZONE}"\n')
    env = {
        "PATH": f"{Path(sys.executable).parent}:/usr/local/bin:/usr/bin:/bin",
        "PYTHONPATH": str(ROOT),  # this checkout's podview, not the one the venv has installed
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "XDG_STATE_HOME": str(home / "state"),
        "PODVIEW_CONFIG": str(config_file),
        "LANG": "C.UTF-8",
        "COLORTERM": "truecolor",
        "TMUX_TMPDIR": str(folder),  # the server's socket goes with the folder
    }
    podview = Path(sys.executable).parent / "podview"
    bare = f"{sys.executable} {ROOT / 'bench' / 'bare_apps.py'}"
    commands = {
        "podview": (
            f"{podview} --db {cache} --today {TODAY.isoformat()}",
            AT_RISK if size[0] >= WIDE else PODS,
        ),
        "bare-home": (f"{bare} home", BARE),
        "bare-static": (f"{bare} static", BARE),
    }
    times: dict[str, list[float]] = {name: [] for name in commands}
    gaps: list[float] = []
    tmux = Tmux(env, folder)
    try:
        for turn in range(runs + 1):  # turn 0 warms the disk cache and is not counted
            for name, (command, markers) in commands.items():
                took, polls = launch_once(
                    tmux, f"{name}-{turn}", command, size, markers, folder / "stamp", poll
                )
                if turn:
                    times[name].append(took)
                    gaps += [b - a for a, b in itertools.pairwise(polls)]
    finally:
        tmux.close()
    return times, gaps


def report(times: dict[str, list[float]], gaps: list[float], size: tuple[int, int]) -> None:
    podview, home, static = (
        statistics.median(times[n]) for n in ("podview", "bare-home", "bare-static")
    )
    runs = len(times["podview"])
    print(
        f"\nlaunch to painted with data, in tmux {size[0]}x{size[1]} (median of {runs} runs each, in turns;"
        f" capture-pane every {statistics.mean(gaps) * 1000:.1f} ms on average,"
        f" at most {max(gaps) * 1000:.1f} ms)"
    )
    for name, label, median in (
        ("podview", "podview, Home painted with data", podview),
        ("bare-home", "bare Textual app, Home's shape", home),
        ("bare-static", "bare Textual app, one Static", static),
    ):
        print(f"  {label:<34} {median * 1000:5.0f} ms   runs: {_ms(times[name])}")
    print(f"  podview / bare Home's shape        {podview / home:5.2f}      target ≤ 1.3")
    print(f"  podview / one Static               {podview / static:5.2f}")
    print(f"  bare Home's shape / one Static     {home / static:5.2f}")


def _ms(times: list[float]) -> str:
    return " ".join(f"{t * 1000:.0f}" for t in times)


def _size(text: str) -> tuple[int, int]:
    width, _, height = text.partition("x")
    return int(width), int(height)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="launches of each command (in turns)")
    parser.add_argument("--size", type=_size, default=(100, 30), help="the terminal, COLUMNSxROWS")
    parser.add_argument("--poll", type=float, default=0.002, help="seconds between two captures")
    parser.add_argument("--cache", type=Path, help="the 160-client cache (built there if missing)")
    parser.add_argument(
        "--keep", action="store_true", help="keep a cache built in a temporary folder"
    )
    args = parser.parse_args()
    if not shutil.which("tmux"):
        sys.exit("bench_launch needs tmux")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # so the tmux server is ended there too
    sys.path.insert(0, str(ROOT))
    work = Path(tempfile.mkdtemp(prefix="podview-bench-launch-"))
    cache = args.cache or Path(tempfile.mkdtemp(prefix="podview-bench-cache-")) / "agency-160.db"
    try:
        built = build_cache(cache)
        built_note = f" · built in {built:.1f} s" if built else ""
        print(f"cache: {cache} · {count_tasks(cache):,} tasks{built_note}")
        compile_podview()
        times, gaps = measure(cache.resolve(), args.runs, args.size, args.poll, work)
        report(times, gaps, args.size)
    finally:
        shutil.rmtree(work, ignore_errors=True)
        if args.cache is None and args.keep:
            print(f"cache kept: {cache}")
        elif args.cache is None:
            shutil.rmtree(cache.parent, ignore_errors=True)


if __name__ == "__main__":
    main()
