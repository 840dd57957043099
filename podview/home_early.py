"""Home's figures, computed in a child process while the terminal UI loads.

Loading Textual and podview's screens takes some 150 ms of one core, and
Home's figures over a large agency some 100 ms of pure Python. Neither needs
the other, but in one process the interpreter lock runs them one after the
other. So, on Linux, before anything of the UI is imported, `podview` forks:
the child opens the cache, computes `home_data`, sends it back pickled
through a pipe and exits; meanwhile the parent loads the UI, and Home's
worker only waits for the answer.

Where forking is not safe (Windows has no fork; macOS libraries do not
survive one; a process that already runs threads) nothing is started, and
Home's worker computes the figures itself, as it does whenever the child
fails: the child can only save time, never change what is shown.
"""

from __future__ import annotations

import os
import pickle
import select
import signal
import sys
import threading
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from podview.config import Config

if TYPE_CHECKING:
    from podview.figures.home import HomeData

WAIT = 10.0
"""Seconds to wait for the child before computing the figures in the app instead."""


class EarlyHome:
    """A child process computing Home's figures; `result()` collects them once (from a worker thread)."""

    def __init__(self, pid: int, pipe: int) -> None:
        self.pid = pid
        self._pipe = pipe
        self._collecting = False
        self._lock = threading.Lock()
        self._reaped = False

    def result(self, wait: float = WAIT) -> HomeData | None:
        """The figures, or None when the child failed, was stopped, or took longer than `wait` seconds."""
        with self._lock:
            if self._collecting or self._reaped:
                return None
            self._collecting = True
        chunks = []
        try:
            while select.select([self._pipe], [], [], wait)[0]:
                chunk = os.read(self._pipe, 1 << 16)
                if not chunk:
                    outcome, value = pickle.loads(b"".join(chunks))
                    return value if outcome == "ok" else None
                chunks.append(chunk)
            return None
        except Exception:
            return None
        finally:
            os.close(self._pipe)
            self.discard()

    def discard(self) -> None:
        """Stop the child (if it still runs) and reap it; the figures are no longer wanted.

        Safe while `result()` waits in another thread: the child's end wakes it.
        """
        with self._lock:
            if self._reaped:
                return
            self._reaped = True
            if not self._collecting:
                os.close(self._pipe)
        try:
            if os.waitpid(self.pid, os.WNOHANG) == (0, 0):
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
        except ChildProcessError:
            pass


def start(cache_path: Path, config: Config, today: date) -> EarlyHome | None:
    """Fork a child computing Home's figures on the cache, or None where that is not safe."""
    if not sys.platform.startswith("linux") or threading.active_count() > 1:
        return None
    if not cache_path.is_file():
        return None
    reading, writing = os.pipe()
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:
        os.close(reading)
        _child(writing, cache_path, config, today)
    os.close(writing)
    return EarlyHome(pid, reading)


def _child(pipe: int, cache_path: Path, config: Config, today: date) -> None:
    """Compute, send, and leave at once: no cleanup of the parent's state, no output of its own."""
    try:
        payload = pickle.dumps(("ok", _compute(cache_path, config, today)))
    except BaseException as error:  # the parent computes the figures itself and reports errors then
        payload = pickle.dumps(("failed", type(error).__name__))
    try:
        with os.fdopen(pipe, "wb") as out:
            out.write(payload)
    finally:
        os._exit(0)


def _compute(cache_path: Path, config: Config, today: date) -> HomeData:
    from zoneinfo import ZoneInfo

    from podview.cache import open_reader
    from podview.figures.home import home_data

    conn = open_reader(cache_path)
    try:
        return home_data(conn, today=today, zone=ZoneInfo(config.timezone), config=config)
    finally:
        conn.close()
