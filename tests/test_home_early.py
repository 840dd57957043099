"""Home's figures from a child process forked before the UI loads: the same figures, or none at all."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from podview import home_early
from podview.cache import open_reader
from podview.demo.build import build_demo_cache
from podview.figures.home import home_data
from tests.screens.conftest import CONFIG, TODAY

ON_LINUX = sys.platform.startswith("linux")


@pytest.fixture(scope="module")
def cache(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("early") / "demo.db"
    build_demo_cache(path, today=TODAY, config=CONFIG)
    return path


def in_process(cache: Path):
    conn = open_reader(cache)
    try:
        return home_data(conn, today=TODAY, zone=ZoneInfo(CONFIG.timezone), config=CONFIG)
    finally:
        conn.close()


CHILD_SCRIPT = """
import os, pickle, sys
from pathlib import Path
from podview import home_early
from tests.screens.conftest import CONFIG, TODAY
early = home_early.start(Path(sys.argv[1]), CONFIG, TODAY)
if early is None:
    outcome = ("not started", None)
else:
    figures = early.result()
    try:
        os.waitpid(early.pid, 0)
        reaped = False
    except ChildProcessError:
        reaped = True
    outcome = (reaped, figures)
sys.stdout.buffer.write(pickle.dumps(outcome))
"""


def forked(cache: Path):
    """(whether the child was reaped, its figures) from a process with no threads yet, as podview forks."""
    import pickle

    done = subprocess.run(
        [sys.executable, "-c", CHILD_SCRIPT, str(cache)],
        capture_output=True,
        check=True,
        cwd=Path(__file__).resolve().parents[1],
    )
    return pickle.loads(done.stdout)


def test_the_child_computes_exactly_what_home_would(cache):
    reaped, figures = forked(cache)
    if not ON_LINUX:
        assert reaped == "not started", "only Linux forks; elsewhere Home's worker computes the figures"
        return
    assert reaped is True and figures is not None
    assert figures == in_process(cache)
    assert figures.ranking and figures.pods, "the demo has clients at risk and pods"


def test_a_child_that_fails_gives_nothing_and_is_reaped(tmp_path):
    broken = tmp_path / "broken.db"
    broken.write_text("not a database")
    reaped, figures = forked(broken)
    if not ON_LINUX:
        assert reaped == "not started"
        return
    assert figures is None, "Home's worker then computes (and reports) it itself"
    assert reaped is True


def test_no_child_while_threads_run_or_without_a_cache(cache, tmp_path):
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert home_early.start(cache, CONFIG, TODAY) is None, "forking a threaded process is unsafe"
    finally:
        stop.set()
        thread.join()
    assert home_early.start(tmp_path / "none.db", CONFIG, TODAY) is None


HANGING_CHILD = """
import os, sys, threading, time
from podview.home_early import EarlyHome
if not sys.platform.startswith("linux"):
    print("not linux"); sys.exit()
reading, writing = os.pipe()
pid = os.fork()
if pid == 0:
    time.sleep(60)
    os._exit(0)
os.close(writing)
early = EarlyHome(pid, reading)
got = []
waiter = threading.Thread(target=lambda: got.append(early.result(wait=30)))
waiter.start()
time.sleep(0.2)
started = time.monotonic()
early.discard()  # the user quit while Home's worker still waited
waiter.join(10)
print(not waiter.is_alive(), got, round(time.monotonic() - started) < 5)
"""


def test_quitting_while_the_worker_waits_stops_the_child_and_frees_the_worker():
    done = subprocess.run(
        [sys.executable, "-c", HANGING_CHILD],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[1],
        timeout=60,
    )
    expected = "True [None] True" if ON_LINUX else "not linux"
    assert done.stdout.strip() == expected, done.stderr
