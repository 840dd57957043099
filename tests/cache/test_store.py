"""Writing projects: the fixed deadline remembers every due date ever seen."""

from __future__ import annotations

import sqlite3

import pytest

from podview.cache.store import ProjectRows, delete_tasks, save_due_date_changes, save_project


def project(tasks, seen="2026-11-01T00:00:00.000Z"):
    rows = ProjectRows(client={"gid": "P1", "pod_gid": "T1", "name": "Acme"})
    for gid, due, original in tasks:
        rows.tasks.append({"gid": gid, "client_gid": "P1", "name": gid, "norm_name": gid, "kind": "weekly_goal", "due_on": due, "original_due": original})
        if due:
            rows.due_dates.append({"task_gid": gid, "due_on": due, "source": "sync", "first_seen": seen})
    return rows


def fixed(db, gid):
    return db.execute("SELECT fixed_due_on FROM tasks WHERE gid = ?", [gid]).fetchone()[0]


def test_a_silent_move_is_remembered_across_syncs(db):
    save_project(db, project([("a", "2026-11-13", None)]))
    save_project(db, project([("a", "2026-11-20", None)], seen="2026-11-15T00:00:00.000Z"))
    assert fixed(db, "a") == "2026-11-13"
    assert db.execute("SELECT due_on FROM tasks WHERE gid='a'").fetchone()[0] == "2026-11-20"


def test_original_due_and_story_dates_lower_the_fixed_deadline(db):
    save_project(db, project([("a", "2026-11-20", "2026-11-18")]))
    assert fixed(db, "a") == "2026-11-18"
    save_due_date_changes(db, "a", [{"story_gid": "s", "task_gid": "a", "created_at": None, "old_due_on": "2026-11-11", "new_due_on": "2026-11-20"}])
    assert fixed(db, "a") == "2026-11-11"
    assert db.execute("SELECT history_read FROM tasks WHERE gid='a'").fetchone()[0] == 1


def test_no_due_date_ever_means_no_fixed_deadline(db):
    save_project(db, project([("a", None, None)]))
    assert fixed(db, "a") is None


def test_full_read_removes_tasks_gone_from_the_project(db):
    save_project(db, project([("a", "2026-11-13", None), ("b", "2026-11-13", None)]))
    save_project(db, project([("a", "2026-11-13", None)]))
    assert [r[0] for r in db.execute("SELECT gid FROM tasks")] == ["a"]
    assert db.execute("SELECT count(*) FROM task_due_dates WHERE task_gid='b'").fetchone()[0] == 0


def test_delete_tasks_removes_what_hangs_off_them(db):
    save_project(db, project([("a", "2026-11-13", None)]))
    delete_tasks(db, ["a"])
    assert db.execute("SELECT count(*) FROM tasks").fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM task_due_dates").fetchone()[0] == 0


def test_a_failing_project_write_leaves_the_previous_state(db):
    save_project(db, project([("a", "2026-11-13", None)]))
    broken = project([("a", "2026-11-20", None), ("b", "2026-11-20", None)])
    broken.tasks[1]["client_gid"] = None
    with pytest.raises(sqlite3.IntegrityError):
        save_project(db, broken)
    assert [r[0] for r in db.execute("SELECT gid, due_on FROM tasks")] == ["a"]
    assert db.execute("SELECT due_on FROM tasks").fetchone()[0] == "2026-11-13"
