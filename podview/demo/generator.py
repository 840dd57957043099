"""The demo agency: a whole Asana workspace built from a seed and a date.

`podview demo` and the bench run podview on this instead of a live account,
so it must look like what Asana really returns (records.py) and hold every
situation the figures have a rule for (cast.py says which client has which).
It is dated relative to `today` so the demo always looks current, and it uses
one `random.Random(seed)` and never the clock, so the same arguments give the
same JSON byte for byte.

This module only orders the work; each kind of record is made by its own
part (teams, projects, weekly, tactics, routine, goals, specials, training), all
writing into one Workspace. The order of the calls below is the order of the
random draws and gids, so changing it changes the demo.
"""

from __future__ import annotations

import math
from datetime import date

from podview.demo.cast import CAST, extra_names, random_plan
from podview.demo.goals import Goals
from podview.demo.model import DEMO_TIMEZONE, Client, ClientPlan, Pod
from podview.demo.projects import Projects
from podview.demo.routine import Routine
from podview.demo.specials import Specials
from podview.demo.tactics import Tactics
from podview.demo.teams import Teams
from podview.demo.training import Training
from podview.demo.weekly import WeeklyGoals
from podview.demo.workspace import Workspace
from podview.sync.dump import AsanaDump

__all__ = ["DEMO_TIMEZONE", "Agency", "build_dump"]


def build_dump(
    today: date, *, clients: int = 16, seed: int = 2026, tasks_per_client: int | None = None
) -> AsanaDump:
    """The demo workspace as of `today`: `clients` client projects in pods of four.

    The first sixteen clients are the hand-written cast (cast.py); more are
    drawn at random. `tasks_per_client` pads each client project with ordinary
    tasks up to that many top-level tasks (for the bench); None keeps the
    natural 60–90.
    """
    return Agency(today, seed).build(clients, tasks_per_client)


class Agency:
    """Builds one AsanaDump by calling the parts in a fixed order."""

    def __init__(self, today: date, seed: int) -> None:
        self.ws = Workspace(today, seed)
        self.projects = Projects(self.ws)
        self.teams = Teams(self.ws, self.projects)
        self.weekly = WeeklyGoals(self.ws)
        self.tactics = Tactics(self.ws)
        self.routine = Routine(self.ws)
        self.goals = Goals(self.ws)
        self.specials = Specials(self.ws, self.weekly, self.goals)

    def build(self, count: int, tasks_per_client: int | None) -> AsanaDump:
        """Pods, the non-pod teams, the clients, their work, padding to the asked size, then training.

        Training comes last so that its draws and gids move no client figure.
        """
        ws = self.ws
        pods = [self.teams.pod(index) for index in range(max(1, math.ceil(count / 4)))]
        self.teams.other_teams()
        clients = [
            self._client(plan, pods[index // 4]) for index, plan in enumerate(self._plans(count))
        ]
        self.projects.internal_project(pods[0])
        self.projects.archived_project(pods[min(1, len(pods) - 1)])
        if len(clients) > 5:
            self.specials.across(clients[4], clients[5])
        for client in clients:
            top_level = sum(1 for task in client.tasks if task["parent"] is None)
            natural = max(top_level + 4, ws.rng.randint(62, 88))
            self.routine.filler(
                client,
                max(0, (natural if tasks_per_client is None else tasks_per_client) - top_level),
            )
        training = Training(ws, self.projects)
        for pod in pods:
            training.for_pod(pod)
        ws.dump["teams"].sort(key=lambda team: (team["name"].casefold(), team["gid"]))
        return ws.dump

    def _plans(self, count: int) -> list[ClientPlan]:
        """The cast first, then random clients with generated names."""
        plans = list(CAST[:count])
        for name, industry in extra_names(max(0, count - len(CAST)), self.ws.rng):
            plans.append(random_plan(name, industry, self.ws.rng))
        return plans

    def _client(self, plan: ClientPlan, pod: Pod) -> Client:
        """One client project with its weekly goals, tactics, action items, goals and statuses."""
        client = self.projects.client(plan, pod)
        for special in plan.specials:
            getattr(self.specials, special)(client)
        self.weekly.postponements(client)
        self.weekly.silent_moves(client)
        self.weekly.for_client(client)
        self.tactics.for_client(client)
        self.routine.action_items(client)
        self.goals.for_client(client)
        self.projects.statuses(client)
        return client
