"""Tactic win/loss tallies (metrics.md, "Tactic win/loss tallies").

A tactic is a Win or a Loss only when its test was confident enough; below the
threshold the result is inconclusive, so that a lucky small test does not pass
for a lesson learned. The Wilson interval beside each win rate keeps 2 wins of
2 from looking like a sure thing.
"""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

from podview.figures.common import ClientInfo, clients_in_scope, local_day, ratio, user_names

Tally = Literal["running", "win", "loss", "inconclusive"]

NO_KIND = "(none)"
"""The kind of a tactic whose `Tactic` field is empty."""

_SCOPE_MARGIN = timedelta(days=2)
"""How far before `since` the SQL pre-filter reaches: more than any zone's UTC offset."""


def wilson_interval(wins: int, n: int, z: float = 1.96) -> list[float] | None:
    """Wilson score interval for `wins` out of `n`, bounds rounded to 4 decimals; None when n = 0.

    Unlike the normal approximation it never collapses to [1, 1] for 2 of 2,
    which is the point: few tests say little.
    """
    if n < 0 or not 0 <= wins <= n:
        raise ValueError(f"need 0 <= wins <= n, got wins={wins}, n={n}")
    if n == 0:
        return None
    p = wins / n
    z2 = z * z
    denominator = 1 + z2 / n
    centre = (p + z2 / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denominator
    return [round(max(0.0, centre - half), 4), round(min(1.0, centre + half), 4)]


def tally(result: str | None, confidence: float | None, threshold: float) -> Tally:
    """Which column a tactic counts in, per metrics.md's table.

    An empty confidence counts (tactics that are not tests carry none); a
    confidence exactly at the threshold counts too. A result that is neither
    win, loss nor inconclusive was still decided, so it is inconclusive rather
    than running.
    """
    word = (result or "").strip().casefold()
    if not word:
        return "running"
    confident = confidence is None or confidence >= threshold
    if word == "win" and confident:
        return "win"
    if word == "loss" and confident:
        return "loss"
    return "inconclusive"


@dataclass
class TallyRow:
    """Tallies of one designer or one pod."""

    name: str | None
    running: int = 0
    win: int = 0
    loss: int = 0
    inconclusive: int = 0
    win_rate: float | None = None
    win_rate_ci: list[float] | None = None


@dataclass
class TacticRow:
    """Tallies of one tactic kind at one client, with the client's loss streak."""

    client: str
    client_gid: str
    pod: str | None
    tactic: str
    running: int = 0
    win: int = 0
    loss: int = 0
    inconclusive: int = 0
    win_rate: float | None = None
    win_rate_ci: list[float] | None = None
    loss_streak: int | None = 0
    """Decided tests lost in a row, latest first; None where it is withheld (a client watching)."""


@dataclass
class TacticsReport:
    """The `tactics` report: rows per (client, kind), and the same tallies per designer and pod."""

    since: date
    confidence: float
    rows: list[TacticRow] = field(default_factory=list)
    by_designer: list[TallyRow] = field(default_factory=list)
    by_pod: list[TallyRow] = field(default_factory=list)


def tactics_report(
    conn: sqlite3.Connection,
    *,
    since: date,
    confidence: float,
    today: date,
    zone: ZoneInfo,
    pod: str | None = None,
    client: str | None = None,
) -> TacticsReport:
    """Tally the tactics completed (or, when running, created) on or after `since`, local dates.

    `today` is accepted so every report takes the same arguments; the window
    is `since` alone (the CLI derives its default, today − 90 days).
    Raises ScopeError when `pod` or `client` names nothing.
    """
    clients = clients_in_scope(conn, pod, client)
    names = user_names(conn)
    by_client: dict[tuple[str, str], TacticRow] = {}
    by_designer: dict[str | None, TallyRow] = {}
    by_pod: dict[str | None, TallyRow] = {}
    for row in _tactics_since(conn, since, zone, clients):
        info = clients[row["client_gid"]]
        column = tally(row["result"], row["confidence"], confidence)
        kind = (row["tactic"] or "").strip() or NO_KIND
        key = (info.gid, kind)
        if key not in by_client:
            by_client[key] = TacticRow(info.name, info.gid, info.pod, kind)
        _count(by_client[key], column)
        assignee = row["assignee_gid"]
        designer = by_designer.setdefault(assignee, TallyRow(_designer_name(assignee, names)))
        _count(designer, column)
        _count(by_pod.setdefault(info.pod_gid, TallyRow(info.pod)), column)
    streaks = loss_streaks(conn, confidence=confidence, client_gids={gid for gid, _ in by_client})
    rows = [_finish(row) for row in _client_order(by_client, clients)]
    for tactic_row in rows:
        tactic_row.loss_streak = streaks[tactic_row.client_gid]
    return TacticsReport(
        since=since,
        confidence=confidence,
        rows=rows,
        by_designer=[_finish(row) for row in _name_order(by_designer)],
        by_pod=[_finish(row) for row in _name_order(by_pod)],
    )


def tactics_by_user(
    conn: sqlite3.Connection, *, since: date, confidence: float, zone: ZoneInfo
) -> dict[str | None, tuple[TallyRow, set[str]]]:
    """The `by_designer` tallies of the whole report, keyed by user gid, with the clients each one's tactics are for.

    Counted exactly as `tactics_report` counts its designers (same scope,
    same tally), for People, which keys people by gid, not by name.
    """
    clients = clients_in_scope(conn)
    names = user_names(conn)
    found: dict[str | None, tuple[TallyRow, set[str]]] = {}
    for row in _tactics_since(conn, since, zone, clients):
        assignee = row["assignee_gid"]
        designer, served = found.setdefault(assignee, (TallyRow(_designer_name(assignee, names)), set()))
        _count(designer, tally(row["result"], row["confidence"], confidence))
        served.add(row["client_gid"])
    for designer, _ in found.values():
        _finish(designer)
    return found


@dataclass(frozen=True)
class UserTactic:
    """One tactic of one person, counted as the tactics report counts it."""

    task_gid: str
    name: str | None
    client: str
    client_gid: str
    tactic: str
    tally: Tally
    day: date | None
    """The local date it was completed (else created): what puts it in scope."""


def tactics_of(
    conn: sqlite3.Connection, user_gid: str, *, since: date, confidence: float, zone: ZoneInfo
) -> list[UserTactic]:
    """The person's tactics in `by_designer`'s scope and tally (so they add up to their row there), newest first."""
    clients = clients_in_scope(conn)
    found = [
        UserTactic(
            row["gid"], row["name"], clients[row["client_gid"]].name, row["client_gid"],
            (row["tactic"] or "").strip() or NO_KIND,
            tally(row["result"], row["confidence"], confidence), local_day(row["stamp"], zone),
        )
        for row in _tactics_since(conn, since, zone, clients)
        if row["assignee_gid"] == user_gid
    ]
    return sorted(found, key=lambda item: (item.day or date.min, item.task_gid), reverse=True)


def loss_streaks(
    conn: sqlite3.Connection, *, confidence: float, client_gids: Collection[str] | None = None
) -> dict[str, int]:
    """Each client's current run of losses, counted back from its latest completed tactic.

    Looks at every completed tactic, whatever `--since` says: a streak is a
    client's history, not a window's. Order is completed_at, then gid
    (numerically, as Asana gids are digit strings), so of two tactics
    completed at the same instant the higher gid is the more recent.
    Inconclusive and result-less tactics neither count nor break the streak.
    `client_gids` None means every client in the cache; listed clients
    without tactics get 0.
    """
    if client_gids is None:
        wanted = None
        streaks = {row[0]: 0 for row in conn.execute("SELECT gid FROM clients")}
    else:
        wanted = set(client_gids)
        streaks = dict.fromkeys(wanted, 0)
    settled: set[str] = set()
    rows = conn.execute(
        "SELECT client_gid, result, confidence FROM tasks "
        "WHERE kind = 'tactic' AND completed_at IS NOT NULL AND completed_at != '' "
        "ORDER BY client_gid, julianday(completed_at) DESC, length(gid) DESC, gid DESC"
    )
    for client_gid, result, row_confidence in rows:
        if client_gid in settled or (wanted is not None and client_gid not in wanted):
            continue
        streaks.setdefault(client_gid, 0)
        column = tally(result, row_confidence, confidence)
        if column == "loss":
            streaks[client_gid] += 1
        elif column == "win":
            settled.add(client_gid)
    return streaks


def _tactics_since(
    conn: sqlite3.Connection, since: date, zone: ZoneInfo, clients: dict[str, ClientInfo]
) -> Iterable[sqlite3.Row]:
    """Tactic rows of in-scope clients whose completion (else creation) local date is ≥ since.

    SQL cuts by a UTC bound two days early, which no time zone can cross;
    the exact local-date test is then made in Python on what is left.
    """
    bound = (since - _SCOPE_MARGIN).isoformat()
    rows = conn.execute(
        "SELECT gid, name, client_gid, tactic, result, confidence, assignee_gid, "
        "COALESCE(NULLIF(completed_at, ''), created_at) AS stamp FROM tasks "
        "WHERE kind = 'tactic' AND COALESCE(NULLIF(completed_at, ''), created_at) >= ?",
        [bound],
    )
    for row in rows:
        if row["client_gid"] in clients:
            day = local_day(row["stamp"], zone)
            if day is not None and day >= since:
                yield row


def _count(row: TacticRow | TallyRow, column: Tally) -> None:
    setattr(row, column, getattr(row, column) + 1)


def _finish(row: TacticRow | TallyRow) -> TacticRow | TallyRow:
    """Fill in the win rate and its interval once every tactic is counted."""
    decided = row.win + row.loss
    row.win_rate = ratio(row.win, decided)
    row.win_rate_ci = wilson_interval(row.win, decided)
    return row


def _designer_name(assignee_gid: str | None, names: dict[str, str]) -> str | None:
    """The user's name, else the gid: a user the cache lacks is not mistaken for unassigned."""
    if assignee_gid is None:
        return None
    return names.get(assignee_gid) or assignee_gid


def _client_order(
    rows: dict[tuple[str, str], TacticRow], clients: dict[str, ClientInfo]
) -> list[TacticRow]:
    """Clients in scope order (name, then gid); kinds by name ignoring case, `(none)` last."""
    position = {gid: index for index, gid in enumerate(clients)}
    return sorted(
        rows.values(),
        key=lambda row: (
            position[row.client_gid],
            row.tactic == NO_KIND,
            row.tactic.casefold(),
            row.tactic,
        ),
    )


def _name_order(rows: dict[str | None, TallyRow]) -> list[TallyRow]:
    """By name ignoring case, then gid; the unnamed row (unassigned, no pod) last."""

    def order(key: str | None) -> tuple[bool, str, str, str]:
        name = rows[key].name
        return (name is None, (name or "").casefold(), name or "", key or "")

    return [rows[key] for key in sorted(rows, key=order)]
