"""Ids that sort by creation time, and the marker line that makes a write findable.

Asana has no idempotency keys, so every text podview writes ends with a line
naming the decision. After an unclear failure the sender looks for that line
on the target before sending again: the id is plain ASCII (Crockford base32,
no ambiguous letters), so Asana's plain-text handling, links and mentions
leave it intact, and a match needs nothing but the id itself.
"""

from __future__ import annotations

import os
import re
import threading
import time

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
MARKER_PREFIX = "— podview decision "
MARKER_RE = re.compile(r"podview decision ([0-9A-HJKMNP-TV-Z]{26})(?![0-9A-Z])")

_lock = threading.Lock()
_last = [0, 0]


def new_id(now_ms: int | None = None) -> str:
    """A 26-character ULID: 48 bits of milliseconds, 80 random bits; strictly increasing within a process.

    Two ids made in the same millisecond differ by incrementing the random
    part, so `ORDER BY id` is creation order even for decisions recorded in a burst.
    """
    with _lock:
        ms = int(time.time() * 1000) if now_ms is None else now_ms
        if ms <= _last[0]:
            ms, rand = _last[0], _last[1] + 1
        else:
            rand = int.from_bytes(os.urandom(10), "big") >> 1
        _last[0], _last[1] = ms, rand
    return _encode(ms, 10) + _encode(rand, 16)


def _encode(value: int, length: int) -> str:
    chars = []
    for _ in range(length):
        chars.append(ALPHABET[value & 31])
        value >>= 5
    return "".join(reversed(chars))


def marker_line(decision_id: str) -> str:
    """The last line of every text podview writes for `decision_id`."""
    return MARKER_PREFIX + decision_id


def with_marker(text: str | None, decision_id: str) -> str:
    """`text` followed by a blank line and the marker (just the marker when there is no text)."""
    body = (text or "").rstrip()
    return f"{body}\n\n{marker_line(decision_id)}" if body else marker_line(decision_id)


def markers_in(text: str | None) -> set[str]:
    """Every decision id marked in `text`."""
    return set(MARKER_RE.findall(text or ""))
