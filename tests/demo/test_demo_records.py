"""The demo's records are shaped exactly like Asana's answers to podview's requests."""

from __future__ import annotations

import copy
import json

import pytest

from podview.sync.dump import (
    CUSTOM_FIELD_SETTING_FIELDS,
    GOAL_FIELDS,
    PROJECT_FIELDS,
    STATUS_UPDATE_FIELDS,
    STORY_FIELDS,
    TASK_FIELDS,
    TEAM_FIELDS,
    USER_FIELDS,
)
from tests.demo.reading import VALUE_KEY, all_tasks, projects, tasks_of, top_keys
from tests.fake_asana import openapi

# --- shapes ---------------------------------------------------------------


def check_custom_field(entry: dict) -> None:
    assert set(entry) == {
        "gid",
        "name",
        "type",
        "resource_subtype",
        "display_value",
        VALUE_KEY[entry["type"]],
    }
    assert entry["type"] == entry["resource_subtype"]
    raw = entry[VALUE_KEY[entry["type"]]]
    if entry["type"] == "enum" and raw is not None:
        assert set(raw) == {"gid", "name"}
    if entry["type"] == "date" and raw is not None:
        assert set(raw) == {"date", "date_time"}


def test_task_records_have_exactly_the_asked_fields(dump):
    wanted = top_keys(TASK_FIELDS)
    for task in all_tasks(dump):
        assert set(task) == wanted
        assert task["assignee"] is None or set(task["assignee"]) == {"gid", "name"}
        assert task["parent"] is None or set(task["parent"]) == {"gid"}
        for membership in task["memberships"]:
            assert set(membership) == {"project", "section"}
            assert set(membership["project"]) == set(membership["section"]) == {"gid", "name"}
        for entry in task["custom_fields"]:
            check_custom_field(entry)


def test_every_task_has_an_entry_for_every_field_of_its_projects(dump):
    settings = {
        gid: {s["custom_field"]["gid"] for s in rows}
        for gid, rows in dump["custom_field_settings"].items()
    }
    for task in all_tasks(dump):
        expected = set().union(*(settings[m["project"]["gid"]] for m in task["memberships"]))
        assert [e["gid"] for e in task["custom_fields"]] == sorted(
            expected, key=[e["gid"] for e in task["custom_fields"]].index
        )
        assert len(task["custom_fields"]) == len(expected)


def test_other_records_have_exactly_the_asked_fields(dump):
    assert (
        set(dump["workspace"]) == {"gid", "name", "is_organization"}
        and dump["workspace"]["is_organization"]
    )
    assert set(dump["me"]) == top_keys(USER_FIELDS)
    assert all(set(team) == top_keys(TEAM_FIELDS) for team in dump["teams"])
    assert all(
        set(user) == top_keys(USER_FIELDS)
        for users in dump["team_users"].values()
        for user in users
    )
    for project in projects(dump).values():
        assert set(project) == top_keys(PROJECT_FIELDS)
        assert set(project["team"]) == {"gid", "name"}
        assert project["current_status_update"] is None or set(
            project["current_status_update"]
        ) == {"gid", "title"}
        for entry in project["custom_fields"]:
            check_custom_field(entry)
    for rows in dump["custom_field_settings"].values():
        for setting in rows:
            assert set(setting) == top_keys(CUSTOM_FIELD_SETTING_FIELDS)
            custom = setting["custom_field"]
            assert set(custom) - {"enum_options"} == {"gid", "name", "type", "resource_subtype"}
            assert ("enum_options" in custom) == (custom["type"] == "enum")
    for goals in dump["goals"].values():
        for goal in goals:
            assert set(goal) == top_keys(GOAL_FIELDS)
            assert set(goal["owner"]) == {"gid", "name"}
            assert goal["time_period"] is None or set(goal["time_period"]) == {
                "gid",
                "start_on",
                "end_on",
                "period",
                "display_name",
            }
            assert goal["metric"] is None or set(goal["metric"]) == {
                "gid",
                "resource_subtype",
                "unit",
                "currency_code",
                "precision",
                "initial_number_value",
                "current_number_value",
                "target_number_value",
            }
    for updates in dump["status_updates"].values():
        assert [u["created_at"] for u in updates] == sorted(
            (u["created_at"] for u in updates), reverse=True
        )
        for update in updates:
            assert set(update) == top_keys(STATUS_UPDATE_FIELDS)
    for stories in dump["stories"].values():
        for story in stories:
            assert set(story) == top_keys(STORY_FIELDS)
            assert story["resource_subtype"] == "due_date_changed" and story["type"] == "system"


def test_gids_are_numeric_and_name_one_resource_each(dump):
    owners: dict[str, str] = {}

    def claim(gid, kind):
        assert gid.isdigit()
        assert owners.setdefault(gid, kind) == kind, f"gid {gid} is both {owners[gid]} and {kind}"

    claim(dump["workspace"]["gid"], "workspace")
    for team in dump["teams"]:
        claim(team["gid"], "team")
    for users in dump["team_users"].values():
        for user in users:
            claim(user["gid"], "user")
    for project in projects(dump).values():
        claim(project["gid"], "project")
    for rows in dump["custom_field_settings"].values():
        for setting in rows:
            claim(setting["gid"], "setting")
            claim(setting["custom_field"]["gid"], "field")
            for option in setting["custom_field"].get("enum_options", []):
                claim(option["gid"], "option")
    for rows in dump["sections"].values():
        for section in rows:
            claim(section["gid"], "section")
    records: dict[str, str] = {}
    for task in all_tasks(dump):
        claim(task["gid"], "task")
        text = json.dumps(task, sort_keys=True)
        assert records.setdefault(task["gid"], text) == text, (
            "a multi-homed task is the same record in each list"
        )
    for goals in dump["goals"].values():
        for goal in goals:
            claim(goal["gid"], "goal")
            if goal["metric"]:
                claim(goal["metric"]["gid"], "metric")
            if goal["time_period"]:
                claim(goal["time_period"]["gid"], "time period")
    for updates in dump["status_updates"].values():
        for update in updates:
            claim(update["gid"], "status update")
    for stories in dump["stories"].values():
        for story in stories:
            claim(story["gid"], "story")


# --- the OpenAPI description ------------------------------------------------


@pytest.fixture(scope="module")
def schemas():
    """Validators for Asana's response components, the 66k-line YAML read once.

    `date_value.date_time` is "null if no time value is selected" by its own
    description, yet not marked nullable; it is marked here.
    """
    import openapi_schema_validator as validators

    components = copy.deepcopy(openapi.spec()["components"])
    date_value = components["schemas"]["CustomFieldCompact"]["properties"]["date_value"]
    date_value["properties"]["date_time"]["nullable"] = True
    components = _nullable_all_of(components)

    def validator(name):
        return validators.OAS30ReadValidator(
            {"$ref": f"#/components/schemas/{name}", "components": components},
            format_checker=validators.oas30_format_checker,
        )

    return validator


def _nullable_all_of(node):
    """Asana marks nullability in an `allOf` branch (`allOf: [UserCompact, {nullable: true}]`).

    A strict OpenAPI 3.0 validator then rejects the null that Asana really
    returns, so such a schema is read as "null, or the allOf".
    """
    if isinstance(node, list):
        return [_nullable_all_of(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _nullable_all_of(item) for key, item in node.items()}
    if any(isinstance(branch, dict) and branch.get("nullable") for branch in node.get("allOf", [])):
        return {"anyOf": [{"enum": [None]}, node]}
    return node


def test_records_validate_against_asanas_openapi_components(dump, schemas):
    def valid(name, record):
        errors = sorted(schemas(name).iter_errors(record), key=str)
        assert not errors, f"{name}: {errors[0].message} at {list(errors[0].absolute_path)}"

    client = projects(dump)["Bluebird Home Care"]
    tasks = tasks_of(dump, "Brightsmile Dental Group") + tasks_of(
        dump, "Copperline Coffee Roasters"
    )
    for task in tasks:
        valid("TaskResponse", task)
    for project in projects(dump).values():
        valid("ProjectResponse", project)
    for goals in dump["goals"].values():
        for goal in goals:
            valid("GoalResponse", goal)
    for updates in dump["status_updates"].values():
        for update in updates:
            valid("StatusUpdateResponse", update)
    for stories in dump["stories"].values():
        for story in stories:
            valid("StoryResponse", story)
    for setting in dump["custom_field_settings"][client["gid"]]:
        valid("CustomFieldSettingResponse", setting)
    for section in dump["sections"][client["gid"]]:
        valid("SectionResponse", section)
    for team in dump["teams"]:
        valid("TeamResponse", team)
    valid("UserResponse", dump["me"])
    valid("WorkspaceResponse", dump["workspace"])


def test_the_validator_does_catch_a_wrong_record(dump, schemas):
    task = dict(tasks_of(dump, "Ledgerly")[0], completed_at="yesterday", due_on=20261120)
    assert len(list(schemas("TaskResponse").iter_errors(task))) >= 2
