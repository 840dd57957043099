"""The demo agency's training: one project per pod, with modules, scores and a few overdue.

Each pod's team holds a "Training · …" project, so the demo also shows the
rule that a training project in a pod's team is never a client. Every pod
member is assigned the same modules; how many they have left undone past
their due date, and their range of scores, are their habit (habits.py), so
the People report shows who is behind and who scores low. A module nobody is assigned and a
subtask (neither counts) are there too. Like every demo date, modules lie
in the demo's 16 weeks. It is built after every client, so no client
figure of the demo moves. The projects carry the `Type` field (empty on
modules), so a training reminder sent from the demo is typed as an action
item and never read back as a module.
"""

from __future__ import annotations

from datetime import date, timedelta

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
        project = self.projects.side_project(pod, name, (ws.fields.type_field, self.score), (SECTION,))
        for person in (*pod.managers, pod.designer):
            habit = ws.staff.of(person)
            past = [week for _, week in MODULES if self._due(week) < ws.today]
            undone = set(past[len(past) - habit.behind :]) if habit.behind else set()
            for module, week in MODULES:
                due = self._due(week)
                set_on = max(due - timedelta(days=28), ws.first.monday)
                created = ws.at(set_on, 9 * 60, 10 * 60)
                passed = due < ws.today and week not in undone
                completed = None
                if passed:
                    early = ws.rng.randint(0, min(6, (due - set_on).days - 1))
                    completed = ws.at(due - timedelta(days=early), 11 * 60, 18 * 60)
                score = None
                if passed and ws.rng.random() < 0.85:
                    score = ws.rng.randint(*habit.scores)
                task = ws.task(
                    project, module, kind=None, section=SECTION, assignee=person,
                    created=created, completed=completed, due=due, values={FIELDS.score: score},
                )
                if person is pod.managers[0] and week == MODULES[1][1]:
                    ws.task(
                        project, "Quiz: bidding strategies", kind=None, section=SECTION, assignee=person,
                        created=created, completed=None, due=due, parent=task["gid"],
                    )
        ws.task(
            project, "Draft: TikTok ads basics", kind=None, section=SECTION, assignee=None,
            created=ws.at(ws.today - timedelta(days=10), 9 * 60, 17 * 60), completed=None,
            due=ws.current.shift(-1).monday,
        )

    def _due(self, week: int) -> date:
        """A module's test is due on the Friday of its week."""
        return self.ws.current.shift(week).monday + timedelta(days=4)
