"""The whole contract of cli.md's config section, as frozen dataclasses.

Each field's docstring says what it means, and its default is what an agency
gets without writing a config file at all. The schema (schema.py) is derived
from these fields where it can, so a new name field needs no second edit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class AsanaConfig:
    """The `[asana]` table."""

    workspace: str | None = None
    """Workspace gid or name; when unset, the user's only workspace."""
    lookback_weeks: int = 16
    """How many weeks back completed tasks are read."""


@dataclass(frozen=True)
class PodsConfig:
    """The `[pods]` table: which Asana teams are pods."""

    teams: tuple[str, ...] = ()
    """Team names or gids that are pods; when empty, `pattern` decides."""
    pattern: str = r"^Pod\b"
    """Regular expression (case-insensitive) a team name must match to be a pod."""


@dataclass(frozen=True)
class FieldsConfig:
    """The `[fields]` table: custom field names and the option labels podview looks for."""

    type: str = "Type"
    """Enum field that says whether a task is a weekly goal, a tactic or an action item."""
    tactic: str = "Tactic"
    """Enum or text field with a tactic's kind (Ad copy, Landing page, …)."""
    result: str = "Result"
    """Enum field with a tactic's outcome."""
    confidence: str = "Confidence"
    """Number field, 0–100: a test result's statistical confidence."""
    original_due: str = "Original due"
    """Date field keeping a postponed goal's first deadline."""
    postpone_reason: str = "Postpone reason"
    """Text field saying why a goal was postponed."""
    mrr: str = "MRR"
    """Project number field: monthly recurring revenue of the client."""
    client_since: str = "Client since"
    """Project date field: when the client signed."""
    monthly_budget: str = "Monthly budget"
    """Project number field: the client's monthly ad budget."""
    spend_mtd: str = "Spend MTD"
    """Project number field: ad spend so far this month."""
    cpa: str = "CPA"
    """Project number field: current cost per acquisition."""
    target_cpa: str = "Target CPA"
    """Project number field: the CPA the client is promised."""
    score: str = "Score"
    """Number field, 0–100, on a training module: the test score."""
    weekly_goal: str = "Weekly goal"
    """Option of the `type` field for weekly goals."""
    tactic_option: str = "Tactic"
    """Option of the `type` field for tactics."""
    action_item: str = "Action item"
    """Option of the `type` field for action items."""
    win: str = "Win"
    """Option of the `result` field for a win."""
    loss: str = "Loss"
    """Option of the `result` field for a loss."""
    inconclusive: str = "Inconclusive"
    """Option of the `result` field for an inconclusive result."""


@dataclass(frozen=True)
class SectionsConfig:
    """The `[sections]` table: section names used where a project has no `Type` field."""

    weekly_goals: str = "Weekly goals"
    """Section holding weekly goals."""
    tactics: str = "Tactics"
    """Section holding tactics."""
    action_items: str = "Action items"
    """Section where podview files the action items it creates."""


@dataclass(frozen=True)
class TacticsConfig:
    """The `[tactics]` table."""

    confidence: float = 95.0
    """Confidence (percent) a Win or Loss needs to count; below it the result is inconclusive."""


@dataclass(frozen=True)
class PacingConfig:
    """The `[pacing]` table: pace thresholds of the goal status."""

    on_track: float = 0.9
    """A pace at or above this is on track."""
    at_risk: float = 0.7
    """A pace at or above this (and below on_track) is at risk; below it, off track."""


@dataclass(frozen=True)
class TrainingConfig:
    """The `[training]` table: which projects hold training modules (never clients)."""

    projects: tuple[str, ...] = ()
    """Project names or gids that are training projects; when empty, `pattern` decides."""
    pattern: str = r"^Training\b"
    """Regular expression (case-insensitive) an unarchived project's name must match to be training."""


DEFAULT_RISK_WEIGHTS: dict[str, int] = {
    "goal_off_track": 30,
    "goal_at_risk": 15,
    "weekly_hit_rate_low": 15,
    "postponements": 10,
    "deadline_moved": 10,
    "loss_streak": 10,
    "new_client": 10,
    "status_red": 15,
    "status_yellow": 7,
    "spend_pacing": 10,
    "cpa_high": 10,
    "period_ending": 10,
}
"""The at-risk signals in metrics.md's order, with their default weights."""


@dataclass(frozen=True)
class Config:
    """Everything configurable, with defaults that follow conventions.md."""

    timezone: str = "UTC"
    """IANA zone all dates are counted in; default the machine's local zone."""
    asana: AsanaConfig = field(default_factory=AsanaConfig)
    """`[asana]`: which workspace, and how far back completed tasks are read."""
    pods: PodsConfig = field(default_factory=PodsConfig)
    """`[pods]`: which Asana teams are pods."""
    fields: FieldsConfig = field(default_factory=FieldsConfig)
    """`[fields]`: the custom field names and option labels podview reads."""
    sections: SectionsConfig = field(default_factory=SectionsConfig)
    """`[sections]`: the section names used where a project has no `Type` field."""
    tactics: TacticsConfig = field(default_factory=TacticsConfig)
    """`[tactics]`: the confidence a test result needs to count."""
    pacing: PacingConfig = field(default_factory=PacingConfig)
    """`[pacing]`: the pace thresholds of a goal's status."""
    risk_weights: dict[str, int] = field(default_factory=lambda: dict(DEFAULT_RISK_WEIGHTS))
    """`[risk.weights]`: points each at-risk signal adds when it fires."""
    training: TrainingConfig = field(default_factory=TrainingConfig)
    """`[training]`: which projects hold training modules."""
    keys: dict[str, str] = field(default_factory=dict)
    """`[keys]`: the TUI's keys by binding id (`?` lists the ids), e.g. `"go.risk" = "r"`."""
    exports_dir: Path | None = None
    """`exports_dir`: where screenshots and minutes are saved (`~` expanded); None: see `exports_folder`."""
    source: str | None = None
    """The file this config was read from (None when defaults)."""

    def exports_folder(self) -> Path:
        """Where the app saves what it exports: `exports_dir`, else `podview` in the user's documents folder.

        platformdirs is imported only here: the folder is needed when something
        is saved, never on the way to the first screen.
        """
        if self.exports_dir is not None:
            return self.exports_dir
        import platformdirs

        return platformdirs.user_documents_path() / "podview"
