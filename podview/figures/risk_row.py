"""One client's place in the risk ranking: the row that screens show and saved Home carries.

Apart from the ranking's computation (`figures/risk.py`), so that reading
Home back from the cache at launch does not load it.
"""

from __future__ import annotations

from dataclasses import dataclass


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
