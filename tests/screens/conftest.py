"""Fixtures for the TUI: the demo agency built once, an app factory on it, and helpers to read the screen."""

from __future__ import annotations

import asyncio
import html
import re
import shutil
import threading
import weakref
from datetime import date
from pathlib import Path

import pytest
from textual.app import App

from podview.config import Config
from podview.demo.build import build_demo_cache
from podview.screens.context import ViewContext
from podview.tui.app import make_app

TODAY = date(2026, 11, 25)
CONFIG = Config(timezone="America/New_York")
SIZE = (100, 30)


@pytest.fixture(autouse=True)
def documents(tmp_path, monkeypatch) -> Path:
    """The user's documents folder is the test's own: exports never land in the real one."""
    import platformdirs

    folder = tmp_path / "Documents"
    monkeypatch.setattr(platformdirs, "user_documents_path", lambda: folder)
    return folder


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

    Screens are built when first shown, not ahead after Home: a test sees
    only the screens it opens (`warm_screens=True` to test building ahead).
    """

    def build(cache_path: Path, **kwargs):
        kwargs.setdefault("warm_screens", False)
        kwargs.setdefault("export_dir", tmp_path)
        return make_app(ViewContext(cache_path=cache_path, config=CONFIG, today=TODAY), **kwargs)

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


class Notes:
    """The notifications one app has raised, as `title: message`, and a wait for one to come."""

    def __init__(self) -> None:
        self.said: list[str] = []
        self._lock = threading.Lock()
        self._waiting: list[tuple[str, asyncio.AbstractEventLoop, asyncio.Event]] = []

    def add(self, note: str) -> None:
        """Record a notification (on whichever thread raised it) and wake whoever waits for it."""
        with self._lock:
            self.said.append(note)
            waiting = [(loop, event) for words, loop, event in self._waiting if words in note]
        for loop, event in waiting:
            loop.call_soon_threadsafe(event.set)

    async def heard(self, words: str, timeout: float) -> str:
        event = asyncio.Event()
        with self._lock:
            found = [note for note in self.said if words in note]
            if not found:
                self._waiting.append((words, asyncio.get_running_loop(), event))
        if not found:
            try:
                await asyncio.wait_for(event.wait(), timeout)
            except TimeoutError:
                raise AssertionError(
                    f"no notification said {words!r}; there were {self.said}"
                ) from None
            found = [note for note in self.said if words in note]
        return found[0]


_notes: weakref.WeakKeyDictionary[App, Notes] = weakref.WeakKeyDictionary()
_notes_lock = threading.Lock()


def _notes_of(app: App) -> Notes:
    with _notes_lock:
        return _notes.setdefault(app, Notes())


@pytest.fixture(autouse=True)
def record_notifications(monkeypatch):
    """Every App.notify call (screens' notify goes through it too) is noted for `notifications`."""
    real = App.notify

    def notify(self, message: str, *, title: str = "", **kwargs) -> None:
        _notes_of(self).add(f"{title}: {message}")
        real(self, message, title=title, **kwargs)

    monkeypatch.setattr(App, "notify", notify)


def notifications(app) -> list[str]:
    """Titles and messages of every notification the app has raised, in order."""
    return list(_notes_of(app).said)


async def said(app, words: str, timeout: float = 30) -> str:
    """Wait until the app raises a notification containing `words` (at once if it has); returns it."""
    return await _notes_of(app).heard(words, timeout)


async def reaches(node, attribute: str, wanted, timeout: float = 10):
    """Wait until the reactive `attribute` of `node` takes a value `wanted(value)` accepts (at once if it has).

    The node's own watcher tells, so the test waits exactly as long as the app takes.
    """
    reached = asyncio.Event()

    def check(value) -> None:
        if wanted(value):
            reached.set()

    node.watch(node, attribute, check)
    try:
        await asyncio.wait_for(reached.wait(), timeout)
    except TimeoutError:
        raise AssertionError(
            f"{attribute} never took the value wanted; it is {getattr(node, attribute)!r}"
        ) from None
    return getattr(node, attribute)


class Held:
    """A call made to wait in its worker thread: `reached()` once it waits, `set()` lets it go on."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self.waiting = threading.Event()

    def set(self) -> None:
        self.release.set()

    async def reached(self, timeout: float = 10) -> None:
        """Wait until the held call has been made (the app's worker is waiting in it)."""
        assert await asyncio.to_thread(self.waiting.wait, timeout), "the held call was never made"


def hold(monkeypatch, owner, name: str) -> Held:
    """Make `owner.name` wait (in its worker thread) until the returned `Held` is set."""
    held = Held()
    real = getattr(owner, name)

    def waiting(*args, **kwargs):
        held.waiting.set()
        held.release.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, name, waiting)
    return held


@pytest.fixture(scope="session")
def small_dump():
    """A two-pod, eight-client agency as Asana would serve it, built once for the meeting tests that sync."""
    from podview.demo.generator import build_dump

    return build_dump(TODAY, clients=8)


@pytest.fixture
def asana(small_dump, monkeypatch):
    """The fake Asana serving `small_dump`, with the app pointed at it; retries come at once."""
    from podview.sync.client import AsanaClient
    from tests.fake_asana import FakeAsana

    monkeypatch.setattr(AsanaClient, "_delay", lambda self, attempt: 0.0)
    with FakeAsana(small_dump, record_bodies=False) as fake:
        monkeypatch.setenv("PODVIEW_ASANA_URL", fake.base_url)
        monkeypatch.setenv("ASANA_TOKEN", fake.token)
        yield fake
    assert fake.crashes == [], fake.crashes[:1]
