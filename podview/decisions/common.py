"""What the decision modules share: user-facing errors, the clock, row reading, id prefixes."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any


class DecisionError(Exception):
    """Something the user can fix or must know; the message is printed as is, never a traceback."""


@dataclass(frozen=True)
class Problem:
    """One rule an input breaks: the input's key (`to`; None when no one input is to blame) and the fix."""

    key: str | None
    message: str

    @property
    def line(self) -> str:
        """The problem on a line of its own among others, led by its option so each can be told apart."""
        if self.key is None:
            return self.message
        option = f"--{self.key}"
        return f"{option}: {self.message.removeprefix(option + ' ')}"


class ValidationError(DecisionError):
    """A decision (or meeting) breaks rules; the message says which and how to fix each.

    `problems` keeps them apart, each with its input, so a form can put each
    under its field; the message is the one problem as it was always said, or
    a line per problem for the command line.
    """

    def __init__(self, message: str = "", problems: Iterable[Problem] = ()) -> None:
        self.problems = tuple(problems) or (Problem(None, message),)
        super().__init__(message or said(self.problems))

    @property
    def in_one_line(self) -> str:
        """Every problem in one sentence, for a message that goes on (an outbox row's error, a retry's refusal)."""
        return "; ".join(problem.message for problem in self.problems)


def said(problems: tuple[Problem, ...]) -> str:
    """Several problems as the command line prints them; one problem in its own words."""
    if len(problems) == 1:
        return problems[0].message
    return "\n".join([f"{len(problems)} problems:", *(problem.line for problem in problems)])


class NotFoundError(DecisionError):
    """No meeting or decision matches the id (or prefix) given."""


class BusyError(DecisionError):
    """Another podview process is sending decisions from this cache right now."""


def utc_now() -> str:
    """The current instant as the cache stores timestamps: ISO 8601 UTC with milliseconds and `Z`."""
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def parse_stamp(text: str | None) -> datetime | None:
    """A stored `…Z` timestamp as an aware datetime (None for blank)."""
    if not text:
        return None
    return datetime.fromisoformat(text)


def connection(db: Any) -> sqlite3.Connection:
    """The sqlite3 connection of a sqlite-utils Database, or the connection itself."""
    return getattr(db, "conn", db)


def rows(db: Any, sql: str, params: list | tuple = ()) -> list[dict[str, Any]]:
    """Query results as dicts, whatever row factory the connection has."""
    cursor = connection(db).execute(sql, list(params))
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, tuple(row))) for row in cursor.fetchall()]


def one(db: Any, sql: str, params: list | tuple = ()) -> dict[str, Any] | None:
    """The first row of a query as a dict, or None."""
    found = rows(db, sql, params)
    return found[0] if found else None


def resolve_id(db: Any, table: str, ref: str, what: str) -> str:
    """The full id in `table` that `ref` names exactly or as a unique prefix (ids are long to type)."""
    ref = (ref or "").strip().upper()
    if not ref:
        raise NotFoundError(f"no {what} id given")
    exact = one(db, f"SELECT id FROM {table} WHERE id = ?", [ref])
    if exact:
        return exact["id"]
    found = rows(db, f"SELECT id FROM {table} WHERE id LIKE ? ORDER BY id LIMIT 3", [ref + "%"])
    if not found:
        raise NotFoundError(f"no {what} with id {ref!r}; `podview {'meeting list' if table == 'meetings' else 'decisions'}` lists them")
    if len(found) > 1:
        raise NotFoundError(f"{ref!r} matches several {what}s ({', '.join(r['id'] for r in found[:2])}, …); give more of the id")
    return found[0]["id"]
