"""A client's weekly goals over the sixteen weeks: hits, misses, postponements and silent moves.

Weekly goals feed most of podview's figures (hit rate, the risk ranking,
postponed goals), so their mix is set by the client's plan rather than left
to chance: in the last four ended weeks a steady client hits at least 80 %
and a struggling one at most 40 %, and postponements land where the plan
puts them. A postponement carries the traces conventions.md reads: a later
`due_on`, an `Original due`, a reason, and a story per due-date change.
Which account manager owns each goal is left to the staff's habits
(habits.py), told how the goal went.
"""

from __future__ import annotations

import math
from datetime import timedelta

from podview.dates import Week
from podview.demo.model import LAST_FOUR, WEEKS, Client
from podview.demo.wording import POSTPONE_REASONS
from podview.demo.workspace import Workspace
from podview.sync.dump import Record


class WeeklyGoals:
    """Adds weekly goals to client projects, as the client's plan says they went."""

    def __init__(self, ws: Workspace) -> None:
        self.ws = ws

    def for_client(self, client: Client) -> None:
        """2–5 goals a week, due Wednesday to Friday, with a hit/late/missed mix set by the plan."""
        ws = self.ws
        for k in range(client.start, WEEKS):
            week = ws.first.shift(k)
            for outcome in self._outcomes(client, k, ws.rng.choice((2, 2, 3, 3, 3, 4, 5))):
                due = week.monday + timedelta(days=ws.rng.choice((2, 3, 4, 4, 4)))
                created = ws.created_for(client, k)
                ws.weekly_goal(
                    client,
                    ws.goal_name(client, due),
                    due=due,
                    created=created,
                    completed=ws.completion(outcome, created, due, week),
                    habit=outcome,
                )

    def _outcomes(self, client: Client, k: int, count: int) -> list[str]:
        """Outcomes for one week; in the last four ended weeks steady is ≥ 80 % hit, struggling ≤ 40 %."""
        rng = self.ws.rng
        if k == WEEKS - 1:
            chance = 0.1 + 0.12 * self.ws.today.weekday()
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
        ws = self.ws
        week = ws.first.shift(k)
        first_due = week.monday + timedelta(days=1 if same_week else ws.rng.randint(1, 3))
        due = week.monday + timedelta(days=4) if same_week else first_due + timedelta(days=7)
        created = ws.created_for(client, k)
        moved = ws.after(created, first_due)
        due_week = Week.of(due)
        if outcome is None:
            outcome = self._carried_outcome(client, due_week)
        return ws.weekly_goal(
            client,
            name or ws.goal_name(client, first_due),
            due=due,
            created=created,
            completed=ws.completion(outcome, moved, due, due_week),
            original_due=first_due,
            reason=ws.words.choice(POSTPONE_REASONS),
            changes=((moved, first_due, due),),
            habit="postponed",
        )

    def _carried_outcome(self, client: Client, week: Week) -> str:
        rng = self.ws.rng
        if not week.has_ended(self.ws.today):
            return "hit" if rng.random() < 0.3 else "open"
        if client.plan.hitting == "steady":
            return "hit"
        return rng.choice(("hit", "late", "missed"))

    def postponements(self, client: Client) -> None:
        """The plan's postponements in the last four weeks, plus a few older ones as anywhere."""
        rng = self.ws.rng
        weeks = [k for k in LAST_FOUR if k >= client.start]
        rng.shuffle(weeks)
        for index in range(client.plan.postponements if weeks else 0):
            self.postponed(client, weeks[index % len(weeks)])
        for _ in range(rng.choice((0, 1, 1, 2))):
            k = rng.randint(0, LAST_FOUR.start - 2)
            if k >= client.start:
                self.postponed(client, k)

    def silent_moves(self, client: Client) -> None:
        """Deadlines moved a week with no reason: only a `due_date_changed` story shows the first."""
        ws = self.ws
        for index in range(client.plan.silent_moves):
            k = max(client.start, LAST_FOUR.start + 1 + index % 2)
            if k > WEEKS - 3:
                continue
            week = ws.first.shift(k)
            first_due = week.monday + timedelta(days=4)
            due = first_due + timedelta(days=7)
            created = ws.created_for(client, k)
            moved = ws.after(created, first_due)
            outcome = ws.rng.choice(("hit", "missed"))
            ws.weekly_goal(
                client,
                ws.goal_name(client, first_due),
                due=due,
                created=created,
                completed=ws.completion(outcome, moved, due, Week.of(due)),
                changes=((moved, first_due, due),),
                habit="moved",
            )
