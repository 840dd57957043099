"""The demo's projects: client projects with their facts and status updates, and the ones to skip.

A client project is what podview reads most (its fields, sections, client
facts and project status), and next to the clients a real workspace holds
projects podview must ignore: an internal pod project typed like a client, a
churned client archived with missed goals. Building every project here keeps
their records shaped the same way, so only the rule that skips them differs.
"""

from __future__ import annotations

from datetime import date, timedelta

from podview.dates import months_days
from podview.demo import records
from podview.demo.model import CLIENT_SECTIONS, FIELDS, SECTIONS, WEEKS, Client, ClientPlan, Pod
from podview.demo.wording import MONTHS, PROJECT_STATUS_TEXT
from podview.demo.workspace import Workspace
from podview.sync.dump import Record


class Projects:
    """Adds projects, their sections and settings, and their status updates to the workspace."""

    def __init__(self, ws: Workspace) -> None:
        self.ws = ws

    def project(
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
        ws = self.ws
        gid = ws.gid()
        project = {
            "gid": gid,
            "name": name,
            "archived": archived,
            "modified_at": records.stamp(ws.now - timedelta(minutes=ws.rng.randint(5, 600))),
            "team": records.ref(team),
            "custom_fields": facts or [],
            "current_status_update": None,
            "custom_field_settings": [f.setting(ws.gid()) for f in fields],
        }
        ws.dump["team_projects"][team["gid"]].append(project)
        ws.dump["custom_field_settings"][gid] = project["custom_field_settings"]
        section_records = {section: {"gid": ws.gid(), "name": section} for section in sections}
        ws.dump["sections"][gid] = list(section_records.values())
        for key in ("tasks", "goals", "status_updates"):
            ws.dump[key][gid] = []
        return project, section_records

    def side_project(
        self, pod: Pod, name: str, fields: tuple[records.Field, ...], sections: tuple[str, ...]
    ) -> Client:
        """A project podview must skip; built as a Client so its tasks are shaped the same way."""
        plan = ClientPlan(name, "saas", None, 0, None, None, None, (), "steady", ())
        project, section_records = self.project(pod.team, name, fields, sections)
        return Client(plan, project, pod, fields, section_records, 0, 1.0)

    def side_task(
        self, where: Client, name: str, section: str, who: Record, kind: str | None, week: int
    ) -> None:
        ws = self.ws
        monday = ws.current.shift(week).monday
        created = ws.at(monday, 9 * 60, 11 * 60)
        ws.task(
            where,
            name,
            kind=kind,
            section=section,
            assignee=who,
            created=created,
            due=monday + timedelta(days=4),
            completed=None,
        )

    def client(self, plan: ClientPlan, pod: Pod) -> Client:
        """An empty client project: fields, sections, facts, and when the agency started."""
        ws = self.ws
        fields = ws.fields.for_client(plan)
        sections = (
            CLIENT_SECTIONS
            if plan.action_section
            else tuple(s for s in CLIENT_SECTIONS if s != SECTIONS.action_items)
        )
        project, section_records = self.project(
            pod.team, plan.name, fields, sections, facts=self.facts(plan)
        )
        since = ws.today - timedelta(days=plan.since_days)
        start = min(WEEKS - 1, max(0, ((since - ws.first.monday).days + 6) // 7))
        hit_chance = {"steady": 0.85, "struggling": 0.5}.get(plan.hitting) or ws.rng.uniform(
            0.45, 0.95
        )
        return Client(plan, project, pod, fields, section_records, start, hit_chance)

    def facts(self, plan: ClientPlan) -> list[Record]:
        """The client facts; spend is set against the month's pace so some clients are off it."""
        ws = self.ws
        rng = ws.rng
        expected = (
            None if plan.budget is None else plan.budget * ws.today.day / months_days(ws.today)
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
            ws.today - timedelta(days=plan.since_days),
            None if plan.budget is None else int(plan.budget),
            spend,
            cpa,
            target,
        )
        return [f.entry(value) for f, value in zip(ws.fields.project_fields, values, strict=True)]

    def internal_project(self, pod: Pod) -> None:
        """`[internal] Pod ops`: typed like a client, holds a weekly goal, and must be skipped."""
        fields = self.ws.fields
        ops = self.side_project(
            pod,
            "[internal] Pod ops",
            (fields.type_field, fields.original_due, fields.postpone_reason),
            ("Weekly goals", "Ops"),
        )
        self.side_task(
            ops, "Hire a second designer", "Weekly goals", pod.managers[0], FIELDS.weekly_goal, 0
        )
        self.side_task(
            ops, "Plan the pod offsite", "Weekly goals", pod.managers[1], FIELDS.weekly_goal, -1
        )
        self.side_task(ops, "Update the pod SOP doc", "Ops", pod.designer, None, -2)

    def archived_project(self, pod: Pod) -> None:
        """A churned client, archived, with a few missed goals that must not count anywhere."""
        ws = self.ws
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
        fields = ws.fields.for_client(plan)
        project, sections = self.project(
            pod.team, plan.name, fields, CLIENT_SECTIONS, archived=True, facts=self.facts(plan)
        )
        project["modified_at"] = records.stamp(ws.at(ws.first.shift(3).monday, 9 * 60, 17 * 60))
        client = Client(plan, project, pod, fields, sections, 0, 0.0)
        for k in range(3):
            week = ws.first.shift(k)
            ws.weekly_goal(
                client,
                ws.goal_name(client, week.monday),
                due=week.monday + timedelta(days=4),
                created=ws.created_for(client, k),
                completed=None,
            )
        self.status(client, "complete", ws.first.shift(3).monday)

    def statuses(self, client: Client) -> None:
        """Project status updates, oldest first in the plan, stored newest first as Asana lists."""
        ws = self.ws
        day = ws.today - timedelta(days=ws.rng.randint(1, 6))
        days = []
        for _ in client.plan.statuses:
            days.append(max(day, ws.first.monday))
            day -= timedelta(days=ws.rng.randint(14, 21))
        for status_type, when in zip(client.plan.statuses, reversed(days), strict=True):
            self.status(client, status_type, when)

    def status(self, client: Client, status_type: str, day: date) -> None:
        ws = self.ws
        created = ws.at(day, 15 * 60, 17 * 60 + 30)
        title = f"Status — {MONTHS[day.month - 1][:3]} {day.day}"
        update = records.status_update(
            ws.gid(),
            status_type,
            title,
            PROJECT_STATUS_TEXT[status_type],
            created,
            client.pod.managers[0],
            client.project,
            "project_status_update",
        )
        ws.dump["status_updates"][client.gid].insert(0, update)
        client.project["current_status_update"] = {key: update[key] for key in ("gid", "title")}
