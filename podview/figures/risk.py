"""The at-risk ranking (metrics.md "At-risk ranking"): the God-view's list of clients to worry about.

Each signal is a small question about one client; a signal whose inputs are
missing does not fire. The score is the sum of the fired signals' weights,
and the reasons are the fired signals in the table's order, so a founder can
read *why* a client is at the top.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date
from zoneinfo import ZoneInfo

from podview.config import DEFAULT_RISK_WEIGHTS, Config
from podview.dates import Week, months_days
from podview.figures.common import clients_in_scope
from podview.figures.goals import DEADLINE_MOVED, POSTPONED, deadline_kind
from podview.figures.pacing import pacing_report
from podview.figures.postponed import recreated_goals
from podview.figures.risk_row import RiskRow
from podview.figures.tactics import loss_streaks
from podview.figures.weekly import WeeklyGoal, client_statuses

SIGNALS = tuple(DEFAULT_RISK_WEIGHTS)
"""Signal names in metrics.md's order (the order reasons are listed in)."""

LIVE_PACING = ("on track", "at risk", "off track")


@dataclass(frozen=True)
class RiskReport:
    """The `risk` report: every client in scope, most at risk first."""

    clients: list[RiskRow]


def last_four_weeks(today: date) -> list[Week]:
    """The four ended weeks before today's week, oldest first."""
    current = Week.of(today)
    return [current.shift(-k) for k in range(4, 0, -1)]


def risk_report(
    conn: sqlite3.Connection,
    *,
    today: date,
    zone: ZoneInfo,
    config: Config,
    pod: str | None = None,
    client: str | None = None,
    weekly_goals: Mapping[Week, list[WeeklyGoal]] | None = None,
) -> RiskReport:
    """Score and rank the clients within the `--pod`/`--client` filters.

    `weekly_goals` may hand in every client's goals of `last_four_weeks(today)`
    (from `goals_by_week`) when the caller has them already, as Home does.
    """
    scope = clients_in_scope(conn, pod, client)
    fired = fired_signals(
        conn, scope.keys(), today=today, zone=zone, config=config, weekly_goals=weekly_goals
    )
    facts = _client_facts(conn)
    weights = config.risk_weights
    rows = []
    for gid, info in scope.items():
        reasons = [signal for signal in SIGNALS if signal in fired[gid]]
        rows.append((sum(weights.get(s, 0) for s in reasons), facts[gid]["mrr"], info, reasons))
    rows.sort(key=lambda r: (-r[0], r[1] is None, -(r[1] or 0), r[2].name.casefold(), r[2].gid))
    return RiskReport(
        [
            RiskRow(
                rank=i,
                client=info.name,
                client_gid=info.gid,
                pod=info.pod,
                score=score,
                mrr=mrr,
                reasons=reasons,
            )
            for i, (score, mrr, info, reasons) in enumerate(rows, start=1)
        ]
    )


def fired_signals(
    conn: sqlite3.Connection,
    client_gids: Collection[str],
    *,
    today: date,
    zone: ZoneInfo,
    config: Config,
    weekly_goals: Mapping[Week, list[WeeklyGoal]] | None = None,
) -> dict[str, set[str]]:
    """The signals that fire for each client (client gid → signal names)."""
    gids = set(client_gids)
    fired: dict[str, set[str]] = defaultdict(set)
    weeks = last_four_weeks(today)
    if weekly_goals is None:
        statuses = client_statuses(conn, weeks, today=today, zone=zone, client_gids=gids)
    else:
        statuses = [(goal.client_gid, goal.status) for week in weeks for goal in weekly_goals[week]]
    _pacing_signals(conn, gids, today, config, fired)
    _hit_rate_signal(gids, statuses, fired)
    _deadline_signals(conn, gids, weeks, zone, fired)
    for gid, streak in loss_streaks(
        conn, confidence=config.tactics.confidence, client_gids=gids
    ).items():
        if streak >= 3:
            fired[gid].add("loss_streak")
    facts = _client_facts(conn)
    for gid in gids:
        fired[gid] |= _fact_signals(facts[gid], today)
    return fired


def _pacing_signals(
    conn, gids: set[str], today: date, config: Config, fired: dict[str, set[str]]
) -> None:
    """goal_off_track / goal_at_risk (the first excludes the second) and period_ending."""
    statuses: dict[str, set[str]] = defaultdict(set)
    for goal in pacing_report(
        conn, today=today, on_track=config.pacing.on_track, at_risk=config.pacing.at_risk
    ).goals:
        if goal.client_gid not in gids:
            continue
        statuses[goal.client_gid].add(goal.status)
        if goal.status in LIVE_PACING and goal.days_left is not None and goal.days_left <= 21:
            fired[goal.client_gid].add("period_ending")
    for gid, seen in statuses.items():
        if seen & {"off track", "missed"}:
            fired[gid].add("goal_off_track")
        elif "at risk" in seen:
            fired[gid].add("goal_at_risk")


def _hit_rate_signal(gids: set[str], statuses: list[tuple[str, str]], fired) -> None:
    """Pooled hit rate over the last four weeks, carried-over goals included, below 0.7.

    `statuses` holds the client gid and status of each goal counted in those weeks.
    """
    decided: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for client_gid, status in statuses:
        if client_gid not in gids:
            continue
        if status in ("hit", "late", "missed"):
            decided[client_gid][1] += 1
            decided[client_gid][0] += status == "hit"
    for gid, (hits, total) in decided.items():
        if total and hits / total < 0.7:
            fired[gid].add("weekly_hit_rate_low")


def _deadline_signals(conn, gids: set[str], weeks: list[Week], zone: ZoneInfo, fired) -> None:
    """postponements (3 or more sanctioned, F in the window) and deadline_moved (a silent move or a re-creation)."""
    first, last = weeks[0].monday, weeks[-1].sunday
    postponements: dict[str, int] = defaultdict(int)
    rows = conn.execute(
        "SELECT client_gid, due_on, fixed_due_on, original_due, postpone_reason FROM tasks "
        "WHERE kind = 'weekly_goal' AND fixed_due_on BETWEEN ? AND ? AND due_on > fixed_due_on",
        [first.isoformat(), last.isoformat()],
    )
    for row in rows:
        kind = deadline_kind(
            row["due_on"], row["fixed_due_on"], row["original_due"], row["postpone_reason"]
        )
        if kind == POSTPONED:
            postponements[row["client_gid"]] += 1
        elif kind == DEADLINE_MOVED:
            fired[row["client_gid"]].add("deadline_moved")
    for gid, count in postponements.items():
        if count >= 3:
            fired[gid].add("postponements")
    recreated = recreated_goals(conn, zone=zone, client_gids=gids)
    if recreated:
        owners = _task_clients(conn, [r.task_gid for r in recreated])
        for item in recreated:
            created = item.created_at.astimezone(zone).date() if item.created_at else None
            if created and first <= created <= last:
                fired[owners[item.task_gid]].add("deadline_moved")


def _fact_signals(facts: sqlite3.Row, today: date) -> set[str]:
    """Signals read from the client's own facts and its latest status update."""
    fired = set()
    since = _as_date(facts["client_since"])
    if since is not None and 0 <= (today - since).days <= 90:
        fired.add("new_client")
    if facts["status"] == "off_track":
        fired.add("status_red")
    elif facts["status"] == "at_risk":
        fired.add("status_yellow")
    budget, spend = facts["monthly_budget"], facts["spend_mtd"]
    if budget is not None and spend is not None:
        expected = budget * today.day / months_days(today)
        if abs(spend - expected) > 0.15 * expected:
            fired.add("spend_pacing")
    if (
        facts["cpa"] is not None
        and facts["target_cpa"] is not None
        and facts["cpa"] > 1.2 * facts["target_cpa"]
    ):
        fired.add("cpa_high")
    return fired


def _client_facts(conn: sqlite3.Connection) -> dict[str, sqlite3.Row]:
    return {
        row["gid"]: row
        for row in conn.execute(
            "SELECT gid, mrr, client_since, monthly_budget, spend_mtd, cpa, target_cpa, status FROM clients"
        )
    }


def _task_clients(conn: sqlite3.Connection, gids: list[str]) -> dict[str, str]:
    marks = ",".join("?" * len(gids))
    return {
        row[0]: row[1]
        for row in conn.execute(f"SELECT gid, client_gid FROM tasks WHERE gid IN ({marks})", gids)
    }


def _as_date(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None
