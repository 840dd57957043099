"""Writing training projects and their modules into the cache.

They live in tables of their own (schema.py, 0006_training), so these
writes never touch a client or a client task; one training project is
written whole in one transaction, like a client project (store.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from podview.cache.store import Row, _chunks, _upsert

if TYPE_CHECKING:
    from sqlite_utils import Database


def save_training(
    db: Database,
    project: Row,
    modules: list[Row],
    users: list[Row],
    *,
    replace: bool = True,
    deleted: Iterable[str] = (),
) -> None:
    """Write one training project's modules; with `replace`, modules it no longer lists leave."""
    gid = project["gid"]
    with db.atomic():
        _upsert(db, "training_projects", [project], ("gid",))
        _upsert(db, "users", list({user["gid"]: user for user in users}.values()), ("gid",))
        if replace:
            keep = {module["gid"] for module in modules}
            stale = [row[0] for row in db.execute("SELECT gid FROM training_modules WHERE project_gid = ?", [gid])]
            _delete(db, [module for module in stale if module not in keep])
        _delete(db, list(deleted))
        _upsert(db, "training_modules", list({m["gid"]: m for m in modules}.values()), ("gid",))


def prune_training(db: Database, projects: set[str]) -> None:
    """Training projects no longer found (archived, renamed, unlisted) leave, with their modules and events token."""
    stale = [row[0] for row in db.execute("SELECT gid FROM training_projects") if row[0] not in projects]
    for gid in stale:
        db.execute("DELETE FROM training_modules WHERE project_gid = ?", [gid])
        db.execute("DELETE FROM training_projects WHERE gid = ?", [gid])
        db.execute("DELETE FROM sync_state WHERE resource_gid = ?", [gid])


def _delete(db: Database, gids: list[str]) -> None:
    for chunk in _chunks(gids, 500):
        db.execute(f"DELETE FROM training_modules WHERE gid IN ({','.join('?' * len(chunk))})", chunk)
