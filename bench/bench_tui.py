"""Benchmark the TUI on an agency of 160 clients and ~50,000 tasks.

Measures, each beside a baseline taken in the same run:
- launch: a headless process from its start to Home painted with its data
  (baseline: a bare Textual app, from its start to its one Static painted),
  median of N runs each, run in turns so both see the same machine, and
  their ratio (target ≤ 1.3); the same for the whole processes, exit
  included; and a second baseline, a bare Textual app with Home's kinds of
  widgets but no podview code and no query, which shows how much of the
  budget Textual itself takes;
- switching screens: from the key press to the new screen painted with its
  data, the first visit (screen built, data loaded) and a return (target ≤ 100 ms);
- moving a week on Weekly: from ← or → to the other week painted (target ≤ 100 ms);
- the client card: Enter on Home to the card painted with its client, and n/p
  to the next client painted (the Growth walkthrough's steps).

Timings are printed, never asserted. Run:
    .venv/bin/python bench/bench_tui.py [--runs 7] [--cache PATH] [--keep] [--skip-launch]
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TODAY = date(2026, 11, 25)
SIZE = (100, 30)
CLIENTS, TASKS_PER_CLIENT = 160, 310
READ = 0.2
"""Seconds between one key's paint and the next key: quicker than anyone reads a screen."""


def config():
    from podview.config import Config

    return Config(timezone="America/New_York")


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


# -- the two processes compared at launch -------------------------------------------


def painted(app) -> None:
    """Tell the parent the moment of the first paint (on the wall clock both share), then exit.

    Written to the file descriptor itself: a running Textual app captures `print`.
    """
    os.write(1, f"{time.time()}\n".encode())
    app.exit()


def child_podview(cache: Path) -> None:
    """Start podview headless on `cache` as `podview` does, and exit right after Home is painted with its data.

    Home is hooked only once podview has forked the child computing its
    figures, which podview does before it imports anything of the UI.
    """
    from podview import home_early, tui

    start = home_early.start

    def start_then_hook(*args):
        early = start(*args)
        from podview.screens.home import HomeScreen

        shown = HomeScreen.show

        def show_then_exit(self, data) -> None:
            shown(self, data)
            self.call_after_refresh(painted, self.app)

        HomeScreen.show = show_then_exit
        return early

    home_early.start = start_then_hook
    tui.run(cache, config(), TODAY, headless=True, size=SIZE)


def child_bare() -> None:
    """The least a Textual app can do: paint one Static, then exit."""
    from textual.app import App
    from textual.widgets import Static

    class Bare(App):
        def compose(self):
            yield Static("one static")

        def on_mount(self) -> None:
            self.call_after_refresh(painted, self)

    Bare().run(headless=True, size=SIZE)


def child_bare_home() -> None:
    """A bare Textual app with Home's kinds of widgets and no podview code: where Textual alone ends.

    A header, a footer with Home's keys, a static pod table, a 30-row
    four-column DataTable and a status line, filled without any query.
    """
    from textual.app import App
    from textual.binding import Binding
    from textual.containers import Vertical
    from textual.widgets import DataTable, Footer, Header, Static

    screens = Binding.Group("Screens", compact=True)

    class BareHome(App):
        BINDINGS = [  # noqa: RUF012
            *(Binding(str(n), "noop", f"S{n}", group=screens) for n in range(1, 7)),
            Binding("question_mark", "noop", "Keys"),
            Binding("d", "noop", "Decide"),
            Binding("s", "noop", "Sync"),
            Binding("q", "quit", "Quit"),
        ]

        def compose(self):
            yield Header()
            with Vertical():
                yield Static("\n".join(f"Pod {i}  6 of 14 done  ▃▁▆█ 72%  ✓3 on ▲1 risk" for i in range(4)))
                yield DataTable()
            yield Static("◇ Demo data")
            yield Footer()

        def on_mount(self) -> None:
            table = self.query_one(DataTable)
            table.add_columns("#", "Client", "Score", "Why")
            table.add_rows((str(i), f"Client {i}", "50", "goal off track; +2 more") for i in range(30))
            self.call_after_refresh(painted, self)

    BareHome().run(headless=True, size=SIZE)


def timed_process(argv: list[str]) -> tuple[float, float]:
    """Seconds from starting the process to its first paint, and to its end."""
    start = time.time()
    done = subprocess.run(argv, check=True, stdout=subprocess.PIPE, cwd=ROOT)
    ended = time.time()
    return float(done.stdout.split()[-1]) - start, ended - start


def processes_in_turns(commands: dict[str, list[str]], runs: int) -> dict[str, list[tuple[float, float]]]:
    """`runs` timings of each command, taking turns (one warm-up run of each first, not counted).

    In turns, a machine that speeds up or slows down during the benchmark
    weighs on every command alike, not on whichever ran then.
    """
    for argv in commands.values():
        timed_process(argv)
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, argv in commands.items():
            times[name].append(timed_process(argv))
    return times


# -- in one process: screens and weeks ---------------------------------------------------


async def interactions(cache: Path, rounds: int, *, warm: bool) -> dict[str, list[float]]:
    """Key press → the screen painted with its data, for every screen key and for week moves.

    Keys are posted to the app as the terminal driver posts them (Pilot's
    `press` adds its own waits, ~80 ms even in a bare app); "painted" is the
    first refresh after the screen's `show` (new data) or after it became
    the current screen (a return, its data already there).

    `warm` False: the app does not build screens in the background, so each
    first visit builds its screen and queries (a key pressed right after
    launch). `warm` True: the app builds them after Home is painted, as it
    does for a user; first visits are timed once that is done, and returns
    and week moves are timed too.
    """
    from textual import events

    from podview.app import make_app
    from podview.screens.context import DataScreen, ViewContext
    from podview.screens.registry import TOP_LEVEL

    painted = Stamp()
    wrapped: list[tuple[type, object]] = []

    def wrap(cls: type) -> None:
        """Make `cls.show` mark the paint that follows it (once per class, undone at the end)."""
        if "_bench" in cls.__dict__:
            return
        original = cls.show
        wrapped.append((cls, original))

        def show(self, data) -> None:
            """Mark the first paint after `show`: queued first, it runs before work `show` defers past that paint."""
            self.call_after_refresh(painted.set)
            original(self, data)
            self._bench_shown = True

        cls.show, cls._bench = show, True

    building = DataScreen.__init__

    def build(self, *args, **kwargs) -> None:
        wrap(type(self))
        building(self, *args, **kwargs)

    DataScreen.__init__ = build
    from podview.screens.home import HomeScreen

    wrap(HomeScreen)  # the app loads Home's data itself at launch
    results: dict[str, list[float]] = {}
    app = make_app(
        ViewContext(cache_path=cache, config=config(), today=TODAY), warm_screens=warm
    )
    async with app.run_test(size=SIZE):
        switched = Stamp()
        app.screen_change_signal.subscribe(
            app, lambda screen: screen.call_after_refresh(switched.set)
        )

        async def timed(key: str, data: bool) -> float:
            """Seconds from posting `key` to the paint after new data (or after the switch).

            Each key comes on an app at rest, as a person's next key comes
            after reading the screen: the workers done and a moment (READ)
            for the layout and paints that follow the last key.
            """
            await asyncio.sleep(READ)
            painted.clear()
            switched.clear()
            start = time.perf_counter()
            app.post_message(events.Key(key, key if len(key) == 1 else None))
            stamp = painted if data else switched
            await asyncio.wait_for(stamp.wait(), 60)
            await app.workers.wait_for_complete()
            return stamp.at - start

        await asyncio.wait_for(painted.wait(), 120)
        await app.workers.wait_for_complete()
        if warm:
            while not gc.get_freeze_count():  # the app freezes the heap once every screen is built
                await asyncio.sleep(0.05)
            await app.workers.wait_for_complete()
        label = "first visit, warmed" if warm else "first visit, cold"
        for index, name in enumerate(TOP_LEVEL[1:], start=2):
            results[f"{label}: {name}"] = [await timed(str(index), not warm)]
            assert getattr(app.screen, "_bench_shown", False), f"{name} shows no data"
            await timed("1", False)
        if not warm:
            app.exit()
            _undo(building, wrapped)
            return results
        for _ in range(rounds):
            for index, name in enumerate(TOP_LEVEL[1:], start=2):
                results.setdefault(f"return: {name}", []).append(await timed(str(index), False))
                results.setdefault("return: home", []).append(await timed("1", False))
        await timed("2", False)
        for _ in range(rounds):
            for key in ("left", "right"):
                results.setdefault(f"weekly: {key}", []).append(await timed(key, True))
        await timed("1", False)
        for _ in range(rounds):
            results.setdefault("card: open from Home", []).append(await timed("enter", True))
            for key in ("n", "p"):
                results.setdefault(f"card: {key}", []).append(await timed(key, True))
            await timed("escape", False)
        app.exit()
    _undo(building, wrapped)
    return results


class Stamp(asyncio.Event):
    """An event that remembers when it was set: the app may run on for a while before the waiter wakes."""

    at = 0.0

    def set(self) -> None:
        self.at = time.perf_counter()
        super().set()


def _undo(building, wrapped: list[tuple[type, object]]) -> None:
    """Put back what `interactions` wrapped, so a second run measures with its own events."""
    from podview.screens.context import DataScreen

    DataScreen.__init__ = building
    for cls, show in wrapped:
        cls.show = show
        del cls._bench


async def bare_switches(rounds: int) -> list[float]:
    """The same key → painted measure on a bare Textual app switching between two one-Static modes."""
    from textual import events
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

    app, times = Bare(), []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        switched = asyncio.Event()
        app.screen_change_signal.subscribe(app, lambda s: s.call_after_refresh(switched.set))
        for key in "21" * rounds:
            switched.clear()
            start = time.perf_counter()
            app.post_message(events.Key(key, key))
            await switched.wait()
            times.append(time.perf_counter() - start)
        app.exit()
    return times[2:]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--runs", type=int, default=7, help="processes per median (and rounds of keys)"
    )
    parser.add_argument("--cache", type=Path, help="the 160-client cache (built there if missing)")
    parser.add_argument(
        "--keep", action="store_true", help="keep a cache built in a temporary folder"
    )
    parser.add_argument(
        "--skip-launch",
        action="store_true",
        help="measure only the screens and weeks in one process, not the launch",
    )
    parser.add_argument(
        "--child", choices=("podview", "bare", "bare-home"), help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    if args.child == "podview":
        return child_podview(args.cache)
    if args.child == "bare":
        return child_bare()
    if args.child == "bare-home":
        return child_bare_home()

    folder = None if args.cache else tempfile.mkdtemp(prefix="podview-bench-tui-")
    cache = args.cache or Path(folder) / "agency-160.db"
    built = build_cache(cache)
    tasks = _count(cache)
    print(f"cache: {cache} · {tasks:,} tasks" + (f" · built in {built:.1f} s" if built else ""))

    if not args.skip_launch:
        launch(cache, args.runs)

    results = asyncio.run(interactions(cache, args.runs, warm=False))
    gc.collect()  # the first run's app is garbage now; a real podview starts without it
    results |= asyncio.run(interactions(cache, args.runs, warm=True))
    results["bare Textual switch"] = asyncio.run(bare_switches(args.runs))
    print("\nkey press → data painted (median; target ≤ 100 ms)")
    for name, times in results.items():
        flag = "" if statistics.median(times) <= 0.1 else "   over target"
        print(f"  {name:<32} {statistics.median(times) * 1000:7.1f} ms   n={len(times)}{flag}")
    if folder and not args.keep:
        for path in Path(folder).iterdir():
            path.unlink()
        Path(folder).rmdir()


def launch(cache: Path, runs: int) -> None:
    """Print the launch measure: podview's processes beside bare Textual ones.

    podview's bytecode is compiled first, as `pip install` does for an
    installed package and did for Textual: an editable install under
    PYTHONDONTWRITEBYTECODE would otherwise compile every module at each start.
    """
    import compileall

    import podview

    compileall.compile_dir(Path(podview.__file__).parent, quiet=1)
    me = [sys.executable, str(Path(__file__).resolve())]
    times = processes_in_turns(
        {
            "podview": [*me, "--child", "podview", "--cache", str(cache)],
            "bare": [*me, "--child", "bare"],
            "bare-home": [*me, "--child", "bare-home"],
        },
        runs,
    )
    for index, title in ((0, "launch to Home painted with data"), (1, "whole process, exit included")):
        runs_of = {name: [pair[index] for pair in pairs] for name, pairs in times.items()}
        podview, bare, shape = (statistics.median(runs_of[n]) for n in ("podview", "bare", "bare-home"))
        print(f"\n{title} (median of {runs} processes each, in turns)")
        print(f"  podview                        {podview * 1000:5.0f} ms   runs: {_ms(runs_of['podview'])}")
        print(f"  bare Textual app (one Static)  {bare * 1000:5.0f} ms   runs: {_ms(runs_of['bare'])}")
        print(f"  ratio                          {podview / bare:5.2f}" + ("      target ≤ 1.3" if index == 0 else ""))
        print(
            f"  bare Textual app, Home's widgets, no podview code, no query: {shape * 1000:.0f} ms"
            f" = {shape / bare:.2f} × the one-Static app   runs: {_ms(runs_of['bare-home'])}"
        )


def _count(cache: Path) -> int:
    import sqlite3

    conn = sqlite3.connect(cache)
    try:
        return conn.execute("SELECT count(*) FROM tasks").fetchone()[0]
    finally:
        conn.close()


def _ms(times: list[float]) -> str:
    return " ".join(f"{t * 1000:.0f}" for t in times)


if __name__ == "__main__":
    main()
