"""Command palette providers: screens, pods, clients and actions, as the app offers them.

The app decides what may be offered (client-safe mode offers no other
client); a provider only matches the user's typing against that list.
It is the app's, not a reusable widget: it names the app's screens (from
`screens.registry`) and calls the app's actions, so it lives beside the app.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from textual.command import DiscoveryHit, Hit, Hits, Provider

from podview.screens.registry import (
    CLIENT_SAFE,
    SCREENS,
    TOP_LEVEL,
    ScreenUnavailable,
    build_screen,
)


@dataclass(frozen=True)
class PaletteItem:
    """One thing the palette can do."""

    text: str
    help: str
    callback: Callable[[], object]
    discover: bool = True
    """Shown before anything is typed (screens and actions; not every client)."""


def app_commands(app: Any) -> list[PaletteItem]:
    """What ctrl+p offers: screens, pods, clients and actions, minus what client-safe mode hides."""
    items = []
    if app.has_cache:
        names = CLIENT_SAFE if app.client_safe else TOP_LEVEL
        items += [
            PaletteItem(f"Go to {SCREENS[n].title}", SCREENS[n].help, partial(app.action_go, n))
            for n in names
        ]
    if app.has_cache and not app.client_safe:
        items += [
            PaletteItem(
                f"Pod: {pod}", "its clients on the Risk radar", partial(app.show_pod, pod), False
            )
            for pod in app.directory.pods
        ]
        items += meeting_commands(app)
        items += [
            PaletteItem(
                f"Client: {client.name}",
                f"{client.pod or 'no pod'} — open the card",
                partial(app.open_client, client.gid),
                False,
            )
            for client in app.directory.clients
        ]
    items += [
        PaletteItem(
            "Presenter mode on/off",
            "high contrast and more room, for a projector",
            app.action_toggle_presenter,
        ),
        PaletteItem(
            "Export this screen as SVG", f"saved in {app.export_dir}", app.action_export_svg
        ),
        PaletteItem("Keys", "every key on this screen, with its id", app.action_help),
    ]
    if app.has_cache:
        word = "off" if app.client_safe else "on…"
        items.append(
            PaletteItem(
                f"Client-safe mode {word}",
                "one client's card and weekly progress only",
                app.action_toggle_client_safe,
            )
        )
    return items


def meeting_commands(app: Any) -> list[PaletteItem]:
    """Start a pod's stand-up (one item per pod, plus one that asks) or the Growth Team walkthrough.

    Meetings show every client of a pod or of the agency, so client-safe mode never offers them.
    """
    start = partial(start_meeting_screen, app)
    items = [
        PaletteItem(
            "Start Growth Team walkthrough",
            SCREENS["walkthrough"].help,
            partial(start, "walkthrough"),
        ),
        PaletteItem(
            "Start pod stand-up…", "choose the pod, then walk its agenda", partial(start, "standup")
        ),
    ]
    items += [
        PaletteItem(
            f"Start pod stand-up: {pod}",
            SCREENS["standup"].help,
            partial(start, "standup", pod=pod),
            False,
        )
        for pod in app.directory.pods
    ]
    return items


def start_meeting_screen(app: Any, name: str, **kwargs: Any) -> None:
    """Push a meeting screen over the current one; a screen that cannot load is a notification."""
    try:
        screen = build_screen(name, app.context, **kwargs)
    except ScreenUnavailable as error:
        app.notify(
            f"{error} Other screens still work.", title="Screen unavailable", severity="error"
        )
        return
    app.push_screen(screen)


def client_safe_choices(app: Any) -> list[PaletteItem]:
    """The clients a client-safe view can be started for."""
    return [
        PaletteItem(
            f"Client-safe view for {client.name}",
            client.pod or "no pod",
            partial(app.start_client_safe, client.gid),
        )
        for client in app.directory.clients
    ]


class _ItemsProvider(Provider):
    """Matches typing against the items `items_for(app)` lists."""

    @staticmethod
    def items_for(app: Any) -> list[PaletteItem]:
        raise NotImplementedError

    def _items(self) -> list[PaletteItem]:
        return self.items_for(self.app)

    async def discover(self) -> Hits:
        for item in self._items():
            if item.discover:
                yield DiscoveryHit(item.text, item.callback, help=item.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for item in self._items():
            score = matcher.match(item.text)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(item.text),
                    item.callback,
                    text=item.text,
                    help=item.help,
                )


class PodviewCommands(_ItemsProvider):
    """Screens, pods, clients and actions."""

    items_for = staticmethod(app_commands)


class ClientSafeChoices(_ItemsProvider):
    """The clients client-safe mode can be started for."""

    items_for = staticmethod(client_safe_choices)
