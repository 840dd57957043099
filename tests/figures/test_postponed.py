"""The postponement ledger a growth review reads: postponements, silent moves, re-creations, problems.

Week 2026-W47 runs Monday 2026-11-16 to Sunday 2026-11-22; W46 is 11-09 .. 11-15.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from podview.figures.common import ScopeError
from podview.figures.postponed import (
    MovedGoal,
    PostponedGoal,
    RecreatedGoal,
    TaskProblem,
    moved_goals,
    postponed_report,
    recreated_goals,
)

UTC = ZoneInfo("UTC")
NEW_YORK = ZoneInfo("America/New_York")
TODAY = date(2026, 11, 25)


def ledger(shop, zone=UTC, **filters):
    return postponed_report(shop.agency.reader(), today=TODAY, zone=zone, **filters)


def test_a_sanctioned_postponement_is_listed_with_its_reason(shop):
    gid = shop.agency.task(
        shop.acme,
        "Landing page",
        due_on="2026-11-27",
        seen_due=("2026-11-20",),
        postpone_reason="  Waiting on copy ",
        assignee=shop.ann,
    )
    result = ledger(shop)
    assert result.postponed == [
        PostponedGoal(
            task_gid=gid,
            name="Landing page",
            client="Acme",
            pod="Pod Alpha",
            assignee="Ann",
            fixed_due_on=date(2026, 11, 20),
            due_on=date(2026, 11, 27),
            reason="Waiting on copy",
            completed=False,
        )
    ]
    assert result.deadline_moved == []


def test_a_postponement_within_one_week_is_still_listed_as_postponed(shop):
    shop.agency.task(
        shop.acme,
        "Ad copy",
        due_on="2026-11-21",
        seen_due=("2026-11-18",),
        postpone_reason="Client away",
        completed_at="2026-11-21T12:00:00.000Z",
    )
    [row] = ledger(shop).postponed
    assert (row.fixed_due_on, row.due_on, row.completed) == (
        date(2026, 11, 18),
        date(2026, 11, 21),
        True,
    )


def test_an_unsanctioned_move_is_listed_as_deadline_moved_without_a_reason(shop):
    gid = shop.agency.task(
        shop.acme, "Moved quietly", due_on="2026-11-27", seen_due=("2026-11-20",)
    )
    result = ledger(shop)
    assert result.postponed == []
    assert result.deadline_moved == [
        MovedGoal(
            gid,
            "Moved quietly",
            "Acme",
            "Pod Alpha",
            None,
            date(2026, 11, 20),
            date(2026, 11, 27),
            False,
        )
    ]


def test_a_reason_added_after_a_silent_move_moves_the_goal_from_postponed_to_deadline_moved(shop):
    a = shop.agency
    gid = a.task(
        shop.acme,
        "Offer test",
        due_on="2026-11-27",
        original_due="2026-11-20",
        postpone_reason="Client away",
    )
    assert [row.task_gid for row in ledger(shop).postponed] == [gid]

    a.due_change(gid, old_due_on="2026-11-18", new_due_on="2026-11-20")

    result = ledger(shop)
    assert result.postponed == []
    assert [(row.task_gid, row.fixed_due_on) for row in result.deadline_moved] == [
        (gid, date(2026, 11, 18))
    ]


def test_original_due_equal_to_f_is_postponed_and_a_different_one_is_moved(shop):
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
    result = ledger(shop)
    assert [row.name for row in result.postponed] == ["Equal"]
    assert [row.name for row in result.deadline_moved] == ["Different"]


def test_a_whitespace_reason_is_no_reason(shop):
    shop.agency.task(
        shop.acme, "Blank", due_on="2026-11-27", seen_due=("2026-11-18",), postpone_reason=" \t "
    )
    result = ledger(shop)
    assert (result.postponed, [row.name for row in result.deadline_moved]) == ([], ["Blank"])


def test_goals_whose_deadline_never_moved_and_other_task_kinds_are_not_listed(shop):
    a = shop.agency
    a.task(shop.acme, "On time", due_on="2026-11-20", postpone_reason="a reason nobody needed")
    a.task(shop.acme, "A tactic", kind="tactic", due_on="2026-11-27", seen_due=("2026-11-20",))
    result = ledger(shop)
    assert (result.postponed, result.deadline_moved, result.recreated, result.problems) == (
        [],
        [],
        [],
        [],
    )


def test_moves_are_listed_newest_fixed_deadline_first_whatever_their_week(shop):
    a = shop.agency
    a.task(shop.acme, "March", due_on="2026-03-13", seen_due=("2026-03-06",), postpone_reason="r")
    a.task(
        shop.birch, "November", due_on="2026-11-27", seen_due=("2026-11-20",), postpone_reason="r"
    )
    a.task(
        shop.acme, "November", due_on="2026-11-27", seen_due=("2026-11-20",), postpone_reason="r"
    )
    a.task(
        shop.acme, "Next year", due_on="2027-01-15", seen_due=("2027-01-08",), postpone_reason="r"
    )
    assert [(row.name, row.client) for row in ledger(shop).postponed] == [
        ("Next year", "Acme"),
        ("November", "Acme"),
        ("November", "Birch"),
        ("March", "Acme"),
    ]


def test_a_goal_re_created_after_its_deadline_passed_unmet_is_flagged(shop):
    a = shop.agency
    first = a.task(
        shop.acme, "Launch  Ads", due_on="2026-11-18", created_at="2026-11-16T09:00:00.000Z"
    )
    again = a.task(
        shop.acme, " launch ads", due_on="2026-11-25", created_at="2026-11-19T14:00:00.000Z"
    )
    assert ledger(shop).recreated == [
        RecreatedGoal(
            task_gid=again,
            name=" launch ads",
            client="Acme",
            pod="Pod Alpha",
            original_task_gid=first,
            created_at=datetime(2026, 11, 19, 14, 0, tzinfo=UTC),
        )
    ]


def test_not_re_created_when_the_earlier_goal_was_done_by_the_end_of_its_week(shop):
    a = shop.agency
    a.task(
        shop.acme,
        "Launch ads",
        due_on="2026-11-18",
        created_at="2026-11-16T09:00:00.000Z",
        completed_at="2026-11-22T20:00:00.000Z",
    )
    a.task(shop.acme, "Launch ads", due_on="2026-11-25", created_at="2026-11-19T14:00:00.000Z")
    assert ledger(shop).recreated == []


def test_re_created_when_the_earlier_goal_was_only_done_after_its_week(shop):
    a = shop.agency
    first = a.task(
        shop.acme,
        "Launch ads",
        due_on="2026-11-18",
        created_at="2026-11-16T09:00:00.000Z",
        completed_at="2026-11-24T20:00:00.000Z",
    )
    a.task(shop.acme, "Launch ads", due_on="2026-11-25", created_at="2026-11-19T14:00:00.000Z")
    assert [row.original_task_gid for row in ledger(shop).recreated] == [first]


def test_not_re_created_when_created_on_the_deadline_day_in_local_time(shop):
    a = shop.agency
    a.task(shop.acme, "Launch ads", due_on="2026-11-18", created_at="2026-11-16T09:00:00.000Z")
    a.task(shop.acme, "Launch ads", due_on="2026-11-25", created_at="2026-11-19T03:00:00.000Z")
    assert ledger(shop, zone=NEW_YORK).recreated == []
    assert len(ledger(shop, zone=UTC).recreated) == 1


def test_not_re_created_in_another_client_or_under_another_name(shop):
    a = shop.agency
    a.task(shop.acme, "Launch ads", due_on="2026-11-18", created_at="2026-11-16T09:00:00.000Z")
    a.task(shop.birch, "Launch ads", due_on="2026-11-25", created_at="2026-11-19T14:00:00.000Z")
    a.task(shop.acme, "Launch new ads", due_on="2026-11-25", created_at="2026-11-19T14:00:00.000Z")
    a.task(
        shop.acme,
        "Launch ads",
        kind="tactic",
        due_on="2026-11-25",
        created_at="2026-11-19T14:00:00.000Z",
    )
    assert ledger(shop).recreated == []


def test_a_chain_of_re_creations_names_the_earliest_missed_goal(shop):
    # F in two weeks only (W46, W47): a third week would make the name a recurring goal
    a = shop.agency
    first = a.task(shop.acme, "Report", due_on="2026-11-11", created_at="2026-11-09T09:00:00.000Z")
    second = a.task(shop.acme, "Report", due_on="2026-11-18", created_at="2026-11-12T09:00:00.000Z")
    third = a.task(shop.acme, "Report", due_on="2026-11-20", created_at="2026-11-19T09:00:00.000Z")
    rows = ledger(shop).recreated
    assert [(row.task_gid, row.original_task_gid) for row in rows] == [
        (third, first),
        (second, first),
    ]


def test_recreated_goals_can_be_limited_to_some_clients(shop):
    a = shop.agency
    for client in (shop.acme, shop.cedar):
        a.task(client, "Report", due_on="2026-11-11", created_at="2026-11-09T09:00:00.000Z")
        a.task(client, "Report", due_on="2026-11-18", created_at="2026-11-12T09:00:00.000Z")
    reader = shop.agency.reader()
    assert [row.client for row in recreated_goals(reader, zone=UTC)] == ["Acme", "Cedar"]
    assert [row.client for row in recreated_goals(reader, zone=UTC, client_gids=[shop.cedar])] == [
        "Cedar"
    ]


def test_problems_list_the_mappers_findings_and_goals_without_a_due_date(shop):
    a = shop.agency
    tactic = a.task(
        shop.birch,
        "Hero test",
        kind="tactic",
        problems=("Result 'Maybe' is not Win, Loss or Inconclusive",),
    )
    undated = a.task(shop.acme, "Undated goal")
    both = a.task(shop.acme, "Also undated", problems=("no due date", "two Type fields"))
    assert ledger(shop).problems == [
        TaskProblem(both, "Also undated", "Acme", "no due date"),
        TaskProblem(both, "Also undated", "Acme", "two Type fields"),
        TaskProblem(undated, "Undated goal", "Acme", "no due date"),
        TaskProblem(
            tactic, "Hero test", "Birch", "Result 'Maybe' is not Win, Loss or Inconclusive"
        ),
    ]


def test_every_list_honours_the_pod_and_client_filters(shop):
    a = shop.agency
    for client in (shop.acme, shop.cedar):
        a.task(
            client, "Postponed", due_on="2026-11-27", seen_due=("2026-11-20",), postpone_reason="r"
        )
        a.task(client, "Moved", due_on="2026-11-27", seen_due=("2026-11-20",))
        a.task(client, "Report", due_on="2026-11-11", created_at="2026-11-09T09:00:00.000Z")
        a.task(client, "Report", due_on="2026-11-18", created_at="2026-11-12T09:00:00.000Z")
        a.task(client, "Undated")

    def clients(result):
        lists = ("postponed", "deadline_moved", "recreated", "problems")
        return [sorted({row.client for row in getattr(result, field)}) for field in lists]

    assert clients(ledger(shop)) == [["Acme", "Cedar"]] * 4
    assert clients(ledger(shop, pod="pod beta")) == [["Cedar"]] * 4
    assert clients(ledger(shop, client="acme")) == [["Acme"]] * 4


def test_a_filter_naming_nothing_is_an_error(shop):
    with pytest.raises(ScopeError):
        ledger(shop, client="Nobody Inc")


def test_moves_can_be_limited_to_those_whose_fixed_deadline_falls_in_a_span(shop):
    a = shop.agency
    a.task(shop.acme, "Old", due_on="2026-10-16", seen_due=("2026-10-09",), postpone_reason="r")
    a.task(shop.acme, "Recent", due_on="2026-11-27", seen_due=("2026-11-20",), postpone_reason="r")
    a.task(shop.acme, "Recent move", due_on="2026-11-27", seen_due=("2026-11-16",))
    span = (date(2026, 10, 26), date(2026, 11, 22))
    postponed, moved = moved_goals(shop.agency.reader(), fixed_span=span)
    assert ([row.name for row in postponed], [row.name for row in moved]) == (
        ["Recent"],
        ["Recent move"],
    )
