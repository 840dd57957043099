"""The stand-up's last step, People: the pod's members and their week, optional (the meeting can end before it)."""

from __future__ import annotations

from functools import partial

from podview.figures.members import pod_members
from podview.figures.people_week import pod_people_week
from podview.screens.standup import STEPS, StandupScreen
from podview.widgets.fit_table import FitTable
from tests.screens.hosts import Host, drive, screen_text, settle, squash, started


def test_the_last_step_lists_every_member_with_their_week_and_what_to_coach(own):
    async def scenario(pilot):
        await started(pilot)
        screen = pilot.app.screen
        for _ in STEPS:
            await pilot.press("n")
        await settle(pilot)
        table = screen.query_one("#step-people-table", FitTable)
        return (
            screen.step,
            str(screen.query_one("#step-people-heading").render()),
            str(screen.query_one("#standup-agenda").get_tab("step-people").label),
            [" | ".join(str(cell) for cell in table.get_row_at(i)) for i in range(table.row_count)],
            squash(screen_text(pilot.app)),
        )

    step, heading, label, rows, text = drive(Host(partial(StandupScreen, pod="Pod Atlas"), own), scenario)
    conn = own.reader()
    try:
        members = pod_members(conn, "Pod Atlas")
        week = pod_people_week(conn, today=own.today, zone=own.zone, pod="Pod Atlas")
    finally:
        conn.close()
    assert step == "step-people", "n stops at the last step"
    assert heading.startswith(f"Step 6 of 6 · Pod Atlas: {len(members)} people")
    assert "optional: e ends the meeting" in heading
    assert label == f"People ({len(members)})"
    assert [row.split(" | ")[0] for row in rows] == [member.name for member in members]
    busy = next(person for person in week if person.goals)
    row = rows[[person.name for person in week].index(busy.name)]
    assert f"{busy.hit} hit, {busy.late} late, {busy.missed} missed" in row
    assert f"{busy.open_now} open of {busy.this_week}" in row or not busy.this_week
    assert "e End meeting" in text, "the footer says how to end the meeting here, skipping nothing else"


def test_every_steps_tab_stays_in_sight_and_the_postponed_one_says_its_scope_at_any_width():
    from podview.screens.standup_agenda import tab_labels

    counts = (3, 16, 14, 1, 12, 3)
    for width in (80, 100, 120, 160, 200):
        labels, tight = tab_labels(counts, "last_and_this_week", width)
        assert sum(len(label) + (1 if tight else 2) for label in labels) <= width - 2, width
        assert "· last+this wk (1)" in labels[3]
    assert tab_labels(counts, "all", 200)[0][0] == "Last meeting (3)"
    assert tab_labels(counts, "all", 80)[0][0] == "Old (3)"
