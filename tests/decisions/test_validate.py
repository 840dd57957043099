"""Every rule a decision or a meeting must pass, and the message that says what is wrong."""

from __future__ import annotations

import pytest

from podview.decisions.common import ValidationError
from podview.decisions.meetings import end_meeting, open_meeting, start_meeting
from podview.decisions.validate import validate
from tests.decisions.conftest import pick

BRIGHTSMILE = "1208400000000060"


def open_goal(db):
    return pick(db, "SELECT gid, due_on FROM tasks WHERE kind = 'weekly_goal' AND completed = 0 AND due_on IS NOT NULL ORDER BY gid")


def rejected(db, kind, **inputs) -> str:
    with pytest.raises(ValidationError) as caught:
        validate(db, kind, inputs)
    return str(caught.value)


# -- postpone -------------------------------------------------------------------


def test_postpone_is_accepted_with_its_context(db):
    goal = open_goal(db)
    draft = validate(db, "postpone", {"task": goal["gid"], "to": "2027-01-08", "reason": "  client on holiday  "})
    assert draft.target_gid == goal["gid"]
    assert draft.fields["from"] == goal["due_on"] and draft.fields["reason"] == "client on holiday"
    assert draft.fields["fixed"] <= goal["due_on"] and draft.fields["client"]


def test_postpone_only_a_weekly_goal(db):
    tactic = pick(db, "SELECT gid FROM tasks WHERE kind = 'tactic'")
    message = rejected(db, "postpone", task=tactic["gid"], to="2027-01-08", reason="x")
    assert "only weekly goals and action items can be postponed" in message and "is a tactic" in message


def test_postpone_only_later_than_the_current_due_date(db):
    goal = open_goal(db)
    for to in (goal["due_on"], "2020-01-01"):
        message = rejected(db, "postpone", task=goal["gid"], to=to, reason="x")
        assert f"is not later than the current due date {goal['due_on']}" in message


def test_postpone_needs_a_reason(db):
    goal = open_goal(db)
    assert "needs --reason" in rejected(db, "postpone", task=goal["gid"], to="2027-01-08", reason="   ")
    assert "at most 1024" in rejected(db, "postpone", task=goal["gid"], to="2027-01-08", reason="x" * 1025)


def test_postpone_an_open_goal_with_a_real_date(db):
    done = pick(db, "SELECT gid FROM tasks WHERE kind = 'weekly_goal' AND completed = 1")
    assert "already completed" in rejected(db, "postpone", task=done["gid"], to="2027-01-08", reason="x")
    goal = open_goal(db)
    assert "'next friday' is not a date podview can read; write 2026-12-04, Dec 4" in rejected(db, "postpone", task=goal["gid"], to="next friday", reason="x")


def test_unknown_or_malformed_tasks_are_named(db):
    assert "no task 999 in the cache" in rejected(db, "comment", task="999", text="hi")
    assert "is not an Asana gid" in rejected(db, "comment", task="abc", text="hi")
    assert "needs --text" in rejected(db, "comment", task=open_goal(db)["gid"], text="")


# -- result ----------------------------------------------------------------------


def test_result_only_on_a_tactic(db):
    message = rejected(db, "result", task=open_goal(db)["gid"], result="win")
    assert "only be recorded on a tactic" in message and "is a weekly goal" in message


def test_result_value_and_confidence(db):
    tactic = pick(db, "SELECT gid FROM tasks WHERE kind = 'tactic'")["gid"]
    assert "is not one of win, loss, inconclusive" in rejected(db, "result", task=tactic, result="draw")
    assert "outside 0–100" in rejected(db, "result", task=tactic, result="win", confidence="101")
    assert "outside 0–100" in rejected(db, "result", task=tactic, result="win", confidence="-1")
    assert "is not a number" in rejected(db, "result", task=tactic, result="win", confidence="high")
    draft = validate(db, "result", {"task": tactic, "result": "Loss", "confidence": "0"})
    assert draft.fields["result"] == "loss" and draft.fields["confidence"] == 0


# -- status ------------------------------------------------------------------------


def test_status_types_follow_cli_md(db):
    message = rejected(db, "status", client=BRIGHTSMILE, status="complete", title="t", text="x")
    assert "use one of on_track, at_risk, off_track, on_hold" in message
    assert "needs --title" in rejected(db, "status", client=BRIGHTSMILE, status="at_risk", title=" ", text="x")
    assert "needs --text" in rejected(db, "status", client=BRIGHTSMILE, status="at_risk", title="t", text="")
    assert "no client named 'Nobody'" in rejected(db, "status", client="Nobody", status="at_risk", title="t", text="x")
    draft = validate(db, "status", {"client": "brightsmile dental group", "status": "at-risk", "title": "t", "text": "x"})
    assert draft.target_gid == BRIGHTSMILE and draft.fields["status"] == "at_risk"


def test_goal_status_types_and_combinations(db):
    goal = pick(db, "SELECT gid FROM goals WHERE has_metric = 1")["gid"]
    assert "use one of on_track, at_risk, off_track, achieved, partial, missed, dropped" in rejected(
        db, "goal", goal=goal, status="on_hold", text="x"
    )
    assert "needs --current NUMBER, --status STATUS, or both" in rejected(db, "goal", goal=goal)
    assert "needs --text" in rejected(db, "goal", goal=goal, status="achieved")
    assert "--text goes with --status" in rejected(db, "goal", goal=goal, current="3", text="x")
    assert "no goal 42 in the cache" in rejected(db, "goal", goal="42", current="3")
    db.execute("UPDATE goals SET has_metric = 0, current = NULL WHERE gid = ?", [goal])
    assert "has no metric" in rejected(db, "goal", goal=goal, current="3")


# -- action ----------------------------------------------------------------------------


def test_action_needs_a_name_and_a_known_assignee(db):
    assert "needs --name" in rejected(db, "action", client=BRIGHTSMILE, name="  ")
    message = rejected(db, "action", client=BRIGHTSMILE, name="Call", assignee="stranger@example.com")
    assert "is not a pod member or workspace user" in message
    assert "is not a date" in rejected(db, "action", client=BRIGHTSMILE, name="Call", due="tomorrow")


def test_action_assignee_by_gid_or_email(db):
    user = pick(db, "SELECT gid, name FROM users ORDER BY gid")
    db.execute("UPDATE users SET email = 'priya.raman@tallgrassdigital.com' WHERE gid = ?", [user["gid"]])
    by_email = validate(db, "action", {"client": BRIGHTSMILE, "name": "Call", "assignee": "Priya.Raman@tallgrassdigital.com"})
    by_gid = validate(db, "action", {"client": BRIGHTSMILE, "name": "Call", "assignee": user["gid"]})
    assert by_email.fields["assignee"] == by_gid.fields["assignee"] == user["gid"]
    assert by_gid.fields["assignee_name"] == user["name"]


# -- meetings ---------------------------------------------------------------------------


def test_meeting_rules(db):
    with pytest.raises(ValidationError, match="needs --pod NAME"):
        start_meeting(db, "pod-standup")
    with pytest.raises(ValidationError, match="no pod named 'Pod Zed'; pods in the cache: Pod Atlas"):
        start_meeting(db, "pod-standup", pod="Pod Zed")
    with pytest.raises(ValidationError, match="leave out --pod"):
        start_meeting(db, "growth-review", pod="Pod Atlas")
    meeting = start_meeting(db, "pod-standup", pod="pod atlas", attendees=["Priya"])
    assert meeting.pod == "Pod Atlas" and meeting.is_open and open_meeting(db).id == meeting.id
    with pytest.raises(ValidationError, match="is still open"):
        start_meeting(db, "growth-review")
    ended = end_meeting(db, meeting.id[:12], notes="Short one")
    assert not ended.is_open and ended.notes == "Short one" and open_meeting(db) is None
    with pytest.raises(ValidationError, match="already ended"):
        end_meeting(db, meeting.id)


# -- every problem at once ----------------------------------------------------------------


def test_every_independent_problem_is_named_at_once_each_with_its_option(db):
    goal = open_goal(db)
    with pytest.raises(ValidationError) as caught:
        validate(db, "postpone", {"task": goal["gid"], "to": "2020-01-01", "reason": "  "})
    assert [problem.key for problem in caught.value.problems] == ["to", "reason"]
    lines = str(caught.value).splitlines()
    assert lines[0] == "2 problems:"
    assert lines[1].startswith(f"--to: 2020-01-01 is not later than the current due date {goal['due_on']}")
    assert lines[2] == "--reason: a postponement needs --reason with some text (it is blank)"


def test_a_check_that_needs_a_failed_input_is_skipped(db):
    with pytest.raises(ValidationError) as caught:
        validate(db, "postpone", {"task": "999", "to": "2020-01-01", "reason": ""})
    assert [problem.key for problem in caught.value.problems] == ["task", "reason"], "no date comparison without a task"
    with pytest.raises(ValidationError) as caught:
        validate(db, "postpone", {"task": "999", "to": "next friday", "reason": "x"})
    assert [problem.key for problem in caught.value.problems] == ["task", "to"], "a date that is no date is still said"
    tactic = pick(db, "SELECT gid FROM tasks WHERE kind = 'tactic'")["gid"]
    message = rejected(db, "result", task=tactic, result="draw", confidence="high")
    assert "--result: 'draw' is not one of win, loss, inconclusive" in message
    assert "--confidence: 'high' is not a number" in message and "outside" not in message


def test_a_single_problem_is_said_as_before(db):
    goal = open_goal(db)
    with pytest.raises(ValidationError) as caught:
        validate(db, "postpone", {"task": goal["gid"], "to": "2027-01-08", "reason": " "})
    assert str(caught.value) == "a postponement needs --reason with some text (it is blank)"
    assert [problem.key for problem in caught.value.problems] == ["reason"]
    assert rejected(db, "status", client="Nobody", status="at_risk", title="t", text="x") == (
        "no client named 'Nobody' in the cache; `podview report risk` lists every client"
    )
