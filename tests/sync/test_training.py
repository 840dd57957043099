"""Training projects through a real sync: found in any team, never clients, read whole, followed by events."""

from __future__ import annotations

import copy

import pytest

from podview.cache import open_reader
from podview.report.build import ReportOptions, build_report
from tests.fake_asana import FakeAsana
from tests.sync.conftest import CONFIG, TODAY, sync

REFRESHER = "1299000000000100"
ACADEMY = "1299000000000200"


def module(gid, project, name, assignee, *, completed_at=None, score=None, due_on=None, parent=None, also=None):
    """A training module as GET /projects/{gid}/tasks returns it."""
    projects = [project, *([also] if also else [])]
    return {
        "gid": gid, "name": name, "resource_subtype": "default_task",
        "assignee": assignee, "completed": completed_at is not None, "completed_at": completed_at,
        "created_at": "2024-06-03T09:00:00.000Z", "modified_at": completed_at or "2024-06-03T09:00:00.000Z",
        "due_on": due_on, "due_at": None, "parent": parent,
        "memberships": [{"project": {"gid": p, "name": "Training"}, "section": None} for p in projects],
        "custom_fields": [] if score is None else [
            {"gid": f"{gid}9", "name": "Score", "type": "number", "resource_subtype": "number",
             "number_value": score, "display_value": str(score)}
        ],
    }


@pytest.fixture(scope="module")
def training_dump(small_dump):
    """The two-pod workspace plus "Training · Pod refresher" in Pod Atlas and "Training · Onboarding" in Leadership."""
    dump = copy.deepcopy(small_dump)
    teams = {team["name"]: team["gid"] for team in dump["teams"]}
    atlas, leadership = teams["Pod Atlas"], teams["Leadership"]
    member = {"gid": dump["team_users"][atlas][0]["gid"], "name": dump["team_users"][atlas][0]["name"]}
    for gid, name, team in ((REFRESHER, "Training · Pod refresher", atlas), (ACADEMY, "Training · Onboarding", leadership)):
        dump["team_projects"][team].append(
            {"gid": gid, "name": name, "archived": False, "modified_at": "2026-11-20T10:00:00.000Z",
             "team": {"gid": team, "name": "team"}, "current_status_update": None}
        )
    dump["tasks"][REFRESHER] = [
        module("1299000000000101", REFRESHER, "Refresher: reporting", member, due_on="2026-11-20"),
        module("1299000000000102", REFRESHER, "Refresher: old module", member,
               completed_at="2025-01-10T12:00:00.000Z", score=91),
        module("1299000000000103", REFRESHER, "A subtask", member, parent={"gid": "1299000000000101"}),
        module("1299000000000104", REFRESHER, "In both projects", member, also=ACADEMY),
    ]
    dump["tasks"][ACADEMY] = [
        module("1299000000000104", REFRESHER, "In both projects", member, also=ACADEMY),
        module("1299000000000201", ACADEMY, "Onboarding: tools", None),
    ]
    dump["training_member"] = member
    return dump


@pytest.fixture
def training_fake(training_dump):
    served = {key: value for key, value in training_dump.items() if key != "training_member"}
    with FakeAsana(served, record_bodies=False) as server:
        yield server
    assert server.crashes == [], server.crashes[:1]


def rows(path, sql, *params):
    conn = open_reader(path)
    try:
        return [tuple(row) for row in conn.execute(sql, params)]
    finally:
        conn.close()


def test_a_training_project_in_a_pod_team_is_training_and_never_a_client(training_fake, tmp_path):
    path = tmp_path / "c.db"
    result = sync(training_fake, path, full=True)
    assert (result.projects, result.training, result.skipped) == (8, 4, []), "ours, and the demo's one per pod"
    assert rows(path, "SELECT name FROM training_projects WHERE gid IN (?, ?) ORDER BY name", REFRESHER, ACADEMY) == [
        ("Training · Onboarding",), ("Training · Pod refresher",)
    ]
    assert rows(path, "SELECT count(*) FROM clients WHERE name LIKE 'Training%'") == [(0,)]
    conn = open_reader(path)
    try:
        risk = build_report("risk", conn, ReportOptions(today=TODAY), CONFIG)
    finally:
        conn.close()
    assert len(risk["clients"]) == 8
    assert not [row for row in risk["clients"] if row["client"].startswith("Training")]


def test_every_top_level_module_is_read_whatever_its_completion_date(training_fake, tmp_path):
    path = tmp_path / "c.db"
    sync(training_fake, path, full=True)
    modules = rows(
        path,
        "SELECT gid, project_gid, completed, completed_at, score FROM training_modules "
        "WHERE project_gid IN (?, ?) ORDER BY gid",
        REFRESHER,
        ACADEMY,
    )
    assert modules == [
        ("1299000000000101", REFRESHER, 0, None, None),
        ("1299000000000102", REFRESHER, 1, "2025-01-10T12:00:00.000Z", 91.0),  # far older than the lookback
        ("1299000000000104", REFRESHER, 0, None, None),  # in two training projects: one module, its first's
        ("1299000000000201", ACADEMY, 0, None, None),
    ], "the subtask is left out"
    assert rows(path, "SELECT count(*) FROM tasks WHERE gid LIKE '12990000000001%'") == [(0,)]


def test_an_incremental_sync_follows_a_module_completed_in_asana(training_fake, tmp_path):
    path = tmp_path / "c.db"
    sync(training_fake, path, full=True)
    training_fake.complete_task("1299000000000101", at="2026-11-24T15:00:00.000Z")
    training_fake.reset_log()
    result = sync(training_fake, path, audit=False)
    assert result.mode == "incremental"
    assert rows(path, "SELECT completed, completed_at FROM training_modules WHERE gid = '1299000000000101'") == [
        (1, "2026-11-24T15:00:00.000Z")
    ]
    assert not any(r.path.startswith(f"/projects/{REFRESHER}/tasks") for r in training_fake.requests), (
        "only the changed module is read"
    )
    assert rows(path, "SELECT count(*) FROM training_modules WHERE project_gid = ?", REFRESHER) == [(3,)], (
        "the old completed module stays"
    )


def test_an_incremental_sync_adds_a_new_module_and_drops_a_deleted_one(training_fake, training_dump, tmp_path):
    path = tmp_path / "c.db"
    sync(training_fake, path, full=True)
    added = training_fake.add_task(ACADEMY, {"name": "Onboarding: CRM", "assignee": training_dump["training_member"]})
    training_fake.delete_task("1299000000000201")
    sync(training_fake, path, audit=False)
    assert rows(path, "SELECT gid, assignee_gid FROM training_modules WHERE project_gid = ? ORDER BY gid", ACADEMY) == [
        (added["gid"], training_dump["training_member"]["gid"])
    ]


def test_an_action_item_filed_in_a_training_project_is_no_module(training_fake, training_dump, tmp_path):
    """podview's training reminders are action items in the training project: they never count as modules."""
    path = tmp_path / "c.db"
    reminder = {
        **module("1299000000000105", REFRESHER, "Reminder: finish Refresher: reporting", training_dump["training_member"]),
        "custom_fields": [
            {"gid": "1299000000000999", "name": "Type", "type": "enum", "resource_subtype": "enum",
             "enum_value": {"gid": "1299000000000998", "name": "Action item"}, "display_value": "Action item"}
        ],
    }
    training_fake.add_task(REFRESHER, reminder)
    sync(training_fake, path, full=True)
    gids = [gid for (gid,) in rows(path, "SELECT gid FROM training_modules WHERE project_gid = ?", REFRESHER)]
    assert "1299000000000101" in gids and "1299000000000105" not in gids
    later = training_fake.add_task(REFRESHER, {**reminder, "gid": None, "name": "Reminder: finish again"})
    sync(training_fake, path, audit=False)
    gids = [gid for (gid,) in rows(path, "SELECT gid FROM training_modules WHERE project_gid = ?", REFRESHER)]
    assert later["gid"] not in gids and len(gids) == 3, "an incremental sync leaves it out too"
