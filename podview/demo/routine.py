"""The rest of a client project: action items from meetings and the ordinary tasks around the goals.

Most tasks in a real client project are neither weekly goals nor tactics
(meeting notes, reports, QA), and podview must pass them by; action items
are filed where podview files the decisions it records. Both are here so the
figures are tested against a project that looks lived in, and so the bench
can pad projects to a given size with the same kind of tasks.
"""

from __future__ import annotations

from datetime import timedelta

from podview.demo.model import FIELDS, SECTIONS, WEEKS, Client
from podview.demo.wording import ACTION_ITEMS, FILLER
from podview.demo.workspace import Workspace


class Routine:
    """Adds action items and filler tasks to client projects."""

    def __init__(self, ws: Workspace) -> None:
        self.ws = ws

    def action_items(self, client: Client) -> None:
        """A few decisions from recent meetings, filed where podview files them."""
        ws = self.ws
        rng = ws.rng
        section = SECTIONS.action_items if SECTIONS.action_items in client.sections else "Backlog"
        kind = FIELDS.action_item if client.plan.type_field else None
        for _ in range(rng.randint(2, 4)):
            k = rng.randint(max(client.start, WEEKS - 6), WEEKS - 1)
            created = ws.at(ws.first.shift(k).monday, 10 * 60, 11 * 60 + 30)
            due = min(created.date() + timedelta(days=rng.randint(3, 10)), ws.current.sunday)
            done = due < ws.today and rng.random() < 0.7
            ws.task(
                client,
                ws.fill(ws.words.choice(ACTION_ITEMS), client.plan.industry, due),
                kind=kind,
                section=section,
                assignee=rng.choice(client.pod.managers),
                created=created,
                due=due,
                completed=ws.after(created, due + timedelta(days=2)) if done else None,
            )

    def filler(self, client: Client, count: int) -> None:
        """Ordinary tasks with no `Type`: meeting notes, reports, QA — most of a real project."""
        ws = self.ws
        rng = ws.rng
        first = ws.first.shift(client.start).monday
        span = (ws.today - first).days
        people = (*client.pod.managers, client.pod.designer)
        for _ in range(count):
            section, template = rng.choice(FILLER)
            created = ws.at(first + timedelta(days=rng.randint(0, span)), 8 * 60, 18 * 60)
            day = created.date()
            name = ws.fill(template, client.plan.industry, day, date=day.isoformat())
            due = (
                min(day + timedelta(days=rng.randint(1, 14)), ws.current.sunday)
                if rng.random() < 0.5
                else None
            )
            completed = ws.after(created, day + timedelta(days=10)) if rng.random() < 0.6 else None
            assignee = None if rng.random() < 0.03 else rng.choice(people)
            ws.task(
                client,
                name,
                kind=None,
                section=section,
                assignee=assignee,
                created=created,
                completed=completed,
                due=due,
            )
