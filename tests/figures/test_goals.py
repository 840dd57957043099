"""The per-goal rules: how a deadline moved, which weeks count a goal, its status in a week.

Week 2026-W47 runs Monday 2026-11-16 to Sunday 2026-11-22; W48 follows.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from podview.dates import Week
from podview.figures.goals import (
    DEADLINE_MOVED,
    POSTPONED,
    Counted,
    GoalDates,
    counted_weeks,
    deadline_kind,
    goal_status,
)

UTC = ZoneInfo("UTC")
NEW_YORK = ZoneInfo("America/New_York")
W47 = Week.parse("2026-W47")
W48 = Week.parse("2026-W48")
DURING_W47 = date(2026, 11, 18)
AFTER_W47 = date(2026, 11, 23)


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def goal(
    due: str | None,
    fixed: str | None = None,
    *,
    reason=None,
    original=None,
    done: str | None = None,
) -> GoalDates:
    return GoalDates(
        due_on=date.fromisoformat(due) if due else None,
        fixed_due_on=date.fromisoformat(fixed or due) if (fixed or due) else None,
        original_due=date.fromisoformat(original) if original else None,
        postpone_reason=reason,
        completed=done is not None,
        completed_at=utc(done) if done else None,
    )


@pytest.mark.parametrize(
    ("due", "fixed", "original", "reason", "expected"),
    [
        ("2026-11-20", "2026-11-20", None, None, None),
        ("2026-11-20", "2026-11-20", None, "Client on holiday", None),
        ("2026-11-27", "2026-11-20", None, "Client on holiday", POSTPONED),
        ("2026-11-27", "2026-11-20", "2026-11-20", "Client on holiday", POSTPONED),
        ("2026-11-27", "2026-11-18", "2026-11-20", "Client on holiday", DEADLINE_MOVED),
        ("2026-11-27", "2026-11-20", None, None, DEADLINE_MOVED),
        ("2026-11-27", "2026-11-20", None, "", DEADLINE_MOVED),
        ("2026-11-27", "2026-11-20", "", "  \t\n ", DEADLINE_MOVED),
        ("2026-11-27", "2026-11-20", "", "  waiting on assets ", POSTPONED),
        (None, "2026-11-20", None, "Client on holiday", None),
    ],
    ids=[
        "not moved",
        "reason but not moved",
        "reason, Original due empty",
        "reason, Original due = F",
        "reason, Original due later than F (laundered silent move)",
        "no reason",
        "empty reason",
        "whitespace reason",
        "reason with spaces around it, Original due blank text",
        "no due date",
    ],
)
def test_deadline_kind(due, fixed, original, reason, expected):
    assert deadline_kind(due, fixed, original, reason) == expected


def test_deadline_kind_takes_dates_as_well_as_cache_text():
    assert deadline_kind(date(2026, 11, 27), "2026-11-20", date(2026, 11, 20), "ok") == POSTPONED


@pytest.mark.parametrize(
    ("dates", "today", "expected"),
    [
        (goal("2026-11-27", "2026-11-20", reason="Client away"), AFTER_W47, "postponed"),
        (goal("2026-11-20", done="2026-11-20T15:00:00"), AFTER_W47, "hit"),
        (goal("2026-11-20", done="2026-11-24T15:00:00"), AFTER_W47, "late"),
        (goal("2026-11-20"), AFTER_W47, "missed"),
        (goal("2026-11-20"), DURING_W47, "open"),
    ],
    ids=["postponed", "hit", "late", "missed", "open"],
)
def test_each_row_of_the_status_table(dates, today, expected):
    assert goal_status(dates, W47, today=today, zone=UTC) == expected


def test_postponed_wins_over_completed_in_the_week_of_f_and_the_completion_counts_in_the_week_of_d():
    dates = goal("2026-11-27", "2026-11-20", reason="Client away", done="2026-11-26T10:00:00")
    assert goal_status(dates, W47, today=AFTER_W47, zone=UTC) == "postponed"
    assert goal_status(dates, W48, today=AFTER_W47, zone=UTC) == "hit"


def test_a_week_is_still_open_on_its_sunday_and_missed_from_monday():
    dates = goal("2026-11-20")
    assert goal_status(dates, W47, today=date(2026, 11, 22), zone=UTC) == "open"
    assert goal_status(dates, W47, today=date(2026, 11, 23), zone=UTC) == "missed"


def test_sunday_2330_in_new_york_is_a_hit_though_it_is_monday_in_utc():
    dates = goal("2026-11-20", done="2026-11-23T04:30:00")
    assert goal_status(dates, W47, today=AFTER_W47, zone=NEW_YORK) == "hit"
    assert goal_status(dates, W47, today=AFTER_W47, zone=UTC) == "late"


@pytest.mark.parametrize(
    ("done", "expected"),
    [("2026-11-23T04:59:59.999000", "hit"), ("2026-11-23T05:00:00", "late")],
    ids=["last millisecond of Sunday", "Monday 00:00 local"],
)
def test_hit_turns_late_at_the_exact_end_of_the_local_week(done, expected):
    assert (
        goal_status(goal("2026-11-20", done=done), W47, today=AFTER_W47, zone=NEW_YORK) == expected
    )


def test_a_completion_without_a_timestamp_cannot_be_late():
    dates = GoalDates(due_on=date(2026, 11, 20), fixed_due_on=date(2026, 11, 20), completed=True)
    assert goal_status(dates, W47, today=AFTER_W47, zone=UTC) == "hit"


def test_a_goal_counts_in_the_week_of_f():
    assert counted_weeks(goal("2026-11-20")) == [Counted(W47, False)]


def test_a_postponement_into_a_later_week_also_counts_there_as_carried_over():
    dates = goal("2026-11-27", "2026-11-20", reason="Client away")
    assert counted_weeks(dates) == [Counted(W47, False), Counted(W48, True)]


def test_a_postponement_within_one_week_counts_normally_in_that_week():
    dates = goal("2026-11-21", "2026-11-18", reason="Client away", done="2026-11-21T12:00:00")
    assert dates.kind == POSTPONED
    assert counted_weeks(dates) == [Counted(W47, False)]
    assert goal_status(dates, W47, today=AFTER_W47, zone=UTC) == "hit"


def test_an_unsanctioned_move_counts_only_in_the_week_of_f_and_is_missed_there():
    dates = goal("2026-11-27", "2026-11-20")
    assert dates.kind == DEADLINE_MOVED
    assert counted_weeks(dates) == [Counted(W47, False)]
    assert goal_status(dates, W47, today=AFTER_W47, zone=UTC) == "missed"


def test_a_goal_without_a_due_date_counts_in_no_week():
    assert counted_weeks(GoalDates(due_on=None, fixed_due_on=date(2026, 11, 20))) == []


def test_reading_a_row_takes_f_as_d_when_the_cache_has_no_fixed_deadline():
    row = {
        "due_on": "2026-11-20",
        "fixed_due_on": None,
        "original_due": "",
        "postpone_reason": None,
        "completed": 0,
        "completed_at": "2026-11-20T12:00:00.000Z",
    }
    dates = GoalDates.from_row(row)
    assert dates.fixed_due_on == date(2026, 11, 20)
    assert dates.original_due is None
    assert (dates.completed, dates.completed_at) == (False, None)
