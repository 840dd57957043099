"""The commands as a user runs them: ids printed, messages instead of tracebacks, cli.md's exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, datetime

from podview.date_words import day
from podview.decisions.common import one
from tests.decisions.conftest import cli
from tests.decisions.helpers import marked

BRIGHTSMILE = "1208400000000060"


def a_task(cache_path, kind: str) -> dict:
    from podview.cache import open_reader

    conn = open_reader(cache_path)
    try:
        return one(conn, "SELECT gid, due_on FROM tasks WHERE kind = ? AND completed = 0 AND client_gid = ? "
                         "ORDER BY due_on IS NULL, gid", [kind, BRIGHTSMILE])
    finally:
        conn.close()


def listing(*extra: str) -> list[dict]:
    code, out, err = cli("decisions", "--format", "json", *extra)
    assert code == 0, err
    return json.loads(out)


def test_a_meeting_with_decisions_from_start_to_minutes(env, fake, cache_path):
    code, out, err = cli("meeting", "start", "--kind", "pod-standup", "--pod", "Pod Atlas", "--attendees", "Priya Raman, Marcus Okafor")
    assert code == 0, err
    meeting = out.strip()
    goal = a_task(cache_path, "weekly_goal")
    code, out, err = cli("decide", "postpone", "--task", goal["gid"], "--to", "2027-01-29", "--reason", "Client on holiday")
    assert code == 0 and "Sent to Asana." in err, err
    postponed = out.strip()
    code, out, _ = cli("decide", "status", "--client", "Brightsmile Dental Group", "--status", "at_risk", "--title", "CPA | rising", "--text", "Watch it", "--no-send")
    status = out.strip()
    assert code == 0 and fake.task(goal["gid"])["due_on"] == "2027-01-29"
    rows = listing()
    assert [r["id"] for r in rows] == [postponed, status]
    assert set(rows[0]) == {"id", "kind", "state", "error", "meeting", "target_gid", "created_at", "sent_at"}
    assert rows[0]["state"] == "sent" and rows[0]["meeting"] == meeting and rows[0]["target_gid"] == goal["gid"]
    assert rows[0]["created_at"].endswith(("-05:00", "-04:00")) and rows[1]["sent_at"] is None
    assert [r["id"] for r in listing("--pending")] == [status]
    assert cli("push")[0] == 0 and not listing("--pending")
    code, _, err = cli("meeting", "end", "--notes", "Good call")
    assert code == 0 and "minutes" in err
    code, out, _ = cli("meeting", "list", "--format", "json")
    assert json.loads(out)[0]["id"] == meeting and json.loads(out)[0]["ended_at"]

    code, md, err = cli("minutes", meeting[:12])
    assert code == 0, err
    assert md.startswith("# Pod stand-up — Pod Atlas, ")
    assert "**Attendees:** Priya Raman, Marcus Okafor" in md and "**Decisions:** 2 (2 sent)" in md
    assert "## Notes\n\nGood call" in md
    section = md.split("## Brightsmile Dental Group", 1)[1].split("\n## ", 1)[0]
    assert "risk rank" in section and "Weekly goals 20" in section and "90-day goal" in section
    held = datetime.strptime(md.split("Pod Atlas, ", 1)[1].split("\n", 1)[0], "%a %d %b %Y").date()
    said = f"from {day(date.fromisoformat(goal['due_on']), held)} to {day(date(2027, 1, 29), held)}"
    assert f"{said}: Client on holiday | sent | [open](https://app.asana.com/0/{BRIGHTSMILE}/{goal['gid']})" in section
    assert "Client status at risk: CPA \\| rising | sent |" in section
    for other in ("## Ledgerly", "## Harbor & Pine Law", "## Kettle & Crumb"):
        assert other in md
    code, out, _ = cli("minutes", "--format", "json")
    data = json.loads(out)
    assert data["meeting"]["id"] == meeting and data["counts"] == {"total": 2, "sent": 2}


def test_decide_offline_then_push_online(env, fake, cache_path, monkeypatch):
    task = a_task(cache_path, "tactic")
    fake.stop()
    code, out, err = cli("decide", "result", "--task", task["gid"], "--result", "loss", "--confidence", "99")
    decision = out.strip()
    assert code == 0 and "Recorded as pending" in err and "podview push" in err
    assert listing()[0]["state"] == "pending"
    code, out, err = cli("push")
    assert code == 2 and "Cannot reach Asana" in err and listing()[0]["state"] == "pending"
    fake.start()
    code, out, err = cli("push")
    assert code == 0 and out.startswith("Sent 1 of 1 pending decisions") and listing()[0]["state"] == "sent"
    assert cli("push")[1].startswith("Nothing to send")
    assert decision == listing()[0]["id"]


def test_push_exits_3_when_some_fail_and_edit_fixes_them(env, fake, cache_path):
    from podview.cache import open_cache

    db = open_cache(cache_path)
    db["users"].insert({"gid": "777", "name": "Gone", "email": "gone@example.com"})
    db.conn.close()
    code, out, err = cli("decide", "action", "--client", BRIGHTSMILE, "--name", "Hand over", "--assignee", "gone@example.com")
    bad = out.strip()
    assert code == 3 and "Not a recognized user" in err and "podview decisions edit" in err
    assert listing()[0]["state"] == "failed"
    code, _, err = cli("decisions", "edit", bad[:14], "--to", "2027-01-01")
    assert code == 1 and "--to does not apply to action decisions" in err
    code, out, err = cli("decisions", "edit", bad, "--assignee", "")
    assert code == 0 and out.strip() == bad and listing()[0]["state"] == "sent"
    assert len(marked(fake)[bad]) == 1


def test_retry_and_discard_from_the_command_line(env, fake, cache_path):
    task = a_task(cache_path, "weekly_goal")
    _, first, _ = cli("decide", "comment", "--task", task["gid"], "--text", "one", "--no-send")
    _, second, _ = cli("decide", "comment", "--task", task["gid"], "--text", "two", "--no-send")
    fake.delete_task(task["gid"])
    code, _, err = cli("push")
    assert code == 3 and err.count("conflict") >= 2
    code, _, err = cli("decisions", "discard", first.strip())
    assert code == 0 and "Discarded" in err
    code, _, err = cli("decisions", "retry", second.strip())
    assert code == 3 and "gone or out of reach" in err
    assert [r["state"] for r in listing()] == ["discarded", "conflict"]
    code, _, err = cli("decisions", "retry", "ZZZZ")
    assert code == 1 and "no decision with id 'ZZZZ'" in err


def test_user_errors_are_one_line_messages(env, fake, cache_path):
    code, _, err = cli("decide", "postpone", "--task", a_task(cache_path, "tactic")["gid"], "--to", "2027-01-01", "--reason", "x")
    assert code == 1 and err.startswith("podview: only weekly goals and action items can be postponed") and "Traceback" not in err
    code, _, err = cli("meeting", "start", "--kind", "pod-standup")
    assert code == 1 and "needs --pod NAME" in err
    code, _, err = cli("decide", "comment", "--task", "1", "--text", "x", "--meeting", "NOPE")
    assert code == 1 and "no meeting with id 'NOPE'" in err
    code, _, err = cli("minutes")
    assert code == 1 and "no meetings yet" in err
    code, _, err = cli("decide", "comment", "--task", "1", "--text", "x", "--db", str(env / "missing.db"))
    assert code == 1 and "no cache here yet" in err


def test_several_problems_are_one_line_each_led_by_the_option(env, fake, cache_path):
    goal = a_task(cache_path, "weekly_goal")
    code, _, err = cli("decide", "postpone", "--task", goal["gid"], "--to", "someday", "--reason", " ")
    assert code == 1 and err.splitlines() == [
        "podview: 2 problems:",
        "--to: 'someday' is not a date podview can read; write 2026-12-04, Dec 4, 4 Dec, December 4 2026, "
        "+3d (days from today) or +1w (weeks)",
        "--reason: a postponement needs --reason with some text (it is blank)",
    ]


def test_push_without_a_token_says_how_to_log_in(env, monkeypatch):
    monkeypatch.delenv("ASANA_TOKEN")
    monkeypatch.setattr("podview.sync.auth.resolve_token", lambda: None)
    code, _, err = cli("push")
    assert code == 1 and "podview auth login" in err


def test_decision_modules_stay_light():
    """Recording a decision, listing or writing minutes never imports httpx or Textual."""
    probe = (
        "import podview.cli.decisions, podview.cli.meetings, podview.decisions.validate, podview.decisions.outbox, "
        "podview.decisions.meetings, podview.decisions.minutes, sys, json\n"
        "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))"
    )
    loaded = set(json.loads(subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout))
    assert not loaded & {"httpx", "textual", "rich"}
