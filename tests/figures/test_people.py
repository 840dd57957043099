"""People, hand-computed (metrics.md, "People"): who gets a row, their weeks, tests, training, signals, habits.

Today is Wednesday 2026-11-25 in New York, so the default window (4 ended
weeks) is 2026-W44 .. W47: Mondays 10-26, 11-02, 11-09 and 11-16.
"""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest

from podview.dates import Week
from podview.figures.common import ScopeError
from podview.figures.habits import median, split_by_hit_rate
from podview.figures.people import people_report
from podview.figures.tactics import tactics_report
from podview.figures.weekly import weekly_report

NEW_YORK = ZoneInfo("America/New_York")
UTC = ZoneInfo("UTC")
TODAY = date(2026, 11, 25)
MONDAY_0900 = "T14:00:00.000Z"  # 09:00 in New York (EST)


@pytest.fixture
def staff(agency):
    """Ann (in both pods), Bob, Cat (nothing assigned), and Dan, Eve, Fay in no pod."""
    a = agency
    alpha, beta = a.pod("Pod Alpha"), a.pod("pod Beta")
    acme, birch, cedar = a.client("Acme", alpha), a.client("Birch", alpha), a.client("Cedar", beta)
    ann = a.user("Ann", pod=alpha)
    a.db["pod_members"].insert({"pod_gid": beta, "user_gid": ann})
    bob, cat = a.user("Bob", pod=beta), a.user("Cat", pod=alpha)
    dan, eve, fay = a.user("Dan"), a.user("Eve"), a.user("Fay")

    # Ann: one of each status, a carried-over row, an unsanctioned move, a goal before the window.
    a.task(acme, "Before", due_on="2026-10-21", completed_at="2026-10-21T15:00:00.000Z", assignee=ann)
    a.task(acme, "Moved", due_on="2026-11-10", seen_due=("2026-11-06",), assignee=ann,
           created_at="2026-11-04T15:00:00.000Z")
    a.task(acme, "Missed", due_on="2026-11-12", assignee=ann, created_at="2026-11-10T04:30:00.000Z")
    a.task(acme, "Postponed", due_on="2026-11-19", seen_due=("2026-11-13",), postpone_reason="Client away",
           completed_at="2026-11-18T15:00:00.000Z", assignee=ann, created_at="2026-11-02" + MONDAY_0900)
    a.task(acme, "Hit", due_on="2026-11-20", completed_at="2026-11-20T15:00:00.000Z", assignee=ann,
           created_at="2026-11-16" + MONDAY_0900)
    a.task(birch, "Late", due_on="2026-11-20", completed_at="2026-11-24T15:00:00.000Z", assignee=ann,
           created_at="2026-11-17" + MONDAY_0900)
    a.task(acme, "Nobody's", due_on="2026-11-20")

    # Bob: a missed goal re-created, three postponements, one win and one loss.
    a.task(cedar, "Landing page", due_on="2026-11-06", assignee=bob, created_at="2026-11-02" + MONDAY_0900)
    a.task(cedar, "Landing page", due_on="2026-11-13", completed_at="2026-11-12T15:00:00.000Z", assignee=bob,
           created_at="2026-11-09" + MONDAY_0900)
    for n in range(3):
        a.task(cedar, f"Put off {n}", due_on="2026-11-27", seen_due=("2026-11-11",), postpone_reason="Budget",
               assignee=bob, created_at="2026-11-09" + MONDAY_0900)
    a.task(cedar, "Test A", "tactic", result="Win", confidence=99, completed_at="2026-11-03T15:00:00.000Z", assignee=bob)
    a.task(cedar, "Test B", "tactic", result="Loss", confidence=99, completed_at="2026-11-04T15:00:00.000Z", assignee=bob)

    # Dan, in no pod: one weekly goal. Fay, in no pod: six lost tests, and one before --since.
    a.task(birch, "Dan's", due_on="2026-11-18", completed_at="2026-11-18T15:00:00.000Z", assignee=dan,
           created_at="2026-11-15" + MONDAY_0900)
    for n in range(6):
        a.task(cedar, f"Loss {n}", "tactic", result="Loss", completed_at=f"2026-11-0{n + 1}T15:00:00.000Z", assignee=fay)
    a.task(acme, "Old test", "tactic", result="Win", completed_at="2026-05-01T15:00:00.000Z", assignee=fay)

    # Training: Ann's six modules, Bob's one, Eve's one (Eve still gets no row), an unassigned one.
    course, refresher = a.training_project("Training · Onboarding"), a.training_project("Training · Refresher")
    a.module(course, ann, "Passed", completed_at="2026-10-01T15:00:00.000Z", score=80)
    a.module(course, ann, "Passed, no score", completed_at="2026-10-02T15:00:00.000Z")
    a.module(course, ann, "Overdue", due_on="2026-11-20")
    a.module(course, ann, "Due last night", due_at="2026-11-25T03:00:00.000Z")  # 22:00 on 11-24 in New York
    a.module(refresher, ann, "No due date")
    a.module(refresher, ann, "Passed long ago", completed_at="2024-01-05T15:00:00.000Z", score=60)
    a.module(course, bob, "Passed low", completed_at="2026-11-02T15:00:00.000Z", score=55)
    a.module(course, eve, "Eve's")
    a.module(course, None, "Nobody's module", due_on="2026-01-01")
    return SimpleNamespace(agency=a, ann=ann, bob=bob, cat=cat, dan=dan, eve=eve, fay=fay, alpha=alpha, beta=beta)


def report(staff, zone=NEW_YORK, **options):
    return people_report(staff.agency.reader(), today=TODAY, zone=zone, **options)


def person(result, gid):
    return next(row for row in result.people if row.user_gid == gid)


def test_who_pod_members_in_every_pod_and_assignees_in_no_pod_with_a_counted_row(staff):
    result = report(staff)
    assert [(p.name, p.pods) for p in result.people] == [
        ("Ann", ["Pod Alpha", "pod Beta"]),
        ("Bob", ["pod Beta"]),
        ("Cat", ["Pod Alpha"]),
        ("Dan", []),
        ("Fay", []),
    ], "Eve has only training, so no row; unassigned items count for nobody"
    assert result.weeks == ["2026-W44", "2026-W45", "2026-W46", "2026-W47"]
    assert (result.since, result.confidence) == (date(2026, 8, 27), 95.0)


def test_weekly_goals_with_a_carried_over_row_and_a_deadline_moved(staff):
    ann = person(report(staff), staff.ann).weekly
    # W45 Moved (missed, moved); W46 Missed, Postponed; W47 Hit, Late, Postponed carried over (hit).
    assert (ann.goals, ann.hit, ann.late, ann.missed, ann.postponed) == (6, 2, 1, 2, 1)
    assert ann.hit_rate == 0.4
    assert (ann.deadline_moved, ann.recreated) == (1, 0)
    # Not carried over: Moved (Wed), Missed (Mon 23:30), Postponed (before), Hit (Mon), Late (Tue).
    assert ann.planned_by_monday == 0.6
    assert ann.trend == [None] * 7 + [1.0, None, 0.0, 0.0, 0.6667]


def test_a_recreated_goal_and_three_postponements(staff):
    bob = person(report(staff), staff.bob).weekly
    assert (bob.goals, bob.hit, bob.missed, bob.postponed, bob.hit_rate) == (5, 1, 1, 3, 0.5)
    assert (bob.deadline_moved, bob.recreated, bob.planned_by_monday) == (0, 1, 1.0)


def test_a_goal_created_monday_2330_local_is_planned_by_monday_though_it_is_tuesday_in_utc(agency):
    pod = agency.pod("Pod Alpha")
    ann = agency.user("Ann", pod=pod)
    agency.task(agency.client("Acme", pod), "Late set", due_on="2026-11-12", assignee=ann,
                created_at="2026-11-10T04:30:00.000Z")
    conn = agency.reader()
    in_new_york = people_report(conn, today=TODAY, zone=NEW_YORK).people[0].weekly
    in_utc = people_report(conn, today=TODAY, zone=UTC).people[0].weekly
    assert (in_new_york.planned_by_monday, in_utc.planned_by_monday) == (1.0, 0.0)


def test_a_pod_member_with_nothing_assigned_is_a_row_of_zeros_and_nulls(staff):
    cat = person(report(staff), staff.cat)
    assert (cat.clients, cat.coach) == (0, [])
    assert (cat.weekly.goals, cat.weekly.hit, cat.weekly.late, cat.weekly.missed, cat.weekly.postponed) == (0,) * 5
    assert (cat.weekly.hit_rate, cat.weekly.planned_by_monday, cat.weekly.trend) == (None, None, [None] * 12)
    assert (cat.tactics.running, cat.tactics.win, cat.tactics.loss, cat.tactics.inconclusive) == (0,) * 4
    assert (cat.tactics.win_rate, cat.tactics.win_rate_ci) == (None, None)
    assert (cat.training.assigned, cat.training.completion, cat.training.avg_score) == (0, None, None)


def test_an_assignee_in_no_pod(staff):
    dan = person(report(staff), staff.dan)
    assert (dan.pods, dan.clients, dan.weekly.goals, dan.weekly.hit_rate, dan.coach) == ([], 1, 1, 1.0, [])


def test_a_designer_whose_wilson_high_end_is_under_one_half_is_losing_tests(staff):
    result = report(staff)
    fay, bob = person(result, staff.fay), person(result, staff.bob)
    assert (fay.tactics.win, fay.tactics.loss, fay.tactics.win_rate) == (0, 6, 0.0)
    assert fay.tactics.win_rate_ci == [0.0, 0.3903]
    assert fay.coach == ["losing_tests"] and fay.clients == 1
    assert bob.tactics.win_rate_ci[1] > 0.5 and "losing_tests" not in bob.coach


def test_tactics_are_the_tactics_reports_by_designer_rows(staff):
    conn = staff.agency.reader()
    since = date(2026, 11, 3)
    designers = tactics_report(conn, since=since, confidence=95, today=TODAY, zone=NEW_YORK).by_designer
    people = people_report(conn, today=TODAY, zone=NEW_YORK, since=since).people
    shown = {p.name: [p.tactics.win, p.tactics.loss, p.tactics.win_rate_ci] for p in people if p.tactics.win + p.tactics.loss}
    assert shown == {row.name: [row.win, row.loss, row.win_rate_ci] for row in designers}


def test_weekly_rows_are_the_weekly_reports_rows(staff):
    conn = staff.agency.reader()
    people = {p.name: p.weekly for p in people_report(conn, today=TODAY, zone=NEW_YORK).people}
    by_name: dict[str, list[int]] = {}
    for week in ("2026-W44", "2026-W45", "2026-W46", "2026-W47"):
        totals = weekly_report(conn, week=Week.parse(week), today=TODAY, zone=NEW_YORK).totals["assignee"]
        for row in totals:
            if row.name is not None:
                sums = by_name.setdefault(row.name, [0, 0, 0, 0, 0])
                for index, value in enumerate((row.total, row.hit, row.late, row.missed, row.postponed)):
                    sums[index] += value
    assert by_name == {
        name: [w.goals, w.hit, w.late, w.missed, w.postponed] for name, w in people.items() if w.goals
    }


def test_training_with_overdue_modules_a_module_without_a_score_and_one_completed_long_ago(staff):
    ann = person(report(staff), staff.ann).training
    # Six modules; passed: 80, no score, 60 (2024, long before any lookback); overdue: 11-20 and due_at 11-24 local.
    assert (ann.assigned, ann.completed, ann.overdue, ann.completion, ann.avg_score) == (6, 3, 2, 0.5, 70.0)
    in_utc = person(report(staff, zone=UTC), staff.ann).training
    assert in_utc.overdue == 1, "in UTC the due_at module is due today, not yet overdue"
    bob = person(report(staff), staff.bob).training
    assert (bob.assigned, bob.completed, bob.overdue, bob.completion, bob.avg_score) == (1, 1, 0, 1.0, 55.0)


def test_coaching_signals_in_order(staff):
    result = report(staff)
    assert person(result, staff.ann).coach == ["hit_rate_low", "deadline_moved", "training_overdue"]
    assert person(result, staff.bob).coach == [
        "hit_rate_low", "deadline_moved", "postpones_often", "training_score_low"
    ]


def test_habits_with_an_odd_count_split_at_the_middle_value(staff):
    habits = report(staff).habits
    # Rated: Ann 0.4, Bob 0.5, Dan 1.0; median 0.5: top Bob and Dan, rest Ann.
    assert habits == {
        "planned_by_monday": {"top": 1.0, "rest": 0.6},
        "postpone_rate": {"top": 0.3, "rest": 0.1667},
        "moved_rate": {"top": 0.1, "rest": 0.1667},
        "goals_per_week": {"top": 0.75, "rest": 1.5},
        "training_completion": {"top": 1.0, "rest": 0.5},
        "avg_score": {"top": 55.0, "rest": 70.0},
    }


def test_pod_keeps_its_people_and_habits_of_an_even_count_split_at_the_mean_of_the_middle_two(staff):
    result = report(staff, pod="POD BETA")
    assert [(p.name, p.pods) for p in result.people] == [("Ann", ["Pod Alpha", "pod Beta"]), ("Bob", ["pod Beta"])]
    # Ann 0.4, Bob 0.5: median 0.45, top Bob, rest Ann.
    assert result.habits["planned_by_monday"] == {"top": 1.0, "rest": 0.6}
    assert result.habits["avg_score"] == {"top": 55.0, "rest": 70.0}
    assert [p.name for p in report(staff, pod=staff.alpha).people] == ["Ann", "Cat"]


def test_median_and_split_by_hand():
    assert median([0.4, 0.9, 0.5]) == 0.5
    assert median([0.9, 0.4, 0.5, 0.8]) == 0.65
    rows = [SimpleNamespace(name=n, weekly=SimpleNamespace(hit_rate=r)) for n, r in
            (("a", 0.4), ("b", 0.9), ("c", 0.5), ("d", 0.8), ("e", None))]
    top, rest = split_by_hit_rate(rows)
    assert ([r.name for r in top], [r.name for r in rest]) == (["b", "d"], ["a", "c"])


def test_empty_groups_give_null_habits(agency):
    pod = agency.pod("Pod Alpha")
    agency.user("Ann", pod=pod)
    result = people_report(agency.reader(), today=TODAY, zone=NEW_YORK)
    assert all(value == {"top": None, "rest": None} for value in result.habits.values())


def test_a_pod_that_does_not_exist_and_weeks_out_of_range_are_refused(staff):
    with pytest.raises(ScopeError, match="no pod named 'Gamma'; pods in the cache: Pod Alpha, pod Beta"):
        report(staff, pod="Gamma")
    with pytest.raises(ValueError):
        report(staff, weeks=17)


def test_weeks_sets_the_window(staff):
    result = report(staff, weeks=1)
    assert result.weeks == ["2026-W47"]
    ann = person(result, staff.ann).weekly
    assert (ann.goals, ann.hit, ann.late, ann.hit_rate) == (3, 2, 1, 0.6667)
    assert person(result, staff.bob).weekly.goals == 0 and person(result, staff.bob).weekly.recreated == 0
