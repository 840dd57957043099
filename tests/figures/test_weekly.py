"""The weekly report as a pod meeting sees it: each goal's status, carried-over goals, totals.

Week 2026-W47 runs Monday 2026-11-16 to Sunday 2026-11-22; W48 is 11-23 .. 11-29.
Unless a test says otherwise, today is Wednesday 2026-11-25, so W47 has ended
and W48 has not.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from podview.dates import Week
from podview.figures.common import ScopeError
from podview.figures.weekly import (
    Totals,
    WeeklyGoal,
    client_statuses,
    goals_by_week,
    summarize,
    weekly_report,
)

UTC = ZoneInfo("UTC")
NEW_YORK = ZoneInfo("America/New_York")
W46, W47, W48 = (Week.parse(name) for name in ("2026-W46", "2026-W47", "2026-W48"))
TODAY = date(2026, 11, 25)


def report(shop, week=W47, today=TODAY, zone=UTC, **filters):
    return weekly_report(shop.agency.reader(), week=week, today=today, zone=zone, **filters)


def statuses(result) -> dict[str, str]:
    return {goal.name: goal.status for goal in result.goals}


def test_every_status_of_an_ended_week(shop):
    a = shop.agency
    a.task(shop.acme, "Hit", due_on="2026-11-20", completed_at="2026-11-20T15:00:00.000Z")
    a.task(shop.acme, "Late", due_on="2026-11-20", completed_at="2026-11-24T15:00:00.000Z")
    a.task(shop.acme, "Missed", due_on="2026-11-19")
    a.task(
        shop.acme,
        "Postponed",
        due_on="2026-11-27",
        seen_due=("2026-11-18",),
        postpone_reason="Client away",
    )

    result = report(shop)

    assert (result.week, result.start, result.end) == (
        "2026-W47",
        date(2026, 11, 16),
        date(2026, 11, 22),
    )
    assert statuses(result) == {
        "Hit": "hit",
        "Late": "late",
        "Missed": "missed",
        "Postponed": "postponed",
    }
    postponed = next(goal for goal in result.goals if goal.name == "Postponed")
    assert (postponed.fixed_due_on, postponed.due_on, postponed.carried_over) == (
        date(2026, 11, 18),
        date(2026, 11, 27),
        False,
    )


def test_goals_of_the_current_week_are_open_until_done(shop):
    a = shop.agency
    a.task(shop.acme, "Due Friday", due_on="2026-11-27")
    a.task(shop.acme, "Done early", due_on="2026-11-27", completed_at="2026-11-24T10:00:00.000Z")
    assert statuses(report(shop, week=W48)) == {"Due Friday": "open", "Done early": "hit"}


def test_an_unfinished_goal_is_open_on_sunday_and_missed_on_monday(shop):
    shop.agency.task(shop.acme, "Report", due_on="2026-11-20")
    assert statuses(report(shop, today=date(2026, 11, 22))) == {"Report": "open"}
    assert statuses(report(shop, today=date(2026, 11, 23))) == {"Report": "missed"}


def test_postponed_wins_over_completed_and_the_goal_is_hit_in_the_week_it_was_moved_to(shop):
    shop.agency.task(
        shop.acme,
        "Landing page",
        due_on="2026-11-27",
        seen_due=("2026-11-20",),
        postpone_reason="Waiting on copy",
        completed_at="2026-11-26T16:00:00.000Z",
    )
    assert statuses(report(shop, week=W47)) == {"Landing page": "postponed"}
    carried = report(shop, week=W48).goals
    assert [(goal.status, goal.carried_over) for goal in carried] == [("hit", True)]


def test_a_carried_over_goal_has_its_own_status_in_the_later_week(shop):
    shop.agency.task(
        shop.acme,
        "Audit",
        due_on="2026-11-27",
        seen_due=("2026-11-20",),
        postpone_reason="Client away",
    )
    assert [(g.status, g.carried_over) for g in report(shop, week=W48).goals] == [("open", True)]
    after_w48 = report(shop, week=W48, today=date(2026, 11, 30)).goals
    assert [(g.status, g.carried_over) for g in after_w48] == [("missed", True)]


def test_a_completion_at_2330_on_sunday_in_new_york_is_a_hit_though_it_is_monday_in_utc(shop):
    shop.agency.task(
        shop.acme, "Blog post", due_on="2026-11-20", completed_at="2026-11-23T04:30:00.000Z"
    )
    [goal] = report(shop, zone=NEW_YORK).goals
    assert goal.status == "hit"
    assert goal.completed_at == datetime(2026, 11, 22, 23, 30, tzinfo=NEW_YORK)
    assert goal.completed_at.utcoffset() == timedelta(hours=-5)
    assert statuses(report(shop, zone=UTC)) == {"Blog post": "late"}


def test_hit_turns_late_at_the_exact_end_of_the_week_in_the_configured_zone(shop):
    a = shop.agency
    a.task(
        shop.acme, "Last millisecond", due_on="2026-11-20", completed_at="2026-11-23T04:59:59.999Z"
    )
    a.task(
        shop.acme, "Monday midnight", due_on="2026-11-20", completed_at="2026-11-23T05:00:00.000Z"
    )
    assert statuses(report(shop, zone=NEW_YORK)) == {
        "Last millisecond": "hit",
        "Monday midnight": "late",
    }


def test_a_postponement_within_one_week_counts_normally_in_that_week(shop):
    shop.agency.task(
        shop.acme,
        "Ad copy",
        due_on="2026-11-21",
        seen_due=("2026-11-18",),
        postpone_reason="Client away",
        completed_at="2026-11-21T12:00:00.000Z",
    )
    [goal] = report(shop).goals
    assert (goal.status, goal.carried_over, goal.deadline_moved) == ("hit", False, False)
    assert report(shop, week=W48).goals == []


def test_an_unsanctioned_move_is_missed_in_the_week_of_f_flagged_and_not_counted_later(shop):
    shop.agency.task(shop.acme, "Moved quietly", due_on="2026-11-27", seen_due=("2026-11-20",))
    [goal] = report(shop).goals
    assert (goal.status, goal.deadline_moved, goal.carried_over) == ("missed", True, False)
    assert report(shop, week=W48).goals == []


def test_an_unsanctioned_move_completed_in_the_later_week_is_late_not_hit(shop):
    shop.agency.task(
        shop.acme,
        "Moved quietly",
        due_on="2026-11-27",
        seen_due=("2026-11-20",),
        completed_at="2026-11-26T10:00:00.000Z",
    )
    [goal] = report(shop).goals
    assert (goal.status, goal.deadline_moved) == ("late", True)


def test_a_reason_added_after_a_silent_move_does_not_launder_it(shop):
    a = shop.agency
    gid = a.task(
        shop.acme,
        "Offer test",
        due_on="2026-11-27",
        original_due="2026-11-20",
        postpone_reason="Client away",
    )
    before = report(shop, week=W47).goals
    assert [(g.status, g.deadline_moved) for g in before] == [("postponed", False)]

    a.due_change(gid, old_due_on="2026-11-18", new_due_on="2026-11-20")

    [goal] = report(shop, week=W47).goals
    assert (goal.fixed_due_on, goal.status, goal.deadline_moved) == (
        date(2026, 11, 18),
        "missed",
        True,
    )
    assert report(shop, week=W48).goals == []


def test_original_due_equal_to_f_is_a_postponement_and_a_different_one_is_a_move(shop):
    a = shop.agency
    a.task(shop.acme, "Equal", due_on="2026-11-27", original_due="2026-11-18", postpone_reason="ok")
    a.task(
        shop.acme,
        "Different",
        due_on="2026-11-27",
        seen_due=("2026-11-18",),
        original_due="2026-11-19",
        postpone_reason="ok",
    )
    result = report(shop)
    assert statuses(result) == {"Equal": "postponed", "Different": "missed"}
    assert {g.name: g.deadline_moved for g in result.goals} == {"Equal": False, "Different": True}


def test_a_blank_reason_does_not_sanction_a_move(shop):
    shop.agency.task(
        shop.acme, "Blank", due_on="2026-11-27", seen_due=("2026-11-18",), postpone_reason="   "
    )
    [goal] = report(shop).goals
    assert (goal.status, goal.deadline_moved) == ("missed", True)


def test_a_goal_without_a_due_date_is_counted_in_no_week(shop):
    shop.agency.task(shop.acme, "No date")
    shop.agency.task(shop.acme, "Dated", due_on="2026-11-20")
    weeks = [W46.shift(-10 + i) for i in range(20)]
    found = goals_by_week(shop.agency.reader(), weeks, today=TODAY, zone=UTC)
    assert [goal.name for goals in found.values() for goal in goals] == ["Dated"]


def test_goal_rows_carry_client_pod_and_assignee_names(shop):
    shop.agency.task(shop.cedar, "Email flow", due_on="2026-11-20", assignee=shop.bob)
    [goal] = report(shop).goals
    assert goal == WeeklyGoal(
        task_gid=goal.task_gid,
        name="Email flow",
        client="Cedar",
        client_gid=shop.cedar,
        pod="Pod Beta",
        assignee="Bob",
        due_on=date(2026, 11, 20),
        fixed_due_on=date(2026, 11, 20),
        status="missed",
        completed_at=None,
        carried_over=False,
        deadline_moved=False,
    )


def test_goals_are_listed_by_pod_then_client_then_due_date(shop):
    a = shop.agency
    a.task(shop.cedar, "Cedar Mon", due_on="2026-11-16")
    a.task(shop.birch, "Birch Wed", due_on="2026-11-18")
    a.task(shop.acme, "Acme Fri", due_on="2026-11-20")
    a.task(shop.acme, "Acme Tue", due_on="2026-11-17")
    assert [g.name for g in report(shop).goals] == [
        "Acme Tue",
        "Acme Fri",
        "Birch Wed",
        "Cedar Mon",
    ]


def test_totals_by_pod_client_and_assignee_with_unassigned_goals_last(shop):
    a = shop.agency
    a.task(
        shop.acme,
        "A1",
        due_on="2026-11-20",
        assignee=shop.ann,
        completed_at="2026-11-20T10:00:00.000Z",
    )
    a.task(shop.acme, "A2", due_on="2026-11-20", assignee=shop.ann)
    a.task(shop.birch, "B1", due_on="2026-11-20", completed_at="2026-11-24T10:00:00.000Z")
    a.task(
        shop.cedar,
        "C1",
        due_on="2026-11-20",
        assignee=shop.bob,
        completed_at="2026-11-21T10:00:00.000Z",
    )

    totals = report(shop).totals

    assert list(totals) == ["pod", "client", "assignee"]
    assert [(t.name, t.total, t.hit, t.late, t.missed) for t in totals["pod"]] == [
        ("Pod Alpha", 3, 1, 1, 1),
        ("Pod Beta", 1, 1, 0, 0),
    ]
    assert [(t.name, t.total, t.hit_rate) for t in totals["client"]] == [
        ("Acme", 2, 0.5),
        ("Birch", 1, 0.0),
        ("Cedar", 1, 1.0),
    ]
    assert [(t.name, t.total, t.hit, t.late, t.missed) for t in totals["assignee"]] == [
        ("Ann", 2, 1, 0, 1),
        ("Bob", 1, 1, 0, 0),
        (None, 1, 0, 1, 0),
    ]


def test_rates_are_rounded_to_four_decimals(shop):
    a = shop.agency
    a.task(shop.acme, "One", due_on="2026-11-20", completed_at="2026-11-20T10:00:00.000Z")
    a.task(shop.acme, "Two", due_on="2026-11-20", completed_at="2026-11-20T10:00:00.000Z")
    a.task(shop.acme, "Three", due_on="2026-11-20")
    [acme] = report(shop).totals["client"]
    assert (acme.hit_rate, acme.progress) == (0.6667, 0.6667)


def test_progress_leaves_postponed_goals_out_and_hit_rate_leaves_open_ones_out(shop):
    a = shop.agency
    a.task(shop.acme, "Done", due_on="2026-11-24", completed_at="2026-11-24T10:00:00.000Z")
    a.task(shop.acme, "Waiting", due_on="2026-11-27")
    a.task(
        shop.acme,
        "Pushed",
        due_on="2026-12-04",
        seen_due=("2026-11-26",),
        postpone_reason="Holiday",
    )
    [acme] = report(shop, week=W48).totals["client"]
    assert acme == Totals(
        "Acme", total=3, hit=1, late=0, missed=0, open=1, postponed=1, hit_rate=1.0, progress=0.5
    )


def test_a_week_with_only_open_goals_has_no_hit_rate(shop):
    shop.agency.task(shop.acme, "Waiting", due_on="2026-11-27")
    [acme] = report(shop, week=W48).totals["client"]
    assert (acme.hit_rate, acme.progress) == (None, 0.0)


def test_a_week_with_only_postponed_goals_has_no_progress(shop):
    shop.agency.task(
        shop.acme,
        "Pushed",
        due_on="2026-11-27",
        seen_due=("2026-11-20",),
        postpone_reason="Holiday",
    )
    [acme] = report(shop).totals["client"]
    assert (acme.total, acme.postponed, acme.hit_rate, acme.progress) == (1, 1, None, None)


def test_summarize_nothing_gives_null_rates_not_zero():
    assert summarize("Nobody", []) == Totals("Nobody", 0, 0, 0, 0, 0, 0, None, None)


def test_an_empty_week_has_no_goals_and_no_totals(shop):
    result = report(shop)
    assert result.goals == []
    assert result.totals == {"pod": [], "client": [], "assignee": []}


def test_pod_and_client_filters(shop):
    a = shop.agency
    a.task(shop.acme, "Acme goal", due_on="2026-11-20")
    a.task(shop.birch, "Birch goal", due_on="2026-11-20")
    a.task(shop.cedar, "Cedar goal", due_on="2026-11-20")
    assert [g.name for g in report(shop, pod="pod beta").goals] == ["Cedar goal"]
    assert [g.name for g in report(shop, pod="Pod Alpha").goals] == ["Acme goal", "Birch goal"]
    assert [g.name for g in report(shop, client="  ACME ").goals] == ["Acme goal"]
    assert [g.name for g in report(shop, client=shop.birch).goals] == ["Birch goal"]
    assert [t.name for t in report(shop, pod="Pod Beta").totals["pod"]] == ["Pod Beta"]


def test_a_filter_naming_nothing_is_an_error(shop):
    with pytest.raises(ScopeError, match="Pod Gamma"):
        report(shop, pod="Pod Gamma")
    with pytest.raises(ScopeError, match="Cedar"):
        report(shop, pod="Pod Alpha", client="Cedar")


def test_goals_by_week_places_each_goal_in_every_week_it_counts_in(shop):
    a = shop.agency
    a.task(shop.acme, "Early", due_on="2026-11-11", completed_at="2026-11-11T10:00:00.000Z")
    a.task(
        shop.acme,
        "Carried",
        due_on="2026-11-27",
        seen_due=("2026-11-20",),
        postpone_reason="Holiday",
    )
    a.task(shop.cedar, "Cedar", due_on="2026-11-26")
    a.task(shop.acme, "Outside", due_on="2026-12-02")

    found = goals_by_week(shop.agency.reader(), [W46, W47, W48], today=TODAY, zone=UTC)

    assert list(found) == [W46, W47, W48]
    assert {
        week.name: [(g.name, g.status, g.carried_over) for g in goals]
        for week, goals in found.items()
    } == {
        "2026-W46": [("Early", "hit", False)],
        "2026-W47": [("Carried", "postponed", False)],
        "2026-W48": [("Carried", "open", True), ("Cedar", "open", False)],
    }
    only_acme = goals_by_week(
        shop.agency.reader(), [W48], today=TODAY, zone=UTC, client_gids={shop.acme}
    )
    assert [g.name for g in only_acme[W48]] == ["Carried"]


def test_goals_by_week_of_no_weeks_reads_nothing(shop):
    assert goals_by_week(shop.agency.reader(), [], today=TODAY, zone=UTC) == {}


def test_client_statuses_count_the_goals_goals_by_week_counts(shop):
    a = shop.agency
    a.task(shop.acme, "Early", due_on="2026-11-11", completed_at="2026-11-11T10:00:00.000Z")
    a.task(shop.acme, "Late", due_on="2026-11-20", completed_at="2026-11-24T15:00:00.000Z")
    a.task(
        shop.acme,
        "Carried",
        due_on="2026-11-27",
        seen_due=("2026-11-20",),
        postpone_reason="Holiday",
    )
    a.task(shop.cedar, "Cedar", due_on="2026-11-19")
    weeks, conn = [W46, W47, W48], shop.agency.reader()

    found = client_statuses(conn, weeks, today=TODAY, zone=NEW_YORK)

    by_week = goals_by_week(conn, weeks, today=TODAY, zone=NEW_YORK)
    expected = [(goal.client_gid, goal.status) for goals in by_week.values() for goal in goals]
    assert sorted(found) == sorted(expected) and len(found) == 5
    only_cedar = client_statuses(conn, weeks, today=TODAY, zone=NEW_YORK, client_gids={shop.cedar})
    assert only_cedar == [(shop.cedar, "missed")]


def test_the_cache_is_read_as_it_is_whatever_today_is(shop):
    shop.agency.task(
        shop.acme, "Done later", due_on="2026-11-20", completed_at="2026-11-21T10:00:00.000Z"
    )
    assert statuses(report(shop, today=date(2026, 11, 18))) == {"Done later": "hit"}


def test_weekly_totals_are_exactly_the_summary_of_the_goals(shop):
    a = shop.agency
    a.task(shop.acme, "One", due_on="2026-11-20", completed_at="2026-11-20T10:00:00.000Z")
    a.task(shop.acme, "Two", due_on="2026-11-19")
    result = report(shop)
    assert result.totals["pod"] == [summarize("Pod Alpha", result.goals)]


def test_the_week_query_reads_through_the_due_date_indexes_not_the_whole_table(shop):
    from podview.figures import weekly

    plan = " | ".join(
        row["detail"]
        for row in shop.agency.reader().execute(
            "EXPLAIN QUERY PLAN " + weekly._GOALS_IN_SPAN,
            ["weekly_goal", "2026-11-16", "2026-11-22", "2026-11-16", "2026-11-22"],
        )
    )
    assert "tasks_kind_fixed" in plan and "tasks_kind_due" in plan
    assert "SCAN t" not in plan
