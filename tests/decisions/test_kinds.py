"""Each kind of decision end to end: recorded, pushed over HTTP, visible in Asana and in the cache."""

from __future__ import annotations

from podview.decisions.markers import marker_line
from podview.decisions.meetings import start_meeting
from podview.decisions.outbox import SENT
from podview.figures.goals import POSTPONED, deadline_kind
from tests.decisions.conftest import pick, push
from tests.decisions.helpers import decide, field, marked, state

BRIGHTSMILE = "1208400000000060"
HARBOR = "1208400000000278"
"""A client project without the Type field: action items are told by their section."""
TIDEWATER = "1208400000000701"
"""A client project with the Type field but no `Action items` section."""


def test_comment_lands_once_with_its_marker_and_meeting(db, fake):
    meeting = start_meeting(db, "pod-standup", pod="Pod Atlas")
    task = pick(db, "SELECT gid FROM tasks WHERE client_gid = ? ORDER BY gid", [BRIGHTSMILE])["gid"]
    decision = decide(db, "comment", meeting.id, task=task, text="Ship the new ad copy first.")
    result = push(db, fake)
    assert result.sent == [decision.id] and result.exit_code == 0
    assert state(db, decision).state == SENT and state(db, decision).sent_at
    stories = [s for s in fake.store.task_stories[task] if decision.id in (fake.store.stories[s].get("text") or "")]
    text = fake.store.stories[stories[0]]["text"]
    assert len(stories) == 1 and text.startswith("Ship the new ad copy first.")
    assert text.endswith("\n" + marker_line(decision.id)) and "pod standup of Pod Atlas" in text


def test_postpone_moves_the_date_keeps_the_deadline_then_comments(db, fake):
    goal = pick(db, "SELECT gid, due_on, fixed_due_on FROM tasks WHERE kind = 'weekly_goal' AND completed = 0 "
                    "AND original_due IS NULL AND client_gid = ? ORDER BY due_on DESC", [BRIGHTSMILE])
    decision = decide(db, "postpone", task=goal["gid"], to="2027-01-15", reason="Client paused the campaign")
    assert push(db, fake).sent == [decision.id]
    task = fake.task(goal["gid"])
    assert task["due_on"] == "2027-01-15"
    assert field(task, "Original due") == goal["fixed_due_on"]
    assert field(task, "Postpone reason") == "Client paused the campaign"
    stories = [fake.store.stories[s] for s in fake.store.task_stories[goal["gid"]]]
    due_changed = max(i for i, s in enumerate(stories) if s["resource_subtype"] == "due_date_changed")
    comment = next(i for i, s in enumerate(stories) if decision.id in (s.get("text") or ""))
    assert comment > due_changed, "the comment goes only once the PUT succeeded"
    assert f"Postponed from {goal['due_on']} to 2027-01-15" in stories[comment]["text"]
    row = pick(db, "SELECT due_on, fixed_due_on, original_due, postpone_reason FROM tasks WHERE gid = ?", [goal["gid"]])
    assert row["due_on"] == "2027-01-15" and row["fixed_due_on"] == goal["fixed_due_on"]
    assert deadline_kind(row["due_on"], row["fixed_due_on"], row["original_due"], row["postpone_reason"]) == POSTPONED


def test_postpone_keeps_an_original_due_already_set(db, fake):
    goal = pick(db, "SELECT gid, original_due FROM tasks WHERE kind = 'weekly_goal' AND completed = 0 "
                    "AND original_due IS NOT NULL AND due_on < '2027-01-01'")
    decision = decide(db, "postpone", task=goal["gid"], to="2027-01-20", reason="Again")
    assert push(db, fake).sent == [decision.id]
    assert field(fake.task(goal["gid"]), "Original due") == goal["original_due"]


def test_result_sets_result_and_confidence(db, fake):
    tactic = pick(db, "SELECT gid FROM tasks WHERE kind = 'tactic' AND result IS NULL AND client_gid = ?", [BRIGHTSMILE])["gid"]
    decision = decide(db, "result", task=tactic, result="win", confidence="96.5")
    assert push(db, fake).sent == [decision.id]
    task = fake.task(tactic)
    assert field(task, "Result") == "Win" and field(task, "Confidence") == "96.5"
    row = pick(db, "SELECT result, confidence FROM tasks WHERE gid = ?", [tactic])
    assert row == {"result": "win", "confidence": 96.5}


def test_action_item_is_created_in_its_section_with_type_and_marker(db, fake):
    user = pick(db, "SELECT u.gid FROM users u JOIN pod_members m ON m.user_gid = u.gid ORDER BY u.gid")["gid"]
    decision = decide(db, "action", client="Brightsmile Dental Group", name="Send the Q1 plan", assignee=user, due="2026-12-04", notes="Draft in Drive.")
    assert push(db, fake).sent == [decision.id]
    gid = state(db, decision).progress.done["create"]
    task = fake.task(gid)
    membership = task["memberships"][0]
    assert membership["project"]["gid"] == BRIGHTSMILE and membership["section"]["name"] == "Action items"
    assert field(task, "Type") == "Action item" and task["assignee"]["gid"] == user and task["due_on"] == "2026-12-04"
    assert task["notes"].startswith("Draft in Drive.") and task["notes"].endswith(marker_line(decision.id))
    row = pick(db, "SELECT kind, client_gid, assignee_gid, due_on FROM tasks WHERE gid = ?", [gid])
    assert row == {"kind": "action_item", "client_gid": BRIGHTSMILE, "assignee_gid": user, "due_on": "2026-12-04"}


def test_action_item_without_type_field_or_section(db, fake):
    by_section = decide(db, "action", client=HARBOR, name="Review intake form")
    by_type = decide(db, "action", client=TIDEWATER, name="Book the shoot")
    assert sorted(push(db, fake).sent) == sorted([by_section.id, by_type.id])
    harbor = fake.task(state(db, by_section).progress.done["create"])
    assert harbor["memberships"][0]["section"]["name"] == "Action items"
    assert pick(db, "SELECT kind FROM tasks WHERE gid = ?", [harbor["gid"]])["kind"] == "action_item"
    tidewater = fake.task(state(db, by_type).progress.done["create"])
    assert field(tidewater, "Type") == "Action item"
    assert pick(db, "SELECT kind FROM tasks WHERE gid = ?", [tidewater["gid"]])["kind"] == "action_item"


def test_client_status_is_posted_and_becomes_the_clients_health(db, fake):
    decision = decide(db, "status", client=BRIGHTSMILE, status="off_track", title="CPA too high", text="Two weeks above target.")
    assert push(db, fake).sent == [decision.id]
    update = fake.store.updates[fake.store.parent_updates[BRIGHTSMILE][0]]
    assert update["status_type"] == "off_track" and update["title"] == "CPA too high"
    assert update["text"].endswith(marker_line(decision.id))
    client = pick(db, "SELECT status, status_title, status_gid FROM clients WHERE gid = ?", [BRIGHTSMILE])
    assert client == {"status": "off_track", "status_title": "CPA too high", "status_gid": update["gid"]}
    assert pick(db, "SELECT parent_gid FROM status_updates WHERE gid = ?", [update["gid"]])["parent_gid"] == BRIGHTSMILE


def test_goal_current_value_and_status(db, fake):
    goal = pick(db, "SELECT g.gid, g.current FROM goals g JOIN goal_clients c ON c.goal_gid = g.gid "
                    "WHERE g.has_metric = 1 AND g.status IN ('green', 'yellow', 'red') ORDER BY g.gid")
    decision = decide(db, "goal", goal=goal["gid"], current="123.5", status="at_risk", text="Behind on leads.", title="Mid-quarter")
    assert push(db, fake).sent == [decision.id]
    stored = fake.store.goals[goal["gid"]]
    assert stored["metric"]["current_number_value"] == 123.5 and stored["status"] == "yellow"
    update = fake.store.updates[fake.store.parent_updates[goal["gid"]][0]]
    assert update["status_type"] == "at_risk" and marker_line(decision.id) in update["text"]
    row = pick(db, "SELECT current, status FROM goals WHERE gid = ?", [goal["gid"]])
    assert row == {"current": 123.5, "status": "yellow"}


def test_goal_current_value_only_is_one_idempotent_write(db, fake):
    goal = pick(db, "SELECT gid FROM goals WHERE has_metric = 1 ORDER BY gid DESC")["gid"]
    decision = decide(db, "goal", goal=goal, current="7")
    assert push(db, fake).sent == [decision.id]
    assert fake.store.goals[goal]["metric"]["current_number_value"] == 7
    assert decision.id not in marked(fake)
