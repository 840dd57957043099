"""The demo agency: deterministic, shaped exactly like Asana's answers, and holding every situation.

The situation tests read the dump independently of podview's mapper and
figures (a small reading of conventions.md and metrics.md lives at the bottom),
so a generator change that quietly drops a situation fails here, not in a demo.
"""

from __future__ import annotations

import copy
import json
import re
import time
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from podview.dates import Week
from podview.demo.generator import DEMO_TIMEZONE, build_dump
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
from tests.fake_asana import openapi

TODAY = date(2026, 11, 20)
ZONE = ZoneInfo(DEMO_TIMEZONE)
VALUE_KEY = {
    "enum": "enum_value",
    "number": "number_value",
    "text": "text_value",
    "date": "date_value",
}
EXPECTED_SCORES = {
    "Brightsmile Dental Group": 120,
    "Meridian Wealth Partners": 80,
    "Vireo Skincare": 70,
    "Forge Athletics": 47,
    "Kettle & Crumb 🍪": 40,
    "Summit Roofing & Solar": 37,
    "Tidewater Realty Group": 25,
    "Harbor & Pine Law": 22,
    "Northwind Outdoor Co.": 17,
    "Copperline Coffee Roasters": 15,
    "Peakform Fitness Studios": 10,
    "Clearview Eye Care": 10,
    "Greenleaf Veterinary Clinics": 10,
    "Ledgerly": 0,
    "Lumen Analytics": 0,
    "Bluebird Home Care": 0,
}
"""Default-weight risk scores on TODAY (Lumen, Vireo gain 10 in a quarter's last 3 weeks)."""


@pytest.fixture(scope="module")
def dump():
    return build_dump(TODAY)


@pytest.fixture(scope="module")
def reading(dump):
    return read(dump, TODAY)


def top_keys(fields: tuple[str, ...]) -> set[str]:
    return {"gid"} | {name.split(".")[0] for name in fields}


def projects(dump) -> dict[str, dict]:
    return {p["name"]: p for team in dump["teams"] for p in dump["team_projects"][team["gid"]]}


def all_tasks(dump) -> list[dict]:
    return [task for tasks in dump["tasks"].values() for task in tasks]


def tasks_of(dump, client: str) -> list[dict]:
    return dump["tasks"][projects(dump)[client]["gid"]]


def named(dump, client: str, name: str) -> dict:
    found = [task for task in tasks_of(dump, client) if task["name"] == name]
    assert len(found) == 1, f"{name!r} in {client}: {len(found)} found"
    return found[0]


def value(record: dict, field: str):
    """A custom field's value as podview reads it: enum name, number, text or date string."""
    for entry in record["custom_fields"]:
        if entry["name"] == field:
            raw = entry[VALUE_KEY[entry["type"]]]
            return raw.get("name") or raw.get("date") if isinstance(raw, dict) else raw
    return None


def local(stamp: str | None) -> datetime | None:
    return (
        None
        if stamp is None
        else datetime.fromisoformat(stamp.replace("Z", "+00:00")).astimezone(ZONE)
    )


def norm(name: str) -> str:
    return " ".join(name.casefold().split())


# --- determinism ----------------------------------------------------------


def test_same_arguments_give_identical_json(dump):
    assert json.dumps(build_dump(TODAY), ensure_ascii=False) == json.dumps(dump, ensure_ascii=False)


def test_another_seed_gives_another_agency(dump):
    other = build_dump(TODAY, seed=7)
    assert json.dumps(other) != json.dumps(dump)
    assert sorted(projects(other)) == sorted(projects(dump)), (
        "the cast keeps its names whatever the seed"
    )


def test_a_later_today_shifts_every_date(dump):
    later = build_dump(TODAY + timedelta(days=7))
    before = {t["gid"]: t for t in all_tasks(dump)}
    after = {t["gid"]: t for t in all_tasks(later)}
    assert before.keys() == after.keys()
    for gid, task in before.items():
        if task["due_on"] is not None:
            assert date.fromisoformat(after[gid]["due_on"]) - date.fromisoformat(
                task["due_on"]
            ) == timedelta(days=7)
        assert local(after[gid]["created_at"]).date() - local(
            task["created_at"]
        ).date() == timedelta(days=7)


# --- dates ----------------------------------------------------------------


@pytest.mark.parametrize("today", [TODAY, date(2027, 1, 4), date(2026, 3, 8), date(2026, 10, 1)])
def test_every_date_lies_in_the_16_weeks_up_to_todays_week(today):
    """Client since and goal windows are facts, not history, so they may lie outside."""
    dump = build_dump(today)
    first, last = Week.of(today).shift(-15).monday, Week.of(today).sunday

    def check_stamp(stamp, what, until=today):
        for day in (local(stamp).date(), local(stamp).astimezone(UTC).date()):
            assert first <= day <= until, f"{what} {stamp}"

    for task in all_tasks(dump):
        for key in ("created_at", "completed_at", "modified_at"):
            if task[key] is not None:
                check_stamp(task[key], key)
        if task["due_at"] is not None:
            check_stamp(task["due_at"], "due_at", last)
        for day in (task["due_on"], value(task, "Original due")):
            if day is not None:
                assert first <= date.fromisoformat(day) <= last, task["name"]
        assert (
            task["created_at"]
            <= (task["completed_at"] or task["created_at"])
            <= task["modified_at"]
        )
    for stories in dump["stories"].values():
        for story in stories:
            check_stamp(story["created_at"], "story")
            for key in ("old_dates", "new_dates"):
                assert first <= date.fromisoformat(story[key]["due_on"]) <= last
    for updates in dump["status_updates"].values():
        for update in updates:
            check_stamp(update["created_at"], "status update")
    for project in projects(dump).values():
        check_stamp(project["modified_at"], "project")


def test_timestamps_are_utc_with_milliseconds(dump):
    pattern = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")
    stamps = [
        t[k] for t in all_tasks(dump) for k in ("created_at", "completed_at", "modified_at") if t[k]
    ]
    stamps += [u["created_at"] for updates in dump["status_updates"].values() for u in updates]
    assert stamps and all(pattern.match(stamp) for stamp in stamps)


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


# --- the agency's frame ----------------------------------------------------


def test_four_pods_of_three_and_two_teams_that_are_not_pods(dump):
    pods = [team for team in dump["teams"] if re.match(r"^Pod\b", team["name"], re.IGNORECASE)]
    assert [team["name"] for team in pods] == ["Pod Atlas", "Pod Beacon", "Pod Comet", "Pod Delta"]
    assert {team["name"] for team in dump["teams"]} - {team["name"] for team in pods} == {
        "Leadership",
        "Podcast Studio",
    }
    for team in pods:
        people = dump["team_users"][team["gid"]]
        assert len(people) == 3
        for person in people:
            first, last = person["name"].split(" ", 1)
            assert re.fullmatch(r"[a-z-]+\.[a-z-]+@tallgrassdigital\.com", person["email"])
    leadership = next(team for team in dump["teams"] if team["name"] == "Leadership")
    assert dump["me"] in dump["team_users"][leadership["gid"]]
    assert dump["team_projects"][leadership["gid"]], "a non-pod team with a project to ignore"


def test_sixteen_clients_plus_an_archived_and_an_internal_project(dump, reading):
    assert len(reading) == 16
    by_name = projects(dump)
    assert by_name["Oldfield Plumbing & Heating"]["archived"] is True
    assert "[internal] Pod ops" in by_name
    assert (
        value(named(dump, "[internal] Pod ops", "Hire a second designer"), "Type") == "Weekly goal"
    )


def test_client_count_and_pods_follow_the_arguments():
    small = build_dump(TODAY, clients=3)
    assert len(read(small, TODAY)) == 3
    assert sum(bool(re.match(r"^Pod\b", t["name"])) for t in small["teams"]) == 1
    larger = build_dump(TODAY, clients=21)
    assert len(read(larger, TODAY)) == 21
    assert sum(bool(re.match(r"^Pod\b", t["name"])) for t in larger["teams"]) == 6


def test_a_natural_client_has_60_to_90_tasks(dump, reading):
    sizes = [
        len({t["gid"] for t in tasks_of(dump, name) if t["parent"] is None}) for name in reading
    ]
    assert 60 <= sum(sizes) / len(sizes) <= 90
    assert min(sizes) >= 40


@pytest.fixture(scope="module")
def scaled():
    started = time.perf_counter()
    built = build_dump(TODAY, clients=160, tasks_per_client=310)
    return built, time.perf_counter() - started


def test_the_bench_build_has_about_50000_top_level_tasks(scaled):
    built, seconds = scaled
    top_level = {task["gid"] for task in all_tasks(built) if task["parent"] is None}
    assert 47_500 <= len(top_level) <= 52_500
    assert len(read(built, TODAY)) == 160
    print(f"clients=160 tasks_per_client=310 built in {seconds:.2f} s")


# --- weekly goals -----------------------------------------------------------


def test_a_client_without_a_type_field_uses_sections(dump, reading):
    harbor = projects(dump)["Harbor & Pine Law"]
    names = {s["custom_field"]["name"] for s in dump["custom_field_settings"][harbor["gid"]]}
    assert "Type" not in names and {"Tactic", "Result", "Original due", "Postpone reason"} <= names
    assert reading["Harbor & Pine Law"]["weekly"] and reading["Harbor & Pine Law"]["tactics"]


def test_weekly_goals_come_2_to_5_a_week_from_the_account_managers(dump, reading):
    managers = {u["name"] for team in dump["teams"] for u in dump["team_users"][team["gid"]][:2]}
    for name, client in reading.items():
        weeks = Counter(Week.of(goal["F"]) for goal in client["goals"] if goal["F"])
        assert all(2 <= count <= 8 for count in weeks.values()), name
        assignees = {
            g["task"]["assignee"]["name"] for g in client["goals"] if g["task"]["assignee"]
        }
        assert assignees <= managers


def test_every_weekly_status_occurs(reading):
    statuses = Counter(
        status for client in reading.values() for status in client["statuses"].values()
    )
    assert {"hit", "late", "missed", "open", "postponed"} <= set(statuses)


def test_a_re_created_goal(dump, reading):
    later = named(dump, "Kettle & Crumb 🍪", "  launch  Holiday gift box AD SET ")
    earlier = named(dump, "Kettle & Crumb 🍪", "Launch holiday gift box ad set")
    assert norm(later["name"]) == norm(earlier["name"]) and later["name"] != earlier["name"]
    assert local(later["created_at"]).date() > date.fromisoformat(earlier["due_on"])
    assert not earlier["completed"]
    assert reading["Kettle & Crumb 🍪"]["recreated"] == [(later["gid"], earlier["gid"])]
    assert all(
        not client["recreated"] for name, client in reading.items() if name != "Kettle & Crumb 🍪"
    )


def test_a_recurring_goal_always_hit_is_not_a_re_creation(dump):
    recurring = [
        t
        for t in tasks_of(dump, "Ledgerly")
        if t["name"] == "Send weekly KPI snapshot to the client"
    ]
    assert len(recurring) == 16


def test_a_same_week_postponement(dump):
    goal = named(dump, "Tidewater Realty Group", "Publish the open-house listings page")
    original, due = (
        date.fromisoformat(value(goal, "Original due")),
        date.fromisoformat(goal["due_on"]),
    )
    assert original < due and Week.of(original) == Week.of(due)
    assert value(goal, "Postpone reason").strip()


def test_postponements_carried_into_a_later_week(dump, reading):
    carried = [
        g
        for c in reading.values()
        for g in c["goals"]
        if g["sanctioned"] and Week.of(g["D"]) > Week.of(g["F"])
    ]
    assert len(carried) >= 10
    invite = named(dump, "Tidewater Realty Group", "Send the buyer webinar invite")
    assert (
        Week.of(date.fromisoformat(invite["due_on"])) == Week.of(TODAY) and not invite["completed"]
    )
    assert reading["Tidewater Realty Group"]["postponements"] == 3


def test_a_silent_move_shown_only_by_a_story(dump, reading):
    silent = [g for g in reading["Brightsmile Dental Group"]["goals"] if g["moved"]]
    assert len(silent) == 1
    task = silent[0]["task"]
    assert value(task, "Original due") is None and value(task, "Postpone reason") is None
    assert dump["stories"][task["gid"]][0]["old_dates"]["due_on"] < task["due_on"]


def test_a_reason_added_after_a_silent_move_is_still_a_move(dump, reading):
    goal = named(dump, "Greenleaf Veterinary Clinics", "Launch the puppy wellness plan ad set")
    first = min(story["old_dates"]["due_on"] for story in dump["stories"][goal["gid"]])
    assert (
        first < value(goal, "Original due") < goal["due_on"]
        and value(goal, "Postpone reason").strip()
    )
    assert [
        g["task"]["name"] for g in reading["Greenleaf Veterinary Clinics"]["goals"] if g["moved"]
    ] == [goal["name"]]


def test_a_blank_reason_does_not_sanction(dump, reading):
    goal = named(
        dump, "Meridian Wealth Partners", "Publish the Q&A on required minimum distributions"
    )
    assert value(goal, "Original due") < goal["due_on"] and value(goal, "Postpone reason") == "   "
    assert goal["gid"] in {
        g["task"]["gid"] for g in reading["Meridian Wealth Partners"]["goals"] if g["moved"]
    }


def test_a_goal_without_due_date_and_one_due_at_a_time(dump):
    assert (
        named(dump, "Copperline Coffee Roasters", "Refresh Google Business Profile photos")[
            "due_on"
        ]
        is None
    )
    deck = named(dump, "Meridian Wealth Partners", "Send the quarterly portfolio review deck")
    assert deck["due_at"] and local(deck["due_at"]).date().isoformat() == deck["due_on"]


def test_goals_completed_on_sunday_evening_local_are_monday_in_utc(dump):
    goal = named(dump, "Northwind Outdoor Co.", "Ship the weekend gift guide email")
    done = local(goal["completed_at"])
    assert (done.weekday(), done.hour, done.minute) == (6, 22, 30)
    assert done.astimezone(UTC).weekday() == 0
    sundays = [
        t
        for t in all_tasks(dump)
        if t["completed_at"]
        and local(t["completed_at"]).weekday() == 6
        and local(t["completed_at"]).hour >= 21
    ]
    assert len(sundays) >= 5


def test_subtasks_in_a_project_listing(dump):
    subtasks = [t for t in all_tasks(dump) if t["parent"] is not None]
    assert len(subtasks) >= 3
    listed = {t["gid"] for t in all_tasks(dump)}
    assert all(t["parent"]["gid"] in listed for t in subtasks)
    assert any(value(t, "Type") == "Weekly goal" for t in subtasks)
    assert any(
        t["memberships"][0]["section"]["name"] == "Weekly goals" and value(t, "Type") is None
        for t in subtasks
    )


def test_a_task_multi_homed_in_two_clients(dump):
    goal = named(dump, "Northwind Outdoor Co.", "Co-branded summer challenge landing page")
    assert goal in tasks_of(dump, "Peakform Fitness Studios")
    assert [m["project"]["name"] for m in goal["memberships"]] == [
        "Northwind Outdoor Co.",
        "Peakform Fitness Studios",
    ]


def test_a_typed_task_in_the_weekly_goals_section_is_not_a_goal(dump):
    readme = named(dump, "Ledgerly", "How we write weekly goals (read me)")
    assert (
        readme["memberships"][0]["section"]["name"] == "Weekly goals"
        and value(readme, "Type") is None
    )


# --- tactics and action items ------------------------------------------------


def test_tactics(dump, reading):
    kinds = {"Ad copy", "Landing page", "Audience", "Bidding", "Offer", "Creative", "Email", None}
    confidences, designed, total = [], 0, 0
    for name, client in reading.items():
        assert 10 <= len(client["tactic_tasks"]) <= 30, name
        for task in client["tactic_tasks"]:
            kind = value(task, "Tactic")
            assert (kind.strip() if kind else None) in kinds
            assert value(task, "Result") in {"Win", "Loss", "Inconclusive", None}
            confidences.append(value(task, "Confidence"))
        designer = dump["team_users"][
            next(t["gid"] for t in dump["teams"] if t["name"] == client["pod"])
        ][2]
        designed += sum(
            bool(t["assignee"]) and t["assignee"]["gid"] == designer["gid"]
            for t in client["tactic_tasks"]
        )
        total += len(client["tactic_tasks"])
    assert designed > 0.7 * total, "tactics go mostly to the pod's designer"
    assert 95.0 in confidences and None in confidences
    assert any(c is not None and c < 95 for c in confidences)
    streaks = {name: client["streak"] for name, client in reading.items() if client["streak"] >= 3}
    assert streaks == {"Brightsmile Dental Group": 3, "Meridian Wealth Partners": 3}
    assert (
        value(named(dump, "Vireo Skincare", "Test the free-shipping threshold banner"), "Tactic")
        is None
    )


def test_tactics_spread_over_the_weeks(reading):
    weeks = {
        Week.of(local(t["completed_at"]).date())
        for c in reading.values()
        for t in c["tactic_tasks"]
        if t["completed_at"]
    }
    assert len(weeks) >= 14


def test_action_items(dump, reading):
    for name in reading:
        items = [t for t in tasks_of(dump, name) if value(t, "Type") == "Action item"]
        if name == "Harbor & Pine Law":
            items = [
                t
                for t in tasks_of(dump, name)
                if t["memberships"][0]["section"]["name"] == "Action items"
            ]
        assert 2 <= len(items) <= 4, name
        section = "Backlog" if name == "Tidewater Realty Group" else "Action items"
        assert {t["memberships"][0]["section"]["name"] for t in items} == {section}


# --- goals --------------------------------------------------------------------


def test_every_pacing_status_occurs(reading):
    statuses = Counter(status for client in reading.values() for _, status, _ in client["pacing"])
    assert set(statuses) == {
        "on track",
        "at risk",
        "off track",
        "achieved",
        "missed",
        "not started",
        "no metric",
        "no dates",
    }


def test_goal_variety(dump, reading):
    goals = {g["gid"]: g for rows in dump["goals"].values() for g in rows}
    assert any(g["metric"] is None for g in goals.values())
    assert any(
        not g["start_on"] and not g["due_on"] and not g["time_period"] for g in goals.values()
    )
    assert any(not g["start_on"] and not g["due_on"] and g["time_period"] for g in goals.values())
    assert any(
        g["metric"] and g["metric"]["target_number_value"] < g["metric"]["initial_number_value"]
        for g in goals.values()
    )
    assert {g["metric"]["unit"] for g in goals.values() if g["metric"]} == {
        "none",
        "currency",
        "percentage",
    }
    shared = [
        gid
        for gid, count in Counter(g["gid"] for rows in dump["goals"].values() for g in rows).items()
        if count > 1
    ]
    assert len(shared) == 1
    for name in reading:
        assert 1 <= len(dump["goals"][projects(dump)[name]["gid"]]) <= 3
    for gid in goals:
        assert 1 <= len(dump["status_updates"][gid]) <= 2
        assert all(
            u["resource_subtype"] == "goal_status_update" for u in dump["status_updates"][gid]
        )


# --- the risk mix and bad input ----------------------------------------------------


def test_client_facts_cover_the_risk_signals(reading):
    new = {
        name
        for name, c in reading.items()
        if c["facts"]["Client since"]
        and (TODAY - date.fromisoformat(c["facts"]["Client since"])).days <= 90
    }
    assert new == {"Clearview Eye Care", "Summit Roofing & Solar"}
    mrr = [c["facts"]["MRR"] for c in reading.values() if c["facts"]["MRR"] is not None]
    assert min(mrr) == 2000 and max(mrr) == 40000
    assert reading["Tidewater Realty Group"]["facts"]["MRR"] is None
    assert reading["Kettle & Crumb 🍪"]["facts"]["Spend MTD"] is None
    assert reading["Copperline Coffee Roasters"]["facts"]["Monthly budget"] is None
    assert {c["status"] for c in reading.values()} >= {
        "on_track",
        "at_risk",
        "off_track",
        "on_hold",
        None,
    }


def test_risk_scores_spread_from_0_to_past_80(reading):
    assert {name: client["score"] for name, client in reading.items()} == EXPECTED_SCORES


def test_bad_input_realism(dump):
    names = [t["name"] for t in all_tasks(dump)]
    assert any("🍪" in name for name in projects(dump))
    assert any(re.search(r"[\u0590-\u05FF]", name) for name in names)
    assert any(re.search(r"[\u0600-\u06FF]", name) for name in names)
    assert any("<b>&amp;" in name for name in names)
    assert any(len(name) == 300 for name in names)
    assert any(t["assignee"] is None and value(t, "Type") == "Weekly goal" for t in all_tasks(dump))


# --- an independent reading of the dump (conventions.md, metrics.md) ------------------


def read(dump, today: date) -> dict[str, dict]:
    """Client name → what the figures should find, computed from the raw records."""
    return {
        project["name"]: _read_client(dump, team, project, today)
        for team in dump["teams"]
        if re.match(r"^Pod\b", team["name"], re.IGNORECASE)
        for project in dump["team_projects"][team["gid"]]
        if not project["archived"]
        and not project["name"].strip().casefold().startswith("[internal]")
    }


def _read_client(dump, team, project, today):
    has_type = any(
        s["custom_field"]["name"] == "Type" for s in dump["custom_field_settings"][project["gid"]]
    )
    own = [
        t
        for t in dump["tasks"][project["gid"]]
        if t["parent"] is None and t["memberships"][0]["project"]["gid"] == project["gid"]
    ]

    def kind(task):
        if has_type:
            return value(task, "Type")
        return {"Weekly goals": "Weekly goal", "Tactics": "Tactic"}.get(
            task["memberships"][0]["section"]["name"]
        )

    goals = [_fixed(dump, t) for t in own if kind(t) == "Weekly goal"]
    tactics = [t for t in own if kind(t) == "Tactic"]
    statuses = _weekly_statuses(goals, today)
    recreated = _recreated(goals)
    last_four = {Week.of(today).shift(-i) for i in range(1, 5)}
    counted = [s for (gid, week), s in statuses.items() if week in last_four]
    decided = sum(s in ("hit", "late", "missed") for s in counted)
    hit_rate = counted.count("hit") / decided if decided else None
    postponements = sum(g["sanctioned"] and Week.of(g["F"]) in last_four for g in goals if g["F"])
    again = {later for later, _ in recreated}
    moved = any(g["moved"] and Week.of(g["F"]) in last_four for g in goals if g["F"]) or any(
        Week.of(local(g["task"]["created_at"]).date()) in last_four
        for g in goals
        if g["task"]["gid"] in again
    )
    facts = {entry["name"]: value(project, entry["name"]) for entry in project["custom_fields"]}
    updates = dump["status_updates"][project["gid"]]
    status = updates[0]["status_type"] if updates else None
    pacing = [(g["name"], *_pacing(g, today)) for g in dump["goals"][project["gid"]]]
    signals = _signals(
        pacing, hit_rate, postponements, moved, _streak(tactics), facts, status, today
    )
    return {
        "pod": team["name"],
        "weekly": len(goals),
        "tactics": len(tactics),
        "goals": goals,
        "tactic_tasks": tactics,
        "statuses": statuses,
        "recreated": recreated,
        "postponements": postponements,
        "streak": _streak(tactics),
        "facts": facts,
        "status": status,
        "pacing": pacing,
        "hit_rate": hit_rate,
        "score": sum(signals.values()),
        "signals": signals,
    }


def _fixed(dump, task):
    """The goal's fixed deadline F (with its stories read), current due D, and how it was moved."""
    if task["due_on"] is None:
        return {"task": task, "F": None, "D": None, "sanctioned": False, "moved": False}
    due = date.fromisoformat(task["due_on"])
    original = value(task, "Original due")
    seen = [due] + ([date.fromisoformat(original)] if original else [])
    seen += [
        date.fromisoformat(s["old_dates"]["due_on"]) for s in dump["stories"].get(task["gid"], [])
    ]
    fixed = min(seen)
    reason = (value(task, "Postpone reason") or "").strip()
    sanctioned = (
        due > fixed and bool(reason) and (original is None or date.fromisoformat(original) == fixed)
    )
    return {
        "task": task,
        "F": fixed,
        "D": due,
        "sanctioned": sanctioned,
        "moved": due > fixed and not sanctioned,
    }


def _weekly_statuses(goals, today):
    """(task gid, week) → status, in F's week and, when carried over, D's week."""
    statuses = {}
    for goal in goals:
        if goal["F"] is None:
            continue
        done = local(goal["task"]["completed_at"])
        weeks = [Week.of(goal["F"])]
        if goal["sanctioned"] and Week.of(goal["D"]) > weeks[0]:
            weeks.append(Week.of(goal["D"]))
        for week in weeks:
            if week == weeks[0] and len(weeks) == 2:
                status = "postponed"
            elif done is not None:
                status = "hit" if done.date() <= week.sunday else "late"
            else:
                status = "missed" if week.has_ended(today) else "open"
            statuses[(goal["task"]["gid"], week)] = status
    return statuses


def _recreated(goals):
    found = []
    for later in goals:
        for earlier in goals:
            if (
                earlier is later
                or earlier["F"] is None
                or norm(earlier["task"]["name"]) != norm(later["task"]["name"])
            ):
                continue
            done = local(earlier["task"]["completed_at"])
            if local(later["task"]["created_at"]).date() > earlier["F"] and not (
                done and done.date() <= Week.of(earlier["F"]).sunday
            ):
                found.append((later["task"]["gid"], earlier["task"]["gid"]))
                break
    return found


def _streak(tactics):
    decided = []
    for task in tactics:
        result, confidence = value(task, "Result"), value(task, "Confidence")
        if (
            task["completed_at"]
            and result in ("Win", "Loss")
            and (confidence is None or confidence >= 95)
        ):
            decided.append((task["completed_at"], task["gid"], result))
    streak = 0
    for *_, result in sorted(decided, reverse=True):
        if result == "Win":
            break
        streak += 1
    return streak


def _pacing(goal, today):
    """(status, days_left) by metrics.md's 90-day goal pacing."""
    period = goal["time_period"] or {}
    due = goal["due_on"] or period.get("end_on")
    if due is None:
        return "no dates", None
    due = date.fromisoformat(due)
    start = date.fromisoformat(
        goal["start_on"] or period.get("start_on") or (due - timedelta(days=90)).isoformat()
    )
    total = (due - start).days
    expected = min(max((today - start).days, 0), total) / total if total else 1.0
    days_left = max(0, (due - today).days)
    metric = goal["metric"]
    if metric is None:
        return "no metric", days_left
    initial, current, target = (
        metric[k] for k in ("initial_number_value", "current_number_value", "target_number_value")
    )
    progress = (current - initial) / (target - initial)
    if today < start:
        return "not started", days_left
    if progress >= 1:
        return "achieved", days_left
    if today > due:
        return "missed", days_left
    pace = progress / expected if expected else None
    if pace is None or pace >= 0.9:
        return "on track", days_left
    return ("at risk" if pace >= 0.7 else "off track"), days_left


def _signals(pacing, hit_rate, postponements, moved, streak, facts, status, today):
    statuses = [status_ for _, status_, _ in pacing]
    signals = {}
    if {"off track", "missed"} & set(statuses):
        signals["goal_off_track"] = 30
    elif "at risk" in statuses:
        signals["goal_at_risk"] = 15
    if hit_rate is not None and hit_rate < 0.7:
        signals["weekly_hit_rate_low"] = 15
    if postponements >= 3:
        signals["postponements"] = 10
    if moved:
        signals["deadline_moved"] = 10
    if streak >= 3:
        signals["loss_streak"] = 10
    since = facts.get("Client since")
    if since and 0 <= (today - date.fromisoformat(since)).days <= 90:
        signals["new_client"] = 10
    if status in ("off_track", "at_risk"):
        signals["status_red" if status == "off_track" else "status_yellow"] = (
            15 if status == "off_track" else 7
        )
    budget, spend = facts.get("Monthly budget"), facts.get("Spend MTD")
    if budget is not None and spend is not None:
        month_days = (
            (today.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
        ).day
        expected = budget * today.day / month_days
        if abs(spend - expected) > 0.15 * expected:
            signals["spend_pacing"] = 10
    cpa, target = facts.get("CPA"), facts.get("Target CPA")
    if cpa is not None and target is not None and cpa > 1.2 * target:
        signals["cpa_high"] = 10
    if any(
        s in ("on track", "at risk", "off track") and left is not None and left <= 21
        for _, s, left in pacing
    ):
        signals["period_ending"] = 10
    return signals
