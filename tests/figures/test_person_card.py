"""The person card's figures: the same people as People, each item listed, adding up to their People row.

The staff of test_people.py, on Wednesday 2026-11-25 in New York: the
window is 2026-W44 .. W47, this week W48, last week W47.
"""

from __future__ import annotations

from datetime import date

import pytest

from podview.figures.common import ScopeError
from podview.figures.person_card import person_card
from tests.figures.test_people import NEW_YORK, TODAY, staff  # noqa: F401 (a fixture)


def card(staff, gid, **options):  # noqa: F811
    return person_card(staff.agency.reader(), gid, today=TODAY, zone=NEW_YORK, **options)


def test_this_and_last_weeks_goals_are_weeklys_rows_of_the_person(staff):  # noqa: F811
    ann = card(staff, staff.ann)
    assert [week.name for week, _ in ann.weeks] == ["2026-W48", "2026-W47"]
    this_week, last_week = (goals for _, goals in ann.weeks)
    assert this_week == []
    assert sorted((goal.name, goal.status, goal.carried_over) for goal in last_week) == [
        ("Hit", "hit", False),
        ("Late", "late", False),
        ("Postponed", "hit", True),
    ], "Nobody's goal of the same client and week is not Ann's"


def test_setbacks_add_up_to_the_people_row_with_reasons(staff):  # noqa: F811
    ann = card(staff, staff.ann)
    setbacks = [(item.week, item.name, item.what, item.reason) for item in ann.setbacks]
    assert setbacks == [
        ("2026-W47", "Late", "late", None),
        ("2026-W46", "Missed", "missed", None),
        ("2026-W46", "Postponed", "postponed", "Client away"),
        ("2026-W45", "Moved", "missed", None),
        ("2026-W45", "Moved", "deadline_moved", None),
    ]
    weekly = ann.person.weekly
    counted = [item.what for item in ann.setbacks]
    assert (counted.count("missed"), counted.count("late"), counted.count("postponed")) == (
        weekly.missed, weekly.late, weekly.postponed,
    )
    assert counted.count("deadline_moved") == weekly.deadline_moved


def test_a_recreated_goal_is_a_setback_of_its_week(staff):  # noqa: F811
    bob = card(staff, staff.bob)
    recreated = [(item.week, item.name) for item in bob.setbacks if item.what == "recreated"]
    assert recreated == [("2026-W46", "Landing page")] and bob.person.weekly.recreated == 1
    assert [item.reason for item in bob.setbacks if item.what == "postponed"] == ["Budget"] * 3


def test_tests_are_the_tactics_people_counts(staff):  # noqa: F811
    fay = card(staff, staff.fay)
    assert [(t.name, t.tally) for t in fay.tactics] == [(f"Loss {n}", "loss") for n in range(5, -1, -1)]
    assert "Old test" not in [t.name for t in fay.tactics], "completed before --since"
    assert len(fay.tactics) == fay.person.tactics.loss
    assert [client.name for client in fay.clients] == ["Cedar"] and fay.person.clients == 1


def test_training_modules_overdue_first_then_passed_with_scores(staff):  # noqa: F811
    ann = card(staff, staff.ann)
    modules = [(m.name, m.completed, m.overdue, m.due, m.score) for m in ann.modules]
    assert modules == [
        ("Overdue", False, True, date(2026, 11, 20), None),
        ("Due last night", False, True, date(2026, 11, 24), None),
        ("No due date", False, False, None, None),
        ("Passed", True, False, None, 80),
        ("Passed long ago", True, False, None, 60),
        ("Passed, no score", True, False, None, None),
    ]
    assert sum(m.overdue for m in ann.modules) == ann.person.training.overdue


def test_the_clients_they_serve_are_the_ones_people_counts(staff):  # noqa: F811
    ann = card(staff, staff.ann)
    assert [client.name for client in ann.clients] == ["Acme", "Birch"]
    assert len(ann.clients) == ann.person.clients


def test_open_action_items_oldest_due_first(staff):  # noqa: F811
    a = staff.agency
    acme = a.db.execute("SELECT gid FROM clients WHERE name = 'Acme'").fetchone()[0]
    a.task(acme, "Send the report", "action_item", due_on="2026-11-30", assignee=staff.ann)
    a.task(acme, "Call the client", "action_item", due_on="2026-11-20", assignee=staff.ann)
    a.task(acme, "Done already", "action_item", due_on="2026-11-19", assignee=staff.ann,
           completed_at="2026-11-19T15:00:00.000Z")
    actions = card(staff, staff.ann).actions
    assert [(item.name, item.client, item.overdue) for item in actions] == [
        ("Call the client", "Acme", True),
        ("Send the report", "Acme", False),
    ]


def test_someone_people_has_no_row_for_is_a_scope_error(staff):  # noqa: F811
    with pytest.raises(ScopeError):
        card(staff, staff.eve)
