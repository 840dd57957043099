"""The types and constants every part of the demo generator shares.

The generator is split by idea (teams, projects, weekly goals, tactics, goals,
specials), and those parts hand each other plans, pods and clients. Keeping
those types here, below all of them, lets each part import what it passes
around without importing another part, so the package has no import cycle.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import time
from typing import Any
from zoneinfo import ZoneInfo

from podview.config import FieldsConfig, SectionsConfig
from podview.demo import records
from podview.sync.dump import Record

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
"""Custom field and option names as podview's defaults expect them (podview.config)."""
SECTIONS = SectionsConfig()
CLIENT_SECTIONS = (
    SECTIONS.weekly_goals,
    SECTIONS.tactics,
    SECTIONS.action_items,
    "Reporting",
    "Backlog",
)


@dataclass(frozen=True)
class ClientPlan:
    """What the generator must make true of one client project."""

    name: str
    industry: str
    mrr: float | None
    since_days: int
    """Days between `Client since` and today."""
    budget: float | None
    spend: str | None
    """`on` pace, `over`, `under`, or None for an empty `Spend MTD`."""
    cpa_ratio: float | None
    """CPA ÷ Target CPA; None leaves CPA empty."""
    statuses: tuple[str, ...]
    """Project status updates, oldest first; the last one is the current status."""
    hitting: str
    """`steady` (hit rate ≥ 0.75 in the last 4 ended weeks), `struggling` (≤ 0.5) or `random`."""
    goals: tuple[str, ...]
    postponements: int = 0
    """Sanctioned postponements with their fixed deadline in the last 4 ended weeks (besides specials)."""
    silent_moves: int = 0
    loss_streak: bool = False
    type_field: bool = True
    text_tactic: bool = False
    action_section: bool = True
    specials: tuple[str, ...] = ()
    """Hand-placed situations, by method name of specials.Specials."""


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
