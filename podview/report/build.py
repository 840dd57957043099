"""Compute a report's figures and shape them as cli.md's JSON objects.

This is the seam between the figures (dataclasses) and every output: the CLI
prints what `build_report` returns, in whichever format was asked for.
"""

from __future__ import annotations

import dataclasses
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from podview.config import Config
from podview.dates import Week, parse_timestamp

KINDS = ("weekly", "tactics", "postponed", "pacing", "risk", "people")
TIMESTAMP_KEYS = frozenset({"completed_at", "created_at"})


@dataclass(frozen=True)
class ReportOptions:
    """What the command line (or a screen) asked for."""

    today: date
    week: Week | None = None
    since: date | None = None
    confidence: float | None = None
    pod: str | None = None
    client: str | None = None
    weeks: int | None = None
    """people: how many ended weeks (1–16; None means 4)."""


def build_report(kind: str, conn: sqlite3.Connection, options: ReportOptions, config: Config) -> dict:
    """The report `kind` as a JSON-ready dict: `report`, `today`, `timezone`, then its own keys."""
    zone = ZoneInfo(config.timezone)
    body = _BUILDERS[kind](conn, options, config, zone)
    head = {"report": kind, "today": options.today.isoformat(), "timezone": config.timezone}
    return head | _json(body, zone)


def text_notes(kind: str, config: Config) -> dict:
    """What the text formats show beside cli.md's JSON keys: a risk score's scale (highest possible score)."""
    if kind != "risk":
        return {}
    from podview.figures.risk_row import score_max
    from podview.report.sections import SCORE_MAX

    return {SCORE_MAX: score_max(config.risk_weights)}


def _weekly(conn, options: ReportOptions, config: Config, zone: ZoneInfo) -> Any:
    from podview.figures.weekly import weekly_report

    week = options.week or Week.of(options.today)
    return weekly_report(conn, week=week, today=options.today, zone=zone, pod=options.pod, client=options.client)


def _tactics(conn, options: ReportOptions, config: Config, zone: ZoneInfo) -> Any:
    from podview.figures.tactics import tactics_report

    return tactics_report(
        conn,
        since=options.since or options.today - timedelta(days=90),
        confidence=config.tactics.confidence if options.confidence is None else options.confidence,
        today=options.today,
        zone=zone,
        pod=options.pod,
        client=options.client,
    )


def _postponed(conn, options: ReportOptions, config: Config, zone: ZoneInfo) -> Any:
    from podview.figures.postponed import postponed_report

    return postponed_report(conn, today=options.today, zone=zone, pod=options.pod, client=options.client)


def _pacing(conn, options: ReportOptions, config: Config, zone: ZoneInfo) -> Any:
    from podview.figures.pacing import pacing_report

    return pacing_report(
        conn,
        today=options.today,
        on_track=config.pacing.on_track,
        at_risk=config.pacing.at_risk,
        pod=options.pod,
        client=options.client,
    )


def _risk(conn, options: ReportOptions, config: Config, zone: ZoneInfo) -> Any:
    from podview.figures.risk import risk_report

    return risk_report(conn, today=options.today, zone=zone, config=config, pod=options.pod, client=options.client)


def _people(conn, options: ReportOptions, config: Config, zone: ZoneInfo) -> Any:
    from podview.figures.people import people_report

    return people_report(
        conn,
        today=options.today,
        zone=zone,
        weeks=options.weeks or 4,
        since=options.since or options.today - timedelta(days=90),
        confidence=config.tactics.confidence if options.confidence is None else options.confidence,
        pod=options.pod,
    )


_BUILDERS = {
    "weekly": _weekly,
    "tactics": _tactics,
    "postponed": _postponed,
    "pacing": _pacing,
    "risk": _risk,
    "people": _people,
}


def _json(value: Any, zone: ZoneInfo, key: str | None = None) -> Any:
    """Dataclasses to dicts, dates to `YYYY-MM-DD`, Asana's UTC timestamps to local ISO 8601 with offset."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _json(getattr(value, f.name), zone, f.name) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {k: _json(v, zone, k) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json(v, zone) for v in value]
    if isinstance(value, datetime):
        return value.astimezone(zone).isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Week):
        return value.name
    if key in TIMESTAMP_KEYS and isinstance(value, str):
        stamp = parse_timestamp(value)
        return stamp.astimezone(zone).isoformat(timespec="seconds") if stamp else value
    return value
