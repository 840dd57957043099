"""SVG snapshots of Home, Risk radar, a client card, Welcome and help on the demo agency.

Most at 100×30; Home also at the smallest size podview supports (80×24), on
a wall screen (180×50) and in presenter mode, and a client card in
client-safe mode.

Everything shown is counted on the fixed TODAY and nothing reads the clock,
so the pictures only change when the screens do. Update them with
`pytest tests/screens/test_snapshots.py --snapshot-update` and look at the diff.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from podview.screens.context import ViewContext
from podview.tui.app import make_app
from tests.screens.conftest import CONFIG, SIZE, TODAY, settle


def app_at(cache_path: Path, tmp_path: Path):
    return make_app(
        ViewContext(cache_path=cache_path, config=CONFIG, today=TODAY),
        export_dir=tmp_path,
        warm_screens=False,
    )


def pressing(*keys: str):
    """A `run_before` that waits for the data, presses keys, and waits again."""

    async def run(pilot) -> None:
        await settle(pilot)
        if keys:
            await pilot.press(*keys)
            await settle(pilot)

    return run


def test_home(snap_compare, demo_cache, tmp_path):
    assert snap_compare(app_at(demo_cache, tmp_path), terminal_size=SIZE, run_before=pressing())


def test_risk_radar(snap_compare, demo_cache, tmp_path):
    assert snap_compare(app_at(demo_cache, tmp_path), terminal_size=SIZE, run_before=pressing("6"))


def test_client_card(snap_compare, demo_cache, tmp_path):
    assert snap_compare(
        app_at(demo_cache, tmp_path), terminal_size=SIZE, run_before=pressing("enter")
    )


def test_welcome(snap_compare, tmp_path):
    nowhere = Path("/nonexistent/podview/podview.db")
    assert snap_compare(app_at(nowhere, tmp_path), terminal_size=SIZE, run_before=pressing())


@pytest.mark.parametrize("size", [(80, 24), (180, 50)], ids=["80x24", "180x50"])
def test_home_at_the_smallest_and_a_wall_size(snap_compare, demo_cache, tmp_path, size):
    assert snap_compare(app_at(demo_cache, tmp_path), terminal_size=size, run_before=pressing())


def test_home_in_presenter_mode(snap_compare, demo_cache, tmp_path):
    assert snap_compare(
        app_at(demo_cache, tmp_path), terminal_size=SIZE, run_before=pressing("P")
    )


def test_client_card_in_client_safe_mode(snap_compare, demo_cache, tmp_path):
    assert snap_compare(
        app_at(demo_cache, tmp_path), terminal_size=SIZE, run_before=pressing("enter", "C")
    )


def test_help_lists_keys_with_their_ids(snap_compare, demo_cache, tmp_path):
    assert snap_compare(
        app_at(demo_cache, tmp_path), terminal_size=SIZE, run_before=pressing("question_mark")
    )


def test_a_decision_form_on_the_client_at_the_top(snap_compare, demo_cache, tmp_path):
    assert snap_compare(
        app_at(demo_cache, tmp_path), terminal_size=SIZE, run_before=pressing("d", "enter")
    )


def test_the_outbox_with_a_failed_and_a_pending_decision(snap_compare, demo_cache, tmp_path):
    import shutil
    import sqlite3

    from podview.cli import main

    cache = tmp_path / "own.db"
    shutil.copy(demo_cache, cache)
    conn = sqlite3.connect(cache)
    goals = [
        row[0]
        for row in conn.execute(
            "SELECT gid FROM tasks WHERE kind = 'weekly_goal' AND due_on >= '2026-11-26' "
            "AND NOT completed ORDER BY gid LIMIT 2"
        )
    ]
    conn.close()
    common = ["--db", str(cache), "--today", TODAY.isoformat(), "--no-send"]
    postpone = ["--task", goals[0], "--to", "2026-12-04", "--reason", "Client on holiday"]
    assert main(["decide", "postpone", *postpone, *common]) == 0
    assert main(["decide", "comment", "--task", goals[1], "--text", "Blocked on copy", *common]) == 0
    with sqlite3.connect(cache) as conn:
        conn.execute(
            "UPDATE decisions SET state = 'failed', error = 'Asana answered 400: due date locked' "
            "WHERE kind = 'postpone'"
        )
        conn.execute(  # ids and times as a fixed clock would have made them
            "UPDATE decisions SET id = 'decision-' || kind, created_by = 'test', "
            "created_at = CASE kind WHEN 'postpone' THEN '2026-11-25T14:05:00Z' "
            "ELSE '2026-11-25T14:07:00Z' END"
        )
    conn.close()
    assert snap_compare(app_at(cache, tmp_path), terminal_size=SIZE, run_before=pressing("o"))
