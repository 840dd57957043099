"""What a meeting sets out to cover, and how its time is shared among the clients in it.

A Growth Team walkthrough of every client of a 160-client agency cannot fit
an hour, so the walkthrough is scoped when it starts: every client, one pod,
the clients at risk, or the top few by risk. The meeting's length is then
shared among the clients in scope, and shared again at each client from the
time left, so a meeting that runs long gives the later clients less. The
plan is stored with the meeting (JSON in `meetings.plan`) so that the
minutes say the scope and a walkthrough resumed later walks the same clients.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field

from podview.figures.risk_row import RiskRow

EVERY, POD, AT_RISK, TOP = "every", "pod", "at-risk", "top"
SCOPE_KINDS = (EVERY, AT_RISK, TOP, POD)

TOP_DEFAULT = 10
"""How many clients `top` covers unless told otherwise."""
ROOMY_MINUTES = 3
"""A walkthrough covers every client by default only if each gets at least this many minutes."""


@dataclass(frozen=True)
class Scope:
    """Which clients a walkthrough covers: every one, one pod's, those at risk, or the top `top` by risk."""

    kind: str = EVERY
    pod: str | None = None
    top: int = TOP_DEFAULT

    def clients(self, ranking: Sequence[RiskRow]) -> list[RiskRow]:
        """The clients in scope, in ranking order (most at risk first)."""
        if self.kind == POD:
            wanted = (self.pod or "").strip().casefold()
            return [row for row in ranking if (row.pod or "").strip().casefold() == wanted]
        if self.kind == AT_RISK:
            return [row for row in ranking if row.at_risk]
        if self.kind == TOP:
            return list(ranking[: max(0, self.top)])
        return list(ranking)

    @property
    def words(self) -> str:
        """How the bar and the minutes name it: `every client`, `Pod Atlas`, `clients at risk`, `top 10 by risk`."""
        if self.kind == POD:
            return self.pod or "no pod"
        if self.kind == AT_RISK:
            return "clients at risk"
        if self.kind == TOP:
            return f"top {self.top} by risk"
        return "every client"


def default_scope(count: int, minutes: int) -> Scope:
    """Every client when each gets ROOMY_MINUTES of the meeting, else the top TOP_DEFAULT by risk."""
    return Scope(EVERY) if count * ROOMY_MINUTES <= minutes else Scope(TOP)


def share(seconds_left: float, clients_left: int) -> int:
    """Whole seconds each remaining client gets of the time left (0 once the meeting is over time)."""
    return max(0, round(seconds_left)) // max(1, clients_left)


@dataclass(frozen=True)
class Plan:
    """A meeting's scope in words, its clients in walking order (None: every client), its length."""

    scope: str | None = None
    clients: list[str] | None = field(default=None)
    minutes: int | None = None

    def to_json(self) -> str:
        """As stored in `meetings.plan`."""
        return json.dumps({"scope": self.scope, "clients": self.clients, "minutes": self.minutes})

    @classmethod
    def from_json(cls, text: str | None) -> Plan | None:
        """The stored plan; None for a meeting started without one (from the command line)."""
        if not text:
            return None
        data = json.loads(text)
        return cls(data.get("scope"), data.get("clients"), data.get("minutes"))
