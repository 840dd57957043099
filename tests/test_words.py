"""One vocabulary: every signal and status the figures produce has words, and every place says them alike."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from typing import get_args

import pytest

from podview import words
from podview.cache import reader_for
from podview.cli import main
from podview.config import Config
from podview.decisions import outbox
from podview.decisions.meetings import end_meeting, start_meeting
from podview.decisions.minutes import minutes_data, render_markdown
from podview.decisions.validate import GOAL_STATUSES, KINDS, PROJECT_STATUSES
from podview.figures.goals import STATUSES
from podview.figures.pacing import goal_pace
from podview.figures.risk import SIGNALS
from podview.figures.tactics import Tally, tally
from podview.sync.mapper import STATUS_TYPES
from podview.widgets.labels import reasons_text


def test_every_risk_signal_has_a_long_and_a_short_form():
    assert set(words.SIGNALS) == set(SIGNALS) == set(words.SHORT_SIGNALS)
    for signal in SIGNALS:
        long, short = words.SIGNALS[signal], words.SHORT_SIGNALS[signal]
        assert "_" not in long and "_" not in short
        assert len(short) < len(long)


def test_every_weekly_status_and_mark_has_a_word():
    assert set(STATUSES) == set(words.WEEKLY)
    assert words.weekly_status("late", deadline_moved=True) == "late (deadline moved)"
    assert words.weekly_status("open", carried_over=True) == "open (carried over)"


S, U = date(2026, 10, 1), date(2026, 12, 30)
"""A 90-day window: on 2026-11-15, 45 of 90 days have passed (expected 0.5)."""


PACING_CASES = [
    ((None, U), (0, 50, 100, True), date(2026, 11, 15), "no dates"),
    ((S, U), (None, None, None, False), date(2026, 11, 15), "no metric"),
    ((S, U), (0, 0, 100, True), date(2026, 9, 1), "not started"),
    ((S, U), (0, 100, 100, True), date(2026, 11, 15), "achieved"),
    ((S, U), (0, 50, 100, True), date(2027, 1, 5), "missed"),
    ((S, U), (0, 50, 100, True), date(2026, 11, 15), "on track"),  # pace 1.0
    ((S, U), (0, 40, 100, True), date(2026, 11, 15), "at risk"),  # pace 0.8
    ((S, U), (0, 20, 100, True), date(2026, 11, 15), "off track"),  # pace 0.4
]


@pytest.mark.parametrize("window, metric, today, status", PACING_CASES)
def test_every_pacing_status_the_figures_produce_has_a_word(window, metric, today, status):
    initial, current, target, has_metric = metric
    produced = goal_pace(*window, initial, current, target, has_metric, today).status
    assert produced == status
    assert words.PACING[produced] == status


def test_the_pacing_words_are_exactly_the_statuses_produced():
    assert {case[-1] for case in PACING_CASES} == set(words.PACING)


def test_every_tally_has_a_word():
    assert set(get_args(Tally)) == set(words.TALLIES)
    produced = {tally(result, confidence, 95) for result in (None, "Win", "Loss", "Inconclusive") for confidence in (None, 50, 99)}
    assert produced <= set(words.TALLIES)


def test_every_asana_status_has_a_word():
    asana_goal = {"green", "yellow", "red", "achieved", "partial", "missed", "dropped"}
    assert {*STATUS_TYPES, *PROJECT_STATUSES, *GOAL_STATUSES, *asana_goal} <= set(words.ASANA)
    assert (words.ASANA["red"], words.ASANA["off_track"], words.ASANA["on_hold"]) == ("off track", "off track", "on hold")


def test_every_decision_kind_and_state_has_a_word():
    assert set(KINDS) == set(words.DECISION_KINDS)
    assert {outbox.PENDING, outbox.SENT, outbox.FAILED, outbox.CONFLICT, outbox.DISCARDED} == set(words.DECISION_STATES)


def test_an_unknown_id_is_still_shown_readably():
    assert words.word(words.ASANA, "blue_ish") == "blue ish"
    assert words.signals_text(["brand_new_signal"]) == "brand new signal"
    assert words.signals_text([]) == "no warning signs"


def test_the_vocabulary_imports_no_other_layer():
    probe = "import sys, json, podview.words; print(json.dumps(sorted(m for m in sys.modules if m.startswith(('podview', 'textual', 'rich')))))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert json.loads(out) == ["podview", "podview.words"]


SAID = "Asana status: off track; CPA over 120% of target"
"""status_red and cpa_high, in the ranking's order, as a founder reads them."""


@pytest.fixture
def cache(agency, db, tmp_path, monkeypatch):
    """One client whose latest Asana status is off track and whose CPA is 130 against a target of 100."""
    monkeypatch.setenv("PODVIEW_CONFIG", str(tmp_path / "config.toml"))
    (tmp_path / "config.toml").write_text('timezone = "America/New_York"\n')
    agency.client("Acme", agency.pod("Pod A"), mrr=5000, status="off_track", cpa=130.0, target_cpa=100.0)
    return str(db.execute("PRAGMA database_list").fetchone()[2])


def test_report_minutes_and_screen_say_a_signal_in_the_same_words(capsys, cache, db):
    assert main(["report", "risk", "--db", cache, "--today", "2026-11-25", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["clients"][0]["reasons"] == ["status_red", "cpa_high"]

    assert main(["report", "risk", "--db", cache, "--today", "2026-11-25", "--format", "table"]) == 0
    table = capsys.readouterr().out
    row = next(line for line in table.splitlines() if "Acme" in line)
    assert row.endswith(SAID)

    meeting = start_meeting(db, "growth-review")
    end_meeting(db)
    conn = reader_for(db)
    minutes = render_markdown(minutes_data(conn, meeting, Config(timezone="America/New_York")))
    conn.close()
    assert f"(score 25): {SAID}*" in minutes

    assert reasons_text(["status_red", "cpa_high"]) == SAID


def test_every_coaching_signal_and_habit_has_words_in_the_figures_order():
    from podview.figures.habits import HABITS
    from podview.figures.people import COACH_SIGNALS

    assert tuple(words.COACHING) == COACH_SIGNALS == tuple(words.SHORT_COACHING)
    assert list(words.HABITS) == list(HABITS)
    assert words.coaching_text([]) == words.NO_COACHING
    assert words.coaching_text(["plans_late", "losing_tests"]) == (
        "under half the goals set by Monday; tests lose, and not by chance"
    )
    assert words.coaching_text(["plans_late", "losing_tests"], short=True) == "plans late; losing tests"
