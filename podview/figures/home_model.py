"""What Home shows, as plain data: the pods' glances, the goals off pace, the ranking, the last sync, goals due, who needs coaching.

Apart from the computation (`figures/home.py`) so that the app's launch,
which reads Home as saved in the cache (`home_store`), loads these few
classes and not the modules that count weeks, pacing and risk.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from podview.dates import Week
from podview.figures.outbox import OutboxCounts
from podview.figures.pacing import GoalPacing
from podview.figures.risk_row import RiskRow


@dataclass(frozen=True)
class PodGlance:
    """What the God-view says about one pod."""

    name: str
    done: int
    """Weekly goals hit this week."""
    planned: int
    """Weekly goals this week, postponed ones left out ("x of y done")."""
    weekly_rates: list[float | None] = field(default_factory=list)
    """Hit rate of each of the last four ended weeks, oldest first (None: nothing decided)."""
    pooled_rate: float | None = None
    """Hit rate over the last four weeks together."""
    on_track: int = 0
    """90-day goals achieved or on track."""
    at_risk: int = 0
    off_track: int = 0
    """90-day goals off track or missed."""
    postponed_4_weeks: int = 0
    """Postponements whose fixed deadline is in the last 4 weeks (scope `last_4_weeks`, as the risk score)."""


@dataclass(frozen=True)
class DueGoal:
    """A weekly goal of this week still open on or after its due date: whom to ask about it, and since when."""

    task_gid: str
    client_gid: str
    client: str | None
    name: str | None
    assignee: str | None
    due_on: date


@dataclass(frozen=True)
class CoachNeed:
    """Someone a coaching signal fires for (People, last 4 ended weeks): Home's people line names them."""

    user_gid: str
    name: str
    signals: list[str]
    """Their coaching signals, in metrics.md's order; the line says the first."""


@dataclass(frozen=True)
class SyncState:
    """The latest row of the `syncs` table, as far as the God-view tells it."""

    source: str | None
    mode: str | None
    finished_day: date | None
    finished_time: str | None
    outcome: str | None
    detail: str | None


@dataclass(frozen=True)
class HomeData:
    """Everything Home shows, computed in one worker run."""

    week: Week
    pods: list[PodGlance]
    off_pace: list[GoalPacing]
    """90-day goals off track, missed or at risk, worst first (one row per goal and client)."""
    ranking: list[RiskRow]
    sync: SyncState | None
    outbox: OutboxCounts
    postponed_4_weeks: int = 0
    """Every client's postponements in the last 4 weeks, pod or none (the pods' counts add up to it or less)."""
    due: list[DueGoal] = field(default_factory=list)
    """This week's weekly goals still open and due today or earlier, longest overdue first (a wall-sized Home lists them)."""
    coaching: list[CoachNeed] = field(default_factory=list)
    """The people who need coaching, most signals first: counted with the rest, so the people line costs launch no query."""
