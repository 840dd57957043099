"""Goal rows say what a meeting must see: an open goal past its day is overdue, a decision waiting in the outbox shows.

Counted on Saturday 2026-11-28, after the demo's goals due Wednesday to
Friday of 2026-W48; the figures themselves stay metrics.md's (still open).
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from datetime import date
from functools import partial
from pathlib import Path

import pytest
from textual.widgets import DataTable

from podview.screens.client_card import ClientCardScreen
from podview.screens.context import ViewContext
from podview.screens.standup import StandupScreen
from podview.screens.weekly import WeeklyScreen
from podview.tui.app import make_app
from tests.screens.conftest import CONFIG, settle
from tests.screens.hosts import Host, drive, screen_text, squash, started
from tests.screens.test_decide import FakeSender, open_form, rows, to_weekly_goal

SATURDAY = date(2026, 11, 28)
PINTEREST = "Review Pinterest search terms and add negatives"
"""Brightsmile Dental Group's goal due Friday 27 Nov, not done."""


def goal_rows(app) -> list[str]:
    """Every row of the Weekly table as one line of plain text."""
    table = app.screen.query_one("#goals", DataTable)
    return [
        squash(" ".join(str(cell) for cell in table.get_row_at(i))).strip()
        for i in range(table.row_count)
    ]


def row_of(lines: list[str], name: str) -> str:
    return next(line for line in lines if name in line)


def gid_of(path: Path, sql: str, *args: str) -> str:
    with sqlite3.connect(path) as conn:
        found = conn.execute(sql, args).fetchone()[0]
    conn.close()
    return found


async def postpone(pilot) -> None:
    """`d`, postpone, save with the week later the form offers: the reason asked for is typed."""
    await open_form(pilot)
    await pilot.press("ctrl+s")
    await settle(pilot)
    await pilot.press(*"client asked for a week", "ctrl+s")
    await settle(pilot)


def test_weekly_says_overdue_on_an_open_goal_past_its_day_and_counts_it_open(context):
    async def scenario(pilot):
        return goal_rows(pilot.app), squash(screen_text(pilot.app))

    wednesday, _ = drive(Host(WeeklyScreen, context), scenario, size=(120, 40))
    saturday, text = drive(
        Host(WeeklyScreen, replace(context, today=SATURDAY)), scenario, size=(120, 40)
    )
    assert "◷ open Fri 27 Nov" in row_of(wednesday, PINTEREST)
    assert "⚠ overdue Fri 27 Nov" in row_of(saturday, PINTEREST)
    assert "⚠ overdue Wed 25 Nov ↪ carried over" in row_of(saturday, "Review YouTube search terms")
    assert "✔ hit" in row_of(saturday, "Publish 4 blog posts on teeth whitening")
    assert "Pod Atlas 6 of 14 done" in text, "overdue goals still count as open"


def test_the_stand_up_says_overdue(own):
    async def scenario(pilot):
        await started(pilot)
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        return pilot.app.screen.step, squash(screen_text(pilot.app))

    step, text = drive(
        Host(partial(StandupScreen, pod="Pod Atlas"), replace(own, today=SATURDAY)),
        scenario,
        size=(120, 50),
    )
    assert step == "step-this"
    assert "⚠ overdue Fri 27 Nov" in text and PINTEREST in text


@pytest.mark.anyio
async def test_the_client_card_says_overdue(own_cache, tmp_path):
    gid = gid_of(own_cache, "SELECT gid FROM clients WHERE name = ?", "Brightsmile Dental Group")
    context = ViewContext(cache_path=own_cache, config=CONFIG, today=SATURDAY)
    app = make_app(context, export_dir=tmp_path, warm_screens=False)
    async with app.run_test(size=(200, 60)) as pilot:
        await settle(pilot)
        app.open_client(gid)
        await settle(pilot)
        assert isinstance(app.screen, ClientCardScreen)
        line = next(line for line in screen_text(app).splitlines() if PINTEREST in line)
        assert "⚠ overdue" in line


async def unreachable(context, ids):
    """A send that never gets an answer: nothing reloads the screens after it."""
    raise OSError("network is unreachable")


@pytest.mark.anyio
async def test_a_postponement_waiting_in_the_outbox_marks_its_row(app_on, own_cache):
    app = app_on(own_cache, outbox=unreachable)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        target = await to_weekly_goal(pilot)
        assert "postponing" not in row_of(goal_rows(app), target.label)
        await postpone(pilot)
        (row,) = rows(own_cache)
        assert (row["kind"], row["state"]) == ("postpone", "pending")
        to = date.fromisoformat(json.loads(row["payload"])["to"])
        line = row_of(goal_rows(app), target.label)
        assert "↷ postponing" in line and f"→ {to:%a} {to.day} {to:%b}" in line


@pytest.mark.anyio
async def test_a_sent_postponement_leaves_no_mark(app_on, own_cache):
    app = app_on(own_cache, outbox=FakeSender("sent"))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        target = await to_weekly_goal(pilot)
        await postpone(pilot)
        (row,) = rows(own_cache)
        assert (row["kind"], row["state"]) == ("postpone", "sent")
        assert "postponing" not in row_of(goal_rows(app), target.label)


def add_decision(path: Path, kind: str, gid: str, payload: dict, state: str = "pending") -> None:
    with sqlite3.connect(path) as conn:
        conn.execute(
            "INSERT INTO decisions (id, kind, target_gid, payload, state, created_at) "
            "VALUES (?, ?, ?, ?, ?, '2026-11-25T15:00:00Z')",
            [f"{kind}-{gid}", kind, gid, json.dumps(payload), state],
        )
    conn.close()


def test_the_stand_up_marks_a_waiting_postponement_and_comment(own):
    pinterest = gid_of(own.cache_path, "SELECT gid FROM tasks WHERE name = ?", PINTEREST)
    youtube = gid_of(
        own.cache_path, "SELECT gid FROM tasks WHERE name LIKE 'Review YouTube search terms%'"
    )
    add_decision(own.cache_path, "postpone", pinterest, {"to": "2026-12-04", "reason": "r"})
    add_decision(own.cache_path, "comment", youtube, {"text": "asked the client"}, "failed")

    async def scenario(pilot):
        await started(pilot)
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        return squash(screen_text(pilot.app))

    text = drive(Host(partial(StandupScreen, pod="Pod Atlas"), own), scenario, size=(120, 50))
    assert "↷ postponing Fri 27 Nov → Fri 4 Dec" in text
    assert "↪ carried over ✎" in text


@pytest.mark.anyio
async def test_the_client_card_marks_a_waiting_postponement(own_cache, app_on):
    client = gid_of(own_cache, "SELECT gid FROM clients WHERE name = ?", "Brightsmile Dental Group")
    pinterest = gid_of(own_cache, "SELECT gid FROM tasks WHERE name = ?", PINTEREST)
    add_decision(own_cache, "postpone", pinterest, {"to": "2026-12-04", "reason": "r"})
    app = app_on(own_cache)
    async with app.run_test(size=(200, 60)) as pilot:
        await settle(pilot)
        app.open_client(client)
        await settle(pilot)
        line = next(line for line in screen_text(app).splitlines() if PINTEREST in line)
        assert "↷ postponing → Fri 4 Dec" in line
