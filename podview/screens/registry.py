"""Every screen the app can show, by name, imported only when first shown.

The app asks for screens by name (`home`, `risk`, `client`, …) and never
imports a screen module up front: starting the app stays fast, and a screen
module that fails to import breaks only that screen, with a message.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any

from textual.screen import Screen


@dataclass(frozen=True)
class ScreenEntry:
    """Where a screen's class lives and how it is announced."""

    module: str
    class_name: str
    title: str
    """Shown in the footer, the help screen and the command palette."""
    help: str
    """One line for the command palette."""


SCREENS: dict[str, ScreenEntry] = {
    "home": ScreenEntry(
        "podview.screens.home", "HomeScreen", "Home", "every pod at a glance, clients at risk"
    ),
    "weekly": ScreenEntry(
        "podview.screens.weekly", "WeeklyScreen", "Weekly", "this week's goals by pod and client"
    ),
    "tactics": ScreenEntry(
        "podview.screens.tactics", "TacticsScreen", "Tactics", "wins and losses by tactic"
    ),
    "postponed": ScreenEntry(
        "podview.screens.postponed", "PostponedScreen", "Postponed", "postponed and moved deadlines"
    ),
    "pacing": ScreenEntry(
        "podview.screens.pacing", "PacingScreen", "Pacing", "90-day goals against the time used"
    ),
    "risk": ScreenEntry(
        "podview.screens.risk", "RiskScreen", "Risk", "clients ranked by risk, with reasons"
    ),
    "client": ScreenEntry(
        "podview.screens.client_card", "ClientCardScreen", "Client card", "one client on one screen"
    ),
    "people": ScreenEntry(
        "podview.screens.people", "PeopleScreen", "People", "staff scorecards, coaching and habits"
    ),
    "person": ScreenEntry(
        "podview.screens.person_card",
        "PersonCardScreen",
        "Person card",
        "one person's goals, setbacks, tests and training",
    ),
    "standup": ScreenEntry(
        "podview.screens.standup",
        "StandupScreen",
        "Pod stand-up",
        "a pod's meeting: last week, this week, postponed, decisions",
    ),
    "walkthrough": ScreenEntry(
        "podview.screens.walkthrough",
        "WalkthroughScreen",
        "Growth Team walkthrough",
        "every client's card in risk order, timed",
    ),
}
"""Screen name → where to find it. `client` needs a client gid, `person` a user gid; `standup` takes an optional
`pod=` (else it asks); the others only the context."""

MEETINGS = ("standup", "walkthrough")
"""Meeting screens: pushed on top of the current mode; each opens a meeting row while shown."""

TOP_LEVEL = ("home", "weekly", "tactics", "postponed", "pacing", "risk", "people")
"""The screens reached by a global key, in key order (1–7)."""

CLIENT_SAFE = ("client", "weekly")
"""The only screens shown while a client is watching (never People nor a person card)."""


class ScreenUnavailable(Exception):
    """A screen's module or class could not be loaded; the message says which and why."""


def screen_class(name: str) -> type[Screen]:
    """Import the screen's module (once; Python caches it) and return its class.

    A name this podview has no screen for is unavailable too, with a message.
    """
    entry = SCREENS.get(name)
    if entry is None:
        raise ScreenUnavailable(f"This podview has no {name} screen.")
    try:
        module = importlib.import_module(entry.module)
        return getattr(module, entry.class_name)
    except (ImportError, AttributeError) as error:
        raise ScreenUnavailable(
            f"The {entry.title} screen could not be loaded ({error})."
        ) from error


def screen_name(screen: Screen) -> str:
    """The name a user knows `screen` by: its title here (as keys 1–7 and the palette say it), else its own title."""
    titles = {entry.class_name: entry.title for entry in SCREENS.values()}
    return titles.get(type(screen).__name__) or screen.sub_title or "This screen"


def export_title(screen: Screen) -> str:
    """What a saved screenshot of `screen` is named after: the screen's own `export_title()`, else its name."""
    from podview.screens.requests import Exporting

    return screen.export_title() if isinstance(screen, Exporting) else screen_name(screen)


def build_screen(name: str, *args: Any, **kwargs: Any) -> Screen:
    """A new instance of the named screen."""
    return screen_class(name)(*args, **kwargs)
