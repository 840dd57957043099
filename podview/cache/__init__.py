"""The local SQLite cache: opening it safely, for writing or for reading.

Writers go through sqlite-utils (migrations, upserts). Readers — reports and
screens — get a plain `sqlite3` connection with named rows, which keeps
`podview report` from paying sqlite-utils' import time.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database

APPLICATION_ID = 0x50445657
"""`PRAGMA application_id` of every podview cache ("PDVW"), so a stranger's SQLite file is recognised."""

MIGRATIONS_TABLE = "_sqlite_migrations"
MIGRATION_SET = "podview"


class CacheError(Exception):
    """The cache file cannot be used; the message names the file and what to do."""


def default_cache_path() -> Path:
    """`PODVIEW_DB`, else `podview.db` in the user data dir."""
    if os.environ.get("PODVIEW_DB"):
        return Path(os.environ["PODVIEW_DB"]).expanduser()
    from platformdirs import user_data_path

    return user_data_path("podview") / "podview.db"


def open_cache(path: str | os.PathLike[str]) -> Database:
    """Open (creating or migrating) the cache at `path` for writing.

    Refuses files that are not podview caches, and caches from a newer podview,
    without touching them.
    """
    from sqlite_utils import Database

    from podview.cache.schema import migrations

    path = Path(path)
    conn = _connect(path)
    _check_identity(conn, path)
    db = Database(conn)
    from podview.cache.versions import KNOWN_MIGRATIONS

    _check_not_newer(conn, path, set(KNOWN_MIGRATIONS))
    try:
        if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            conn.execute("PRAGMA journal_mode=WAL")
        conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
        migrations.apply(db)
    except sqlite3.DatabaseError as error:
        raise CacheError(f"{path}: the cache could not be prepared ({error}).") from None
    return db


def open_reader(path: str | os.PathLike[str]) -> sqlite3.Connection:
    """Open an existing cache for reading, with rows addressable by column name.

    A cache from an older podview is migrated first (through `open_cache`).
    """
    path = Path(path)
    if not path.exists():
        raise CacheError(
            f"{path}: no cache here yet. Run `podview sync` to read your Asana workspace, "
            "or `podview demo --no-ui` to build the demo agency."
        )
    conn = _connect(path)
    _check_identity(conn, path, must_exist=True)
    from podview.cache.versions import KNOWN_MIGRATIONS

    applied = _applied(conn, path)
    _check_not_newer(conn, path, set(KNOWN_MIGRATIONS), applied)
    if [name for name in KNOWN_MIGRATIONS if name not in applied]:
        conn.close()
        open_cache(path).conn.close()
        conn = _connect(path)
    conn.row_factory = sqlite3.Row
    return conn


def reader_for(db: Database) -> sqlite3.Connection:
    """A named-row reading connection on the same file as a writable `db` (used by tests and the app)."""
    path = db.execute("PRAGMA database_list").fetchone()[2]
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    return conn


def _connect(path: Path) -> sqlite3.Connection:
    if path.is_dir():
        raise CacheError(f"{path} is a folder, not a cache file. Point PODVIEW_DB at a file.")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(path, timeout=10)
        conn.execute("PRAGMA foreign_keys=OFF")
    except (OSError, sqlite3.Error) as error:
        raise CacheError(f"{path}: cannot open the cache ({error}). Check the path and its permissions.") from None
    return conn


def _check_identity(conn: sqlite3.Connection, path: Path, must_exist: bool = False) -> None:
    """Reject files that are not SQLite, or SQLite files that some other program owns."""
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    except sqlite3.DatabaseError:
        conn.close()
        raise CacheError(
            f"{path} is not a podview cache (it is not an SQLite database, or it is damaged). "
            "podview has left it untouched; set PODVIEW_DB to another file, or move this one away."
        ) from None
    if app_id == APPLICATION_ID:
        return
    if tables or must_exist:
        conn.close()
        raise CacheError(
            f"{path} is an SQLite database that podview did not write. "
            "podview has left it untouched; set PODVIEW_DB to another file."
        )


def _applied(conn: sqlite3.Connection, path: Path) -> list[str]:
    try:
        rows = conn.execute(
            f"SELECT name FROM {MIGRATIONS_TABLE} WHERE migration_set = ? ORDER BY rowid",
            [MIGRATION_SET],
        ).fetchall()
    except sqlite3.OperationalError:
        return []
    return [row[0] for row in rows]


def _check_not_newer(
    conn: sqlite3.Connection, path: Path, known: set[str], applied: list[str] | None = None
) -> None:
    applied = _applied(conn, path) if applied is None else applied
    unknown = [name for name in applied if name not in known]
    if unknown:
        conn.close()
        raise CacheError(
            f"{path} was written by a newer podview (schema {unknown[-1]}). "
            "Upgrade podview, or point PODVIEW_DB at another file; the cache was left untouched."
        )
