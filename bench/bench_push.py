"""Benchmark `podview push`: how many Asana calls sending 100 pending decisions costs.

The bound: ⌈100/10⌉ POST /batch calls (ten actions a call) plus the marker
look-ups that unclear failures require. Two sets of 100 decisions, each
pushed with and without lost answers (the fake applies 30 % of writes, then
drops the connection):

- single-write decisions, one action each on distinct targets (comments,
  action items, results, client statuses, goal values): the bound is ⌈100/10⌉ = 10;
- mixed kinds as a meeting makes them, where a postponement is a PUT then a
  comment and a goal update may be a value and a status: the bound is
  ⌈actions/10⌉, plus one partial batch per dependent stage.

Look-ups are compared with the creates whose answer was lost (each needs at
most one listing; creates on the same target share one); an unclear PUT or
goal value is idempotent and simply goes again in a later batch ("re-sent"). Catalogue GETs
(custom field and section gids, once per client project) are listed
apart: the cache does not keep those gids yet.

Run:  .venv/bin/python bench/bench_push.py [--latency 0.05]
"""

from __future__ import annotations

import argparse
import asyncio
import math
import random
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from podview.cache import open_cache
from podview.config import Config
from podview.decisions.common import rows
from podview.decisions.outbox import record
from podview.decisions.send import Sender
from podview.decisions.validate import validate
from podview.demo.generator import build_dump
from podview.sync.client import AsanaClient
from podview.sync.engine import SyncEngine
from tests.fake_asana import FakeAsana, Faults

TODAY = date(2026, 11, 25)
CONFIG = Config(timezone="America/New_York")
N = 100


def synced_cache(dump: dict, folder: Path) -> Path:
    """A cache synced from a fake serving `dump` (no latency: setup, not measured)."""
    path = folder / "synced.db"
    with FakeAsana(dump) as fake:

        async def go():
            async with AsanaClient(fake.token, url=fake.base_url) as client:
                await SyncEngine(client, path, CONFIG, today=TODAY).run(full=True, audit=False)

        asyncio.run(go())
    return path


def gids(db, sql: str) -> list[str]:
    return [row["gid"] for row in rows(db, sql)]


def single_writes(db) -> None:
    """100 decisions of one action each, on distinct targets so no two wait for each other."""
    tasks = gids(db, "SELECT gid FROM tasks ORDER BY gid")
    tactics = gids(db, "SELECT gid FROM tasks WHERE kind = 'tactic' AND client_gid != '1208400000001535' ORDER BY gid")
    clients = gids(db, "SELECT gid FROM clients ORDER BY gid")
    goals = gids(db, "SELECT gid FROM goals WHERE has_metric = 1 ORDER BY gid")
    plan = (
        [("status", {"client": c, "status": "on_track", "title": "Weekly", "text": f"Status {c}"}) for c in clients]
        + [("goal", {"goal": g, "current": "1"}) for g in goals]
        + [("result", {"task": t, "result": "win", "confidence": "97"}) for t in tactics[:20]]
        + [("action", {"client": clients[i % len(clients)], "name": f"Follow up {i}"}) for i in range(20)]
    )
    plan += [("comment", {"task": tasks[i], "text": f"Note {i}"}) for i in range(N - len(plan))]
    for kind, inputs in plan[:N]:
        record(db, validate(db, kind, inputs))


def mixed_kinds(db) -> None:
    """100 decisions as meetings make them: every kind, postponements and two-part goal updates included."""
    rng = random.Random(5)
    open_goals = gids(db, "SELECT gid FROM tasks WHERE kind = 'weekly_goal' AND completed = 0 AND due_on IS NOT NULL ORDER BY gid")
    tactics = gids(db, "SELECT gid FROM tasks WHERE kind = 'tactic' AND client_gid != '1208400000001535' ORDER BY gid")
    tasks = gids(db, "SELECT gid FROM tasks ORDER BY gid")
    clients = gids(db, "SELECT gid FROM clients ORDER BY gid")
    goals = gids(db, "SELECT gid FROM goals WHERE has_metric = 1 ORDER BY gid")
    for i in range(N):
        kind = ("comment", "postpone", "action", "result", "status", "goal")[i % 6]
        if kind == "comment":
            inputs = {"task": rng.choice(tasks), "text": f"Note {i}"}
        elif kind == "postpone":
            inputs = {"task": open_goals.pop(rng.randrange(len(open_goals))), "to": "2027-02-05", "reason": f"Reason {i}"}
        elif kind == "action":
            inputs = {"client": rng.choice(clients), "name": f"Action {i}"}
        elif kind == "result":
            inputs = {"task": tactics.pop(rng.randrange(len(tactics))), "result": "loss"}
        elif kind == "status":
            inputs = {"client": clients[i % len(clients)], "status": "at_risk", "title": "Watch", "text": f"Status {i}"}
        else:
            inputs = {"goal": goals[i % len(goals)], "current": str(i), "status": "on_track", "text": f"Goal {i}"}
        record(db, validate(db, kind, inputs))


def run(dump: dict, synced: Path, folder: Path, scenario, faults: Faults | None, latency: float) -> dict:
    """Push one scenario's 100 decisions; returns the counts the table prints."""
    path = folder / f"{scenario.__name__}-{bool(faults)}.db"
    shutil.copy(synced, path)
    db = open_cache(path)
    scenario(db)
    with FakeAsana(dump, latency=latency, seed=3) as fake:
        fake.faults = faults or Faults()

        async def go():
            async with AsanaClient(fake.token, url=fake.base_url, backoff=0.05, max_backoff=0.2) as client:
                return await Sender(db, client, CONFIG, pause=0.05, max_pause=0.2).push()

        started = time.monotonic()
        result = asyncio.run(go())
        seconds = time.monotonic() - started
        requests = fake.requests
    db.conn.close()
    stats = result.stats
    return {
        "sent": len(result.sent),
        "batch": sum(1 for r in requests if (r.method, r.path) == ("POST", "/batch")),
        "actions": stats.actions,
        "resent": stats.resent,
        "unclear": stats.unclear,
        "unclear_creates": stats.unclear_creates,
        "lookups": stats.lookups,
        "lookup_gets": sum(1 for r in requests if r.method == "GET" and ("/stories" in r.path or r.path in ("/status_updates", "/tasks"))),
        "catalogue": sum(1 for r in requests if r.method == "GET" and r.path.endswith(("/custom_field_settings", "/sections"))),
        "other": sum(1 for r in requests if r.method != "GET" and r.path != "/batch"),
        "rounds": stats.rounds,
        "seconds": seconds,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--latency", type=float, default=0.05, help="seconds the fake sleeps per request (default 0.05)")
    args = parser.parse_args()
    dump = build_dump(TODAY)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        synced = synced_cache(dump, folder)
        print(f"podview push: {N} pending decisions against the fake Asana at {args.latency * 1000:.0f} ms a request\n")
        header = (
            f"{'decisions':<16}{'faults':<13}{'sent':>5}{'batch calls':>13}{'bound':>14}{'actions':>9}{'re-sent':>9}"
            f"{'unclear':>9}{'of them creates':>17}{'look-ups':>10}{'catalogue':>11}{'other writes':>14}{'rounds':>8}{'time':>8}"
        )
        print(header)
        print("-" * len(header))
        for scenario, label in ((single_writes, "single-write"), (mixed_kinds, "mixed kinds")):
            for faults, name in ((None, "none"), (Faults(lost_response=0.3), "lost 30 %")):
                r = run(dump, synced, folder, scenario, faults, args.latency)
                first = r["actions"] - r["resent"]
                bound = f"⌈{N}/10⌉={math.ceil(N / 10)}" if scenario is single_writes else f"⌈{first}/10⌉={math.ceil(first / 10)}"
                print(
                    f"{label:<16}{name:<13}{r['sent']:>5}{r['batch']:>13}{bound:>14}{r['actions']:>9}{r['resent']:>9}"
                    f"{r['unclear']:>9}{r['unclear_creates']:>17}{r['lookups']:>10}{r['catalogue']:>11}{r['other']:>14}{r['rounds']:>8}{r['seconds']:>7.1f}s"
                )
        print(
            "\nbound: ⌈first-time actions/10⌉ batch calls; beyond it, each round adds at most one partial batch "
            "(a postponement's comment waits for its PUT), and lost answers add the re-sent actions. "
            "look-ups ≤ unclear creates (one listing per target; an unclear PUT or goal value is simply sent again). 'other writes' must be 0: every write goes through /batch."
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
