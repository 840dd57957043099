"""Decisions from any screen: `d` on the selected item, the form, the outbox row, sending, the badge, the outbox screen."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from podview.cache import open_cache
from podview.decisions import send as send_module
from podview.decisions.meetings import start_meeting
from podview.decisions.outbox import Decision
from podview.decisions.send import PushResult
from podview.decisions.validate import INPUTS, TARGET_KEY
from podview.figures.outbox import OutboxCounts
from podview.screens import decide
from podview.screens.decide import DecideMenu, DecideScreen, Target, fields_for
from podview.screens.outbox import OutboxScreen
from podview.tui.notices import describe_send
from podview.widgets.decision_form import FIELDS, in_form_words, named_field
from tests.screens.conftest import SIZE, notifications, screen_text, settle

pytestmark = pytest.mark.anyio


def rows(path: Path) -> list[dict]:
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    try:
        return [dict(row) for row in conn.execute("SELECT * FROM decisions ORDER BY id")]
    finally:
        conn.close()


def mark_synced(path: Path) -> None:
    """Make the copy of the demo read as a synced cache, so the real sender tries Asana."""
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE syncs SET source = 'asana'")
    conn.close()


def set_state(path: Path, ids: list[str], state: str, error: str | None = None) -> None:
    with sqlite3.connect(path) as conn:
        conn.executemany(
            "UPDATE decisions SET state = ?, error = ? WHERE id = ?",
            [(state, error, i) for i in ids],
        )
    conn.close()


class FakeSender:
    """Stands in for `send_outbox`: answers each call with the next state, and writes it to the cache."""

    def __init__(self, *states: str) -> None:
        self.states = list(states)
        self.calls: list[list[str]] = []

    async def __call__(self, context, ids):
        self.calls.append(list(ids))
        state = self.states.pop(0) if len(self.states) > 1 else self.states[0]
        error = (
            "Asana answered 400 to POST /batch: custom field is locked"
            if state == "failed"
            else None
        )
        set_state(context.cache_path, ids, state, error)
        return PushResult(**{state: list(ids)})


@pytest.fixture
def fast_recheck(monkeypatch):
    """Check the form again right after an edit (no waiting out the typing pause)."""
    monkeypatch.setattr(decide, "RECHECK_DELAY", 0.01)


async def to_weekly_goal(pilot) -> Target:
    """Weekly, cursor on the first goal row; returns what `d` will decide on."""
    await pilot.press("2")
    await settle(pilot)
    screen = pilot.app.screen
    while screen.selected_target() is None or screen.selected_target().kind != "weekly_goal":
        await pilot.press("down")
    return screen.selected_target()


async def open_form(pilot, option: int = 0) -> DecideScreen:
    await pilot.press("d")
    await settle(pilot)
    assert isinstance(pilot.app.screen, DecideMenu)
    await pilot.press(*["down"] * option, "enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, DecideScreen)
    return pilot.app.screen


async def test_postpone_invalid_then_valid_is_recorded_and_stays_pending_offline(
    app_on, own_cache, monkeypatch, fast_recheck
):
    mark_synced(own_cache)
    monkeypatch.setenv("ASANA_TOKEN", "test-token")
    monkeypatch.setenv("PODVIEW_ASANA_URL", "http://127.0.0.1:9/api/1.0")
    quick = {"max_retries": 0, "backoff": 0.01, "max_backoff": 0.02, "timeout": 2.0}
    monkeypatch.setattr(send_module, "CLIENT_OPTIONS", {"push": quick, "decide": quick})
    app = app_on(own_cache)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        target = await to_weekly_goal(pilot)
        form = await open_form(pilot)
        assert form.kind == "postpone"
        assert "Weekly goal" in screen_text(app) and target.label[:20] in screen_text(app)
        assert form.form.values()["to"], "the new due date is prefilled a week later"

        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form, "an invalid decision keeps the form open"
        problem = form.query_one("#problem-reason")
        assert problem.has_class("-shown") and "“Reason”" in str(problem.render())
        assert rows(own_cache) == []

        await pilot.press(*"client asked for a week")
        await settle(pilot)
        assert not problem.has_class("-shown"), "the message goes once the fix is typed"

        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, DecideScreen)
        (row,) = rows(own_cache)
        assert (row["kind"], row["target_gid"], row["state"]) == ("postpone", target.gid, "pending")
        assert any("Saved, not sent yet" in note for note in notifications(app))
        assert "1 pending" in screen_text(app)


async def test_a_sent_decision_shows_as_sent(app_on, own_cache):
    sender = FakeSender("sent")
    app = app_on(own_cache, outbox=sender)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("6")
        await settle(pilot)
        await open_form(pilot)
        await pilot.press("enter", "down", "down", "enter")  # after the blank: on track, at risk
        await pilot.press("tab", *"Slow month", "tab", *"Budget cut until January")
        await pilot.press("ctrl+s")
        await settle(pilot)
        (row,) = rows(own_cache)
        assert (row["kind"], row["state"]) == ("status", "sent")
        assert '"status": "at_risk"' in row["payload"]
        assert sender.calls == [[row["id"]]]
        assert any("Sent to Asana" in note for note in notifications(app))
        assert app.outbox_state == OutboxCounts()
        await pilot.press("o")
        await settle(pilot)
        assert isinstance(app.screen, OutboxScreen)
        assert "✔ sent" in screen_text(app)


async def test_a_refused_decision_is_shown_failed_and_can_be_retried(app_on, own_cache):
    sender = FakeSender("failed", "sent")
    app = app_on(own_cache, outbox=sender)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await to_weekly_goal(pilot)
        await open_form(pilot, option=1)
        await pilot.press(*"Agreed to try a new headline")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert any("Asana refused a decision" in note for note in notifications(app))
        assert app.outbox_state == OutboxCounts(failed=1)
        assert "1 failed" in screen_text(app)

        await pilot.press("o")
        await settle(pilot)
        text = screen_text(app)
        assert "✖ failed" in text and "custom field is locked" in text
        await pilot.press("r")
        await settle(pilot)
        assert len(sender.calls) == 2
        assert [row["state"] for row in rows(own_cache)] == ["sent"]
        assert "✔ sent" in screen_text(app)
        assert app.outbox_state == OutboxCounts()


async def test_discard_asks_twice_and_keeps_the_row(app_on, own_cache):
    app = app_on(own_cache, outbox=FakeSender("failed"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await to_weekly_goal(pilot)
        await open_form(pilot, option=1)
        await pilot.press(*"Note for the team", "ctrl+s")
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        assert [row["state"] for row in rows(own_cache)] == ["failed"]
        await pilot.press("x")
        await settle(pilot)
        assert [row["state"] for row in rows(own_cache)] == ["discarded"]
        assert "⊘ discarded" in screen_text(app)


async def test_a_decision_joins_the_open_meeting(app_on, own_cache):
    db = open_cache(own_cache)
    meeting = start_meeting(db, "growth-review")
    db.conn.close()
    app = app_on(own_cache, outbox=FakeSender("pending"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("5")
        await settle(pilot)
        await open_form(pilot)
        assert "Joins the open meeting: Growth review" in screen_text(app)
        await pilot.press(*"120", "ctrl+s")
        await settle(pilot)
        (row,) = rows(own_cache)
        assert (row["kind"], row["meeting_id"]) == ("goal", meeting.id)


async def test_closing_a_form_unsaved_keeps_the_text_for_next_time(app_on, own_cache):
    app = app_on(own_cache, outbox=FakeSender("pending"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await to_weekly_goal(pilot)
        await open_form(pilot, option=1)
        await pilot.press(*"Half a thought", "escape")
        await settle(pilot)
        assert any("Draft kept" in note for note in notifications(app))
        form = await open_form(pilot, option=1)
        assert form.form.values()["text"] == "Half a thought"
        assert rows(own_cache) == []


async def test_a_draft_keeps_what_was_picked_from_lists_too(app_on, own_cache):
    app = app_on(own_cache, outbox=FakeSender("pending"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("6")
        await settle(pilot)
        await open_form(pilot)
        await pilot.press("enter", "down", "down", "enter")  # after the blank: on track, at risk
        await pilot.press("tab", *"Slow month", "escape")
        await settle(pilot)
        form = await open_form(pilot)
        assert form.form.values() == {"status": "at_risk", "title": "Slow month", "text": ""}
        assert "▲ at risk" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)

        form = await open_form(pilot, option=2)
        await pilot.press("enter", "down", "enter")  # the first tactic
        await pilot.press("tab", "enter", "down", "enter")  # win
        picked = form.form.values()
        assert picked["task"] and picked["result"] == "win"
        await pilot.press("escape")
        await settle(pilot)
        form = await open_form(pilot, option=2)
        assert form.form.values() == picked, "the tactic, picked from a list read later, stays"
        assert rows(own_cache) == []


async def test_comment_and_refusals_name_the_item_as_the_user_sees_it(app_on, own_cache):
    app = app_on(own_cache, outbox=FakeSender("pending"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        target = await to_weekly_goal(pilot)
        await pilot.press("d")
        await settle(pilot)
        assert "Comment on this weekly goal" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        form = await open_form(pilot)
        form.form.widget("to").value = "2020-01-01"
        form.form.widget("reason").value = "Client away"
        await pilot.press("ctrl+s")
        await settle(pilot)
        problem = str(form.query_one("#problem-to").render())
        assert "is not later than the current due date" in problem and "of this task" in problem
        assert target.gid not in problem, "the form names its task above; no gid in the message"
        assert form.form.values()["reason"] == "Client away"


async def test_a_cache_that_cannot_be_written_keeps_the_form_and_its_text(
    app_on, own_cache, monkeypatch
):
    import podview.cache

    real = podview.cache.open_cache
    failures = iter([sqlite3.OperationalError("database is locked")])

    def locked_once(path):
        error = next(failures, None)
        if error is not None:
            raise error
        return real(path)

    monkeypatch.setattr(podview.cache, "open_cache", locked_once)
    app = app_on(own_cache, outbox=FakeSender("pending"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await to_weekly_goal(pilot)
        form = await open_form(pilot, option=1)
        await pilot.press(*"Keep this", "ctrl+s")
        await settle(pilot)
        assert app.screen is form and form.form.values()["text"] == "Keep this"
        assert "database is locked" in screen_text(app)
        assert any("Could not save the decision" in note for note in notifications(app))
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert [row["kind"] for row in rows(own_cache)] == ["comment"]


async def test_a_result_from_a_client_picks_one_of_its_tactics(app_on, own_cache):
    app = app_on(own_cache, outbox=FakeSender("pending"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("6")
        await settle(pilot)
        form = await open_form(pilot, option=2)
        assert form.kind == "result"
        await pilot.press("enter", "down", "enter")  # the first tactic
        await pilot.press("tab", "enter", "down", "enter")  # win
        await pilot.press("ctrl+s")
        await settle(pilot)
        (row,) = rows(own_cache)
        assert row["kind"] == "result" and '"result": "win"' in row["payload"]


async def test_decide_is_off_in_client_safe_mode(app):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("C")
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        assert not isinstance(app.screen, DecideMenu)


@pytest.mark.parametrize("kind", INPUTS)
@pytest.mark.parametrize("target", ["weekly_goal", "client", "goal"])
def test_every_form_asks_exactly_what_validation_takes(kind, target):
    keys = {field.key for field in fields_for(kind, Target(target, "1", "x"))}
    assert keys | {TARGET_KEY[kind]} == set(INPUTS[kind])
    assert TARGET_KEY[kind] not in {field.key for field in FIELDS[kind]}


def test_validation_messages_use_the_forms_words():
    labels = {"to": "New due date", "current": "Current value", "status": "Status"}
    message = "a goal update needs --current NUMBER, --status STATUS, or both"
    assert named_field(message, labels) == "current"
    assert (
        in_form_words(message, labels) == "A goal update needs “Current value”, “Status”, or both"
    )
    assert named_field("no task 12 in the cache", labels) is None
    refused = "--to 2020-01-01 is not later than 2026-11-27 of task 1208 ('Launch \\'Q4\\' ads'); x"
    assert in_form_words(refused, labels) == (
        "“New due date” 2020-01-01 is not later than 2026-11-27 of this task; x"
    )


def test_send_outcomes_say_what_happened_and_what_to_do():
    def decision(state, error=None):
        return Decision("01", "comment", "1", {}, state, error=error)

    assert describe_send(PushResult(sent=["01"]), [decision("sent")])[0] == "Sent to Asana"
    _, text, severity = describe_send(
        PushResult(pending=["01"], stopped="Asana could not be reached"), [decision("pending")]
    )
    assert "could not be reached" in text and "press o" in text and severity == "warning"
    _, text, severity = describe_send(PushResult(failed=["01"]), [decision("failed", "400")])
    assert "retry" in text and severity == "error"


async def test_every_problem_shows_at_once_under_its_own_field(app_on, own_cache, fast_recheck):
    app = app_on(own_cache, outbox=FakeSender("pending"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        target = await to_weekly_goal(pilot)
        form = await open_form(pilot)
        later = form.form.values()["to"]
        await pilot.press("ctrl+e", "ctrl+u", *"2020-01-01", "ctrl+s")
        await settle(pilot)

        assert app.screen is form and rows(own_cache) == []
        to, reason = (str(form.query_one(f"#problem-{key}").render()) for key in ("to", "reason"))
        assert "is not later than the current due date" in to and "Reason" not in to
        assert "“Reason”" in reason and "blank" in reason and "due date" not in reason
        assert "is not later than" in screen_text(app) and "needs “Reason”" in screen_text(app)
        assert app.focused is form.form.widget("to"), "the cursor goes to the first problem"
        assert form.form.values() == {"to": "2020-01-01", "reason": ""}, "nothing typed is lost"

        await pilot.press("ctrl+u", *later, "tab", *"Client on holiday")
        await settle(pilot)
        shown = screen_text(app)
        assert "is not later than" not in shown and "needs “Reason”" not in shown
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, DecideScreen)
        (row,) = rows(own_cache)
        assert (row["kind"], row["target_gid"]) == ("postpone", target.gid)
        assert later in row["payload"] and "Client on holiday" in row["payload"]


@pytest.mark.parametrize("synced", [False, True], ids=["demo", "asana"])
async def test_the_form_says_whether_saving_will_reach_asana(app_on, own_cache, synced):
    if synced:
        mark_synced(own_cache)
    app = app_on(own_cache, outbox=FakeSender("pending"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await to_weekly_goal(pilot)
        await open_form(pilot)
        text = screen_text(app)
        if synced:
            assert "saved to the outbox at once, then sent to Asana" in text
        else:
            assert "the demo agency never sends to Asana" in text
            assert "then sent to Asana" not in text
