"""Where a sync keeps what it has read until the whole read is done.

A sync reads projects one by one into a staging file beside the cache (each
project in its own transaction), then applies everything to the cache in one
transaction. So reports never see half a sync, a failed sync (401, network
down) leaves the cache exactly as it was, and a killed sync resumes: the
next run keeps the projects already staged and reads only the rest.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from podview.files import create_private_file, tighten_file

MAX_AGE = timedelta(hours=12)
"""Staged reads older than this are dropped: their event tokens may have expired."""


class Staging:
    """A small SQLite file: `meta` (mode, started) and one JSON payload per staged unit.

    Commits skip fsync (`synchronous=OFF`): the file only has to survive a
    killed process, which the OS cache guarantees, and a sync commits it often.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        create_private_file(path)
        tighten_file(path, companions=True)
        self.conn = sqlite3.connect(path, timeout=10)
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA synchronous=OFF")
        self.conn.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
        self.conn.execute("CREATE TABLE IF NOT EXISTS units (key TEXT PRIMARY KEY, payload TEXT NOT NULL)")
        self.conn.commit()

    @classmethod
    def open(cls, cache_path: Path, mode: str, now: datetime | None = None) -> Staging:
        """The staging file for `cache_path`, resumed when it holds a recent read of the same mode."""
        path = cache_path.with_name(cache_path.name + ".sync")
        staging = cls(path)
        now = now or datetime.now(UTC)
        started = staging.meta("started")
        fresh_enough = started is not None and now - datetime.fromisoformat(started) < MAX_AGE
        if staging.meta("mode") != mode or not fresh_enough:
            staging.clear()
            staging.set_meta("mode", mode)
            staging.set_meta("started", now.isoformat())
        return staging

    @property
    def resumed(self) -> int:
        """How many units an earlier, interrupted run had already staged."""
        return self.conn.execute("SELECT count(*) FROM units").fetchone()[0]

    def meta(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        with self.conn:
            self.conn.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [key, value])

    def has(self, key: str) -> bool:
        return self.conn.execute("SELECT 1 FROM units WHERE key = ?", [key]).fetchone() is not None

    def put(self, key: str, payload: dict[str, Any]) -> None:
        """Stage one unit (a project's read, the goals, an audit) in its own transaction."""
        with self.conn:
            self.conn.execute("INSERT OR REPLACE INTO units VALUES (?, ?)", [key, json.dumps(payload)])

    def units(self, prefix: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
        """Staged units whose key starts with `prefix`, in key order, decoded one at a time (memory stays flat)."""
        rows = self.conn.execute(
            "SELECT key, payload FROM units WHERE key >= ? AND key < ? ORDER BY key", [prefix, prefix + "\uffff"]
        )
        for key, payload in rows:
            yield key, json.loads(payload)

    def clear(self) -> None:
        with self.conn:
            self.conn.execute("DELETE FROM units")
            self.conn.execute("DELETE FROM meta")

    def remove(self) -> None:
        """Delete the file once its content is in the cache."""
        self.conn.close()
        for suffix in ("", "-journal", "-wal", "-shm"):
            try:
                os.remove(f"{self.path}{suffix}")
            except FileNotFoundError:
                pass

    def close(self) -> None:
        self.conn.close()
