"""Starting and ending a meeting: the start dialog (scope, length, attendees) and "End the meeting? (y/n)"."""

from __future__ import annotations

import sqlite3
from functools import partial

from podview.decisions.meeting_plan import Plan
from podview.screens.context import ViewContext
from podview.screens.meeting import MinutesScreen
from podview.screens.meeting_dialogs import EndMeetingScreen, MeetingSetupScreen
from podview.screens.standup import StandupScreen
from podview.screens.walkthrough import WalkthroughScreen
from podview.widgets.timer import MeetingTimer
from tests.screens.hosts import Host, asking, drive, screen_text, started

ATLAS = ["Brightsmile Dental Group", "Harbor & Pine Law", "Kettle & Crumb 🍪"]
"""Three of Pod Atlas's four clients, as the minutes name them."""


def meetings(context: ViewContext) -> list[dict]:
    with sqlite3.connect(context.cache_path) as conn:
        conn.row_factory = sqlite3.Row
        found = [dict(row) for row in conn.execute("SELECT * FROM meetings")]
    conn.close()
    return found


def bar(screen) -> str:
    return " | ".join(str(w.render()) for w in screen.query("#walk-bar Static"))


async def until_idle(pilot) -> None:
    for _ in range(4):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def choose(pilot, selector: str, typed: str) -> None:
    """Open a dialog's drop-down, type the start of an option and take it, as a user does."""
    pilot.app.screen.query_one(selector).focus()
    await pilot.press("enter")
    await pilot.pause()
    await pilot.press(*typed, "enter")
    await pilot.pause()


async def start(pilot) -> None:
    """Press the dialog's Start button and wait for the meeting."""
    await pilot.click("#setup-start")
    await started(pilot)


async def scoped(pilot, typed: str, count: str | None = None) -> WalkthroughScreen:
    await asking(pilot)
    await choose(pilot, "#setup-scope", typed)
    if count is not None:
        field = pilot.app.screen.query_one("#setup-top")
        field.focus()
        field.value = ""
        await pilot.press(*count)
    await start(pilot)
    return pilot.app.screen


def minutes_shown(pilot) -> str:
    modal = pilot.app.screen
    assert isinstance(modal, MinutesScreen)
    return modal.markdown


async def end(pilot) -> str:
    await pilot.press("e", "y")
    await until_idle(pilot)
    return minutes_shown(pilot)


def test_e_then_n_or_escape_keeps_the_meeting_open_and_y_ends_it(own):
    async def scenario(pilot):
        await started(pilot)
        screen = pilot.app.screen
        asked = []
        for answer in ("n", "escape"):
            await pilot.press("e")
            await pilot.pause()
            asked.append(isinstance(pilot.app.screen, EndMeetingScreen))
            asked.append("End the meeting? (y/n)" in screen_text(pilot.app))
            await pilot.press(answer)
            await until_idle(pilot)
            asked.append(pilot.app.screen is screen and screen.meeting.is_open)
        still_open = [row["ended_at"] for row in meetings(own)]
        markdown = await end(pilot)
        return asked, still_open, markdown

    asked, still_open, markdown = drive(Host(WalkthroughScreen, own), scenario)
    assert asked == [True, True, True] * 2
    assert still_open == [None], "no end written while the answer was no"
    assert meetings(own)[0]["ended_at"] is not None and markdown.startswith("# Growth review")


def test_the_stand_up_asks_before_ending_too(own):
    async def scenario(pilot):
        await started(pilot)
        await pilot.press("e", "n")
        await until_idle(pilot)
        kept = (type(pilot.app.screen), meetings(own)[0]["ended_at"])
        return kept, await end(pilot)

    kept, markdown = drive(Host(partial(StandupScreen, pod="Pod Atlas"), own), scenario)
    assert kept == (StandupScreen, None)
    assert markdown.startswith("# Pod stand-up — Pod Atlas")
    assert "- **Attendees:** Marcus Okafor, Priya Raman, Sofia Lindqvist" in markdown, (
        "the pod's members start ticked"
    )
    assert "- **Time box:** 15 min" in markdown


def test_a_walkthrough_of_one_pod_shares_the_hour_among_its_clients(own, clock):
    async def scenario(pilot):
        screen = await scoped(pilot, "Pod A")
        client = screen.query_one("#client-timer", MeetingTimer)
        first = (bar(screen), str(client.render()))
        walked = []
        for _ in range(4):
            walked.append(screen.data.info.pod)
            await pilot.press("n")
            await until_idle(pilot)
        return first, walked, screen.order, await end(pilot)

    first, walked, order, markdown = drive(Host(WalkthroughScreen, own), scenario)
    assert first[0].startswith("Client 1 of 4 · 15 min each"), "60 min / 4 clients"
    assert "● Growth review open · Pod Atlas" in first[0]
    assert first[1] == "▶ Client 00:00 · 15:00 left of 15:00"
    assert walked == ["Pod Atlas"] * 4, "n walks the pod's clients only"
    [row] = meetings(own)
    assert Plan.from_json(row["plan"]) == Plan("Pod Atlas", order, 60)
    assert "- **Scope:** Pod Atlas (4 clients)" in markdown and "- **Time box:** 60 min" in markdown
    assert markdown.count("\n## ") == 4 and all(f"## {name}" in markdown for name in ATLAS)


def test_the_share_is_worked_out_again_as_the_meeting_runs_long_or_short(own, clock):
    async def scenario(pilot):
        screen = await scoped(pilot, "Pod A")
        seen = []
        for minutes in (25, 2):
            clock.now += minutes * 60
            await pilot.press("n")
            await until_idle(pilot)
            client = screen.query_one("#client-timer", MeetingTimer)
            seen.append((bar(screen).split(" | ")[0], str(client.render())))
        return seen

    long, short = drive(Host(WalkthroughScreen, own), scenario)
    assert long == ("Client 2 of 4 · 11 min 40 s each", "▶ Client 00:00 · 11:40 left of 11:40"), (
        "25 minutes on the first client leave 35 for 3"
    )
    assert short == ("Client 3 of 4 · 16 min 30 s each", "▶ Client 00:00 · 16:30 left of 16:30"), (
        "2 minutes on the second leave 33 for 2"
    )


def test_a_walkthrough_of_the_clients_at_risk(own):
    async def scenario(pilot):
        screen = await scoped(pilot, "Clients at")
        return (
            bar(screen),
            [row.score for row in screen.ranking],
            len(screen.every),
            await end(pilot),
        )

    text, scores, every, markdown = drive(Host(WalkthroughScreen, own), scenario)
    assert scores and all(score > 0 for score in scores) and len(scores) < every
    count = len(scores)
    assert text.startswith(f"Client 1 of {count} · ") and "open · clients at risk" in text
    assert f"- **Scope:** clients at risk ({count} clients)" in markdown


def test_a_walkthrough_of_the_top_n_by_risk(own):
    async def scenario(pilot):
        screen = await scoped(pilot, "Top", count="5")
        return bar(screen), screen.ranking, screen.every

    text, ranking, every = drive(Host(WalkthroughScreen, own), scenario)
    assert text.startswith("Client 1 of 5 · 12 min each") and "top 5 by risk" in text
    assert ranking == every[:5]


def test_top_n_without_a_number_says_so_and_starts_nothing(own):
    async def scenario(pilot):
        await asking(pilot)
        await choose(pilot, "#setup-scope", "Top")
        field = pilot.app.screen.query_one("#setup-top")
        field.value = ""
        await pilot.click("#setup-start")
        await until_idle(pilot)
        return type(pilot.app.screen), str(pilot.app.screen.query_one("#setup-problem").render())

    kind, problem = drive(Host(WalkthroughScreen, own), scenario)
    assert kind is MeetingSetupScreen and problem.startswith("Type how many clients")
    assert meetings(own) == []


def test_attendees_ticked_at_the_start_are_in_the_minutes(own):
    async def scenario(pilot):
        await asking(pilot)
        pilot.app.screen.query_one("#setup-attendees").focus()
        await pilot.press("space", "down", "down", "space")
        await start(pilot)
        return await end(pilot)

    markdown = drive(Host(WalkthroughScreen, own), scenario)
    assert "- **Attendees:** Diego Castillo, Hannah Goldberg" in markdown
    assert meetings(own)[0]["attendees"] == '["Diego Castillo", "Hannah Goldberg"]'


def test_cancelling_the_start_dialog_starts_no_meeting(own):
    async def scenario(pilot):
        await asking(pilot)
        await pilot.press("escape")
        await until_idle(pilot)
        return pilot.app.screen

    left = drive(Host(WalkthroughScreen, own), scenario)
    assert not isinstance(left, (WalkthroughScreen, MeetingSetupScreen)) and meetings(own) == []


def test_cancelling_a_stand_up_chosen_on_its_screen_goes_back_to_the_choice(own):
    async def scenario(pilot):
        await pilot.press("enter")
        await asking(pilot)
        await pilot.press("escape")
        await until_idle(pilot)
        return pilot.app.screen, screen_text(pilot.app)

    screen, text = drive(Host(StandupScreen, own), scenario)
    assert isinstance(screen, StandupScreen) and screen.pod is None
    assert "Whose stand-up?" in text and meetings(own) == []


def test_a_scoped_walkthrough_left_and_opened_again_carries_on_without_asking(own):
    async def first(pilot):
        screen = await scoped(pilot, "Pod B")
        await pilot.press("b")
        await until_idle(pilot)
        return screen.meeting.id

    async def again(pilot):
        await started(pilot)
        screen = pilot.app.screen
        return screen.meeting.id, bar(screen), screen.length

    meeting_id = drive(Host(WalkthroughScreen, own), first)
    resumed_id, text, length = drive(Host(WalkthroughScreen, own), again)
    assert resumed_id == meeting_id and "resumed · Pod Beacon" in text
    assert text.startswith("Client 1 of 4 · "), "the same four clients"
    assert length == 90, "the length `b` moved it to (60 → 90), kept with the meeting"
    assert Plan.from_json(meetings(own)[0]["plan"]).minutes == 90


def test_a_stand_up_keeps_the_length_b_chose(own):
    async def first(pilot):
        await started(pilot)
        screen = pilot.app.screen
        before = screen.box_minutes
        await pilot.press("b")
        await until_idle(pilot)
        return before, screen.box_minutes

    before, after = drive(Host(partial(StandupScreen, pod="Pod Atlas"), own), first)
    assert after != before
    assert Plan.from_json(meetings(own)[0]["plan"]).minutes == after


def test_snapshot_start_dialog_at_80x24(own, snap_compare):
    async def run_before(pilot):
        await asking(pilot)
        await choose(pilot, "#setup-scope", "Top")
        pilot.app.screen.query_one("#setup-start").focus()
        await pilot.pause()

    app = Host(WalkthroughScreen, own)
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
