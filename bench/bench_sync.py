"""Benchmark `podview sync` against the fake Asana: 160 clients, ~50,000 tasks, 50 ms per request.

Measured in one run, each beside its baseline:
- requests of a full sync vs the minimum (Σ ⌈items/100⌉ over the lists read, plus the fixed calls);
- full sync wall time vs a sequential sync written with the official `asana` Python SDK doing the same reads;
- an incremental sync with nothing changed: requests (≤ one per client project + fixed calls) and time vs the full sync;
- peak memory (max RSS) of the `podview sync --full` process.

The fake runs in its own process, so podview's memory is measured alone.
Run:  .venv/bin/python bench/bench_sync.py [--clients 160] [--latency 0.05] [--skip-sdk]
Needs the `asana` package for the baseline (pip install asana).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TODAY = date(2026, 11, 25)
TOKEN = "bench-token"


def serve(clients: int, latency: float) -> None:
    """Child process: serve the generated agency until stdin closes; print the URL, then request counts on demand."""
    sys.path.insert(0, str(ROOT))
    from podview.demo.generator import build_dump
    from tests.fake_asana import FakeAsana

    dump = build_dump(TODAY, clients=clients, tasks_per_client=310)
    fake = FakeAsana(dump, token=TOKEN, latency=latency)
    print(json.dumps({"url": fake.start(), "minimum": minimum_requests(dump)}), flush=True)
    for line in sys.stdin:
        if line.strip() == "count":
            print(json.dumps({"requests": fake.request_count(), "max_in_flight": fake.max_in_flight}), flush=True)
            fake.reset_log()
            fake.max_in_flight = 0
    fake.stop()


def minimum_requests(dump: dict) -> int:
    """The fewest requests that read what a full sync reads: one per page of 100, plus the fixed calls."""
    from podview.config import Config
    from podview.sync.mapper import Mapper

    mapper = Mapper(Config())
    cutoff = (datetime.combine(TODAY - timedelta(weeks=16), datetime.min.time(), tzinfo=UTC)
              .isoformat(timespec="milliseconds").replace("+00:00", "Z"))
    pages = lambda n: max(1, math.ceil(n / 100))
    pods = [t for t in dump["teams"] if mapper.is_pod(t)]
    total = 1 + pages(len(dump["teams"]))  # /users/me, the teams
    for team in pods:
        projects = [p for p in dump["team_projects"][team["gid"]] if not p.get("archived")]
        total += 1 + pages(len(projects))  # members (unpaginated), projects
        for project in projects:
            if not mapper.is_client(project):
                continue
            listed = [t for t in dump["tasks"][project["gid"]] if not t.get("completed") or (t.get("completed_at") or "") >= cutoff]
            total += 1  # events sync token
            total += pages(len(listed)) + pages(len(dump["goals"][project["gid"]])) + 1  # tasks, goals, newest status updates
    return total


class Fake:
    """The fake Asana in a child process."""

    def __init__(self, clients: int, latency: float) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, __file__, "--serve", "--clients", str(clients), "--latency", str(latency)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT,
        )
        info = json.loads(self.proc.stdout.readline())
        self.url, self.minimum = info["url"], info["minimum"]

    def count(self) -> dict:
        self.proc.stdin.write("count\n")
        self.proc.stdin.flush()
        return json.loads(self.proc.stdout.readline())

    def close(self) -> None:
        self.proc.stdin.close()
        self.proc.wait(timeout=30)


def podview_sync(fake: Fake, workdir: Path, *flags: str) -> float:
    env = dict(os.environ, ASANA_TOKEN=TOKEN, PODVIEW_ASANA_URL=fake.url, PODVIEW_DB=str(workdir / "cache.db"),
               PODVIEW_CONFIG=str(workdir / "config.toml"), PODVIEW_TODAY=TODAY.isoformat())
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "podview", "sync", *flags], env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def sdk_sync(fake: Fake) -> float:
    """What a user reaches for: the official SDK, one request after another, the same reads."""
    import asana

    from podview.sync import dump as fields

    configuration = asana.Configuration()
    configuration.access_token = TOKEN
    configuration.host = fake.url
    client = asana.ApiClient(configuration)
    users, teams, projects = asana.UsersApi(client), asana.TeamsApi(client), asana.ProjectsApi(client)
    tasks, goals, statuses, events = asana.TasksApi(client), asana.GoalsApi(client), asana.StatusUpdatesApi(client), asana.EventsApi(client)
    cutoff = (datetime.combine(TODAY - timedelta(weeks=16), datetime.min.time(), tzinfo=UTC)
              .isoformat(timespec="milliseconds").replace("+00:00", "Z"))
    start = time.perf_counter()
    me = users.get_user("me", {"opt_fields": "name,workspaces.name"})
    workspace = me["workspaces"][0]["gid"]
    for team in teams.get_teams_for_workspace(workspace, {"opt_fields": ",".join(fields.TEAM_FIELDS), "limit": 100}):
        if not team["name"].startswith("Pod "):
            continue
        users.get_users_for_team(team["gid"], {"opt_fields": ",".join(fields.USER_FIELDS)})
        for project in projects.get_projects_for_team(team["gid"], {"archived": "false", "opt_fields": ",".join(fields.PROJECT_FIELDS), "limit": 100}):
            if project["name"].lower().startswith("[internal]"):
                continue
            try:
                events.get_events(project["gid"], {})
            except asana.rest.ApiException:
                pass
            list(tasks.get_tasks_for_project(project["gid"], {"completed_since": cutoff, "opt_fields": ",".join(fields.TASK_FIELDS), "limit": 100}))
            list(goals.get_goals({"project": project["gid"], "opt_fields": ",".join(fields.GOAL_FIELDS), "limit": 100}))
            list(statuses.get_statuses_for_object(project["gid"], {"opt_fields": ",".join(fields.STATUS_UPDATE_FIELDS), "limit": 100}))
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=160)
    parser.add_argument("--latency", type=float, default=0.05)
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--skip-sdk", action="store_true", help="do not run the SDK baseline")
    args = parser.parse_args()
    if args.serve:
        serve(args.clients, args.latency)
        return

    work = Path(tempfile.mkdtemp(prefix="podview-bench-sync-"))
    (work / "config.toml").write_text('timezone = "America/New_York"\n')
    fake = Fake(args.clients, args.latency)
    try:
        full = podview_sync(fake, work, "--full")
        full_counts = fake.count()
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        incremental = podview_sync(fake, work)
        incremental_counts = fake.count()
        sdk = None if args.skip_sdk else sdk_sync(fake)
        sdk_counts = fake.count()
    finally:
        fake.close()

    print(f"agency: {args.clients} clients, latency {args.latency * 1000:.0f} ms per request")
    print(f"full sync: {full:.2f} s, {full_counts['requests']} requests (minimum {fake.minimum}, "
          f"ratio {full_counts['requests'] / fake.minimum:.3f}, target ≤ 1.1), at most {full_counts['max_in_flight']} in flight")
    if sdk is not None:
        print(f"official asana SDK, sequential, same reads: {sdk:.2f} s, {sdk_counts['requests']} requests; "
              f"podview/SDK = {full / sdk:.3f} (target ≤ 0.2)")
    print(f"incremental, nothing changed: {incremental:.2f} s, {incremental_counts['requests']} requests "
          f"({args.clients} client projects); incremental/full = {incremental / full:.3f} (target ≤ 0.1)")
    print(f"peak memory of `podview sync --full`: {peak_mb:.0f} MB (target ≤ 300 MB)")


if __name__ == "__main__":
    main()
