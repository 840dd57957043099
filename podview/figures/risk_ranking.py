"""The whole agency's risk ranking, computed once per state of the cache and shared by every screen that needs it.

The Risk radar, a card's n/p order and the walkthrough each need every
client's score: some 60 ms of queries on a 160-client agency, paid again by
each. The ranking depends only on what the cache holds, the day and the
config, so the last one computed is kept under those and handed out again
while the cache file is unchanged (its size and modification time, and its
write-ahead log's).
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Hashable
from datetime import date
from zoneinfo import ZoneInfo

from podview.config import Config
from podview.figures.risk import risk_report
from podview.figures.risk_row import RiskRow

_lock = threading.Lock()
_last: tuple[Hashable, list[RiskRow]] | None = None


def whole_ranking(
    conn: sqlite3.Connection, *, today: date, zone: ZoneInfo, config: Config
) -> list[RiskRow]:
    """Every client, most at risk first (`risk_report(...).clients`), reused while the cache is unchanged."""
    global _last
    key = (_file_state(conn), today, str(zone), config)
    with _lock:
        if key[0] is not None and _last is not None and _last[0] == key:
            return list(_last[1])
    rows = risk_report(conn, today=today, zone=zone, config=config).clients
    with _lock:
        _last = (key, rows)
    return list(rows)


def _file_state(conn: sqlite3.Connection) -> Hashable:
    """The cache file's path with its and its log's size and time of change; None for a cache in memory."""
    path = conn.execute("PRAGMA database_list").fetchone()[2]
    if not path:
        return None
    state = []
    for name in (path, f"{path}-wal"):
        try:
            found = os.stat(name)
        except FileNotFoundError:
            state.append(None)
        else:
            state.append((found.st_size, found.st_mtime_ns))
    return path, tuple(state)
