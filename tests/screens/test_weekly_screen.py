"""The weekly goals screen on the demo agency, counted on Wednesday 2026-11-25 (2026-W48)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from textual.widgets import DataTable, Input, Select

from podview.figures.weekly import summarize
from podview.screens.weekly import (
    WeeklyScreen,
    totals_cells,
    totals_label,
    trend_note,
    walkthrough,
)
from podview.widgets.sparkline import Spark
from tests.screens.hosts import Host, demo_context, drive, screen_text, settle, squash, watched


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    return demo_context(tmp_path_factory.mktemp("weekly"))


def heading(app) -> str:
    return str(app.screen.query_one("#heading").render())


def rows(app) -> list[str]:
    """Every table row as one line of plain text, scrolled into view or not."""
    table = app.screen.query_one("#goals", DataTable)
    return [
        squash(" ".join(str(cell) for cell in table.get_row_at(i))).strip()
        for i in range(table.row_count)
    ]


def test_this_week_grouped_by_pod_client_and_manager_with_statuses(demo):
    async def scenario(pilot):
        return heading(pilot.app), squash(screen_text(pilot.app)), rows(pilot.app)

    title, text, lines = drive(Host(WeeklyScreen, demo), scenario, size=(120, 40))
    assert "23–29 Nov · this week" in title and "2026-W" not in title
    assert "Pod Atlas 6 of 14 done" in text
    assert "Brightsmile Dental Group 4 of 6 done" in text
    assert "Priya Raman 3 of 4 done" in text
    assert "Publish 4 blog posts on teeth whitening ✔ hit Thu 26 Nov" in text
    assert "Review YouTube search terms and add negatives ◷ open Wed 25 Nov ↪ carried over" in text
    assert lines[:3] == [
        "Pod Atlas 6 of 14 done",
        "Brightsmile Dental Group 4 of 6 done",
        "Marcus Okafor 1 of 2 done",
    ]


def test_arrows_move_a_week_and_t_comes_back(demo):
    async def scenario(pilot):
        seen = []
        for key in ("left", "left", "right", "right", "right", "t"):
            await pilot.press(key)
            await settle(pilot)
            seen.append((heading(pilot.app), rows(pilot.app)))
        return seen

    seen = drive(Host(WeeklyScreen, demo), scenario)
    titles = [title for title, _ in seen]
    assert ["16–22 Nov" in titles[0], "9–15 Nov" in titles[1], "16–22 Nov" in titles[2]] == [True] * 3
    assert "23–29 Nov" in titles[3] and "this week" in titles[3]
    assert "30 Nov – 6 Dec" in titles[4] and "upcoming" in titles[4]
    assert "23–29 Nov" in titles[5]
    w47 = seen[0][1]
    assert "ended · hit rate 83% (48 of 58)" in titles[0]
    assert "Brightsmile Dental Group hit rate 33% 1 of 3" in w47
    assert "Bring Pinterest CPA under target ✖ missed Fri 20 Nov" in w47
    assert (
        "Review YouTube search terms and add negatives ↷ postponed Wed 18 Nov → due Wed 25 Nov"
        in w47
    )
    assert any(
        "Publish the Q&A on required minimum distributions" in row and "⚠ deadline moved" in row
        for row in seen[1][1]
    )
    assert seen[0][1] != seen[3][1]


def test_f_cycles_the_pods_then_shows_all_again(demo):
    async def scenario(pilot):
        pods = []
        for _ in range(5):
            await pilot.press("f")
            await pilot.pause()
            select = pilot.app.screen.query_one("#pod", Select)
            pods.append((None if select.value == Select.NULL else select.value, rows(pilot.app)))
        return pods

    pods = drive(Host(WeeklyScreen, demo), scenario)
    assert [pod for pod, _ in pods] == ["Pod Atlas", "Pod Beacon", "Pod Comet", "Pod Delta", None]
    atlas = pods[0][1]
    assert atlas[0].startswith("Pod Atlas") and not any(
        row.startswith("Pod Beacon") for row in atlas
    )
    assert any(row.startswith("Pod Beacon") for row in pods[4][1])


def test_search_keeps_matching_goals_and_clients_and_arrows_stay_in_the_box(demo):
    async def scenario(pilot):
        await pilot.press("slash")
        await pilot.press(*"whitening")
        await pilot.pause()
        by_goal = rows(pilot.app)
        await pilot.press("left")
        await settle(pilot)
        title = heading(pilot.app)
        pilot.app.screen.query_one("#search", Input).value = "ledgerly"
        await pilot.pause()
        return by_goal, title, rows(pilot.app)

    by_goal, title, by_client = drive(Host(WeeklyScreen, demo), scenario)
    assert by_goal == [
        "Pod Atlas 1 of 1 done",
        "Brightsmile Dental Group 1 of 1 done",
        "Priya Raman 1 of 1 done",
        "Publish 4 blog posts on teeth whitening ✔ hit Thu 26 Nov",
    ]
    assert "23–29 Nov" in title
    assert by_client[1].startswith("Ledgerly ") and len(by_client) == 7


def test_nothing_matching_says_why(demo):
    async def scenario(pilot):
        pilot.app.screen.query_one("#search", Input).value = "no such goal anywhere"
        await pilot.pause()
        return screen_text(pilot.app)

    assert "No goal of this week matches the pod filter or the search." in drive(
        Host(WeeklyScreen, demo), scenario
    )


def test_trend_covers_twelve_weeks_with_a_gap_for_the_open_week(demo):
    async def scenario(pilot):
        return pilot.app.screen.query_one(Spark).values, squash(screen_text(pilot.app))

    values, text = drive(Host(WeeklyScreen, demo), scenario)
    assert len(values) == 12 and values[-1] is None
    assert all(0 <= value <= 1 for value in values[:-1])
    assert "Hit rate, 12 weeks to 23–29 Nov" in text and "latest 83%" in text


def test_loading_happens_in_a_worker_never_on_the_ui_thread(demo):
    spy = watched(demo)
    app = Host(WeeklyScreen, spy)

    async def scenario(pilot):
        await pilot.press("left")
        await settle(pilot)

    drive(app, scenario)
    assert ("load", "SUCCESS") in [(group, state.name) for group, state in app.finished]
    assert spy.threads and "MainThread" not in spy.threads


def test_client_safe_context_shows_one_client_only(demo):
    gid = "1208400000000060"

    async def scenario(pilot):
        return rows(pilot.app), pilot.app.screen.data.pods

    lines, pods = drive(Host(WeeklyScreen, replace(demo, client_safe=gid)), scenario)
    assert lines[1].startswith("Brightsmile Dental Group") and pods == ["Pod Atlas"]
    assert not any(line.startswith("Ledgerly") for line in lines)


def test_totals_rate_for_ended_weeks_count_for_the_current_one():
    totals = summarize("x", [])
    assert totals_label(totals, ended=True) == "hit rate — (0 of 0)"
    assert totals_label(totals, ended=False) == "0 of 0 done"
    assert totals_cells(totals, ended=True) == ("hit rate —", "0 of 0")




def test_trend_note_without_any_ended_week():
    assert trend_note([None, None]) == "no ended week with goals"
    assert trend_note([0.5, None, 1.0]) == "latest 100% · low 50% · high 100%"


def test_walkthrough_of_nothing_is_nothing():
    assert list(walkthrough([])) == []


def test_snapshot_this_week(demo, snap_compare):
    assert snap_compare(Host(WeeklyScreen, demo), terminal_size=(100, 30), run_before=settle)


def test_a_long_week_shows_its_top_first_then_every_row_once(demo, monkeypatch):
    """A large agency's week is ~1,000 rows: the top is painted first, the rest added after, never twice."""
    from podview.screens import weekly

    def expected(app) -> int:
        screen = app.screen
        return len(list(walkthrough(screen.visible(screen.data.week))))

    async def scenario(pilot):
        table = pilot.app.screen.query_one("#goals", DataTable)
        full = (table.row_count, expected(pilot.app))
        await pilot.press("left")
        await settle(pilot)
        pilot.app.screen.draw()  # drawn again before the rows held back from the first are added
        pilot.app.screen.draw()
        await settle(pilot)
        return full, (table.row_count, expected(pilot.app)), rows(pilot.app)

    monkeypatch.setattr(weekly, "FIRST_ROWS", 5)
    (shown, wanted), (after, wanted_after), lines = drive(Host(WeeklyScreen, demo), scenario)
    assert wanted > 5 and shown == wanted
    assert after == wanted_after, "rows held back from a week no longer shown were added to this one"
    assert lines[0].startswith("Pod Atlas")
