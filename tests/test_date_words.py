"""The one date style: what a person reads for a day, a move, a period and a moment."""

from __future__ import annotations

from datetime import date, datetime

from podview.date_words import dated, day, moment, move, period, week_span
from podview.dates import Week

TODAY = date(2026, 11, 25)


def test_a_day_has_its_weekday_and_no_leading_zero():
    assert day(date(2026, 12, 2), TODAY) == "Wed 2 Dec"
    assert day(date(2026, 11, 25), TODAY) == "Wed 25 Nov"


def test_a_year_is_written_only_when_it_is_not_todays_or_is_asked_for():
    assert day(date(2025, 12, 2), TODAY) == "2 Dec 2025"
    assert day(date(2027, 1, 4), TODAY) == "4 Jan 2027"
    assert day(date(2026, 12, 2), TODAY, year=True) == "2 Dec 2026"
    assert dated(date(2026, 8, 7)) == "7 Aug 2026"


def test_a_moment_is_a_day_and_a_time():
    assert moment(datetime(2026, 12, 2, 14, 5), TODAY) == "Wed 2 Dec 14:05"
    assert moment(datetime(2025, 12, 2, 9, 0), TODAY) == "2 Dec 2025 09:00"


def test_a_move_names_both_days_and_the_year_once_or_when_it_changes():
    assert move(date(2026, 11, 25), date(2026, 12, 2), TODAY) == "25 Nov → 2 Dec"
    assert move(date(2026, 11, 5), date(2026, 11, 12), TODAY) == "5 Nov → 12 Nov"
    assert move(date(2026, 12, 28), date(2027, 1, 4), TODAY) == "28 Dec 2026 → 4 Jan 2027"
    assert move(date(2025, 3, 2), date(2025, 3, 9), TODAY) == "2 Mar → 9 Mar 2025"


def test_a_period_says_each_part_once():
    assert period(date(2026, 11, 23), date(2026, 11, 29), TODAY) == "23–29 Nov"
    assert period(date(2026, 11, 30), date(2026, 12, 6), TODAY) == "30 Nov – 6 Dec"
    assert period(date(2026, 12, 28), date(2027, 1, 3), TODAY) == "28 Dec 2026 – 3 Jan 2027"
    assert period(date(2025, 11, 24), date(2025, 11, 30), TODAY) == "24–30 Nov 2025"


def test_a_week_is_said_by_its_days_never_its_iso_name():
    assert week_span(Week.parse("2026-W48"), Week.parse("2026-W48"), TODAY) == "23–29 Nov"
    assert week_span("2026-W44", "2026-W47", TODAY) == "26 Oct – 22 Nov"
    assert week_span("2026-W53", "2026-W53", TODAY) == "28 Dec 2026 – 3 Jan 2027"
