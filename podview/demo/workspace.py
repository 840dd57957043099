"""The workspace being written: the dump, its gids and random streams, and how a task is written.

Every part of the generator (teams, projects, weekly goals, tactics, goals,
specials) adds records to one AsanaDump, takes gids from one counter and
draws from the same two random streams, in a fixed order, so the same
arguments give the same JSON byte for byte. This is that shared state, with
the one way a task or weekly goal is written so each part shapes them alike.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from typing import Any

from podview.demo import records
from podview.demo.clock import Clock
from podview.demo.fields import WorkspaceFields
from podview.demo.habits import MEETING_KINDS, Staff
from podview.demo.model import FIELDS, SECTIONS, Client, norm
from podview.demo.names import AGENCY
from podview.demo.wording import CHANNELS, ELEMENTS, INDUSTRY, MONTHS, SEASONS, WEEKLY_GOALS
from podview.sync.dump import AsanaDump, Record


class Workspace(Clock):
    """The dump under construction, dated by the Clock it extends."""

    def __init__(self, today: date, seed: int) -> None:
        super().__init__(today, random.Random(seed))
        self.words = random.Random(seed * 7919 + 1)
        """Draws wording only, so month-dependent names can't shift the dates of a later `today`."""
        self.gid = records.Gids()
        self.dump: AsanaDump = {
            "workspace": {"gid": self.gid(), "name": AGENCY, "is_organization": True},
            "me": {},
            "teams": [],
            "team_users": {},
            "team_projects": {},
            "custom_field_settings": {},
            "sections": {},
            "tasks": {},
            "goals": {},
            "status_updates": {},
            "stories": {},
        }
        self.fields = WorkspaceFields(self.gid)
        self.staff = Staff(seed)

    def task(
        self,
        client: Client,
        name: str,
        *,
        kind: str | None,
        section: str,
        assignee: Record | None,
        created: datetime,
        completed: datetime | None,
        due: date | None,
        values: dict[str, Any] | None = None,
        parent: str | None = None,
        due_at: datetime | None = None,
        also: Client | None = None,
        touched: tuple[datetime, ...] = (),
        gid: str | None = None,
    ) -> Record:
        """A task in `client`'s project (and `also`'s), with an entry for every field they have."""
        values = dict(values or {})
        if kind is not None:
            values[FIELDS.type] = kind
        fields = client.fields if also is None else _union(client.fields, also.fields)
        memberships = [(client.ref, client.sections[section])]
        if also is not None:
            memberships.append((also.ref, also.sections[section]))
        record = records.task(
            gid or self.gid(),
            name,
            assignee=assignee,
            created_at=created,
            completed_at=completed,
            modified_at=self.modified(created, completed, *touched),
            due_on=due,
            due_at=due_at,
            memberships=memberships,
            parent=parent,
            custom_fields=[f.entry(values.get(f.name)) for f in fields],
        )
        self.dump["tasks"][client.gid].append(record)
        client.tasks.append(record)
        if also is not None:
            self.dump["tasks"][also.gid].append(record)
        return record

    def weekly_goal(
        self,
        client: Client,
        name: str,
        *,
        due: date | None,
        created: datetime,
        completed: datetime | None,
        assignee: Record | None | bool = True,
        original_due: date | None = None,
        reason: str | None = None,
        changes: tuple[tuple[datetime, date, date], ...] = (),
        habit: str | None = None,
        **extra: Any,
    ) -> Record:
        """A weekly goal with `Original due`, `Postpone reason` and a story per due-date change.

        With `habit` (how the goal went: habits.MEETING_KINDS, `postponed` or
        `moved`) the staff's habits pick its account manager, and an ordinary
        goal may have been set after Monday's meeting by a late planner. The
        coin toss for the manager is drawn either way, so habits shift no
        other draw.
        """
        client.names.add(norm(name))
        who = self.rng.choice(client.pod.managers) if assignee is True else assignee
        if assignee is True and habit is not None:
            who = self.staff.owner(client.pod, who, habit)
            if habit in MEETING_KINDS and due is not None:
                created = self.staff.set_on(who, created, completed, due - timedelta(days=due.weekday()), self.now)
        values = {FIELDS.original_due: original_due, FIELDS.postpone_reason: reason}
        record = self.task(
            client,
            name,
            kind=FIELDS.weekly_goal if client.plan.type_field else None,
            section=SECTIONS.weekly_goals,
            assignee=who,
            created=created,
            completed=completed,
            due=due,
            values=values,
            touched=tuple(moment for moment, _, _ in changes),
            **extra,
        )
        if changes:
            self.dump["stories"][record["gid"]] = [
                records.due_change(self.gid(), *change) for change in changes
            ]
        return record

    def goal_name(self, client: Client, day: date) -> str:
        """A goal name for the week of `day`, new in this client: only deliberate re-creations repeat."""
        for _ in range(30):
            name = self.fill(self.words.choice(WEEKLY_GOALS), client.plan.industry, day)
            if norm(name) not in client.names:
                return name
        number = 2
        while norm(f"{name} (part {number})") in client.names:
            number += 1
        return f"{name} (part {number})"

    def fill(self, template: str, industry: str, day: date | None = None, **fixed: Any) -> str:
        """A template with slots drawn from the industry; months follow `day` (default today)."""
        return template.format_map(
            _Slots(self.words, industry, month_index=(day or self.today).month - 1, **fixed)
        )


class _Slots(dict):
    """Template slots drawn only when a template uses them, so short templates cost few draws."""

    def __init__(self, rng: random.Random, industry: str, **fixed: Any) -> None:
        super().__init__(fixed)
        self.rng = rng
        self.pools = INDUSTRY[industry]

    def __missing__(self, key: str) -> Any:
        rng = self.rng
        if key in self.pools:
            value: Any = rng.choice(self.pools[key])
        elif key == "n":
            value = rng.randint(2, 5)
        elif key in ("channel", "channel2"):
            value = rng.choice([c for c in CHANNELS if c not in self.values()])
        elif key == "season":
            value = rng.choice(SEASONS[self["month_index"]])
        elif key == "last_month":
            value = MONTHS[self["month_index"] - 1]
        elif key == "month":
            value = MONTHS[self["month_index"]]
        elif key == "element":
            value = rng.choice(ELEMENTS)
        else:
            value = rng.choice(MONTHS)
        self[key] = value
        return value


def _union(
    first: tuple[records.Field, ...], second: tuple[records.Field, ...]
) -> tuple[records.Field, ...]:
    """The fields of two projects, each once: a multi-homed task shows every field of both."""
    seen = {f.gid for f in first}
    return first + tuple(f for f in second if f.gid not in seen)
