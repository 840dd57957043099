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
    from podview.files import own_data_dir

    return own_data_dir() / "podview.db"


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

    applied = _applied(conn, path)
    _check_not_newer(conn, path, set(KNOWN_MIGRATIONS), applied)
    if [name for name in KNOWN_MIGRATIONS if name not in applied]:
        _check_intact(conn, path)
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
        _check_intact(conn, path)
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
        _make_private(path)
        conn = sqlite3.connect(path, timeout=10)
        conn.execute("PRAGMA foreign_keys=OFF")
    except (OSError, sqlite3.Error) as error:
        raise CacheError(f"{path}: cannot open the cache ({error}). Check the path and its permissions.") from None
    return conn


def _make_private(path: Path) -> None:
    """A new cache is created 0600 (in a 0700 folder when podview makes it); an existing one is tightened."""
    from podview.files import create_private_file, own_data_dir, tighten_dir, tighten_file

    if path.parent == own_data_dir():
        tighten_dir(path.parent)
    create_private_file(path)
    tighten_file(path, companions=True)


def _check_identity(conn: sqlite3.Connection, path: Path, must_exist: bool = False) -> None:
    """Reject files that are not SQLite, or SQLite files that some other program owns."""
    app_id = None
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    except sqlite3.DatabaseError as error:
        conn.close()
        if app_id == APPLICATION_ID:  # podview's header, damaged pages behind it
            raise CacheError(damaged_message(path, error)) from None
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


def damaged_message(path: Path, detail: object) -> str:
    """What a user reads about a cache SQLite cannot read: what happened, that nothing changed, what to do."""
    return (
        f"{path}: the cache is damaged and cannot be read ({detail}). podview has not changed it. "
        "Move it away (or delete it) and run `podview sync` to read Asana again; "
        "for the demo, `podview demo --reset` builds a new one."
    )


def _check_intact(conn: sqlite3.Connection, path: Path) -> None:
    """Before migrating, make sure the file is whole: a damaged one must be reported, never written to."""
    try:
        verdict = conn.execute("PRAGMA quick_check(1)").fetchone()[0]
    except sqlite3.DatabaseError as error:
        verdict = str(error)
    if verdict != "ok":
        conn.close()
        lines = [line for line in verdict.splitlines() if not line.startswith("***")]
        raise CacheError(damaged_message(path, lines[0] if lines else verdict))


def _applied(conn: sqlite3.Connection, path: Path) -> list[str]:
    try:
        rows = conn.execute(
            f"SELECT name FROM {MIGRATIONS_TABLE} WHERE migration_set = ? ORDER BY rowid",
            [MIGRATION_SET],
        ).fetchall()
    except sqlite3.OperationalError:
        return []
    except sqlite3.DatabaseError as error:
        conn.close()
        raise CacheError(damaged_message(path, error)) from None
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


def holds_demo(conn: sqlite3.Connection) -> bool:
    """Whether the cache behind `conn` holds the made-up demo agency (never synced from Asana)."""
    sources = {row[0] for row in conn.execute("SELECT DISTINCT source FROM syncs")}
    return "demo" in sources and "asana" not in sources


def is_demo_cache(path: str | os.PathLike[str]) -> bool:
    """Whether the file at `path` is a demo cache; False for a missing file or anything unreadable."""
    path = Path(path)
    if not path.is_file():
        return False
    try:
        conn = sqlite3.connect(path)
    except sqlite3.Error:
        return False
    try:
        if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
            return False
        return holds_demo(conn)
    except sqlite3.DatabaseError:
        return False
    finally:
        conn.close()


def cache_damaged(error: BaseException | None) -> bool:
    """Whether an error means the cache file itself cannot be read (damaged pages, not SQLite, refused).

    A busy database (`OperationalError: database is locked`) is not damage:
    it passes when the other writer finishes.
    """
    if isinstance(error, CacheError):
        return True
    return isinstance(error, sqlite3.DatabaseError) and not isinstance(error, sqlite3.OperationalError)
