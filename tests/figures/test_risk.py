"""The at-risk score: each signal by hand, the rank order, ties, missing inputs."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from zoneinfo import ZoneInfo

import pytest

from podview.config import Config, TacticsConfig
from podview.figures.risk import last_four_weeks, risk_report
from podview.figures.risk_row import score_max

TODAY = date(2026, 11, 25)  # Wednesday of 2026-W48; the last four weeks are W44..W47 (Oct 26 – Nov 22)
UTC = ZoneInfo("UTC")


def ranking(agency, config=Config(), today=TODAY, **filters):
    return risk_report(agency.reader(), today=today, zone=UTC, config=config, **filters).clients


def reasons(agency, client_gid, **kw):
    return next(row.reasons for row in ranking(agency, **kw) if row.client_gid == client_gid)


@pytest.fixture
def pod(agency):
    return agency.pod("Pod Atlas")


def test_last_four_weeks_are_the_ended_weeks_before_this_one():
    assert [w.name for w in last_four_weeks(TODAY)] == ["2026-W44", "2026-W45", "2026-W46", "2026-W47"]


def test_a_quiet_client_scores_zero(agency, pod):
    calm = agency.client("Calm Co", pod, mrr=1000)
    row = ranking(agency)[0]
    assert (row.client_gid, row.score, row.reasons, row.rank) == (calm, 0, [], 1)


def test_goal_off_track_wins_over_at_risk_and_period_ending(agency, pod):
    c = agency.client("Acme", pod)
    # 90-day window Oct 1 .. Dec 15; on Nov 25: elapsed 55/75 = 0.7333 expected.
    agency.goal(c, "Leads", start_on="2026-10-01", due_on="2026-12-15", initial=0, current=20, target=100)  # pace 0.27 off track
    agency.goal(c, "ROAS", start_on="2026-10-01", due_on="2026-12-15", initial=0, current=58, target=100)  # pace 0.79 at risk
    assert reasons(agency, c) == ["goal_off_track", "period_ending"]  # Dec 15 is 20 days away


def test_goal_at_risk_alone_and_period_far_away(agency, pod):
    c = agency.client("Acme", pod)
    # expected = 55/92 = 0.5978, progress 0.5 → pace 0.8364; 37 days left
    agency.goal(c, "ROAS", start_on="2026-10-01", due_on="2027-01-01", initial=0, current=50, target=100)
    assert reasons(agency, c) == ["goal_at_risk"]


def test_missed_goal_counts_as_off_track(agency, pod):
    c = agency.client("Acme", pod)
    agency.goal(c, "Leads", start_on="2026-08-01", due_on="2026-10-30", initial=0, current=50, target=100)
    assert reasons(agency, c) == ["goal_off_track"]


def test_weekly_hit_rate_pooled_over_four_weeks(agency, pod):
    c = agency.client("Acme", pod)
    # Two hits, one late, one missed across W44..W47 → 2/4 = 0.5 < 0.7
    agency.task(c, "a", due_on="2026-10-30", completed_at="2026-10-29T10:00:00.000Z")
    agency.task(c, "b", due_on="2026-11-06", completed_at="2026-11-05T10:00:00.000Z")
    agency.task(c, "c", due_on="2026-11-13", completed_at="2026-11-17T10:00:00.000Z")
    agency.task(c, "d", due_on="2026-11-20")
    agency.task(c, "open this week", due_on="2026-11-27")  # this week: not in the window
    agency.task(c, "older", due_on="2026-10-23", completed_at="2026-10-22T10:00:00.000Z")  # W43: outside
    assert reasons(agency, c) == ["weekly_hit_rate_low"]


def test_hit_rate_at_exactly_07_does_not_fire_and_no_goals_does_not_fire(agency, pod):
    c = agency.client("Acme", pod)
    quiet = agency.client("Quiet", pod)
    for i in range(7):
        agency.task(c, f"hit {i}", due_on="2026-11-06", completed_at="2026-11-05T10:00:00.000Z")
    for i in range(3):
        agency.task(c, f"miss {i}", due_on="2026-11-06")
    assert reasons(agency, c) == []
    assert reasons(agency, quiet) == []


def test_three_postponements_fire_two_do_not(agency, pod):
    three = agency.client("Three", pod)
    two = agency.client("Two", pod)
    for i, client in enumerate([three, three, three, two, two]):
        # same-week postponement included (Mon → Fri of W46)
        agency.task(client, f"p{i}", due_on="2026-11-13", seen_due=("2026-11-09",), original_due="2026-11-09", postpone_reason="Client away",
                    completed_at="2026-11-12T10:00:00.000Z")
    assert reasons(agency, three) == ["postponements"]
    assert reasons(agency, two) == []


def test_unsanctioned_move_in_window_fires_deadline_moved(agency, pod):
    c = agency.client("Mover", pod)
    agency.task(c, "moved", due_on="2026-12-04", seen_due=("2026-11-20",))
    old = agency.client("Old mover", pod)
    agency.task(old, "moved long ago", due_on="2026-10-16", seen_due=("2026-10-09",), completed_at="2026-10-15T10:00:00.000Z")
    assert "deadline_moved" in reasons(agency, c)
    assert "deadline_moved" not in reasons(agency, old)


def test_recreation_created_in_window_fires_deadline_moved(agency, pod):
    c = agency.client("Recreator", pod)
    agency.task(c, "Launch promo", due_on="2026-10-09", created_at="2026-10-05T10:00:00.000Z")
    agency.task(c, " launch  PROMO", due_on="2026-11-20", created_at="2026-11-16T10:00:00.000Z", completed_at="2026-11-19T10:00:00.000Z")
    assert reasons(agency, c) == ["deadline_moved"]


def test_loss_streak_uses_the_configured_confidence(agency, pod):
    c = agency.client("Loser", pod)
    designer = agency.user("Dee")
    agency.task(c, "w", "tactic", result="win", completed_at="2026-09-01T10:00:00.000Z", assignee=designer)
    for i, confidence in enumerate([96, 97, 94]):
        agency.task(c, f"l{i}", "tactic", result="loss", confidence=confidence, completed_at=f"2026-09-0{i + 2}T10:00:00.000Z")
    assert "loss_streak" not in reasons(agency, c)  # the 94 % loss is inconclusive: streak 2
    lenient = replace(Config(), tactics=TacticsConfig(confidence=90))
    assert "loss_streak" in reasons(agency, c, config=lenient)


def test_new_client_boundaries(agency, pod):
    day90 = agency.client("Signed 90 days ago", pod, client_since="2026-08-27")
    day91 = agency.client("Signed 91 days ago", pod, client_since="2026-08-26")
    future = agency.client("Signs next week", pod, client_since="2026-12-01")
    assert reasons(agency, day90) == ["new_client"]
    assert reasons(agency, day91) == []
    assert reasons(agency, future) == []


def test_status_red_and_yellow(agency, pod):
    red = agency.client("Red", pod, status="off_track")
    yellow = agency.client("Yellow", pod, status="at_risk")
    hold = agency.client("Hold", pod, status="on_hold")
    assert reasons(agency, red) == ["status_red"]
    assert reasons(agency, yellow) == ["status_yellow"]
    assert reasons(agency, hold) == []


def test_spend_pacing_against_the_day_of_the_month(agency, pod):
    # Nov 25: X = 30,000 × 25/30 = 25,000; the band is ±3,750.
    inside = agency.client("Inside", pod, monthly_budget=30000, spend_mtd=28750)
    over = agency.client("Over", pod, monthly_budget=30000, spend_mtd=28751)
    under = agency.client("Under", pod, monthly_budget=30000, spend_mtd=21000)
    missing = agency.client("No spend", pod, monthly_budget=30000)
    assert reasons(agency, inside) == []
    assert reasons(agency, over) == ["spend_pacing"]
    assert reasons(agency, under) == ["spend_pacing"]
    assert reasons(agency, missing) == []


def test_cpa_high_is_strictly_above_120_percent(agency, pod):
    at = agency.client("At", pod, cpa=36, target_cpa=30)
    above = agency.client("Above", pod, cpa=36.01, target_cpa=30)
    no_target = agency.client("No target", pod, cpa=99)
    assert reasons(agency, at) == []
    assert reasons(agency, above) == ["cpa_high"]
    assert reasons(agency, no_target) == []


def test_score_is_the_sum_of_weights_and_reasons_keep_table_order(agency, pod):
    c = agency.client("Everything", pod, status="off_track", cpa=50, target_cpa=30, client_since="2026-11-01")
    row = next(r for r in ranking(agency) if r.client_gid == c)
    assert row.reasons == ["new_client", "status_red", "cpa_high"]
    assert row.score == 10 + 15 + 10
    heavy = replace(Config(), risk_weights={**Config().risk_weights, "status_red": 50})
    assert next(r for r in ranking(agency, config=heavy) if r.client_gid == c).score == 70


def test_rank_ties_break_by_mrr_then_name_then_gid(agency, pod):
    big = agency.client("Zed", pod, gid="9", status="off_track", mrr=20000)
    small = agency.client("Alpha", pod, gid="5", status="off_track", mrr=5000)
    no_mrr = agency.client("Aardvark", pod, gid="4", status="off_track")
    b_lower = agency.client("beta", pod, gid="3", status="off_track", mrr=5000)
    b_upper = agency.client("Beta", pod, gid="2", status="off_track", mrr=5000)
    calm = agency.client("Calm", pod, gid="1", mrr=99999)
    order = [(r.rank, r.client_gid) for r in ranking(agency)]
    assert order == [(1, big), (2, small), (3, b_upper), (4, b_lower), (5, no_mrr), (6, calm)]


def test_filters_limit_the_ranking(agency, pod):
    other = agency.pod("Pod Beacon")
    agency.client("Atlas client", pod)
    mine = agency.client("Beacon client", other, status="off_track")
    rows = ranking(agency, pod="pod beacon")
    assert [(r.client_gid, r.pod, r.rank) for r in rows] == [(mine, "Pod Beacon", 1)]


def test_the_highest_possible_score_counts_one_of_each_exclusive_pair():
    # 30 (goal off track, not also at risk) + 15 hit rate + 10 × 4 (postponements, deadline moved,
    # loss streak, new client) + 15 (red, not also yellow) + 10 × 3 (spend, CPA, period ending)
    assert score_max(Config().risk_weights) == 30 + 15 + 40 + 15 + 30 == 130
    custom = {name: 0 for name in Config().risk_weights} | {
        "goal_off_track": 20, "goal_at_risk": 45, "status_red": 5, "status_yellow": 12, "cpa_high": 3,
    }
    assert score_max(custom) == 45 + 12 + 3
    assert score_max({name: 0 for name in Config().risk_weights}) == 0
