"""Minutes of a growth review: every client with its figures, and decisions in any state."""

from __future__ import annotations

from podview.cache import reader_for
from podview.decisions import outbox
from podview.decisions.meeting_plan import Plan
from podview.decisions.meetings import end_meeting, get_meeting, start_meeting
from podview.decisions.minutes import minutes_data, render_markdown
from tests.decisions.conftest import CONFIG, pick
from tests.decisions.helpers import decide

BRIGHTSMILE = "1208400000000060"


def test_growth_review_minutes_cover_every_client_and_every_state(db):
    meeting = start_meeting(db, "growth-review", attendees=["Founder", "Growth lead"], notes="Q4 walkthrough")
    task = pick(db, "SELECT gid, name FROM tasks WHERE client_gid = ? AND kind = 'weekly_goal' ORDER BY gid", [BRIGHTSMILE])
    pending = decide(db, "comment", meeting.id, task=task["gid"], text="Push harder | now")
    dropped = decide(db, "action", meeting.id, client=BRIGHTSMILE, name="Old idea")
    outbox.discard(db, dropped.id)
    goal = pick(db, "SELECT g.gid, g.name FROM goals g JOIN goal_clients c ON c.goal_gid = g.gid WHERE c.client_gid = ? AND g.has_metric = 1", [BRIGHTSMILE])
    decide(db, "goal", meeting.id, goal=goal["gid"], current="99")
    decide(db, "comment", None, task=task["gid"], text="not in this meeting")
    end_meeting(db)
    conn = reader_for(db)
    data = minutes_data(conn, meeting, CONFIG)
    conn.close()
    assert len(data["clients"]) == 16 and data["counts"] == {"total": 3, "pending": 2, "discarded": 1}
    brightsmile = next(c for c in data["clients"] if c["client_gid"] == BRIGHTSMILE)
    assert [d["id"] for d in brightsmile["decisions"]] == [pending.id, dropped.id, brightsmile["decisions"][2]["id"]]
    assert brightsmile["risk"]["of"] == 16 and brightsmile["weekly"] is not None
    md = render_markdown(data)
    assert md.startswith("# Growth review, ") and "## Notes\n\nQ4 walkthrough" in md
    assert f"| Comment on “{task['name']}”: Push harder \\| now | pending | [open](https://app.asana.com/0/{BRIGHTSMILE}/{task['gid']}) |" in md
    assert "| Action item “Old idea” for unassigned | discarded | — |" in md
    assert f"Goal “{goal['name']}”: current value" in md and f"(https://app.asana.com/0/goals/{goal['gid']})" in md
    assert "not in this meeting" not in md
    assert md.count("\n## ") == 17


def test_a_scoped_review_lists_only_its_clients_and_says_its_scope(db):
    harbor = "1208400000000278"
    plan = Plan("top 2 by risk", [BRIGHTSMILE, harbor], 45)
    meeting = start_meeting(db, "growth-review", plan=plan)
    assert get_meeting(db, meeting.id).plan == plan
    end_meeting(db)
    conn = reader_for(db)
    data = minutes_data(conn, get_meeting(db, meeting.id), CONFIG)
    conn.close()
    assert {c["client_gid"] for c in data["clients"]} == {BRIGHTSMILE, harbor}
    md = render_markdown(data)
    assert "- **Scope:** top 2 by risk (2 clients)" in md and "- **Time box:** 45 min" in md


def test_a_review_started_without_a_plan_says_no_scope(db):
    meeting = start_meeting(db, "growth-review")
    md = render_markdown(minutes_data(reader_for(db), meeting, CONFIG))
    assert meeting.plan is None and "Scope" not in md and "Time box" not in md
