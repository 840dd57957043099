"""The demo staff have habits People can see: every coaching signal fires, and the best plan by Monday.

Read through podview's own People figures (figures/people.py) on the demo
cache, on the date the screen tests use and on each day of one week (the
demo is dated relative to today, so any date is one of these weekdays), so a
generator change that flattens the staff again fails here.
"""

from __future__ import annotations

from datetime import date, timedelta
from zoneinfo import ZoneInfo

import pytest

from podview.cache import open_reader
from podview.config import Config
from podview.demo.build import build_demo_cache
from podview.figures.people import COACH_SIGNALS, PeopleReport, people_report

TODAY = date(2026, 11, 25)
ZONE = ZoneInfo("America/New_York")
CONFIG = Config(timezone="America/New_York")
WEEK = [TODAY + timedelta(days=offset) for offset in range(-3, 4)]


def _people(tmp_path_factory, today: date) -> PeopleReport:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    build_demo_cache(path, today=today, config=CONFIG)
    conn = open_reader(path)
    try:
        return people_report(conn, today=today, zone=ZONE)
    finally:
        conn.close()


@pytest.fixture(scope="module")
def people(tmp_path_factory) -> PeopleReport:
    return _people(tmp_path_factory, TODAY)


@pytest.fixture(scope="module", params=WEEK, ids=lambda day: day.strftime("%a"))
def any_day(request, tmp_path_factory) -> PeopleReport:
    return _people(tmp_path_factory, request.param)


def _who(report: PeopleReport, signal: str) -> list[str]:
    return [person.name for person in report.people if signal in person.coach]


def test_every_coaching_signal_fires_for_someone_and_most_people_have_at_most_one(any_day):
    for signal in COACH_SIGNALS:
        assert _who(any_day, signal), f"{signal} fires for nobody"
    calm = [person for person in any_day.people if len(person.coach) <= 1]
    assert len(calm) > len(any_day.people) / 2, {p.name: p.coach for p in any_day.people}


def test_hit_rates_spread_and_some_plan_by_monday_while_others_set_goals_mid_week(any_day):
    rated = [p.weekly for p in any_day.people if p.weekly.hit_rate is not None]
    assert sum(w.hit_rate >= 0.9 for w in rated) >= 2
    assert sum(w.hit_rate < 0.7 for w in rated) >= 1
    assert sum(w.planned_by_monday >= 0.9 for w in rated) >= 2
    assert any(w.planned_by_monday < 0.5 for w in rated)


def test_the_best_set_goals_by_monday_and_do_not_postpone_or_move_them(any_day):
    habits = any_day.habits
    by_monday = habits["planned_by_monday"]
    assert by_monday["top"] - by_monday["rest"] >= 0.15
    assert habits["postpone_rate"]["rest"] >= 2 * habits["postpone_rate"]["top"] > 0
    assert habits["moved_rate"]["top"] < habits["moved_rate"]["rest"]


def test_who_needs_coaching_on_the_screen_tests_date(people):
    assert _who(people, "hit_rate_low") == ["Kwame Mensah", "Marcus Okafor"]
    assert _who(people, "deadline_moved") == ["Fatima Al-Sayed", "Kwame Mensah", "Marcus Okafor"]
    assert _who(people, "postpones_often") == ["Fatima Al-Sayed", "Marcus Okafor"]
    assert _who(people, "plans_late") == ["Fatima Al-Sayed"]
    assert _who(people, "losing_tests") == ["Sofia Lindqvist"]
    assert _who(people, "training_overdue") == ["Mei Nakamura", "Noah Bennett"]
    assert _who(people, "training_score_low") == ["Tomás Ferreira"]
    assert [p.name for p in people.people if not p.coach] == [
        "Diego Castillo", "Hannah Goldberg", "Kenji Watanabe", "Leila Haddad", "Priya Raman",
    ]


def test_the_losing_designer_has_no_weekly_goals_and_a_wilson_high_end_under_half(people):
    sofia = next(p for p in people.people if p.name == "Sofia Lindqvist")
    assert sofia.pods == ["Pod Atlas"] and sofia.weekly.goals == 0
    assert sofia.tactics.loss > sofia.tactics.win and sofia.tactics.win_rate_ci[1] < 0.5


def test_training_shows_modules_done_overdue_and_scores(people):
    by_name = {p.name: p.training for p in people.people}
    assert by_name["Noah Bennett"].overdue == 2
    assert by_name["Tomás Ferreira"].avg_score < 70 <= by_name["Priya Raman"].avg_score
    assert all(t.assigned == 5 for t in by_name.values())
