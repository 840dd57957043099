"""The hand-placed situations of the demo cast, one method per situation.

A ClientPlan names these methods in `specials`; each builds the few records
that make its rule of conventions.md or metrics.md visible, with fixed names
so end-to-end tests can find them. Weeks are indexes into the 16-week window:
15 is today's week, 11–14 the four ended weeks the risk ranking looks at.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from podview.dates import Week
from podview.demo.goals import Goals
from podview.demo.model import FIELDS, SECTIONS, Client
from podview.demo.weekly import WeeklyGoals
from podview.demo.workspace import Workspace

RECREATED = ("Launch holiday gift box ad set", "  launch  Holiday gift box AD SET ")
RECURRING = "Send weekly KPI snapshot to the client"
LONG_NAME = (
    "Rewrite the caregiver recruitment landing page so that it explains pay rates, shift "
    "patterns, training support and the application steps in plain language, add the new "
    "testimonial videos from the Riverside and Oak Park offices, fix the mobile layout of the "
    "form, and send the draft to the client's HR lead for approval"
)[:300]


class Specials:
    """Builds the cast's deliberate situations into the client being generated."""

    def __init__(self, ws: Workspace, weekly: WeeklyGoals, goals: Goals) -> None:
        self.ws = ws
        self.weekly = weekly
        self.goals = goals

    def _week(self, k: int) -> Week:
        return self.ws.first.shift(k)

    def _day(self, k: int, weekday: int, hour: int = 9, minute: int = 0) -> datetime:
        moment = datetime.combine(
            self._week(k).monday + timedelta(days=weekday), time(hour, minute)
        )
        return moment.replace(tzinfo=self.ws.now.tzinfo)

    def _hit_goal(self, client: Client, name: str, k: int, **extra: Any) -> dict[str, Any]:
        """A goal due Friday of week k, set at that Monday's meeting and hit."""
        ws = self.ws
        week = self._week(k)
        due = week.monday + timedelta(days=4)
        created = ws.created_for(client, k)
        return ws.weekly_goal(
            client,
            name,
            due=due,
            created=created,
            completed=ws.completion("hit", created, due, week),
            **extra,
        )

    # --- weekly goals -------------------------------------------------------

    def subtasks(self, client: Client) -> None:
        """Subtasks in the project: a typed goal left open and a winning tactic, both to be ignored."""
        ws = self.ws
        parent = self._hit_goal(client, "Launch the Invisalign consult ad set", 14)
        ws.weekly_goal(
            client,
            "Draft 3 headline variants",
            due=self._week(14).monday + timedelta(days=3),
            created=self._day(14, 0, 11),
            completed=None,
            parent=parent["gid"],
        )
        ws.task(
            client,
            "Export last quarter's converters for the lookalike",
            kind=FIELDS.tactic_option,
            section=SECTIONS.tactics,
            assignee=client.pod.designer,
            created=self._day(14, 1, 10),
            completed=ws.now,
            due=None,
            parent=parent["gid"],
            values={FIELDS.tactic: "Audience", FIELDS.result: FIELDS.win},
        )

    def subtask_in_section(self, client: Client) -> None:
        """In a project without `Type`, a subtask sitting in `Weekly goals`, open past its week."""
        parent = self._hit_goal(client, "Publish the estate planning FAQ page", 13)
        self.ws.weekly_goal(
            client,
            "Collect attorney quotes for the FAQ",
            due=self._week(13).monday + timedelta(days=3),
            created=self._day(13, 0, 11),
            completed=None,
            parent=parent["gid"],
        )

    def recurring(self, client: Client) -> None:
        """The same goal every week, always hit on time: a repeated name, not a re-creation."""
        ws = self.ws
        for k in range(client.start, 16):
            week = self._week(k)
            due = week.monday + timedelta(days=4)
            created = self._day(k, 0, 9, 30)
            done = (
                ws.after(datetime.combine(due, time(9), created.tzinfo), due)
                if week.has_ended(ws.today)
                else None
            )
            ws.weekly_goal(
                client,
                RECURRING,
                due=due,
                created=created,
                completed=done,
                assignee=client.pod.managers[0],
            )

    def section_trap(self, client: Client) -> None:
        """A read-me in `Weekly goals` with `Type` empty: where `Type` exists, sections don't count."""
        self.ws.task(
            client,
            "How we write weekly goals (read me)",
            kind=None,
            section=SECTIONS.weekly_goals,
            assignee=client.pod.managers[0],
            created=self._day(0, 0, 10),
            completed=None,
            due=None,
        )

    def recreated(self, client: Client) -> None:
        """A goal missed in week 12 and set again (case, spaces changed) on Tuesday of week 13."""
        ws = self.ws
        ws.weekly_goal(
            client,
            RECREATED[0],
            due=self._week(12).monday + timedelta(days=4),
            created=self._day(12, 0, 9, 40),
            completed=None,
            habit="moved",
        )
        due = self._week(13).monday + timedelta(days=4)
        created = self._day(13, 1, 10, 15)
        ws.weekly_goal(
            client,
            RECREATED[1],
            due=due,
            created=created,
            completed=ws.completion("hit", created, due, self._week(13)),
            habit="moved",
        )

    def sunday_evening(self, client: Client) -> None:
        """Hit at 22:30 New York time on Sunday, which is already Monday in UTC."""
        ws = self.ws
        due = self._week(14).monday + timedelta(days=4)
        ws.weekly_goal(
            client,
            "Ship the weekend gift guide email",
            due=due,
            created=self._day(14, 0, 10),
            completed=self._day(14, 6, 22, 30),
        )

    def same_week_postponement(self, client: Client) -> None:
        """Postponed Tuesday → Friday of week 13 with a reason: sanctioned, counted in its week."""
        self.weekly.postponed(
            client, 13, name="Publish the open-house listings page", same_week=True, outcome="hit"
        )

    def carried_into_current(self, client: Client) -> None:
        """Postponed from week 14 into today's week, still open: carried over."""
        self.weekly.postponed(client, 14, name="Send the buyer webinar invite", outcome="open")

    def laundered(self, client: Client) -> None:
        """Moved Wednesday → Friday silently, then postponed with a reason: `Original due` = Friday."""
        ws = self.ws
        first, second = (
            self._week(12).monday + timedelta(days=2),
            self._week(12).monday + timedelta(days=4),
        )
        due = self._week(13).monday + timedelta(days=4)
        created = self._day(12, 0, 9, 20)
        silent, sanctioned = self._day(12, 1, 16, 5), self._day(12, 4, 11, 0)
        ws.weekly_goal(
            client,
            "Launch the puppy wellness plan ad set",
            due=due,
            created=created,
            completed=ws.completion("hit", sanctioned, due, self._week(13)),
            original_due=second,
            reason="Waiting on new clinic photos",
            changes=((silent, first, second), (sanctioned, second, due)),
            habit="moved",
        )

    def blank_reason(self, client: Client) -> None:
        """Postponed a week with `Original due` set but a reason of only spaces: not sanctioned."""
        ws = self.ws
        first = self._week(13).monday + timedelta(days=3)
        due = first + timedelta(days=7)
        moved = self._day(13, 2, 17, 45)
        ws.weekly_goal(
            client,
            "Publish the Q&A on required minimum distributions",
            due=due,
            created=self._day(13, 0, 9, 50),
            completed=None,
            original_due=first,
            reason="   ",
            changes=((moved, first, due),),
            habit="moved",
        )

    def due_at(self, client: Client) -> None:
        """Due at a time (`due_at`) rather than only a day, as Asana returns both."""
        ws = self.ws
        due = ws.current.monday + timedelta(days=4)
        ws.weekly_goal(
            client,
            "Send the quarterly portfolio review deck",
            due=due,
            created=self._day(15, 0, 9, 15),
            completed=None,
            due_at=datetime.combine(due, time(17), ws.now.tzinfo),
        )

    def no_due_date(self, client: Client) -> None:
        """A weekly goal nobody gave a due date: counted in no week, listed as a data problem."""
        self.ws.weekly_goal(
            client,
            "Refresh Google Business Profile photos",
            due=None,
            created=self._day(15, 0, 10, 5),
            completed=None,
        )

    def unassigned(self, client: Client) -> None:
        """A weekly goal with no assignee."""
        self._hit_goal(client, "Collect 3 customer video testimonials", 14, assignee=None)

    def right_to_left(self, client: Client) -> None:
        """An Arabic weekly goal and a Hebrew meeting note, for right-to-left rendering."""
        ws = self.ws
        self._hit_goal(client, "إطلاق حملة رمضان على إنستغرام", 9)
        created = self._day(10, 2, 15)
        ws.task(
            client,
            "סיכום פגישה עם הלקוח",
            kind=None,
            section="Reporting",
            assignee=client.pod.managers[1],
            created=created,
            completed=ws.after(created, created.date()),
            due=None,
        )

    def html_name(self, client: Client) -> None:
        """Markup-looking text that must be shown literally, never interpreted."""
        self._hit_goal(client, "QA the promo email: footer shows <b>&amp; instead of &", 8)

    def long_name(self, client: Client) -> None:
        """A 300-character goal name, open in today's week."""
        ws = self.ws
        ws.weekly_goal(
            client,
            LONG_NAME,
            due=ws.current.monday + timedelta(days=4),
            created=self._day(15, 0, 9, 45),
            completed=None,
        )

    # --- tactics and goals --------------------------------------------------

    def confidence_95(self, client: Client) -> None:
        """A win at exactly the 95 % threshold (counts) and one at 94.9 % (inconclusive)."""
        self._fixed_tactic(
            client, "Landing page: 3-field demo form vs 7-field", "Landing page", 11, 95.0
        )
        self._fixed_tactic(
            client, "Ad copy: 'Close the books in 3 days' vs 'Automate AP'", "Ad copy", 9, 94.9
        )

    def empty_tactic(self, client: Client) -> None:
        """A decided tactic whose `Tactic` kind was never filled in."""
        self._fixed_tactic(client, "Test the free-shipping threshold banner", None, 12, None)

    def green_while_off_track(self, client: Client) -> None:
        """The owner keeps reporting green on a goal that is off track by the numbers."""
        client.optimistic = True

    def _fixed_tactic(
        self, client: Client, name: str, kind: str | None, k: int, confidence: float | None
    ) -> None:
        ws = self.ws
        created = self._day(k, 0, 11)
        client.fixed_tactics.append(
            {
                "gid": ws.gid(),
                "kind": kind,
                "name": name,
                "created": created,
                "completed": self._day(k + 1, 2, 15),
                "result": FIELDS.win,
                "confidence": confidence,
                "assignee": client.pod.designer,
                "fixed": True,
            }
        )

    # --- across clients -----------------------------------------------------

    def across(self, home: Client, other: Client) -> None:
        """A weekly goal multi-homed in two clients (the first owns it) and a goal both support."""
        ws = self.ws
        week = self._week(14)
        due = week.monday + timedelta(days=4)
        created = self._day(14, 0, 10, 30)
        ws.weekly_goal(
            home,
            "Co-branded summer challenge landing page",
            due=due,
            created=created,
            completed=ws.completion("hit", created, due, week),
            also=other,
        )
        self.goals.shared(home, other)
