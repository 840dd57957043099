"""Who may attend a meeting: the members of a pod, or of every pod, as the cache knows them.

The pods' Asana teams are synced with their members (`pod_members`, `users`);
a meeting's attendees are picked from them when it starts.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass


@dataclass(frozen=True)
class Member:
    """A pod member: the name meetings list them by, and the pods they belong to."""

    gid: str
    name: str
    """Their Asana name, else their email, else their gid: never blank."""
    pods: tuple[str, ...]


def pod_members(conn: sqlite3.Connection, pod: str | None = None) -> list[Member]:
    """The members of `pod` (its name, ignoring case, or its gid), or of every pod; each once, by name."""
    rows = conn.execute(
        "SELECT m.user_gid AS gid, u.name, u.email, p.gid AS pod_gid, p.name AS pod "
        "FROM pod_members m JOIN pods p ON p.gid = m.pod_gid LEFT JOIN users u ON u.gid = m.user_gid "
        "ORDER BY p.name COLLATE NOCASE, p.gid"
    ).fetchall()
    wanted = pod.strip() if pod is not None else None
    names: dict[str, str] = {}
    pods: dict[str, list[str]] = {}
    for row in rows:
        if wanted is not None and not (
            row["pod_gid"] == wanted or (row["pod"] or "").strip().casefold() == wanted.casefold()
        ):
            continue
        name = (row["name"] or "").strip() or (row["email"] or "").strip() or row["gid"]
        names[row["gid"]] = name
        pods.setdefault(row["gid"], []).append(row["pod"] or row["pod_gid"])
    members = [Member(gid, names[gid], tuple(pods[gid])) for gid in names]
    return sorted(members, key=lambda member: (member.name.casefold(), member.gid))
