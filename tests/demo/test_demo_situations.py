"""The demo holds every situation podview's figures have a rule for, with the cast's fixed names."""

from __future__ import annotations

import re
from collections import Counter
from datetime import UTC, date

from podview.dates import Week
from tests.demo.reading import TODAY, all_tasks, local, named, norm, projects, tasks_of, value

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
