"""The demo staff's habits: who takes a pod's hits and misses, who plans late, postpones, moves deadlines.

The People report compares people, and on a demo where every goal's owner
is a coin toss everyone looks alike. Here each pod member has a habit
(fixed for the named cast, drawn from a few kinds of people for the bench's
extra pods), and the generator asks this module who owns each weekly goal
and tactic given how it went, and when a goal was really set. The outcomes
themselves stay the client plan's, so only *who* did it changes and the
client figures do not move. The habits tell the story a leader should read
on People: the best set their goals at Monday's meeting and don't move them.

Its draws come from a stream of their own, so a habit never shifts the dates
and results the rest of the generator draws.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from podview.demo.model import FIELDS, Pod
from podview.sync.dump import Record

MEETING_KINDS = ("hit", "late", "missed", "open")
"""Habit kinds of the ordinary weekly goals, the ones set (or not) at Monday's meeting."""
LOSSES_PER_WIN = 6
"""A losing designer's record: counted, not drawn, so their tests lose on the demo of any date."""


@dataclass(frozen=True)
class Habit:
    """How one person works; the weights are relative to their pod partner's."""

    knack: float = 0.5
    """Weight for owning a pod's goal that was hit; 1 − knack for one that was late or missed."""
    by_monday: float = 0.9
    """Share of their weekly goals set by Monday's meeting; the rest on Tuesday or Wednesday, if still before done."""
    postpones: float = 0.5
    """Weight for owning a pod's sanctioned postponement."""
    moves: float = 0.0
    """Weight for owning a silently moved deadline or a re-created goal."""
    loses_tests: bool = False
    """Designer: their tests lose; they own a win only for every LOSSES_PER_WIN losses."""
    behind: int = 0
    """Training: how many of the latest modules past their due date are still not done."""
    scores: tuple[int, int] = (74, 97)
    """Training: the range of their module test scores."""


STAR = Habit(knack=0.85, by_monday=0.95, postpones=0.0, scores=(84, 98))
STEADY = Habit(knack=0.55, by_monday=0.9, postpones=0.5, scores=(78, 95))
STRUGGLING = Habit(knack=0.35, by_monday=0.6, postpones=1.0, moves=1.0, scores=(72, 88))
DESIGNER = Habit(scores=(76, 96))

CAST_HABITS = {
    "Priya Raman": STAR,
    "Marcus Okafor": STRUGGLING,
    "Sofia Lindqvist": Habit(loses_tests=True, scores=(76, 94)),
    "Diego Castillo": Habit(knack=0.55, by_monday=0.9, postpones=0.5, scores=(82, 96)),
    "Leila Haddad": Habit(knack=0.5, by_monday=0.95, postpones=0.5, scores=(75, 92)),
    "Kenji Watanabe": Habit(scores=(74, 90)),
    "Hannah Goldberg": STAR,
    "Kwame Mensah": Habit(knack=0.4, by_monday=0.75, postpones=0.5, moves=1.0, scores=(72, 86)),
    "Tomás Ferreira": Habit(scores=(52, 70)),
    "Fatima Al-Sayed": Habit(knack=0.5, by_monday=0.1, postpones=1.0, moves=1.0, scores=(76, 92)),
    "Noah Bennett": Habit(knack=0.6, by_monday=0.9, postpones=0.0, behind=2, scores=(74, 90)),
    "Mei Nakamura": Habit(behind=1, scores=(78, 94)),
}
"""The named pods' people (names.POD_PEOPLE): each coaching signal of People fires for someone."""

MANAGER_KINDS = (STAR, STEADY, STEADY, STRUGGLING, Habit(knack=0.5, by_monday=0.35))
DESIGNER_KINDS = (DESIGNER, DESIGNER, Habit(behind=1), Habit(loses_tests=True), Habit(scores=(52, 70)))


class Staff:
    """Everyone's habit by user gid, and the choices the generator makes with them.

    Who owns a goal and who set one late are dealt by quota, not drawn: each
    person is owed their share of every kind of goal and gets the next one
    when they are owed most. A habit then shows the same in any four weeks
    of any date's demo, where coin tosses would make a star look average on
    one day and a late planner punctual on another.
    """

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed * 104729 + 3)
        self.habits: dict[str, Habit] = {}
        self.owed: dict[tuple[str, str], float] = {}
        """(kind, first manager's gid) → how much of that kind of goal that manager is owed so far."""
        self.late: dict[str, float] = {}
        """User gid → how many goals that person is due to set late so far."""
        self.shares: dict[tuple[str, str], float | None] = {}
        """(kind, first manager's gid) → that manager's share of the pod's goals of that kind."""
        self.record: dict[str, list[int]] = {}
        """Each losing designer's [wins, losses] so far."""

    def join(self, pod: Pod) -> None:
        """Give the pod's people their habits: the cast's own, else a kind of person drawn at random."""
        for index, person in enumerate((*pod.managers, pod.designer)):
            kinds = DESIGNER_KINDS if index == 2 else MANAGER_KINDS
            self.habits[person["gid"]] = CAST_HABITS.get(person["name"]) or self.rng.choice(kinds)

    def of(self, person: Record | None) -> Habit:
        return self.habits.get(person["gid"], DESIGNER) if person else DESIGNER

    def owner(self, pod: Pod, natural: Record, kind: str) -> Record:
        """Which account manager owns a weekly goal that went as `kind`; `natural` when habits don't say.

        Between two people what one is owed the other owes, so one number per
        pod and kind is kept: the first manager's due share.
        """
        first, second = pod.managers
        key = (kind, first["gid"])
        if key not in self.shares:
            weights = (_weight(self.of(first), kind), _weight(self.of(second), kind))
            self.shares[key] = None if sum(weights) <= 0 or first is second else weights[0] / sum(weights)
        share = self.shares[key]
        if share is None:
            return natural
        owed = self.owed.get(key, 0.0) + share
        if owed >= 0.5:
            self.owed[key] = owed - 1
            return first
        self.owed[key] = owed
        return second

    def set_on(
        self, who: Record | None, created: datetime, completed: datetime | None, monday: date, now: datetime
    ) -> datetime:
        """When the goal was really set: a late planner's next goal due to be late is set on Tuesday or Wednesday.

        Only if that is still well before it was done; otherwise it stays set
        by Monday and the next of their goals is the late one.
        """
        if who is None:
            return created
        key = who["gid"]
        self.late[key] = self.late.get(key, 0.5) + 1 - self.of(who).by_monday
        if self.late[key] < 1:
            return created
        latest = (now if completed is None else min(now, completed)) - timedelta(minutes=45)
        for days in (self.rng.choice((1, 1, 2)), 1):
            day = monday + timedelta(days=days)
            moment = created.replace(year=day.year, month=day.month, day=day.day)
            if moment < latest:
                self.late[key] -= 1
                return moment
        return created

    def tactic_owner(self, pod: Pod, natural: Record | None, result: str | None) -> Record | None:
        """A decided loss is the pod designer's; a designer who loses owns few wins (a manager ran the rest)."""
        designer = pod.designer
        if not self.of(designer).loses_tests:
            return designer if result == FIELDS.loss else natural
        record = self.record.setdefault(designer["gid"], [0, 0])
        if result == FIELDS.loss:
            record[1] += 1
            return designer
        if result == FIELDS.win and natural is designer:
            if (record[0] + 1) * LOSSES_PER_WIN > record[1]:
                return self.rng.choice(pod.managers)
            record[0] += 1
        return natural


def _weight(habit: Habit, kind: str) -> float:
    if kind == "hit":
        return habit.knack
    if kind in ("late", "missed"):
        return 1 - habit.knack
    if kind == "postponed":
        return habit.postpones
    if kind == "moved":
        return habit.moves
    return 0.5
