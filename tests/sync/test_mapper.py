"""The mapper on records shaped exactly as Asana's API returns them."""

from __future__ import annotations

from dataclasses import replace

import pytest

from podview.cache.store import ProjectRows
from podview.config import Config, FieldsConfig, PodsConfig, SectionsConfig, TrainingConfig
from podview.sync.custom_fields import read_fields
from podview.sync.mapper import Mapper, ProjectContext
from podview.sync.values import norm


def enum(gid, name, option):
    return {
        "gid": gid, "name": name, "type": "enum", "resource_subtype": "enum",
        "enum_value": None if option is None else {"gid": f"{gid}-{option}", "name": option},
        "display_value": option,
    }


def number(gid, name, value):
    return {"gid": gid, "name": name, "type": "number", "resource_subtype": "number",
            "number_value": value, "display_value": None if value is None else str(value)}


def text(gid, name, value):
    return {"gid": gid, "name": name, "type": "text", "resource_subtype": "text",
            "text_value": value, "display_value": value}


def date_field(gid, name, value):
    return {"gid": gid, "name": name, "type": "date", "resource_subtype": "date",
            "date_value": None if value is None else {"date": value, "date_time": None},
            "display_value": value}


SECTION_NAMES = {"S1": "Weekly goals", "S2": "Tactics", "S3": "Backlog"}


def task(gid="1", name="Launch ad set", *, fields=(), project="P1", section="S1", section_name=None, **extra):
    record = {
        "gid": gid, "name": name, "resource_subtype": "default_task",
        "assignee": {"gid": "u1", "name": "Maya Chen", "email": "maya@agency.test"},
        "completed": False, "completed_at": None,
        "created_at": "2026-11-02T09:00:00.000Z", "modified_at": "2026-11-03T09:00:00.000Z",
        "due_on": "2026-11-20", "due_at": None, "parent": None,
        "memberships": [{"project": {"gid": project, "name": "Acme"}, "section": {"gid": section, "name": section_name or SECTION_NAMES[section]}}],
        "custom_fields": list(fields),
    }
    record.update(extra)
    return record


CONTEXT = ProjectContext(gid="P1", has_type_field=True, section_names={"S1": "Weekly goals", "S2": "Tactics"})
NO_TYPE = ProjectContext(gid="P1", has_type_field=False, section_names={"S1": "Weekly goals", "S2": "Tactics", "S3": "Backlog"})


def mapped(record, config=Config(), context=CONTEXT):
    rows = ProjectRows(client={"gid": context.gid})
    Mapper(config).task_rows(record, context, "2026-11-23T00:00:00.000Z", rows)
    return rows


def only_task(record, **kw):
    return mapped(record, **kw).tasks[0]


def test_every_custom_field_type_is_read():
    record = task(fields=[
        enum("f1", "Type", "Weekly goal"),
        enum("f2", "Tactic", "Ad copy"),
        enum("f3", "Result", "Win"),
        number("f4", "Confidence", 97.5),
        date_field("f5", "Original due", "2026-11-13"),
        text("f6", "Postpone reason", "Client asked to wait for new photos"),
        {"gid": "f7", "name": "Channels", "type": "multi_enum", "resource_subtype": "multi_enum",
         "multi_enum_values": [{"gid": "o1", "name": "Meta"}, {"gid": "o2", "name": "Google"}], "display_value": "Meta, Google"},
        {"gid": "f8", "name": "Reviewer", "type": "people", "resource_subtype": "people",
         "people_value": [{"gid": "u2", "name": "Ana"}], "display_value": "Ana"},
    ])
    rows = mapped(record)
    row = rows.tasks[0]
    assert row["kind"] == "weekly_goal"
    assert row["tactic"] == "Ad copy"
    assert row["result"] == "win"
    assert row["confidence"] == 97.5
    assert row["original_due"] == "2026-11-13"
    assert row["postpone_reason"] == "Client asked to wait for new photos"
    values = {v["name"]: v for v in rows.field_values}
    assert values["Channels"]["enum_value"] == "Meta, Google"
    assert values["Reviewer"]["display_value"] == "Ana"
    assert rows.problems == []


def test_missing_and_null_fields_never_crash_and_become_problems():
    record = {"gid": "9", "memberships": [{"project": {"gid": "P1"}, "section": None}], "completed": True,
              "custom_fields": None, "name": None, "assignee": None, "due_on": None}
    rows = mapped(record)
    row = rows.tasks[0]
    assert row["name"] == "" and row["due_on"] is None and row["assignee_gid"] is None
    problems = {p["problem"] for p in rows.problems}
    assert problems == {"no name", "completed, but Asana gave no completion time"}


def test_names_are_kept_exactly_as_in_asana():
    names = ["Relaunch 🚀 spring promo", "השקת קמפיין חדש", "إطلاق الحملة", "<b>&amp; Co</b> landing page", "x" * 300]
    for name in names:
        row = only_task(task(name=name, fields=[enum("f1", "Type", "Weekly goal")]))
        assert row["name"] == name
    assert only_task(task(name="  Publish   2 Blog posts ", fields=[enum("f1", "Type", "Weekly goal")]))["norm_name"] == "publish 2 blog posts"


def test_type_field_decides_and_section_is_only_a_fallback():
    tactic_in_goal_section = task(fields=[enum("f1", "Type", "Tactic")], section="S1")
    assert only_task(tactic_in_goal_section)["kind"] == "tactic"
    empty_type = task(fields=[enum("f1", "Type", None)], section="S1")
    assert only_task(empty_type)["kind"] == "other"
    assert only_task(task(section="S2"), context=NO_TYPE)["kind"] == "tactic"
    assert only_task(task(section="S1"), context=NO_TYPE)["kind"] == "weekly_goal"
    assert only_task(task(section="S3"), context=NO_TYPE)["kind"] == "other"
    nameless = task(section="S2", memberships=[{"project": {"gid": "P1"}, "section": {"gid": "S2"}}])
    assert only_task(nameless, context=NO_TYPE)["kind"] == "tactic", "falls back to the project's section list"
    assert only_task(task(fields=[enum("f1", " type ", "action ITEM")]))["kind"] == "action_item"


def test_renamed_fields_and_options_from_config():
    config = Config(
        fields=replace(FieldsConfig(), type="Kind", weekly_goal="Goal of the week", result="Outcome", win="Won"),
        sections=replace(SectionsConfig(), tactics="Experiments"),
    )
    record = task(fields=[enum("f1", "Kind", "Goal of the week"), enum("f3", "Outcome", "won")])
    row = only_task(record, config=config)
    assert row["kind"] == "weekly_goal" and row["result"] == "win"
    context = ProjectContext("P1", False, {})
    assert only_task(task(section_name="experiments "), config=config, context=context)["kind"] == "tactic"


def test_duplicate_field_names_use_the_one_with_a_value():
    fields = read_fields([text("a", "Postpone reason", None), text("b", "postpone reason", "Holiday")])
    assert fields[norm("Postpone reason")].text == "Holiday"
    fields = read_fields([text("b", "Postpone reason", "Holiday"), text("a", "Postpone reason", None)])
    assert fields[norm("Postpone reason")].text == "Holiday"


def test_unknown_result_and_confidence_out_of_range_are_problems():
    rows = mapped(task(fields=[enum("f1", "Type", "Tactic"), enum("f3", "Result", "Maybe"), number("f4", "Confidence", 120)]))
    row = rows.tasks[0]
    assert row["result"] is None and row["confidence"] is None
    problems = sorted(p["problem"] for p in rows.problems)
    assert problems[0].startswith("Confidence 120 is outside 0–100")
    assert problems[1] == "Result 'Maybe' is not one of Win, Loss, Inconclusive"


def test_text_tactic_is_trimmed_and_blank_is_none():
    assert only_task(task(fields=[text("f2", "Tactic", "  Landing page ")]))["tactic"] == "Landing page"
    assert only_task(task(fields=[text("f2", "Tactic", "   ")]))["tactic"] is None


def test_due_at_gives_the_local_date_in_the_configured_zone():
    record = task(due_on=None, due_at="2026-11-23T03:30:00.000Z")
    assert only_task(record, config=Config(timezone="America/New_York"))["due_on"] == "2026-11-22"
    assert only_task(record, config=Config(timezone="Europe/Berlin"))["due_on"] == "2026-11-23"


def test_seen_due_date_is_recorded():
    rows = mapped(task(due_on="2026-11-20"))
    assert rows.due_dates == [{"task_gid": "1", "due_on": "2026-11-20", "source": "sync", "first_seen": "2026-11-23T00:00:00.000Z"}]


def test_owner_is_first_client_membership_and_subtasks_have_none():
    mapper = Mapper(Config())
    multi = task(memberships=[{"project": {"gid": "INT"}, "section": None},
                              {"project": {"gid": "P2"}, "section": None},
                              {"project": {"gid": "P1"}, "section": None}])
    assert mapper.owner(multi, {"P1", "P2"}) == "P2"
    assert mapper.owner(task(parent={"gid": "7"}), {"P1"}) is None
    assert mapper.owner(task(project="ELSEWHERE"), {"P1"}) is None


@pytest.mark.parametrize(
    "team, config, expected",
    [
        ({"gid": "t1", "name": "Pod Atlas"}, Config(), True),
        ({"gid": "t2", "name": "pod beacon"}, Config(), True),
        ({"gid": "t3", "name": "Podcast team"}, Config(), False),
        ({"gid": "t4", "name": "Leadership"}, Config(), False),
        ({"gid": "t5", "name": "Growth A"}, Config(pods=PodsConfig(teams=("growth a",))), True),
        ({"gid": "t6", "name": "Pod Atlas"}, Config(pods=PodsConfig(teams=("t7",))), False),
        ({"gid": "t7", "name": "Anything"}, Config(pods=PodsConfig(teams=("t7",))), True),
    ],
)
def test_pod_discovery(team, config, expected):
    assert Mapper(config).is_pod(team) is expected


def test_archived_and_internal_projects_are_not_clients():
    mapper = Mapper(Config())
    assert mapper.is_client({"gid": "1", "name": "Acme", "archived": False})
    assert not mapper.is_client({"gid": "1", "name": "Acme", "archived": True})
    assert not mapper.is_client({"gid": "1", "name": "  [Internal] Pod ops", "archived": False})
    assert mapper.is_client({"gid": "1", "name": "Internal audit for Acme"})


@pytest.mark.parametrize(
    "project, config, training",
    [
        ({"gid": "1", "name": "Training · Pod refresher"}, Config(), True),
        ({"gid": "2", "name": "training: onboarding"}, Config(), True),
        ({"gid": "3", "name": "Trainings budget (Acme)"}, Config(), False),
        ({"gid": "4", "name": "Training · Old", "archived": True}, Config(), False),
        ({"gid": "5", "name": "Course A"}, Config(training=TrainingConfig(pattern=r"^Course\b")), True),
        ({"gid": "6", "name": "Training · X"}, Config(training=TrainingConfig(projects=("6x",))), False),
        ({"gid": "7", "name": "Academy", "archived": True}, Config(training=TrainingConfig(projects=("7",))), True),
        ({"gid": "8", "name": " academy  101"}, Config(training=TrainingConfig(projects=("Academy 101",))), True),
    ],
)
def test_training_projects_are_found_by_name_gid_or_pattern_and_are_never_clients(project, config, training):
    mapper = Mapper(config)
    assert mapper.is_training(project) is training
    if training:
        assert not mapper.is_client(project)


def test_a_module_row_reads_assignee_completion_due_dates_and_score():
    record = task(completed=True, completed_at="2025-01-10T12:00:00.000Z", due_on=None,
                  due_at="2025-01-09T23:30:00.000Z", fields=[number("sc", "Score", 84)])
    row, user = Mapper(Config()).module_row(record, "T1")
    assert row == {
        "gid": "1", "project_gid": "T1", "name": "Launch ad set", "assignee_gid": "u1", "completed": 1,
        "completed_at": "2025-01-10T12:00:00.000Z", "due_on": None, "due_at": "2025-01-09T23:30:00.000Z",
        "score": 84.0, "created_at": "2026-11-02T09:00:00.000Z", "modified_at": "2026-11-03T09:00:00.000Z",
    }
    assert user == {"gid": "u1", "name": "Maya Chen"}


def test_a_module_score_field_is_found_by_its_configured_name_and_a_score_outside_0_100_is_none():
    renamed = Config(fields=FieldsConfig(score="Test result"))
    row, _ = Mapper(renamed).module_row(task(fields=[number("sc", "test result ", 71.5)]), "T1")
    assert row["score"] == 71.5
    row, _ = Mapper(Config()).module_row(task(fields=[number("sc", "Score", 140)]), "T1")
    assert row["score"] is None
    row, user = Mapper(Config()).module_row(task(assignee=None), "T1")
    assert row["assignee_gid"] is None and user is None and row["score"] is None


def test_client_row_reads_facts_and_latest_status():
    project = {
        "gid": "P1", "name": "Acme Dental", "archived": False, "modified_at": "2026-11-20T10:00:00.000Z",
        "custom_fields": [number("m", "MRR", 12000), date_field("c", "Client since", "2026-10-01"),
                          number("b", "Monthly budget", 30000), number("s", "Spend MTD", None),
                          number("cpa", "CPA", 41.5), number("t", "Target CPA", 30)],
        "current_status_update": {"gid": "su", "title": "Leads down"},
    }
    project["custom_field_settings"] = [{"gid": "cfs", "custom_field": {"gid": "f1", "name": "Type"}}]
    mapper = Mapper(Config())
    context = mapper.project_context(project)
    latest = {"gid": "su", "status_type": "off_track", "title": "Leads down", "created_at": "2026-11-18T10:00:00.000Z"}
    row, values = mapper.client_row(project, "pod1", context, latest)
    assert row["mrr"] == 12000 and row["client_since"] == "2026-10-01" and row["spend_mtd"] is None
    assert row["cpa"] == 41.5 and row["target_cpa"] == 30 and row["status"] == "off_track"
    assert row["has_type_field"] == 1 and row["status_gid"] == "su"
    assert {v["name"] for v in values} == {"MRR", "Client since", "Monthly budget", "CPA", "Target CPA"}


def test_goal_rows_with_and_without_metric():
    mapper = Mapper(Config())
    goal = {"gid": "g1", "name": "Cost per lead", "start_on": None, "due_on": None, "status": "yellow",
            "owner": {"gid": "u1", "name": "Maya"},
            "time_period": {"gid": "tp", "start_on": "2026-10-01", "end_on": "2026-12-31", "period": "Q4", "display_name": "Q4 FY26"},
            "metric": {"gid": "m", "resource_subtype": "number", "unit": "currency", "currency_code": "USD", "precision": 2,
                       "initial_number_value": 80, "current_number_value": 65, "target_number_value": 50}}
    row, period = mapper.goal_rows(goal)
    assert (row["initial"], row["current"], row["target"], row["has_metric"]) == (80, 65, 50, 1)
    assert row["time_period_gid"] == "tp" and period["end_on"] == "2026-12-31"
    bare, none = mapper.goal_rows({"gid": "g2", "name": "Brand refresh", "metric": None})
    assert bare["has_metric"] == 0 and none is None


def test_due_date_change_stories_only():
    stories = [
        {"gid": "s1", "resource_subtype": "due_date_changed", "created_at": "2026-11-10T10:00:00.000Z",
         "old_dates": {"due_on": "2026-11-13"}, "new_dates": {"due_on": "2026-11-20"}},
        {"gid": "s2", "resource_subtype": "comment_added", "text": "hi"},
        {"gid": "s3", "resource_subtype": "due_date_changed", "old_dates": None, "new_dates": {"due_on": "2026-11-20"}},
    ]
    rows = Mapper.due_date_change_rows("t1", stories)
    assert [(r["story_gid"], r["old_due_on"]) for r in rows] == [("s1", "2026-11-13"), ("s3", None)]
