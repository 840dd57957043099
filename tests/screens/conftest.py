"""Fixtures for the TUI: the demo agency built once, an app factory on it, and helpers to read the screen."""

from __future__ import annotations

import html
import re
import shutil
import threading
from datetime import date
from pathlib import Path

import pytest

from podview.app import make_app
from podview.config import Config
from podview.demo.build import build_demo_cache
from podview.screens.context import ViewContext

TODAY = date(2026, 11, 25)
CONFIG = Config(timezone="America/New_York")
SIZE = (100, 30)


@pytest.fixture
def anyio_backend() -> str:
    """Pilot tests run on asyncio through anyio's pytest plugin (anyio comes with httpx)."""
    return "asyncio"


@pytest.fixture(scope="session")
def demo_cache(tmp_path_factory) -> Path:
    """The demo agency, dated around TODAY; screens only read it, so one build serves every test."""
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    build_demo_cache(path, today=TODAY, config=CONFIG)
    return path


@pytest.fixture
def own_cache(demo_cache, tmp_path) -> Path:
    """A private copy of the demo cache, for tests that add rows."""
    path = tmp_path / "own.db"
    shutil.copy(demo_cache, path)
    return path


class FakeClock:
    """A monotonic clock that only moves when a test says so."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch) -> FakeClock:
    """Every MeetingTimer reads this clock: time stands still unless a test moves it."""
    fake = FakeClock()
    monkeypatch.setattr("podview.widgets.timer.monotonic", fake)
    return fake


@pytest.fixture
def own(demo_cache, tmp_path, clock) -> ViewContext:
    """A writable copy of the demo cache for a meeting, alone in its folder (minutes are saved beside it), on a still clock."""
    path = tmp_path / "cache" / "own.db"
    path.parent.mkdir()
    shutil.copy(demo_cache, path)
    return ViewContext(cache_path=path, config=CONFIG, today=TODAY)


@pytest.fixture
def context(demo_cache) -> ViewContext:
    return ViewContext(cache_path=demo_cache, config=CONFIG, today=TODAY)


@pytest.fixture
def app_on(tmp_path):
    """Build an app on a cache path (screenshots go to the test's folder).

    Screens are built when first shown, not in the background after Home:
    a test sees only the screens it opens (`warm_screens=True` to test warming).
    """

    def build(cache_path: Path, **kwargs):
        kwargs.setdefault("warm_screens", False)
        return make_app(
            ViewContext(cache_path=cache_path, config=CONFIG, today=TODAY),
            export_dir=tmp_path,
            **kwargs,
        )

    return build


@pytest.fixture
def app(app_on, demo_cache):
    """The app on the shared demo cache."""
    return app_on(demo_cache)


async def settle(pilot) -> None:
    """Let every worker finish and the screen catch up with what they sent."""
    for _ in range(3):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def screen_text(app) -> str:
    """Everything the terminal shows now, as plain text (from the SVG Textual would export)."""
    svg = app.export_screenshot()
    pieces = re.findall(r"<text [^>]*>(.*?)</text>", svg)
    return html.unescape("".join(pieces)).replace("\xa0", " ")


def notifications(app) -> list[str]:
    """Titles and messages of the notifications on show."""
    return [f"{note.title}: {note.message}" for note in app._notifications]


def hold(monkeypatch, owner, name: str) -> threading.Event:
    """Make `owner.name` wait (in its worker thread) until the returned event is set."""
    release = threading.Event()
    real = getattr(owner, name)

    def held(*args, **kwargs):
        release.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, name, held)
    return release
