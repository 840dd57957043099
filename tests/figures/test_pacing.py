"""90-day goal pacing, computed by hand.

Unless a test says otherwise a goal runs 2026-10-01 .. 2027-01-09 (100 days)
and today is 2026-11-20, day 50: half the time is used (expected 0.5) and 50
days are left.
"""

from __future__ import annotations

from datetime import date

import pytest

from podview.figures.common import ScopeError
from podview.figures.pacing import effective_window, goal_pace, pacing_report

S, U = "2026-10-01", "2027-01-09"
TODAY = date(2026, 11, 20)


@pytest.fixture
def acme(agency):
    return agency.client("Acme", agency.pod("Pod Alpha"))


def only(agency, today=TODAY, **options):
    (row,) = pacing_report(agency.reader(), today=today, **options).goals
    return row


def figures(row):
    return (row.progress, row.expected, row.pace, row.projected, row.days_left, row.status)


def leads(agency, client, current, initial=0, target=100, **dates):
    dates = dates or {"start_on": S, "due_on": U}
    return agency.goal(client, initial=initial, current=current, target=target, **dates)


def test_a_rising_goal_exactly_on_pace(agency, acme):
    gid = leads(agency, acme, 50)
    row = only(agency)
    assert (row.goal_gid, row.name, row.client, row.client_gid, row.pod) == (
        gid,
        "Leads per month",
        "Acme",
        acme,
        "Pod Alpha",
    )
    assert (row.start_on, row.due_on) == (date(2026, 10, 1), date(2027, 1, 9))
    assert (row.initial, row.current, row.target, row.unit) == (0, 50, 100, "none")
    assert figures(row) == (0.5, 0.5, 1.0, 100.0, 50, "on track")


def test_a_falling_target_cpa_halfway_is_half_done(agency, acme):
    agency.goal(
        acme, "CPA", start_on=S, due_on=U, initial=80, current=65, target=50, unit="currency"
    )
    assert figures(only(agency)) == (0.5, 0.5, 1.0, 50.0, 50, "on track")


def test_a_falling_target_moving_the_wrong_way_is_negative_progress(agency, acme):
    agency.goal(acme, "CPA", start_on=S, due_on=U, initial=80, current=88, target=50)
    row = only(agency)
    assert (row.progress, row.pace, row.status) == (-0.2667, -0.5333, "off track")


def test_target_equal_to_initial_is_done_only_at_the_target(agency, acme):
    leads(agency, acme, 10, initial=10, target=10)
    assert (only(agency).progress, only(agency).status) == (1.0, "achieved")


def test_target_equal_to_initial_elsewhere_is_no_progress(agency, acme):
    leads(agency, acme, 12, initial=10, target=10)
    row = only(agency)
    assert (row.progress, row.pace, row.status) == (0.0, 0.0, "off track")


def test_over_achievement_is_not_clamped(agency, acme):
    leads(agency, acme, 150)
    row = only(agency)
    assert (row.progress, row.pace, row.projected, row.status) == (1.5, 3.0, 300.0, "achieved")


def test_the_start_day_of_a_started_goal_is_on_track(agency, acme):
    leads(agency, acme, 0)
    row = only(agency, today=date(2026, 10, 1))
    assert figures(row) == (0.0, 0.0, None, None, 100, "on track")


def test_before_the_start_the_goal_is_not_started(agency, acme):
    leads(agency, acme, 0)
    row = only(agency, today=date(2026, 9, 30))
    assert figures(row) == (0.0, 0.0, None, None, 101, "not started")


def test_after_the_due_date_an_unreached_goal_is_missed(agency, acme):
    leads(agency, acme, 80)
    row = only(agency, today=date(2027, 1, 10))
    assert figures(row) == (0.8, 1.0, 0.8, 80.0, 0, "missed")


def test_on_the_due_date_it_is_not_missed_yet(agency, acme):
    leads(agency, acme, 95)
    assert only(agency, today=date(2027, 1, 9)).status == "on track"


def test_reached_before_the_due_date_is_achieved(agency, acme):
    leads(agency, acme, 100)
    row = only(agency)
    assert (row.progress, row.pace, row.days_left, row.status) == (1.0, 2.0, 50, "achieved")


def test_achieved_wins_over_missed(agency, acme):
    leads(agency, acme, 100)
    assert only(agency, today=date(2027, 2, 1)).status == "achieved"


@pytest.mark.parametrize(
    ("current", "pace", "status"),
    [
        (45, 0.9, "on track"),
        (44.99, 0.8998, "at risk"),
        (35, 0.7, "at risk"),
        (34.99, 0.6998, "off track"),
        (10, 0.2, "off track"),
    ],
)
def test_pace_bands_at_the_default_thresholds(agency, acme, current, pace, status):
    leads(agency, acme, current)
    row = only(agency)
    assert (row.pace, row.status) == (pace, status)


def test_thresholds_apply_to_the_unrounded_pace(agency, acme):
    leads(agency, acme, 44.998)
    row = only(agency)
    assert (row.pace, row.status) == (0.9, "at risk")


@pytest.mark.parametrize(
    ("current", "status"), [(40, "on track"), (39, "at risk"), (25, "at risk"), (24, "off track")]
)
def test_custom_thresholds(agency, acme, current, status):
    leads(agency, acme, current)
    assert only(agency, on_track=0.8, at_risk=0.5).status == status


def test_projected_is_rounded_to_four_decimals(agency, acme):
    leads(agency, acme, 10)
    row = only(agency, today=date(2026, 10, 31))
    assert (row.expected, row.progress, row.projected) == (0.3, 0.1, 33.3333)


def test_start_and_due_fall_back_to_the_time_period(agency, acme):
    period = agency.time_period(S, U)
    leads(agency, acme, 50, time_period=period)
    row = only(agency)
    assert (row.start_on, row.due_on, row.expected, row.status) == (
        date(2026, 10, 1),
        date(2027, 1, 9),
        0.5,
        "on track",
    )


def test_own_start_with_the_period_end(agency, acme):
    period = agency.time_period("2026-07-01", "2026-09-30")
    leads(agency, acme, 50, start_on="2026-08-01", time_period=period)
    row = only(agency, today=date(2026, 8, 31))
    assert (row.start_on, row.due_on, row.expected, row.days_left) == (
        date(2026, 8, 1),
        date(2026, 9, 30),
        0.5,
        30,
    )


def test_a_start_after_the_due_date_is_pulled_back_to_it(agency, acme):
    period = agency.time_period("2026-07-01", "2026-09-30")
    leads(agency, acme, 50, start_on="2026-11-10", time_period=period)
    row = only(agency)
    assert (row.start_on, row.due_on, row.status) == (
        date(2026, 9, 30),
        date(2026, 9, 30),
        "missed",
    )


def test_an_own_due_date_before_the_periods_start_makes_s_equal_u(agency, acme):
    """metrics.md: S (the period's start, 2026-10-01) falls after U (own due_on 2026-09-15), so S = U.

    total = 0, so expected = 1; elapsed = 0, so projected is null; progress
    50 of 100 = 0.5 and pace = 0.5 / 1; today (11-20) is after U and the goal
    is short of its target: missed, with no days left.
    """
    period = agency.time_period("2026-10-01", "2026-12-31")
    leads(agency, acme, 50, due_on="2026-09-15", time_period=period)
    row = only(agency)
    assert (row.start_on, row.due_on) == (date(2026, 9, 15), date(2026, 9, 15))
    assert figures(row) == (0.5, 1.0, 0.5, None, 0, "missed")
    assert only(agency, today=date(2026, 9, 14)).status == "not started"


def test_own_due_date_with_the_period_start(agency, acme):
    period = agency.time_period("2026-10-01", "2026-12-31")
    leads(agency, acme, 50, due_on=U, time_period=period)
    row = only(agency)
    assert (row.start_on, row.due_on, row.expected) == (date(2026, 10, 1), date(2027, 1, 9), 0.5)


def test_without_start_or_period_the_goal_starts_90_days_before_due(agency, acme):
    leads(agency, acme, 50, due_on="2026-12-30")
    row = only(agency)
    assert (row.start_on, row.due_on) == (date(2026, 10, 1), date(2026, 12, 30))
    assert (row.expected, row.days_left) == (round(50 / 90, 4), 40)


def test_a_goal_without_due_date_or_period_has_no_dates(agency, acme):
    leads(agency, acme, 50, start_on=S)
    row = only(agency)
    assert (row.initial, row.current, row.target) == (0, 50, 100)
    assert (row.start_on, row.due_on) == (None, None)
    assert figures(row) == (None, None, None, None, None, "no dates")


def test_a_goal_without_a_metric_still_gets_expected_and_days_left(agency, acme):
    agency.goal(acme, "Launch the shop", start_on=S, due_on=U)
    row = only(agency)
    assert (row.initial, row.current, row.target, row.unit) == (None, None, None, None)
    assert figures(row) == (None, 0.5, None, None, 50, "no metric")


def test_a_metric_without_a_current_value_counts_as_no_metric(agency, acme):
    leads(agency, acme, None)
    assert only(agency).status == "no metric"


def test_start_equal_to_due_expects_everything(agency, acme):
    leads(agency, acme, 50, start_on="2026-11-20", due_on="2026-11-20")
    row = only(agency)
    assert figures(row) == (0.5, 1.0, 0.5, None, 0, "off track")
    assert only(agency, today=date(2026, 11, 19)).status == "not started"
    assert only(agency, today=date(2026, 11, 21)).status == "missed"


def test_the_asana_status_is_kept_beside_the_computed_one(agency, acme):
    agency.goal(acme, start_on=S, due_on=U, initial=0, current=50, target=100, status="red")
    row = only(agency)
    assert (row.status, row.asana_status) == ("on track", "red")


def test_a_goal_supported_by_two_clients_gives_a_row_per_client(agency):
    alpha, beta = agency.pod("Pod Alpha"), agency.pod("Pod Beta")
    acme, bolt = agency.client("Acme", alpha), agency.client("Bolt", beta)
    gid = leads(agency, [bolt, acme], 50)
    rows = pacing_report(agency.reader(), today=TODAY).goals
    assert [(row.goal_gid, row.client, row.pod, row.status) for row in rows] == [
        (gid, "Acme", "Pod Alpha", "on track"),
        (gid, "Bolt", "Pod Beta", "on track"),
    ]


def test_rows_by_client_then_due_date_then_name(agency):
    pod = agency.pod("Pod Alpha")
    zeta, acme = agency.client("Zeta", pod), agency.client("acme", pod)
    agency.goal(zeta, "Revenue", start_on=S, due_on=U)
    agency.goal(acme, "Undated")
    agency.goal(acme, "revenue", start_on=S, due_on=U)
    agency.goal(acme, "Leads", start_on=S, due_on=U)
    agency.goal(acme, "Early", start_on=S, due_on="2026-12-01")
    rows = pacing_report(agency.reader(), today=TODAY).goals
    assert [(row.client, row.name) for row in rows] == [
        ("acme", "Early"),
        ("acme", "Leads"),
        ("acme", "revenue"),
        ("acme", "Undated"),
        ("Zeta", "Revenue"),
    ]


def test_pod_and_client_filters(agency):
    alpha, beta = agency.pod("Pod Alpha"), agency.pod("Pod Beta")
    acme, bolt = agency.client("Acme", alpha), agency.client("Bolt", beta)
    leads(agency, acme, 50)
    leads(agency, [acme, bolt], 20)
    conn = agency.reader()
    assert [row.client for row in pacing_report(conn, today=TODAY, pod="Pod Beta").goals] == [
        "Bolt"
    ]
    assert [row.current for row in pacing_report(conn, today=TODAY, client="acme").goals] == [
        50,
        20,
    ]
    with pytest.raises(ScopeError):
        pacing_report(conn, today=TODAY, pod="Pod Gamma")


def test_goals_of_no_client_in_the_cache_are_left_out(agency, acme):
    leads(agency, "999", 50)
    assert pacing_report(agency.reader(), today=TODAY).goals == []


# --- the pure functions -------------------------------------------------------


def test_effective_window_rules():
    due, start = date(2027, 1, 9), date(2026, 10, 1)
    assert effective_window(start, due) == (start, due)
    assert effective_window(None, None, start, due) == (start, due)
    assert effective_window(None, due) == (date(2026, 10, 11), due)
    assert effective_window(start, None) == (None, None)
    assert effective_window(date(2027, 2, 1), due) == (due, due)


def test_goal_pace_gives_the_unrounded_figures():
    pace = goal_pace(date(2026, 10, 1), date(2027, 1, 9), 0, 100 / 3, 100, True, date(2026, 11, 20))
    assert pace.progress == pytest.approx(1 / 3)
    assert pace.pace == pytest.approx(2 / 3)
    assert pace.status == "off track"
