"""One sync at a time per cache: a second one waits for the first (or, told not to wait, says so and exits 1)."""

from __future__ import annotations

import io
import os
import stat
import threading

import pytest

from podview.cli import main
from podview.cli.sync import run_sync
from podview.sync.lock import SyncLock, lock_path
from tests.sync.conftest import CONFIG, TODAY


@pytest.fixture
def env(small_fake, tmp_path, monkeypatch):
    """The command line pointed at the two-pod fake Asana, with its token; returns the cache path."""
    monkeypatch.setenv("PODVIEW_ASANA_URL", small_fake.base_url)
    monkeypatch.setenv("ASANA_TOKEN", small_fake.token)
    monkeypatch.setenv("PODVIEW_CONFIG", str(tmp_path / "config.toml"))
    (tmp_path / "config.toml").write_text('timezone = "America/New_York"\n')
    return tmp_path / "cache.db"


class HeldTerminal(io.StringIO):
    """The first sync's terminal: its first progress line (the lock is held by then) waits until `go` is set."""

    def __init__(self, holding: threading.Event, go: threading.Event) -> None:
        super().__init__()
        self.holding, self.go = holding, go

    def isatty(self) -> bool:
        return True

    def write(self, text: str) -> int:
        self.holding.set()
        assert self.go.wait(30), "the second sync never said it was waiting"
        return super().write(text)


class Watched(io.StringIO):
    """A stderr that sets `seen` when the line saying a sync waits is written."""

    def __init__(self, seen: threading.Event) -> None:
        super().__init__()
        self.seen = seen

    def write(self, text: str) -> int:
        if "waiting for it to finish" in text:
            self.seen.set()
        return super().write(text)


def test_a_second_sync_waits_for_the_first_and_both_succeed(env, small_fake):
    first_holds, second_waits = threading.Event(), threading.Event()
    first_err, first_out = HeldTerminal(first_holds, second_waits), io.StringIO()
    codes: list[int] = []
    first = threading.Thread(
        target=lambda: codes.append(run_sync(env, CONFIG, TODAY, full=False, audit=False, err=first_err, out=first_out))
    )
    first.start()
    assert first_holds.wait(30)

    second_err, second_out = Watched(second_waits), io.StringIO()
    second = run_sync(env, CONFIG, TODAY, full=False, audit=False, err=second_err, out=second_out)
    first.join(30)

    assert codes == [0] and second == 0, (first_err.getvalue(), second_err.getvalue())
    assert second_err.getvalue() == f"podview: another sync is running on {env}; waiting for it to finish…\n"
    assert first_out.getvalue().startswith("Synced 8 client projects in 2 pods and 2 training projects (full)")
    assert second_out.getvalue().startswith("Synced 8 client projects in 2 pods and 2 training projects (incremental)"), (
        "the second sync ran after the first had written the cache"
    )


def test_without_waiting_a_busy_cache_is_exit_1_and_no_request(env, small_fake, capsys):
    other = SyncLock(env)
    assert other.try_acquire()
    try:
        err, out = io.StringIO(), io.StringIO()
        code = run_sync(env, CONFIG, TODAY, full=False, audit=False, wait=False, err=err, out=out)
        assert code == 1 and out.getvalue() == ""
        assert err.getvalue().startswith(f"podview: another sync is running on {env}; try again when it has finished")
        assert small_fake.request_count() == 0
        assert main(["sync", "--no-wait", "--db", str(env), "--today", TODAY.isoformat()]) == 1
        assert "another sync is running" in capsys.readouterr().err
    finally:
        other.release()
    assert run_sync(env, CONFIG, TODAY, full=False, audit=False, wait=False, err=io.StringIO(), out=io.StringIO()) == 0


def test_a_failed_sync_lets_the_next_one_in(env, small_fake, monkeypatch):
    monkeypatch.setenv("ASANA_TOKEN", "1/not-a-token")
    err = io.StringIO()
    assert run_sync(env, CONFIG, TODAY, full=False, audit=False, err=err, out=io.StringIO()) == 2
    assert "401" in err.getvalue()
    after = SyncLock(env)
    assert after.try_acquire(), "the failed sync still holds the lock"
    after.release()


def test_the_lock_file_sits_beside_the_cache_readable_by_its_owner_only(env):
    lock = SyncLock(env)
    assert lock.try_acquire()
    lock.release()
    assert lock_path(env) == env.parent / "cache.db.sync.lock"
    if os.name == "posix":
        assert stat.S_IMODE(lock_path(env).stat().st_mode) == 0o600
