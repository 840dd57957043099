"""Writing mapped Asana records into the cache, one transaction per unit of work.

A client project is written whole — client, sections, tasks, their field
values, problems and seen due dates — in one transaction, so a report never
sees half a project. The fixed deadline of each task is recomputed in the same
transaction from everything the cache knows (conventions.md).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlite_utils import Database

Row = dict[str, Any]


@dataclass
class ProjectRows:
    """Everything the mapper derived from one client project's listing."""

    client: Row
    sections: list[Row] = field(default_factory=list)
    tasks: list[Row] = field(default_factory=list)
    field_values: list[Row] = field(default_factory=list)
    problems: list[Row] = field(default_factory=list)
    due_dates: list[Row] = field(default_factory=list)
    users: list[Row] = field(default_factory=list)


FIXED_DUE_SQL = """
UPDATE tasks SET fixed_due_on = (
    SELECT MIN(d) FROM (
        SELECT tasks.original_due AS d
        UNION ALL SELECT due_on FROM task_due_dates WHERE task_gid = tasks.gid
        UNION ALL SELECT old_due_on FROM due_date_changes WHERE task_gid = tasks.gid
    )
)
"""


def save_project(db: Database, rows: ProjectRows, *, replace: bool = True) -> None:
    """Write one client project atomically.

    With `replace`, tasks of this client that the listing no longer contains are
    removed (a full read of the project is the truth). Due dates seen earlier
    are kept: they are how a silent deadline move is caught.
    """
    client_gid = rows.client["gid"]
    gids = [task["gid"] for task in rows.tasks]
    with db.atomic():
        db["clients"].upsert(rows.client, pk="gid")
        _upsert(db, "users", _unique(rows.users), ("gid",))
        if rows.sections:
            db.execute("DELETE FROM sections WHERE client_gid = ?", [client_gid])
            _insert(db, "sections", _unique(rows.sections), "OR REPLACE")
        if replace:
            _delete_tasks_not_in(db, client_gid, gids)
        _write_tasks(db, rows)
        db.execute(FIXED_DUE_SQL + " WHERE client_gid = ?", [client_gid])


def save_tasks(db: Database, rows: ProjectRows) -> None:
    """Upsert some tasks of one client (an incremental change), atomically."""
    with db.atomic():
        _upsert(db, "users", _unique(rows.users), ("gid",))
        _insert(db, "sections", _unique(rows.sections), "OR REPLACE")
        _write_tasks(db, rows)
        refresh_fixed_due(db, [task["gid"] for task in rows.tasks])


def delete_tasks(db: Database, gids: Sequence[str]) -> None:
    """Remove tasks (deleted in Asana, or no longer top-level in a client) and what hangs off them."""
    with db.atomic():
        _delete_task_rows(db, list(gids))


def save_due_date_changes(db: Database, task_gid: str, changes: list[Row]) -> None:
    """Store a task's `due_date_changed` stories and mark its history as read."""
    with db.atomic():
        if changes:
            db["due_date_changes"].upsert_all(changes, pk="story_gid")
        db.execute("UPDATE tasks SET history_read = 1 WHERE gid = ?", [task_gid])
        refresh_fixed_due(db, [task_gid])


def refresh_fixed_due(db: Database, gids: Sequence[str]) -> None:
    """Recompute the fixed deadline F of the given tasks."""
    for chunk in _chunks(list(gids), 500):
        marks = ",".join("?" * len(chunk))
        db.execute(FIXED_DUE_SQL + f" WHERE gid IN ({marks})", chunk)


def _write_tasks(db: Database, rows: ProjectRows) -> None:
    gids = [task["gid"] for task in rows.tasks]
    previous_due: dict[str, str | None] = {}
    for chunk in _chunks(gids, 500):
        marks = ",".join("?" * len(chunk))
        db.execute(f"DELETE FROM field_values WHERE resource_gid IN ({marks})", chunk)
        db.execute(f"DELETE FROM task_problems WHERE task_gid IN ({marks})", chunk)
        previous_due.update(db.execute(f"SELECT gid, due_on FROM tasks WHERE gid IN ({marks})", chunk).fetchall())
    _upsert(db, "tasks", rows.tasks, ("gid",))
    moved = [t["gid"] for t in rows.tasks if t["gid"] in previous_due and previous_due[t["gid"]] != t.get("due_on")]
    for chunk in _chunks(moved, 500):
        db.execute(f"UPDATE tasks SET history_read = 0 WHERE gid IN ({','.join('?' * len(chunk))})", chunk)
    client_fields = [v for v in rows.field_values if v["resource_gid"] == rows.client["gid"]]
    if client_fields:
        db.execute("DELETE FROM field_values WHERE resource_gid = ?", [rows.client["gid"]])
    _insert(db, "field_values", rows.field_values, "OR REPLACE")
    _insert(db, "task_problems", rows.problems, "OR REPLACE")
    _insert(db, "task_due_dates", rows.due_dates, "OR IGNORE")


def _upsert(db: Database, table: str, rows: list[Row], pk: tuple[str, ...]) -> None:
    """Insert or update many rows with one prepared statement (sqlite-utils' upsert runs two per row).

    Columns a row does not carry keep their stored value (e.g. `history_read`).
    """
    if not rows:
        return
    columns = list(rows[0])
    updates = ", ".join(f"{c} = excluded.{c}" for c in columns if c not in pk)
    sql = (
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))}) "
        f"ON CONFLICT ({', '.join(pk)}) DO UPDATE SET {updates}"
    )
    db.conn.executemany(sql, [tuple(row.get(c) for c in columns) for row in rows])


def _insert(db: Database, table: str, rows: list[Row], conflict: str) -> None:
    """Insert many rows with one prepared statement; `conflict` is `OR REPLACE` or `OR IGNORE`."""
    if not rows:
        return
    columns = list(rows[0])
    sql = f"INSERT {conflict} INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
    db.conn.executemany(sql, [tuple(row.get(c) for c in columns) for row in rows])


def _delete_tasks_not_in(db: Database, client_gid: str, keep: list[str]) -> None:
    current = [row[0] for row in db.execute("SELECT gid FROM tasks WHERE client_gid = ?", [client_gid])]
    keep_set = set(keep)
    _delete_task_rows(db, [gid for gid in current if gid not in keep_set])


def _delete_task_rows(db: Database, gids: list[str]) -> None:
    for chunk in _chunks(gids, 500):
        marks = ",".join("?" * len(chunk))
        for table, column in (
            ("tasks", "gid"),
            ("field_values", "resource_gid"),
            ("task_problems", "task_gid"),
            ("task_due_dates", "task_gid"),
            ("due_date_changes", "task_gid"),
        ):
            db.execute(f"DELETE FROM {table} WHERE {column} IN ({marks})", chunk)


def _unique(rows: Iterable[Row]) -> list[Row]:
    return list({row["gid"]: row for row in rows}.values())


def _chunks(items: list[str], size: int) -> Iterable[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
