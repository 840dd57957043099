"""A 90-day goal's metric beyond its pacing: how its values are written, and its history.

The pacing screen reads both in its workers: every goal's unit once with the
report, and the selected goal's snapshots (one per sync) when it is selected.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple
from zoneinfo import ZoneInfo

from podview.dates import parse_timestamp

CURRENCY_SIGNS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥"}


@dataclass(frozen=True)
class Metric:
    """How a goal's metric values are written: unit, currency and decimals."""

    unit: str | None = None
    currency: str | None = None
    precision: int | None = None

    def format(self, value: float | None) -> str:
        """A value as the goal states it: `$126.00`, `3.4%`, `14,400`; `—` when unknown."""
        if value is None:
            return "—"
        if self.unit == "percentage":
            return f"{value * 100:,.{self.precision if self.precision is not None else 1}f}%"
        digits = (
            self.precision if self.precision is not None else (2 if self.unit == "currency" else 0)
        )
        number = f"{value:,.{digits}f}"
        if self.unit == "currency" and self.currency:
            sign = CURRENCY_SIGNS.get(self.currency)
            return f"{sign}{number}" if sign else f"{number} {self.currency}"
        return number


class Snapshot(NamedTuple):
    """The goal's metric as one sync found it."""

    taken_at: datetime
    """When, in the configured time zone."""
    current: float | None


def goal_metrics(conn: sqlite3.Connection) -> dict[str, Metric]:
    """How each goal's values are written, by goal gid."""
    return {
        row["gid"]: Metric(row["unit"], row["currency_code"], row["precision"])
        for row in conn.execute("SELECT gid, unit, currency_code, precision FROM goals")
    }


def metric_history(conn: sqlite3.Connection, goal_gid: str, zone: ZoneInfo) -> list[Snapshot]:
    """The goal's metric snapshots, oldest first; one with an unreadable time is left out."""
    rows = conn.execute(
        "SELECT taken_at, current FROM goal_snapshots WHERE goal_gid = ? ORDER BY taken_at",
        [goal_gid],
    ).fetchall()
    return [
        Snapshot(parse_timestamp(at).astimezone(zone), value)
        for at, value in rows
        if parse_timestamp(at)
    ]
