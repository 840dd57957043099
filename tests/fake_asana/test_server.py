"""The fake Asana, exercised over HTTP exactly as a client would, and held to asana_oas.yaml."""

from __future__ import annotations

import copy
import threading
import time
from datetime import UTC, date, datetime

import httpx
import pytest

from podview.demo.generator import build_dump
from podview.sync import dump as fields
from tests.fake_asana import FakeAsana, Faults, check_exchange, serve
from tests.fake_asana.openapi import check_request, operation

TODAY = date(2026, 11, 20)
TASK_FIELDS = ",".join(fields.TASK_FIELDS)


@pytest.fixture(scope="module")
def dump():
    return build_dump(TODAY)


@pytest.fixture
def fake(dump):
    yield from serve(dump)


@pytest.fixture
def http(fake):
    with fake.client() as client:
        yield client


def projects(dump) -> dict[str, dict]:
    return {p["name"]: p for rows in dump["team_projects"].values() for p in rows}


def pgid(dump, name: str = "Brightsmile Dental Group") -> str:
    return projects(dump)[name]["gid"]


def top_task(dump, name: str = "Brightsmile Dental Group") -> dict:
    return next(t for t in dump["tasks"][pgid(dump, name)] if t["parent"] is None)


def open_task(dump, name: str = "Brightsmile Dental Group") -> dict:
    return next(
        t for t in dump["tasks"][pgid(dump, name)] if t["parent"] is None and not t["completed"]
    )


def field_gid(dump, project: str, field: str) -> str:
    return next(
        s["custom_field"]["gid"]
        for s in dump["custom_field_settings"][pgid(dump, project)]
        if s["custom_field"]["name"] == field
    )


def option_gid(dump, project: str, field: str, option: str) -> str:
    setting = next(
        s
        for s in dump["custom_field_settings"][pgid(dump, project)]
        if s["custom_field"]["name"] == field
    )
    return next(o["gid"] for o in setting["custom_field"]["enum_options"] if o["name"] == option)


def entry(task: dict, name: str) -> dict:
    return next(e for e in task["custom_fields"] if e["name"] == name)


def trimmed(record, asked: tuple[str, ...]):
    """The dump record cut to `asked` (an independent reading of what Asana returns)."""
    tree: dict = {}
    for name in asked:
        node = tree
        for part in name.split("."):
            node = node.setdefault(part, {})

    def cut(value, node):
        if isinstance(value, list):
            return [cut(v, node) for v in value]
        if isinstance(value, dict) and node:
            out = {"gid": value["gid"]} if "gid" in value else {}
            out.update({k: cut(value[k], sub) for k, sub in node.items() if k in value})
            return out
        return value

    return cut(record, tree)


def data(response: httpx.Response):
    assert response.status_code < 300, response.text
    return response.json()["data"]


def walk(http, path: str, params: dict) -> list[dict]:
    records, query = [], dict(params)
    while True:
        body = http.get(path, params=query).json()
        records += body["data"]
        if not body["next_page"]:
            return records
        query["offset"] = body["next_page"]["offset"]


def events(http, resource: str, sync: str) -> tuple[list[dict], str]:
    found = []
    while True:
        body = http.get("/events", params={"resource": resource, "sync": sync}).json()
        found += body["data"]
        sync = body["sync"]
        if not body["has_more"]:
            return found, sync


def first_sync(http, resource: str) -> str:
    response = http.get("/events", params={"resource": resource})
    assert response.status_code == 412
    return response.json()["sync"]


# --- serving, auth, envelopes -----------------------------------------------------------


def test_serves_on_loopback_with_keep_alive_and_stops(dump):
    fake = FakeAsana(dump)
    url = fake.start()
    assert url.startswith("http://127.0.0.1:") and url.endswith("/api/1.0")
    with fake.client() as client:
        for _ in range(5):
            assert client.get("/users/me").status_code == 200
    assert fake.connections == 1
    fake.stop()
    with pytest.raises(httpx.ConnectError):
        httpx.get(url + "/users/me")
    assert fake.start() == url, "a restart keeps the address"
    assert (
        httpx.get(url + "/users/me", headers={"Authorization": "Bearer test-token"}).status_code
        == 200
    )
    fake.stop()


def test_a_missing_or_wrong_token_is_401(fake):
    for headers in ({}, {"Authorization": "Bearer nope"}, {"Authorization": "test-token"}):
        response = httpx.get(fake.base_url + "/users/me", headers=headers)
        assert response.status_code == 401
        [error] = response.json()["errors"]
        assert error["message"] == "Not Authorized" and error["help"] and "phrase" not in error


def test_me_and_the_workspace(http, dump):
    me = data(http.get("/users/me", params={"opt_fields": "name,workspaces.name"}))
    assert me == {
        "gid": dump["me"]["gid"],
        "name": dump["me"]["name"],
        "workspaces": [{"gid": dump["workspace"]["gid"], "name": dump["workspace"]["name"]}],
    }
    workspace = data(
        http.get(
            f"/workspaces/{dump['workspace']['gid']}", params={"opt_fields": "name,is_organization"}
        )
    )
    assert workspace == dump["workspace"]
    assert http.get("/workspaces/1").status_code == 404
    assert http.get("/no/such/route").status_code == 404


# --- opt_fields -----------------------------------------------------------------------------


def test_without_opt_fields_records_are_compact(http, dump):
    task = data(http.get(f"/projects/{pgid(dump)}/tasks", params={"limit": 1}))[0]
    assert set(task) == {"gid", "resource_type", "name", "resource_subtype", "created_by"}
    assert task["resource_type"] == "task" and set(task["created_by"]) == {"gid", "resource_type"}
    team = dump["teams"][1]["gid"]
    assert all(
        set(p) == {"gid", "resource_type", "name"}
        for p in data(http.get(f"/teams/{team}/projects"))
    )
    goal = data(http.get("/goals", params={"project": pgid(dump)}))[0]
    assert set(goal) == {"gid", "resource_type", "name", "owner"}
    assert set(goal["owner"]) == {"gid", "resource_type", "name"}
    update = data(http.get("/status_updates", params={"parent": pgid(dump)}))[0]
    assert set(update) == {"gid", "resource_type", "title", "resource_subtype"}


def test_opt_fields_select_exactly_the_asked_fields(http, dump):
    project = pgid(dump)
    tasks = data(http.get(f"/projects/{project}/tasks", params={"opt_fields": TASK_FIELDS}))
    assert tasks == [trimmed(t, fields.TASK_FIELDS) for t in dump["tasks"][project]]
    bare = data(
        http.get(
            f"/projects/{project}/tasks",
            params={"opt_fields": "assignee,memberships,due_at,parent.name", "limit": 3},
        )
    )
    first = bare[0]
    assert set(first) == {"gid", "assignee", "memberships", "due_at", "parent"}
    assert first["assignee"] == {"gid": dump["tasks"][project][0]["assignee"]["gid"]}
    assert first["memberships"] == [{}], "plain memberships come back empty (facts §3)"
    assert first["due_at"] is None and first["parent"] is None


@pytest.mark.parametrize(
    "path, asked, expected",
    [
        ("/workspaces/{ws}/teams", fields.TEAM_FIELDS, lambda d: d["teams"]),
        (
            "/teams/{team}/users",
            fields.USER_FIELDS,
            lambda d: d["team_users"][d["teams"][1]["gid"]],
        ),
        (
            "/projects/{project}/custom_field_settings",
            fields.CUSTOM_FIELD_SETTING_FIELDS,
            lambda d: d["custom_field_settings"][pgid(d)],
        ),
        ("/projects/{project}/sections", fields.SECTION_FIELDS, lambda d: d["sections"][pgid(d)]),
        ("/goals?project={project}", fields.GOAL_FIELDS, lambda d: d["goals"][pgid(d)]),
        (
            "/status_updates?parent={project}",
            fields.STATUS_UPDATE_FIELDS,
            lambda d: d["status_updates"][pgid(d)],
        ),
        (
            "/tasks/{storied}/stories",
            fields.STORY_FIELDS,
            lambda d: next(iter(d["stories"].values())),
        ),
    ],
)
def test_podviews_field_lists_read_back_the_dump(http, dump, path, asked, expected):
    url = path.format(
        ws=dump["workspace"]["gid"],
        team=dump["teams"][1]["gid"],
        project=pgid(dump),
        storied=next(iter(dump["stories"])),
    )
    path, _, query = url.partition("?")
    params = dict(p.split("=") for p in query.split("&") if p)
    got = data(http.get(path, params={**params, "opt_fields": ",".join(asked)}))
    assert got == [trimmed(r, asked) for r in expected(dump)]


def test_team_projects_read_back_the_dump(http, dump):
    team = dump["teams"][1]["gid"]
    got = data(
        http.get(
            f"/teams/{team}/projects",
            params={"archived": "false", "opt_fields": ",".join(fields.PROJECT_FIELDS)},
        )
    )
    wanted = [p for p in dump["team_projects"][team] if not p["archived"]]
    assert [p["gid"] for p in got] == [p["gid"] for p in wanted]
    for record, original in zip(got, wanted):
        assert {k: v for k, v in record.items() if k in original} == trimmed(
            original, fields.PROJECT_FIELDS
        )


def test_an_opt_field_the_operation_does_not_offer_is_400_naming_it(http, dump):
    for bad in ("bogus", "assignee.email", "custom_fields.enum_value.bogus"):
        response = http.get(
            f"/projects/{pgid(dump)}/tasks", params={"opt_fields": f"name,{bad}", "limit": 5}
        )
        assert response.status_code == 400
        assert repr(bad) in response.json()["errors"][0]["message"]


def test_lenient_opt_fields_reach_into_nested_resources(dump):
    with FakeAsana(dump, strict_opt_fields=False) as fake, fake.client() as http:
        task = data(
            http.get(
                f"/projects/{pgid(dump)}/tasks", params={"opt_fields": "assignee.email", "limit": 1}
            )
        )[0]
        assert set(task["assignee"]) <= {"gid", "email"}, "a nested path the full schema has is accepted"
        assert (
            http.get(
                f"/projects/{pgid(dump)}/tasks", params={"opt_fields": "assignee.bogus"}
            ).status_code
            == 400
        )


# --- pagination -------------------------------------------------------------------------------


def test_walking_the_pages_gives_the_whole_list(http, dump):
    path = f"/projects/{pgid(dump, 'Ledgerly')}/tasks"
    whole = data(http.get(path, params={"opt_fields": "name"}))
    assert len(whole) > 100
    for limit in (1, 7, 100):
        assert walk(http, path, {"opt_fields": "name", "limit": limit}) == whole
    first = http.get(path, params={"limit": 100}).json()
    assert first["next_page"]["path"].startswith(path + "?") and first["next_page"][
        "uri"
    ].startswith(http.base_url.scheme)
    assert "next_page" not in http.get(path).json(), "next_page only when limit was sent"


@pytest.mark.parametrize(
    "limit, status", [("0", 400), ("101", 400), ("x", 400), ("-1", 400), ("1", 200), ("100", 200)]
)
def test_limit_is_1_to_100(http, dump, limit, status):
    assert (
        http.get(f"/projects/{pgid(dump)}/sections", params={"limit": limit}).status_code == status
    )


def test_an_offset_is_bound_to_its_query(http, dump):
    path = f"/projects/{pgid(dump)}/tasks"
    offset = http.get(path, params={"limit": 10, "opt_fields": "name"}).json()["next_page"][
        "offset"
    ]
    assert (
        http.get(path, params={"limit": 10, "opt_fields": "name", "offset": offset}).status_code
        == 200
    )
    for other_path, params in [
        (f"/projects/{pgid(dump, 'Ledgerly')}/tasks", {"limit": 10, "opt_fields": "name"}),
        (path, {"limit": 20, "opt_fields": "name"}),
        (path, {"limit": 10}),
        (path, {"opt_fields": "name"}),
    ]:
        response = http.get(other_path, params={**params, "offset": offset})
        assert response.status_code == 400 and "offset is invalid" in response.text
    assert (
        http.get(
            path, params={"limit": 10, "offset": "eyJ0eXAiOJiKV1iQLCJhbGciOiJIUzI1NiJ9"}
        ).status_code
        == 400
    )


def test_an_unpaged_list_of_over_1000_tasks_is_too_large(dump):
    big = copy.deepcopy(dump)
    project = pgid(big)
    template = big["tasks"][project][0]
    big["tasks"][project] = [dict(template, gid=str(9_000_000_000 + i)) for i in range(1001)]
    with FakeAsana(big) as fake, fake.client() as http:
        response = http.get(f"/projects/{project}/tasks")
        assert (
            response.status_code == 400 and "too large" in response.json()["errors"][0]["message"]
        )
        assert len(walk(http, f"/projects/{project}/tasks", {"limit": 100})) == 1001


# --- filters --------------------------------------------------------------------------------


def test_archived_false_leaves_archived_projects_out(http, dump):
    team = next(t for t, rows in dump["team_projects"].items() if any(p["archived"] for p in rows))
    every = data(http.get(f"/teams/{team}/projects", params={"opt_fields": "archived"}))
    live = data(
        http.get(f"/teams/{team}/projects", params={"archived": "false", "opt_fields": "archived"})
    )
    archived = data(
        http.get(f"/teams/{team}/projects", params={"archived": "true", "opt_fields": "archived"})
    )
    assert len(every) == len(live) + len(archived) and archived
    assert not any(p["archived"] for p in live) and all(p["archived"] for p in archived)
    assert http.get(f"/teams/{team}/projects", params={"archived": "yes"}).status_code == 400


def test_completed_since(http, dump):
    project = pgid(dump)
    tasks = dump["tasks"][project]
    cutoff = sorted(t["completed_at"] for t in tasks if t["completed_at"])[len(tasks) // 4]
    got = {
        t["gid"]
        for t in data(http.get(f"/projects/{project}/tasks", params={"completed_since": cutoff}))
    }
    assert got == {t["gid"] for t in tasks if not t["completed"] or t["completed_at"] >= cutoff}
    now = {
        t["gid"]
        for t in data(http.get(f"/projects/{project}/tasks", params={"completed_since": "now"}))
    }
    assert now == {t["gid"] for t in tasks if not t["completed"]}
    via_tasks = data(http.get("/tasks", params={"project": project, "completed_since": cutoff}))
    assert {t["gid"] for t in via_tasks} == got
    assert (
        http.get(f"/projects/{project}/tasks", params={"completed_since": "soon"}).status_code
        == 400
    )


def test_modified_since(http, fake, dump):
    project = pgid(dump)
    since = fake.now().isoformat()
    assert data(http.get("/tasks", params={"project": project, "modified_since": since})) == []
    changed = top_task(dump)["gid"]
    moved = dump["tasks"][pgid(dump, "Ledgerly")][5]["gid"]
    fake.update_task(changed, name="Renamed")
    before = fake.task(moved)["modified_at"]
    fake.move_task(moved, pgid(dump, "Ledgerly"), project)
    assert fake.task(moved)["modified_at"] == before, "moving does not change modified_at (L7839)"
    got = data(
        http.get(
            "/tasks", params={"project": project, "modified_since": since, "opt_fields": "name"}
        )
    )
    assert {t["gid"] for t in got} == {changed, moved}
    assert http.get("/tasks", params={"modified_since": since}).status_code == 400


def test_tasks_by_section_and_by_assignee(http, dump):
    project = pgid(dump)
    section = dump["sections"][project][1]
    in_section = data(
        http.get(
            "/tasks", params={"section": section["gid"], "opt_fields": "memberships.section.name"}
        )
    )
    wanted = [
        t["gid"]
        for t in dump["tasks"][project]
        if t["memberships"][0]["section"]["gid"] == section["gid"]
    ]
    assert [t["gid"] for t in in_section] == wanted and wanted
    person = top_task(dump)["assignee"]
    mine = data(
        http.get(
            "/tasks", params={"assignee": person["gid"], "workspace": dump["workspace"]["gid"]}
        )
    )
    everyone = {t["gid"]: t for rows in dump["tasks"].values() for t in rows}
    assert {t["gid"] for t in mine} == {
        g for g, t in everyone.items() if (t["assignee"] or {}).get("gid") == person["gid"]
    }


# --- events ---------------------------------------------------------------------------------


def test_events_start_with_412_and_a_fresh_token(http, dump):
    response = http.get("/events", params={"resource": pgid(dump)})
    assert response.status_code == 412
    body = response.json()
    assert (
        body["errors"][0]["message"] and isinstance(body["sync"], str) and len(body["sync"]) == 32
    )
    again = http.get("/events", params={"resource": pgid(dump), "sync": "not-a-token"})
    assert again.status_code == 412 and again.json()["sync"] != body["sync"]
    quiet = http.get("/events", params={"resource": pgid(dump), "sync": body["sync"]}).json()
    assert quiet["data"] == [] and quiet["has_more"] is False and quiet["sync"]


def test_events_follow_every_kind_of_task_change(http, fake, dump):
    project = pgid(dump)
    sync = first_sync(http, project)
    task = open_task(dump)["gid"]
    fake.update_task(task, name="New name", custom_fields={"Result": "Win"})
    fake.update_task(task, due_on=date(2026, 12, 1))
    fake.complete_task(task)
    added = fake.add_task(project, {"name": "A new one"})
    fake.add_story(task, {"text": "hi", "resource_subtype": "comment_added"})
    fake.delete_task(added["gid"])
    fake.move_task(task, project, pgid(dump, "Ledgerly"))
    found, sync = events(http, project, sync)
    summary = [
        (
            e["action"],
            e["resource"]["resource_type"],
            (e.get("change") or {}).get("field"),
            (e["parent"] or {}).get("gid"),
        )
        for e in found
    ]
    assert summary == [
        ("changed", "task", "name", None),
        ("changed", "task", "custom_fields", None),
        ("changed", "task", "due_on", None),
        ("added", "story", None, task),
        ("changed", "task", "completed", None),
        ("added", "task", None, project),
        ("added", "story", None, task),
        ("deleted", "task", None, None),
        ("removed", "task", None, project),
    ]
    for event in found:
        assert event["user"]["gid"] == dump["me"]["gid"] and event["created_at"].endswith("Z")
        assert ("change" in event) == (event["action"] == "changed")
        assert {"gid", "resource_type"} <= set(event["resource"])
    assert found[1]["change"]["new_value"]["enum_value"]["name"] == "Win"
    assert found[0]["resource"]["name"] == "New name"
    moved_in, _ = events(http, pgid(dump, "Ledgerly"), first_sync(http, pgid(dump, "Ledgerly")))
    assert moved_in == []


def test_subtask_and_story_events_bubble_up_to_the_project(http, fake, dump):
    project = pgid(dump)
    parent = open_task(dump)
    sync = first_sync(http, project)
    child = data(http.post("/tasks", json={"data": {"name": "child", "parent": parent["gid"]}}))
    fake.update_task(child["gid"], name="child renamed")
    fake.add_story(child["gid"], {"text": "on the subtask"})
    found, _ = events(http, project, sync)
    assert [(e["action"], e["resource"]["gid"], (e["parent"] or {}).get("gid")) for e in found] == [
        ("added", child["gid"], parent["gid"]),
        ("changed", child["gid"], None),
        ("added", found[2]["resource"]["gid"], child["gid"]),
    ]
    listed = {t["gid"] for t in data(http.get(f"/projects/{project}/tasks"))}
    assert child["gid"] not in listed, "a subtask is listed only when it was added to the project"
    subtasks = data(
        http.get(f"/tasks/{parent['gid']}/subtasks", params={"opt_fields": "name,parent"})
    )
    assert subtasks[-1] == {
        "gid": child["gid"],
        "name": "child renamed",
        "parent": {"gid": parent["gid"]},
    }


def test_events_page_by_100_and_a_repeated_token_repeats_its_answer(http, fake, dump):
    project = pgid(dump)
    sync = first_sync(http, project)
    tasks = [t["gid"] for t in dump["tasks"][project][:26]]
    for i in range(5):
        for gid in tasks:
            fake.update_task(gid, notes=f"note {i}")
    first = http.get("/events", params={"resource": project, "sync": sync}).json()
    assert len(first["data"]) == 100 and first["has_more"] is True
    assert http.get("/events", params={"resource": project, "sync": sync}).json() == first
    rest, last = events(http, project, first["sync"])
    assert len(rest) == 30
    assert http.get("/events", params={"resource": project, "sync": last}).json()["data"] == []


def test_expired_sync_tokens_answer_412(http, fake, dump):
    one, other = pgid(dump), pgid(dump, "Ledgerly")
    sync_one, sync_other = first_sync(http, one), first_sync(http, other)
    fake.expire_sync_tokens(one)
    assert http.get("/events", params={"resource": one, "sync": sync_one}).status_code == 412
    assert http.get("/events", params={"resource": other, "sync": sync_other}).status_code == 200
    fake.expire_sync_tokens()
    assert http.get("/events", params={"resource": other, "sync": sync_other}).status_code == 412
    assert http.get("/events", params={"resource": one, "sync": sync_other}).status_code == 412


def test_goal_events(http, fake, dump):
    goal = next(g for g in dump["goals"][pgid(dump)] if g["metric"])["gid"]
    sync = first_sync(http, goal)
    fake.set_goal_current(goal, 120)
    fake.add_status_update(goal, "achieved", "Done")
    found, _ = events(http, goal, sync)
    assert [(e["action"], e["resource"]["resource_type"]) for e in found] == [
        ("changed", "goal"),
        ("added", "status_update"),
    ]
    assert found[1]["parent"]["gid"] == goal
    picked = http.get(
        "/events", params={"resource": goal, "sync": sync, "opt_fields": "action,resource.name"}
    ).json()
    assert set(picked["data"][0]) == {"action", "resource"}


# --- writes ---------------------------------------------------------------------------------------


def test_put_task_changes_only_the_fields_sent(http, fake, dump):
    task = top_task(dump, "Ledgerly")
    project = "Ledgerly"
    result = data(
        http.put(
            f"/tasks/{task['gid']}",
            json={"data": {"due_on": "2026-12-24"}},
            params={"opt_fields": TASK_FIELDS},
        )
    )
    assert result["due_on"] == "2026-12-24" and result["name"] == task["name"]
    assert result["modified_at"] > task["modified_at"]
    assert {k: v for k, v in result.items() if k not in ("due_on", "modified_at")} == {
        k: v
        for k, v in trimmed(task, fields.TASK_FIELDS).items()
        if k not in ("due_on", "modified_at")
    }
    stories = data(
        http.get(
            f"/tasks/{task['gid']}/stories", params={"opt_fields": ",".join(fields.STORY_FIELDS)}
        )
    )
    assert stories[-1]["resource_subtype"] == "due_date_changed"
    assert stories[-1]["old_dates"] == {"due_on": task["due_on"]} and stories[-1]["new_dates"] == {
        "due_on": "2026-12-24"
    }
    values = {
        field_gid(dump, project, "Result"): option_gid(dump, project, "Result", "Loss"),
        field_gid(dump, project, "Confidence"): 97.5,
        field_gid(dump, project, "Postpone reason"): "Client asked",
        field_gid(dump, project, "Original due"): {"date": "2026-11-30"},
    }
    data(
        http.put(
            f"/tasks/{task['gid']}",
            json={"data": {"custom_fields": values, "completed": True, "assignee": "me"}},
        )
    )
    after = data(http.get(f"/tasks/{task['gid']}", params={"opt_fields": TASK_FIELDS}))
    assert entry(after, "Result")["enum_value"]["name"] == "Loss"
    assert entry(after, "Confidence")["number_value"] == 97.5
    assert entry(after, "Postpone reason")["text_value"] == "Client asked"
    assert entry(after, "Original due")["date_value"] == {"date": "2026-11-30", "date_time": None}
    assert (
        after["completed"]
        and after["completed_at"]
        and after["assignee"]["gid"] == dump["me"]["gid"]
    )
    data(
        http.put(
            f"/tasks/{task['gid']}",
            json={
                "data": {"custom_fields": {field_gid(dump, project, "Original due"): "2026-12-02"}}
            },
        )
    )
    assert entry(fake.task(task["gid"]), "Original due")["display_value"] == "2026-12-02"


@pytest.mark.parametrize(
    "sent",
    [
        {"name": 5},
        {"completed": "yes"},
        {"due_on": "24/12/2026"},
        {"due_on": "2026-12-24", "due_at": "2026-12-24T10:00:00Z"},
        {"assignee": "nobody@example.com"},
        {"projects": ["1"]},
        {"colour": "red"},
        {"custom_fields": {"123": "x"}},
        {"custom_fields": "Result=Win"},
    ],
)
def test_put_task_rejects_bad_input(http, dump, sent):
    response = http.put(f"/tasks/{top_task(dump)['gid']}", json={"data": sent})
    assert response.status_code == 400, response.text


def test_put_task_validates_custom_field_values_by_type(http, dump):
    project = "Brightsmile Dental Group"
    task = top_task(dump)["gid"]
    bad = [
        {field_gid(dump, project, "Type"): option_gid(dump, project, "Type", "Rock")},
        {field_gid(dump, project, "Type"): option_gid(dump, project, "Result", "Win")},
        {field_gid(dump, project, "Confidence"): "95"},
        {field_gid(dump, project, "Postpone reason"): "x" * 1025},
        {field_gid(dump, project, "Original due"): {"date": "tomorrow"}},
    ]
    for values in bad:
        assert (
            http.put(f"/tasks/{task}", json={"data": {"custom_fields": values}}).status_code == 400
        ), values
    cleared = data(
        http.put(
            f"/tasks/{task}",
            json={
                "data": {"custom_fields": {field_gid(dump, project, "Type"): None}},
                "options": {"fields": ["custom_fields.enum_value"]},
            },
        )
    )
    assert entry_by_gid(cleared, field_gid(dump, project, "Type"))["enum_value"] is None


def entry_by_gid(task: dict, gid: str) -> dict:
    return next(e for e in task["custom_fields"] if e["gid"] == gid)


def test_post_task_creates_it_in_a_section_with_values(http, fake, dump):
    project = pgid(dump)
    section = dump["sections"][project][2]
    assignee = dump["team_users"][dump["teams"][1]["gid"]][0]
    body = {
        "name": "Decision: pause Meta ads",
        "notes": "From the pod meeting",
        "assignee": assignee["email"],
        "due_on": "2026-11-27",
        "memberships": [{"project": project, "section": section["gid"]}],
        "custom_fields": {
            field_gid(dump, "Brightsmile Dental Group", "Type"): option_gid(
                dump, "Brightsmile Dental Group", "Type", "Action item"
            )
        },
    }
    response = http.post(
        "/tasks", json={"data": body}, params={"opt_fields": TASK_FIELDS + ",notes"}
    )
    assert response.status_code == 201
    created = response.json()["data"]
    assert response.headers["Location"] == f"/tasks/{created['gid']}"
    assert created["memberships"] == [
        {
            "project": {"gid": project, "name": "Brightsmile Dental Group"},
            "section": {"gid": section["gid"], "name": section["name"]},
        }
    ]
    assert created["assignee"] == {"gid": assignee["gid"], "name": assignee["name"]}
    assert (
        entry(created, "Type")["enum_value"]["name"] == "Action item"
        and created["notes"] == "From the pod meeting"
    )
    assert created["completed"] is False and created["created_at"] == created["modified_at"]
    listed = walk(http, f"/projects/{project}/tasks", {"limit": 100})
    assert listed[-1]["gid"] == created["gid"]
    other = http.post(
        "/tasks",
        json={"data": {"name": "x", "projects": [pgid(dump, "Ledgerly")]}},
        params={"opt_fields": "memberships.section.name"},
    )
    assert (
        other.status_code == 201
        and other.json()["data"]["memberships"][0]["section"]["name"]
        == dump["sections"][pgid(dump, "Ledgerly")][0]["name"]
    )
    assert http.post("/tasks", json={"data": {"name": "nowhere"}}).status_code == 400
    assert (
        http.post(
            "/tasks",
            json={
                "data": {
                    "name": "x",
                    "memberships": [
                        {
                            "project": project,
                            "section": dump["sections"][pgid(dump, "Ledgerly")][0]["gid"],
                        }
                    ],
                }
            },
        ).status_code
        == 400
    )


def test_completing_a_completed_task_changes_nothing(http, fake, dump):
    done = top_task(dump)
    assert done["completed"]
    sync = first_sync(http, pgid(dump))
    data(http.put(f"/tasks/{done['gid']}", json={"data": {"completed": True}}))
    assert fake.task(done["gid"])["completed_at"] == done["completed_at"]
    assert fake.task(done["gid"])["modified_at"] == done["modified_at"]
    fake.complete_task(open_task(dump)["gid"], at=datetime(2026, 11, 19, 15, tzinfo=UTC))
    found, _ = events(http, pgid(dump), sync)
    assert [(e["resource"]["gid"], e["change"]["field"]) for e in found] == [
        (open_task(dump)["gid"], "completed")
    ]
    assert fake.task(open_task(dump)["gid"])["completed_at"] == "2026-11-19T15:00:00.000Z"


def test_post_a_comment(http, fake, dump):
    task = top_task(dump)
    response = http.post(
        f"/tasks/{task['gid']}/stories",
        json={"data": {"text": "Decided: pause <Meta> [podview:abc]"}},
    )
    assert response.status_code == 201
    story = response.json()["data"]
    assert (
        story["created_by"]["gid"] == dump["me"]["gid"]
        and story["resource_subtype"] == "comment_added"
    )
    assert story["text"] == "Decided: pause <Meta> [podview:abc]"
    rich = http.post(
        f"/tasks/{task['gid']}/stories",
        json={"data": {"html_text": "<body><strong>Bold</strong> call</body>"}},
        params={"opt_fields": "text,html_text,type"},
    )
    assert rich.json()["data"] == {
        "gid": rich.json()["data"]["gid"],
        "text": "Bold call",
        "html_text": "<body><strong>Bold</strong> call</body>",
        "type": "comment",
    }
    assert (
        http.post(
            f"/tasks/{task['gid']}/stories",
            json={"data": {"text": "a", "html_text": "<body>a</body>"}},
        ).status_code
        == 400
    )
    assert http.post(f"/tasks/{task['gid']}/stories", json={"data": {}}).status_code == 400
    stories = data(http.get(f"/tasks/{task['gid']}/stories", params={"opt_fields": "text"}))
    assert [s["text"] for s in stories[-2:]] == ["Decided: pause <Meta> [podview:abc]", "Bold call"]
    assert fake.task(task["gid"])["modified_at"] > task["modified_at"], "a story bumps modified_at"


def test_post_status_updates(http, fake, dump):
    project = pgid(dump)
    response = http.post(
        "/status_updates",
        json={
            "data": {
                "parent": project,
                "status_type": "at_risk",
                "title": "Week 47",
                "text": "CPA up",
            }
        },
    )
    assert response.status_code == 201
    created = response.json()["data"]
    assert (
        created["resource_subtype"] == "project_status_update"
        and created["parent"]["gid"] == project
    )
    newest = data(
        http.get("/status_updates", params={"parent": project, "opt_fields": "title,status_type"})
    )[0]
    assert newest == {"gid": created["gid"], "title": "Week 47", "status_type": "at_risk"}
    assert (
        data(
            http.get(f"/projects/{project}", params={"opt_fields": "current_status_update.title"})
        )["current_status_update"]["title"]
        == "Week 47"
    )
    assert (
        http.post(
            "/status_updates",
            json={"data": {"parent": project, "status_type": "achieved", "text": "x"}},
        ).status_code
        == 400
    )
    assert (
        http.post(
            "/status_updates", json={"data": {"parent": project, "status_type": "on_track"}}
        ).status_code
        == 400
    )
    assert (
        http.post(
            "/status_updates", json={"data": {"status_type": "on_track", "text": "x"}}
        ).status_code
        == 400
    )
    goal = dump["goals"][project][0]["gid"]
    assert (
        http.post(
            "/status_updates", json={"data": {"parent": goal, "status_type": "missed", "text": "x"}}
        ).status_code
        == 201
    )
    assert (
        http.post(
            "/status_updates",
            json={"data": {"parent": goal, "status_type": "on_hold", "text": "x"}},
        ).status_code
        == 400
    )
    assert data(http.get(f"/goals/{goal}", params={"opt_fields": "status"}))["status"] == "missed"


def test_set_a_goals_metric_current_value(http, dump):
    goals = {g["gid"]: g for rows in dump["goals"].values() for g in rows}
    with_metric = next(g for g in goals.values() if g["metric"])
    without = next(g for g in goals.values() if g["metric"] is None)
    response = http.post(
        f"/goals/{with_metric['gid']}/setMetricCurrentValue",
        json={"data": {"current_number_value": 42.5}},
        params={"opt_fields": "metric.current_number_value"},
    )
    assert (
        response.status_code == 200
        and response.json()["data"]["metric"]["current_number_value"] == 42.5
    )
    read = data(
        http.get(
            f"/goals/{with_metric['gid']}", params={"opt_fields": ",".join(fields.GOAL_FIELDS)}
        )
    )
    assert (
        read["metric"]["current_number_value"] == 42.5
        and read["metric"]["target_number_value"] == with_metric["metric"]["target_number_value"]
    )
    assert (
        http.post(
            f"/goals/{without['gid']}/setMetricCurrentValue",
            json={"data": {"current_number_value": 1}},
        ).status_code
        == 400
    )
    assert (
        http.post(
            f"/goals/{with_metric['gid']}/setMetricCurrentValue",
            json={"data": {"current_number_value": "1"}},
        ).status_code
        == 400
    )


def test_delete_task_then_reads_are_404(http, dump):
    task = top_task(dump)["gid"]
    assert http.delete(f"/tasks/{task}").json() == {"data": {}}
    assert http.get(f"/tasks/{task}").status_code == 404
    assert task not in {t["gid"] for t in data(http.get(f"/projects/{pgid(dump)}/tasks"))}


def test_batch_runs_each_action_and_answers_200(http, dump):
    task = top_task(dump)["gid"]
    actions = [
        {"relative_path": f"/tasks/{task}", "method": "get", "options": {"fields": ["name"]}},
        {
            "relative_path": f"/tasks/{task}",
            "method": "put",
            "data": {"name": "Batched"},
            "options": {"fields": ["name"]},
        },
        {
            "relative_path": f"/tasks/{task}/stories",
            "method": "post",
            "data": {"text": "batched comment"},
        },
        {"relative_path": "/tasks/1", "method": "get"},
        {
            "relative_path": f"/projects/{pgid(dump)}/tasks",
            "method": "get",
            "data": {"completed_since": "now"},
            "options": {"limit": 2, "fields": ["name"]},
        },
        {"relative_path": "/batch", "method": "post", "data": {"actions": []}},
    ]
    response = http.post("/batch", json={"data": {"actions": actions}})
    assert response.status_code == 200
    results = response.json()["data"]
    assert [r["status_code"] for r in results] == [200, 200, 201, 404, 200, 400]
    assert results[0]["body"]["data"]["name"] == top_task(dump)["name"]
    assert results[1]["body"]["data"] == {"gid": task, "name": "Batched"}
    assert results[2]["headers"]["location"].startswith("/stories/")
    assert len(results[4]["body"]["data"]) == 2 and results[4]["body"]["next_page"]["offset"]
    assert data(http.get(f"/tasks/{task}", params={"opt_fields": "name"}))["name"] == "Batched"
    assert http.post("/batch", json={"data": {"actions": []}}).status_code == 400
    assert http.post("/batch", json={"data": {"actions": actions[:1] * 11}}).status_code == 400
    assert http.post("/batch", content=b"{not json").status_code == 400


# --- faults ----------------------------------------------------------------------------------------


def test_5xx_faults_give_way_to_a_retry(http, fake):
    fake.faults = Faults(error_5xx=1.0)
    statuses = [http.get("/users/me").status_code for _ in range(3)]
    assert all(s in (500, 502, 503, 504) for s in statuses[:2]) and statuses[2] == 200
    failing = http.get("/workspaces")
    body = failing.json()["errors"][0]
    assert failing.status_code in (500, 502, 503, 504)
    assert ("phrase" in body) == (failing.status_code == 500)


def test_a_dropped_connection_is_a_transport_error(http, fake):
    fake.faults = Faults(drop=1.0)
    with pytest.raises(httpx.TransportError):
        http.get("/users/me")
    assert fake.requests[-1].status is None


def test_rate_limits_and_storms_answer_429_with_retry_after(http, fake):
    fake.faults = Faults(rate_limit=1.0, retry_after=7)
    response = http.get("/users/me")
    assert response.status_code == 429 and response.headers["Retry-After"] == "7"
    fake.faults = Faults()
    fake.storm(3, retry_after=2)
    statuses = [http.get("/users/me") for _ in range(4)]
    assert [r.status_code for r in statuses] == [429, 429, 429, 200]
    assert statuses[0].headers["Retry-After"] == "2"


def test_a_lost_response_still_applies_the_write(http, fake, dump):
    task = top_task(dump)["gid"]
    fake.faults = Faults(lost_response=1.0)
    assert http.get(f"/tasks/{task}").status_code == 200, "reads are never 'lost'"
    with pytest.raises(httpx.TransportError):
        http.post(f"/tasks/{task}/stories", json={"data": {"text": "did it land? [podview:42]"}})
    fake.faults = Faults()
    stories = data(http.get(f"/tasks/{task}/stories", params={"opt_fields": "text"}))
    assert stories[-1]["text"] == "did it land? [podview:42]"


def test_faults_follow_the_seed(dump):
    def statuses(seed):
        with FakeAsana(dump, seed=seed) as fake, fake.client() as http:
            fake.faults = Faults(error_5xx=0.3, rate_limit=0.2)
            return [http.get(f"/workspaces?n={i}").status_code for i in range(30)]

    first = statuses(3)
    assert first == statuses(3) and first != statuses(4)
    assert {200, 429} <= set(first) and set(first) - {200, 429}


def test_a_forbidden_project_answers_403_for_its_children(http, fake, dump):
    project = pgid(dump)
    fake.forbidden = {project}
    task = top_task(dump)["gid"]
    goal = dump["goals"][project][0]["gid"]
    for path, params in [
        (f"/projects/{project}/tasks", {}),
        (f"/projects/{project}/sections", {}),
        (f"/projects/{project}/custom_field_settings", {}),
        ("/tasks", {"project": project}),
        ("/goals", {"project": project}),
        ("/status_updates", {"parent": project}),
        ("/events", {"resource": project}),
        (f"/tasks/{task}", {}),
        (f"/tasks/{task}/stories", {}),
        (f"/goals/{goal}", {}),
    ]:
        assert http.get(path, params=params).status_code == 403, path
    team = dump["teams"][1]["gid"]
    assert project in {p["gid"] for p in data(http.get(f"/teams/{team}/projects"))}
    assert http.put(f"/tasks/{task}", json={"data": {"name": "x"}}).status_code == 403
    fake.forbidden.clear()
    assert http.get(f"/projects/{project}/tasks").status_code == 200


# --- observability and concurrency ---------------------------------------------------------------------


def test_latency_is_paid_in_parallel_and_in_flight_is_measured(dump):
    with FakeAsana(dump, latency=0.2) as fake:
        clients = [fake.client() for _ in range(20)]
        threads = [threading.Thread(target=client.get, args=("/users/me",)) for client in clients]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - started
        for client in clients:
            client.close()
        assert 0.2 <= elapsed < 2.0, "20 requests of 0.2 s each overlap (4 s one after another)"
        assert fake.max_in_flight >= 10 and fake.request_count("/users") == 20


def test_the_request_log(http, fake, dump):
    http.get(f"/projects/{pgid(dump)}/sections", params={"limit": 2})
    http.get("/users/me")
    http.get("/nope")
    assert fake.requests[0] == ("GET", f"/projects/{pgid(dump)}/sections", {"limit": "2"}, 200)
    assert fake.request_count() == 3 and fake.request_count("/projects") == 1
    assert fake.requests[-1].status == 404
    fake.reset_log()
    assert fake.requests == [] and fake.request_count() == 0


def test_mutations_never_touch_the_callers_dump(dump):
    before = copy.deepcopy(dump)
    with FakeAsana(dump) as fake, fake.client() as http:
        task = top_task(dump)["gid"]
        fake.update_task(task, name="changed", custom_fields={"Type": "Tactic"})
        http.put(f"/tasks/{task}", json={"data": {"due_on": "2027-01-01"}})
        fake.add_status_update(pgid(dump), "off_track", "x")
    assert dump == before


# --- conformance with asana_oas.yaml ---------------------------------------------------------------------


def test_every_exchange_conforms_to_the_openapi_file(dump):
    with FakeAsana(dump, record_bodies=True) as fake, fake.client() as http:
        project, team = pgid(dump), dump["teams"][1]["gid"]
        task = top_task(dump)["gid"]
        goal = next(g for g in dump["goals"][project] if g["metric"])["gid"]
        storied = next(iter(dump["stories"]))
        reads = [
            ("/users/me", {}),
            ("/workspaces", {"limit": 10}),
            (f"/workspaces/{dump['workspace']['gid']}", {}),
            (
                f"/workspaces/{dump['workspace']['gid']}/teams",
                {"opt_fields": ",".join(fields.TEAM_FIELDS)},
            ),
            (f"/teams/{team}/users", {"opt_fields": ",".join(fields.USER_FIELDS)}),
            (
                f"/teams/{team}/projects",
                {"archived": "false", "opt_fields": ",".join(fields.PROJECT_FIELDS), "limit": 100},
            ),
            (f"/teams/{team}/projects", {}),
            (
                f"/projects/{project}/custom_field_settings",
                {"opt_fields": ",".join(fields.CUSTOM_FIELD_SETTING_FIELDS)},
            ),
            (f"/projects/{project}/custom_field_settings", {}),
            (f"/projects/{project}/sections", {"limit": 100}),
            (f"/projects/{project}/tasks", {"opt_fields": TASK_FIELDS, "limit": 100}),
            (f"/projects/{project}/tasks", {"completed_since": "now"}),
            (
                "/tasks",
                {
                    "project": project,
                    "modified_since": "2026-11-01T00:00:00.000Z",
                    "opt_fields": TASK_FIELDS,
                    "limit": 50,
                },
            ),
            (f"/tasks/{task}", {}),
            (f"/tasks/{task}", {"opt_fields": TASK_FIELDS}),
            (f"/tasks/{storied}/stories", {"opt_fields": ",".join(fields.STORY_FIELDS)}),
            (f"/tasks/{storied}/stories", {}),
            ("/goals", {"project": project}),
            (
                "/goals",
                {"workspace": dump["workspace"]["gid"], "opt_fields": ",".join(fields.GOAL_FIELDS)},
            ),
            (f"/goals/{goal}", {}),
            (f"/goals/{goal}", {"opt_fields": ",".join(fields.GOAL_FIELDS)}),
            (
                "/status_updates",
                {"parent": project, "opt_fields": ",".join(fields.STATUS_UPDATE_FIELDS)},
            ),
            ("/status_updates", {"parent": goal}),
        ]
        for path, params in reads:
            assert http.get(path, params=params).status_code == 200, path
        sync = first_sync(http, project)
        http.put(f"/tasks/{task}", json={"data": {"name": "Renamed", "assignee": None}})
        http.post(f"/tasks/{task}/stories", json={"data": {"text": "A decision"}})
        http.post(
            "/tasks", json={"data": {"name": "New", "projects": [project], "due_on": "2026-12-01"}}
        )
        http.post(
            "/status_updates",
            json={
                "data": {"parent": project, "status_type": "on_track", "title": "t", "text": "x"}
            },
        )
        http.post(
            f"/goals/{goal}/setMetricCurrentValue", json={"data": {"current_number_value": 3}}
        )
        http.get("/events", params={"resource": project, "sync": sync})
        http.post(
            "/batch",
            json={
                "data": {
                    "actions": [
                        {
                            "relative_path": f"/tasks/{task}",
                            "method": "get",
                            "options": {"fields": ["name", "due_on"]},
                        },
                        {
                            "relative_path": f"/tasks/{task}",
                            "method": "put",
                            "data": {"notes": "batched"},
                        },
                        {"relative_path": "/tasks/1", "method": "get"},
                    ]
                }
            },
        )
        http.post(
            "/status_updates",
            json={"data": {"parent": project, "status_type": "achieved", "text": "x"}},
        )
        http.get("/tasks/1")
        http.get("/users/me", headers={"Authorization": "Bearer wrong"})
        assert [e.status for e in fake.exchanges[-3:]] == [400, 404, 401]
        assert fake.check_exchanges() == len(reads) + 11
        assert fake.crashes == []


def test_the_checker_catches_what_asana_would_not_send(http, dump):
    task = top_task(dump)
    good = {"data": trimmed(task, fields.TASK_FIELDS)}
    check_exchange("GET", f"/tasks/{task['gid']}?opt_fields={TASK_FIELDS}", None, 200, good)
    wrong = copy.deepcopy(good)
    wrong["data"].update(completed_at="yesterday", due_on=20261120, memberships="none")
    with pytest.raises(AssertionError, match="completed_at|due_on|memberships"):
        check_exchange("GET", f"/tasks/{task['gid']}", None, 200, wrong)
    with pytest.raises(AssertionError, match="201"):
        check_exchange("POST", "/tasks", {"data": {"name": "x"}}, 200, good)
    with pytest.raises(AssertionError, match="unknown query parameter 'modified_since'"):
        check_request("GET", f"/projects/{pgid(dump)}/tasks?modified_since=2026-01-01T00:00:00Z")
    with pytest.raises(AssertionError, match="assignee.email"):
        check_request("GET", f"/projects/{pgid(dump)}/tasks?opt_fields=assignee.email")
    with pytest.raises(AssertionError, match="no such operation"):
        check_request("GET", "/tasks/1/bogus")
    with pytest.raises(AssertionError, match="missing required parameter 'resource'"):
        check_request("GET", "/events")
    assert operation("GET", "/events").required == {"resource"}
