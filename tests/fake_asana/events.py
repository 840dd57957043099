"""Event streams with sync tokens, as GET /events serves them (facts §5, L600-650, L16547-16697).

Only resources that had an event own a stream, and a token is a position in
one stream, so a 50,000-task workspace costs nothing until something changes.
A token, once read, is frozen to the answer it gave: re-requesting the current
token "will always return the same results" and the same next token.
"""

from __future__ import annotations

import hashlib
import itertools
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

PAGE = 100
"""Asana limits a single sync token to 100 events (then `has_more`)."""


@dataclass
class _Token:
    resource: str
    start: int
    answer: tuple[list[dict[str, Any]], str, bool] | None = None


class EventStreams:
    """Per-resource append-only event logs and the sync tokens that point into them."""

    def __init__(self, seed: int = 0) -> None:
        self._streams: dict[str, list[dict[str, Any]]] = defaultdict(list)
        self._tokens: dict[str, _Token] = {}
        self._seed = seed
        self._serial = itertools.count(1)

    def append(self, resources: Iterable[str], event: dict[str, Any]) -> None:
        """Record one event on every stream it bubbles up to (each stream once)."""
        for resource in dict.fromkeys(resources):
            self._streams[resource].append(event)

    def fresh(self, resource: str) -> str:
        """A new token for `resource`: events from now on."""
        return self._issue(resource, len(self._streams.get(resource, ())))

    def read(self, resource: str, token: str) -> tuple[list[dict[str, Any]], str, bool] | None:
        """(events, next token, has_more) for a valid token of `resource`, else None (→ 412)."""
        state = self._tokens.get(token)
        if state is None or state.resource != resource:
            return None
        if state.answer is None:
            stream = self._streams.get(resource, [])
            end = min(state.start + PAGE, len(stream))
            state.answer = (
                stream[state.start : end],
                self._issue(resource, end),
                end < len(stream),
            )
        return state.answer

    def expire(self, resource: str | None = None) -> None:
        """Invalidate every token (of one resource, or all): the next call answers 412."""
        self._tokens = {
            token: state
            for token, state in self._tokens.items()
            if resource is not None and state.resource != resource
        }

    def count(self, resource: str) -> int:
        """How many events `resource`'s stream holds (for tests)."""
        return len(self._streams.get(resource, ()))

    def _issue(self, resource: str, start: int) -> str:
        """An opaque token (32 hex digits, like Asana's) for a position in a stream."""
        raw = f"{self._seed}:{next(self._serial)}:{resource}:{start}".encode()
        token = hashlib.sha256(raw).hexdigest()[:32]
        self._tokens[token] = _Token(resource, start)
        return token
