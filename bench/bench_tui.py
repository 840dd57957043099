"""Benchmark the TUI's interactions on an agency of 160 clients and ~50,000 tasks.

Measures, each beside a baseline taken in the same run:
- switching screens: from the key press to the new screen painted with its
  data, the first visit (screen built, data loaded) and a return (target ≤ 100 ms);
- moving a week on Weekly: from ← or → to the other week painted (target ≤ 100 ms);
- the client card: Enter on Home to the card painted with its client, and n/p
  to the next client painted (the Growth walkthrough's steps).

Launch (process start to Home painted with data, in a real terminal) is
measured by bench_launch.py.

Timings are printed, never asserted. Run:
    .venv/bin/python bench/bench_tui.py [--runs 7] [--cache PATH] [--keep]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

from common import ROOT, TODAY, bare_switching_app, build_cache, config, count_tasks

SIZE = (100, 30)
READ = 0.2
"""Seconds between one key's paint and the next key: quicker than anyone reads a screen."""


async def interactions(cache: Path, rounds: int, *, warm: bool) -> dict[str, list[float]]:
    """Key press → the screen painted with its data, for every screen key and for week moves.

    Keys are posted to the app as the terminal driver posts them (Pilot's
    `press` adds its own waits, ~80 ms even in a bare app); "painted" is the
    first refresh after the screen's `show` (new data) or after it became
    the current screen (a return, its data already there).

    `warm` False: a key pressed right after launch, before the app has built
    the other screens: the first visit builds its screen and queries the
    cache. `warm` True: the app has built them after Home, as it does for a
    user; then returns, week moves and the card are timed too.
    """
    from textual import events

    from podview.screens.context import DataScreen, ViewContext
    from podview.screens.registry import TOP_LEVEL
    from podview.tui.app import make_app

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

    wrap(HomeScreen)  # Home may open with its saved figures, never calling DataScreen's load
    results: dict[str, list[float]] = {}
    app = make_app(ViewContext(cache_path=cache, config=config(), today=TODAY), warm_screens=warm)
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
        label = "first visit, built ahead" if warm else "first visit, cold"
        if warm:
            await asyncio.wait_for(app.warming.finished.wait(), 60)  # the others, built after Home
            await app.workers.wait_for_complete()
        for index, name in enumerate(TOP_LEVEL[1:], start=2):
            results[f"{label}: {name}"] = [await timed(str(index), not warm)]
            assert getattr(app.screen, "_bench_shown", False), f"{name} shows no data"
            await timed("1", False)
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

    app, times = bare_switching_app(), []
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
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))

    folder = None if args.cache else tempfile.mkdtemp(prefix="podview-bench-tui-")
    cache = args.cache or Path(folder) / "agency-160.db"
    built = build_cache(cache)
    tasks = count_tasks(cache)
    print(f"cache: {cache} · {tasks:,} tasks" + (f" · built in {built:.1f} s" if built else ""))

    results = asyncio.run(interactions(cache, args.runs, warm=False))
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


if __name__ == "__main__":
    main()
