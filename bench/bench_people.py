"""Benchmark the People screen on the 160-client agency: its load, its first paint, and its sort keys.

Issue 13 asks for the People screen's first paint within 100 ms of its data,
and sorting within 50 ms. Headless at 200×60 (every column shown), on one
app: `7` to the People screen with its data (the load is a worker: the
figures of every person over 12 weeks), then the paint that follows; then
each sort key (`>` five times round the columns, `r`, `<`) to its repaint.
The baseline, in the same run: a key bound to nothing, on the same screen,
to its repaint. Timings are printed, never asserted. Run:
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

from common import ROOT, TODAY, config

SIZE = (200, 60)
SORT_KEYS = (">", ">", ">", ">", ">", "r", "<")


async def measure(cache: Path, runs: int) -> None:
    from podview.screens.context import ViewContext
    from podview.screens.people import PeopleScreen
    from podview.tui.app import make_app

    app = make_app(ViewContext(cache_path=cache, config=config(), today=TODAY), warm_screens=False)
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(5):
            await pilot.pause()
            await app.workers.wait_for_complete()
        start = time.perf_counter()
        await pilot.press("7")
        while not (isinstance(app.screen, PeopleScreen) and app.screen.data is not None):
            await asyncio.sleep(0.002)
        loaded = time.perf_counter() - start
        await pilot.pause()
        painted = time.perf_counter() - start - loaded
        baseline, sorts = [], []
        for _ in range(runs):
            for key in SORT_KEYS:
                began = time.perf_counter()
                await pilot.press("z")
                await pilot.pause()
                baseline.append(time.perf_counter() - began)
                began = time.perf_counter()
                await pilot.press(key)
                await pilot.pause()
                sorts.append(time.perf_counter() - began)
        people = len(app.screen.visible())
    base = statistics.median(baseline)
    sort = statistics.median(sorts)
    print(f"People at {SIZE[0]}x{SIZE[1]}: {people} people")
    print(f"  7 → data loaded (worker)        {loaded * 1000:7.0f} ms")
    print(f"  first paint after its data      {painted * 1000:7.0f} ms   target ≤ 100 ms")
    print(f"  no-op key (baseline)            {base * 1000:7.1f} ms")
    print(f"  sort key (median of {len(sorts)})         {sort * 1000:7.0f} ms   {sort / base:6.0f}× baseline   target ≤ 50 ms")


def main() -> None:
    sys.path.insert(0, str(ROOT))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, default=Path("/tmp/bench/agency-160.db"))
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if not args.cache.exists():
        sys.exit(f"no cache at {args.cache}: build it with bench/bench_core.py --keep first")
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "agency.db"
        shutil.copy(args.cache, copy)
        asyncio.run(measure(copy, args.runs))


if __name__ == "__main__":
    main()
