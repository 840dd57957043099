"""Pieces every figure shares: which clients are in scope, ratios, local dates.

Figures are pure functions over a read connection (`sqlite3.Connection` with
`sqlite3.Row` rows); nothing here knows about Textual, httpx or the CLI.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date
from zoneinfo import ZoneInfo

from podview.dates import local_date, parse_timestamp


class ScopeError(ValueError):
    """A `--pod` or `--client` filter names nothing in the cache."""


@dataclass(frozen=True)
class ClientInfo:
    """A client project with the pod it belongs to."""

    gid: str
    name: str
    pod_gid: str | None
    pod: str | None


def clients_in_scope(
    conn: sqlite3.Connection, pod: str | None = None, client: str | None = None
) -> dict[str, ClientInfo]:
    """The clients a report covers, keyed by gid, after the `--pod`/`--client` filters.

    A filter matches a gid exactly or a name ignoring case and surrounding
    spaces; a filter that matches nothing is an error listing what exists.
    """
    rows = conn.execute(
        "SELECT c.gid, c.name, c.pod_gid, p.name AS pod FROM clients c "
        "LEFT JOIN pods p ON p.gid = c.pod_gid ORDER BY c.name COLLATE NOCASE, c.gid"
    ).fetchall()
    found = {row["gid"]: ClientInfo(row["gid"], row["name"], row["pod_gid"], row["pod"]) for row in rows}
    if pod is not None:
        pods = {(info.pod_gid, info.pod) for info in found.values()}
        wanted = {gid for gid, name in pods if _matches(pod, gid, name)}
        if not wanted:
            names = sorted({name or gid for gid, name in pods if gid}, key=str.casefold)
            raise ScopeError(f"no pod named {pod!r}; pods in the cache: {', '.join(names) or 'none'}")
        found = {gid: info for gid, info in found.items() if info.pod_gid in wanted}
    if client is not None:
        matching = {gid: info for gid, info in found.items() if _matches(client, gid, info.name)}
        if not matching:
            raise ScopeError(
                f"no client named {client!r}"
                + (f" in pod {pod!r}" if pod else "")
                + "; `podview report risk` lists every client"
            )
        found = matching
    return found


def _matches(wanted: str, gid: str | None, name: str | None) -> bool:
    return wanted.strip() == gid or (name is not None and wanted.strip().casefold() == name.strip().casefold())


def ratio(numerator: float, denominator: float) -> float | None:
    """numerator / denominator rounded to 4 decimals; None (shown as —) when the denominator is 0."""
    if not denominator:
        return None
    return round(numerator / denominator, 4)


def local_day(stamp: str | None, zone: ZoneInfo) -> date | None:
    """The local calendar date of an Asana UTC timestamp string."""
    return local_date(parse_timestamp(stamp), zone)


def user_names(conn: sqlite3.Connection) -> dict[str, str]:
    """Asana user gid → name, for assignee columns."""
    return {row["gid"]: row["name"] for row in conn.execute("SELECT gid, name FROM users")}
