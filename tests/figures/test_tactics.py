"""Tactic tallies, win rates with their Wilson interval, and loss streaks, computed by hand."""

from __future__ import annotations

import math
from datetime import date
from zoneinfo import ZoneInfo

import pytest

from podview.figures.common import ScopeError
from podview.figures.tactics import NO_KIND, loss_streaks, tactics_report, tally, wilson_interval

UTC = ZoneInfo("UTC")
TODAY = date(2026, 11, 23)
SINCE = date(2026, 11, 1)
IN_WINDOW = "2026-11-10T12:00:00.000Z"


def report(agency, confidence=95.0, since=SINCE, zone=UTC, **scope):
    return tactics_report(
        agency.reader(), since=since, confidence=confidence, today=TODAY, zone=zone, **scope
    )


def counts(row):
    return (row.running, row.win, row.loss, row.inconclusive)


def tactic(agency, client, result=None, confidence=None, completed_at=IN_WINDOW, **kwargs):
    """A tactic of kind Ad copy completed in the window unless told otherwise."""
    kwargs.setdefault("tactic", "Ad copy")
    return agency.task(
        client,
        "Test",
        kind="tactic",
        result=result,
        confidence=confidence,
        completed_at=completed_at,
        **kwargs,
    )


@pytest.fixture
def acme(agency):
    return agency.client("Acme", agency.pod("Pod Alpha"))


def independent_wilson(wins, n, z=1.96):
    """Bounds as the roots of the defining quadratic (n + z²)p² − (2·wins + z²)p + wins²/n = 0."""
    a = n + z * z
    b = -(2 * wins + z * z)
    c = wins * wins / n
    root = math.sqrt(b * b - 4 * a * c)
    return [(-b - root) / (2 * a), (-b + root) / (2 * a)]


# --- the tally table -------------------------------------------------------


@pytest.mark.parametrize(
    ("result", "confidence", "expected"),
    [
        (None, None, "running"),
        ("", 99.0, "running"),
        ("win", None, "win"),
        ("win", 95.0, "win"),
        ("win", 94.99, "inconclusive"),
        ("loss", None, "loss"),
        ("loss", 99.5, "loss"),
        ("loss", 60.0, "inconclusive"),
        ("inconclusive", None, "inconclusive"),
        ("inconclusive", 99.0, "inconclusive"),
    ],
)
def test_tally_follows_the_table(result, confidence, expected):
    assert tally(result, confidence, 95.0) == expected


def test_every_tally_column_is_counted_on_the_client_row(agency, acme):
    tactic(agency, acme, completed_at=None, created_at=IN_WINDOW)
    tactic(agency, acme, "win", None)
    tactic(agency, acme, "win", 99.0)
    tactic(agency, acme, "loss", 97.0)
    tactic(agency, acme, "inconclusive", None)
    tactic(agency, acme, "loss", 50.0)
    (row,) = report(agency).rows
    assert (row.client, row.client_gid, row.pod, row.tactic) == (
        "Acme",
        acme,
        "Pod Alpha",
        "Ad copy",
    )
    assert counts(row) == (1, 2, 1, 2)
    assert row.win_rate == pytest.approx(0.6667)


def test_confidence_exactly_at_the_threshold_counts_and_just_below_does_not(agency, acme):
    tactic(agency, acme, "win", 95.0)
    tactic(agency, acme, "loss", 94.9)
    (row,) = report(agency).rows
    assert (row.win, row.loss, row.inconclusive) == (1, 0, 1)


def test_an_empty_confidence_counts_whatever_the_threshold(agency, acme):
    tactic(agency, acme, "win", None)
    tactic(agency, acme, "loss", None)
    (row,) = report(agency, confidence=99.9).rows
    assert (row.win, row.loss, row.inconclusive) == (1, 1, 0)


@pytest.mark.parametrize(
    ("threshold", "wins", "inconclusive"), [(90, 4, 1), (95, 3, 2), (99, 2, 3)]
)
def test_raising_the_threshold_turns_wins_into_inconclusives(
    agency, acme, threshold, wins, inconclusive
):
    for confidence in (None, 89.0, 90.0, 95.0, 99.0):
        tactic(agency, acme, "win", confidence)
    (row,) = report(agency, confidence=threshold).rows
    assert (row.win, row.inconclusive) == (wins, inconclusive)


def test_win_rate_and_interval_are_null_without_decided_tactics(agency, acme):
    tactic(agency, acme, None)
    tactic(agency, acme, "inconclusive")
    tactic(agency, acme, "win", 10.0)
    (row,) = report(agency).rows
    assert counts(row) == (1, 0, 0, 2)
    assert row.win_rate is None
    assert row.win_rate_ci is None


def test_win_rate_counts_only_wins_and_losses(agency, acme):
    for result in ("win", "loss", "loss", "loss", "inconclusive", None):
        tactic(agency, acme, result)
    (row,) = report(agency).rows
    assert row.win_rate == 0.25
    assert row.win_rate_ci == [round(bound, 4) for bound in independent_wilson(1, 4)]


# --- Wilson interval -------------------------------------------------------


def test_two_wins_of_two_is_not_a_sure_thing():
    assert wilson_interval(2, 2) == [0.3424, 1.0]


def test_no_decided_tactic_has_no_interval():
    assert wilson_interval(0, 0) is None


def test_five_of_ten_matches_the_defining_quadratic():
    low, high = independent_wilson(5, 10)
    assert wilson_interval(5, 10) == [round(low, 4), round(high, 4)] == [0.2366, 0.7634]


@pytest.mark.parametrize(("wins", "n"), [(0, 3), (1, 7), (9, 10), (37, 50)])
def test_interval_matches_the_quadratic_elsewhere(wins, n):
    assert wilson_interval(wins, n) == [round(bound, 4) for bound in independent_wilson(wins, n)]


def test_zero_wins_starts_the_interval_at_zero():
    assert wilson_interval(0, 3)[0] == 0.0


def test_two_of_two_on_the_report(agency, acme):
    tactic(agency, acme, "win")
    tactic(agency, acme, "win")
    (row,) = report(agency).rows
    assert (row.win_rate, row.win_rate_ci) == (1.0, [0.3424, 1.0])


def test_impossible_counts_are_refused():
    with pytest.raises(ValueError):
        wilson_interval(3, 2)


# --- the since window ------------------------------------------------------


def test_since_is_a_local_date_west_of_utc(agency, acme):
    new_york = ZoneInfo("America/New_York")
    tactic(agency, acme, "win", completed_at="2026-11-01T03:30:00.000Z")  # Oct 31, 23:30 EDT: out
    tactic(agency, acme, "loss", completed_at="2026-11-01T04:30:00.000Z")  # Nov 1, 00:30 EDT: in
    (row,) = report(agency, zone=new_york).rows
    assert (row.win, row.loss) == (0, 1)
    (utc_row,) = report(agency, zone=UTC).rows
    assert (utc_row.win, utc_row.loss) == (1, 1)


def test_since_is_a_local_date_east_of_utc(agency, acme):
    berlin = ZoneInfo("Europe/Berlin")
    tactic(agency, acme, "win", completed_at="2026-10-31T23:30:00.000Z")  # Nov 1, 00:30 CET: in
    tactic(agency, acme, "loss", completed_at="2026-10-31T22:30:00.000Z")  # Oct 31, 23:30 CET: out
    (row,) = report(agency, zone=berlin).rows
    assert (row.win, row.loss) == (1, 0)
    assert report(agency, zone=UTC).rows == []


def test_running_tactics_are_dated_by_creation_completed_ones_by_completion(agency, acme):
    tactic(agency, acme, None, completed_at=None, created_at="2026-11-05T09:00:00.000Z")
    tactic(agency, acme, None, completed_at=None, created_at="2026-10-05T09:00:00.000Z")
    tactic(
        agency,
        acme,
        "win",
        completed_at="2026-11-05T09:00:00.000Z",
        created_at="2026-09-01T09:00:00.000Z",
    )
    tactic(
        agency,
        acme,
        "loss",
        completed_at="2026-10-30T09:00:00.000Z",
        created_at="2026-11-02T09:00:00.000Z",
    )
    (row,) = report(agency).rows
    assert counts(row) == (1, 1, 0, 0)
    assert report(agency).since == SINCE


# --- kinds, designers, pods -------------------------------------------------


def test_rows_per_kind_with_blank_kinds_grouped_as_none_and_listed_last(agency, acme):
    tactic(agency, acme, "win", tactic=None)
    tactic(agency, acme, "loss", tactic="   ")
    tactic(agency, acme, "win", tactic="Offer")
    tactic(agency, acme, "win", tactic="  Audience ")
    tactic(agency, acme, "loss", tactic="Audience")
    rows = report(agency).rows
    assert [(row.tactic, row.win, row.loss) for row in rows] == [
        ("Audience", 1, 1),
        ("Offer", 1, 0),
        (NO_KIND, 1, 1),
    ]
    assert NO_KIND == "(none)"


def test_per_designer_with_unassigned_as_a_null_name(agency, acme):
    zoe = agency.user("Zoe")
    adam = agency.user("adam")
    tactic(agency, acme, "win", assignee=zoe)
    tactic(agency, acme, "loss", assignee=zoe)
    tactic(agency, acme, "win", assignee=adam)
    tactic(agency, acme, None, assignee=None)
    designers = report(agency).by_designer
    assert [(row.name, *counts(row)) for row in designers] == [
        ("adam", 0, 1, 0, 0),
        ("Zoe", 0, 1, 1, 0),
        (None, 1, 0, 0, 0),
    ]
    assert designers[1].win_rate == 0.5
    assert designers[2].win_rate is None


def test_per_pod_and_rows_in_client_order(agency):
    alpha, beta = agency.pod("Pod Alpha"), agency.pod("Pod Beta")
    zeta = agency.client("Zeta", alpha)
    acme = agency.client("acme", beta)
    bolt = agency.client("Bolt", alpha)
    tactic(agency, zeta, "win")
    tactic(agency, bolt, "loss")
    tactic(agency, acme, "win")
    tactic(agency, acme, "win", tactic="Offer")
    result = report(agency)
    assert [(row.client, row.tactic) for row in result.rows] == [
        ("acme", "Ad copy"),
        ("acme", "Offer"),
        ("Bolt", "Ad copy"),
        ("Zeta", "Ad copy"),
    ]
    assert [(row.name, row.win, row.loss, row.win_rate) for row in result.by_pod] == [
        ("Pod Alpha", 1, 1, 0.5),
        ("Pod Beta", 2, 0, 1.0),
    ]


def test_only_tactics_count(agency, acme):
    agency.task(acme, "Weekly", kind="weekly_goal", completed_at=IN_WINDOW, result="win")
    assert report(agency).rows == []


def test_pod_and_client_filters(agency):
    alpha, beta = agency.pod("Pod Alpha"), agency.pod("Pod Beta")
    acme, bolt = agency.client("Acme", alpha), agency.client("Bolt", beta)
    tactic(agency, acme, "win")
    tactic(agency, bolt, "loss")
    assert [row.client for row in report(agency, pod="pod beta").rows] == ["Bolt"]
    assert [row.client for row in report(agency, client=acme).rows] == ["Acme"]
    assert [row.name for row in report(agency, client="Acme").by_pod] == ["Pod Alpha"]
    with pytest.raises(ScopeError):
        report(agency, client="Nobody")


# --- loss streaks ------------------------------------------------------------


def completed(day):
    return f"2026-11-{day:02d}T10:00:00.000Z"


def test_three_losses_after_a_win(agency, acme):
    for day, result in [(2, "win"), (3, "loss"), (4, "loss"), (5, "loss")]:
        tactic(agency, acme, result, completed_at=completed(day))
    assert loss_streaks(agency.reader(), confidence=95) == {acme: 3}
    assert {row.loss_streak for row in report(agency).rows} == {3}


def test_inconclusive_ones_neither_count_nor_break(agency, acme):
    results = [
        (2, "win", None),
        (3, "loss", None),
        (4, "inconclusive", None),
        (5, "loss", 50.0),
        (6, "loss", None),
    ]
    for day, result, confidence in results:
        tactic(agency, acme, result, confidence, completed_at=completed(day))
    tactic(agency, acme, None, completed_at=completed(7))
    assert loss_streaks(agency.reader(), confidence=95)[acme] == 2
    assert loss_streaks(agency.reader(), confidence=50)[acme] == 3


def test_a_win_in_the_middle_ends_the_streak(agency, acme):
    for day, result in [(2, "loss"), (3, "loss"), (4, "win"), (5, "loss")]:
        tactic(agency, acme, result, completed_at=completed(day))
    assert loss_streaks(agency.reader(), confidence=95)[acme] == 1


def test_the_latest_being_a_win_means_no_streak(agency, acme):
    for day, result in [(2, "loss"), (3, "loss"), (4, "win")]:
        tactic(agency, acme, result, completed_at=completed(day))
    assert loss_streaks(agency.reader(), confidence=95)[acme] == 0


def test_ties_on_completed_at_go_by_gid_numerically_higher_is_later(agency, acme):
    tactic(agency, acme, "loss", completed_at=completed(3), gid="10")
    tactic(agency, acme, "win", completed_at=completed(3), gid="9")
    assert loss_streaks(agency.reader(), confidence=95)[acme] == 1


def test_order_is_by_instant_not_by_text(agency, acme):
    tactic(agency, acme, "win", completed_at="2026-11-03T10:00:00.500Z")
    tactic(agency, acme, "loss", completed_at="2026-11-03T10:00:00Z")
    assert loss_streaks(agency.reader(), confidence=95)[acme] == 0


def test_the_streak_looks_beyond_since_and_ignores_unfinished_tactics(agency, acme):
    tactic(agency, acme, "win", completed_at="2026-06-01T10:00:00.000Z")
    tactic(agency, acme, "loss", completed_at="2026-07-01T10:00:00.000Z")
    tactic(agency, acme, "loss", completed_at="2026-08-01T10:00:00.000Z")
    tactic(agency, acme, "loss", completed_at=completed(5))
    tactic(agency, acme, "win", completed_at=None, created_at=completed(6))
    (row,) = report(agency).rows
    assert (row.loss, row.running, row.loss_streak) == (1, 0, 3)


def test_the_streak_is_repeated_on_every_row_of_the_client(agency, acme):
    tactic(agency, acme, "loss", tactic="Offer", completed_at=completed(3))
    tactic(agency, acme, None, tactic="Audience", completed_at=None, created_at=completed(4))
    assert [(row.tactic, row.loss_streak) for row in report(agency).rows] == [
        ("Audience", 1),
        ("Offer", 1),
    ]


def test_clients_without_tactics_have_no_streak(agency, acme):
    quiet = agency.client("Quiet", agency.pod("Pod Beta"))
    tactic(agency, acme, "loss", completed_at=completed(3))
    assert loss_streaks(agency.reader(), confidence=95) == {acme: 1, quiet: 0}
    assert loss_streaks(agency.reader(), confidence=95, client_gids=[quiet]) == {quiet: 0}
