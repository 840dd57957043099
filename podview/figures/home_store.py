"""Home's figures saved in the cache, so that opening podview is one read of a few rows.

Home is computed from the whole cache (every pod's weeks, every goal's
pace, every client's risk): some 100–200 ms on a large agency. Whoever
writes the cache (a sync, the demo build, a send that patched it) computes
Home once more at the end, for its `today` and the configuration's figures
settings, and saves it here; the app reads it back at launch. A trigger on
each table Home reads (cache migration `0004_saved_home`) drops the saved
figures in the same transaction as any change, so a saved Home is never
older than the data it was computed from. A Home saved for another day, by
another podview, or under other settings is simply not found, and the app
computes it in a worker (and saves it for the next start).

The outbox counts are not saved: decisions change them often, and they are
one indexed query, so they are counted afresh on every read.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import asdict, fields
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from podview import __version__
from podview.config import Config
from podview.dates import Week
from podview.figures.home_model import CoachNeed, DueGoal, HomeData, PodGlance, SyncState
from podview.figures.outbox import outbox_counts
from podview.figures.pacing import GoalPacing
from podview.figures.risk_row import RiskRow

VERSION = 3
"""Bumped whenever what is saved changes meaning without changing shape (2: this week's goals due saved; 3: who needs coaching)."""

SHAPE = f"v{VERSION}:" + ",".join(
    f"{kind.__name__}({','.join(f.name for f in fields(kind))})"
    for kind in (HomeData, PodGlance, SyncState, GoalPacing, RiskRow, DueGoal, CoachNeed)
)
"""The saved figures' shape: a podview that reads other fields does not find rows saved by this one."""


def figures_key(config: Config) -> str:
    """What, besides the day, Home's figures depend on: the settings they are counted with, and this podview."""
    settings = (
        config.timezone,
        config.pacing,
        config.tactics,
        sorted(config.risk_weights.items()),
    )
    text = f"{__version__}|{SHAPE}|{settings!r}"
    return hashlib.sha256(text.encode()).hexdigest()[:24]


def saved_home(conn: sqlite3.Connection, *, today: date, config: Config) -> HomeData | None:
    """Home as saved for `today` and these settings (with the outbox counted now), or None."""
    try:
        row = conn.execute(
            "SELECT payload FROM saved_home WHERE today = ? AND figures_key = ?",
            [today.isoformat(), figures_key(config)],
        ).fetchone()
    except sqlite3.OperationalError:  # a cache opened read-only before its migration
        return None
    if row is None:
        return None
    return _decode(json.loads(row[0]), outbox=outbox_counts(conn))


def saved_home_in(path: Path, *, today: date, config: Config) -> HomeData | None:
    """Home as saved in the cache file at `path`, or None: none saved, no file, or one that cannot be read.

    The app's launch reads this before its first paint. None is never an
    error here: Home then computes its figures itself, and reports any
    problem with the cache the way every screen does.
    """
    from podview.cache import CacheError, open_reader

    if not path.is_file():
        return None
    try:
        conn = open_reader(path)
    except (CacheError, OSError):
        return None
    try:
        return saved_home(conn, today=today, config=config)
    except sqlite3.Error:
        return None
    finally:
        conn.close()


def current_home(conn: sqlite3.Connection, *, path: Path, today: date, config: Config) -> HomeData:
    """Home as saved, else computed now on `conn` and saved at `path` for the next start (unless busy)."""
    saved = saved_home(conn, today=today, config=config)
    if saved is not None:
        return saved
    from podview.figures.home import (
        home_data,  # the computation loads only when needed: a launch reads Home saved
    )

    data = home_data(conn, today=today, zone=ZoneInfo(config.timezone), config=config)
    remember_at(path, today=today, config=config, data=data)
    return data


def save_home(conn: sqlite3.Connection, *, today: date, config: Config) -> HomeData:
    """Compute Home on `conn` (a writable connection) and save it for `today` and these settings.

    Called by the writers at the end of their write, after their own
    transaction, so that the figures are those of the data as committed.
    """
    from podview.figures.home import home_data

    previous, conn.row_factory = conn.row_factory, sqlite3.Row
    try:
        data = home_data(conn, today=today, zone=ZoneInfo(config.timezone), config=config)
    finally:
        conn.row_factory = previous
    remember(conn, today=today, config=config, data=data)
    return data


def remember(conn: sqlite3.Connection, *, today: date, config: Config, data: HomeData) -> None:
    """Save figures already computed (the app's fallback, after computing them in a worker)."""
    with conn:
        conn.execute(
            "INSERT OR REPLACE INTO saved_home (today, figures_key, payload, saved_at) VALUES (?, ?, ?, ?)",
            [
                today.isoformat(),
                figures_key(config),
                json.dumps(_encode(data), separators=(",", ":")),
                datetime.now(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z"),
            ],
        )


def remember_at(path: Path, *, today: date, config: Config, data: HomeData) -> bool:
    """Save figures into the cache file at `path` unless it is busy; whether they were saved.

    The app calls this after computing Home itself. A sync holding the file
    will save Home at its own end, so waiting for it would gain nothing.
    """
    try:
        conn = sqlite3.connect(path, timeout=0.2)
    except sqlite3.Error:
        return False
    try:
        remember(conn, today=today, config=config, data=data)
        return True
    except sqlite3.Error:
        return False
    finally:
        conn.close()


def _encode(data: HomeData) -> dict[str, Any]:
    payload = asdict(data)
    payload.pop("outbox")
    return json.loads(json.dumps(payload, default=_date_text))


def _date_text(value: object) -> str:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"cannot save {type(value).__name__} in Home's figures")


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _decode(payload: dict[str, Any], *, outbox) -> HomeData:
    sync = payload["sync"]
    return HomeData(
        week=Week(date.fromisoformat(payload["week"]["monday"])),
        pods=[PodGlance(**pod) for pod in payload["pods"]],
        off_pace=[
            GoalPacing(
                **{**goal, "start_on": _day(goal["start_on"]), "due_on": _day(goal["due_on"])}
            )
            for goal in payload["off_pace"]
        ],
        ranking=[RiskRow(**row) for row in payload["ranking"]],
        sync=SyncState(**{**sync, "finished_day": _day(sync["finished_day"])}) if sync else None,
        outbox=outbox,
        postponed_4_weeks=payload["postponed_4_weeks"],
        due=[
            DueGoal(**{**goal, "due_on": date.fromisoformat(goal["due_on"])})
            for goal in payload["due"]
        ],
        coaching=[CoachNeed(**need) for need in payload["coaching"]],
    )


def any_home_saved(conn: sqlite3.Connection) -> bool:
    """Whether any Home is saved: a writer that finds none after its write knows it dropped one."""
    try:
        return conn.execute("SELECT 1 FROM saved_home LIMIT 1").fetchone() is not None
    except sqlite3.OperationalError:
        return False
