"""People (key 7) and the person card: rows, sorting, the pod filter, the habits in words, Enter, privacy."""

from __future__ import annotations

import pytest

from podview import words
from podview.figures.people import people_report
from podview.screens.people import PeopleScreen
from podview.screens.person_card import PersonCardScreen
from podview.screens.requests import OpenPerson
from podview.tui.notices import CLIENT_SAFE_HIDES
from podview.tui.palette import app_commands
from podview.widgets.labels import percent
from tests.screens.conftest import CONFIG, SIZE, TODAY, notifications, said, screen_text, settle

pytestmark = pytest.mark.anyio


def report(app, pod=None):
    """People as `podview report people` counts it on the app's cache."""
    conn = app.context.reader()
    try:
        return people_report(
            conn, today=TODAY, zone=app.context.zone, confidence=CONFIG.tactics.confidence, pod=pod
        )
    finally:
        conn.close()


async def open_people(app, pilot) -> PeopleScreen:
    await settle(pilot)
    await pilot.press("7")
    await settle(pilot)
    assert isinstance(app.screen, PeopleScreen)
    return app.screen


def names_on_screen(app, people) -> list[str]:
    """The people's names in the order the terminal shows them."""
    text = screen_text(app)
    found = [(text.index(person.name), person.name) for person in people if person.name in text]
    return [name for _, name in sorted(found)]


async def test_every_person_with_their_figures_and_coaching_in_words(app):
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_people(app, pilot)
        people = report(app).people
        assert [person.user_gid for person in screen.visible()] == [p.user_gid for p in people]
        text = screen_text(app)
        marcus = next(person for person in people if person.name == "Marcus Okafor")
        weekly = marcus.weekly
        assert f"{weekly.postponed} · {weekly.deadline_moved} · {weekly.recreated}" in text
        assert percent(weekly.hit_rate) in text
        assert "moves deadlines" in text and "nothing to coach" in text
        diego = next(person for person in people if person.name == "Diego Castillo")
        first = screen.visible()[0]
        assert first.name == "Diego Castillo", "sorted by name"
        assert f"Diego Castillo (Pod Beacon; {diego.clients} clients): {words.coaching_text(diego.coach)}" in text


async def test_the_habits_read_aloud_are_the_figures_values_and_follow_the_pod_filter(app):
    async with app.run_test(size=SIZE) as pilot:
        await open_people(app, pilot)
        habits = report(app).habits
        planned = habits["planned_by_monday"]
        text = screen_text(app)
        assert "What successful managers do" in text
        assert f"Goals set by Monday: {percent(planned['top'])} vs {percent(planned['rest'])}" in text
        score = habits["avg_score"]
        assert f"Training score: {score['top']:.0f} vs {score['rest']:.0f}" in text
        await pilot.press("f")
        await settle(pilot)
        atlas = report(app, pod="Pod Atlas")
        done = atlas.habits["training_completion"]
        text = screen_text(app)
        assert f"Training done: {percent(done['top'])} vs {percent(done['rest'])}" in text


async def test_sorting_changes_the_order_the_user_sees(app):
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_people(app, pilot)
        people = report(app).people
        assert names_on_screen(app, people) == sorted((p.name for p in people), key=str.casefold)
        await pilot.press("greater_than_sign")
        await pilot.pause()
        by_goals = sorted(people, key=lambda p: p.weekly.goals, reverse=True)
        assert names_on_screen(app, people) == [p.name for p in by_goals]
        assert "Sorted by goals" in screen_text(app) and "Goals▼" in screen_text(app)
        await pilot.press("greater_than_sign")
        await pilot.pause()
        rated = sorted((p for p in people if p.weekly.hit_rate is not None), key=lambda p: p.weekly.hit_rate)
        shown = names_on_screen(app, people)
        assert shown[: len(rated)] == [p.name for p in rated], "lowest hit rate first, those without one last"
        await pilot.press("r")
        await pilot.pause()
        assert names_on_screen(app, people)[: len(rated)] == [p.name for p in reversed(rated)]
        assert screen.reverse


async def test_the_pod_filter_keeps_only_that_pods_people(app):
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_people(app, pilot)
        everyone = report(app).people
        await pilot.press("f")
        await settle(pilot)
        assert screen.pod_filter == "Pod Atlas"
        atlas = [p.name for p in everyone if "Pod Atlas" in p.pods]
        assert [p.name for p in screen.visible()] == atlas == [p.name for p in report(app, "Pod Atlas").people]
        assert names_on_screen(app, everyone) == atlas


async def test_enter_opens_that_persons_card_with_their_goals(app):
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_people(app, pilot)
        priya = next(p for p in screen.visible() if p.name == "Priya Raman")
        while app.focused.cursor_row < [p.user_gid for p in screen.visible()].index(priya.user_gid):
            await pilot.press("down")
        await pilot.press("enter")
        await settle(pilot)
        card = app.screen
        assert isinstance(card, PersonCardScreen) and card.user_gid == priya.user_gid
        text = screen_text(app)
        assert "Priya Raman" in text and f"Coaching: {words.coaching_text(priya.coach)}" in text
        this_week = card.data.weeks[0][1]
        assert this_week and all(goal.name[:20] in text for goal in this_week[:3])
        await pilot.press("down")
        target = card.selected_target()
        assert (target.kind, target.gid) == ("weekly_goal", this_week[0].task_gid)
        assert target.kinds == ("postpone", "comment")
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen


async def test_the_card_offers_a_module_and_a_client_and_enter_on_a_client_opens_its_card(app):
    from podview.screens.client_card import ClientCardScreen

    async with app.run_test(size=(100, 60)) as pilot:
        await open_people(app, pilot)
        await pilot.press("enter")
        await settle(pilot)
        card = app.screen
        table = app.focused
        keys = [row.key.value for row in table.ordered_rows]
        table.move_cursor(row=next(i for i, key in enumerate(keys) if key.startswith("module:")))
        assert card.selected_target().kind == "training_module"
        first_client = next(i for i, key in enumerate(keys) if key.startswith("client:"))
        table.move_cursor(row=first_client)
        target = card.selected_target()
        assert target.kind == "client" and target.label == card.data.clients[0].name
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ClientCardScreen) and app.screen.client_gid == target.gid


async def test_people_and_person_cards_are_never_shown_in_client_safe_mode(app):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "Go to People" in [item.text for item in app_commands(app)]
        gid = report(app).people[0].user_gid
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("C")
        await settle(pilot)
        assert app.client_safe
        shown = app.screen
        await pilot.press("7")
        await settle(pilot)
        assert app.screen is shown and not isinstance(app.screen, PeopleScreen)
        assert not [item for item in app_commands(app) if "People" in item.text]
        app.post_message(OpenPerson(gid))
        await said(app, CLIENT_SAFE_HIDES)
        await settle(pilot)
        assert app.screen is shown
        assert not [screen for screen in app.screen_stack if isinstance(screen, PersonCardScreen)]
        assert "Hidden while a client is watching" in " ".join(notifications(app))


def pressing(*keys: str):
    """A `run_before` that waits for the data, presses keys, and waits again after each."""

    async def run(pilot) -> None:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)

    return run


@pytest.mark.parametrize("size", [(80, 24), (200, 60)], ids=["80x24", "200x60"])
def test_snapshot_people(snap_compare, app, size):
    assert snap_compare(app, terminal_size=size, run_before=pressing("7"))


@pytest.mark.parametrize("size", [(80, 24), (200, 60)], ids=["80x24", "200x60"])
def test_snapshot_person_card(snap_compare, app, size):
    assert snap_compare(app, terminal_size=size, run_before=pressing("7", "down", "enter"))
