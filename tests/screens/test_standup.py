"""The pod stand-up: choosing a pod starts its meeting, the agenda steps, the timer, ending and minutes."""

from __future__ import annotations

import sqlite3
from datetime import date
from functools import partial

from podview.dates import Week
from podview.decisions.meetings import GROWTH_REVIEW, Meeting
from podview.decisions.minutes import minutes_file_name
from podview.decisions.requests import meeting_day
from podview.screens.context import ViewContext
from podview.screens.help import keys_on
from podview.screens.meeting import MinutesScreen
from podview.screens.requests import Target
from podview.screens.standup import StandupScreen
from podview.widgets.fit_table import FitTable
from podview.widgets.timer import MeetingTimer, clock_text, timer_text
from tests.screens.conftest import notifications
from tests.screens.hosts import Host, drive, screen_text, settle, squash, started


def meetings(context: ViewContext) -> list[dict]:
    with sqlite3.connect(context.cache_path) as conn:
        conn.row_factory = sqlite3.Row
        rows = conn.execute(
            "SELECT m.*, p.name AS pod FROM meetings m LEFT JOIN pods p ON p.gid = m.pod_gid"
        )
        found = [dict(row) for row in rows]
    conn.close()
    return found


async def until_idle(pilot) -> None:
    """Let workers finish and their results land (a modal on top has no `data` to wait for)."""
    for _ in range(4):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def standup(pod: str | None = None):
    return partial(StandupScreen, pod=pod)


def test_timer_words_for_every_state():
    assert clock_text(4 * 60 + 7) == "04:07" and clock_text(3600 + 247) == "1:04:07"
    assert timer_text("Meeting", None, 900) == "◌ Meeting not started"
    assert timer_text("Meeting", 61.7, None) == "▶ Meeting 01:01"
    assert timer_text("Meeting", 60.4, 900) == "▶ Meeting 01:00 · 14:00 left of 15:00"
    over = timer_text("Meeting", 920, 900)
    assert over == "⚠ Meeting 15:20 · OVER TIME by 00:20 (box 15:00)"
    assert timer_text("Meeting", 920, 900, stopped=True) == "■ Meeting 15:20 · stopped"


def test_choosing_a_pod_starts_its_meeting_and_the_agenda_walks_four_steps(own):
    async def scenario(pilot):
        screen = pilot.app.screen
        chooser = screen_text(pilot.app)
        await pilot.press("down", "enter")
        await started(pilot)
        await settle(pilot)
        seen = [(screen.step, str(screen.query_one(f"#{screen.step}-heading").render()))]
        for key in ("n", "n", "n", "n", "p"):
            await pilot.press(key)
            await settle(pilot)
            seen.append((screen.step, str(screen.query_one(f"#{screen.step}-heading").render())))
        state = str(screen.query_one("#standup-state").render())
        return chooser, screen.data.agenda, screen.meeting, seen, (screen.title, state)

    chooser, agenda, meeting, seen, text = drive(Host(standup(), own), scenario)
    assert "Whose stand-up?" in chooser and "Pod Atlas" in chooser and "Pod Delta" in chooser
    rows = meetings(own)
    assert len(rows) == 1 and rows[0]["kind"] == "pod-standup" and rows[0]["pod"] == "Pod Beacon"
    assert rows[0]["ended_at"] is None and meeting.id == rows[0]["id"]
    assert agenda.pod == "Pod Beacon" and agenda.last and agenda.this
    assert {goal.pod for goal in agenda.last + agenda.this} == {"Pod Beacon"}
    assert {row.pod for row in agenda.moves.postponed} <= {"Pod Beacon"}
    steps = [step for step, _ in seen]
    assert steps == [
        "step-last",
        "step-this",
        "step-postponed",
        "step-decisions",
        "step-people",
        "step-decisions",
    ]
    assert seen[0][1].startswith("Step 2 of 6 · 16–22 Nov") and "hit rate" in seen[0][1]
    assert seen[1][1].startswith("Step 3 of 6 · 23–29 Nov")
    assert "Step 5 of 6 · 0 recorded in this meeting so far" in seen[3][1]
    assert seen[4][1].startswith("Step 6 of 6 · Pod Beacon: ") and "optional: e ends the meeting" in seen[4][1]
    assert text == ("Pod Beacon", "Pod Beacon · ● Meeting open"), "the bar names the pod too"


def test_the_agenda_is_read_behind_the_start_dialog_and_is_the_new_meetings_own(own):
    """While the room answers the start dialog the agenda is read and drawn under it; Enter opens the meeting on it."""
    from podview.screens.meeting_dialogs import MeetingSetupScreen
    from tests.screens.hosts import asking

    async def scenario(pilot):
        screen = pilot.app.screen
        await pilot.press("down", "enter")
        await asking(pilot)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        behind = (isinstance(pilot.app.screen, MeetingSetupScreen), screen.meeting, screen.data.agenda)
        await started(pilot)
        await settle(pilot)
        heading = str(screen.query_one("#step-decisions-heading").render())
        return behind, screen.meeting, screen.data.agenda, heading

    (dialog_up, no_meeting, read_ahead), meeting, agenda, heading = drive(Host(standup(), own), scenario)
    assert dialog_up and no_meeting is None, "the dialog is still asking: no meeting yet"
    assert read_ahead is not None and read_ahead.pod == "Pod Beacon", "the agenda was read behind the dialog"
    assert meeting is not None and agenda is read_ahead, "the new meeting opens on the agenda read ahead"
    assert "0 recorded in this meeting so far" in heading, "drawn again for the open meeting"


def test_decisions_step_lists_only_this_meetings_decisions(own):
    async def scenario(pilot):
        await started(pilot)
        screen = pilot.app.screen
        with sqlite3.connect(own.cache_path) as conn:
            for id_, meeting_id, text in (
                ("01D1", screen.meeting.id, "Ask for the new creatives"),
                ("01D2", "01OTHERMEETING", "Not this meeting"),
            ):
                conn.execute(
                    "INSERT INTO decisions (id, meeting_id, kind, target_gid, payload, state, "
                    "created_at) VALUES (?, ?, 'comment', '1', ?, 'pending', '2026-11-25T15:00:00Z')",
                    [id_, meeting_id, f'{{"task": "1", "task_name": "Brief", "text": "{text}"}}'],
                )
        conn.close()
        await pilot.press("n", "n", "n")
        await settle(pilot)
        table = screen.query_one("#step-decisions-table", FitTable)
        cells = [
            " ".join(str(cell) for cell in table.get_row_at(i)) for i in range(table.row_count)
        ]
        label = str(screen.query_one("#standup-agenda").get_tab("step-decisions").label)
        return cells, label

    cells, label = drive(Host(standup("Pod Atlas"), own), scenario)
    assert len(cells) == 1
    assert "Ask for the new creatives" in cells[0] and "pending" in cells[0]
    assert label == "Decisions (1)"


def test_d_decides_on_the_row_under_the_cursor(own):
    async def scenario(pilot):
        await started(pilot)
        screen = pilot.app.screen
        picked = [screen.selected_target()]
        for _ in range(2):
            await pilot.press("down")
            picked.append(screen.selected_target())
        await pilot.press("n", "n")
        await settle(pilot)
        picked.append(screen.selected_target())
        return picked, screen.data.agenda

    picked, agenda = drive(Host(standup("Pod Atlas"), own), scenario)
    brightsmile = agenda.client_gids["Brightsmile Dental Group"]
    assert picked[0] == picked[1] == Target("client", brightsmile, "Brightsmile Dental Group")
    goal = next(goal for goal in agenda.last if goal.client_gid == brightsmile)
    assert picked[2].kind == "weekly_goal" and picked[2].gid in {
        g.task_gid for g in agenda.last if g.client_gid == brightsmile
    }
    assert goal.pod == "Pod Atlas"
    first = agenda.moves.postponed[0]
    assert picked[3] == Target("weekly_goal", first.task_gid, " ".join(first.name.split()))


def test_stand_up_time_box_says_over_time_in_words(own, clock):
    async def scenario(pilot):
        await started(pilot)
        timer = pilot.app.screen.query_one("#standup-timer", MeetingTimer)
        clock.now += 14 * 60
        timer.tick()
        before = (str(timer.render()), timer.over)
        clock.now += 90
        timer.tick()
        over = (str(timer.render()), timer.over, timer.has_class("-over"))
        await pilot.press("b")
        return before, over, (str(timer.render()), timer.over)

    before, over, boxed = drive(Host(standup("Pod Atlas"), own), scenario)
    assert before == ("▶ Meeting 14:00 · 01:00 left of 15:00", False)
    assert over == ("⚠ Meeting 15:30 · OVER TIME by 00:30 (box 15:00)", True, True)
    assert boxed == ("▶ Meeting 15:30 · 04:30 left of 20:00", False)


def test_another_open_meeting_is_a_notification_and_nothing_is_started(own):
    from podview.cache import open_cache
    from podview.decisions.meetings import start_meeting

    db = open_cache(own.cache_path)
    review = start_meeting(db, GROWTH_REVIEW)
    db.conn.close()

    async def scenario(pilot):
        await started(pilot)
        notes = notifications(pilot.app)
        screen = pilot.app.screen
        return notes, screen.meeting, str(screen.query_one("#standup-state").render())

    notes, meeting, text = drive(Host(standup("Pod Atlas"), own), scenario)
    assert meeting is None and [row["id"] for row in meetings(own)] == [review.id]
    assert any(
        note.startswith("Could not start the meeting") and "still open" in note for note in notes
    )
    assert text == "Pod Atlas · ✖ Not recorded as a meeting (see the message)"


def test_the_same_stand_up_still_open_is_resumed(own):
    async def scenario(pilot):
        await started(pilot)
        return pilot.app.screen.meeting

    first = drive(Host(standup("Pod Atlas"), own), scenario)
    again = drive(Host(standup("pod atlas"), own), scenario)
    assert again.id == first.id and len(meetings(own)) == 1


def test_ending_writes_ended_at_and_the_minutes_can_be_saved(own):
    async def scenario(pilot):
        await started(pilot)
        await pilot.press("e", "y")
        await until_idle(pilot)
        modal = pilot.app.screen
        assert isinstance(modal, MinutesScreen)
        shown = modal.markdown
        expected = minutes_of(own, modal.ended.meeting)
        await pilot.press("w")
        await until_idle(pilot)
        notes = notifications(pilot.app)
        await pilot.press("escape")
        await pilot.pause()
        back = pilot.app.screen
        ended_text = " ".join(
            str(back.query_one(selector).render())
            for selector in ("#standup-state", "#standup-timer")
        )
        await pilot.press("m")
        await pilot.pause()
        return modal.saved, shown, expected, notes, back, ended_text, pilot.app.screen

    saved, shown, expected, notes, back, ended_text, again = drive(
        Host(standup("Pod Atlas"), own), scenario
    )
    row = meetings(own)[0]
    assert row["ended_at"] is not None
    assert shown == expected and expected.startswith("# Pod stand-up — Pod Atlas, ")
    assert f"Weekly goals {Week.of(own.today).name}:" in shown, "the figures of the day the app ran on (--today), not the clock's"
    day = meeting_day(Meeting.from_row(row), own.config)
    assert saved == own.config.exports_folder() / f"{day.isoformat()} Pod Atlas stand-up.md"
    assert saved.read_text(encoding="utf-8") == expected
    assert f"Minutes saved: Saved to {saved}" in notes
    assert isinstance(back, StandupScreen) and "■ Meeting ended" in ended_text
    assert "stopped" in ended_text and isinstance(again, MinutesScreen)


def test_minutes_are_saved_under_a_readable_name_and_an_unwritable_folder_says_what_to_do(
    own, tmp_path
):
    meeting = Meeting("01MEETING", "pod-standup", None, "Pod Atlas", "2026-11-25T15:00:00Z", None)
    from podview.screens.meeting import Ended

    ended = Ended(meeting, "# Minutes\n")
    name = minutes_file_name(meeting, own.config)

    def run(folder, presses=1):
        async def scenario(pilot):
            modal = MinutesScreen(ended, folder, name)
            await pilot.app.push_screen(modal)
            saved = []
            for _ in range(presses):
                await pilot.press("w")
                await until_idle(pilot)
                saved.append(modal.saved)
            return saved, notifications(pilot.app)

        return drive(Host(standup("Pod Atlas"), own), scenario)

    exports = tmp_path / "new" / "exports"
    assert name == "2026-11-25 Pod Atlas stand-up.md"
    saved, notes = run(exports, presses=2)
    assert saved == [exports / name, exports / "2026-11-25 Pod Atlas stand-up 2.md"]
    assert f"Minutes saved: Saved to {exports / name}" in notes
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    saved, notes = run(blocker / "exports")
    failed = [note for note in notes if note.startswith("Could not save the minutes: ")]
    assert saved == [None] and len(failed) == 1
    assert "set exports_dir in your config file" in failed[0] and "press w again" in failed[0]


def test_a_growth_review_s_minutes_are_named_after_its_local_day(own):
    late = Meeting("01LATE", "growth-review", None, None, "2026-11-26T03:00:00Z", None)
    assert minutes_file_name(late, own.config) == "2026-11-25 Growth review.md"  # New York


def minutes_of(context: ViewContext, meeting: Meeting) -> str:
    from podview.decisions.minutes import minutes_data, render_markdown

    conn = context.reader()
    try:
        return render_markdown(minutes_data(conn, meeting, context.config, as_of=context.today))
    finally:
        conn.close()


def test_snapshot_stand_up(own, clock, snap_compare):
    async def run_before(pilot):
        await settle(pilot)
        await started(pilot)
        clock.now += 4 * 60 + 5
        pilot.app.screen.query_one("#standup-timer", MeetingTimer).tick()
        await pilot.pause()

    app = Host(standup("Pod Atlas"), own)
    assert snap_compare(app, terminal_size=(100, 30), run_before=run_before)


def test_the_postponed_step_shows_last_and_this_week_and_a_shows_every_week(own):
    async def scenario(pilot):
        await started(pilot)
        screen = pilot.app.screen
        seen = {"before": "a All weeks" in squash(screen_text(pilot.app))}
        await pilot.press("n", "n")
        await settle(pilot)
        for name in ("recent", "all", "back"):
            table = screen.query_one("#step-postponed-table", FitTable)
            seen[name] = (
                str(screen.query_one("#step-postponed-heading").render()),
                [row.key for row in screen.rows["step-postponed"]],
                table.row_count,
                squash(screen_text(pilot.app)),
            )
            await pilot.press("a")
            await settle(pilot)
        seen["help"] = [(key.key, key.description, key.binding_id) for key in keys_on(screen)]
        return seen, screen.data.agenda

    seen, agenda = drive(Host(standup("Pod Beacon"), own), scenario, size=(120, 30))
    assert not seen["before"], "a works on the postponed step only"
    heading, keys, count, text = seen["recent"]
    assert "Step 4 of 6 · Pod Beacon · last and this week (16–29 Nov):" in heading
    recent = {
        f"postponed:{row.task_gid}"
        for row in agenda.moves.postponed
        if date(2026, 11, 16) <= row.fixed_due_on <= date(2026, 11, 29)
    }
    assert recent and set(keys) == recent and count == len(recent)
    assert "a All weeks" in text and "Postponed · last+this wk" in text
    heading, keys, count, text = seen["all"]
    assert "Pod Beacon · all:" in heading and "Postponed · all" in text
    assert "a Last+this wk" in text and "a All weeks" not in text, "the footer says what a will show next"
    assert "a All weeks" in seen["back"][3]
    everything = [*agenda.moves.postponed, *agenda.moves.deadline_moved, *agenda.moves.recreated]
    assert count == len(everything) > len(recent)
    assert seen["back"][1:3] == seen["recent"][1:3]
    assert ("a", "Postponed step: every week, or back to last and this week", "standup.all") in seen[
        "help"
    ]
