"""The postponement ledger on the demo agency: four sections, reasons, originals, problems."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from textual.widgets import DataTable

from podview.screens.postponed import PostponedScreen, moved_span, tidy
from tests.screens.hosts import Host, demo_context, drive, screen_text, settle, squash, watched

BRIGHTSMILE = "1208400000000060"


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    return demo_context(tmp_path_factory.mktemp("postponed"))


def rows(app, key: str) -> list[str]:
    table = app.screen.query_one(f"#{key}-table", DataTable)
    return [
        squash(" ".join(str(cell) for cell in table.get_row_at(i))).strip()
        for i in range(table.row_count)
    ]


def text_of(app, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


def test_four_sections_with_their_counts(demo):
    async def scenario(pilot):
        titles = [
            text_of(pilot.app, f"#{key}-title")
            for key in ("postponed", "moved", "recreated", "problems")
        ]
        return text_of(pilot.app, "#heading"), titles

    heading, titles = drive(Host(PostponedScreen, demo), scenario)
    assert (
        heading == "Ledger · all: ↷ 26 postponed · ⚠ 3 deadline moved · ↻ 1 re-created · ⚠ 1 data problem"
    )
    assert titles == [
        "↷ postponed 26 · all · with a reason",
        "⚠ deadline moved 3 · all · without a valid reason, so judged at the fixed date",
        "↻ re-created 1 · all · after a goal of the same name missed its deadline",
        "⚠ data problem 1 · all · tasks podview could not read as the conventions expect",
    ]


def test_wide_rows_show_reason_owner_and_the_original_of_a_recreation(demo):
    async def scenario(pilot):
        return {
            key: rows(pilot.app, key) for key in ("postponed", "moved", "recreated", "problems")
        }

    found = drive(Host(PostponedScreen, demo), scenario, size=(200, 60))
    assert found["postponed"][0] == (
        "Brightsmile Dental Group Review YouTube search terms and add negatives Marcus Okafor "
        "18 Nov → 25 Nov Budget approval delayed on the client side ◷ not done"
    )
    assert found["moved"][0].endswith("Fatima Al-Sayed 12 Nov → 19 Nov ◷ not done")
    assert found["recreated"] == [
        "Kettle & Crumb 🍪 launch Holiday gift box AD SET Tue 10 Nov 10:15 Launch holiday gift box ad set, due Fri 6 Nov"
    ]
    assert found["problems"] == [
        "Copperline Coffee Roasters Refresh Google Business Profile photos no due date"
    ]


def test_narrow_rows_put_the_reason_under_the_goal(demo):
    async def scenario(pilot):
        return squash(screen_text(pilot.app))

    text = drive(Host(PostponedScreen, demo), scenario, size=(80, 24))
    assert "Brightsmile Den… Review YouTube search term" in text
    assert "\n ↳ Budget approval delayed" in text
    assert "18 Nov → 25 Nov ◷ not done" in text


def test_an_empty_section_says_so(demo):
    async def scenario(pilot):
        return squash(screen_text(pilot.app)), pilot.app.screen.query_one(
            "#recreated-table"
        ).display

    text, shown = drive(
        Host(PostponedScreen, replace(demo, client_safe=BRIGHTSMILE)), scenario, size=(100, 60)
    )
    assert "↻ re-created 0" in text and "✔ No goal was re-created to escape a deadline." in text
    assert "✔ No data problems." in text
    assert shown is False


def test_n_moves_between_sections_that_have_rows(demo):
    async def scenario(pilot):
        focused = [pilot.app.focused.id]
        for key in ("n", "n", "n", "n", "N"):
            await pilot.press(key)
            await pilot.pause()
            focused.append(pilot.app.focused.id)
        return focused

    assert drive(Host(PostponedScreen, demo), scenario) == [
        "postponed-table",
        "moved-table",
        "recreated-table",
        "problems-table",
        "postponed-table",
        "problems-table",
    ]


def test_the_ledger_and_the_originals_are_read_in_a_worker(demo):
    spy = watched(demo)
    app = Host(PostponedScreen, spy)

    async def scenario(pilot):
        return None

    drive(app, scenario)
    assert ("load", "SUCCESS") in [(group, state.name) for group, state in app.finished]
    assert spy.threads and "MainThread" not in spy.threads


def test_tidy_and_span():
    assert tidy("  launch  Holiday gift box AD SET ") == "launch Holiday gift box AD SET"
    assert tidy(None) == "(unnamed)"
    assert moved_span(date(2026, 10, 29), date(2026, 11, 5), date(2026, 11, 25)) == "29 Oct → 5 Nov"


def test_snapshot_ledger(demo, snap_compare):
    assert snap_compare(Host(PostponedScreen, demo), terminal_size=(100, 30), run_before=settle)
