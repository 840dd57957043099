"""What `podview doctor` says about the cache file: which schema, when it was last synced, what data problems it holds.

Read through a read-only connection and never migrated or created: a check
must leave the file exactly as it found it. Every way the file can be
unusable comes back as `problem`, in words, never as an exception.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from podview.cache import APPLICATION_ID, MIGRATION_SET, MIGRATIONS_TABLE
from podview.cache.versions import KNOWN_MIGRATIONS

EXAMPLES = 3


def cache_health(path: Path) -> dict:
    """`path`, `exists`, `schema`, `current` (schema is this podview's), `demo`, `last_sync`, `problems`, `examples`, `problem`."""
    facts: dict = {"path": str(path), "exists": path.is_file(), "schema": None, "current": None, "demo": None,
                   "last_sync": None, "problems": None, "examples": [], "problem": None}
    if not facts["exists"]:
        return facts
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as error:
        facts["problem"] = f"cannot be opened ({error})"
        return facts
    try:
        _read(conn, facts)
    except sqlite3.DatabaseError as error:
        facts["problem"] = f"cannot be read ({error}); move it away and run `podview sync` to build it again"
    finally:
        conn.close()
    return facts


def _read(conn: sqlite3.Connection, facts: dict) -> None:
    if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
        facts["problem"] = "is not a podview cache; point PODVIEW_DB (or --db) at another file"
        return
    applied = [row[0] for row in conn.execute(
        f"SELECT name FROM {MIGRATIONS_TABLE} WHERE migration_set = ? ORDER BY rowid", [MIGRATION_SET]
    )]
    facts["schema"] = applied[-1] if applied else None
    facts["current"] = bool(applied) and applied[-1] == KNOWN_MIGRATIONS[-1]
    if applied and applied[-1] not in KNOWN_MIGRATIONS:
        facts["problem"] = f"was written by a newer podview (schema {applied[-1]}); upgrade podview"
        return
    sources = {row[0] for row in conn.execute("SELECT DISTINCT source FROM syncs")}
    facts["demo"] = "demo" in sources and "asana" not in sources
    last = conn.execute(
        "SELECT source, mode, finished_at, outcome FROM syncs ORDER BY id DESC LIMIT 1"
    ).fetchone()
    if last:
        facts["last_sync"] = dict(zip(("source", "mode", "finished_at", "outcome"), last))
    facts["problems"] = conn.execute("SELECT count(*) FROM task_problems").fetchone()[0]
    facts["examples"] = [
        f"{name or task_gid}: {problem}"
        for task_gid, name, problem in conn.execute(
            "SELECT p.task_gid, t.name, p.problem FROM task_problems p LEFT JOIN tasks t ON t.gid = p.task_gid "
            "ORDER BY p.task_gid, p.problem LIMIT ?",
            [EXAMPLES],
        )
    ]
