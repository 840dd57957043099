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


STAND_UP_STEPS = ("last-meeting", "last-week", "this-week", "postponed", "decisions", "people")


def held_before(cache_path: Path) -> None:
    """Two earlier stand-ups of Pod Atlas with action items: done, open, overdue, not sent, one carried."""
    from podview.cache import open_cache
    from podview.decisions import outbox
    from podview.decisions.meetings import POD_STANDUP, end_meeting, start_meeting
    from tests.decisions.helpers import decide

    db = open_cache(cache_path)
    first, second = [
        row[0]
        for row in db.conn.execute(
            "SELECT c.gid FROM clients c JOIN pods p ON p.gid = c.pod_gid WHERE p.name = 'Pod Atlas' "
            "ORDER BY c.name LIMIT 2"
        )
    ]
    for day, items in (
        ("2026-11-11", [(second, "Renew the domain", "2026-12-04", None)]),
        (
            "2026-11-18",
            [
                (first, "Send the November report", "2026-11-20", "2026-11-20T16:00:00Z"),
                (first, "Fix the tracking pixel on the booking page", "2026-11-20", None),
                (second, "Call about the Q1 budget", "2026-11-27", None),
                (second, "Draft the holiday brief", "2026-11-30", False),
            ],
        ),
    ):
        meeting = start_meeting(db, POD_STANDUP, pod="Pod Atlas")
        db["meetings"].update(meeting.id, {"started_at": f"{day}T15:00:00Z"})
        for index, (client, name, due, done) in enumerate(items):
            decision = decide(db, "action", meeting.id, client=client, name=name, due=due)
            if done is False:
                continue
            gid = f"99{day.replace('-', '')}{index}"
            db["tasks"].insert(
                {"gid": gid, "client_gid": client, "name": name, "kind": "action_item", "due_on": due,
                 "completed": int(done is not None), "completed_at": done}
            )
            sent = outbox.get_decision(db, decision.id)
            sent.state, sent.progress.done = outbox.SENT, {"create": gid}
            outbox.save(db, sent)
        end_meeting(db, meeting.id)
    db.conn.close()


def decided_now(cache_path: Path, meeting_id: str) -> None:
    """Two decisions of the meeting on show, waiting in the outbox."""
    from podview.cache import open_cache
    from tests.decisions.helpers import decide

    db = open_cache(cache_path)
    goal, client = db.conn.execute(
        "SELECT t.gid, t.client_gid FROM tasks t JOIN clients c ON c.gid = t.client_gid "
        "JOIN pods p ON p.gid = c.pod_gid WHERE p.name = 'Pod Atlas' AND t.kind = 'weekly_goal' "
        "AND t.due_on BETWEEN '2026-11-23' AND '2026-11-29' AND NOT t.completed ORDER BY t.gid LIMIT 1"
    ).fetchone()
    decide(db, "comment", meeting_id, task=goal, text="Waiting on the client's login")
    decide(db, "action", meeting_id, client=client, name="Ask for the ad account login", due="2026-11-27")
    db.conn.close()


async def step_table_drawn(pilot) -> None:
    """Wait until the step's table is laid out at its own width.

    A step's table is filled while its tab is hidden, and redrawn when the
    tab shows and the table learns its width; the screen can look settled
    just before that.
    """
    from podview.widgets.fit_table import FitTable

    screen = pilot.app.screen
    table = screen.query_one(f"#{screen.step}-table", FitTable)
    for _ in range(200):
        drawn = sum(column.width + 2 * table.cell_padding for column in table.columns.values())
        if not table.display or drawn == table.size.width - table.styles.scrollbar_size_vertical:
            return
        await pilot.pause(0.02)
    raise AssertionError(f"the {screen.step} table was never drawn at its width")


@pytest.mark.parametrize("size", [(80, 24), (200, 60)], ids=["80x24", "200x60"])
@pytest.mark.parametrize("step", range(len(STAND_UP_STEPS)), ids=STAND_UP_STEPS)
def test_the_stand_ups_steps(snap_compare, own, step, size):
    """Each agenda step of Pod Atlas's stand-up, on a still clock, with two earlier stand-ups to look back at."""
    from functools import partial

    from podview.screens.standup import StandupScreen
    from tests.screens.hosts import Host, started

    held_before(own.cache_path)

    async def run_before(pilot) -> None:
        await settle(pilot)
        await started(pilot)
        if STAND_UP_STEPS[step] == "decisions":
            decided_now(own.cache_path, pilot.app.screen.meeting.id)
        for _ in range(step):
            await pilot.press("n")
            await settle(pilot)
        await step_table_drawn(pilot)

    app = Host(partial(StandupScreen, pod="Pod Atlas"), own)
    assert snap_compare(app, terminal_size=size, run_before=run_before)
