"""What the TUI benchmarks share: the 160-client agency they run on, built the same way for each.

Only the standard library is imported at the top, so a benchmark's child
process or the script driving a terminal pays for nothing it does not use.
"""

from __future__ import annotations

import sqlite3
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TODAY = date(2026, 11, 25)
TIMEZONE = "America/New_York"
CLIENTS, TASKS_PER_CLIENT = 160, 310


def config():
    """The config the cache is built with and read with (a `podview` process gets it as a file)."""
    from podview.config import Config

    return Config(timezone=TIMEZONE)


def build_cache(path: Path) -> float:
    """Build the 160-client demo agency at `path` (unless it is there); returns seconds spent."""
    if path.exists():
        return 0.0
    from podview.demo.build import build_demo_cache

    path.parent.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    build_demo_cache(
        path, today=TODAY, config=config(), clients=CLIENTS, tasks_per_client=TASKS_PER_CLIENT
    )
    return time.perf_counter() - start


def count_tasks(cache: Path) -> int:
    conn = sqlite3.connect(cache)
    try:
        return conn.execute("SELECT count(*) FROM tasks").fetchone()[0]
    finally:
        conn.close()


def compile_podview() -> None:
    """Compile podview's bytecode, as `pip install` does for an installed package and did for Textual.

    An editable install under PYTHONDONTWRITEBYTECODE would otherwise compile
    every module at each start, a cost no installed podview pays.
    """
    import compileall

    compileall.compile_dir(ROOT / "podview", quiet=1)


def bare_switching_app():
    """A bare Textual app whose keys 1 and 2 switch between two one-Static modes `a` and `b`: the baseline switch."""
    from textual.app import App
    from textual.screen import Screen
    from textual.widgets import Static

    class One(Screen):
        def compose(self):
            yield Static("one static")

    class Bare(App):
        BINDINGS = [("1", "switch_mode('a')", ""), ("2", "switch_mode('b')", "")]  # noqa: RUF012
        MODES = {"a": One, "b": One}  # noqa: RUF012

        def on_mount(self) -> None:
            self.switch_mode("a")

    return Bare()
