"""`podview setup`'s screens driven by Pilot against the fake Asana serving the agency under its own names.

Accept the proposal, change one choice, write; the written file loads, and a
sync with it gives the reports of the same agency under default names.
"""

from __future__ import annotations

import asyncio

import pytest

from podview.config import load_config
from podview.screens import setup_steps
from podview.screens.setup import SetupScreen
from podview.sync.client import AsanaClient
from podview.sync.proposal import propose, setup_config
from podview.sync.survey import survey
from podview.tui.setup_app import SetupApp
from tests.fake_asana import FakeAsana
from tests.fake_asana.renamed import default_names, team_names
from tests.screens.conftest import screen_text, settle
from tests.setup.conftest import sync_with
from tests.sync.conftest import CONFIG, assert_same_reports, reports

STEPS = len(setup_steps.steps())


async def through(pilot, *keys: str) -> None:
    await settle(pilot)
    await pilot.press(*keys)
    await settle(pilot)


def shown(app) -> SetupScreen:
    assert isinstance(app.screen, SetupScreen)
    return app.screen


def test_accept_change_one_choice_write_then_sync_gives_the_default_reports(serve, own_names, two_pods, env, tmp_path):
    serve(own_names)
    path = env / "config.toml"
    app = SetupApp(path, None)

    async def drive():
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            screen = shown(app)
            assert "Step 1 of 26 · [pods]" in screen_text(app)
            assert "Squad 1 · Atlas" in screen_text(app) and "Leadership" in screen_text(app)
            assert "matching ^Squad\\b" in screen_text(app)
            await through(pilot, "p")
            assert "list them by name" in screen_text(app)
            await through(pilot, "n")
            assert "[fields] type" in screen_text(app) and "Task type" in screen_text(app)
            await through(pilot, *["n"] * (STEPS - 2))
            assert screen.step.kind == "preview"
            text = screen_text(app)
            assert "Pods: Squad 1 · Atlas, Squad 2 · Beacon" in text and "has what it needs" in text
            await through(pilot, "w")
        return app.return_value

    assert asyncio.run(drive()) == path
    written = load_config(path)
    assert written.pods.teams == ("Squad 1 · Atlas", "Squad 2 · Beacon") and written.fields.result == "Outcome"
    assert not sync_with(own_names, tmp_path / "own.db", written).partial
    sync_with(two_pods, tmp_path / "default.db", CONFIG)
    assert_same_reports(default_names(reports(tmp_path / "own.db"), team_names(two_pods)), reports(tmp_path / "default.db"))


def test_a_pick_changed_re_proposes_the_options_esc_goes_back_and_q_writes_nothing(serve, own_names, env):
    serve(own_names)
    path = env / "config.toml"
    path.write_text("# mine\n")
    app = SetupApp(path, None)

    async def drive():
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            screen = shown(app)
            await through(pilot, "n", "down", "n")
            assert screen.step.key == "tactic"
            assert screen.proposal.fields["type"].name == "Test area" and screen.proposal.fields["weekly_goal"].value is None
            await through(pilot, "escape", "up", "n")
            assert screen.proposal.fields["type"].name == "Task type" and screen.proposal.fields["weekly_goal"].value == "Weekly target"
            await through(pilot, "n")
            assert screen.step.key == "result"
            await through(pilot, "escape")
            assert screen.step.key == "tactic"
            await through(pilot, *["n"] * (STEPS - 3))
            await through(pilot, "w")
            assert screen.confirming and "kept as config.toml.bak) · Esc: keep it" in screen_text(app)
            await through(pilot, "escape")
            assert screen.step.kind == "preview" and path.read_text() == "# mine\n"
            await through(pilot, "q")
        return app.return_value

    assert asyncio.run(drive()) is None
    assert path.read_text() == "# mine\n" and not (env / "config.toml.bak").exists()


def test_an_existing_file_is_replaced_when_asked_twice_and_kept_as_bak(serve, own_names, env):
    serve(own_names)
    path = env / "config.toml"
    path.write_text('[keys]\n"go.risk" = "r"\n')
    app = SetupApp(path, load_config(path))

    async def drive():
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            await through(pilot, *["n"] * (STEPS - 1))
            await through(pilot, "w", "w")
        return app.return_value

    assert asyncio.run(drive()) == path
    assert (env / "config.toml.bak").read_text() == '[keys]\n"go.risk" = "r"\n'
    written = load_config(path)
    assert written.keys == {"go.risk": "r"} and written.pods.pattern == r"^Squad\b"


def test_no_token_is_said_and_q_leaves(env, monkeypatch):
    monkeypatch.delenv("ASANA_TOKEN", raising=False)
    monkeypatch.setattr("podview.sync.setup_read.resolve_token", lambda: None)
    app = SetupApp(env / "config.toml", None)

    async def drive():
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            assert "podview auth login" in screen_text(app)
            await through(pilot, "q")
        return app.return_value

    assert asyncio.run(drive()) is None


@pytest.fixture(scope="module")
def surveyed(own_names):
    async def go(fake):
        async with AsanaClient(fake.token, url=fake.base_url) as client:
            return await survey(client, setup_config(None))

    with FakeAsana(own_names, record_bodies=False) as fake:
        return asyncio.run(go(fake))


@pytest.mark.parametrize("size", [(80, 24), (200, 60)], ids=["80x24", "200x60"])
def test_snapshot_the_result_step(snap_compare, surveyed, tmp_path, size):
    async def reader(existing, timezone):
        return surveyed, propose(surveyed, timezone)

    app = SetupApp(tmp_path / "config.toml", None, reader=reader, timezone="America/New_York")
    assert snap_compare(app, terminal_size=size, run_before=lambda pilot: through(pilot, "n", "n", "n"))
