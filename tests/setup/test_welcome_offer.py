"""The welcome screen offers setup when Asana answers and the config finds no pod there; setup's config then syncs."""

from __future__ import annotations

import asyncio

from podview.cache import open_reader
from podview.config import Config
from podview.screens.context import ViewContext
from podview.screens.setup import SetupScreen
from podview.screens.welcome import WelcomeScreen
from podview.tui.app import make_app
from tests.screens.conftest import screen_text, settle
from tests.setup.test_setup_screens import STEPS, through
from tests.sync.conftest import TODAY

DEFAULTS = Config(timezone="America/New_York")


def app_on(env):
    return make_app(ViewContext(cache_path=env / "cache.db", config=DEFAULTS, today=TODAY), export_dir=env, warm_screens=False)


def test_own_names_offer_setup_and_the_written_config_syncs(serve, own_names, env):
    serve(own_names)
    app = app_on(env)

    async def drive():
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            assert isinstance(app.screen, WelcomeScreen) and app.screen.setup_offered
            assert "config finds no pod" in screen_text(app)
            await through(pilot, "c")
            assert isinstance(app.screen, SetupScreen)
            await through(pilot, *["n"] * (STEPS - 1))
            await through(pilot, "w")
            for _ in range(50):
                if app.has_cache:
                    break
                await settle(pilot)
            return app.context.config

    config = asyncio.run(drive())
    assert config.pods.pattern == r"^Squad\b" and config.source == str(env / "config.toml")
    conn = open_reader(env / "cache.db")
    try:
        assert [row[0] for row in conn.execute("SELECT name FROM pods ORDER BY name")] == ["Squad 1 · Atlas", "Squad 2 · Beacon"]
    finally:
        conn.close()


def test_default_names_offer_nothing(serve, two_pods, env):
    serve(two_pods)
    app = app_on(env)

    async def drive():
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            await pilot.press("c")
            await settle(pilot)
            return app.screen

    screen = asyncio.run(drive())
    assert isinstance(screen, WelcomeScreen) and not screen.setup_offered
