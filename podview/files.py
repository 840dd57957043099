"""Files only their owner can read: the cache, its staging file, exports and minutes.

A cache holds client revenue, staff figures and meeting comments, so
everything podview writes is created `0600` and podview's own folders `0700`
(folders a user named, such as `/tmp` for `--db /tmp/x.db`, are left as they
are). SQLite gives a database's `-wal` and `-shm` files the database's own
mode, so a private cache keeps private companions. On systems without POSIX
modes (Windows) these calls change nothing.
"""

from __future__ import annotations

import os
from pathlib import Path

PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700
COMPANIONS = ("-wal", "-shm", "-journal")
"""The files SQLite keeps beside a database."""


def private_umask() -> None:
    """Make every file this process creates readable by its owner only (the command line sets it once)."""
    os.umask(0o077)


def make_private_dir(folder: Path) -> None:
    """Create `folder` and any missing parents as 0700; an existing folder keeps its mode."""
    missing = []
    current = Path(folder)
    while not current.exists() and current != current.parent:
        missing.append(current)
        current = current.parent
    for path in reversed(missing):
        try:
            path.mkdir(mode=PRIVATE_DIR)
        except FileExistsError:
            continue
        _chmod(path, PRIVATE_DIR)


def tighten_dir(folder: Path) -> None:
    """Make one of podview's own folders (the data dir, the exports folder) 0700."""
    make_private_dir(folder)
    _chmod(folder, PRIVATE_DIR)


def create_private_file(path: Path, make_parents: bool = True) -> None:
    """Create `path` empty as 0600 if it does not exist, so that no other user can ever read it."""
    if make_parents:
        make_private_dir(path.parent)
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE_FILE)
    except FileExistsError:
        return
    os.close(fd)


def tighten_file(path: Path, companions: bool = False) -> None:
    """Make an existing file (and, for a database, its SQLite companions) 0600."""
    paths = [path] + ([Path(f"{path}{suffix}") for suffix in COMPANIONS] if companions else [])
    for each in paths:
        if each.exists():
            _chmod(each, PRIVATE_FILE)


def write_private(path: Path, text: str, make_parents: bool = False) -> Path:
    """Write `text` to `path` as a 0600 file (an existing file is tightened too).

    A missing folder is an error unless `make_parents`: where a user named
    the folder, a typo must not quietly create a new one.
    """
    create_private_file(path, make_parents)
    _chmod(path, PRIVATE_FILE)
    path.write_text(text, encoding="utf-8")
    return path


_UNSAFE = str.maketrans({char: " " for char in '/\\:*?"<>|'})
"""Characters a file name cannot hold on some system podview runs on."""


def readable_name(day: object, what: str) -> str:
    """`2026-12-07 Pod Atlas stand-up`: the day, then what was saved, as a person would name the file."""
    cleaned = "".join(char for char in what.translate(_UNSAFE) if char.isprintable())
    words = " ".join(cleaned.split()).strip(" .") or "podview"
    return f"{day.isoformat()} {words}"


def write_new_private(folder: Path, stem: str, suffix: str, text: str) -> Path:
    """Write `text` to `folder/stem suffix` as a new 0600 file; `stem 2`, `stem 3`… when taken, never over one.

    The folder is created (0700) when missing: it is podview's exports folder,
    named once in the config, not a path typed for this one file.
    """
    make_private_dir(folder)
    for number in range(1, 10_000):
        path = folder / (f"{stem}{suffix}" if number == 1 else f"{stem} {number}{suffix}")
        try:
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE_FILE)
        except FileExistsError:
            continue
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        return path
    raise FileExistsError(f"{folder}: every name for {stem}{suffix} is taken")


def _chmod(path: Path, mode: int) -> None:
    """Set a mode where we own the file; a file of someone else's is left alone (not ours to change)."""
    try:
        if os.name == "posix" and path.stat().st_uid == os.getuid():
            os.chmod(path, mode)
    except OSError:
        pass


def own_data_dir() -> Path:
    """podview's folder in the user data dir (where the cache and the demo live by default)."""
    from platformdirs import user_data_path

    return user_data_path("podview")
