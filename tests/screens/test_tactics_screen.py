"""The tactics screen on the demo agency: tallies, Wilson intervals, loss streaks, the confidence switch."""

from __future__ import annotations

from dataclasses import replace

import pytest
from textual.widgets import DataTable, TabbedContent

from podview.config import Config, TacticsConfig
from podview.screens.help import keys_on
from podview.screens.tactics import TacticsScreen, next_confidence, rate_label, streak_label
from tests.screens.hosts import Host, demo_context, drive, screen_text, settle, squash, watched


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    return demo_context(tmp_path_factory.mktemp("tactics"))


def table_rows(app, table_id: str) -> list[str]:
    table = app.screen.query_one(f"#{table_id}", DataTable)
    return [
        squash(" ".join(str(cell) for cell in table.get_row_at(i))).strip()
        for i in range(table.row_count)
    ]


def heading(app) -> str:
    return str(app.screen.query_one("#heading").render())


def test_tallies_per_client_and_kind_with_wilson_intervals(demo):
    async def scenario(pilot):
        return squash(screen_text(pilot.app)), table_rows(pilot.app, "clients-table")

    text, rows = drive(Host(TacticsScreen, demo), scenario, size=(100, 40))
    assert "Tactics since Thu 27 Aug · win/loss count at ≥ 95% confidence" in text
    assert "Client / tactic kind Running Win Loss Inconclusive Win rate (95% CI)" in text
    assert rows[0] == "Bluebird Home Care 9 4 3 7 57% (25–84%)"
    assert rows[1] == "Ad copy 2 0 0 1 —"
    assert rows[2] == "Audience 0 1 0 0 100% (21–100%)"


def test_a_loss_streak_of_three_is_flagged_in_words(demo):
    async def scenario(pilot):
        return squash(screen_text(pilot.app)), table_rows(pilot.app, "clients-table")

    text, rows = drive(Host(TacticsScreen, demo), scenario, size=(100, 40))
    assert "⚠ loss streak of 3+: Brightsmile Dental Group (3), Meridian Wealth Partners (3)" in text
    brightsmile = next(row for row in rows if row.startswith("Brightsmile Dental Group"))
    assert "⚠ loss streak of 3" in brightsmile
    bluebird = next(row for row in rows if row.startswith("Bluebird Home Care"))
    assert "streak" not in bluebird


def test_c_switches_the_threshold_and_recounts_in_the_worker(demo):
    spy = watched(demo)
    app = Host(TacticsScreen, spy)

    async def scenario(pilot):
        seen = [(heading(pilot.app), table_rows(pilot.app, "pods-table")[0])]
        for _ in range(3):
            await pilot.press("c")
            await settle(pilot)
            seen.append((heading(pilot.app), table_rows(pilot.app, "pods-table")[0]))
        return seen

    seen = drive(app, scenario)
    assert [
        ("≥ 95%" in seen[0][0]),
        ("≥ 99%" in seen[1][0]),
        ("≥ 90%" in seen[2][0]),
        ("≥ 95%" in seen[3][0]),
    ] == [True] * 4
    assert seen[0][1] == "Pod Atlas 19 11 17 20 39% (24–58%)"
    assert seen[1][1] == "Pod Atlas 19 6 13 29 32% (15–54%)"
    assert seen[2][1] == "Pod Atlas 19 14 20 14 41% (26–58%)"
    assert seen[3][1] == seen[0][1]
    assert [group for group, _ in app.finished].count("load") >= 4
    assert "MainThread" not in spy.threads


def test_brackets_step_through_the_three_tables(demo):
    async def scenario(pilot):
        tabs = []
        for key in (
            "right_square_bracket",
            "right_square_bracket",
            "right_square_bracket",
            "left_square_bracket",
        ):
            await pilot.press(key)
            await pilot.pause()
            tabs.append(
                (pilot.app.screen.query_one(TabbedContent).active, squash(screen_text(pilot.app)))
            )
        return tabs

    tabs = drive(Host(TacticsScreen, demo), scenario)
    assert [tab for tab, _ in tabs] == ["assignees", "pods", "clients", "pods"]
    assert "Sofia Lindqvist 12 2 17 14 11% (3–31%)" in tabs[0][1], "the designer whose tests lose"
    assert "Pod Delta 29 13 12 23 52% (34–70%)" in tabs[1][1]


def test_a_configured_threshold_is_where_the_screen_starts(demo):
    config = Config(timezone="America/New_York", tactics=TacticsConfig(confidence=99.0))

    async def scenario(pilot):
        return heading(pilot.app)

    assert "≥ 99%" in drive(Host(TacticsScreen, replace(demo, config=config)), scenario)


def test_next_confidence_wraps_and_takes_in_an_odd_configured_value():
    assert [next_confidence(value) for value in (90, 95, 99, 97, 80)] == [95, 99, 90, 99, 90]


def test_rate_label_shows_the_interval_and_a_dash_without_decisions():
    assert rate_label(1.0, [0.3424, 1.0]) == "100% (34–100%)"
    assert rate_label(None, None) == "—"


def test_streak_label_only_from_three():
    assert streak_label(2) is None
    assert streak_label(4) == "⚠ loss streak of 4"


def test_snapshot_by_client(demo, snap_compare):
    assert snap_compare(Host(TacticsScreen, demo), terminal_size=(100, 30), run_before=settle)


def test_by_assignee_counts_every_assignee_and_help_says_so(demo):
    """Asana holds no roles: the table is named for what it counts, account managers included."""

    async def scenario(pilot):
        await pilot.press("right_square_bracket")
        await pilot.pause()
        return squash(screen_text(pilot.app)), table_rows(pilot.app, "assignees-table"), keys_on(pilot.app.screen)

    text, rows, keys = drive(Host(TacticsScreen, demo), scenario)
    assert "By assignee" in text and "By designer" not in text
    assert any(row.startswith("Kenji Watanabe ") for row in rows), "a pod's designer"
    assert any(row.startswith("Marcus Okafor ") for row in rows), "an account manager"
    said = next(key.description for key in keys if key.binding_id == "tactics.next_table")
    assert "by assignee (whoever a tactic is assigned to, designer or account manager)" in said
