"""`podview demo`: the demo agency, loaded through the real mapper, shows every figure's every state."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from zoneinfo import ZoneInfo

import pytest

from podview.cache import open_reader
from podview.cli import main
from podview.config import Config
from podview.dates import Week
from podview.demo.build import build_demo_cache
from podview.figures.pacing import pacing_report
from podview.figures.postponed import postponed_report
from podview.figures.risk import SIGNALS, fired_signals
from podview.figures.tactics import loss_streaks, tactics_report
from podview.figures.weekly import goals_by_week

TODAY = date(2026, 11, 25)
ZONE = ZoneInfo("America/New_York")
CONFIG = Config(timezone="America/New_York")


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    summary = build_demo_cache(path, today=TODAY, config=CONFIG)
    conn = open_reader(path)
    yield summary, conn
    conn.close()


def test_demo_agency_size(demo):
    summary, conn = demo
    assert summary.pods == 4
    assert 14 <= summary.clients <= 18
    assert conn.execute("SELECT count(*) FROM tasks WHERE kind = 'weekly_goal'").fetchone()[0] > 500
    skipped = " ".join(summary.skipped_projects).casefold()
    assert "[internal]" in skipped


def test_every_weekly_status_and_flag_occurs(demo):
    _, conn = demo
    weeks = [Week.of(TODAY).shift(-k) for k in range(15, -1, -1)]
    goals = [
        g for week in goals_by_week(conn, weeks, today=TODAY, zone=ZONE).values() for g in week
    ]
    assert {g.status for g in goals} == {"hit", "late", "missed", "open", "postponed"}
    assert any(g.carried_over for g in goals)
    assert any(g.deadline_moved for g in goals)


def test_ledger_has_postponements_moves_recreations_and_problems(demo):
    _, conn = demo
    ledger = postponed_report(conn, today=TODAY, zone=ZONE)
    assert ledger.postponed and ledger.deadline_moved and ledger.recreated
    assert any(p.problem == "no due date" for p in ledger.problems)
    same_week = [p for p in ledger.postponed if Week.of(p.fixed_due_on) == Week.of(p.due_on)]
    assert same_week, "a postponement within one week"


def test_tactics_show_every_tally_and_a_loss_streak(demo):
    _, conn = demo
    report = tactics_report(conn, since=date(2026, 8, 1), confidence=95, today=TODAY, zone=ZONE)
    totals = {
        k: sum(getattr(r, k) for r in report.rows)
        for k in ("running", "win", "loss", "inconclusive")
    }
    assert all(totals.values()), totals
    assert any(r.tactic == "(none)" for r in report.rows)
    assert max(loss_streaks(conn, confidence=95).values()) >= 3


def test_every_pacing_status_occurs(demo):
    _, conn = demo
    statuses = {g.status for g in pacing_report(conn, today=TODAY).goals}
    assert statuses == {
        "on track",
        "at risk",
        "off track",
        "achieved",
        "missed",
        "not started",
        "no metric",
        "no dates",
    }


def test_every_risk_signal_fires_somewhere_and_scores_spread(demo):
    _, conn = demo
    gids = [row[0] for row in conn.execute("SELECT gid FROM clients")]
    fired = fired_signals(conn, gids, today=TODAY, zone=ZONE, config=CONFIG)
    assert set().union(*fired.values()) == set(SIGNALS)


def test_names_survive_exactly(demo):
    _, conn = demo
    names = [
        row[0] for row in conn.execute("SELECT name FROM tasks UNION ALL SELECT name FROM clients")
    ]
    assert any("<b>&amp;" in n for n in names)
    assert any(len(n) == 300 for n in names)
    assert any(any("\u0590" <= ch <= "\u06ff" for ch in n) for n in names)


def test_demo_no_ui_prints_the_path_and_reports_read_it(tmp_path, monkeypatch, capsys):
    path = tmp_path / "demo.db"
    monkeypatch.setenv("PODVIEW_DB", str(path))
    monkeypatch.setenv("PODVIEW_CONFIG", str(tmp_path / "c.toml"))
    (tmp_path / "c.toml").write_text('timezone = "UTC"\n')
    assert main(["demo", "--no-ui", "--today", "2026-11-25"]) == 0
    assert capsys.readouterr().out.strip() == str(path)
    assert main(["report", "risk", "--format", "json", "--today", "2026-11-25"]) == 0
    risk = json.loads(capsys.readouterr().out)
    assert (
        risk["clients"][0]["rank"] == 1
        and risk["clients"][0]["score"] > risk["clients"][-1]["score"]
    )
    assert main(["demo", "--no-ui", "--today", "2026-11-25"]) == 0, "rebuilding the demo is allowed"


def test_demo_never_overwrites_a_real_cache(tmp_path, monkeypatch, capsys):
    path = tmp_path / "real.db"
    build_demo_cache(path, today=TODAY, config=CONFIG)
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO syncs (source, mode) VALUES ('asana', 'full')")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    monkeypatch.setenv("PODVIEW_CONFIG", str(tmp_path / "none.toml"))
    (tmp_path / "none.toml").write_text("")
    assert main(["demo", "--no-ui", "--db", str(path)]) == 1
    assert "will not overwrite" in capsys.readouterr().err
    assert path.read_bytes() == before
