"""The demo agency's training: one project per pod, with modules, scores and a few overdue.

Each pod's team holds a "Training · …" project, so the demo also shows the
rule that a training project in a pod's team is never a client. Every pod
member is assigned the same modules; how many they pass, and how well, is
drawn per person, so the People report has scores to average, modules
overdue and one low scorer per pod. A module nobody is assigned and a
subtask (neither counts) are there too. Like every demo date, modules lie
in the demo's 16 weeks. It is built after every client, so no client
figure of the demo moves.
"""

from __future__ import annotations

from datetime import timedelta

from podview.demo import records
from podview.demo.model import FIELDS, Pod
from podview.demo.projects import Projects
from podview.demo.workspace import Workspace

MODULES = (
    ("Onboarding: the weekly goal rhythm", -15),
    ("Google Ads fundamentals", -9),
    ("Landing page CRO basics", -6),
    ("Client reporting that lands", -3),
    ("Meta Ads: advanced targeting", 0),
)
"""Each module's name and the week (from this one) its test is due by, on Friday; all within the demo's 16 weeks."""

SECTION = "Modules"


class Training:
    """Adds one training project per pod, with a shared `Score` number field."""

    def __init__(self, ws: Workspace, projects: Projects) -> None:
        self.ws = ws
        self.projects = projects
        self.score = records.Field(ws.gid(), FIELDS.score, "number")

    def for_pod(self, pod: Pod) -> None:
        """The pod's training project: each member's modules, one unassigned, one subtask."""
        ws = self.ws
        name = f"Training · {pod.team['name'].removeprefix('Pod ')} playbook"
        project = self.projects.side_project(pod, name, (self.score,), (SECTION,))
        people = (*pod.managers, pod.designer)
        low = ws.rng.randrange(len(people))
        for index, person in enumerate(people):
            diligence = ws.rng.uniform(0.55, 0.95)
            for module, week in MODULES:
                due = ws.current.shift(week).monday + timedelta(days=4)
                set_on = max(due - timedelta(days=28), ws.first.monday)
                created = ws.at(set_on, 9 * 60, 10 * 60)
                passed = due < ws.today and (week == MODULES[0][1] or ws.rng.random() < diligence)
                completed = None
                if passed:
                    early = ws.rng.randint(0, min(6, (due - set_on).days - 1))
                    completed = ws.at(due - timedelta(days=early), 11 * 60, 18 * 60)
                score = None
                if passed and ws.rng.random() < 0.85:
                    score = ws.rng.randint(52, 74) if index == low else ws.rng.randint(72, 99)
                task = ws.task(
                    project, module, kind=None, section=SECTION, assignee=person,
                    created=created, completed=completed, due=due, values={FIELDS.score: score},
                )
                if index == 0 and week == MODULES[1][1]:
                    ws.task(
                        project, "Quiz: bidding strategies", kind=None, section=SECTION, assignee=person,
                        created=created, completed=None, due=due, parent=task["gid"],
                    )
        ws.task(
            project, "Draft: TikTok ads basics", kind=None, section=SECTION, assignee=None,
            created=ws.at(ws.today - timedelta(days=10), 9 * 60, 17 * 60), completed=None,
            due=ws.current.shift(-1).monday,
        )
