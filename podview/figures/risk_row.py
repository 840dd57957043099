"""One client's place in the risk ranking: the row that screens show and saved Home carries.

Apart from the ranking's computation (`figures/risk.py`), so that reading
Home back from the cache at launch does not load it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

EXCLUSIVE = (("goal_off_track", "goal_at_risk"), ("status_red", "status_yellow"))
"""Signals of which at most one fires for a client (metrics.md: "else"; one latest project status)."""


@dataclass(frozen=True)
class RiskRow:
    """One client's place in the ranking."""

    rank: int
    client: str
    client_gid: str
    pod: str | None
    score: int
    mrr: float | None
    reasons: list[str]

    @property
    def at_risk(self) -> bool:
        """Some warning sign fired (a score above 0): what Home counts as a client at risk."""
        return self.score > 0


def score_max(weights: Mapping[str, int]) -> int:
    """The highest score a client can reach with these weights: every signal, but one of each exclusive pair.

    Scores are shown against it ("65 of 130"), so that a reader knows how
    far up the scale a client is without knowing the weights.
    """
    paired = {signal for pair in EXCLUSIVE for signal in pair}
    alone = sum(weight for signal, weight in weights.items() if signal not in paired)
    return alone + sum(max(weights.get(signal, 0) for signal in pair) for pair in EXCLUSIVE)
