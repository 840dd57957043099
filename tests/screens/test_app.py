"""The app shell: navigation, keys, the palette, themes, client-safe mode, export, worker failures, welcome."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pytest

from podview import tui
from podview.cache import CacheError
from podview.demo.build import DemoError
from podview.screens import registry
from podview.screens.client_card import ClientCardScreen
from podview.screens.help import HelpScreen
from podview.screens.home import HomeScreen
from podview.screens.risk import RiskScreen
from podview.screens.welcome import WelcomeScreen
from podview.tui.app import PodviewApp
from podview.tui.notices import failure_message
from podview.tui.palette import app_commands
from tests.screens.conftest import SIZE, TODAY, hold, notifications, screen_text, settle

pytestmark = pytest.mark.anyio


def gid_of(app, name: str) -> str:
    return next(client.gid for client in app.directory.clients if client.name.startswith(name))


async def test_opens_on_home_and_digits_switch_screens(app):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("6")
        await settle(pilot)
        assert isinstance(app.screen, RiskScreen)
        await pilot.press("1")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)


@pytest.mark.parametrize("key", ["2", "3", "4", "5"])
async def test_the_other_screens_open_from_their_keys(app, key):
    name = registry.TOP_LEVEL[int(key) - 1]
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press(key)
        await settle(pilot)
        assert type(app.screen).__name__ == registry.SCREENS[name].class_name
        assert not [n for n in notifications(app) if "Could not" in n]


async def test_client_safe_weekly_shows_only_the_watched_client(app):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("C")
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        assert type(app.screen).__name__ == "WeeklyScreen"
        assert app.screen.context.client_safe == app.client_safe
        text = screen_text(app)
        assert "Brightsmile" in text and "Meridian" not in text and "Pod Beacon" not in text
        await pilot.press("1")
        await settle(pilot)
        assert isinstance(app.screen, ClientCardScreen)


async def test_going_to_the_current_screen_closes_cards_opened_on_it(app):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ClientCardScreen)
        await pilot.press("1")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)


async def test_escape_closes_the_card(app):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


def test_every_global_binding_has_an_id():
    ids = [binding.id for binding in PodviewApp.BINDINGS]
    assert all(ids) and len(ids) == len(set(ids))
    assert {
        "go.home",
        "go.risk",
        "help",
        "command-palette",
        "export-svg",
        "presenter",
        "client-safe",
        "quit",
    } <= set(ids)


async def test_a_screen_that_cannot_be_imported_is_a_notification(app, monkeypatch):
    broken = registry.ScreenEntry("podview.screens.not_there", "Nope", "Tactics", "")
    monkeypatch.setitem(registry.SCREENS, "tactics", broken)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert any("could not be loaded" in note for note in notifications(app))


async def test_help_lists_the_keys_of_the_screen_and_their_ids(app):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        ids = {item.binding_id for item in app.screen.keys}
        assert {"card.next", "card.previous", "go.home", "go.risk", "help", "quit"} <= ids
        assert "card.next" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ClientCardScreen)


async def test_help_says_how_to_close_it_even_at_80x24(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen) and len(app.screen.keys) > 20
        assert "Esc closes this list" in screen_text(app), "more keys than lines: the hint stays"


async def test_palette_finds_a_client_and_opens_its_card(app):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Vireo")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ClientCardScreen)
        assert app.screen.client_gid == gid_of(app, "Vireo")
        assert "Vireo Skincare" in screen_text(app)


async def test_palette_pod_opens_the_risk_radar_filtered(app):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.show_pod("Pod Comet")
        await settle(pilot)
        assert isinstance(app.screen, RiskScreen)
        assert {row.pod for row in app.screen.visible()} == {"Pod Comet"}


async def test_palette_offers_screens_pods_clients_and_actions(app):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        texts = [item.text for item in app_commands(app)]
        assert "Go to Risk" in texts and "Pod: Pod Atlas" in texts
        assert "Client: Ledgerly" in texts
        assert {
            "Presenter mode on/off",
            "Export this screen as SVG",
            "Client-safe mode on…",
        } <= set(texts)


async def test_presenter_mode_switches_colours_and_hides_chrome(app):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        everyday = app.screen.styles.background.hex
        await pilot.press("P")
        await pilot.pause()
        assert app.has_class("-presenter")
        assert app.screen.styles.background.hex == "#000000", "the presenter's black"
        assert not app.screen.query_one("Header").display
        await pilot.press("P")
        await pilot.pause()
        assert app.screen.styles.background.hex == everyday != "#000000"
        assert app.screen.query_one("Header").display


def cell_colours(table) -> set[str]:
    """Every foreground colour the table's cells are drawn in, as hex."""
    from rich.text import Text

    found = set()
    for row in range(table.row_count):
        for cell in table.get_row_at(row):
            if isinstance(cell, Text):
                styles = [cell.style, *(span.style for span in cell.spans)]
                found |= {s.color.triplet.hex for s in styles if not isinstance(s, str) and s and s.color and s.color.triplet}
    return found


async def test_a_screen_built_before_presenter_mode_shows_its_colours_when_shown(app_on, demo_cache):
    """P redraws only the screen on show; one left behind is redrawn in the new colours by the time it is seen."""
    app = app_on(demo_cache)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        table = app.screen.query_one("#clients-table")
        normal = cell_colours(table)
        await pilot.press("1", "P", "3")
        await settle(pilot)
        presenter = cell_colours(table)
    assert normal and presenter and not normal & presenter, "cells kept the everyday colours"


async def test_client_safe_mode_shows_one_client_without_money_or_risk(app):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        before = screen_text(app)
        assert "MRR" in before and "Risk #1" in before
        watched = app.screen.client_gid
        await pilot.press("C")
        await settle(pilot)
        text = screen_text(app)
        assert app.client_safe == watched
        assert isinstance(app.screen, ClientCardScreen) and app.screen.client_gid == watched
        assert "Brightsmile Dental Group" in text
        for hidden in ("MRR", "$18,500", "Risk #", "score", "Asana status history", "Decisions"):
            assert hidden not in text
        others = [c.name for c in app.directory.clients if c.gid != watched]
        assert not [name for name in others if name in text]
        assert not [item for item in app_commands(app) if item.text.startswith(("Client:", "Pod:"))]


async def test_client_safe_mode_hides_home_risk_and_other_cards(app):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        watched = app.screen.client_gid
        await pilot.press("C")
        await settle(pilot)
        await pilot.press("6", "n")
        await settle(pilot)
        assert isinstance(app.screen, ClientCardScreen) and app.screen.client_gid == watched
        app.open_client(gid_of(app, "Ledgerly"))
        await settle(pilot)
        assert app.screen.client_gid == watched
        await pilot.press("1")
        await settle(pilot)
        assert isinstance(app.screen, ClientCardScreen)
        await pilot.press("C")
        await settle(pilot)
        assert app.client_safe is None
        assert "MRR" in screen_text(app)
        await pilot.press("1")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)


@pytest.mark.parametrize("ahead", [False, True], ids=["built on first visit", "built ahead"])
async def test_every_screen_follows_presenter_and_client_safe_modes(app_on, demo_cache, ahead):
    """As a user runs it: each top-level screen in presenter mode, then the room changes modes."""
    from podview.screens.registry import TOP_LEVEL, screen_class

    app = app_on(demo_cache, warm_screens=ahead)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        if ahead:
            await asyncio.wait_for(app.warming.finished.wait(), 30)
            await settle(pilot)
        await pilot.press("P")
        for index, name in enumerate(TOP_LEVEL[1:], start=2):
            await pilot.press(str(index))
            await settle(pilot)
            assert isinstance(app.screen, screen_class(name)) and app.screen.data is not None
            assert app.screen.styles.padding.top == 1, f"{name} was not styled for presenter mode"
        await pilot.press("6")
        await settle(pilot)
        await pilot.press("P", "enter")
        await settle(pilot)
        watched = app.screen.client_gid
        await pilot.press("C", "2")
        await settle(pilot)
        assert app.screen.context.client_safe == watched
        others = [c.name for c in app.directory.clients if c.gid != watched]
        assert not [name for name in others if name in screen_text(app)]
        await pilot.press("C", "3")
        await settle(pilot)
        assert isinstance(app.screen, screen_class("tactics")) and app.screen.context.client_safe is None
        assert app.screen.styles.padding.top == 0, "presenter mode's room stayed after it was left"


async def test_client_safe_from_home_asks_which_client(app):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("C")
        await pilot.pause()
        await pilot.press(*"Ledgerly")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert app.client_safe == gid_of(app, "Ledgerly")
        assert isinstance(app.screen, ClientCardScreen)
        assert "Ledgerly" in screen_text(app)


async def test_ctrl_s_saves_the_screen_in_the_exports_folder_under_a_readable_name(
    app_on, demo_cache, tmp_path
):
    exports = tmp_path / "exports" / "podview"
    app = app_on(demo_cache, export_dir=exports)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for key in ("ctrl+s", "ctrl+s", "6", "ctrl+s"):
            await pilot.press(key)
            await settle(pilot)
        await app.workers.wait_for_complete()
        await settle(pilot)
    names = sorted(path.name for path in exports.iterdir())
    assert names == ["2026-11-25 Home 2.svg", "2026-11-25 Home.svg", "2026-11-25 Risk.svg"]
    assert (exports / "2026-11-25 Home.svg").read_text().startswith("<svg")
    for name in names:
        assert any(f"Saved this screen to {exports / name}" in note for note in notifications(app))


async def test_a_failed_export_says_what_to_do(app_on, demo_cache, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    app = app_on(demo_cache)
    app.export_dir = blocker / "shots"
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        notes = [note for note in notifications(app) if "Could not save the screenshot" in note]
        assert len(notes) == 1 and "Traceback" not in notes[0]
        assert f"Make {blocker / 'shots'} a folder you can write to" in notes[0]
        assert "set exports_dir in your config file" in notes[0] and "press ctrl+s again" in notes[0]


async def test_a_failed_screen_load_becomes_a_notification(app, monkeypatch):
    def fail(self, conn):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(RiskScreen, "load", fail)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("6")
        await settle(pilot)
        notes = notifications(app)
        assert any("disk on fire" in n and "podview sync" in n for n in notes)
        assert app.is_running


@pytest.mark.parametrize(
    ("group", "error", "words"),
    [
        (
            "load",
            RuntimeError("disk on fire"),
            ["Could not show Risk radar", "disk on fire", "podview sync"],
        ),
        ("load", CacheError("/x.db: no cache here yet. Run `podview sync`"), ["no cache here yet"]),
        (
            "export",
            PermissionError("denied"),
            ["Could not save the screenshot", "denied", "/shots a folder you can write to", "exports_dir"],
        ),
        (
            "demo",
            DemoError("/x.db is not a podview demo cache"),
            ["Could not build", "not a podview"],
        ),
        ("mystery", ValueError("odd"), ["Something went wrong", "ValueError: odd", "report it"]),
    ],
)
def test_failure_messages_say_what_happened_and_what_to_do(group, error, words):
    title, message = failure_message(group, error, what="Risk radar", export_dir=Path("/shots"))
    assert all(word in f"{title}: {message}" for word in words)


async def test_welcome_without_cache_then_demo_opens_home(app_on, tmp_path):
    app = app_on(tmp_path / "none.db", demo_path=tmp_path / "demo.db")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, WelcomeScreen)
        assert "There is no cache at" in screen_text(app)
        await pilot.press("1")
        assert isinstance(app.screen, WelcomeScreen)
        await pilot.click("#demo")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert app.context.cache_path == tmp_path / "demo.db"
        assert "Pod Atlas" in screen_text(app)


async def test_welcome_explains_login(app_on, tmp_path):
    app = app_on(tmp_path / "none.db")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await pilot.pause()
        assert "podview auth login" in screen_text(app)


async def test_demo_that_cannot_be_built_is_a_notification(app_on, tmp_path):
    stranger = tmp_path / "stranger.db"
    stranger.write_text("somebody else's file")
    app = app_on(tmp_path / "none.db", demo_path=stranger)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, WelcomeScreen) and not app.screen.building
        assert any(
            "Could not build the demo agency" in n and "untouched" in n for n in notifications(app)
        )


async def test_welcome_shows_progress_while_the_demo_is_built(app_on, tmp_path, monkeypatch):
    from podview.demo import build

    release = hold(monkeypatch, build, "build_demo_cache")
    app = app_on(tmp_path / "none.db", demo_path=tmp_path / "demo.db")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        assert app.screen.has_class("-building")
        assert "Building the demo agency…" in screen_text(app)
        assert app.screen.query_one("#demo").disabled
        release.set()
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)


async def test_podview_demo_builds_first_then_shows_home(app_on, tmp_path):
    path = tmp_path / "demo.db"
    app = app_on(path, demo_path=path, build_demo=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert path.exists()


@pytest.mark.parametrize(("size", "wide"), [((80, 24), False), ((200, 60), True)])
async def test_wide_terminals_get_side_by_side_panels(app, size, wide):
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        assert app.screen.has_class("-wide") is wide
        assert app.screen.query_one("#goals-panel").display is wide
        assert "Brightsmile Dental Group" in screen_text(app)


def test_tui_run_builds_the_context_and_runs_the_app(monkeypatch, tmp_path):
    seen = {}

    def fake_run(self):
        seen["app"] = self

    monkeypatch.setattr(PodviewApp, "run", fake_run)
    from tests.screens.conftest import CONFIG

    assert tui.run(tmp_path / "demo.db", CONFIG, TODAY, demo=True) == 0
    app = seen["app"]
    assert app.context.cache_path == Path(tmp_path / "demo.db") and app.context.today == TODAY
    assert app.welcome.build_first and app.welcome.demo_path == tmp_path / "demo.db"


async def test_keys_from_the_config_rebind(app_on, demo_cache):
    """Unknown ids never reach the app: the config refuses them (tests/test_config_keys.py)."""
    from dataclasses import replace

    from podview.screens.context import ViewContext
    from tests.screens.conftest import CONFIG

    config = replace(CONFIG, keys={"go.risk": "r"})
    app = PodviewApp(
        ViewContext(cache_path=demo_cache, config=config, today=TODAY)
    )
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, RiskScreen)
        assert not any("keys" in note for note in notifications(app))


def forget_saved_home(path) -> None:
    """Change a row Home reads (to the same value): the cache drops the Home it saved."""
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE clients SET name = name")
    conn.close()


async def test_home_that_fails_to_load_at_launch_is_one_notification(app_on, own_cache, monkeypatch):
    from podview.figures import home

    def fail(conn, **counted_on):
        raise RuntimeError("disk on fire")

    forget_saved_home(own_cache)
    monkeypatch.setattr(home, "home_data", fail)
    app = app_on(own_cache)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        expected = (
            "Could not show Home: RuntimeError: disk on fire. "
            "Check the cache with `podview report risk`; `podview sync` rebuilds it."
        )
        assert [note for note in notifications(app) if "disk on fire" in note] == [expected]


@pytest.mark.parametrize("saved", [True, False], ids=["saved in the cache", "none saved"])
async def test_home_opens_with_the_figures_saved_in_the_cache_or_computes_and_saves_them(
    app_on, own_cache, monkeypatch, saved
):
    from zoneinfo import ZoneInfo

    from podview.cache import open_reader
    from podview.figures import home, home_store
    from tests.screens.conftest import CONFIG

    if not saved:
        forget_saved_home(own_cache)
    assert (home_store.saved_home_in(own_cache, today=TODAY, config=CONFIG) is not None) == saved
    conn = open_reader(own_cache)
    figures = home.home_data(conn, today=TODAY, zone=ZoneInfo(CONFIG.timezone), config=CONFIG)
    conn.close()
    computed = []
    compute = home.home_data
    monkeypatch.setattr(home, "home_data", lambda *a, **k: computed.append(1) or compute(*a, **k))
    app = app_on(own_cache)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen) and app.screen.data == figures
        assert "At risk — 13 of 16 clients show warning signs" in screen_text(app)
    assert computed == ([] if saved else [1]), "Home is computed only when none is saved"
    assert home_store.saved_home_in(own_cache, today=TODAY, config=CONFIG) == figures, "saved for the next start"


async def test_home_without_saved_figures_opens_at_once_and_fills_in_when_they_come(app_on, own_cache, monkeypatch):
    from textual.events import ScreenResume

    from podview.figures import home

    forget_saved_home(own_cache)
    release = hold(monkeypatch, home, "home_data")
    app = app_on(own_cache)
    home_shown = asyncio.Event()

    def hook(message) -> None:
        if isinstance(message, ScreenResume) and isinstance(app.screen, HomeScreen):
            home_shown.set()

    async with app.run_test(size=SIZE, message_hook=hook) as pilot:
        await asyncio.wait_for(home_shown.wait(), 10)
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.screen.data is None and app.screen.query_one("#risk-panel").loading
        release.set()
        await settle(pilot)
        assert app.screen.data is not None
        assert "At risk — 13 of 16 clients show warning signs" in screen_text(app)


async def test_each_screen_reads_its_data_once_per_visit(app, monkeypatch):
    from podview.screens.context import DataScreen

    loads: list[str] = []
    reload = DataScreen.refresh_data

    def counting(self):
        loads.append(type(self).__name__)
        return reload(self)

    monkeypatch.setattr(DataScreen, "refresh_data", counting)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for key in ("6", "enter", "escape", "1", "enter", "escape", "o"):
            await pilot.press(key)
            await settle(pilot)
    assert loads.count("OutboxScreen") == 1
    assert loads.count("RiskScreen") == 1
    assert loads.count("ClientCardScreen") == 2
    assert loads.count("HomeScreen") == 0, "Home's data comes with it at launch"


async def test_screen_keys_work_while_a_card_is_still_loading(app, monkeypatch):
    from podview.screens.weekly import WeeklyScreen

    release = hold(monkeypatch, ClientCardScreen, "load")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ClientCardScreen)
        await pilot.press("2")
        await pilot.pause()
        release.set()
        await settle(pilot)
        assert isinstance(app.screen, WeeklyScreen)


async def test_the_other_screens_are_built_unseen_after_home_with_their_data(app_on, demo_cache):
    from podview.screens.registry import TOP_LEVEL

    app = app_on(demo_cache, warm_screens=True)
    async with app.run_test(size=SIZE) as pilot:
        await asyncio.wait_for(app.warming.finished.wait(), 30)
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen), "building screens ahead never leaves Home"
        assert "At risk — 13 of 16 clients show warning signs" in screen_text(app)
        for name in TOP_LEVEL:
            (screen,) = app.get_screen_stack(name)
            assert screen.data is not None, f"{name} was built without its data"
        weekly = app.get_screen_stack("weekly")[0]
        await pilot.press("2")
        await pilot.pause()
        assert app.screen is weekly, "the key shows the screen built ahead"
        assert "Weekly goals · 23–29 Nov" in screen_text(app), "its data was there before its key"


async def test_no_screen_is_built_ahead_over_a_card(app_on, demo_cache, monkeypatch):
    """A card (or a form) open on Home is left alone: building waits until the user is back on a screen."""
    from podview.tui import warming
    from podview.tui.navigation import stack_of

    app = app_on(demo_cache, warm_screens=True)
    monkeypatch.setattr(app.warming, "start", lambda: None)  # started below, once the card is up
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        card = app.screen
        await app.warming._next()  # the building timer's turn comes while the card is up
        await settle(pilot)
        assert app.screen is card and not app.warming.finished.is_set()
        assert not stack_of(app, "weekly"), "nothing is built under the card"
        await pilot.press("escape")
        warming.Warming.start(app.warming)
        await asyncio.wait_for(app.warming.finished.wait(), 30)
        assert isinstance(app.screen, HomeScreen) and stack_of(app, "weekly")
