"""A training reminder decided from the form, on a training module selected on a tiny host screen."""

from __future__ import annotations

import json
import sqlite3
from datetime import timedelta

import pytest
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Static

from podview.screens.context import ViewContext
from podview.screens.decide import DecideMenu, DecideScreen
from podview.screens.requests import Target
from tests.screens.hosts import Host, screen_text, squash

pytestmark = pytest.mark.anyio

class ModuleHost(Screen):
    """Stands for the person card: one training module selected, `d`'s menu and form opened on it."""

    def __init__(self, context: ViewContext, target: Target) -> None:
        super().__init__()
        self.context = context
        self.target = target
        self.outcome: object = "not yet"

    def compose(self) -> ComposeResult:
        yield Static(self.target.label)

    def on_mount(self) -> None:
        self.app.push_screen(DecideMenu(self.target), self.chosen)

    def chosen(self, kind: str | None) -> None:
        if kind is not None:
            self.app.push_screen(DecideScreen(self.context, kind, self.target), self.decided)

    def decided(self, outcome: object) -> None:
        self.outcome = outcome


async def idle(pilot) -> None:
    for _ in range(4):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def open_module(context: ViewContext) -> sqlite3.Row:
    with sqlite3.connect(context.cache_path) as conn:
        conn.row_factory = sqlite3.Row
        row = conn.execute(
            "SELECT m.gid, m.name, m.due_on, m.project_gid, m.assignee_gid, u.name AS person, p.name AS project "
            "FROM training_modules m JOIN users u ON u.gid = m.assignee_gid "
            "JOIN training_projects p ON p.gid = m.project_gid WHERE m.completed = 0 ORDER BY m.gid"
        ).fetchone()
    conn.close()
    return row


async def test_a_reminder_is_recorded_for_the_modules_assignee(own):
    module = open_module(own)
    target = Target("training_module", module["gid"], module["name"])
    host = ModuleHost(own, target)
    app = Host(lambda context: host, own)
    async with app.run_test(size=(100, 30)) as pilot:
        await idle(pilot)
        menu = screen_text(app)
        await pilot.press("enter")
        await idle(pilot)
        form = squash(" ".join(screen_text(app).replace("│", " ").split()))
        await pilot.press("ctrl+s")
        await idle(pilot)
    assert "Remind them to finish this training module" in menu
    assert "Comment on this training module" in menu
    assert f"Training module “{module['name']}” · {module['person']} · {module['project']}" in form
    assert "Finish by *" in form
    assert host.outcome is not None and getattr(host.outcome, "kind", None) == "reminder"
    with sqlite3.connect(own.cache_path) as conn:
        kind, target_gid, payload, state = conn.execute(
            "SELECT kind, target_gid, payload, state FROM decisions"
        ).fetchone()
    conn.close()
    fields = json.loads(payload)
    assert (kind, target_gid, state) == ("reminder", module["gid"], "pending")
    assert fields["project"] == module["project_gid"] and fields["assignee"] == module["assignee_gid"]
    own_due = module["due_on"] if module["due_on"] and module["due_on"] >= own.today.isoformat() else None
    assert fields["due"] == (own_due or (own.today + timedelta(days=7)).isoformat()), "its own date, else a week on"
    assert fields["name"] == f"Reminder: finish {module['name']}"


def test_the_form_offers_the_modules_own_date_or_a_week_on_when_that_is_past(context):
    from podview.screens.decide_about import load_about

    conn = context.reader()
    try:
        later = conn.execute(
            "SELECT gid, due_on FROM training_modules WHERE completed = 0 AND due_on >= ?", [context.today.isoformat()]
        ).fetchone()
        past = conn.execute(
            "SELECT gid FROM training_modules WHERE completed = 0 AND due_on < ?", [context.today.isoformat()]
        ).fetchone()
        ahead = load_about(conn, "reminder", Target("training_module", later["gid"], "m"), context.today)
        overdue = load_about(conn, "reminder", Target("training_module", past["gid"], "m"), context.today)
    finally:
        conn.close()
    assert ahead.prefill == {"due": later["due_on"]}
    assert overdue.prefill == {"due": (context.today + timedelta(days=7)).isoformat()}
