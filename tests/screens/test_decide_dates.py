"""The app's decision form reads dates as the command line does (`+1w`, `Dec 4`), against the app's today."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta

import pytest

from podview.cache import open_cache
from podview.decisions.outbox import list_decisions
from podview.screens.decide import DecideMenu, DecideScreen
from tests.screens.conftest import SIZE, TODAY, settle

pytestmark = pytest.mark.anyio


def recorded(path) -> list[tuple[str, dict]]:
    db = open_cache(path)
    try:
        return [(d.kind, d.fields) for d in list_decisions(db)]
    finally:
        db.conn.close()


async def test_a_postponement_typed_as_days_from_the_apps_today_is_saved_as_that_day(app_on, own_cache):
    app = app_on(own_cache)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        while (target := app.screen.selected_target()) is None or target.kind != "weekly_goal":
            await pilot.press("down")
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, DecideMenu)
        await pilot.press("enter")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, DecideScreen) and form.kind == "postpone"
        with sqlite3.connect(own_cache) as conn:
            (due,) = conn.execute("SELECT due_on FROM tasks WHERE gid = ?", [target.gid]).fetchone()
        conn.close()
        later = (date.fromisoformat(due) - TODAY).days + 3
        form.form.widget("to").value = f"+{later}d"
        form.form.widget("reason").focus()
        await pilot.press(*"client away")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, DecideScreen), "saved"
    ((kind, fields),) = recorded(own_cache)
    assert (kind, fields["to"]) == ("postpone", (date.fromisoformat(due) + timedelta(days=3)).isoformat())
