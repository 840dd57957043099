"""One sync at a time per cache: a lock on a file beside it, `<cache>.sync.lock`.

Two syncs into one cache (a cron job and a person, the app's `s` and a
command) would share the staging file and race for SQLite's write lock; the
loser died with "database is locked". Each sync holds this lock for its whole
run, and a second one waits for it (or, asked not to wait, says so).

The lock is the operating system's, not the file's existence: `fcntl.flock`
on POSIX, `msvcrt.locking` on Windows. Either is released when its holder
ends, however it ends (a crash, `kill -9`), so a stale lock never blocks the
next sync. The file itself stays (removing it would let two syncs lock two
different files of the same name); it is empty and readable by its owner only.
Decisions do not take this lock: they wait on SQLite's own, briefly.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]
    import msvcrt

POLL_SECONDS = 0.2
"""How often a waiting sync tries the lock again (a wait is cancellable between tries)."""


class SyncBusyError(Exception):
    """Another sync holds the cache's lock, and this one was asked not to wait."""

    def __init__(self, cache_path: Path) -> None:
        super().__init__(f"another sync is running on {cache_path}")
        self.cache_path = cache_path


def lock_path(cache_path: Path) -> Path:
    """`<cache>.sync.lock`, beside the cache."""
    cache_path = Path(cache_path)
    return cache_path.with_name(cache_path.name + ".sync.lock")


class SyncLock:
    """The lock of one cache, taken without blocking."""

    def __init__(self, cache_path: Path) -> None:
        self.path = lock_path(cache_path)
        self._fd: int | None = None

    def try_acquire(self) -> bool:
        """Take the lock if it is free; False when another holder has it."""
        if self._fd is not None:
            raise RuntimeError("this lock is already held")
        self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            if _lock(fd):
                self._fd = fd
                return True
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)
        return False

    def release(self) -> None:
        """Let the next sync in."""
        fd, self._fd = self._fd, None
        if fd is not None:
            _unlock(fd)
            os.close(fd)


@asynccontextmanager
async def holding(cache_path: Path, *, wait: bool = True, on_wait: Callable[[], None] | None = None) -> AsyncIterator[None]:
    """Hold the cache's sync lock for the block.

    When another sync holds it: with `wait`, call `on_wait` once and try again
    every POLL_SECONDS until it is free; without, raise SyncBusyError.
    """
    lock = SyncLock(cache_path)
    if not lock.try_acquire():
        if not wait:
            raise SyncBusyError(Path(cache_path))
        if on_wait is not None:
            on_wait()
        while not lock.try_acquire():
            await asyncio.sleep(POLL_SECONDS)
    try:
        yield
    finally:
        lock.release()


def _lock(fd: int) -> bool:
    if fcntl is not None:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True
    try:
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    except OSError:
        return False
    return True


def _unlock(fd: int) -> None:
    if fcntl is not None:
        fcntl.flock(fd, fcntl.LOCK_UN)
    else:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
