"""The demo agency: a whole Asana workspace built from a seed and a date.

`podview demo` and the bench run podview on this instead of a live account,
so it must look like what Asana really returns (records.py) and hold every
situation the figures have a rule for (cast.py says which client has which).
It is dated relative to `today` so the demo always looks current, and it uses
one `random.Random(seed)` and never the clock, so the same arguments give the
same JSON byte for byte.
"""

from __future__ import annotations

import math
import random
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from podview.config import FieldsConfig, SectionsConfig
from podview.dates import Week, months_days
from podview.demo import records
from podview.demo.cast import CAST, ClientPlan, extra_names, random_plan
from podview.demo.goals import Goals
from podview.demo.names import (
    AGENCY,
    DOMAIN,
    FIRST_NAMES,
    LAST_NAMES,
    LEADERSHIP,
    ME,
    POD_NAMES,
    POD_PEOPLE,
    PODCAST_PEOPLE,
)
from podview.demo.specials import Specials
from podview.demo.wording import (
    ACTION_ITEMS,
    CHANNELS,
    ELEMENTS,
    FILLER,
    INDUSTRY,
    MONTHS,
    POSTPONE_REASONS,
    PROJECT_STATUS_TEXT,
    SEASONS,
    TACTIC_KINDS,
    TACTICS,
    TESTED_KINDS,
    WEEKLY_GOALS,
)
from podview.sync.dump import AsanaDump, Record

DEMO_TIMEZONE = "America/New_York"
"""The demo agency's zone: run figures on the demo with this `timezone` to see them as intended."""
ZONE = ZoneInfo(DEMO_TIMEZONE)
WEEKS = 16
"""Weeks of history, the last one being today's week (podview's default lookback)."""
LAST_FOUR = range(WEEKS - 5, WEEKS - 1)
"""Indexes of the four ended weeks before today's week, the risk ranking's "last 4 weeks"."""
NOW = time(12, 0)
"""The demo is a snapshot taken at noon local time on `today`."""

FIELDS = FieldsConfig()
SECTIONS = SectionsConfig()
CLIENT_SECTIONS = (
    SECTIONS.weekly_goals,
    SECTIONS.tactics,
    SECTIONS.action_items,
    "Reporting",
    "Backlog",
)


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


@dataclass
class Pod:
    """A pod team with its two account managers and its designer."""

    team: Record
    managers: tuple[Record, Record]
    designer: Record


@dataclass
class Client:
    """A client project being filled, with what the generator needs to remember about it."""

    plan: ClientPlan
    project: Record
    pod: Pod
    fields: tuple[records.Field, ...]
    sections: dict[str, Record]
    start: int
    """Index of the first week the agency worked for the client (0 unless signed recently)."""
    hit_chance: float
    tasks: list[Record] = field(default_factory=list)
    names: set[str] = field(default_factory=set)
    """Normalized weekly goal names used so far, so only deliberate re-creations repeat one."""
    fixed_tactics: list[dict[str, Any]] = field(default_factory=list)
    """Tactics placed by a special, kept out of the result shuffling that sets loss streaks."""
    optimistic: bool = False
    """Goal owners report green on goals that are off track."""

    @property
    def gid(self) -> str:
        return self.project["gid"]

    @property
    def ref(self) -> Record:
        return records.ref(self.project)


def norm(name: str) -> str:
    """Trimmed, casefolded, whitespace collapsed: how conventions.md compares goal names."""
    return " ".join(name.casefold().split())


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


class Agency:
    """Builds one AsanaDump; each method adds one kind of thing and says why it looks that way."""

    def __init__(self, today: date, seed: int) -> None:
        self.today = today
        self.rng = random.Random(seed)
        self.words = random.Random(seed * 7919 + 1)
        """Draws wording only, so month-dependent names can't shift the dates of a later `today`."""
        self.gid = records.Gids()
        self.current = Week.of(today)
        self.first = self.current.shift(-(WEEKS - 1))
        self.now = datetime.combine(today, NOW, ZONE)
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
        self.emails: set[str] = set()
        self._make_fields()
        self.goals = Goals(self)
        self.specials = Specials(self)

    # --- the agency's frame -------------------------------------------------

    def build(self, count: int, tasks_per_client: int | None) -> AsanaDump:
        """Pods, the non-pod teams, the clients, their work, then padding to the asked size."""
        pods = [self._pod(index) for index in range(max(1, math.ceil(count / 4)))]
        self._other_teams()
        clients = [
            self._client(plan, pods[index // 4]) for index, plan in enumerate(self._plans(count))
        ]
        self._internal_project(pods[0])
        self._archived_project(pods[min(1, len(pods) - 1)])
        if len(clients) > 5:
            self.specials.across(clients[4], clients[5])
        for client in clients:
            top_level = sum(1 for task in client.tasks if task["parent"] is None)
            natural = max(top_level + 4, self.rng.randint(62, 88))
            self._filler(
                client,
                max(0, (natural if tasks_per_client is None else tasks_per_client) - top_level),
            )
        self.dump["teams"].sort(key=lambda team: (team["name"].casefold(), team["gid"]))
        return self.dump

    def _plans(self, count: int) -> list[ClientPlan]:
        """The cast first, then random clients with generated names."""
        plans = list(CAST[:count])
        for name, industry in extra_names(max(0, count - len(CAST)), self.rng):
            plans.append(random_plan(name, industry, self.rng))
        return plans

    def _make_fields(self) -> None:
        """The workspace's custom fields, named as podview's defaults expect (config.py)."""
        gids = self.gid
        self.type_field = records.enum_field(
            gids,
            FIELDS.type,
            (FIELDS.weekly_goal, FIELDS.tactic_option, FIELDS.action_item, "Rock"),
            disabled=("Rock",),
        )
        self.tactic_field = records.enum_field(
            gids, FIELDS.tactic, (*TACTIC_KINDS, "SEO"), disabled=("SEO",)
        )
        self.tactic_text = records.Field(gids(), FIELDS.tactic, "text")
        self.result_field = records.enum_field(
            gids, FIELDS.result, (FIELDS.win, FIELDS.loss, FIELDS.inconclusive)
        )
        self.confidence_field = records.Field(gids(), FIELDS.confidence, "number", precision=1)
        self.original_due = records.Field(gids(), FIELDS.original_due, "date")
        self.postpone_reason = records.Field(gids(), FIELDS.postpone_reason, "text")
        self.project_fields = (
            records.Field(gids(), FIELDS.mrr, "number"),
            records.Field(gids(), FIELDS.client_since, "date"),
            records.Field(gids(), FIELDS.monthly_budget, "number"),
            records.Field(gids(), FIELDS.spend_mtd, "number", precision=2),
            records.Field(gids(), FIELDS.cpa, "number", precision=2),
            records.Field(gids(), FIELDS.target_cpa, "number", precision=2),
        )

    def _user(self, name: str) -> Record:
        """A user with a `first.last@` address, ASCII-folded as mail systems do."""
        first, _, last = name.partition(" ")
        local = f"{_ascii(first)}.{_ascii(last)}"
        email = f"{local}@{DOMAIN}"
        suffix = 2
        while email in self.emails:
            email = f"{local}{suffix}@{DOMAIN}"
            suffix += 1
        self.emails.add(email)
        return {"gid": self.gid(), "name": name, "email": email}

    def _random_person(self) -> str:
        return f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}"

    def _team(self, name: str, people: list[Record]) -> Record:
        team = {"gid": self.gid(), "name": name}
        self.dump["teams"].append(team)
        self.dump["team_users"][team["gid"]] = people
        self.dump["team_projects"][team["gid"]] = []
        return team

    def _pod(self, index: int) -> Pod:
        """Pod teams are named `Pod <word>` so the default pattern `^Pod\\b` finds them."""
        rounds, word = divmod(index, len(POD_NAMES))
        name = f"Pod {POD_NAMES[word]}" + (f" {rounds + 1}" if rounds else "")
        names = (
            POD_PEOPLE[index]
            if index < len(POD_PEOPLE)
            else tuple(self._random_person() for _ in range(3))
        )
        people = [self._user(person) for person in names]
        return Pod(self._team(name, people), (people[0], people[1]), people[2])

    def _other_teams(self) -> None:
        """Teams that are not pods: Leadership, and Podcast Studio, which `^Pod\\b` must not match."""
        people = [self._user(name) for name in LEADERSHIP]
        self.dump["me"] = dict(people[LEADERSHIP.index(ME)])
        leadership = Pod(self._team("Leadership", people), (people[0], people[1]), people[0])
        host = self._user(PODCAST_PEOPLE[0])
        podcast = Pod(self._team("Podcast Studio", [host]), (host, host), host)
        scorecard = self._side_project(
            leadership, "Agency scorecard", (self.type_field,), ("Weekly goals", "Hiring")
        )
        self._side_task(
            scorecard, "Close two new retainers", "Weekly goals", people[1], FIELDS.weekly_goal, 0
        )
        self._side_task(
            scorecard,
            "Review pod hit rates with leads",
            "Weekly goals",
            people[0],
            FIELDS.weekly_goal,
            -1,
        )
        self._side_task(scorecard, "Post the senior designer role", "Hiring", people[0], None, -3)
        episodes = self._side_project(podcast, "Season 3 episodes", (), ("Episodes",))
        self._side_task(
            episodes, "Record episode 12 with a client founder", "Episodes", host, None, -2
        )

    # --- projects -----------------------------------------------------------

    def _project(
        self,
        team: Record,
        name: str,
        fields: tuple[records.Field, ...],
        sections: tuple[str, ...],
        *,
        archived: bool = False,
        facts: list[Record] | None = None,
    ) -> tuple[Record, dict[str, Record]]:
        """A project record plus its settings and sections, registered under its team."""
        gid = self.gid()
        project = {
            "gid": gid,
            "name": name,
            "archived": archived,
            "modified_at": records.stamp(self.now - timedelta(minutes=self.rng.randint(5, 600))),
            "team": records.ref(team),
            "custom_fields": facts or [],
            "current_status_update": None,
            "custom_field_settings": [f.setting(self.gid()) for f in fields],
        }
        self.dump["team_projects"][team["gid"]].append(project)
        self.dump["custom_field_settings"][gid] = project["custom_field_settings"]
        section_records = {section: {"gid": self.gid(), "name": section} for section in sections}
        self.dump["sections"][gid] = list(section_records.values())
        for key in ("tasks", "goals", "status_updates"):
            self.dump[key][gid] = []
        return project, section_records

    def _side_project(
        self, pod: Pod, name: str, fields: tuple[records.Field, ...], sections: tuple[str, ...]
    ) -> Client:
        """A project podview must skip; built as a Client so its tasks are shaped the same way."""
        plan = ClientPlan(name, "saas", None, 0, None, None, None, (), "steady", ())
        project, section_records = self._project(pod.team, name, fields, sections)
        return Client(plan, project, pod, fields, section_records, 0, 1.0)

    def _side_task(
        self, where: Client, name: str, section: str, who: Record, kind: str | None, week: int
    ) -> None:
        monday = self.current.shift(week).monday
        created = self.at(monday, 9 * 60, 11 * 60)
        self.task(
            where,
            name,
            kind=kind,
            section=section,
            assignee=who,
            created=created,
            due=monday + timedelta(days=4),
            completed=None,
        )

    def _client(self, plan: ClientPlan, pod: Pod) -> Client:
        """One client project with its weekly goals, tactics, action items, goals and statuses."""
        fields = self._client_fields(plan)
        sections = (
            CLIENT_SECTIONS
            if plan.action_section
            else tuple(s for s in CLIENT_SECTIONS if s != SECTIONS.action_items)
        )
        project, section_records = self._project(
            pod.team, plan.name, fields, sections, facts=self._facts(plan)
        )
        since = self.today - timedelta(days=plan.since_days)
        start = min(WEEKS - 1, max(0, ((since - self.first.monday).days + 6) // 7))
        hit_chance = {"steady": 0.85, "struggling": 0.5}.get(plan.hitting) or self.rng.uniform(
            0.45, 0.95
        )
        client = Client(plan, project, pod, fields, section_records, start, hit_chance)
        for special in plan.specials:
            getattr(self.specials, special)(client)
        self._postponements(client)
        self._silent_moves(client)
        self._weekly_goals(client)
        self._tactics(client)
        self._action_items(client)
        self.goals.for_client(client)
        self._statuses(client)
        return client

    def _client_fields(self, plan: ClientPlan) -> tuple[records.Field, ...]:
        """Task fields of a client project; one client lacks `Type`, one has a text `Tactic`."""
        tactic = self.tactic_text if plan.text_tactic else self.tactic_field
        fields = (
            self.type_field,
            tactic,
            self.result_field,
            self.confidence_field,
            self.original_due,
            self.postpone_reason,
        )
        return fields if plan.type_field else fields[1:]

    def _facts(self, plan: ClientPlan) -> list[Record]:
        """The client facts; spend is set against the month's pace so some clients are off it."""
        rng = self.rng
        expected = (
            None if plan.budget is None else plan.budget * self.today.day / months_days(self.today)
        )
        factor = {
            "on": rng.uniform(0.93, 1.07),
            "over": rng.uniform(1.3, 1.5),
            "under": rng.uniform(0.5, 0.7),
        }
        if plan.spend is None:
            spend = None
        elif expected is None:
            spend = round(rng.uniform(1000, 5000), 2)
        else:
            spend = round(expected * factor[plan.spend], 2)
        target = round(rng.uniform(35, 180), 2)
        cpa = None if plan.cpa_ratio is None else round(target * plan.cpa_ratio, 2)
        values = (
            None if plan.mrr is None else int(plan.mrr),
            self.today - timedelta(days=plan.since_days),
            None if plan.budget is None else int(plan.budget),
            spend,
            cpa,
            target,
        )
        return [f.entry(value) for f, value in zip(self.project_fields, values, strict=True)]

    def _internal_project(self, pod: Pod) -> None:
        """`[internal] Pod ops`: typed like a client, holds a weekly goal, and must be skipped."""
        ops = self._side_project(
            pod,
            "[internal] Pod ops",
            (self.type_field, self.original_due, self.postpone_reason),
            ("Weekly goals", "Ops"),
        )
        self._side_task(
            ops, "Hire a second designer", "Weekly goals", pod.managers[0], FIELDS.weekly_goal, 0
        )
        self._side_task(
            ops, "Plan the pod offsite", "Weekly goals", pod.managers[1], FIELDS.weekly_goal, -1
        )
        self._side_task(ops, "Update the pod SOP doc", "Ops", pod.designer, None, -2)

    def _archived_project(self, pod: Pod) -> None:
        """A churned client, archived, with a few missed goals that must not count anywhere."""
        plan = ClientPlan(
            "Oldfield Plumbing & Heating",
            "home",
            3000,
            900,
            5000,
            "on",
            1.0,
            ("complete",),
            "struggling",
            (),
        )
        fields = self._client_fields(plan)
        project, sections = self._project(
            pod.team, plan.name, fields, CLIENT_SECTIONS, archived=True, facts=self._facts(plan)
        )
        project["modified_at"] = records.stamp(self.at(self.first.shift(3).monday, 9 * 60, 17 * 60))
        client = Client(plan, project, pod, fields, sections, 0, 0.0)
        for k in range(3):
            week = self.first.shift(k)
            self.weekly_goal(
                client,
                self.goal_name(client, week.monday),
                due=week.monday + timedelta(days=4),
                created=self.created_for(client, k),
                completed=None,
            )
        self._status(client, "complete", self.first.shift(3).monday)

    # --- tasks --------------------------------------------------------------

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
        **extra: Any,
    ) -> Record:
        """A weekly goal with `Original due`, `Postpone reason` and a story per due-date change."""
        client.names.add(norm(name))
        who = self.rng.choice(client.pod.managers) if assignee is True else assignee
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

    # --- time ---------------------------------------------------------------

    def at(self, day: date, first_minute: int, last_minute: int) -> datetime:
        """A local moment on `day`; on today it stays before noon, when the demo is taken."""
        if day >= self.today:
            day = self.today
            last_minute = min(last_minute, NOW.hour * 60 - 30)
            first_minute = min(first_minute, last_minute)
        minute = self.rng.randint(first_minute, last_minute)
        return datetime.combine(day, time(minute // 60, minute % 60), ZONE)

    def after(self, start: datetime, last_day: date) -> datetime:
        """A working-hours moment after `start`, on or before `last_day`, never after now."""
        first = start.date()
        days = max(0, (min(last_day, self.today) - first).days)
        day = first + timedelta(days=self.rng.randint(0, days))
        if day.weekday() > 4 and day - timedelta(days=day.weekday() - 4) >= first:
            day -= timedelta(days=day.weekday() - 4)
        moment = self.at(day, 9 * 60, 18 * 60 + 30)
        moment = max(moment, start + timedelta(minutes=self.rng.randint(15, 90)))
        return min(moment, self.now)

    def modified(self, *moments: datetime | None) -> datetime:
        """`modified_at`: a little after the last thing that happened to a task, never after now."""
        latest = max(moment for moment in moments if moment is not None)
        return min(latest + timedelta(minutes=self.rng.randint(0, 2880)), self.now)

    def created_for(self, client: Client, k: int) -> datetime:
        """Weekly goals are set at Monday's pod meeting, some on the Friday before."""
        monday = self.first.shift(k).monday
        if k > client.start and self.rng.random() < 0.2:
            return self.at(monday - timedelta(days=3), 14 * 60, 17 * 60 + 30)
        return self.at(monday, 9 * 60, 11 * 60 + 30)

    def completion(self, outcome: str, start: datetime, due: date, week: Week) -> datetime | None:
        """When a goal with `outcome` in `week` was completed, or None when it wasn't."""
        if outcome == "hit":
            if week.has_ended(self.today) and self.rng.random() < 0.06:
                return self.at(week.sunday, 21 * 60, 23 * 60 + 50)
            earliest = min(due - timedelta(days=2), self.today)
            return self.after(max(start, datetime.combine(earliest, time(8), ZONE)), due)
        if outcome == "late":
            monday = week.sunday + timedelta(days=1)
            return self.after(datetime.combine(monday, time(8), ZONE), monday + timedelta(days=4))
        return None

    # --- weekly goals -------------------------------------------------------

    def _weekly_goals(self, client: Client) -> None:
        """2–5 goals a week, due Wednesday to Friday, with a hit/late/missed mix set by the plan."""
        for k in range(client.start, WEEKS):
            week = self.first.shift(k)
            for outcome in self._outcomes(client, k, self.rng.choice((2, 2, 3, 3, 3, 4, 5))):
                due = week.monday + timedelta(days=self.rng.choice((2, 3, 4, 4, 4)))
                created = self.created_for(client, k)
                self.weekly_goal(
                    client,
                    self.goal_name(client, due),
                    due=due,
                    created=created,
                    completed=self.completion(outcome, created, due, week),
                )

    def _outcomes(self, client: Client, k: int, count: int) -> list[str]:
        """Outcomes for one week; in the last four ended weeks steady is ≥ 80 % hit, struggling ≤ 40 %."""
        rng = self.rng
        if k == WEEKS - 1:
            chance = 0.1 + 0.12 * self.today.weekday()
            return ["hit" if rng.random() < chance else "open" for _ in range(count)]
        hitting = client.plan.hitting
        if k in LAST_FOUR and hitting != "random":
            misses = rng.randint(0, count // 5) if hitting == "steady" else math.ceil(count * 0.6)
            outcomes = ["hit"] * (count - misses) + [
                rng.choice(("late", "missed")) for _ in range(misses)
            ]
            rng.shuffle(outcomes)
            return outcomes
        chance = client.hit_chance
        return [
            "hit" if rng.random() < chance else rng.choice(("late", "missed")) for _ in range(count)
        ]

    def postponed(
        self,
        client: Client,
        k: int,
        *,
        name: str | None = None,
        same_week: bool = False,
        outcome: str | None = None,
    ) -> Record:
        """A sanctioned postponement: `due_on` later, `Original due` = first date, a reason given."""
        week = self.first.shift(k)
        first_due = week.monday + timedelta(days=1 if same_week else self.rng.randint(1, 3))
        due = week.monday + timedelta(days=4) if same_week else first_due + timedelta(days=7)
        created = self.created_for(client, k)
        moved = self.after(created, first_due)
        due_week = Week.of(due)
        if outcome is None:
            outcome = self._carried_outcome(client, due_week)
        return self.weekly_goal(
            client,
            name or self.goal_name(client, first_due),
            due=due,
            created=created,
            completed=self.completion(outcome, moved, due, due_week),
            original_due=first_due,
            reason=self.words.choice(POSTPONE_REASONS),
            changes=((moved, first_due, due),),
        )

    def _carried_outcome(self, client: Client, week: Week) -> str:
        if not week.has_ended(self.today):
            return "hit" if self.rng.random() < 0.3 else "open"
        if client.plan.hitting == "steady":
            return "hit"
        return self.rng.choice(("hit", "late", "missed"))

    def _postponements(self, client: Client) -> None:
        """The plan's postponements in the last four weeks, plus a few older ones as anywhere."""
        weeks = [k for k in LAST_FOUR if k >= client.start]
        self.rng.shuffle(weeks)
        for index in range(client.plan.postponements if weeks else 0):
            self.postponed(client, weeks[index % len(weeks)])
        for _ in range(self.rng.choice((0, 1, 1, 2))):
            k = self.rng.randint(0, LAST_FOUR.start - 2)
            if k >= client.start:
                self.postponed(client, k)

    def _silent_moves(self, client: Client) -> None:
        """Deadlines moved a week with no reason: only a `due_date_changed` story shows the first."""
        for index in range(client.plan.silent_moves):
            k = max(client.start, LAST_FOUR.start + 1 + index % 2)
            if k > WEEKS - 3:
                continue
            week = self.first.shift(k)
            first_due = week.monday + timedelta(days=4)
            due = first_due + timedelta(days=7)
            created = self.created_for(client, k)
            moved = self.after(created, first_due)
            outcome = self.rng.choice(("hit", "missed"))
            self.weekly_goal(
                client,
                self.goal_name(client, first_due),
                due=due,
                created=created,
                completed=self.completion(outcome, moved, due, Week.of(due)),
                changes=((moved, first_due, due),),
            )

    # --- tactics, action items, filler --------------------------------------

    def _tactics(self, client: Client) -> None:
        """10–24 tactics; results are then set so only planned clients end on a loss streak."""
        specs = list(client.fixed_tactics)
        specs += [self._tactic_spec(client) for _ in range(self.rng.randint(10, 24))]
        done = sorted(
            (s for s in specs if s["completed"] and not s.get("fixed")),
            key=lambda s: (s["completed"], s["gid"]),
        )
        if client.plan.loss_streak and len(done) >= 5:
            for spec, result in zip(
                done[-5:], ("Win", "Loss", "Loss?", "Loss", "Loss"), strict=True
            ):
                self._decide(spec, result)
        elif done:
            self._decide(done[-1], "Win")
        for spec in sorted(specs, key=lambda s: s["gid"]):
            self._tactic(client, spec)

    def _tactic_spec(self, client: Client) -> dict[str, Any]:
        rng = self.rng
        kind = rng.choice(TACTIC_KINDS)
        first = self.first.shift(client.start).monday
        running = rng.random() < 0.25
        span = max(0, (self.today - first).days - (0 if running else 10))
        created = self.at(
            first + timedelta(days=rng.randint(max(0, span - 21) if running else 0, span)),
            9 * 60,
            17 * 60,
        )
        completed = (
            None
            if running
            else self.after(
                created + timedelta(days=4), created.date() + timedelta(days=rng.randint(6, 28))
            )
        )
        result = (
            None if running else rng.choice(("Win", "Win", "Loss", "Loss", "Inconclusive", None))
        )
        tested = kind in TESTED_KINDS and result is not None and rng.random() < 0.7
        return {
            "gid": self.gid(),
            "kind": kind,
            "name": self.fill(
                self.words.choice(TACTICS[kind]), client.plan.industry, created.date()
            ),
            "created": created,
            "completed": completed,
            "result": result,
            "confidence": round(rng.uniform(80, 99.9), 1) if tested else None,
            "assignee": client.pod.designer
            if rng.random() < 0.8
            else rng.choice(client.pod.managers),
        }

    def _decide(self, spec: dict[str, Any], result: str) -> None:
        """Set a result that counts at the default 95 % (`Loss?`: a loss below it, so inconclusive)."""
        spec["result"] = result.rstrip("?")
        if result.endswith("?"):
            spec["confidence"] = 88.0
        elif spec["kind"] in TESTED_KINDS:
            spec["confidence"] = round(self.rng.uniform(95.5, 99.5), 1)
        else:
            spec["confidence"] = None

    def _tactic(self, client: Client, spec: dict[str, Any]) -> None:
        kind = spec["kind"]
        if kind is not None and client.plan.text_tactic and self.rng.random() < 0.2:
            kind = f"{kind} "
        values = {
            FIELDS.tactic: kind,
            FIELDS.result: spec["result"],
            FIELDS.confidence: spec["confidence"],
        }
        self.task(
            client,
            spec["name"],
            kind=FIELDS.tactic_option if client.plan.type_field else None,
            section=SECTIONS.tactics,
            assignee=spec["assignee"],
            created=spec["created"],
            completed=spec["completed"],
            due=None,
            values=values,
            gid=spec["gid"],
        )

    def _action_items(self, client: Client) -> None:
        """A few decisions from recent meetings, filed where podview files them."""
        section = SECTIONS.action_items if SECTIONS.action_items in client.sections else "Backlog"
        kind = FIELDS.action_item if client.plan.type_field else None
        for _ in range(self.rng.randint(2, 4)):
            k = self.rng.randint(max(client.start, WEEKS - 6), WEEKS - 1)
            created = self.at(self.first.shift(k).monday, 10 * 60, 11 * 60 + 30)
            due = min(created.date() + timedelta(days=self.rng.randint(3, 10)), self.current.sunday)
            done = due < self.today and self.rng.random() < 0.7
            self.task(
                client,
                self.fill(self.words.choice(ACTION_ITEMS), client.plan.industry, due),
                kind=kind,
                section=section,
                assignee=self.rng.choice(client.pod.managers),
                created=created,
                due=due,
                completed=self.after(created, due + timedelta(days=2)) if done else None,
            )

    def _filler(self, client: Client, count: int) -> None:
        """Ordinary tasks with no `Type`: meeting notes, reports, QA — most of a real project."""
        rng = self.rng
        first = self.first.shift(client.start).monday
        span = (self.today - first).days
        people = (*client.pod.managers, client.pod.designer)
        for _ in range(count):
            section, template = rng.choice(FILLER)
            created = self.at(first + timedelta(days=rng.randint(0, span)), 8 * 60, 18 * 60)
            day = created.date()
            name = self.fill(template, client.plan.industry, day, date=day.isoformat())
            due = (
                min(day + timedelta(days=rng.randint(1, 14)), self.current.sunday)
                if rng.random() < 0.5
                else None
            )
            completed = (
                self.after(created, day + timedelta(days=10)) if rng.random() < 0.6 else None
            )
            assignee = None if rng.random() < 0.03 else rng.choice(people)
            self.task(
                client,
                name,
                kind=None,
                section=section,
                assignee=assignee,
                created=created,
                completed=completed,
                due=due,
            )

    # --- statuses -----------------------------------------------------------

    def _statuses(self, client: Client) -> None:
        """Project status updates, oldest first in the plan, stored newest first as Asana lists."""
        day = self.today - timedelta(days=self.rng.randint(1, 6))
        days = []
        for _ in client.plan.statuses:
            days.append(max(day, self.first.monday))
            day -= timedelta(days=self.rng.randint(14, 21))
        for status_type, when in zip(client.plan.statuses, reversed(days), strict=True):
            self._status(client, status_type, when)

    def _status(self, client: Client, status_type: str, day: date) -> None:
        created = self.at(day, 15 * 60, 17 * 60 + 30)
        title = f"Status — {MONTHS[day.month - 1][:3]} {day.day}"
        update = records.status_update(
            self.gid(),
            status_type,
            title,
            PROJECT_STATUS_TEXT[status_type],
            created,
            client.pod.managers[0],
            client.project,
            "project_status_update",
        )
        self.dump["status_updates"][client.gid].insert(0, update)
        client.project["current_status_update"] = {key: update[key] for key in ("gid", "title")}


def _union(
    first: tuple[records.Field, ...], second: tuple[records.Field, ...]
) -> tuple[records.Field, ...]:
    """The fields of two projects, each once: a multi-homed task shows every field of both."""
    seen = {f.gid for f in first}
    return first + tuple(f for f in second if f.gid not in seen)


def _ascii(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in folded.lower() if ch.isalnum() or ch == "-")
