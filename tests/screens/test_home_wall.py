"""Home on a wall-sized screen: goals due, the latest decisions, every reason, scores on their scale.

And the count of clients at risk, which Home and `podview report risk` must
say in the same words with the same number.
"""

from __future__ import annotations

import json
import re
import sqlite3

import pytest
from textual.widgets import Digits

from podview.cli import main
from podview.widgets.fit_table import FitTable
from tests.screens.conftest import SIZE, TODAY, screen_text, settle

pytestmark = pytest.mark.anyio

WALL = (180, 50)


def add_decisions(path) -> None:
    """A sent, a failed and a pending comment, recorded one after the other."""
    with sqlite3.connect(path) as conn:
        for n, state in enumerate(("sent", "failed", "pending")):
            payload = {"client_name": "Vireo Skincare", "task": "1", "task_name": f"Goal {n}", "text": f"Note {n}"}
            conn.execute(
                "INSERT INTO decisions (id, kind, payload, state, created_at) VALUES (?, 'comment', ?, ?, ?)",
                [f"d{n}", json.dumps(payload), state, f"2026-11-24T1{n}:00:00Z"],
            )
    conn.close()


def rows_of(app, table_id: str) -> list[str]:
    table = app.screen.query_one(f"#{table_id}", FitTable)
    return [" ".join(str(getattr(cell, "plain", cell)) for cell in table.get_row_at(i)) for i in range(table.row_count)]


async def test_a_wall_lists_goals_due_and_the_latest_decisions_newest_first(app_on, own_cache):
    add_decisions(own_cache)
    app = app_on(own_cache)
    async with app.run_test(size=WALL) as pilot:
        await settle(pilot)
        due = app.screen.data.due
        assert due and all(goal.due_on <= TODAY for goal in due)
        text = screen_text(app)
        assert f"Weekly goals overdue — 0 · due today — {len(due)}" in text
        assert due[0].client in text and (due[0].assignee or "unassigned") in text
        decisions = rows_of(app, "latest-decisions")
        assert [row.split()[1] for row in decisions] == ["pending", "failed", "sent"]
        assert "Latest 3 decisions" in text and "Goal 2" in decisions[0]


async def test_a_wall_shows_every_reason_of_the_top_clients_and_scores_on_their_scale(app):
    async with app.run_test(size=WALL) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "more" not in rows_of(app, "at-risk")[0]
        assert "period ending" in text  # the top client's ninth and last reason
        assert "120/130" in text


async def test_a_laptop_home_builds_no_wall_panels_until_the_screen_grows(app):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert not app.screen.query("#due-panel") and not app.screen.query("#decisions-panel")
        assert "+7 more" in screen_text(app) and "/130" not in screen_text(app)
        await pilot.resize_terminal(*WALL)
        await settle(pilot)
        assert app.screen.query_one("#due-panel").region.height > 0
        assert "120/130" in screen_text(app)
        await pilot.resize_terminal(*SIZE)
        await settle(pilot)
        assert app.screen.query_one("#due-panel").region.height == 0
        assert "+7 more" in screen_text(app)


async def test_home_and_report_risk_count_the_same_clients_at_risk(app, demo_cache, tmp_path, monkeypatch, capsys):
    (tmp_path / "config.toml").write_text('timezone = "America/New_York"\n')
    monkeypatch.setenv("PODVIEW_CONFIG", str(tmp_path / "config.toml"))
    assert main(["report", "risk", "--db", str(demo_cache), "--today", TODAY.isoformat(), "--format", "table"]) == 0
    heading = next(line for line in capsys.readouterr().out.splitlines() if line.startswith("At risk — "))
    at_risk, ranked = map(int, re.match(r"At risk — (\d+) of (\d+) clients show warning signs", heading).groups())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        data = app.screen.data
        assert (sum(row.at_risk for row in data.ranking), len(data.ranking)) == (at_risk, ranked)
        assert heading in screen_text(app)
        await pilot.press("P")
        await settle(pilot)
        assert [d.value for d in app.screen.query(Digits)][1] == str(at_risk)
