"""Failures the fake injects, reproducibly, so retry and write-back paths meet real trouble.

Rates are shares of requests. One seeded random draw per request decides,
in arrival order, so a single-threaded client sees the same faults on every
run. A request identical to one that just failed `max_consecutive` times in a
row is let through: a client that retries enough always gets an answer.
"""

from __future__ import annotations

import random
import threading
from dataclasses import dataclass
from enum import Enum


class Fault(Enum):
    """What happens to one request instead of (or after) its normal answer."""

    ERROR_5XX = "5xx"
    DROP = "drop"
    RATE_LIMIT = "429"
    STORM = "storm"
    LOST_RESPONSE = "lost"


@dataclass
class Faults:
    """The fault knobs; assign a new one to `FakeAsana.faults` at any time.

    - `error_5xx`: share answered 500/502/503/504.
    - `drop`: share whose connection is closed without any response.
    - `rate_limit`: share answered 429 with `Retry-After: retry_after`.
    - `lost_response`: share of writes that are applied, then the connection
      is closed without a response (the write-back's "unclear failure").
    """

    error_5xx: float = 0.0
    drop: float = 0.0
    rate_limit: float = 0.0
    retry_after: int = 1
    lost_response: float = 0.0
    max_consecutive: int = 2


class FaultPlan:
    """Draws the fault of each request from one seeded generator, thread-safely."""

    STATUSES = (500, 502, 503, 504)

    def __init__(self, seed: int) -> None:
        self._rng = random.Random(seed)
        self._lock = threading.Lock()
        self._streaks: dict[tuple, int] = {}
        self._storm = 0
        self._storm_retry_after = 1

    def storm(self, n: int, retry_after: int) -> None:
        """Make the next `n` requests 429 whatever the rates."""
        with self._lock:
            self._storm, self._storm_retry_after = n, retry_after

    def draw(self, faults: Faults, key: tuple, *, write: bool) -> tuple[Fault | None, int]:
        """(fault, detail) for one request: detail is the 5xx status or the Retry-After seconds."""
        with self._lock:
            if self._storm > 0:
                self._storm -= 1
                return Fault.STORM, self._storm_retry_after
            roll = self._rng.random()
            status = self._rng.choice(self.STATUSES)
            if self._streaks.get(key, 0) >= faults.max_consecutive:
                self._streaks.pop(key, None)
                return None, 0
            fault, detail = self._pick(faults, roll, status, write)
            if fault is None:
                self._streaks.pop(key, None)
            else:
                self._streaks[key] = self._streaks.get(key, 0) + 1
            return fault, detail

    @staticmethod
    def _pick(faults: Faults, roll: float, status: int, write: bool) -> tuple[Fault | None, int]:
        """Map one uniform draw onto the bands drop | 5xx | 429 | lost response."""
        bands = [
            (faults.drop, Fault.DROP, 0),
            (faults.error_5xx, Fault.ERROR_5XX, status),
            (faults.rate_limit, Fault.RATE_LIMIT, faults.retry_after),
            (faults.lost_response if write else 0.0, Fault.LOST_RESPONSE, 0),
        ]
        edge = 0.0
        for share, fault, detail in bands:
            edge += share
            if roll < edge:
                return fault, detail
        return None, 0
