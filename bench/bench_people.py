"""Benchmark the People screen on the 160-client agency: its load, its first paint, and its sort keys.

Issue 13 asks for the People screen's first paint within 100 ms of its data,
and sorting within 50 ms. Headless at 200×60 (every column shown), on one
app: `7` to the People screen with its data (the load is a worker: the
figures of every person over 12 weeks), then the paint that follows; then
each sort key (`>` five times round the columns, `r`, `<`) from the key
posted to the repaint after the rows are in their new order, measured as
bench_keys.py measures keys. Baselines, in the same run: a key bound to
nothing on the same screen, and a bare Textual app switching screens. Timings are printed, never asserted. Run:
    .venv/bin/python bench/bench_people.py [--cache PATH] [--runs 3]
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench_keys import Keys, bare_switches
from common import ROOT, TODAY, config

SIZE = (200, 60)
SORT_KEYS = ("greater_than_sign",) * 5 + ("r", "less_than_sign")
"""`>` five times round the columns, `r`, `<`: as Textual names the keys a terminal sends."""


async def measure(cache: Path, runs: int, verbose: bool = False) -> None:
    from podview.screens.context import ViewContext
    from podview.screens.people import PeopleScreen
    from podview.tui.app import make_app

    app = make_app(ViewContext(cache_path=cache, config=config(), today=TODAY), warm_screens=False)
    async with app.run_test(size=SIZE) as pilot:
        keys = Keys(app, pilot)
        await keys.rest()
        shown: list[float] = []
        painted_at: list[float] = []
        show = PeopleScreen.show

        def timed_show(screen, data):
            """The data arrives: note when, and when the first frame after it is painted."""
            shown.append(time.perf_counter())
            show(screen, data)
            screen.call_after_refresh(lambda: painted_at.append(time.perf_counter()))

        PeopleScreen.show = timed_show
        start = time.perf_counter()
        await pilot.press("7")

        def rows_shown() -> bool:
            """The People screen with its data, its table laid out and filled."""
            if not (isinstance(app.screen, PeopleScreen) and app.screen.data is not None):
                return False
            table = app.screen.query_one("#people")
            return table.size.width > 0 and table.row_count > 0

        total = await keys.settled(rows_shown, start)
        PeopleScreen.show = show
        loaded = shown[0] - start
        painted = painted_at[0] - shown[0]
        settled = total - loaded
        screen = app.screen
        for _ in range(runs):
            for key in SORT_KEYS:
                await keys.key("no-op key (baseline)", "z", lambda: True)
                before = (screen.sort_column, screen.reverse)
                took = await keys.key("sort key", key, lambda b=before: (screen.sort_column, screen.reverse) != b)
                if verbose:
                    print(f"    {key:<18} → {screen.sort_column:<12} {took * 1000:6.1f} ms")
        people = len(screen.visible())
        app.exit()
    bare, _ = await bare_switches(runs)
    base = statistics.median(keys.times["no-op key (baseline)"])
    switch = statistics.median(bare["bare Textual: switch screens (baseline)"])
    sorts = keys.times["sort key"]
    sort = statistics.median(sorts)
    print(f"People at {SIZE[0]}x{SIZE[1]}: {people} people")
    print(f"  7 → data loaded (worker)        {loaded * 1000:7.0f} ms")
    print(f"  first paint after its data      {painted * 1000:7.0f} ms   target ≤ 100 ms")
    print(f"  settled (scrollbars laid out)   {settled * 1000:7.0f} ms")
    print(f"  no-op key (baseline)            {base * 1000:7.1f} ms")
    print(f"  bare Textual screen switch      {switch * 1000:7.1f} ms   (baseline)")
    print(
        f"  sort key (median of {len(sorts)})         {sort * 1000:7.1f} ms   {sort / switch:5.1f}× the bare switch"
        f"   max {max(sorts) * 1000:5.1f}   target ≤ 50 ms"
    )


def main() -> None:
    sys.path.insert(0, str(ROOT))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, default=Path("/tmp/bench/agency-160.db"))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--verbose", action="store_true", help="print every sort key's time")
    args = parser.parse_args()
    if not args.cache.exists():
        sys.exit(f"no cache at {args.cache}: build it with bench/bench_core.py --keep first")
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "agency.db"
        shutil.copy(args.cache, copy)
        asyncio.run(measure(copy, args.runs, args.verbose))


if __name__ == "__main__":
    main()
