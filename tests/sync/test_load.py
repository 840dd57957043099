"""Loading a whole-workspace dump: what becomes a pod, a client, a task — and what is skipped."""

from __future__ import annotations

import pytest

from podview.config import Config, PodsConfig
from podview.sync.load import NoPodsError, load_dump


def tf(name, option):
    return {"gid": f"f-{name}", "name": name, "type": "enum", "resource_subtype": "enum",
            "enum_value": None if option is None else {"gid": f"o-{option}", "name": option}, "display_value": option}


def task(gid, name, projects, *, type_="Weekly goal", parent=None, **extra):
    record = {
        "gid": gid, "name": name, "resource_subtype": "default_task", "assignee": None,
        "completed": False, "completed_at": None, "created_at": "2026-11-02T09:00:00.000Z",
        "modified_at": "2026-11-02T09:00:00.000Z", "due_on": "2026-11-20", "due_at": None, "parent": parent,
        "memberships": [{"project": {"gid": p, "name": p}, "section": None} for p in projects],
        "custom_fields": [tf("Type", type_)],
    }
    record.update(extra)
    return record


def project(gid, name, archived=False):
    return {"gid": gid, "name": name, "archived": archived, "modified_at": None, "custom_fields": [], "current_status_update": None}


TYPE_SETTING = [{"gid": "cfs", "custom_field": {"gid": "f-Type", "name": "Type"}}]


def dump(**overrides):
    base = {
        "workspace": {"gid": "W", "name": "Bright Agency", "is_organization": True},
        "me": {"gid": "U0", "name": "Dana"},
        "teams": [{"gid": "T1", "name": "Pod Atlas"}, {"gid": "T2", "name": "Leadership"}],
        "team_users": {"T1": [{"gid": "U1", "name": "Maya", "email": "maya@a.test"}], "T2": []},
        "team_projects": {
            "T1": [project("P1", "Acme Dental"), project("P2", "Bloom & Co"), project("P3", "Old client", archived=True),
                   project("P4", "[INTERNAL] Pod ops"), {"name": "no gid"}],
            "T2": [project("P9", "Agency scorecard")],
        },
        "custom_field_settings": {p: TYPE_SETTING for p in ("P1", "P2", "P3", "P4", "P9")},
        "sections": {},
        "tasks": {
            "P1": [task("1", "Launch ads", ["P1"]), task("2", "Shared landing page", ["P4", "P2", "P1"]),
                   task("3", "A subtask", ["P1"], parent={"gid": "1"}), {"name": "no gid at all", "memberships": [{"project": {"gid": "P1"}}]}],
            "P2": [task("2", "Shared landing page", ["P4", "P2", "P1"])],
            "P3": [task("30", "Archived goal", ["P3"])],
            "P4": [task("40", "Hire a designer", ["P4"])],
            "P9": [task("90", "Scorecard goal", ["P9"])],
        },
        "goals": {"P1": [{"gid": "G1", "name": "Leads", "metric": None}], "P9": [{"gid": "G9", "name": "Agency goal"}]},
        "status_updates": {"P1": [{"gid": "S1", "status_type": "at_risk", "title": "Slow month", "created_at": "2026-11-20T10:00:00.000Z"}]},
        "stories": {"1": [{"gid": "st", "resource_subtype": "due_date_changed", "old_dates": {"due_on": "2026-11-13"}, "new_dates": {"due_on": "2026-11-20"}}]},
    }
    base.update(overrides)
    return base


def rows(db, sql):
    return [tuple(r) for r in db.execute(sql).fetchall()]


def test_pods_clients_and_tasks_follow_the_conventions(db):
    summary = load_dump(db, dump(), Config(timezone="UTC"))
    assert (summary.pods, summary.clients, summary.tasks, summary.goals) == (1, 2, 2, 1)
    assert sorted(summary.skipped_projects) == ["Old client", "[INTERNAL] Pod ops"]
    assert rows(db, "SELECT gid, name FROM pods") == [("T1", "Pod Atlas")]
    assert rows(db, "SELECT pod_gid, user_gid FROM pod_members") == [("T1", "U1")]
    # the multi-homed task belongs to its first *client* project (P4 is internal), once
    assert rows(db, "SELECT gid, client_gid FROM tasks ORDER BY gid") == [("1", "P1"), ("2", "P2")]
    assert rows(db, "SELECT goal_gid, client_gid FROM goal_clients") == [("G1", "P1")]
    assert rows(db, "SELECT parent_gid, status_type FROM status_updates") == [("P1", "at_risk")]


def test_story_history_sets_the_fixed_deadline(db):
    load_dump(db, dump(), Config(timezone="UTC"))
    assert rows(db, "SELECT fixed_due_on, due_on, history_read FROM tasks WHERE gid = '1'") == [("2026-11-13", "2026-11-20", 1)]


def test_goal_snapshot_is_taken_per_load(db):
    load_dump(db, dump(), Config(timezone="UTC"))
    load_dump(db, dump(), Config(timezone="UTC"))
    assert db.execute("SELECT count(*) FROM goal_snapshots WHERE goal_gid = 'G1'").fetchone()[0] >= 1
    assert db.execute("SELECT count(*) FROM syncs").fetchone()[0] == 2


def test_no_pod_teams_says_what_to_configure(db):
    with pytest.raises(NoPodsError) as error:
        load_dump(db, dump(teams=[{"gid": "T2", "name": "Leadership"}]), Config(timezone="UTC"))
    message = str(error.value)
    assert "Leadership" in message and "pods.pattern" in message and "[pods]" in message
    with pytest.raises(NoPodsError, match=r"pods.teams \(Growth\)"):
        load_dump(db, dump(), Config(timezone="UTC", pods=PodsConfig(teams=("Growth",))))
