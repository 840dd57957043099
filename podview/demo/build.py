"""Build the demo agency's cache: generate the Asana-shaped dump, load it like real data.

The cache is built beside its final path and moved into place in one step,
so a report reading the old demo never sees a half-built one. A cache that
holds a real workspace or recorded decisions is never overwritten.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import date
from pathlib import Path

from podview.cache import APPLICATION_ID, open_cache
from podview.config import Config
from podview.sync.load import LoadSummary, load_dump


class DemoError(Exception):
    """The demo cache cannot be written where asked."""


def default_demo_path() -> Path:
    """`demo.db` in the user data dir (kept apart from the real cache)."""
    from platformdirs import user_data_path

    return user_data_path("podview") / "demo.db"


def build_demo_cache(
    path: Path,
    *,
    today: date,
    config: Config,
    clients: int = 16,
    tasks_per_client: int | None = None,
) -> LoadSummary:
    """(Re)build the demo cache at `path`, dated around `today`."""
    from podview.demo.generator import build_dump

    _refuse_real_cache(path)
    building = path.with_name(path.name + ".building")
    _remove(building)
    db = open_cache(building)
    try:
        db.execute("PRAGMA synchronous=OFF")
        dump = build_dump(today, clients=clients, tasks_per_client=tasks_per_client)
        summary = load_dump(db, dump, config, source="demo", today=today.isoformat())
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        db.conn.close()
    _remove(path)
    os.replace(building, path)
    return summary


def _refuse_real_cache(path: Path) -> None:
    """Only a demo cache (or nothing) may be replaced; the open check reports strangers' files."""
    if not path.exists():
        return
    conn = sqlite3.connect(path)
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        if app_id != APPLICATION_ID:
            raise DemoError(
                f"{path} is not a podview demo cache; podview left it untouched. Point PODVIEW_DB elsewhere."
            )
        real = conn.execute("SELECT count(*) FROM syncs WHERE source != 'demo'").fetchone()[0]
        recorded = conn.execute("SELECT count(*) FROM decisions").fetchone()[0]
    except sqlite3.DatabaseError:
        raise DemoError(
            f"{path} is not a podview cache; podview left it untouched. Point PODVIEW_DB elsewhere."
        ) from None
    finally:
        conn.close()
    if real or recorded:
        raise DemoError(
            f"{path} holds your synced Asana data or recorded decisions; the demo will not overwrite it. "
            "Unset PODVIEW_DB (the demo then uses its own file) or point it at another file."
        )


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        try:
            os.remove(f"{path}{suffix}")
        except FileNotFoundError:
            pass
