"""The pacing screen on the demo agency: worst first, bars with the expected marker, the metric trend."""

from __future__ import annotations

import shutil
import sqlite3
from dataclasses import replace
from datetime import date

import pytest
from textual.widgets import DataTable

from podview.figures.pacing import GoalPacing
from podview.screens.pacing import (
    WORST_FIRST,
    Metric,
    PacingScreen,
    percent,
    trend_caption,
    worst_first,
)
from podview.widgets.bars import PaceBar
from podview.widgets.sparkline import Spark
from tests.screens.hosts import Host, demo_context, drive, screen_text, settle, squash, watched


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    return demo_context(tmp_path_factory.mktemp("pacing"))


def rows(app) -> list[str]:
    table = app.screen.query_one("#goals", DataTable)
    return [
        squash(" ".join(str(cell) for cell in table.get_row_at(i))).strip()
        for i in range(table.row_count)
    ]


def detail(app) -> str:
    return squash(screen_text(app).split("─" * 20)[-1])


def test_goals_are_listed_worst_first(demo):
    async def scenario(pilot):
        return pilot.app.screen.data.goals, rows(pilot.app)

    goals, lines = drive(Host(PacingScreen, demo), scenario, size=(160, 50))
    ranks = [WORST_FIRST.index(goal.status) for goal in goals]
    assert ranks == sorted(ranks)
    assert [goal.status for goal in goals[:6]] == [
        "missed",
        "missed",
        "off track",
        "off track",
        "off track",
        "at risk",
    ]
    assert lines[0].startswith(
        "✖ missed Reach 18,000 organic sessions a month Kettle & Crumb 🍪 ███████░░░░│ 62% 0.62 0d ✖ missed"
    )
    assert lines[-1].startswith("∅ no metric Roll out the rebrand")


def test_computed_status_sits_beside_asanas_own(demo):
    async def scenario(pilot):
        return rows(pilot.app)

    vireo = next(
        line for line in drive(Host(PacingScreen, demo), scenario, size=(120, 40)) if "ROAS" in line
    )
    assert (
        vireo
        == "✖ off track Reach 3.5 ROAS on paid social Vireo Skincare ███░░░░│░░░░ 21% 0.39 40d ● on track"
    )


def test_narrow_rows_lead_with_the_client(demo):
    async def scenario(pilot):
        return squash(screen_text(pilot.app))

    text = drive(Host(PacingScreen, demo), scenario, size=(80, 24))
    assert "Status Client · goal Progress Left Asana says" in text
    assert "✖ missed Kettle & Crumb 🍪 · R… ███████░░░░│ 62% 0d ✖ missed" in text


def test_over_achievement_and_unknown_progress_in_the_bars(demo):
    async def scenario(pilot):
        return rows(pilot.app)

    lines = drive(Host(PacingScreen, demo), scenario, size=(120, 40))
    assert "Cut cost per lead to $50 Kettle & Crumb 🍪 ████████│██▶ 104%" in next(
        line for line in lines if "lead to $50" in line
    )
    assert "············ — — — ● on track" in next(
        line for line in lines if line.startswith("? no dates")
    )


def test_the_selected_goal_fills_the_detail_with_a_one_snapshot_trend(demo):
    async def scenario(pilot):
        first = detail(pilot.app)
        await pilot.press("down", "down")
        await settle(pilot)
        bar = pilot.app.screen.query_one("#detail-bar", PaceBar)
        return first, detail(pilot.app), (bar.progress, bar.expected, bar.has_class("-bad"))

    first, third, bar = drive(Host(PacingScreen, demo), scenario, size=(100, 40))
    assert "Reach 18,000 organic sessions a month · Kettle & Crumb" in first
    assert "62% done, 100% expected · pace 0.62 · 12,000 → now 15,720 → target 18,000" in first
    assert "✖ missed · Asana says ✖ missed" in first
    assert "15,720 on Wed 25 Nov · trend builds up with each sync" in first
    assert "Bring cost per acquisition down to $95 · Brightsmile Dental Group" in third
    assert "$140.00 → now $131.25 → target $95.00" in third
    assert bar == (0.1944, 0.5556, True)


def test_several_snapshots_draw_a_trend(demo, tmp_path):
    path = tmp_path / "history.db"
    shutil.copy(demo.cache_path, path)
    with sqlite3.connect(path) as conn:
        gid = conn.execute("SELECT goal_gid FROM goal_snapshots WHERE current = 15720").fetchone()[
            0
        ]
        conn.executemany(
            "INSERT INTO goal_snapshots (goal_gid, taken_at, current, status) VALUES (?, ?, ?, 'red')",
            [
                (gid, f"2026-11-{day:02d}T17:00:00.000Z", value)
                for day, value in ((5, 15000), (12, 15300), (19, 15500))
            ],
        )
    conn.close()

    async def scenario(pilot):
        return pilot.app.screen.query_one("#detail-spark", Spark).values, detail(pilot.app)

    values, text = drive(
        Host(PacingScreen, replace(demo, cache_path=path)), scenario, size=(100, 40)
    )
    assert values == (15000, 15300, 15500, 15720)
    assert "15,000 on Thu 5 Nov → 15,720 on Wed 25 Nov (4 syncs)" in text


def test_goals_and_trends_are_read_in_workers(demo):
    spy = watched(demo)
    app = Host(PacingScreen, spy)

    async def scenario(pilot):
        await pilot.press("down")
        await settle(pilot)

    drive(app, scenario)
    groups = {(group, state.name) for group, state in app.finished}
    assert {("load", "SUCCESS"), ("trend", "SUCCESS")} <= groups
    assert len(spy.threads) >= 3 and "MainThread" not in spy.threads


def _goal(status: str, pace: float | None, left: int | None = 10, client: str = "A") -> GoalPacing:
    return GoalPacing(
        "1",
        "g",
        client,
        "c",
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        pace,
        None,
        left,
        status,
        None,
    )


def test_worst_first_by_status_then_pace_then_days_left():
    goals = [
        _goal("on track", 1.2),
        _goal("no metric", None),
        _goal("at risk", 0.8),
        _goal("off track", 0.5, 30),
        _goal("off track", 0.5, 5),
        _goal("missed", 0.9),
        _goal("achieved", 1.5),
        _goal("off track", 0.2, 60),
    ]
    order = [(goal.status, goal.pace, goal.days_left) for goal in worst_first(goals)]
    assert order == [
        ("missed", 0.9, 10),
        ("off track", 0.2, 60),
        ("off track", 0.5, 5),
        ("off track", 0.5, 30),
        ("at risk", 0.8, 10),
        ("on track", 1.2, 10),
        ("achieved", 1.5, 10),
        ("no metric", None, 10),
    ]


def test_metric_formats():
    assert Metric("currency", "USD", 2).format(126) == "$126.00"
    assert Metric("currency", "CHF", 0).format(1200) == "1,200 CHF"
    assert Metric("percentage", None, 1).format(0.034) == "3.4%"
    assert Metric("none", None, 0).format(14400) == "14,400"
    assert Metric().format(None) == "—"


def test_percent_never_says_minus_zero():
    assert percent(-0.0) == "0%" and percent(-0.004) == "0%" and percent(None) == "—"


def test_trend_caption_without_snapshots():
    assert trend_caption([], Metric(), date(2026, 11, 25)) == "no snapshot yet · trend builds up with each sync"


def test_snapshot_pacing(demo, snap_compare):
    assert snap_compare(Host(PacingScreen, demo), terminal_size=(100, 30), run_before=settle)


def test_w_jumps_back_to_the_worst_goal_and_a_goal_without_metric_says_so(demo):
    async def scenario(pilot):
        await pilot.press("end")
        table = pilot.app.screen.query_one("#goals", DataTable)
        table.move_cursor(row=table.row_count - 1)
        await settle(pilot)
        last = detail(pilot.app)
        await pilot.press("w")
        await settle(pilot)
        return last, table.cursor_row, detail(pilot.app)

    last, row, first = drive(Host(PacingScreen, demo), scenario, size=(100, 40))
    assert "Roll out the rebrand across every channel" in last
    assert "no numeric metric · 33% of the time used · 60 days left" in last
    assert "∅ no metric · Asana says —" in last
    assert row == 0 and "Reach 18,000 organic sessions a month" in first
