"""The vocabulary one push shares: a decision in flight, what the push cost, where it ended.

The sender, its marker look-up, its batches and its ledger all pass these
around; they live here, importing none of those modules, so each of them can
import this one without a cycle.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from podview.decisions.outbox import Decision
from podview.decisions.requests import Step
from podview.sync.errors import AsanaUnreachable, AuthError

CONFLICT_STATUSES = (403, 404, 410)
"""Answers meaning the target is gone or out of reach (deleted, or moved where the token cannot see)."""


@dataclass
class PushStats:
    """What a push cost, for `podview push` and the benchmark.

    `actions` counts batch actions sent and `resent` those sent again in this
    push (an idempotent write after an unclear answer, or a create whose
    marker was not found). `unclear` counts steps sent without a clear answer
    and `unclear_creates` the creates among them, each needing a look-up (one
    listing per target at most); `lookups` counts the listings made, and
    `catalogue` the GETs for field, option and section gids.
    """

    rounds: int = 0
    batches: int = 0
    actions: int = 0
    resent: int = 0
    lookups: int = 0
    unclear: int = 0
    unclear_creates: int = 0
    catalogue: int = 0


@dataclass
class PushResult:
    """Where each decision of the push ended, and why sending stopped early (if it did)."""

    sent: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    conflict: list[str] = field(default_factory=list)
    pending: list[str] = field(default_factory=list)
    stats: PushStats = field(default_factory=PushStats)
    stopped: str | None = None

    @property
    def exit_code(self) -> int:
        """cli.md: 2 when Asana could not be reached or kept refusing, 3 when some failed or conflict, else 0."""
        if self.stopped:
            return 2
        if self.failed or self.conflict:
            return 3
        return 2 if self.pending else 0


class Stop(Exception):
    """Asana is unreachable or refuses the token: stop sending, leave the rest as it is."""


async def guard(awaitable: Any) -> Any:
    """Run a read; Asana unreachable or refusing the token stops the push."""
    try:
        return await awaitable
    except (AsanaUnreachable, AuthError) as error:
        raise Stop(str(error)) from None


@dataclass
class Work:
    """A decision being pushed: its planned stages and its failures in this push."""

    decision: Decision
    stages: list[list[Step]] | None = None
    tries: int = 0
    parked: bool = False

    def steps(self) -> list[Step]:
        return [step for stage in self.stages or [] for step in stage]

    def step(self, name: str) -> Step | None:
        return next((s for s in self.steps() if s.name == name), None)

    @property
    def complete(self) -> bool:
        return self.stages is not None and all(s.name in self.decision.progress.done for s in self.steps())


def discard(items: list[str], name: str) -> None:
    """Remove `name` if present: a step's unclear mark may already be gone."""
    if name in items:
        items.remove(name)
