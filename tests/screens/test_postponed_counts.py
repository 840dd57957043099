"""Numbers that agree: every postponed count a screen shows is the size of the set its label names.

Each count is read off the screen with the scope its label says; the
expected number is the length of `podview report postponed` (built by the
report layer, as the CLI prints it) filtered to that scope's days, which
are written out here by hand rather than taken from the code under test.
Today is Wednesday 2026-11-25, in W48.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import partial
from zoneinfo import ZoneInfo

import pytest
from textual.widgets import Digits, Label

from podview.cache import open_reader
from podview.report.build import ReportOptions, build_report
from podview.screens.postponed import PostponedScreen
from podview.screens.standup import StandupScreen
from podview.widgets.big_numbers import BigNumber
from podview.words import POSTPONED_SCOPES, SHORT_POSTPONED_SCOPES
from tests.screens.conftest import CONFIG, SIZE, TODAY
from tests.screens.hosts import Host, drive, settle, started
from tests.shown import screen_lines

ZONE = ZoneInfo(CONFIG.timezone)

DAYS = {
    "this_week": (date(2026, 11, 23), date(2026, 11, 29)),
    "last_4_weeks": (date(2026, 10, 26), date(2026, 11, 22)),
    "last_and_this_week": (date(2026, 11, 16), date(2026, 11, 29)),
    "all": (date.min, date.max),
}
"""The days each scope covers on TODAY, by hand."""


def scope_named(label: str) -> str:
    """The scope a label on screen names, in its long or its short form."""
    for words in (POSTPONED_SCOPES, SHORT_POSTPONED_SCOPES):
        found = [scope for scope, said in words.items() if said == label.strip()]
        if found:
            return found[0]
    raise AssertionError(f"{label!r} names no scope")


def expected(cache, scope: str, pod: str | None = None, client: str | None = None) -> dict[str, int]:
    """How many postponed, moved and re-created goals `report postponed` lists in the scope's days."""
    conn = open_reader(cache)
    try:
        report = build_report("postponed", conn, ReportOptions(today=TODAY, pod=pod, client=client), CONFIG)
    finally:
        conn.close()
    first, last = DAYS[scope]

    def within(day: date) -> bool:
        return first <= day <= last

    def created(row) -> date:
        return datetime.fromisoformat(row["created_at"]).astimezone(ZONE).date()

    return {
        "postponed": sum(within(date.fromisoformat(r["fixed_due_on"])) for r in report["postponed"]),
        "moved": sum(within(date.fromisoformat(r["fixed_due_on"])) for r in report["deadline_moved"]),
        "recreated": sum(within(created(r)) for r in report["recreated"]),
    }


@pytest.mark.anyio
async def test_homes_pod_column_and_headline_count_the_sets_their_labels_name(app, demo_cache):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        lines = screen_lines(app)
        await pilot.press("P")
        await settle(pilot)
        headlines = {
            str(number.query_one(Label).render()): number.query_one(Digits).value
            for number in app.screen.query(BigNumber)
        }
    [heading] = [line for line in lines if "Postponed · " in line]
    column = scope_named(heading.split("Postponed · ")[1].rstrip(" │"))
    shown = dict(re.findall(r"(Pod \w+) .*→ (\d+)", "\n".join(lines)))
    assert len(shown) == 4
    for pod, count in shown.items():
        assert int(count) == expected(demo_cache, column, pod)["postponed"], pod
    [(label, value)] = [(label, value) for label, value in headlines.items() if "postponed" in label]
    assert int(value) == expected(demo_cache, scope_named(label.split(" · ")[1]))["postponed"]


STEP = re.compile(
    r"· (?P<label>[a-z0-9 ]+?)(?: \([^)]*\))?: (?P<postponed>\d+) postponed · (?P<moved>\d+) moved "
    r"without a reason · (?P<recreated>\d+) re-created"
)
TAB = re.compile(r"(?:Postponed|Postp\.) · (?P<label>.+) \((?P<count>\d+)\)")


@pytest.mark.parametrize("pod", ["Pod Atlas", "Pod Beacon"])
def test_the_stand_ups_postponed_step_counts_the_set_its_title_names(own, pod):
    async def scenario(pilot):
        await started(pilot)
        screen = pilot.app.screen
        await pilot.press("n", "n")
        await settle(pilot)
        said = []
        for _ in range(3):
            tab = str(screen.query_one("#standup-agenda").get_tab("step-postponed").label)
            said.append((tab, str(screen.query_one("#step-postponed-heading").render())))
            await pilot.press("a")
            await settle(pilot)
        return said

    said = drive(Host(partial(StandupScreen, pod=pod), own), scenario)
    scopes = []
    for tab, heading in said:
        counts = STEP.search(heading)
        scope = scope_named(counts["label"])
        want = expected(own.cache_path, scope, pod)
        assert {kind: int(counts[kind]) for kind in want} == want, heading
        titled = TAB.fullmatch(tab)
        assert scope_named(titled["label"]) == scope
        assert int(titled["count"]) == want["postponed"], tab
        scopes.append(scope)
    assert scopes == ["last_and_this_week", "all", "last_and_this_week"]


def test_the_ledgers_counts_are_the_whole_report(context):
    async def scenario(pilot):
        screen = pilot.app.screen
        return [str(screen.query_one(f"#{key}-title").render()) for key in ("postponed", "moved", "recreated")]

    titles = drive(Host(PostponedScreen, context), scenario)
    for kind, title in zip(("postponed", "moved", "recreated"), titles):
        count, label = re.search(r" (\d+) · ([a-z0-9 ]+) · ", title).groups()
        assert int(count) == expected(context.cache_path, scope_named(label))[kind], title


KINDS = {"postponed": "→ postponed", "moved": "⚑ deadline moved", "recreated": "↻ re-created"}
"""How the card's moves panel marks each row's kind."""


def test_the_cards_moves_panel_lists_the_set_its_title_names(context):
    """Every client with a move in the demo: the panel's rows of each kind are the report's, for the scope in its title."""
    from rich.console import Console

    from podview.screens.client_card import ClientCardScreen

    conn = open_reader(context.cache_path)
    try:
        report = build_report("postponed", conn, ReportOptions(today=TODAY), CONFIG)
        names = {row["client"] for kind in ("postponed", "deadline_moved", "recreated") for row in report[kind]}
        moved = sorted(gid for gid, name in conn.execute("SELECT gid, name FROM clients") if name in names)
    finally:
        conn.close()
    assert len(moved) >= 3

    async def scenario(pilot):
        seen = {}
        for gid in moved:
            card = pilot.app.screen
            card.show_client(gid)
            await settle(pilot)
            panel = card.query_one("#moves")
            console = Console(width=200, record=True, file=None, color_system=None)
            with console.capture() as capture:
                console.print(panel.content)
            seen[gid] = (panel.border_title, capture.get())
        return seen

    seen = drive(Host(partial(ClientCardScreen, client_gid=moved[0]), context), scenario)
    for gid, (title, text) in seen.items():
        scope = scope_named(title.split(" · ")[-1])
        want = expected(context.cache_path, scope, client=gid)
        assert {kind: text.count(mark) for kind, mark in KINDS.items()} == want, (title, gid)
    assert sum(sum(expected(context.cache_path, "all", client=gid).values()) for gid in moved) > len(moved)
