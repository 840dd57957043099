"""Build the demo agency's cache: generate the Asana-shaped dump, load it like real data.

The cache is built beside its final path and moved into place in one step,
so a report reading the old demo never sees a half-built one. A cache that
holds a real workspace is never overwritten; a demo holding decisions is kept
until the user asks for a reset.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from podview.cache import APPLICATION_ID, open_cache
from podview.config import Config
from podview.sync.load import LoadSummary, load_dump


class DemoError(Exception):
    """The demo cache cannot be written where asked."""


def default_demo_path() -> Path:
    """`demo.db` in the user data dir (kept apart from the real cache)."""
    from podview.files import own_data_dir

    return own_data_dir() / "demo.db"


@dataclass(frozen=True)
class DemoCache:
    """The demo cache that is ready at `path`; `kept` when it was left as it was (it holds decisions)."""

    path: Path
    summary: LoadSummary | None
    kept: bool = False
    built_on: str | None = None
    recorded: int = 0

    def note(self) -> str | None:
        """What a user should know about a kept demo cache, or None when it was built afresh."""
        if not self.kept:
            return None
        things = f"{self.recorded} decision{'s' if self.recorded != 1 else ''} or meeting{'s' if self.recorded != 1 else ''}"
        built = f", built on {self.built_on}," if self.built_on else ""
        return (
            f"the demo agency{built} is kept as it is: it holds {things} recorded on it. "
            "`podview demo --reset` builds it afresh and drops them."
        )


def prepare_demo_cache(
    path: Path, *, today: date, config: Config, reset: bool = False
) -> DemoCache:
    """The demo cache at `path`, ready to open: built afresh, or kept when decisions were recorded on it.

    The demo never refuses its own cache: a demo on which a user tried a
    decision or a meeting is opened as it is (so what they recorded stays),
    and `reset` rebuilds it and drops them. Only a file that is not the
    demo's (a synced workspace, another program's file) is refused.
    """
    try:
        state = _demo_state(path)
    except DemoError:
        if not (reset and _damaged_own_demo(path)):
            raise
        state = None
    if state is not None and state.recorded and not reset:
        return DemoCache(path, None, kept=True, built_on=state.built_on, recorded=state.recorded)
    return DemoCache(path, build_demo_cache(path, today=today, config=config))


def build_demo_cache(
    path: Path,
    *,
    today: date,
    config: Config,
    clients: int = 16,
    tasks_per_client: int | None = None,
) -> LoadSummary:
    """(Re)build the demo cache at `path`, dated around `today`, dropping anything recorded on it."""
    from podview.demo.generator import build_dump
    from podview.figures.home_store import save_home

    _demo_state(path)
    building = path.with_name(path.name + ".building")
    _remove(building)
    db = open_cache(building)
    try:
        db.execute("PRAGMA synchronous=OFF")
        dump = build_dump(today, clients=clients, tasks_per_client=tasks_per_client)
        summary = load_dump(db, dump, config, source="demo", today=today.isoformat())
        save_home(db.conn, today=today, config=config)
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        db.conn.close()
    _remove(path)
    os.replace(building, path)
    return summary


@dataclass(frozen=True)
class _State:
    built_on: str | None
    recorded: int


def _demo_state(path: Path) -> _State | None:
    """What the demo cache at `path` holds (None: no file yet); refuses a file that is not the demo's."""
    if not path.exists():
        return None
    conn = sqlite3.connect(path)
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        if app_id != APPLICATION_ID:
            raise DemoError(
                f"{path} is not a podview demo cache; podview left it untouched. Point PODVIEW_DB elsewhere."
            )
        real = conn.execute("SELECT count(*) FROM syncs WHERE source != 'demo'").fetchone()[0]
        built = conn.execute("SELECT max(today) FROM syncs WHERE source = 'demo'").fetchone()[0]
        recorded = conn.execute(
            "SELECT (SELECT count(*) FROM decisions) + (SELECT count(*) FROM meetings)"
        ).fetchone()[0]
    except sqlite3.DatabaseError:
        raise DemoError(
            f"{path} is not a podview demo cache (or it is damaged); podview left it untouched. "
            "Move it away, or point PODVIEW_DB at another file."
        ) from None
    finally:
        conn.close()
    if real:
        raise DemoError(
            f"{path} holds your synced Asana data; the demo will not overwrite it. "
            "Unset PODVIEW_DB (the demo then uses its own file) or point it at another file."
        )
    return _State(built, recorded)


def _damaged_own_demo(path: Path) -> bool:
    """A damaged file at podview's own demo path may be replaced on a reset: nothing but the demo lives there.

    Anywhere else (PODVIEW_DB, --db) the file may be someone's real cache
    with decisions still pending, so it is left for the user to move away.
    """
    return path.resolve() == default_demo_path().resolve()


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        try:
            os.remove(f"{path}{suffix}")
        except FileNotFoundError:
            pass
