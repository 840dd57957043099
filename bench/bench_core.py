"""Benchmark the core on an agency of 160 clients and ~50,000 tasks.

Measures, each beside a baseline taken in the same run:
- loading the generated workspace into a fresh cache (baseline: inserting the
  same number of task rows with plain sqlite3 `executemany`);
- every `podview report KIND --format json` as a whole process, median of N runs
  (baseline: a bare `python -c pass`);
- `podview --help` as a whole process (same baseline).

Run:  .venv/bin/python bench/bench_core.py [--runs 9] [--keep]
Targets (issue 2): reports ≤ 0.35 s, --help ≤ 0.15 s, load ≤ 10 s.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

KINDS = ("weekly", "tactics", "postponed", "pacing", "risk", "people")
TODAY = date(2026, 11, 25)


def timed(fn):
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def median_run(argv: list[str], runs: int, env: dict[str, str]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, env=env)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def baseline_insert(path: Path, count: int) -> None:
    """What a bare load of `count` task rows costs with no mapping at all."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("CREATE TABLE t (gid TEXT PRIMARY KEY, client TEXT, name TEXT, kind TEXT, due_on TEXT, completed_at TEXT, created_at TEXT)")
    rows = ((str(i), "c", f"Task {i}", "other", "2026-11-20", None, "2026-11-01T00:00:00.000Z") for i in range(count))
    with conn:
        conn.executemany("INSERT INTO t VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
    conn.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--keep", action="store_true", help="keep the benchmark cache (path printed)")
    args = parser.parse_args()

    from podview.cache import open_cache
    from podview.config import Config
    from podview.demo.generator import build_dump
    from podview.sync.load import load_dump

    work = Path(tempfile.mkdtemp(prefix="podview-bench-"))
    gen_time, dump = timed(lambda: build_dump(TODAY, clients=160, tasks_per_client=310))
    tasks = len({t["gid"] for rows in dump["tasks"].values() for t in rows})
    db = open_cache(work / "bench.db")
    load_time, summary = timed(lambda: load_dump(db, dump, Config(timezone="America/New_York"), today=TODAY.isoformat()))
    db.conn.close()
    base_time, _ = timed(lambda: baseline_insert(work / "baseline.db", tasks))
    print(f"agency: {summary.clients} clients, {summary.tasks} tasks in the cache ({tasks} generated, {gen_time:.2f} s to generate)")
    print(f"load into cache: {load_time:.2f} s   baseline executemany: {base_time:.2f} s   ratio {load_time / base_time:.1f}x   target ≤ 10 s")

    env = dict(os.environ, PODVIEW_DB=str(work / "bench.db"), PODVIEW_TODAY=TODAY.isoformat(),
               PODVIEW_CONFIG=str(work / "config.toml"))
    (work / "config.toml").write_text('timezone = "America/New_York"\n')
    python = sys.executable
    script = Path(python).parent / "podview"
    podview = [str(script)] if script.exists() else [python, "-m", "podview"]
    bare = median_run([python, "-c", "pass"], args.runs, env)
    print(f"\nwhole-process medians over {args.runs} runs (baseline `python -c pass`: {bare * 1000:.0f} ms)")
    for kind in KINDS:
        t = median_run([*podview, "report", kind, "--format", "json"], args.runs, env)
        print(f"  podview report {kind:<9} --format json  {t * 1000:6.0f} ms   {t / bare:4.1f}x baseline   target ≤ 350 ms")
    t = median_run([*podview, "--help"], args.runs, env)
    print(f"  podview --help                        {t * 1000:6.0f} ms   {t / bare:4.1f}x baseline   target ≤ 150 ms")
    if args.keep:
        print(f"\ncache kept at {work / 'bench.db'}")
    else:
        for path in work.iterdir():
            path.unlink()
        work.rmdir()


if __name__ == "__main__":
    main()
