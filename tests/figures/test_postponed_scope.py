"""One set per scope: moves counted by their fixed deadline's week, re-creations by their local creation day.

Today is Wednesday 2026-11-25, in W48 (Mon 23 – Sun 29 Nov). Last week, W47,
is 16–22 Nov; the last 4 weeks are W44–W47, Mon 26 Oct – Sun 22 Nov.
"""

from __future__ import annotations

from datetime import date, timedelta
from zoneinfo import ZoneInfo

import pytest

from podview.dates import Week
from podview.figures.postponed import postponed_report
from podview.figures.postponed_scope import (
    ALL,
    LAST_4_WEEKS,
    LAST_AND_THIS_WEEK,
    SCOPES,
    THIS_WEEK,
    scope_span,
    scoped,
)
from podview.figures.risk import last_four_weeks
from podview.figures.weekly import weekly_report
from podview.words import POSTPONED_SCOPES, SHORT_POSTPONED_SCOPES

NEW_YORK = ZoneInfo("America/New_York")
TODAY = date(2026, 11, 25)

BORDERS = {
    "2026-10-25": set(),  # Sunday of W43: before the last 4 weeks
    "2026-10-26": {LAST_4_WEEKS},  # Monday of W44: their first day
    "2026-11-15": {LAST_4_WEEKS},  # Sunday of W46: not last week yet
    "2026-11-16": {LAST_4_WEEKS, LAST_AND_THIS_WEEK},  # Monday of last week
    "2026-11-22": {LAST_4_WEEKS, LAST_AND_THIS_WEEK},  # Sunday of last week
    "2026-11-23": {THIS_WEEK, LAST_AND_THIS_WEEK},  # Monday of this week
    "2026-11-29": {THIS_WEEK, LAST_AND_THIS_WEEK},  # Sunday of this week
    "2026-11-30": set(),  # next week's Monday
}
"""A fixed deadline on each side of every scope's borders, and the scopes (besides `all`) it is in."""


def later(day: str, days: int = 7) -> str:
    return (date.fromisoformat(day) + timedelta(days=days)).isoformat()


@pytest.fixture
def moves(shop):
    """One postponement and one silent move per border day, and a goal re-created on Sunday night."""
    for day in BORDERS:
        shop.agency.task(
            shop.acme, f"Postponed {day}", due_on=later(day), seen_due=(day,), postpone_reason="Copy"
        )
        shop.agency.task(shop.birch, f"Moved {day}", due_on=later(day), seen_due=(day,))
    shop.agency.task(shop.cedar, "Brief", due_on="2026-11-13", created_at="2026-11-02T14:00:00Z")
    shop.agency.task(
        shop.cedar, "Brief", due_on="2026-11-27", created_at="2026-11-23T03:30:00Z"
    )  # 22:30 on Sunday 22 November in New York: last week there, this week in UTC
    return postponed_report(shop.agency.reader(), today=TODAY, zone=NEW_YORK)


@pytest.mark.parametrize("scope", [THIS_WEEK, LAST_4_WEEKS, LAST_AND_THIS_WEEK])
def test_a_move_is_in_a_scope_when_its_fixed_deadline_is(moves, scope):
    within = scoped(moves, scope, TODAY)
    expected = {day for day, scopes in BORDERS.items() if scope in scopes}
    assert {row.fixed_due_on.isoformat() for row in within.postponed} == expected
    assert {row.fixed_due_on.isoformat() for row in within.deadline_moved} == expected
    assert within.problems == moves.problems


def test_a_recreation_is_in_a_scope_by_its_local_creation_day(moves):
    [recreated] = moves.recreated
    assert recreated.created_at.date() == date(2026, 11, 22)
    found = {scope: len(scoped(moves, scope, TODAY).recreated) for scope in SCOPES}
    assert found == {THIS_WEEK: 0, LAST_4_WEEKS: 1, LAST_AND_THIS_WEEK: 1, ALL: 1}


def test_all_is_the_whole_ledger(moves):
    assert scoped(moves, ALL, TODAY) == moves
    assert len(moves.postponed) == len(moves.deadline_moved) == len(BORDERS)


def test_any_day_of_the_week_gives_the_same_spans():
    monday = Week.of(TODAY).monday
    for offset in range(7):
        day = monday + timedelta(days=offset)
        assert [scope_span(scope, day) for scope in SCOPES] == [
            scope_span(scope, TODAY) for scope in SCOPES
        ]


def test_the_last_4_weeks_are_the_risk_scores_window():
    weeks = last_four_weeks(TODAY)
    assert scope_span(LAST_4_WEEKS, TODAY) == (weeks[0].monday, weeks[-1].sunday)


def test_this_week_is_what_the_weekly_report_counts_postponed(moves, shop):
    """Every border postponement moves a week later, so none is a same-week one the week's status leaves out."""
    week = weekly_report(shop.agency.reader(), week=Week.of(TODAY), today=TODAY, zone=NEW_YORK)
    [acme] = [row for row in week.totals["client"] if row.name == "Acme"]
    assert acme.postponed == len(scoped(moves, THIS_WEEK, TODAY).postponed) == 2


def test_every_scope_has_a_label_and_a_short_one():
    assert set(POSTPONED_SCOPES) == set(SHORT_POSTPONED_SCOPES) == set(SCOPES)
    assert POSTPONED_SCOPES[LAST_4_WEEKS] == "last 4 weeks" and POSTPONED_SCOPES[ALL] == "all"
    with pytest.raises(ValueError, match="no postponement scope"):
        scope_span("fortnight", TODAY)
