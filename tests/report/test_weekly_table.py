"""`podview report` as a person reads it: progress for a running week, hit rate for an ended one,
the current due date beside the fixed one, statuses and signals in words, and CSV numbers a
spreadsheet takes as they are."""

from __future__ import annotations

import csv
import io
import json

import pytest

from podview.cli import main

TODAY = "2026-11-25"
"""A Wednesday: 2026-W48 (Nov 23–29) is running, 2026-W47 (Nov 16–22) has ended."""


@pytest.fixture
def cache(agency, db, tmp_path, monkeypatch):
    """One pod, one client; W48 has 1 hit, 2 open and 1 postponed goal, W47 1 hit, 1 late and 1 missed.

    The client's 90-day goal is at risk: progress (65 − 80) / (50 − 80) = 0.5 after 55 of 90 days
    (expected 0.6111), pace 0.8182.
    """
    monkeypatch.setenv("PODVIEW_CONFIG", str(tmp_path / "config.toml"))
    (tmp_path / "config.toml").write_text('timezone = "America/New_York"\n')
    pod = agency.pod("Pod Atlas")
    maya = agency.user("Maya Chen", pod=pod)
    acme = agency.client("Acme Dental", pod, mrr=18500, monthly_budget=10000.0, spend_mtd=2500.5)
    agency.task(acme, "Launch promo", due_on="2026-11-24", completed_at="2026-11-24T15:00:00.000Z", assignee=maya)
    agency.task(acme, "Write ad copy", due_on="2026-11-26", assignee=maya)
    agency.task(acme, "Refresh landing page", due_on="2026-11-27", assignee=maya)
    agency.task(acme, "Book the shoot", due_on="2026-12-04", seen_due=("2026-11-25",), original_due="2026-11-25",
                postpone_reason="Photographer ill", assignee=maya)
    agency.task(acme, "Audit keywords", due_on="2026-11-18", completed_at="2026-11-18T15:00:00.000Z", assignee=maya)
    agency.task(acme, "Publish blog post", due_on="2026-11-19", assignee=maya)
    agency.task(acme, "Fix tracking", due_on="2026-11-20", completed_at="2026-11-24T15:00:00.000Z", assignee=maya)
    agency.goal(acme, "Cost per lead", start_on="2026-10-01", due_on="2026-12-30", initial=80.0, current=65.0,
                target=50.0, unit="currency", status="yellow")
    return str(db.execute("PRAGMA database_list").fetchone()[2])


def report(capsys, cache, kind, fmt, *extra):
    code = main(["report", kind, "--db", cache, "--today", TODAY, "--format", fmt, *extra])
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


def section(out: str, title: str) -> list[str]:
    """The lines of one titled section of a table, up to the next blank line."""
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(title + " ("))
    end = next((i for i in range(start, len(lines)) if not lines[i].strip()), len(lines))
    return lines[start:end]


def test_running_week_shows_how_much_is_done_not_a_hit_rate(capsys, cache):
    out = report(capsys, cache, "weekly", "table")
    pod = section(out, "By pod")
    assert "Progress" in pod[1] and "Hit rate" not in pod[1]
    # 1 hit of 4 goals, 1 of them postponed: 1 of 3 done. The hit rate (1 of 1 decided) would say 100%.
    assert pod[3].split()[:2] == ["Pod", "Atlas"] and pod[3].endswith("1 of 3 done")
    assert "100%" not in out and "100 %" not in out


def test_ended_week_shows_its_hit_rate(capsys, cache):
    out = report(capsys, cache, "weekly", "table", "--week", "2026-W47")
    pod = section(out, "By pod")
    assert "Hit rate" in pod[1] and "Progress" not in pod[1]
    # 1 hit, 1 late, 1 missed: 1 of 3 decided goals hit.
    assert pod[3].endswith("33%")
    assert " done" not in out


def test_due_column_shows_the_current_date_or_the_move_from_the_fixed_one(capsys, cache):
    out = report(capsys, cache, "weekly", "table")
    rows = section(out, "Weekly goals")[3:]
    shoot = next(line for line in rows if "Book the shoot" in line)
    assert "25 Nov → 4 Dec" in shoot and "postponed" in shoot
    promo = next(line for line in rows if "Launch promo" in line)
    assert "Tue 24 Nov" in promo and "→" not in promo


def test_markdown_follows_the_same_rules(capsys, cache):
    running = report(capsys, cache, "weekly", "md")
    assert "| Pod Atlas | 4 | 1 | 0 | 0 | 2 | 1 | 1 of 3 done |" in running
    assert "| 25 Nov → 4 Dec |" in running and "Hit rate" not in running
    assert "2026-" not in running.replace("2026-W", "")
    ended = report(capsys, cache, "weekly", "md", "--week", "2026-W47")
    assert "| Pod Atlas | 3 | 1 | 1 | 1 | 0 | 0 | 33% |" in ended and "Progress" not in ended


def test_csv_writes_whole_numbers_without_a_decimal_point_and_booleans_as_words(capsys, cache):
    rows = list(csv.DictReader(io.StringIO(report(capsys, cache, "weekly", "csv"))))
    shoot = next(row for row in rows if row["name"] == "Book the shoot")
    assert (shoot["carried_over"], shoot["deadline_moved"]) == ("false", "false")
    assert shoot["due_on"] == "2026-12-04" and shoot["fixed_due_on"] == "2026-11-25"
    risk = list(csv.DictReader(io.StringIO(report(capsys, cache, "risk", "csv"))))
    # goal_at_risk 15 + weekly_hit_rate_low 15 (W47: 1 of 3) + spend_pacing 10 (2,500.50 spent of
    # 8,333.33 expected by the 25th); CSV keeps the signal ids.
    assert (risk[0]["mrr"], risk[0]["score"]) == ("18500", "40")
    assert risk[0]["reasons"] == "goal_at_risk;weekly_hit_rate_low;spend_pacing"


def test_csv_keeps_fractions_as_they_are(capsys, cache):
    goal = next(csv.DictReader(io.StringIO(report(capsys, cache, "pacing", "csv"))))
    assert (goal["initial"], goal["current"], goal["target"]) == ("80", "65", "50")
    assert (goal["progress"], goal["expected"], goal["pace"], goal["days_left"]) == ("0.5", "0.6111", "0.8182", "35")
    assert goal["projected"] == "55.4545"
    assert (goal["status"], goal["asana_status"]) == ("at risk", "yellow")


def test_tables_say_statuses_and_signals_in_words_while_json_keeps_ids(capsys, cache):
    pacing = section(report(capsys, cache, "pacing", "table"), "90-day goals")
    row = next(line for line in pacing if "Cost per lead" in line)
    # Computed pace 0.8182 is at risk; Asana's own "yellow" is shown as Asana's words for it.
    assert row.endswith("at risk  at risk") and "yellow" not in row
    risk = report(capsys, cache, "risk", "md")
    assert "| a 90-day goal is at risk; weekly hit rate under 70% (4 wks); ad spend off pace (> 15%) |" in risk
    assert "goal_at_risk" not in risk
    data = json.loads(report(capsys, cache, "risk", "json"))
    assert data["clients"][0]["reasons"] == ["goal_at_risk", "weekly_hit_rate_low", "spend_pacing"]
