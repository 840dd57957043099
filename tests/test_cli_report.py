"""`podview report`: cli.md's JSON shapes, readable tables, and errors a user can act on."""

from __future__ import annotations

import csv
import io
import json

import pytest

from podview.cli import main

WEEKLY_GOAL_KEYS = ["task_gid", "name", "client", "client_gid", "pod", "assignee", "due_on", "fixed_due_on",
                    "status", "completed_at", "carried_over", "deadline_moved"]
TOTAL_KEYS = ["name", "total", "hit", "late", "missed", "open", "postponed", "hit_rate", "progress"]
TALLY_KEYS = ["name", "running", "win", "loss", "inconclusive", "win_rate", "win_rate_ci"]


@pytest.fixture
def cache(agency, db, tmp_path, monkeypatch):
    """A small agency: one pod, two clients, goals of every kind, tactics and a 90-day goal."""
    monkeypatch.setenv("PODVIEW_CONFIG", str(tmp_path / "config.toml"))
    (tmp_path / "config.toml").write_text('timezone = "America/New_York"\n')
    pod = agency.pod("Pod Atlas")
    maya = agency.user("Maya Chen", pod=pod)
    dee = agency.user("Dee Okafor", pod=pod)
    acme = agency.client("Acme Dental", pod, mrr=12000, status="off_track")
    agency.client("Bloom & Co", pod, mrr=5000)
    # Sunday 2026-11-22 23:30 in New York is Monday 04:30 UTC: still a hit in W47.
    agency.task(acme, "Launch spring promo", due_on="2026-11-20", completed_at="2026-11-23T04:30:00.000Z", assignee=maya)
    agency.task(acme, "Publish 2 blog posts", due_on="2026-11-19", assignee=maya)
    agency.task(acme, "Refresh landing page", due_on="2026-11-27", seen_due=("2026-11-18",),
                original_due="2026-11-18", postpone_reason="Waiting for photos", assignee=maya)
    agency.task(acme, "Fix tracking", due_on="2026-11-26", seen_due=("2026-11-17",), assignee=None)
    agency.task(acme, "Undated goal")
    agency.task(acme, "Headline test", "tactic", tactic="Ad copy", result="win", confidence=97,
                completed_at="2026-11-10T15:00:00.000Z", assignee=dee)
    agency.goal(acme, "Cost per lead", start_on="2026-10-01", due_on="2026-12-30", initial=80, current=65, target=50, unit="currency")
    return str(db.execute("PRAGMA database_list").fetchone()[2])


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def report_json(capsys, cache, kind, *extra):
    code, out, err = run(capsys, "report", kind, "--db", cache, "--today", "2026-11-25", "--format", "json", *extra)
    assert code == 0, err
    return json.loads(out)


def test_weekly_json_shape_and_figures(capsys, cache):
    data = report_json(capsys, cache, "weekly", "--week", "2026-W47")
    assert list(data)[:3] == ["report", "today", "timezone"]
    assert (data["report"], data["today"], data["timezone"]) == ("weekly", "2026-11-25", "America/New_York")
    assert (data["week"], data["start"], data["end"]) == ("2026-W47", "2026-11-16", "2026-11-22")
    assert all(list(goal) == WEEKLY_GOAL_KEYS for goal in data["goals"])
    by_name = {goal["name"]: goal for goal in data["goals"]}
    assert by_name["Launch spring promo"]["status"] == "hit"
    assert by_name["Launch spring promo"]["completed_at"] == "2026-11-22T23:30:00-05:00"
    assert by_name["Publish 2 blog posts"]["status"] == "missed"
    assert by_name["Refresh landing page"]["status"] == "postponed"
    assert by_name["Fix tracking"]["deadline_moved"] is True and by_name["Fix tracking"]["assignee"] is None
    assert set(data["totals"]) == {"pod", "client", "assignee"}
    pod_total = data["totals"]["pod"][0]
    assert list(pod_total) == TOTAL_KEYS
    assert (pod_total["total"], pod_total["hit"], pod_total["missed"], pod_total["postponed"]) == (4, 1, 2, 1)
    assert pod_total["hit_rate"] == round(1 / 3, 4) and pod_total["progress"] == round(1 / 3, 4)


def test_carried_over_goal_shows_in_the_next_week(capsys, cache):
    data = report_json(capsys, cache, "weekly")
    assert data["week"] == "2026-W48"
    carried = [g for g in data["goals"] if g["carried_over"]]
    assert [(g["name"], g["status"]) for g in carried] == [("Refresh landing page", "open")]


def test_tactics_json_shape(capsys, cache):
    data = report_json(capsys, cache, "tactics", "--confidence", "99")
    assert (data["since"], data["confidence"]) == ("2026-08-27", 99)
    row = data["rows"][0]
    assert list(row) == ["client", "client_gid", "pod", "tactic", "running", "win", "loss", "inconclusive",
                         "win_rate", "win_rate_ci", "loss_streak"]
    assert (row["tactic"], row["win"], row["inconclusive"], row["win_rate"]) == ("Ad copy", 0, 1, None)
    assert list(data["by_designer"][0]) == TALLY_KEYS and data["by_designer"][0]["name"] == "Dee Okafor"
    assert list(data["by_pod"][0]) == TALLY_KEYS


def test_postponed_json_shape(capsys, cache):
    data = report_json(capsys, cache, "postponed")
    assert list(data["postponed"][0]) == ["task_gid", "name", "client", "pod", "assignee", "fixed_due_on", "due_on", "reason", "completed"]
    assert data["postponed"][0]["reason"] == "Waiting for photos"
    assert list(data["deadline_moved"][0]) == ["task_gid", "name", "client", "pod", "assignee", "fixed_due_on", "due_on", "completed"]
    assert data["recreated"] == []
    assert [(p["name"], p["problem"]) for p in data["problems"]] == [("Undated goal", "no due date")]


def test_pacing_json_shape(capsys, cache):
    goal = report_json(capsys, cache, "pacing")["goals"][0]
    assert list(goal) == ["goal_gid", "name", "client", "client_gid", "pod", "start_on", "due_on", "initial", "current",
                          "target", "unit", "progress", "expected", "pace", "projected", "days_left", "status", "asana_status"]
    assert goal["progress"] == 0.5 and goal["unit"] == "currency" and goal["days_left"] == 35


def test_risk_json_shape(capsys, cache):
    clients = report_json(capsys, cache, "risk")["clients"]
    assert list(clients[0]) == ["rank", "client", "client_gid", "pod", "score", "mrr", "reasons"]
    assert clients[0]["client"] == "Acme Dental" and "status_red" in clients[0]["reasons"]
    assert [c["rank"] for c in clients] == [1, 2]


PERSON_KEYS = ["user_gid", "name", "pods", "clients", "weekly", "tactics", "training", "coach"]
PERSON_WEEKLY_KEYS = ["goals", "hit", "late", "missed", "postponed", "hit_rate", "deadline_moved", "recreated",
                      "planned_by_monday", "trend"]
HABIT_KEYS = ["planned_by_monday", "postpone_rate", "moved_rate", "goals_per_week", "training_completion", "avg_score"]


def test_people_json_shape_and_figures(capsys, cache, agency):
    course = agency.training_project("Training · Onboarding")
    maya = agency.db.execute("SELECT gid FROM users WHERE name = 'Maya Chen'").fetchone()[0]
    agency.module(course, maya, "Tools", completed_at="2026-10-01T15:00:00.000Z", score=88)
    agency.module(course, maya, "Reporting", due_on="2026-11-20")
    data = report_json(capsys, cache, "people")
    assert list(data) == ["report", "today", "timezone", "weeks", "since", "confidence", "people", "habits"]
    assert (data["weeks"], data["since"], data["confidence"]) == (
        ["2026-W44", "2026-W45", "2026-W46", "2026-W47"], "2026-08-27", 95
    )
    dee, maya_row = data["people"]
    assert all(list(person) == PERSON_KEYS for person in data["people"])
    assert list(maya_row["weekly"]) == PERSON_WEEKLY_KEYS and len(maya_row["weekly"]["trend"]) == 12
    assert list(maya_row["tactics"]) == TALLY_KEYS[1:]
    assert list(maya_row["training"]) == ["assigned", "completed", "overdue", "completion", "avg_score"]
    assert (maya_row["name"], maya_row["pods"], maya_row["clients"]) == ("Maya Chen", ["Pod Atlas"], 1)
    # W47: the promo hit (Sunday 23:30 local), the blog posts missed, the landing page postponed.
    weekly = maya_row["weekly"]
    assert (weekly["goals"], weekly["hit"], weekly["missed"], weekly["postponed"], weekly["hit_rate"]) == (3, 1, 1, 1, 0.5)
    assert maya_row["training"] == {"assigned": 2, "completed": 1, "overdue": 1, "completion": 0.5, "avg_score": 88}
    assert maya_row["coach"] == ["hit_rate_low", "training_overdue"]
    assert (dee["name"], dee["tactics"]["win"], dee["clients"], dee["weekly"]["hit_rate"]) == ("Dee Okafor", 1, 1, None)
    assert list(data["habits"]) == HABIT_KEYS and data["habits"]["avg_score"] == {"top": 88, "rest": None}


def test_people_weeks_and_pod(capsys, cache):
    data = report_json(capsys, cache, "people", "--weeks", "1", "--pod", "pod atlas", "--since", "2026-11-11")
    assert (data["weeks"], data["since"]) == (["2026-W47"], "2026-11-11")
    assert [p["name"] for p in data["people"]] == ["Dee Okafor", "Maya Chen"]
    assert data["people"][0]["tactics"]["win"] == 0, "the test was completed before --since"
    code, out, err = run(capsys, "report", "people", "--db", cache, "--pod", "Pod Zeta")
    assert code == 1 and out == "" and "no pod named 'Pod Zeta'" in err


@pytest.mark.parametrize("weeks", ["0", "17", "four"])
def test_people_weeks_out_of_range_is_a_usage_error(capsys, cache, weeks):
    with pytest.raises(SystemExit) as exit_info:
        main(["report", "people", "--db", cache, "--weeks", weeks])
    assert exit_info.value.code == 1
    assert "--weeks" in capsys.readouterr().err


def test_people_csv_and_markdown(capsys, cache):
    _, out, _ = run(capsys, "report", "people", "--db", cache, "--today", "2026-11-25", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [row["name"] for row in rows] == ["Dee Okafor", "Maya Chen"]
    assert rows[1]["pods"] == "Pod Atlas" and rows[1]["hit_rate"] == "0.5" and rows[1]["coach"] == "hit_rate_low"
    assert rows[1]["trend"].count(";") == 11
    _, out, _ = run(capsys, "report", "people", "--db", cache, "--today", "2026-11-25", "--format", "md")
    assert out.startswith("# People, 26 Oct – 22 Nov, tests since Thu 27 Aug")
    assert "## What successful managers do" in out and "| set their goals by Monday |" in out
    assert "weekly hit rate under 70%" in out


@pytest.mark.parametrize("kind", ["weekly", "tactics", "postponed", "pacing", "risk", "people"])
def test_tables_fit_100_columns(capsys, cache, kind):
    code, out, _ = run(capsys, "report", kind, "--db", cache, "--today", "2026-11-25", "--format", "table", "--week", "2026-W47")
    assert code == 0
    assert max(len(line) for line in out.splitlines()) <= 100
    assert "today 25 Nov 2026 · America/New_York" in out.splitlines()[0]


def test_csv_and_markdown(capsys, cache):
    _, out, _ = run(capsys, "report", "postponed", "--db", cache, "--today", "2026-11-25", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {row["list"] for row in rows} == {"Postponed (sanctioned)", "Deadline moved (not sanctioned)", "Data problems"}
    _, out, _ = run(capsys, "report", "risk", "--db", cache, "--today", "2026-11-25", "--format", "md")
    assert out.startswith("# At-risk ranking") and "| 1 | Acme Dental |" in out


def test_risk_text_counts_the_clients_at_risk_and_shows_each_score_on_its_scale(capsys, cache, tmp_path):
    clients = report_json(capsys, cache, "risk")["clients"]
    at_risk = sum(c["score"] > 0 for c in clients)
    assert 0 < at_risk < len(clients)
    heading = f"At risk — {at_risk} of {len(clients)} clients show warning signs"
    for fmt, line in (("table", heading), ("md", f"## {heading}")):
        _, out, _ = run(capsys, "report", "risk", "--db", cache, "--today", "2026-11-25", "--format", fmt)
        assert line in out.splitlines()
        assert f"{clients[0]['score']}/130" in out
    (tmp_path / "config.toml").write_text('timezone = "America/New_York"\n[risk.weights]\ngoal_at_risk = 50\nstatus_yellow = 1\n')
    _, out, _ = run(capsys, "report", "risk", "--db", cache, "--today", "2026-11-25", "--format", "table")
    assert f"/{130 - 30 + 50}" in out  # goal_at_risk now outweighs goal_off_track; red still outweighs yellow
    _, out, _ = run(capsys, "report", "risk", "--db", cache, "--today", "2026-11-25", "--format", "csv")
    assert "/130" not in out and "/150" not in out


def test_filters_and_unknown_names(capsys, cache):
    data = report_json(capsys, cache, "risk", "--client", "bloom & co")
    assert [c["client"] for c in data["clients"]] == ["Bloom & Co"]
    code, out, err = run(capsys, "report", "risk", "--db", cache, "--pod", "Pod Zeta")
    assert code == 1 and out == ""
    assert "no pod named 'Pod Zeta'" in err and "Pod Atlas" in err


@pytest.mark.parametrize(
    "argv, message",
    [
        (["--week", "2026-47"], "is not a week"),
        (["--today", "25/11/2026"], "not a date"),
        (["--since", "yesterday"], "not a date"),
    ],
)
def test_bad_options_are_explained(capsys, cache, argv, message):
    code, out, err = run(capsys, "report", "weekly", "--db", cache, *argv)
    assert code == 1 and message in err and "Traceback" not in err


def test_confidence_out_of_range_is_a_usage_error(capsys, cache):
    with pytest.raises(SystemExit) as exit_info:
        main(["report", "tactics", "--db", cache, "--confidence", "120"])
    assert exit_info.value.code == 1, "cli.md: usage errors exit 1 (2 is Asana unreachable)"
    assert "outside 0–100" in capsys.readouterr().err


def test_missing_and_corrupt_caches(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("PODVIEW_CONFIG", str(tmp_path / "none.toml"))
    (tmp_path / "none.toml").write_text("")
    code, _, err = run(capsys, "report", "risk", "--db", str(tmp_path / "absent.db"))
    assert code == 1 and "podview demo --no-ui" in err
    junk = tmp_path / "junk.db"
    junk.write_text("not a database at all " * 100)
    code, _, err = run(capsys, "report", "risk", "--db", str(junk))
    assert code == 1 and str(junk) in err and "untouched" in err
    assert junk.read_text() == "not a database at all " * 100


def test_config_error_names_the_file(capsys, cache, tmp_path, monkeypatch):
    bad = tmp_path / "bad.toml"
    bad.write_text("[pacing]\nat_risk = 2\n")
    monkeypatch.setenv("PODVIEW_CONFIG", str(bad))
    code, _, err = run(capsys, "report", "risk", "--db", cache)
    assert code == 1 and str(bad) in err and "pacing.at_risk" in err
