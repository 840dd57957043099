"""A recurring weekly goal (the same name with F in three or more ISO weeks) is never "re-created".

conventions.md: each instance is a goal of its own week, and a missed one
already counts as missed. Weeks: W45 is 2026-11-02 .. 11-08, W46 11-09 .. 11-15,
W47 11-16 .. 11-22, W48 11-23 .. 11-29. Today is Wednesday 2026-11-25, so the
at-risk score's last four weeks are W44 .. W47.
"""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

from podview.config import Config
from podview.dates import Week
from podview.figures.postponed import postponed_report
from podview.figures.risk import risk_report
from podview.figures.weekly import weekly_report

UTC = ZoneInfo("UTC")
TODAY = date(2026, 11, 25)


def recreated(shop) -> list[tuple[str, str]]:
    """(re-created task, the earlier task it names) from the postponed report."""
    report = postponed_report(shop.agency.reader(), today=TODAY, zone=UTC)
    return sorted((row.task_gid, row.original_task_gid) for row in report.recreated)


def weekly(a, due_on: str, created: str, client, name: str = "Send weekly report", **kw) -> str:
    return a.task(client, name, due_on=due_on, created_at=f"{created}T09:00:00.000Z", **kw)


def test_missed_and_set_again_in_two_weeks_is_still_re_created(shop):
    a = shop.agency
    first = weekly(a, "2026-11-11", "2026-11-09", shop.acme)  # W46, never done
    second = weekly(a, "2026-11-18", "2026-11-12", shop.acme)  # W47, created after the 11th
    assert recreated(shop) == [(second, first)]


def test_weeks_are_counted_not_goals_three_goals_in_two_weeks_are_re_created(shop):
    a = shop.agency
    first = weekly(a, "2026-11-11", "2026-11-09", shop.acme)  # W46
    second = weekly(a, "2026-11-18", "2026-11-12", shop.acme)  # W47
    third = weekly(a, "2026-11-20", "2026-11-19", shop.acme)  # W47 again
    assert recreated(shop) == [(second, first), (third, first)]


def test_the_same_name_in_three_distinct_weeks_is_recurring_and_never_flagged(shop):
    a = shop.agency
    missed = weekly(a, "2026-11-11", "2026-11-09", shop.acme)  # W46, never done
    weekly(a, "2026-11-18", "2026-11-12", shop.acme)  # W47, never done
    weekly(a, "2026-11-25", "2026-11-19", shop.acme)  # W48
    assert recreated(shop) == []
    # the missed instance is not laundered: it is still missed in its own week
    w46 = weekly_report(shop.agency.reader(), week=Week.parse("2026-W46"), today=TODAY, zone=UTC)
    assert [(goal.task_gid, goal.status) for goal in w46.goals] == [(missed, "missed")]


def test_names_differing_in_case_and_spaces_are_one_recurring_goal(shop):
    a = shop.agency
    weekly(a, "2026-11-11", "2026-11-09", shop.acme, name="Send weekly report")
    weekly(a, "2026-11-18", "2026-11-12", shop.acme, name="  send   WEEKLY report")
    weekly(a, "2026-11-25", "2026-11-19", shop.acme, name="SEND weekly\tReport ")
    assert recreated(shop) == []


def test_a_name_that_differs_in_a_letter_is_another_goal(shop):
    a = shop.agency
    first = weekly(a, "2026-11-11", "2026-11-09", shop.acme, name="Send weekly report")
    second = weekly(a, "2026-11-18", "2026-11-12", shop.acme, name="send weekly report")
    weekly(a, "2026-11-25", "2026-11-19", shop.acme, name="Send weekly reports")
    assert recreated(shop) == [(second, first)]


def test_other_clients_goals_of_the_same_name_do_not_make_it_recurring(shop):
    a = shop.agency
    first = weekly(a, "2026-11-11", "2026-11-09", shop.acme)  # Acme W46
    second = weekly(a, "2026-11-18", "2026-11-12", shop.acme)  # Acme W47
    weekly(a, "2026-11-25", "2026-11-19", shop.birch)  # Birch W48: a third week, but another client
    weekly(a, "2026-11-04", "2026-11-02", shop.cedar)  # Cedar W45, in another pod
    assert recreated(shop) == [(second, first)]


def test_weeks_are_those_of_the_fixed_deadline_not_the_moved_due_date(shop):
    a = shop.agency
    first = weekly(a, "2026-11-11", "2026-11-09", shop.acme)  # F and D in W46
    second = weekly(a, "2026-11-18", "2026-11-12", shop.acme)  # F and D in W47
    # F 11-19 (W47), silently moved to D 11-25 (W48): D's weeks would be three, F's are two
    third = weekly(a, "2026-11-25", "2026-11-13", shop.acme, seen_due=("2026-11-19",))
    assert recreated(shop) == [(second, first), (third, first)]


def test_deadline_moved_fires_for_a_re_creation_but_not_for_a_recurring_goal(agency):
    pod = agency.pod("Pod Atlas")
    recurring = agency.client("Recurring", pod)
    for due, created in (("2026-11-06", "2026-11-02"), ("2026-11-13", "2026-11-09"), ("2026-11-20", "2026-11-16")):
        weekly(agency, due, created, recurring)  # W45, W46, W47, each missed
    loophole = agency.client("Loophole", pod)
    weekly(agency, "2026-11-06", "2026-11-02", loophole)  # W45, missed
    weekly(agency, "2026-11-20", "2026-11-16", loophole)  # W47, created 11-16, in the last four weeks
    rows = risk_report(agency.reader(), today=TODAY, zone=UTC, config=Config()).clients
    reasons = {row.client_gid: row.reasons for row in rows}
    assert "deadline_moved" not in reasons[recurring]
    assert "deadline_moved" in reasons[loophole]
    # both missed every goal: the recurring one's misses still count against its hit rate
    assert "weekly_hit_rate_low" in reasons[recurring] and "weekly_hit_rate_low" in reasons[loophole]
