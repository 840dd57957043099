"""`e` in the outbox: a decision that did not go out, fixed in the form it was made with, then sent."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest

from podview.cache import open_cache
from podview.decisions.meetings import start_meeting
from podview.decisions.outbox import Decision, Progress, record
from podview.decisions.validate import validate
from podview.figures.outbox import OutboxCounts
from podview.screens.decide_edit import EditDecisionScreen, recorded_values
from podview.screens.outbox import OutboxScreen, not_editable
from tests.screens.conftest import SIZE, notifications, screen_text, settle
from tests.screens.test_decide import FakeSender, rows, set_state

pytestmark = pytest.mark.anyio

REFUSED = "Asana answered 400 to PUT /tasks: due_on is in a frozen sprint"


def one_row(path: Path, sql: str) -> sqlite3.Row:
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    try:
        return conn.execute(sql).fetchone()
    finally:
        conn.close()


def a_failed_postpone(path: Path) -> tuple[Decision, date]:
    """A postponement made in a meeting that Asana refused; returns it and its goal's due date."""
    goal = one_row(
        path,
        "SELECT gid, due_on FROM tasks WHERE kind = 'weekly_goal' AND completed = 0 "
        "AND due_on IS NOT NULL ORDER BY gid",
    )
    due = date.fromisoformat(goal["due_on"])
    db = open_cache(path)
    try:
        meeting = start_meeting(db, "growth-review")
        inputs = {
            "task": goal["gid"],
            "to": (due + timedelta(days=7)).isoformat(),
            "reason": "Client on holiday",
        }
        decision = record(db, validate(db, "postpone", inputs), meeting_id=meeting.id)
    finally:
        db.conn.close()
    set_state(path, [decision.id], "failed", REFUSED)
    return decision, due


async def open_edit(pilot) -> EditDecisionScreen:
    """The outbox, then `e` on the decision under the cursor."""
    await pilot.press("o")
    await settle(pilot)
    assert isinstance(pilot.app.screen, OutboxScreen)
    await pilot.press("e")
    await settle(pilot)
    assert isinstance(pilot.app.screen, EditDecisionScreen)
    return pilot.app.screen


async def retype(pilot, text: str) -> None:
    """Clear the focused line and type `text`, as a user would."""
    await pilot.press("end", "ctrl+u", *text)


async def test_a_failed_postpone_is_edited_to_a_valid_date_and_sent(app_on, own_cache):
    decision, due = a_failed_postpone(own_cache)
    sender = FakeSender("sent")
    app = app_on(own_cache, outbox=sender)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        assert "e edits it" in screen_text(app)
        form = await open_edit(pilot)
        text = screen_text(app)
        assert "Edit this failed decision" in text and "frozen sprint" in text
        assert "Joins the open meeting" not in text, "it keeps the meeting it was made in"
        assert form.form.values() == {
            "to": (due + timedelta(days=7)).isoformat(),
            "reason": "Client on holiday",
        }

        later = (due + timedelta(days=14)).isoformat()
        await retype(pilot, later)
        await pilot.press("ctrl+s")
        await settle(pilot)

        assert isinstance(app.screen, OutboxScreen)
        (row,) = rows(own_cache)
        assert (row["id"], row["meeting_id"]) == (decision.id, decision.meeting_id)
        assert row["state"] == "sent" and f'"to": "{later}"' in row["payload"]
        assert sender.calls == [[decision.id]]
        assert any("Sent to Asana" in note for note in notifications(app))
        assert "✔ sent" in screen_text(app) and "✖ failed" not in screen_text(app)
        assert app.outbox_state == OutboxCounts()


async def test_an_invalid_edit_says_why_and_keeps_what_was_typed(app_on, own_cache):
    a_failed_postpone(own_cache)
    before = rows(own_cache)
    sender = FakeSender("sent")
    app = app_on(own_cache, outbox=sender)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        form = await open_edit(pilot)
        await retype(pilot, "2020-01-01")
        await pilot.press("tab", "end", *" and school break", "ctrl+s")
        await settle(pilot)

        assert app.screen is form, "a refused change keeps the form open"
        problem = str(form.query_one("#problem-to").render())
        assert "is not later than the current due date" in problem
        assert "“New due date” 2020-01-01 is not later than the current" in screen_text(app)
        typed = {"to": "2020-01-01", "reason": "Client on holiday and school break"}
        assert form.form.values() == typed
        assert rows(own_cache) == before and sender.calls == []

        await pilot.press("escape")
        await settle(pilot)
        assert any("Draft kept" in note for note in notifications(app))
        assert rows(own_cache) == before
        await pilot.press("e")
        await settle(pilot)
        assert app.screen.form.values() == typed, "closing the form loses nothing typed"


@pytest.mark.parametrize("state", ["sent", "discarded"])
async def test_a_decision_that_went_out_or_was_given_up_cannot_be_edited(app_on, own_cache, state):
    decision, _ = a_failed_postpone(own_cache)
    set_state(own_cache, [decision.id], state)
    app = app_on(own_cache, outbox=FakeSender("sent"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, OutboxScreen)
        (note,) = [n for n in notifications(app) if n.startswith("Nothing to edit")]
        assert ("already in Asana" if state == "sent" else "was discarded") in note
        assert [row["state"] for row in rows(own_cache)] == [state]


async def test_cancelling_an_edit_changes_nothing(app_on, own_cache):
    a_failed_postpone(own_cache)
    before = rows(own_cache)
    sender = FakeSender("sent")
    app = app_on(own_cache, outbox=sender)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_edit(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, OutboxScreen)
        assert rows(own_cache) == before and sender.calls == []
        assert not any("Draft kept" in note for note in notifications(app))
        assert "✖ failed" in screen_text(app)
        assert app.outbox_state == OutboxCounts(failed=1)


def test_a_form_shows_numbers_as_typed_and_the_assignee_by_email(own_cache):
    conn = sqlite3.connect(own_cache)
    try:
        user, email = conn.execute(
            "SELECT gid, email FROM users WHERE email IS NOT NULL"
        ).fetchone()
        action = Decision(
            "01", "action", "1", {"client": "1", "name": "Call", "assignee": user}, "failed"
        )
        result = Decision(
            "02", "result", "2", {"task": "2", "result": "win", "confidence": 97.0}, "failed"
        )
        assert recorded_values(conn, action) == {
            "name": "Call",
            "assignee": email,
            "due": None,
            "notes": None,
        }
        assert recorded_values(conn, result) == {"result": "win", "confidence": "97"}
    finally:
        conn.close()


def test_only_a_decision_nothing_of_which_reached_asana_can_be_edited():
    def decision(state, progress=None):
        return Decision("01", "postpone", "1", {}, state, progress=progress or Progress())

    assert not_editable(decision("failed")) is None
    assert not_editable(decision("conflict")) is None
    assert not_editable(decision("pending")) is None
    assert "retries it as it is" in not_editable(decision("failed", Progress(done={"put": "1"})))
