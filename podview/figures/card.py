"""One client on one card: every figure the client card shows, read in one worker run.

The card (and the Growth Team walkthrough, which shows the same card) calls
`client_card` off the UI thread and draws what comes back. In client-safe
mode the Asana status history and recorded decisions are not even read.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from podview.config import Config
from podview.dates import Week
from podview.figures.common import ClientInfo, clients_in_scope
from podview.figures.pacing import GoalPacing, pacing_report
from podview.figures.postponed import PostponedReport, postponed_report
from podview.figures.postponed_scope import ALL, scoped
from podview.figures.risk import RiskRow
from podview.figures.risk_ranking import whole_ranking
from podview.figures.row_marks import RowMarks, row_marks
from podview.figures.tactics import TacticsReport, tactics_report
from podview.figures.weekly import WeeklyReport, weekly_report

HISTORY = 6
"""Status updates and decisions shown: enough to see a trend, few enough for one screen."""
MOVES_SCOPE = ALL
"""The card lists every move of the client, whatever its week: its panel says so with this scope's label."""


@dataclass(frozen=True)
class ClientFacts:
    """What the cache knows of the client beyond its name and pod (all None when it lacks the row)."""

    mrr: float | None = None
    client_since: str | None = None
    status: str | None = None
    """Asana's status of the client's project: `on_track`, `at_risk`, `off_track`…"""
    status_title: str | None = None
    status_at: str | None = None


@dataclass(frozen=True)
class StatusUpdate:
    """One status update of the client's project, as written in Asana."""

    status_type: str | None
    title: str | None
    text: str | None
    created_at: str | None


@dataclass(frozen=True)
class CardDecision:
    """A decision recorded about the client, one of its tasks or one of the goals it supports."""

    kind: str
    state: str
    payload: str | None
    """The decision's fields as JSON, as the outbox holds them."""
    error: str | None
    created_at: str | None


@dataclass(frozen=True)
class CardData:
    """One client's figures, as the card shows them."""

    info: ClientInfo
    facts: ClientFacts
    risk: RiskRow | None
    ranking: list[RiskRow] | None
    goals: list[GoalPacing]
    weeks: list[WeeklyReport]
    tactics: TacticsReport
    moves: PostponedReport | None
    """None while a client watches (see `client_view`)."""
    statuses: list[StatusUpdate]
    decisions: list[CardDecision]
    marks: RowMarks
    """Which weekly goals are overdue, and (unless a client watches) which wait on a decision in the outbox."""


def client_card(
    conn: sqlite3.Connection,
    gid: str,
    *,
    today: date,
    zone: ZoneInfo,
    config: Config,
    ranking: list[RiskRow] | None = None,
    client_safe: bool = False,
) -> CardData:
    """Every figure for one client; the full risk ranking only when none is given (and not client-safe).

    Raises `ScopeError` when the cache has no such client.
    """
    info = clients_in_scope(conn, client=gid)[gid]
    if ranking is None and not client_safe:
        ranking = whole_ranking(conn, today=today, zone=zone, config=config)
    week = Week.of(today)
    return CardData(
        info=info,
        facts=client_facts(conn, gid),
        risk=next((row for row in ranking or [] if row.client_gid == gid), None),
        ranking=ranking,
        goals=pacing_report(
            conn,
            today=today,
            on_track=config.pacing.on_track,
            at_risk=config.pacing.at_risk,
            client=gid,
        ).goals,
        weeks=[
            weekly_report(conn, week=w, today=today, zone=zone, client=gid)
            for w in (week, week.shift(-1))
        ],
        tactics=tactics_report(
            conn,
            since=today - timedelta(days=90),
            confidence=config.tactics.confidence,
            today=today,
            zone=zone,
            client=gid,
        ),
        moves=scoped(postponed_report(conn, today=today, zone=zone, client=gid), MOVES_SCOPE, today),
        statuses=[] if client_safe else status_history(conn, gid),
        decisions=[] if client_safe else client_decisions(conn, gid),
        marks=row_marks(conn, today, with_outbox=not client_safe),
    )


def client_facts(conn: sqlite3.Connection, gid: str) -> ClientFacts:
    """The client's MRR, start and Asana status; all None when the cache has no such client."""
    row = conn.execute(
        "SELECT mrr, client_since, status, status_title, status_at FROM clients WHERE gid = ?",
        [gid],
    ).fetchone()
    return ClientFacts(**dict(row)) if row else ClientFacts()


def status_history(conn: sqlite3.Connection, gid: str, limit: int = HISTORY) -> list[StatusUpdate]:
    """The latest status updates of the client's project, newest first."""
    rows = conn.execute(
        "SELECT status_type, title, text, created_at FROM status_updates WHERE parent_gid = ? "
        "ORDER BY created_at DESC LIMIT ?",
        [gid, limit],
    )
    return [StatusUpdate(**dict(row)) for row in rows]


def client_decisions(
    conn: sqlite3.Connection, gid: str, limit: int = HISTORY
) -> list[CardDecision]:
    """The latest decisions about the client itself, one of its tasks or one of the goals it supports."""
    rows = conn.execute(
        "SELECT kind, state, payload, error, created_at FROM decisions WHERE target_gid = ? "
        "OR target_gid IN (SELECT gid FROM tasks WHERE client_gid = ?) "
        "OR target_gid IN (SELECT goal_gid FROM goal_clients WHERE client_gid = ?) "
        "ORDER BY created_at DESC LIMIT ?",
        [gid, gid, gid, limit],
    )
    return [CardDecision(**dict(row)) for row in rows]
